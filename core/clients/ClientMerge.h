#pragma once

#include "common/Result.h"

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace cd {

class Database;

struct DuplicatePair
{
    qint64 firstId = 0, secondId = 0;
    QString firstName, secondName;
    QString reason; // same phone / same email / same name and date of birth
};

struct MergePreview
{
    QString keptName, mergedName;
    QStringList changes;  // what the kept record gains, in plain words
    int interactions = 0; // moving to the kept record
    int consentEvents = 0;
};

struct MergeRecord
{
    qint64 id = 0;
    qint64 keptClientId = 0, mergedClientId = 0;
    QString keptName, mergedName, mergedAt;
    bool undone = false;
};

// Two records of one person become one, keeping every interaction and consent record; and unlike
// the clinic suites, a merge can be undone: the absorbed record comes back with its own id, its own
// details and the rows that were moved, and what the kept record gained is taken away again.
class ClientMerge final
{
public:
    explicit ClientMerge(Database& db) : m_db(db) {}

    Result<QList<DuplicatePair>> likelyDuplicates(int limit = 200);
    Result<MergePreview> preview(qint64 keepId, qint64 mergeId);
    Result<qint64> merge(qint64 keepId, qint64 mergeId, qint64 staffId); // returns the merge id
    Status undo(qint64 mergeId);
    Result<QList<MergeRecord>> history(int limit = 50);

    // Tables whose rows belong to one client through a client_id column and move with a merge.
    // A test fails when a table with client_id is neither here nor among the contact details.
    static QStringList movableTables();
    // The ids of `table`'s rows that merges into `keptClientId` (not undone) moved onto it. Throws
    // StorageError.
    static QSet<qint64> movedInTransaction(Database& db, qint64 keptClientId, const QString& table);
    static QStringList detailTables();

private:
    Database& m_db;
};

} // namespace cd
