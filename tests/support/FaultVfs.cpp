// A wrapper VFS: every sqlite3_file it opens holds the default VFS's file right behind its own
// header and forwards each method to it, counting reads, writes and syncs and failing the armed one.
#include "FaultVfs.h"

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

struct FaultFile
{
    sqlite3_file base; // first, so SQLite's sqlite3_file* is ours
    sqlite3_file* real;
};

sqlite3_file* real(sqlite3_file* f)
{
    return reinterpret_cast<FaultFile*>(f)->real;
}

int xClose(sqlite3_file* f)
{
    return real(f)->pMethods->xClose(real(f));
}

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

int xFileSize(sqlite3_file* f, sqlite3_int64* size)
{
    return real(f)->pMethods->xFileSize(real(f), size);
}
int xLock(sqlite3_file* f, int level)
{
    return real(f)->pMethods->xLock(real(f), level);
}
int xUnlock(sqlite3_file* f, int level)
{
    return real(f)->pMethods->xUnlock(real(f), level);
}
int xCheckReservedLock(sqlite3_file* f, int* out)
{
    return real(f)->pMethods->xCheckReservedLock(real(f), out);
}
int xFileControl(sqlite3_file* f, int op, void* arg)
{
    return real(f)->pMethods->xFileControl(real(f), op, arg);
}
int xSectorSize(sqlite3_file* f)
{
    return real(f)->pMethods->xSectorSize(real(f));
}
int xDeviceCharacteristics(sqlite3_file* f)
{
    return real(f)->pMethods->xDeviceCharacteristics(real(f));
}

int xShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out)
{
    return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
}
int xShmLock(sqlite3_file* f, int offset, int n, int flags)
{
    return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
}
void xShmBarrier(sqlite3_file* f)
{
    real(f)->pMethods->xShmBarrier(real(f));
}
int xShmUnmap(sqlite3_file* f, int deleteFlag)
{
    return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
}
int xFetch(sqlite3_file* f, sqlite3_int64 offset, int amount, void** out)
{
    return real(f)->pMethods->xFetch(real(f), offset, amount, out);
}
int xUnfetch(sqlite3_file* f, sqlite3_int64 offset, void* p)
{
    return real(f)->pMethods->xUnfetch(real(f), offset, p);
}

const sqlite3_io_methods kMethods = {3,
                                     xClose,
                                     xRead,
                                     xWrite,
                                     xTruncate,
                                     xSync,
                                     xFileSize,
                                     xLock,
                                     xUnlock,
                                     xCheckReservedLock,
                                     xFileControl,
                                     xSectorSize,
                                     xDeviceCharacteristics,
                                     xShmMap,
                                     xShmLock,
                                     xShmBarrier,
                                     xShmUnmap,
                                     xFetch,
                                     xUnfetch};

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

int vfsFullPathname(sqlite3_vfs*, const char* name, int n, char* out)
{
    return g_real->xFullPathname(g_real, name, n, out);
}
void* vfsDlOpen(sqlite3_vfs*, const char* name)
{
    return g_real->xDlOpen(g_real, name);
}
void vfsDlError(sqlite3_vfs*, int n, char* msg)
{
    g_real->xDlError(g_real, n, msg);
}
void (*vfsDlSym(sqlite3_vfs*, void* h, const char* sym))(void)
{
    return g_real->xDlSym(g_real, h, sym);
}
void vfsDlClose(sqlite3_vfs*, void* h)
{
    g_real->xDlClose(g_real, h);
}
int vfsRandomness(sqlite3_vfs*, int n, char* out)
{
    return g_real->xRandomness(g_real, n, out);
}
int vfsSleep(sqlite3_vfs*, int us)
{
    return g_real->xSleep(g_real, us);
}
int vfsCurrentTime(sqlite3_vfs*, double* t)
{
    return g_real->xCurrentTime(g_real, t);
}
int vfsGetLastError(sqlite3_vfs*, int n, char* s)
{
    return g_real->xGetLastError(g_real, n, s);
}
int vfsCurrentTimeInt64(sqlite3_vfs*, sqlite3_int64* t)
{
    return g_real->xCurrentTimeInt64(g_real, t);
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
        g_vfs.iVersion = 2;
        g_vfs.szOsFile = int(sizeof(FaultFile)) + g_real->szOsFile;
        g_vfs.mxPathname = g_real->mxPathname;
        g_vfs.zName = kName;
        g_vfs.xOpen = vfsOpen;
        g_vfs.xDelete = vfsDelete;
        g_vfs.xAccess = vfsAccess;
        g_vfs.xFullPathname = vfsFullPathname;
        g_vfs.xDlOpen = vfsDlOpen;
        g_vfs.xDlError = vfsDlError;
        g_vfs.xDlSym = vfsDlSym;
        g_vfs.xDlClose = vfsDlClose;
        g_vfs.xRandomness = vfsRandomness;
        g_vfs.xSleep = vfsSleep;
        g_vfs.xCurrentTime = vfsCurrentTime;
        g_vfs.xGetLastError = vfsGetLastError;
        g_vfs.xCurrentTimeInt64 = vfsCurrentTimeInt64;
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
