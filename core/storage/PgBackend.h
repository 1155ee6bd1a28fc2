#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

// The clinic server's side of the storage layer (docs/clinic-server.md, step 3): one libpq connection
// that speaks the SQL layer's vocabulary (prepare, bind, step, the column readers, transactions), so an
// owner's SQL runs on a desk as it runs on a local vault. The owners write SQL for SQLite; each text is
// translated once (translate() below) and kept as a named server-side prepared statement, prepared at
// first use: the twin of the local kept-statement cache. Results come whole, in binary (bytea as it
// is, no hex). Failures throw StorageError carrying a message in words (the server not answering,
// a refused privilege, a conflict, a full disk), which guarded() turns into an Error as for a vault.
namespace cd::pg {

// An owner's SQLite text as PostgreSQL reads it: `?` and `?N` become `$n` (quoted text, quoted names
// and comments left alone); `INSERT OR IGNORE` becomes `INSERT … ON CONFLICT DO NOTHING`. What has no
// portable form (`INSERT OR REPLACE`, `PRAGMA`) throws StorageError: its owner writes a text per
// dialect. `params` is the highest parameter number. A text of several statements keeps them (exec()
// runs it), but not with INSERT OR IGNORE.
struct Translated
{
    std::string sql;
    int params = 0;
    std::vector<unsigned> types; // per parameter: 0 (the server infers it), or text for a skipped number
};
Translated translate(std::string_view sqliteSql);

class Connection;

// One statement of a Connection: bind, then step through the rows (the first step runs it), or run()
// one that returns none. Parameters and columns count as in the SQL layer (parameters from 1, columns
// from 0). reset() keeps the bindings' slots and forgets the result, as for a kept SQLite statement.
class Statement final
{
public:
    ~Statement();
    Statement(Statement&&) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;

    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value) { return bind(index, qint64(value)); }
    Statement& bind(int index, const QString& value);
    Statement& bindBlob(int index, const QByteArray& value);
    Statement& bindNull(int index);
    Statement& bindOptional(int index, const QString& value); // empty → NULL

    bool step();
    void run();
    // Runs an INSERT and returns the new row's `id` (the statement gains RETURNING id).
    qint64 runInsert();
    void reset();

    qint64 int64(int col) const;
    QString text(int col) const;
    QByteArray blob(int col) const;
    bool isNull(int col) const;

private:
    friend class Connection;
    Statement(Connection& conn, std::string_view sql);
    void execute(const QByteArray& name);
    const char* value(int col) const;
    Connection* m_conn;
    std::string m_sql; // as translated
    int m_params = 0;
    std::vector<unsigned> m_types;
    std::vector<QByteArray> m_values;
    std::vector<bool> m_null;
    std::vector<int> m_formats; // 0 text, 1 binary (bytea)
    PGresult* m_result = nullptr;
    int m_row = -1;
};

class Connection final
{
public:
    // Takes over an open connection (server/DeskConnection opens it: TLS, the desk's certificate, the
    // login); `server` names it in messages ("localhost:5433").
    Connection(PGconn* pg, QString server);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    // Rows the last statement of this connection inserted, changed or deleted.
    int changes() const { return m_changes; }
    // Server-side prepared statements made so far (one per SQL text, whatever the Statement objects).
    int preparedCount() const { return int(m_prepared.size()); }
    PGconn* handle() const { return m_pg; }
    // After the server came back (a restart, a dropped network): a new session with the same
    // credentials; statements are prepared again at their next use. Throws StorageError if it does
    // not answer yet.
    void reconnect();

private:
    friend class Statement;
    friend class Transaction;
    friend class ReadTransaction;
    // The server-side name of a translated text, prepared at its first use.
    QByteArray preparedName(const std::string& sql, const std::vector<unsigned>& types);
    [[noreturn]] void fail(const PGresult* result) const;
    PGconn* m_pg;
    QString m_server;
    QHash<QByteArray, QByteArray> m_prepared;
    int m_changes = 0;
};

// BEGIN, then the clinic's write lock (a transaction-scoped advisory lock: one writer at a time, as
// BEGIN IMMEDIATE is on a vault, so the audit chain and "insert, then check" stay right); ROLLBACK
// on destruction unless commit() ran.
class Transaction final
{
public:
    explicit Transaction(Connection& conn);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& m_conn;
    bool m_done = false;
};

// Several reads seen as one snapshot: REPEATABLE READ, READ ONLY; ended on destruction. Inside the
// caller's transaction it does nothing.
class ReadTransaction final
{
public:
    explicit ReadTransaction(Connection& conn);
    ~ReadTransaction();
    ReadTransaction(const ReadTransaction&) = delete;
    ReadTransaction& operator=(const ReadTransaction&) = delete;

private:
    Connection& m_conn;
    bool m_began = false;
};

// The Error a server's refusal means to the person at the desk, from its SQLSTATE (exposed for tests).
Error explainServerError(const QString& server, const QByteArray& sqlstate, const QString& message);

} // namespace cd::pg
