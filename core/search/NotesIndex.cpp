#include "search/NotesIndex.h"

#include "storage/Sql.h"

namespace cd::notes {

int shardOf(qint64 clientId)
{
    return int(((clientId % kShards) + kShards) % kShards);
}

std::string table(int shard)
{
    return "interaction_search_" + std::to_string(shard);
}

void index(Database& db, qint64 interactionId, qint64 clientId, const QString& body)
{
    db.prepare("INSERT INTO " + table(shardOf(clientId)) + " (docid, body) VALUES (?, ?)").bind(1, interactionId).bind(2, body).run();
}

int unindex(Database& db, qint64 clientId, const QString& interactionFilter)
{
    const int shard = shardOf(clientId);
    db.prepare("DELETE FROM " + table(shard) + " WHERE docid IN (SELECT id FROM interactions WHERE " + interactionFilter.toStdString() + ")")
        .bind(1, clientId)
        .run();
    return shard;
}

void purge(Database& db, int shard)
{
    const std::string t = table(shard);
    db.exec("INSERT INTO " + t + " (" + t + ") VALUES ('optimize')");
}

void purge(Database& db, const QSet<int>& shards)
{
    for (int s : shards)
        purge(db, s);
}

void moveNotes(Database& db, const QList<qint64>& ids, qint64 fromClient, qint64 toClient)
{
    const int from = shardOf(fromClient), to = shardOf(toClient);
    if (from == to || ids.isEmpty())
        return;
    auto copy = db.prepare("INSERT INTO " + table(to) + " (docid, body) SELECT id, body FROM interactions WHERE id = ?");
    auto drop = db.prepare("DELETE FROM " + table(from) + " WHERE docid = ?");
    for (qint64 id : ids) {
        copy.bind(1, id).run();
        drop.bind(1, id).run();
    }
    // The shard they left still holds their words in its older segments: a later erasure of the
    // client they now belong to purges only that client's shard.
    purge(db, from);
}

const std::string& matchingClientsSql()
{
    static const std::string sql = [] {
        std::string docs;
        for (int s = 0; s < kShards; ++s)
            docs += (s ? " UNION ALL " : "") + ("SELECT docid FROM " + table(s) + " WHERE " + table(s) + " MATCH ?1");
        // Read shard by shard as rows are wanted, so a common word stops at the limit.
        return "SELECT DISTINCT i.client_id FROM (" + docs + ") AS d JOIN interactions i ON i.id = d.docid LIMIT ?2";
    }();
    return sql;
}

} // namespace cd::notes
