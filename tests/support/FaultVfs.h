#pragma once

namespace cd::test {

// An SQLite VFS that wraps the default unix VFS and makes chosen I/O fail the way a full or failing
// disk does. Tests install it (core then opens every database through it, see
// core/storage/TestHooks.h), arm one fault, run an operation and check what the user would see.
//
// Syncs are counted and can be made to fail, but never reach the disk (tests do not cut the power).
// Only the tests link this; the product never registers or names it.
class FaultVfs final
{
public:
    enum class Op { Read, Write, Sync };
    static constexpr const char* kName = "clinicdesk-fault";

    // Registers the VFS (once per process) and routes every later Database::open through it.
    static void install();
    // Later opens use SQLite's default VFS again; connections already open keep the fault VFS.
    static void uninstall();

    // The nth `op` (1-based, counted from this call, on any file of any connection) fails with
    // `sqliteCode` (SQLITE_FULL, SQLITE_IOERR_WRITE ...). With `sticky` every later one fails too,
    // as on a disk that stays full; otherwise only that one, as for a transient I/O error.
    static void failAt(Op op, int n, int sqliteCode, bool sticky = false);
    // No fault armed; counters back to zero.
    static void clear();
    // How many `op`s were seen since the last failAt()/clear().
    static int count(Op op);
    // Whether the armed fault has fired yet.
    static bool fired();
    // Faults injected since the process started (for the figures a suite prints).
    static int injectedTotal();

    // Emulates a read-only folder holding read-only files: files open read-only, nothing can be
    // created or deleted. Used when tests run as root, where chmod does not stop writes.
    static void setReadOnly(bool readOnly);
};

// Arms nothing itself: installs the VFS for a scope and leaves the process clean afterwards.
class FaultVfsScope final
{
public:
    FaultVfsScope() { FaultVfs::install(); }
    ~FaultVfsScope()
    {
        FaultVfs::clear();
        FaultVfs::setReadOnly(false);
        FaultVfs::uninstall();
    }
    FaultVfsScope(const FaultVfsScope&) = delete;
    FaultVfsScope& operator=(const FaultVfsScope&) = delete;
};

} // namespace cd::test
