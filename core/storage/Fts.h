#pragma once

#include <string>

namespace cd {

class Database;

// Upkeep of an FTS4 table's segments, for the table's owner (clients/ClientIndex, clients/NotesIndex).
namespace fts {

// Merges the segments a bulk write added (a CSV import, a restore) with FTS4's incremental merge
// ('merge=X,2': segments of one level into one of the next), until no level holds two. Its work is
// the size of what was added: unlike 'optimize' it never rewrites the index's one big segment,
// which grows with the vault (0.8 s of a 10,000-row import at 100,000 clients, about 8 s at a
// million). Searching then reads a doclist from a few segments instead of one per committed batch.
void mergeAdded(Database& db, const std::string& table);

// Rewrites the whole index into one segment, so that deleted rows' words leave the file (erasure).
void optimize(Database& db, const std::string& table);

} // namespace fts
} // namespace cd
