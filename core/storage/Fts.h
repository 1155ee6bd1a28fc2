#pragma once

#include <string>

namespace cd {

class Database;

// Upkeep of an FTS4 table's segments, for the table's owner (clients/ClientIndex, clients/NotesIndex).
namespace fts {

// Rewrites the whole index into one segment, so that deleted rows' words leave the file (erasure)
// and a word's doclist is read from one place (after a bulk load).
void optimize(Database& db, const std::string& table);

} // namespace fts
} // namespace cd
