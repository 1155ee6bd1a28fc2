#include "clients/ClientIndex.h"

#include "storage/Fts.h"
#include "storage/Sql.h"

namespace cd::clientindex {

void put(Database& db, qint64 clientId, const QString& names, const QString& contacts)
{
    remove(db, clientId);
    db.prepare("INSERT INTO client_search (docid, names, contacts) VALUES (?,?,?)")
        .bind(1, clientId)
        .bind(2, names)
        .bind(3, contacts)
        .run();
}

void remove(Database& db, qint64 clientId)
{
    db.prepare("DELETE FROM client_search WHERE docid = ?").bind(1, clientId).run();
}

void optimize(Database& db)
{
    fts::optimize(db, "client_search");
}

QList<qint64> matching(Database& db, const QString& ftsQuery, int cap)
{
    QList<qint64> out;
    auto st = db.prepare("SELECT docid FROM client_search WHERE client_search MATCH ? LIMIT ?");
    for (st.bind(1, ftsQuery).bind(2, cap); st.step();)
        out.append(st.int64(0));
    return out;
}

} // namespace cd::clientindex
