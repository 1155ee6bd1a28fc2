#pragma once

#include "storage/Sql.h"

#include <QtCore/QDate>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <functional>
#include <memory>

namespace cd {

// Rows of any table, chosen by a declaration instead of by SQL. The walkers that follow the data
// map (privacy/DataMap: the subject-access export, erasure and its preview, retention, the clinic's
// export) and the merge of two records read, count, move and delete through here, and this file is
// the one place their SQL is put together: no other file outside a table's owner names the table
// in SQL. Table and column names come from the program's own declarations, never from input (an
// unexpected character throws StorageError).
namespace rows {

struct Slice;

// Which rows of a table are one client's.
struct Link
{
    QString column;  // holds the client's id: "client_id"; "id" for clients; "docid" for an index
    QString through; // when set, `column` holds the id of a row of `through`, whose client_id is
                     // the client's (the notes index: docid is an interaction's id)
    bool isEmpty() const { return column.isEmpty(); }
};

// Which of a client's rows a legal reason keeps when the rest goes (erasure), and when that reason
// runs out (retention).
struct Keep
{
    enum class Kind {
        Never,           // nothing is kept
        Always,          // everything is kept (the register of privacy requests)
        Matching,        // rows whose columns hold the values of `equals` (an open complaint)
        OnOrAfter,       // rows whose date `column` is on or after the `period`'s cutoff (payments)
        LatestOnOrAfter, // all the client's rows while their latest `column` is on or after the
                         // cutoff (treatment records: kept after the last treatment)
        WithParent,      // rows whose `column` holds the id of a kept row of `parent` (the photos of a
                         // kept treatment record, the bytes of a kept photo)
    };
    Kind kind = Kind::Never;
    QList<std::pair<QString, QString>> equals;
    QString column;
    QString period; // OnOrAfter, LatestOnOrAfter: the name of a cutoff in Cutoffs ("treatment", "payment")
    std::shared_ptr<const Slice> parent;
};

// A table, how its rows belong to a client, and what of them is kept.
struct Slice
{
    QString table;
    Link link;
    Keep keep;
};

// For each period a Keep names, the first day still inside it (today minus the retention years).
// A period without a cutoff keeps everything (and nothing expires): the safe side for records kept
// for legal reasons.
using Cutoffs = QHash<QString, QDate>;

enum class Part {
    All,     // every row of the client's
    Kept,    // the rows a Keep holds back
    Gone,    // the others: what an erasure removes
    Expired, // rows kept for a period that has run out: what retention removes
};

// The period a slice's rows are kept for (its own Keep's, or its parent's), empty when none.
QString periodOf(const Slice& s);
// How many parents away the slice's Keep reaches (0: none): delete deeper ones first, as their
// rows are found through their parents'.
int depthOf(const Slice& s);

// All in the caller's transaction when there is one; each throws StorageError.
qint64 count(Database& db, const Slice& s, Part part, qint64 clientId, const Cutoffs& cutoffs = {});
void remove(Database& db, const Slice& s, Part part, qint64 clientId, const Cutoffs& cutoffs = {});
// The `idColumn` of each chosen row, in rowid order.
QList<qint64> ids(Database& db, const Slice& s, Part part, qint64 clientId, const Cutoffs& cutoffs = {},
                  const QString& idColumn = QStringLiteral("id"));
// Each of the client's rows, `columns` in order, in rowid order.
void read(Database& db, const Slice& s, const QStringList& columns, qint64 clientId,
          const std::function<void(const Statement&)>& onRow);
// Per client that has Expired rows: the latest `dateColumn` among them and how many there are.
struct Expiry
{
    qint64 clientId = 0;
    QString latest;
    qint64 rows = 0;
};
QList<Expiry> expiredByClient(Database& db, const Slice& s, const QString& dateColumn,
                              const Cutoffs& cutoffs);

// One question asked for client after client, prepared once (the retention review asks it of
// every enquirer).
class PerClient final
{
public:
    // The latest (max) `column` of the client's rows; empty when they have none.
    static PerClient latest(Database& db, const Slice& s, const QString& column);
    // How many of the client's rows are in `part`.
    static PerClient counting(Database& db, const Slice& s, Part part = Part::All,
                              const Cutoffs& cutoffs = {});
    QString text(qint64 clientId);
    qint64 number(qint64 clientId);

private:
    explicit PerClient(Statement st) : m_st(std::move(st)) {}
    Statement m_st;
};

// Whole tables (the clinic's export).
QStringList columns(Database& db, const QString& table);
// Every row, `columns` in order, in rowid order; onRow returns false to stop.
void readAll(Database& db, const QString& table, const QStringList& columns,
             const std::function<bool(const Statement&)>& onRow);

// Merging two records: every row of `from` in the table (linked by client_id) becomes `to`'s;
// returns their ids. moveBack returns those of `ids` that were still `from`'s and went back to `to`.
QList<qint64> moveAll(Database& db, const QString& table, qint64 from, qint64 to);
QList<qint64> moveBack(Database& db, const QString& table, const QList<qint64>& ids, qint64 from, qint64 to);

} // namespace rows
} // namespace cd
