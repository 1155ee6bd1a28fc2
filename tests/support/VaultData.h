#pragma once

#include <QString>
#include <QStringList>
#include <memory>

namespace cd {
class Database;
}

namespace cd::test {

// Every row of every table (search index shadow tables included), as text, in rowid order: two
// dumps are equal exactly when a user could not tell the two databases apart.
QString dumpData(Database& db);
// The lines PRAGMA integrity_check answers: {"ok"} for a sound database.
QStringList integrityCheck(Database& db);
// Records half written: a client without its phone, email or search row, an interaction without its
// search row, a search row without its record. One line per problem found.
QStringList halfWrittenRecords(Database& db);

// The same database code without encryption (the test-only path: a null key), in `dir`, with the
// current schema, a manager and `clients` demo clients: for tests that read the raw bytes of its
// files. Aborts the test program when any step fails.
std::unique_ptr<Database> openPlainDemo(const QString& dir, int clients, quint64 seed,
                                        int interactionsPerClient);

} // namespace cd::test
