#pragma once

// What a wrapping SQLite VFS does when it only passes a call on, for the test suites' fault-injecting
// VFS (FaultVfs) and the benchmark's copy-on-write one (tests/bench/CowVfs). A wrapper's file struct
// starts with `sqlite3_file base` and then `sqlite3_file* real` (the wrapped VFS's file, opened right
// behind it); each wrapper takes these forwarders and replaces the methods it changes.
#include <sqlite3.h>

namespace cd::test::forwarding {

struct File
{
    sqlite3_file base;
    sqlite3_file* real;
};

inline sqlite3_file* real(sqlite3_file* f)
{
    return reinterpret_cast<File*>(f)->real;
}

// Every io method passed on to the wrapped file (version 3: WAL's shared memory, memory maps).
inline sqlite3_io_methods ioMethods()
{
    sqlite3_io_methods m{};
    m.iVersion = 3;
    m.xClose = [](sqlite3_file* f) { return real(f)->pMethods->xClose(real(f)); };
    m.xRead = [](sqlite3_file* f, void* buf, int n, sqlite3_int64 at) {
        return real(f)->pMethods->xRead(real(f), buf, n, at);
    };
    m.xWrite = [](sqlite3_file* f, const void* buf, int n, sqlite3_int64 at) {
        return real(f)->pMethods->xWrite(real(f), buf, n, at);
    };
    m.xTruncate = [](sqlite3_file* f, sqlite3_int64 size) {
        return real(f)->pMethods->xTruncate(real(f), size);
    };
    m.xSync = [](sqlite3_file* f, int flags) { return real(f)->pMethods->xSync(real(f), flags); };
    m.xFileSize = [](sqlite3_file* f, sqlite3_int64* size) {
        return real(f)->pMethods->xFileSize(real(f), size);
    };
    m.xLock = [](sqlite3_file* f, int level) { return real(f)->pMethods->xLock(real(f), level); };
    m.xUnlock = [](sqlite3_file* f, int level) { return real(f)->pMethods->xUnlock(real(f), level); };
    m.xCheckReservedLock = [](sqlite3_file* f, int* out) {
        return real(f)->pMethods->xCheckReservedLock(real(f), out);
    };
    m.xFileControl = [](sqlite3_file* f, int op, void* arg) {
        return real(f)->pMethods->xFileControl(real(f), op, arg);
    };
    m.xSectorSize = [](sqlite3_file* f) { return real(f)->pMethods->xSectorSize(real(f)); };
    m.xDeviceCharacteristics = [](sqlite3_file* f) {
        return real(f)->pMethods->xDeviceCharacteristics(real(f));
    };
    m.xShmMap = [](sqlite3_file* f, int region, int size, int extend, void volatile** out) {
        return real(f)->pMethods->xShmMap(real(f), region, size, extend, out);
    };
    m.xShmLock = [](sqlite3_file* f, int offset, int n, int flags) {
        return real(f)->pMethods->xShmLock(real(f), offset, n, flags);
    };
    m.xShmBarrier = [](sqlite3_file* f) { real(f)->pMethods->xShmBarrier(real(f)); };
    m.xShmUnmap = [](sqlite3_file* f, int deleteFlag) {
        return real(f)->pMethods->xShmUnmap(real(f), deleteFlag);
    };
    m.xFetch = [](sqlite3_file* f, sqlite3_int64 at, int n, void** out) {
        return real(f)->pMethods->xFetch(real(f), at, n, out);
    };
    m.xUnfetch = [](sqlite3_file* f, sqlite3_int64 at, void* p) {
        return real(f)->pMethods->xUnfetch(real(f), at, p);
    };
    return m;
}

// A VFS (version 2) named `name` whose files are `fileSize` bytes of the wrapper's own followed by
// the wrapped VFS's, with every method but xOpen passed on to `*wrapped` (set before any call).
template <sqlite3_vfs* const* Wrapped> sqlite3_vfs vfs(const char* name, int fileSize)
{
    sqlite3_vfs v{};
    v.iVersion = 2;
    v.szOsFile = fileSize + (*Wrapped)->szOsFile;
    v.mxPathname = (*Wrapped)->mxPathname;
    v.zName = name;
    v.xDelete = [](sqlite3_vfs*, const char* path, int syncDir) {
        return (*Wrapped)->xDelete(*Wrapped, path, syncDir);
    };
    v.xAccess = [](sqlite3_vfs*, const char* path, int flags, int* out) {
        return (*Wrapped)->xAccess(*Wrapped, path, flags, out);
    };
    v.xFullPathname = [](sqlite3_vfs*, const char* path, int n, char* out) {
        return (*Wrapped)->xFullPathname(*Wrapped, path, n, out);
    };
    v.xDlOpen = [](sqlite3_vfs*, const char* path) { return (*Wrapped)->xDlOpen(*Wrapped, path); };
    v.xDlError = [](sqlite3_vfs*, int n, char* msg) { (*Wrapped)->xDlError(*Wrapped, n, msg); };
    v.xDlSym = [](sqlite3_vfs*, void* h, const char* sym) { return (*Wrapped)->xDlSym(*Wrapped, h, sym); };
    v.xDlClose = [](sqlite3_vfs*, void* h) { (*Wrapped)->xDlClose(*Wrapped, h); };
    v.xRandomness = [](sqlite3_vfs*, int n, char* out) { return (*Wrapped)->xRandomness(*Wrapped, n, out); };
    v.xSleep = [](sqlite3_vfs*, int us) { return (*Wrapped)->xSleep(*Wrapped, us); };
    v.xCurrentTime = [](sqlite3_vfs*, double* t) { return (*Wrapped)->xCurrentTime(*Wrapped, t); };
    v.xGetLastError = [](sqlite3_vfs*, int n, char* s) { return (*Wrapped)->xGetLastError(*Wrapped, n, s); };
    v.xCurrentTimeInt64 = [](sqlite3_vfs*, sqlite3_int64* t) {
        return (*Wrapped)->xCurrentTimeInt64(*Wrapped, t);
    };
    return v;
}

} // namespace cd::test::forwarding
