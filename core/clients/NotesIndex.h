#pragma once

#include <QtCore/QList>
#include <QtCore/QSet>
#include <QtCore/QString>
#include <functional>
#include <string>

namespace cd {

class Database;

// The words of interaction notes, indexed for search in 4 FTS3 tables (interaction_search_0 … _3),
// each holding the notes of the clients whose id falls in it (client_id % 4).
//
// Why shards: erasing a person's notes must take their words out of the index, not just mask them,
// and FTS only does that by rewriting the index ('optimize'). One index for every note made an
// erasure rewrite every note in the vault (0.2 s of a 0.95 s erasure at a million notes, and growing
// with the vault); a shard is a quarter of that. Why not more: every search keystroke that looks in
// notes queries each shard (about 0.2 ms each at a million notes; 16 shards put search as you type
// over its 5 ms goal). Why FTS3: no per-document statistics row to write on every note.
//
// The invariant the rest of core keeps: a note's index row is in the shard of its client's id, and
// no other shard holds its words. Merging clients moves the notes' rows and purges the shard they
// left (moveNotes).
namespace notes {

inline constexpr int kShards = 4;

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
