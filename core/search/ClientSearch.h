#pragma once

#include "clients/Client.h"
#include "common/Result.h"

namespace cd {

class Database;

struct SearchHit
{
    ClientSummary client;
    int score =
        0; // higher first: exact name or phone 100, whole words 80, prefixes 50, contacts 40, notes 20
    QString matchedBy; // "name", "phone", "email or postcode", "note"
};

// One search box: any part of a name (diacritics ignored, prefix as you type), email, phone in any
// format, postcode, words in interaction notes. Exact name and phone matches rank first.
class ClientSearch final
{
public:
    explicit ClientSearch(Database& db) : m_db(db) {}
    Result<QList<SearchHit>> search(const QString& text, int limit = 50);

private:
    Database& m_db;
};

// After a bulk load (demo data), in its transaction: each shard of the notes index merged into one
// segment, so a keystroke reads one doclist per word rather than one per batch the load committed.
void compactNotesIndex(Database& db);

} // namespace cd
