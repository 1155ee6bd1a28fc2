#pragma once

#include "common/Actor.h"
#include "common/Result.h"
#include "storage/ChangeFeed.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QVariant>
#include <memory>
#include <stdexcept>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace cd::pg {
class Connection;
class Statement;
class Transaction;
class ReadTransaction;
} // namespace cd::pg

namespace cd {

class SecretBytes;
class ClinicalSeal;
class ManagementKey;

// Thrown by the SQL layer when SQLite reports an error; services catch it at their boundary
// (see guarded()) and turn it into an Error the user can act on.
class StorageError : public std::runtime_error
{
public:
    StorageError(int code, const QString& what);
    // A failure already in words (the clinic server's refusals, storage/PgBackend.h); code() is -1.
    explicit StorageError(Error error);
    int code() const { return m_code; }
    Error toError() const;

private:
    int m_code;
    Error m_error; // used when m_code is -1
};

class Statement;

// One connection: to a local vault (SQLite/SQLCipher; opening runs the encryption self-check and pins
// the cipher settings, see DatabaseOpen.cpp for the list and why each is there), or, on a desk, to the
// clinic server (storage/PgBackend.h: the same statements, translated). What only a local vault has
// (pragmas, checkpoints, copies, the raw handle) throws StorageError on the server; local() says which.
class Database final
{
public:
    enum class Mode { Open, Create };
    enum class Dialect { Sqlite, Postgres };
    // How long a statement waits for another connection's lock before it reports the vault busy.
    static constexpr int kBusyTimeoutMs = 2000;
    // The page cache of a vault's connection (DatabaseOpen.cpp says why this size), and during a
    // BulkWrite, in KiB.
    static constexpr int kCacheKiB = 32 * 1024;
    static constexpr int kBulkCacheKiB = 256 * 1024;
    ~Database();
    Q_DISABLE_COPY_MOVE(Database)

    // key == nullptr opens a plaintext database: only tests and the benchmark do that.
    static Result<std::unique_ptr<Database>> open(const QString& path, Mode mode, const SecretBytes* key);
    // A desk's connection to the clinic server (server/DeskConnection opens it); `server` names it in
    // messages. Shared: the desk's own calls (keyring, audit checks) use it too, on the same thread.
    static std::unique_ptr<Database> overServer(std::shared_ptr<pg::Connection> server, QString where);
    // A local vault (true) or the clinic server (false). An owner whose SQL differs by dialect asks
    // dialect() and keeps both texts in its file.
    bool local() const { return m_server == nullptr; }
    Dialect dialect() const { return local() ? Dialect::Sqlite : Dialect::Postgres; }

    void exec(std::string_view sql);
    Statement prepare(std::string_view sql);
    // The id of the last row this connection inserted: tests' set-up only; the program's inserts use
    // Statement::runInsert(), which the clinic server can answer too.
    qint64 lastInsertId() const;
    int changes() const;
    QString pragma(std::string_view name);
    // The SQLCipher release behind this connection, e.g. "3.4.1" (About box, verify).
    QString cipherVersion() { return pragma("cipher_version"); }
    // The SQLite library SQLCipher is built on, e.g. "3.15.2".
    static QString sqliteVersion();
    bool encrypted() const { return m_encrypted; }
    const QString& path() const { return m_path; }
    sqlite3* handle() const { return m_db; }
    // The row count of every table of the schema (search indexes included), by table name: two
    // databases that hold the same rows answer the same (the re-key's check of its copy).
    QMap<QString, qint64> rowsInEveryTable();
    // Folds the WAL back into the main file and truncates it, so no old page image survives there.
    void checkpointTruncate();
    // The same, but another connection's open read (another program reading the vault) is not an
    // error: waits up to waitMs for it, then returns false and leaves the WAL for a later checkpoint.
    // What was committed stays committed either way. Throws StorageError on any other failure.
    [[nodiscard]] bool tryCheckpointTruncate(int waitMs);
    // Copies every page into `dest` with SQLite's backup API in one step, i.e. under one read
    // transaction: a consistent snapshot even while this connection or another one writes. SQLCipher
    // copies pages only between databases keyed alike (same raw key, same page size). Throws StorageError.
    void copyInto(Database& dest);
    // ATTACH DATABASE path AS `schema` under a raw key. The key goes to SQLCipher as a bound value
    // read in place from guarded memory, never as SQL text or in an unwiped buffer (the re-key's copy).
    // Throws StorageError.
    void attachEncrypted(const QString& path, std::string_view schema, const SecretBytes& key);
    // The vault's re-key swaps the file under this object: closeConnection() closes the file (the
    // object must not be used until adopt()), adopt() takes over another object's connection, so
    // every part of the program that holds this Database keeps working on the new file.
    void closeConnection();
    void adopt(Database& other);
    // Who is using this connection; services check it (see accounts/Access.h).
    const Actor& actor() const { return m_actor; }
    void setActor(Actor actor) { m_actor = std::move(actor); }
    // What this session may seal and open in the clinical key domain (common/ClinicalSeal.h); a
    // database opened outside a vault has none (values as they are).
    const ClinicalSeal& clinical() const { return *m_clinical; }
    void setClinical(std::shared_ptr<const ClinicalSeal> seal);
    // What this session may sign and check in the management key domain (common/ManagementKey.h).
    const ManagementKey& management() const { return *m_management; }
    void setManagement(std::shared_ptr<const ManagementKey> key);
    // True once a statement on this connection met a damaged page.
    bool damaged() const;
    // The change feed: after each committed transaction that changed rows, `listener` hears what
    // kinds of data changed (from SQLite's update hook, so no write can forget to report) and about
    // which clients and days (noted by the services as they write). A rolled-back transaction
    // reports nothing. One listener per connection; an empty function removes it.
    void setChangeListener(ChangeListener listener);
    // Narrows the current transaction's changes down to a client or a day (see ChangeSet).
    void noteClient(qint64 clientId);
    void noteDay(const QDate& day);
    // Audit entries that wait for the session's first write (see AuditLog::append): a sign-in on a
    // vault that turns out damaged must not write to it.
    void deferAudit(const QString& action, const QString& detail)
    {
        m_deferredAudit.append({action, detail});
    }
    QList<std::pair<QString, QString>> takeDeferredAudit() { return std::exchange(m_deferredAudit, {}); }

private:
    friend class Statement;
    friend class Transaction;
    friend class ReadTransaction;
    Database(sqlite3* db, QString path, bool encrypted);
    void installHooks();
    // Throws: `what` exists only on a local vault.
    void requireLocal(const char* what) const;
    // Statements are kept for reuse once finished, reset and unbound, one per SQL text: compiling a
    // statement cost more than running it on most of the program's paths (a CSV row compiled a dozen,
    // a search keystroke eight). Finalized when the connection closes. Shared with the statements,
    // which may outlive this object, and locked: a task's thread and the UI thread both use it.
    struct IdleStatements;
    std::shared_ptr<IdleStatements> m_idle;
    void deliverChanges(); // after a commit: the pending set goes to the listener
    void discardChanges(); // after a rollback
    static void onUpdate(void* self, int op, const char* dbName, const char* table, long long rowid);
    static void onRollback(void* self);
    sqlite3* m_db;
    std::shared_ptr<pg::Connection> m_server; // set on a desk instead of m_db
    ChangeListener m_listener;
    ChangeSet m_pending;
    QString m_path;
    bool m_encrypted;
    Actor m_actor;
    std::shared_ptr<const ClinicalSeal> m_clinical;
    std::shared_ptr<const ManagementKey> m_management;
    QList<std::pair<QString, QString>> m_deferredAudit;
};

void markDamaged(sqlite3* db);

class Statement final
{
public:
    Statement(sqlite3* db, std::string_view sql);
    // A statement of `owner`'s connection: a write that commits on its own (outside a Transaction)
    // reports its changes when it finishes.
    Statement(Database& owner, std::string_view sql);
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&&) = delete;
    Statement(const Statement&) = delete;

    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value) { return bind(index, qint64(value)); }
    Statement& bind(int index, const QString& value);
    Statement& bind(int index, const char* utf8) { return bind(index, QString::fromUtf8(utf8)); }
    Statement& bindBlob(int index, const QByteArray& value);
    Statement& bindNull(int index);
    // Bound where it lies (no copy in SQLite's buffers): `value` must outlive the statement's run.
    Statement& bindSecret(int index, const SecretBytes& value);
    Statement& bindOptional(int index, const QString& value); // empty → NULL

    // true while a row is available; false when done. Throws StorageError on failure.
    bool step();
    void run(); // step a statement that returns no rows
    // Runs an INSERT and returns the new row's id (on the clinic server the statement gains
    // RETURNING id: storage/PgBackend.h); the one way to learn a new row's id.
    qint64 runInsert();
    void reset();

    qint64 int64(int col) const;
    QString text(int col) const;
    QByteArray blob(int col) const;
    bool isNull(int col) const;

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    Database* m_owner = nullptr;
    std::shared_ptr<Database::IdleStatements> m_idle;
    std::unique_ptr<pg::Statement> m_server; // on the clinic server instead of m_stmt
};

// BEGIN IMMEDIATE on construction, ROLLBACK on destruction unless commit() ran.
class Transaction final
{
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Q_DISABLE_COPY_MOVE(Transaction)
    void commit();

private:
    Database& m_db;
    bool m_done = false;
    std::unique_ptr<pg::Transaction> m_server;
};

// A read of several statements seen as one snapshot, under one read lock: BEGIN (deferred) on
// construction, COMMIT on destruction. Each statement outside a transaction takes and drops the WAL
// read lock itself (file-lock system calls and a read of the shared index): a keystroke's search
// ran hundreds of them. Inside the caller's transaction, it does nothing. Reads only: no Transaction
// may begin inside one. Used on the thread whose windows read the connection (a worker's task holds
// the windows' reads back while it runs: ui/desk/TaskRunner.h).
class ReadTransaction final
{
public:
    explicit ReadTransaction(Database& db);
    ~ReadTransaction();
    Q_DISABLE_COPY_MOVE(ReadTransaction)

private:
    Database& m_db;
    bool m_began = false;
    int m_changesBefore = 0;
    std::unique_ptr<pg::ReadTransaction> m_server;
};

// A write of thousands of rows in one transaction (a CSV import, the search indexes made again at an
// upgrade): for its length the page cache may grow from 32 MiB to 256 MiB, so each page it changes is
// written to the WAL once, at the commit, rather than spilled while it runs and read back (decrypted)
// to be changed again. At a million clients a 10,000-row import changes tens of thousands of index
// pages (in paired benchmark runs, 3.9 s with the usual cache, 3.0 s with this one). On destruction
// the cache is back to its size and the memory it freed goes back to the system. Nothing on the
// clinic server.
class BulkWrite final
{
public:
    explicit BulkWrite(Database& db);
    ~BulkWrite();
    Q_DISABLE_COPY_MOVE(BulkWrite)

private:
    Database& m_db;
};

// Runs fn and turns a StorageError into an Error value.
template <typename Fn> auto guarded(Fn&& fn) -> decltype(fn())
{
    try {
        return fn();
    } catch (const StorageError& e) {
        return e.toError();
    }
}

} // namespace cd
