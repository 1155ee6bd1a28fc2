// A wrapper VFS (see CowVfs.h and tests/support/ForwardingVfs.h). A copy-on-write file's sqlite3_file
// holds the default VFS's file for the copy right behind its own header; every other file is opened
// by the default VFS in place, so SQLite calls its methods directly.
#include "CowVfs.h"

#include "../support/ForwardingVfs.h"
#include "storage/TestHooks.h"

#include <QDir>
#include <QFile>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <map>
#include <memory>
#include <mutex>
#include <sqlite3.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace cd::bench::cow {

namespace {

namespace forwarding = cd::test::forwarding;

constexpr char kVfsName[] = "clinicdesk-bench-cow";
constexpr sqlite3_int64 kBlock = 4096; // the vault's page size (DatabaseOpen pins it)

// One copy: where its unwritten pages are read from, and which pages it holds itself.
struct Overlay
{
    int baseFd = -1;
    sqlite3_int64 baseLimit = 0; // bytes below this that the copy has not written come from base
    std::vector<bool> written;
    FILE* log = nullptr; // the sidecar: the base's path, then each written block's number
    int openFiles = 0;

    ~Overlay()
    {
        if (baseFd >= 0)
            ::close(baseFd);
        if (log)
            std::fclose(log);
    }
    bool isWritten(sqlite3_int64 block) const
    {
        return block < sqlite3_int64(written.size()) && written[std::size_t(block)];
    }
    void markWritten(sqlite3_int64 block)
    {
        if (isWritten(block))
            return;
        if (block >= sqlite3_int64(written.size()))
            written.resize(std::size_t(block + 1), false);
        written[std::size_t(block)] = true;
        if (log) {
            std::fprintf(log, "%lld\n", static_cast<long long>(block));
            std::fflush(log);
        }
    }
};

std::mutex g_lock;
std::map<std::string, std::unique_ptr<Overlay>>& overlays()
{
    static std::map<std::string, std::unique_ptr<Overlay>> m;
    return m;
}

sqlite3_vfs* g_real = nullptr;
sqlite3_vfs g_vfs{};

std::string sidecarOf(const std::string& copy)
{
    return copy + ".cow";
}

// The overlay of `copy`, read from its sidecar whenever no file of this process has the copy open
// (another process may have written to it meanwhile). nullptr and `broken` false: not a copy;
// `broken`: a copy whose base or sidecar cannot be used, which must not open (its unwritten pages
// would read as zeros).
Overlay* overlayFor(const std::string& copy, bool& broken)
{
    broken = false;
    const std::lock_guard<std::mutex> hold(g_lock);
    auto& m = overlays();
    if (auto it = m.find(copy); it != m.end()) {
        if (it->second->openFiles > 0)
            return it->second.get();
        m.erase(it);
    }
    FILE* side = std::fopen(sidecarOf(copy).c_str(), "r");
    if (!side)
        return nullptr;
    auto ov = std::make_unique<Overlay>();
    char line[4096];
    if (std::fgets(line, sizeof line, side)) {
        std::string base(line);
        if (!base.empty() && base.back() == '\n')
            base.pop_back();
        ov->baseFd = ::open(base.c_str(), O_RDONLY | O_CLOEXEC);
    }
    struct stat st
    {
    };
    if (ov->baseFd < 0 || ::fstat(ov->baseFd, &st) != 0) {
        std::fclose(side);
        broken = true;
        return nullptr;
    }
    ov->baseLimit = st.st_size;
    // Each later line: a written block's number, or "t" and the size the copy was truncated to.
    while (std::fgets(line, sizeof line, side)) {
        if (line[0] == 't')
            ov->baseLimit = std::min<sqlite3_int64>(ov->baseLimit, std::atoll(line + 1));
        else
            ov->markWritten(std::atoll(line));
    }
    std::fclose(side);
    ov->log = std::fopen(sidecarOf(copy).c_str(), "a");
    if (!ov->log) {
        broken = true;
        return nullptr;
    }
    return (m[copy] = std::move(ov)).get();
}

struct CowFile
{
    forwarding::File file; // first: SQLite's sqlite3_file*, then the wrapped one
    Overlay* overlay;
};

CowFile* cow(sqlite3_file* f)
{
    return reinterpret_cast<CowFile*>(f);
}
using forwarding::real;

// Reads [offset, offset + amount) block by block: written blocks from the copy, the rest from base.
int xRead(sqlite3_file* f, void* buf, int amount, sqlite3_int64 offset)
{
    Overlay& ov = *cow(f)->overlay;
    auto* out = static_cast<unsigned char*>(buf);
    int rc = SQLITE_OK;
    for (sqlite3_int64 pos = offset, end = offset + amount; pos < end;) {
        const sqlite3_int64 block = pos / kBlock;
        const sqlite3_int64 stop = std::min(end, (block + 1) * kBlock);
        const int len = int(stop - pos);
        unsigned char* dst = out + (pos - offset);
        if (!ov.isWritten(block) && pos < ov.baseLimit) {
            const sqlite3_int64 want = std::min<sqlite3_int64>(len, ov.baseLimit - pos);
            const ssize_t got = ::pread(ov.baseFd, dst, std::size_t(want), pos);
            if (got < 0)
                return SQLITE_IOERR_READ;
            if (got < len) {
                std::memset(dst + got, 0, std::size_t(len - got));
                rc = SQLITE_IOERR_SHORT_READ;
            }
        } else if (const int r = real(f)->pMethods->xRead(real(f), dst, len, pos); r != SQLITE_OK) {
            if (r != SQLITE_IOERR_SHORT_READ)
                return r;
            rc = r;
        }
        pos = stop;
    }
    return rc;
}

// Writes whole blocks into the copy: a block written in part is first read whole (from base).
int xWrite(sqlite3_file* f, const void* buf, int amount, sqlite3_int64 offset)
{
    Overlay& ov = *cow(f)->overlay;
    const auto* in = static_cast<const unsigned char*>(buf);
    for (sqlite3_int64 pos = offset, end = offset + amount; pos < end;) {
        const sqlite3_int64 block = pos / kBlock;
        const sqlite3_int64 start = block * kBlock, stop = std::min(end, start + kBlock);
        const bool whole = pos == start && stop == start + kBlock;
        if (!whole && !ov.isWritten(block) && start < ov.baseLimit) {
            std::vector<unsigned char> page(std::size_t(kBlock), 0);
            if (const int r = xRead(f, page.data(), int(kBlock), start);
                r != SQLITE_OK && r != SQLITE_IOERR_SHORT_READ)
                return r;
            std::memcpy(page.data() + (pos - start), in + (pos - offset), std::size_t(stop - pos));
            const sqlite3_int64 keep = std::min(kBlock, ov.baseLimit - start);
            if (const int r =
                    real(f)->pMethods->xWrite(real(f), page.data(), int(std::max(keep, stop - start)), start);
                r != SQLITE_OK)
                return r;
        } else if (const int r =
                       real(f)->pMethods->xWrite(real(f), in + (pos - offset), int(stop - pos), pos);
                   r != SQLITE_OK) {
            return r;
        }
        ov.markWritten(block);
        pos = stop;
    }
    return SQLITE_OK;
}

int xTruncate(sqlite3_file* f, sqlite3_int64 size)
{
    Overlay& ov = *cow(f)->overlay;
    // Below the new end nothing changes; above it base must never show through again.
    ov.baseLimit = std::min(ov.baseLimit, size);
    if (ov.log) {
        std::fprintf(ov.log, "t%lld\n", static_cast<long long>(size));
        std::fflush(ov.log);
    }
    return real(f)->pMethods->xTruncate(real(f), size);
}

int xClose(sqlite3_file* f)
{
    {
        const std::lock_guard<std::mutex> hold(g_lock);
        --cow(f)->overlay->openFiles;
    }
    return real(f)->pMethods->xClose(real(f));
}
// No memory-mapped pages: every read must come through xRead, which knows where the page is.
int xFetch(sqlite3_file*, sqlite3_int64, int, void** out)
{
    *out = nullptr;
    return SQLITE_OK;
}
int xUnfetch(sqlite3_file*, sqlite3_int64, void*)
{
    return SQLITE_OK;
}

const sqlite3_io_methods kMethods = [] {
    sqlite3_io_methods m = forwarding::ioMethods();
    m.xClose = xClose;
    m.xRead = xRead;
    m.xWrite = xWrite;
    m.xTruncate = xTruncate;
    m.xFetch = xFetch;
    m.xUnfetch = xUnfetch;
    return m;
}();

int vfsOpen(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* outFlags)
{
    bool broken = false;
    Overlay* ov = (name && (flags & SQLITE_OPEN_MAIN_DB)) ? overlayFor(name, broken) : nullptr;
    if (broken)
        return SQLITE_CANTOPEN;
    if (!ov)
        return g_real->xOpen(g_real, name, file, flags, outFlags); // in place: SQLite calls it directly
    auto* cf = cow(file);
    cf->file.base.pMethods = nullptr;
    cf->file.real = reinterpret_cast<sqlite3_file*>(cf + 1);
    cf->overlay = ov;
    const int rc = g_real->xOpen(g_real, name, cf->file.real, flags, outFlags);
    if (cf->file.real->pMethods) {
        cf->file.base.pMethods = &kMethods;
        const std::lock_guard<std::mutex> hold(g_lock);
        ++ov->openFiles;
    }
    return rc;
}

Error ioError(const QString& what)
{
    return makeError(Error::Kind::Io,
                     QStringLiteral("%1: %2").arg(what, QString::fromLocal8Bit(std::strerror(errno))));
}

} // namespace

bool install()
{
    if (g_real)
        return true;
    g_real = sqlite3_vfs_find(nullptr);
    if (!g_real)
        return false;
    g_vfs = forwarding::vfs<&g_real>(kVfsName, int(sizeof(CowFile)));
    g_vfs.xOpen = vfsOpen;
    if (sqlite3_vfs_register(&g_vfs, 0) != SQLITE_OK)
        return false;
    storage::testing::setVfs(kVfsName);
    return true;
}

Status make(const QString& base, const QString& copy)
{
    remove(copy);
    const QByteArray basePath = QFile::encodeName(QDir(base).absolutePath());
    const QByteArray copyPath = QFile::encodeName(QDir(copy).absolutePath());
    const int in = ::open(basePath.constData(), O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return ioError(QStringLiteral("cannot read %1").arg(base));
    struct stat st
    {
    };
    std::vector<unsigned char> first(std::size_t(kBlock), 0);
    const bool read = ::fstat(in, &st) == 0 && ::pread(in, first.data(), first.size(), 0) >= 0;
    ::close(in);
    if (!read)
        return ioError(QStringLiteral("cannot read %1").arg(base));
    // Sparse: the size of the vault, no blocks. Page 1 is copied, so that what reads the file's
    // header directly (Database::open tells a plaintext file from an encrypted one) sees the vault's.
    const int out = ::open(copyPath.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (out < 0)
        return ioError(QStringLiteral("cannot create %1").arg(copy));
    const bool made = ::ftruncate(out, st.st_size) == 0 &&
                      ::pwrite(out, first.data(), std::size_t(std::min<off_t>(kBlock, st.st_size)), 0) >= 0;
    ::close(out);
    FILE* side = std::fopen(sidecarOf(copyPath.toStdString()).c_str(), "w");
    const bool logged = side && std::fprintf(side, "%s\n0\n", basePath.constData()) > 0;
    if (side)
        std::fclose(side);
    if (!made || !logged)
        return ioError(QStringLiteral("cannot write %1").arg(copy));
    return {};
}

qint64 allocatedBytes(const QString& copy)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(copy).constData(), &st) == 0 ? qint64(st.st_blocks) * 512 : 0;
}

void remove(const QString& copy)
{
    const std::string path = QFile::encodeName(QDir(copy).absolutePath()).toStdString();
    {
        const std::lock_guard<std::mutex> hold(g_lock);
        auto& m = overlays();
        if (auto it = m.find(path); it != m.end() && it->second->openFiles == 0)
            m.erase(it);
    }
    for (const char* suffix : {"", "-wal", "-shm", "-journal", ".cow"})
        ::unlink((path + suffix).c_str());
}

} // namespace cd::bench::cow
