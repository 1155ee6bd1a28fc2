#pragma once

#include "common/Result.h"

#include <QList>
#include <QSet>
#include <QString>

namespace cd {

class Database;
class Transaction;

struct ErasureItem
{
    QString category; // in words: "Contact details", "Enquiries, calls, emails and messages" ...
    QString table;
    int rows = 0;
    QString reason; // why it is kept (kept items only)
};

struct ErasurePlan
{
    qint64 clientId = 0;
    QString subjectRef;
    QString clientName;
    QList<ErasureItem> erase;
    QList<ErasureItem> keep;
    bool keepsMinimalRecord = false; // name and date of birth stay to identify what is kept
};

// Erasure that is real: the client's rows go (except what the law requires, with the reason), their
// search index rows too (the notes index's shard is rewritten so no deleted words survive in its
// segments), secure_delete
// zeroes freed pages, and the WAL is checkpointed and truncated so no old page image survives there.
class Erasure final
{
public:
    explicit Erasure(Database& db) : m_db(db) {}
    Result<ErasurePlan> plan(qint64 clientId);
    // confirmName: the client's name as typed by the manager (case and accents do not matter).
    // Returns the tombstone id.
    Result<qint64> erase(qint64 clientId, const QString& confirmName, qint64 requestId, qint64 staffId);
    // Several clients in one transaction (the retention review's bulk erasure, confirmed there),
    // each with its own plan, keep rules and tombstone; `why` goes in each audit entry. All or none.
    // Returns the tombstone ids.
    Result<QList<qint64>> eraseMany(const QList<qint64>& clientIds, qint64 staffId, const QString& why);
    // True when the last erase()/eraseMany() committed but another program reading the vault kept
    // the WAL from being folded back and truncated: the erased rows' old page images stay in the
    // WAL until the next checkpoint (the next sign-in, or when that program lets go). The erasure
    // itself stands.
    bool walPurgePending() const { return m_walPurgePending; }
    // Everyone a tombstone names, with the day of their first erasure (the erasure ledger's source).
    static Result<QList<std::pair<QString, QString>>> erasedSubjects(Database& db);
    static bool nameMatches(const QString& typed, const QString& first, const QString& last,
                            const QString& preferred);

private:
    Result<qint64> eraseRows(const ErasurePlan& plan, qint64 requestId, qint64 staffId, const QString& why);
    void finish(Transaction& tx);
    Database& m_db;
    QSet<int> m_notesShards; // the notes index shards this erasure took rows from, purged by finish()
    bool m_walPurgePending = false;
};

} // namespace cd
