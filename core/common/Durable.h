#pragma once

#include <QString>

class QSaveFile;

namespace cd::files {

// Every file Clinicdesk replaces (keyring.json, the erasure ledger, backups, exports) goes through
// QSaveFile: a temporary file in the target's folder, renamed over the target on commit, so a crash
// leaves the old file or the new one, never half of one. Two gaps remain that this closes:
//   - QSaveFile::commit() (Qt 6.4) ignores an error when it flushes its write buffer and fsyncs, so a
//     disk that fills up on the last bytes still gets a cut-off file renamed over the good one
//     (found by tests/vault/tst_faults.cpp: keyring.json cut to the size the disk allowed). Here the
//     buffer is flushed and the file fsynced first, with their errors checked.
//   - the rename lives in the folder: until the folder is synced, a power cut can bring the old file
//     back while the database already holds what goes with the new one.
// On false, nothing was replaced (the temporary file goes with f) and *why says what failed.
bool commit(QSaveFile& f, QString* why);

// Syncs the folder holding filePath (best effort: the file is already in place).
void syncFolderOf(const QString& filePath);

} // namespace cd::files
