#pragma once

#include <QtCore/QList>
#include <QtCore/QString>

namespace cd {

class Database;

// The client search index (client_search, FTS4): a derived copy of each client's name words and
// contact words, written with the client in the same transaction (ClientStore) and read by search
// as you type (search/ClientSearch). This file is its one owner.
namespace clientindex {

// In the caller's transaction: the client's index row becomes `names` and `contacts` (folded words).
void put(Database& db, qint64 clientId, const QString& names, const QString& contacts);
void remove(Database& db, qint64 clientId);
// Rewrites the index so removed rows' words are gone from the file, not just masked (erasure).
void optimize(Database& db);
// The clients whose row matches the FTS4 query, at most `cap`, in the index's order.
QList<qint64> matching(Database& db, const QString& ftsQuery, int cap);

} // namespace clientindex
} // namespace cd
