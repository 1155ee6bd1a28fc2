#pragma once

#include <QtCore/QList>
#include <QtCore/QSet>
#include <QtCore/QString>
#include <functional>
#include <string>

namespace cd {

class Database;

// The words of interaction notes, indexed for search in kShards FTS3 tables (interaction_search_0,
// _1, …), each holding the notes of the clients whose id falls in it (client_id % kShards).
//
// Why shards: erasing a person's notes must take their words out of the index, not just mask them,
// and FTS only does that by rewriting the index ('optimize'), so an erasure costs in proportion to
// its shard. With 4 shards, a quarter of the vault's notes was rewritten on each erasure: 1.6 s of a
// 1.9 s erasure at a million clients (ten million notes; clinicdesk-bench). Why not more: a search
// that looks in notes queries each shard in turn (only for a word the names do not fill the list
// with, and a kept statement per shard: storage/Sql.h). Why FTS3: no per-document statistics row to
// write on every note.
//
// The invariant the rest of core keeps: a note's index row is in the shard of its client's id, and
// no other shard holds its words. Merging clients moves the notes' rows and purges the shard they
// left (moveNotes).
namespace notes {

inline constexpr int kShards = 32;

int shardOf(qint64 clientId);
std::string table(int shard);

// In the caller's transaction.
void index(Database& db, qint64 interactionId, qint64 clientId, const QString& body);
// Removes the index rows of the client's interactions `ids` (those about to be deleted); returns
// the shard to purge.
int unindex(Database& db, qint64 clientId, const QList<qint64>& ids);
// Rewrites the shard's index so removed notes' words are gone from the file, not just masked.
void purge(Database& db, int shard);
void purge(Database& db, const QSet<int>& shards);
// Schema 20 left the index to be rebuilt in kShards shards (a marker table): true until
// finishRebuild. Then, in one transaction: startRebuild (every shard empty), index() each note,
// finishRebuild (each shard compacted, the marker dropped).
bool rebuildPending(Database& db);
void startRebuild(Database& db);
void finishRebuild(Database& db);
// Interactions `ids` now belong to `toClient` (they were `fromClient`'s).
void moveNotes(Database& db, const QList<qint64>& ids, qint64 fromClient, qint64 toClient);

// The clients whose notes match `ftsQuery`, at most `cap`, shard by shard: a common word stops
// in the first shard (one SQL UNION ALL over the shards was read whole before its LIMIT: 28 ms for
// "about" at a million notes, against 0.3 ms). `clientOf` answers whose note an interaction id is
// (the interactions' owner, clients/Interaction.h), 0 for none.
QList<qint64> clientsMatching(Database& db, const QString& ftsQuery, int cap,
                              const std::function<qint64(qint64 interactionId)>& clientOf);

} // namespace notes
} // namespace cd
