#pragma once

// Test seam, never used by the product (nothing under app/, ui/ or core/ calls it).
//
// The fault-injection tests need a vault's database opened through their own SQLite VFS (see
// tests/support/FaultVfs), which fails the Nth write, sync or read the way a full or failing disk
// does. Vault::open reaches Database::open several calls deep, so instead of threading a parameter
// through every layer, tests name the VFS here once; Database::open passes it to sqlite3_open_v2.
// nullptr (the default, and always in the product) means SQLite's own default unix VFS.
namespace cd::storage::testing {

void setVfs(const char* registeredVfsName);
const char* vfs();

} // namespace cd::storage::testing
