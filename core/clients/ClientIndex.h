#pragma once

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>
#include <functional>
#include <vector>

namespace cd {

class Database;
struct Client;

// The client search index (client_words): each client's folded name words and contact words, one
// row per (field, word, client) in a B-tree, written with the client in the same transaction
// (ClientStore) and read by search as you type (search/ClientSearch). This file is its one owner.
//
// Why a B-tree and not FTS: a prefix is one range of the index, read in order until the list is
// full, however many clients share it; and a client's rows are deleted where they lie (erasure:
// secure_delete zeroes them), where FTS kept deleted words in its segments until the whole index was
// rewritten (schema 19, core/storage/Migrations11on.cpp).
namespace clientindex {

// FullName: a client's name words joined by spaces as a name is typed ("amara okafor", "okafor amara",
// the preferred name's too), so a query of several words is one prefix of one row rather than an
// intersection of each word's clients (thousands each at a million: 100 ms a keystroke).
enum class Field { Name = 0, Contact = 1, FullName = 2 };

struct Words
{
    QStringList names;     // folded name tokens (text::nameTokens)
    QStringList contacts;  // phone forms, email words and whole addresses, postcodes, handles
    QStringList fullNames; // first last, preferred last, last first
};
// What a client is found by.
Words wordsOf(const Client& c);

// In the caller's transaction: the client's rows become `words`.
void put(Database& db, qint64 clientId, const Words& words);
void remove(Database& db, qint64 clientId);
// True when the index waits to be filled from the clients' rows (a vault upgraded to schema 19).
bool fillPending(Database& db);

// The clients with a `field` word equal to (or, with `prefix`, starting with) each of `words`, at
// most `cap`, each once: the longest word's range of the index is read in order and the others are
// looked up per client, so a keystroke stops as soon as the list is full. With several words each
// look-up costs (about 5 µs at 100,000 clients), so at most `scanLimit` rows of the range are read.
QList<qint64> matching(Database& db, Field field, const QStringList& words, bool prefix, int cap,
                       int scanLimit = -1);

// Clients whose full name starts with the longest of `words` and holds each other word's prefix
// after it, in the order typed, at most `cap`; at most 20,000 rows of the index read.
QList<qint64> fullNamesMatching(Database& db, const QStringList& words, int cap);

// Fills an empty index with many clients at once (a vault upgraded to schema 19): the rows are
// sorted and written in the index's order, and the per-client index built after them.
class BulkLoad
{
public:
    void add(qint64 clientId, const Words& words);
    // In the caller's transaction, the index emptied first and the pending marker dropped after;
    // returns the rows written.
    // progress(rows written, rows), every 100,000 rows, when given.
    qint64 write(Database& db, const std::function<void(qint64 done, qint64 total)>& progress = {});

private:
    struct Row
    {
        int field;
        QByteArray word; // UTF-8: SQLite compares text by its bytes
        qint64 clientId;
        bool operator<(const Row& o) const;
        bool operator==(const Row& o) const;
    };
    std::vector<Row> m_rows;
};

} // namespace clientindex
} // namespace cd
