#pragma once

#include "Options.h"
#include "Report.h"

#include <functional>

namespace cd {
class Database;
}

namespace cd::bench {

class VaultPair;

// Runs op on the encrypted and the plaintext database turn about (which one goes first alternates
// each round), so the noise of a shared machine falls on both alike. op returns the milliseconds
// it measured (setup it does before starting its stopwatch is not counted). Also records the
// process's peak RSS over the rounds.
void alternate(VaultPair& v, int rounds, Row& row,
               const std::function<double(Database&, bool encrypted, int round)>& op);

// Key derivation alone: Argon2id with KdfParams::calibrated(); fills report.kdf.
Row measureUnlock(const Options& o, QJsonObject& kdf);

// The disk's own fsync latency: a commit with synchronous = FULL cannot be faster than this.
Row measureDiskSync(const Options& o);
Row measureSearch(VaultPair& v, const Options& o);
// The recall search: whoReceivedBatch() over the generated clinic's lots.
QList<Row> measureBatchRecall(VaultPair& v, const Options& o); // exact (any case) and prefix: two rows
Row measureAddInteraction(VaultPair& v, const Options& o, int clients);
Row measureImport(VaultPair& v, const Options& o, int clients);
Row measureThumbnails(VaultPair& v, const Options& o);
// Export and erasure of the same freshly made client: two rows.
QList<Row> measureExportAndErasure(VaultPair& v, const Options& o);
Row measureCsvImport(VaultPair& v, const Options& o);

} // namespace cd::bench
