#pragma once

#include <QtCore/QList>
#include <QtCore/QSet>
#include <QtCore/QString>

#include <string>

namespace cd {

class Database;

// The words of interaction notes, indexed for search in 16 FTS3 tables (interaction_search_0 …
// _15), each holding the notes of the clients whose id falls in it (client_id % 16).
//
// Why shards: erasing a person's notes must take their words out of the index, not just mask them,
// and FTS only does that by rewriting the index ('optimize'). One index for every note made an
// erasure rewrite every note in the vault (most of a second at a million notes); a shard is a
// sixteenth of that. Why FTS3: no per-document statistics table to write on every note.
//
// The invariant the rest of core keeps: a note's index row is in the shard of its client's id, and
// no other shard holds its words. Merging clients moves the notes' rows and purges the shard they
// left (moveNotes).
namespace notes {

inline constexpr int kShards = 16;

int shardOf(qint64 clientId);
std::string table(int shard);

// In the caller's transaction.
void index(Database& db, qint64 interactionId, qint64 clientId, const QString& body);
// Removes the index rows of the client's interactions chosen by `interactionFilter` (SQL over
// interactions, ?1 = the client's id), before those rows are deleted; returns the shard to purge.
int unindex(Database& db, qint64 clientId, const QString& interactionFilter);
// Rewrites the shard's index so removed notes' words are gone from the file, not just masked.
void purge(Database& db, int shard);
void purge(Database& db, const QSet<int>& shards);
// Interactions `ids` now belong to `toClient` (they were `fromClient`'s).
void moveNotes(Database& db, const QList<qint64>& ids, qint64 fromClient, qint64 toClient);

// SELECT the distinct client ids whose notes match ?1 (an FTS query), at most ?2.
const std::string& matchingClientsSql();

} // namespace notes
} // namespace cd
