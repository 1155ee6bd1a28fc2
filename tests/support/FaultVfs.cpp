// A wrapper VFS (ForwardingVfs.h): every sqlite3_file it opens holds the default VFS's file right
// behind its own header; reads, writes and syncs are counted and the armed one fails.
#include "FaultVfs.h"

#include "ForwardingVfs.h"
#include "storage/TestHooks.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <sqlite3.h>
#include <sys/stat.h>

namespace cd::test {

namespace {

struct State
{
    std::array<int, 3> counts{};
    bool armed = false;
    FaultVfs::Op op = FaultVfs::Op::Write;
    int n = 0;
    int code = SQLITE_IOERR;
    bool sticky = false;
    bool fired = false;
    int injectedTotal = 0;
    bool readOnly = false;
};

State& state()
{
    static State s;
    return s;
}

sqlite3_vfs* g_real = nullptr;

bool shouldFail(FaultVfs::Op op)
{
    State& s = state();
    const int seen = ++s.counts[std::size_t(op)];
    if (!s.armed || op != s.op || seen < s.n || (seen > s.n && !s.sticky))
        return false;
    s.fired = true;
    ++s.injectedTotal;
    return true;
}

using FaultFile = forwarding::File;
using forwarding::real;

int xRead(sqlite3_file* f, void* buf, int amount, sqlite3_int64 offset)
{
    if (shouldFail(FaultVfs::Op::Read))
        return state().code;
    return real(f)->pMethods->xRead(real(f), buf, amount, offset);
}

int xWrite(sqlite3_file* f, const void* buf, int amount, sqlite3_int64 offset)
{
    if (state().readOnly)
        return SQLITE_READONLY;
    if (shouldFail(FaultVfs::Op::Write))
        return state().code;
    return real(f)->pMethods->xWrite(real(f), buf, amount, offset);
}

int xTruncate(sqlite3_file* f, sqlite3_int64 size)
{
    if (shouldFail(FaultVfs::Op::Write))
        return state().code;
    return real(f)->pMethods->xTruncate(real(f), size);
}

int xSync(sqlite3_file*, int flags)
{
    if (shouldFail(FaultVfs::Op::Sync))
        return state().code;
    // Counted and failable, but not passed on: these tests check what SQLite does when a sync
    // fails, not durability across a power cut, and real fsyncs made a sweep ten times slower.
    (void)flags;
    return SQLITE_OK;
}

const sqlite3_io_methods kMethods = [] {
    sqlite3_io_methods m = forwarding::ioMethods();
    m.xRead = xRead;
    m.xWrite = xWrite;
    m.xTruncate = xTruncate;
    m.xSync = xSync;
    return m;
}();

bool fileExists(const char* path)
{
    struct stat st
    {
    };
    return ::stat(path, &st) == 0;
}

int vfsOpen(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* outFlags)
{
    auto* ff = reinterpret_cast<FaultFile*>(file);
    ff->base.pMethods = nullptr;
    ff->real = reinterpret_cast<sqlite3_file*>(ff + 1);
    if (state().readOnly && (flags & SQLITE_OPEN_READWRITE)) {
        // What the unix VFS does on EACCES: a file that cannot be created (read-only folder) fails
        // to open; an existing one is opened read-only instead.
        if (!name || !fileExists(name))
            return SQLITE_CANTOPEN;
        flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
    }
    const int rc = g_real->xOpen(g_real, name, ff->real, flags, outFlags);
    if (ff->real->pMethods) {
        if (ff->real->pMethods->iVersion < 3) {
            std::fprintf(stderr, "FaultVfs: the default VFS's files are older than io_methods v3\n");
            std::abort();
        }
        ff->base.pMethods = &kMethods;
    }
    return rc;
}

int vfsDelete(sqlite3_vfs*, const char* name, int syncDir)
{
    if (state().readOnly)
        return SQLITE_IOERR_DELETE;
    (void)syncDir; // nor are directory syncs, for the same reason
    return g_real->xDelete(g_real, name, 0);
}

int vfsAccess(sqlite3_vfs*, const char* name, int flags, int* out)
{
    const int rc = g_real->xAccess(g_real, name, flags, out);
    if (rc == SQLITE_OK && state().readOnly && flags == SQLITE_ACCESS_READWRITE)
        *out = 0;
    return rc;
}

sqlite3_vfs g_vfs{};

} // namespace

void FaultVfs::install()
{
    if (!g_real) {
        g_real = sqlite3_vfs_find(nullptr);
        if (!g_real || g_real->iVersion < 2) {
            std::fprintf(stderr, "FaultVfs: no usable default VFS\n");
            std::abort();
        }
        g_vfs = forwarding::vfs<&g_real>(kName, int(sizeof(FaultFile)));
        g_vfs.xOpen = vfsOpen;
        g_vfs.xDelete = vfsDelete;
        g_vfs.xAccess = vfsAccess;
        if (sqlite3_vfs_register(&g_vfs, 0) != SQLITE_OK) {
            std::fprintf(stderr, "FaultVfs: sqlite3_vfs_register failed\n");
            std::abort();
        }
    }
    storage::testing::setVfs(kName);
}

void FaultVfs::uninstall()
{
    storage::testing::setVfs(nullptr);
}

void FaultVfs::failAt(Op op, int n, int sqliteCode, bool sticky)
{
    State& s = state();
    s.counts = {};
    s.armed = true;
    s.op = op;
    s.n = n;
    s.code = sqliteCode;
    s.sticky = sticky;
    s.fired = false;
}

void FaultVfs::clear()
{
    State& s = state();
    s.counts = {};
    s.armed = false;
    s.fired = false;
}

int FaultVfs::count(Op op)
{
    return state().counts[std::size_t(op)];
}

bool FaultVfs::fired()
{
    return state().fired;
}

int FaultVfs::injectedTotal()
{
    return state().injectedTotal;
}

void FaultVfs::setReadOnly(bool readOnly)
{
    state().readOnly = readOnly;
}

} // namespace cd::test
