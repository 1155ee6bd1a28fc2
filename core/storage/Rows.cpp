#include "storage/Rows.h"

#include <QMap>
#include <algorithm>
#include <optional>
#include <sqlite3.h>

namespace cd::rows {

namespace {

// Names come from the program's declarations; anything else is a bug, not input to quote.
const QString& name(const QString& n)
{
    const bool ok = !n.isEmpty() && std::all_of(n.cbegin(), n.cend(), [](QChar c) {
        return (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
               (c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char('_');
    });
    if (!ok)
        throw StorageError(SQLITE_MISUSE, QStringLiteral("not a table or column name of the schema: ") + n);
    return n;
}

QString quoted(const QString& value)
{
    return QLatin1Char('\'') + QString(value).replace(QLatin1Char('\''), QStringLiteral("''")) +
           QLatin1Char('\'');
}

QString column(const Slice& s, const QString& c)
{
    return name(s.table) + QLatin1Char('.') + name(c);
}

// The client's rows: ?1 is the client's id.
QString linkSql(const Slice& s)
{
    if (s.link.through.isEmpty())
        return column(s, s.link.column) + QStringLiteral(" = ?1");
    return QStringLiteral("%1 IN (SELECT id FROM %2 WHERE client_id = ?1)")
        .arg(column(s, s.link.column), name(s.link.through));
}

std::optional<QString> cutoff(const Keep& k, const Cutoffs& cutoffs)
{
    const auto it = cutoffs.constFind(k.period);
    if (it == cutoffs.cend() || !it->isValid())
        return std::nullopt;
    return quoted(it->toString(Qt::ISODate));
}

QString latestSql(const Slice& s)
{
    const QString& link = name(s.link.column);
    return QStringLiteral("(SELECT max(latest.%1) FROM %2 latest WHERE latest.%3 = %4)")
        .arg(name(s.keep.column), name(s.table), link, column(s, link));
}

// The parent's rows that `s`'s rows refer to and that meet `condition` (over the parent's columns).
QString parentSql(const Slice& s, const QString& condition)
{
    const Slice& p = *s.keep.parent;
    if (!s.link.through.isEmpty() || !p.link.through.isEmpty())
        throw StorageError(SQLITE_MISUSE,
                           QStringLiteral("a kept parent must link to the client directly: ") + s.table);
    return QStringLiteral("%1 IS NOT NULL AND %1 IN (SELECT %2 FROM %3 WHERE %4 = %5 AND (%6))")
        .arg(column(s, s.keep.column), column(p, QStringLiteral("id")), name(p.table),
             column(p, p.link.column), column(s, s.link.column), condition);
}

QString expiredSql(const Slice& s, const Cutoffs& cutoffs);

QString keptSql(const Slice& s, const Cutoffs& cutoffs)
{
    const Keep& k = s.keep;
    switch (k.kind) {
    case Keep::Kind::Never:
        return QStringLiteral("0");
    case Keep::Kind::Always:
        return QStringLiteral("1");
    case Keep::Kind::Matching: {
        QStringList all;
        for (const auto& [c, v] : k.equals)
            all << column(s, c) + QStringLiteral(" = ") + quoted(v);
        return all.isEmpty() ? QStringLiteral("0") : all.join(QStringLiteral(" AND "));
    }
    case Keep::Kind::OnOrAfter:
        if (auto day = cutoff(k, cutoffs))
            return column(s, k.column) + QStringLiteral(" >= ") + *day;
        return QStringLiteral("1");
    case Keep::Kind::LatestOnOrAfter:
        if (auto day = cutoff(k, cutoffs))
            return latestSql(s) + QStringLiteral(" >= ") + *day;
        return QStringLiteral("1");
    case Keep::Kind::WithParent:
        return parentSql(s, keptSql(*k.parent, cutoffs));
    }
    return QStringLiteral("1");
}

QString expiredSql(const Slice& s, const Cutoffs& cutoffs)
{
    const Keep& k = s.keep;
    switch (k.kind) {
    case Keep::Kind::OnOrAfter:
        if (auto day = cutoff(k, cutoffs))
            return column(s, k.column) + QStringLiteral(" < ") + *day;
        return QStringLiteral("0");
    case Keep::Kind::LatestOnOrAfter:
        if (auto day = cutoff(k, cutoffs))
            return latestSql(s) + QStringLiteral(" < ") + *day;
        return QStringLiteral("0");
    case Keep::Kind::WithParent:
        return parentSql(s, expiredSql(*k.parent, cutoffs));
    default:
        return QStringLiteral("0");
    }
}

QString whereSql(const Slice& s, Part part, const Cutoffs& cutoffs)
{
    switch (part) {
    case Part::All:
        return linkSql(s);
    case Part::Kept:
        return QStringLiteral("%1 AND (%2)").arg(linkSql(s), keptSql(s, cutoffs));
    case Part::Gone:
        return QStringLiteral("%1 AND NOT (%2)").arg(linkSql(s), keptSql(s, cutoffs));
    case Part::Expired:
        return QStringLiteral("%1 AND (%2)").arg(linkSql(s), expiredSql(s, cutoffs));
    }
    return linkSql(s);
}

Statement prepare(Database& db, const QString& sql)
{
    return db.prepare(sql.toStdString());
}

// The order rows are read in: as they were written (rowid), or a table WITHOUT ROWID's primary key
// (the client search index).
QString orderOf(Database& db, const QString& table)
{
    auto pk = prepare(db, QStringLiteral("PRAGMA table_info(%1)").arg(name(table)));
    QMap<qint64, QString> keyColumns;
    while (pk.step())
        if (pk.int64(5) > 0)
            keyColumns.insert(pk.int64(5), pk.text(1));
    auto kind =
        prepare(db, QStringLiteral("SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name = ?"));
    kind.bind(1, table);
    if (keyColumns.isEmpty() || !kind.step() || kind.int64(0) == 0)
        return name(table) + QStringLiteral(".rowid");
    QStringList cols;
    for (const QString& c : keyColumns)
        cols << name(table) + QLatin1Char('.') + name(c);
    return cols.join(QStringLiteral(", "));
}

} // namespace

QString periodOf(const Slice& s)
{
    if (s.keep.kind == Keep::Kind::WithParent && s.keep.parent)
        return periodOf(*s.keep.parent);
    if (s.keep.kind == Keep::Kind::OnOrAfter || s.keep.kind == Keep::Kind::LatestOnOrAfter)
        return s.keep.period;
    return {};
}

int depthOf(const Slice& s)
{
    return s.keep.kind == Keep::Kind::WithParent && s.keep.parent ? 1 + depthOf(*s.keep.parent) : 0;
}

qint64 count(Database& db, const Slice& s, Part part, qint64 clientId, const Cutoffs& cutoffs)
{
    auto st = prepare(
        db,
        QStringLiteral("SELECT count(*) FROM %1 WHERE %2").arg(name(s.table), whereSql(s, part, cutoffs)));
    st.bind(1, clientId).step();
    return st.int64(0);
}

void remove(Database& db, const Slice& s, Part part, qint64 clientId, const Cutoffs& cutoffs)
{
    prepare(db, QStringLiteral("DELETE FROM %1 WHERE %2").arg(name(s.table), whereSql(s, part, cutoffs)))
        .bind(1, clientId)
        .run();
}

QList<qint64> ids(Database& db, const Slice& s, Part part, qint64 clientId, const Cutoffs& cutoffs,
                  const QString& idColumn)
{
    QList<qint64> out;
    auto st = prepare(
        db, QStringLiteral("SELECT %1 FROM %2 WHERE %3 ORDER BY %4")
                .arg(column(s, idColumn), name(s.table), whereSql(s, part, cutoffs), orderOf(db, s.table)));
    for (st.bind(1, clientId); st.step();)
        out.append(st.int64(0));
    return out;
}

void read(Database& db, const Slice& s, const QStringList& columns, qint64 clientId,
          const std::function<void(const Statement&)>& onRow)
{
    QStringList cols;
    for (const QString& c : columns)
        cols << column(s, c);
    auto st = prepare(
        db, QStringLiteral("SELECT %1 FROM %2 WHERE %3 ORDER BY %4")
                .arg(cols.join(QStringLiteral(", ")), name(s.table), linkSql(s), orderOf(db, s.table)));
    for (st.bind(1, clientId); st.step();)
        onRow(st);
}

QList<Expiry> expiredByClient(Database& db, const Slice& s, const QString& dateColumn, const Cutoffs& cutoffs)
{
    if (!s.link.through.isEmpty())
        throw StorageError(SQLITE_MISUSE,
                           QStringLiteral("expiry is counted on tables linked to the client directly"));
    QList<Expiry> out;
    auto st = prepare(
        db, QStringLiteral("SELECT %1, max(%2), count(*) FROM %3 WHERE %4 GROUP BY %1 ORDER BY %1")
                .arg(column(s, s.link.column), column(s, dateColumn), name(s.table), expiredSql(s, cutoffs)));
    while (st.step())
        out.append({st.int64(0), st.text(1), st.int64(2)});
    return out;
}

PerClient PerClient::latest(Database& db, const Slice& s, const QString& column)
{
    return PerClient(prepare(db, QStringLiteral("SELECT max(%1) FROM %2 WHERE %3")
                                     .arg(rows::column(s, column), name(s.table), linkSql(s))));
}

PerClient PerClient::counting(Database& db, const Slice& s, Part part, const Cutoffs& cutoffs)
{
    return PerClient(prepare(
        db,
        QStringLiteral("SELECT count(*) FROM %1 WHERE %2").arg(name(s.table), whereSql(s, part, cutoffs))));
}

QString PerClient::text(qint64 clientId)
{
    m_st.bind(1, clientId);
    const QString out = m_st.step() && !m_st.isNull(0) ? m_st.text(0) : QString();
    m_st.reset();
    return out;
}

qint64 PerClient::number(qint64 clientId)
{
    m_st.bind(1, clientId);
    const qint64 out = m_st.step() ? m_st.int64(0) : 0;
    m_st.reset();
    return out;
}

QStringList columns(Database& db, const QString& table)
{
    QStringList out;
    auto st = prepare(db, QStringLiteral("PRAGMA table_info(%1)").arg(name(table)));
    while (st.step())
        out << st.text(1);
    return out;
}

void readAll(Database& db, const QString& table, const QStringList& columns,
             const std::function<bool(const Statement&)>& onRow)
{
    QStringList quotedColumns;
    for (const QString& c : columns)
        quotedColumns << QLatin1Char('"') + name(c) + QLatin1Char('"');
    auto st = prepare(db, QStringLiteral("SELECT %1 FROM %2 ORDER BY %3")
                              .arg(quotedColumns.join(QLatin1Char(',')), name(table), orderOf(db, table)));
    while (st.step())
        if (!onRow(st))
            return;
}

QList<qint64> moveAll(Database& db, const QString& table, qint64 from, qint64 to)
{
    const Slice s{table, {QStringLiteral("client_id"), {}}, {}};
    const QList<qint64> moved = ids(db, s, Part::All, from);
    prepare(db, QStringLiteral("UPDATE %1 SET client_id = ?2 WHERE client_id = ?1").arg(name(table)))
        .bind(1, from)
        .bind(2, to)
        .run();
    return moved;
}

QList<qint64> moveBack(Database& db, const QString& table, const QList<qint64>& ids, qint64 from, qint64 to)
{
    QList<qint64> out;
    auto back = prepare(
        db, QStringLiteral("UPDATE %1 SET client_id = ? WHERE id = ? AND client_id = ?").arg(name(table)));
    for (qint64 id : ids) {
        back.bind(1, to).bind(2, id).bind(3, from).run();
        if (db.changes() > 0)
            out.append(id);
    }
    return out;
}

} // namespace cd::rows
