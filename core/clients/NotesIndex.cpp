#include "clients/NotesIndex.h"

#include "storage/Fts.h"
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
    db.prepare("INSERT INTO " + table(shardOf(clientId)) + " (docid, body) VALUES (?, ?)")
        .bind(1, interactionId)
        .bind(2, body)
        .run();
}

int unindex(Database& db, qint64 clientId, const QList<qint64>& ids)
{
    const int shard = shardOf(clientId);
    auto drop = db.prepare("DELETE FROM " + table(shard) + " WHERE docid = ?");
    for (qint64 id : ids)
        drop.bind(1, id).run();
    return shard;
}

void purge(Database& db, int shard)
{
    fts::optimize(db, table(shard));
}

void purge(Database& db, const QSet<int>& shards)
{
    for (int s : shards)
        purge(db, s);
}

bool rebuildPending(Database& db)
{
    return db
        .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'interaction_search_pending'")
        .step();
}

void startRebuild(Database& db)
{
    // Every shard of any layout goes (their words with them), then this layout's are made empty.
    QList<std::string> shards;
    auto st = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB "
                         "'interaction_search_[0-9]*' AND sql LIKE 'CREATE VIRTUAL TABLE%'");
    while (st.step())
        shards.append(st.text(0).toStdString());
    st.reset();
    for (const std::string& name : shards)
        db.exec("DROP TABLE " + name);
    for (int shard = 0; shard < kShards; ++shard)
        db.exec("CREATE VIRTUAL TABLE " + table(shard) +
                " USING fts3 (body, tokenize=unicode61 \"remove_diacritics=1\")");
}

void finishRebuild(Database& db)
{
    for (int shard = 0; shard < kShards; ++shard)
        purge(db, shard);
    db.exec("DROP TABLE IF EXISTS interaction_search_pending");
}

void moveNotes(Database& db, const QList<qint64>& ids, qint64 fromClient, qint64 toClient)
{
    const int from = shardOf(fromClient), to = shardOf(toClient);
    if (from == to || ids.isEmpty())
        return;
    // The words move with their rows: FTS keeps each row's text, so the copy reads the old shard.
    auto copy = db.prepare("INSERT INTO " + table(to) + " (docid, body) SELECT docid, body FROM " +
                           table(from) + " WHERE docid = ?");
    auto drop = db.prepare("DELETE FROM " + table(from) + " WHERE docid = ?");
    for (qint64 id : ids) {
        copy.bind(1, id).run();
        drop.bind(1, id).run();
    }
    // The shard they left still holds their words in its older segments: a later erasure of the
    // client they now belong to purges only that client's shard.
    purge(db, from);
}

QList<qint64> clientsMatching(Database& db, const QString& ftsQuery, int cap,
                              const std::function<qint64(qint64 interactionId)>& clientOf)
{
    QList<qint64> out;
    QSet<qint64> seen;
    for (int shard = 0; shard < kShards && out.size() < cap; ++shard) {
        const std::string t = table(shard);
        auto st = db.prepare("SELECT docid FROM " + t + " WHERE " + t + " MATCH ?");
        for (st.bind(1, ftsQuery); out.size() < cap && st.step();)
            if (const qint64 client = clientOf(st.int64(0)); client > 0 && !seen.contains(client)) {
                seen.insert(client);
                out.append(client);
            }
    }
    return out;
}

} // namespace cd::notes
