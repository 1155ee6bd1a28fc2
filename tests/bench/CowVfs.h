#pragma once

#include "common/Result.h"

#include <QString>

// Copy-on-write work copies of the cached benchmark vaults.
//
// The measurements write (interactions, photos, imports, erasures), so every run used to measure on
// full copies of the cached vaults: 2 × 5 GB at a million clients. A work copy made here is instead a
// sparse file of the cached vault's size: SQLite reads each 4 KiB page from the cache until the run
// writes it, then from the copy. The cache is opened read-only and never changes; the copy holds only
// what the run wrote. Reads cost what they cost on the cache (one pread of the same page); a write to
// a page not yet copied also allocates its block in the copy, which the report notes.
//
// It is a SQLite VFS wrapped around the default one, handed to core through the test seam
// storage::testing::setVfs, so the program's own open (cipher settings, WAL, migrations) is measured.
// A child process (the memory measurement) finds the copy's base and written pages in a small
// sidecar file beside the copy, `<copy>.cow`. The benchmark measures on one thread: the overlay's
// record of written pages is not guarded against two threads writing one copy at once.
namespace cd::bench::cow {

// Registers the VFS and makes every Database::open of this process use it. Files that are not
// copy-on-write copies pass straight through to the default VFS.
bool install();

// Makes `copy` (removed first, with its WAL files) a copy-on-write copy of `base`.
Status make(const QString& base, const QString& copy);

// Bytes the copy holds on disk: what the run wrote, not the vault's size.
qint64 allocatedBytes(const QString& copy);

// Deletes the copy, its WAL files and sidecar, once no connection has it open.
void remove(const QString& copy);

} // namespace cd::bench::cow
