#include "storage/Sql.h"

#include "common/ClinicalSeal.h"
#include "common/ManagementKey.h"
#include "common/Secret.h"
#include "storage/PgBackend.h"

#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <cstring>
#include <malloc.h>
#include <sqlite3.h>

namespace cd {

namespace {

QString sqliteMessage(sqlite3* db, int rc)
{
    if (db)
        return QString::fromUtf8(sqlite3_errmsg(db));
    return QString::fromUtf8(sqlite3_errstr(rc));
}

void markDamagedIfCorrupt(sqlite3* db, int code);

[[noreturn]] void fail(sqlite3* db, int rc)
{
    markDamagedIfCorrupt(db, rc);
    throw StorageError(rc, sqliteMessage(db, rc));
}

// SQLCipher 3.4 reports a page whose HMAC does not verify (a flipped bit, a bad sector) as a bare
// SQLITE_ERROR carrying SQLite's generic text, not as SQLITE_CORRUPT (measured by tst_damage). Our
// statements are fixed SQL that prepared fine, and SQL-level errors at run time carry their own text
// (e.g. "malformed MATCH expression"), so a bare one while running means a page could not be read.
int classify(sqlite3* db, int code)
{
    if (code == SQLITE_ERROR && std::strcmp(sqlite3_errmsg(db), sqlite3_errstr(SQLITE_ERROR)) == 0)
        return SQLITE_CORRUPT;
    return code;
}

void markDamagedIfCorrupt(sqlite3* db, int rc)
{
    const int code = classify(db, rc);
    if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
        markDamaged(db);
}

} // namespace

// A connection that met a damaged page is never written to again by Clinicdesk's own bookkeeping
// (deferred audit entries): damage is reported, never touched.
namespace {
QMutex damagedMutex;
QSet<sqlite3*>& damagedSet()
{
    static QSet<sqlite3*> s;
    return s;
}
} // namespace

void markDamaged(sqlite3* db)
{
    QMutexLocker lock(&damagedMutex);
    damagedSet().insert(db);
}

bool Database::damaged() const
{
    QMutexLocker lock(&damagedMutex);
    return damagedSet().contains(m_db);
}

StorageError::StorageError(int code, const QString& what)
    : std::runtime_error(what.toStdString()), m_code(code)
{
}

StorageError::StorageError(Error error)
    : std::runtime_error(error.message.toStdString()), m_code(-1), m_error(std::move(error))
{
}

Error StorageError::toError() const
{
    if (m_code == -1)
        return m_error;
    switch (m_code & 0xff) {
    case SQLITE_FULL:
        return makeError(Error::Kind::Io,
                         QObject::tr("The disk is full. Nothing was saved: free some space and try again."));
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
        return makeError(Error::Kind::Io,
                         QObject::tr("The vault could not be read or written (input/output error). "
                                     "Nothing was saved: check the disk and try again."));
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return makeError(Error::Kind::Io, QObject::tr("The vault folder is read-only. Nothing was saved: "
                                                      "open a vault in a folder you can write to."));
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return makeError(Error::Kind::Damaged,
                         QObject::tr("The vault database is damaged. Restore it from a backup."));
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return makeError(Error::Kind::Failed,
                         QObject::tr("The vault is busy in another program. Close it there and try again."));
    case SQLITE_AUTH: // thrown by core itself: what this session's keys may not do (the message says it)
        return makeError(Error::Kind::Permission, QString::fromUtf8(what()));
    case SQLITE_CONSTRAINT:
        return makeError(
            Error::Kind::Conflict,
            QObject::tr("The change conflicts with existing records: %1").arg(QString::fromUtf8(what())));
    default:
        return makeError(Error::Kind::Failed,
                         QObject::tr("Storage error: %1").arg(QString::fromUtf8(what())));
    }
}

struct Database::IdleStatements
{
    QMutex lock;
    sqlite3* db = nullptr; // the connection they belong to; null once it is closed or handed over
    QHash<QByteArray, sqlite3_stmt*> byText;

    sqlite3_stmt* take(sqlite3* conn, std::string_view sql)
    {
        QMutexLocker hold(&lock);
        if (conn != db)
            return nullptr;
        const auto it = byText.find(QByteArray::fromRawData(sql.data(), qsizetype(sql.size())));
        if (it == byText.end())
            return nullptr;
        sqlite3_stmt* st = it.value();
        byText.erase(it);
        return st;
    }

    // Keeps `st` when it belongs to the connection still open and no other of its text is kept.
    void giveBack(sqlite3* conn, sqlite3_stmt* st)
    {
        constexpr qsizetype kMostIdle = 256;
        QMutexLocker hold(&lock);
        sqlite3_reset(st);
        sqlite3_clear_bindings(st);
        const char* sql = sqlite3_sql(st);
        if (conn != db || !sql || byText.size() >= kMostIdle || byText.contains(QByteArray(sql))) {
            sqlite3_finalize(st);
            return;
        }
        byText.insert(QByteArray(sql), st);
    }

    void finalizeAll()
    {
        QMutexLocker hold(&lock);
        for (sqlite3_stmt* st : std::as_const(byText))
            sqlite3_finalize(st);
        byText.clear();
        db = nullptr;
    }
};

Database::Database(sqlite3* db, QString path, bool encrypted)
    : m_db(db), m_path(std::move(path)), m_encrypted(encrypted), m_clinical(std::make_shared<ClinicalSeal>()),
      m_management(std::make_shared<ManagementKey>())
{
    m_idle = std::make_shared<IdleStatements>();
    m_idle->db = db;
}

std::unique_ptr<Database> Database::overServer(std::shared_ptr<pg::Connection> server, QString where)
{
    std::unique_ptr<Database> db(new Database(nullptr, std::move(where), true));
    db->m_server = std::move(server);
    return db;
}

Database::~Database()
{
    closeConnection();
}

void Database::requireLocal(const char* what) const
{
    if (m_server)
        throw StorageError(
            makeError(Error::Kind::Failed, QStringLiteral("%1 is for a local vault, not the clinic server.")
                                               .arg(QString::fromLatin1(what))));
}

void Database::closeConnection()
{
    if (!m_db)
        return;
    m_idle->finalizeAll();
    {
        QMutexLocker lock(&damagedMutex);
        damagedSet().remove(m_db);
    }
    sqlite3_close_v2(m_db);
    m_db = nullptr;
}

void Database::setClinical(std::shared_ptr<const ClinicalSeal> seal)
{
    m_clinical = seal ? std::move(seal) : std::make_shared<ClinicalSeal>();
}

void Database::setManagement(std::shared_ptr<const ManagementKey> key)
{
    m_management = key ? std::move(key) : std::make_shared<ManagementKey>();
}

void Database::adopt(Database& other)
{
    requireLocal("Taking over another connection");
    other.requireLocal("Taking over another connection");
    closeConnection();
    m_db = std::exchange(other.m_db, nullptr);
    // Its kept statements come with it; the other object keeps an empty set for no connection.
    m_idle = std::exchange(other.m_idle, std::make_shared<IdleStatements>());
    m_path = other.m_path;
    m_encrypted = other.m_encrypted;
    m_pending = {};
    installHooks(); // the listener follows the connection it now has
}

void Database::exec(std::string_view sql)
{
    if (m_server)
        return m_server->exec(sql);
    const std::string s(sql);
    char* msg = nullptr;
    const int rc = sqlite3_exec(m_db, s.c_str(), nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
        const QString text = msg ? QString::fromUtf8(msg) : sqliteMessage(m_db, rc);
        sqlite3_free(msg);
        markDamagedIfCorrupt(m_db, sqlite3_extended_errcode(m_db));
        if (sqlite3_get_autocommit(m_db))
            discardChanges(); // a statement that failed on its own was rolled back
        throw StorageError(classify(m_db, sqlite3_extended_errcode(m_db)), text);
    }
    deliverChanges(); // after COMMIT, or a write that committed on its own
}

Statement Database::prepare(std::string_view sql)
{
    return Statement(*this, sql);
}

void Database::setChangeListener(ChangeListener listener)
{
    m_listener = std::move(listener);
    m_pending = {};
    installHooks();
}

void Database::installHooks()
{
    if (!m_db)
        return;
    if (m_listener) {
        sqlite3_update_hook(m_db, &Database::onUpdate, this);
        sqlite3_rollback_hook(m_db, &Database::onRollback, this);
    } else {
        sqlite3_update_hook(m_db, nullptr, nullptr);
        sqlite3_rollback_hook(m_db, nullptr, nullptr);
    }
}

void Database::onUpdate(void* self, int, const char* dbName, const char* table, long long rowid)
{
    auto* d = static_cast<Database*>(self);
    if (std::strcmp(dbName, "main") != 0)
        return;
    if (const auto kind = changes::kindOfTable(table)) {
        d->m_pending.kinds.insert(*kind);
        if (*kind == DataKind::Clients && std::strcmp(table, "clients") == 0)
            d->m_pending.clients.insert(rowid);
    }
}

void Database::onRollback(void* self)
{
    static_cast<Database*>(self)->discardChanges();
}

void Database::noteClient(qint64 clientId)
{
    if (m_listener && clientId > 0)
        m_pending.clients.insert(clientId);
}

void Database::noteDay(const QDate& day)
{
    if (m_listener && day.isValid())
        m_pending.days.insert(day);
}

void Database::discardChanges()
{
    m_pending = {};
}

void Database::deliverChanges()
{
    if (!m_listener || !m_db || !sqlite3_get_autocommit(m_db))
        return;
    ChangeSet done = std::exchange(m_pending, {});
    // Notes about clients or days without any row written (a write refused after the guard let it
    // through) are dropped with it.
    if (!done.isEmpty())
        m_listener(done);
}

qint64 Database::lastInsertId() const
{
    requireLocal("The last insert's rowid");
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const
{
    if (m_server)
        return m_server->changes();
    return sqlite3_changes(m_db);
}

QString Database::sqliteVersion()
{
    return QString::fromLatin1(sqlite3_libversion());
}

QString Database::pragma(std::string_view name)
{
    requireLocal("PRAGMA");
    Statement st(m_db, "PRAGMA " + std::string(name));
    return st.step() ? st.text(0) : QString();
}

void Database::checkpointTruncate()
{
    requireLocal("A checkpoint");
    int logFrames = 0, checkpointed = 0;
    const int rc =
        sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &logFrames, &checkpointed);
    if (rc != SQLITE_OK)
        fail(m_db, rc);
}

QMap<QString, qint64> Database::rowsInEveryTable()
{
    requireLocal("Counting every table");
    QStringList tables;
    for (auto st =
             prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
         st.step();)
        tables << st.text(0);
    QMap<QString, qint64> rows;
    for (const QString& t : tables) {
        auto n = prepare("SELECT count(*) FROM \"" + t.toStdString() + "\"");
        n.step();
        rows.insert(t, n.int64(0));
    }
    return rows;
}

bool Database::tryCheckpointTruncate(int waitMs)
{
    requireLocal("A checkpoint");
    sqlite3_busy_timeout(m_db, waitMs);
    int logFrames = 0, checkpointed = 0;
    const int rc =
        sqlite3_wal_checkpoint_v2(m_db, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &logFrames, &checkpointed);
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
    if (rc == SQLITE_BUSY)
        return false;
    if (rc != SQLITE_OK)
        fail(m_db, rc);
    return true;
}

void Database::copyInto(Database& dest)
{
    requireLocal("A page-by-page copy");
    dest.requireLocal("A page-by-page copy");
    sqlite3_backup* backup = sqlite3_backup_init(dest.m_db, "main", m_db, "main");
    if (!backup)
        fail(dest.m_db, sqlite3_errcode(dest.m_db));
    const int stepped = sqlite3_backup_step(backup, -1);
    const int finished = sqlite3_backup_finish(backup);
    if (stepped != SQLITE_DONE)
        throw StorageError(classify(dest.m_db, stepped), QString::fromUtf8(sqlite3_errstr(stepped)));
    if (finished != SQLITE_OK)
        fail(dest.m_db, finished);
}

Statement::Statement(sqlite3* db, std::string_view sql) : m_db(db)
{
    const int rc = sqlite3_prepare_v2(db, sql.data(), int(sql.size()), &m_stmt, nullptr);
    if (rc != SQLITE_OK)
        fail(db, rc);
}

Statement::Statement(Database& owner, std::string_view sql)
    : m_db(owner.m_db), m_owner(&owner), m_idle(owner.m_idle)
{
    if (owner.m_server) {
        m_server = std::make_unique<pg::Statement>(owner.m_server->prepare(sql));
        return;
    }
    m_stmt = m_idle->take(m_db, sql);
    if (!m_stmt) {
        const int rc = sqlite3_prepare_v2(m_db, sql.data(), int(sql.size()), &m_stmt, nullptr);
        if (rc != SQLITE_OK)
            fail(m_db, rc);
    }
}

Statement::~Statement()
{
    if (m_stmt && m_idle)
        m_idle->giveBack(m_db, m_stmt);
    else
        sqlite3_finalize(m_stmt);
}

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(std::exchange(other.m_stmt, nullptr)), m_owner(other.m_owner),
      m_idle(std::move(other.m_idle)), m_server(std::move(other.m_server))
{
}

Statement& Statement::bind(int index, qint64 value)
{
    if (m_server)
        return m_server->bind(index, value), *this;
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, const QString& value)
{
    if (m_server)
        return m_server->bind(index, value), *this;
    const QByteArray utf8 = value.toUtf8();
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindBlob(int index, const QByteArray& value)
{
    if (m_server)
        return m_server->bindBlob(index, value), *this;
    sqlite3_bind_blob(m_stmt, index, value.constData(), int(value.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindSecret(int index, const SecretBytes& value)
{
    if (m_server) // a key is never sent to the server, even to be stored
        throw StorageError(makeError(Error::Kind::Failed,
                                     QStringLiteral("A secret value is never sent to the clinic server.")));
    sqlite3_bind_blob(m_stmt, index, value.data(), int(value.size()), SQLITE_STATIC);
    return *this;
}

Statement& Statement::bindNull(int index)
{
    if (m_server)
        return m_server->bindNull(index), *this;
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

Statement& Statement::bindOptional(int index, const QString& value)
{
    return value.isEmpty() ? bindNull(index) : bind(index, value);
}

bool Statement::step()
{
    if (m_server)
        return m_server->step();
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE) {
        if (m_owner && !sqlite3_stmt_readonly(m_stmt))
            m_owner->deliverChanges(); // only when it committed on its own (no transaction open)
        return false;
    }
    const int code = classify(m_db, sqlite3_extended_errcode(m_db));
    if (m_owner && sqlite3_get_autocommit(m_db))
        m_owner->discardChanges();
    if ((code & 0xff) == SQLITE_CORRUPT || (code & 0xff) == SQLITE_NOTADB)
        markDamaged(m_db);
    const QString msg = sqliteMessage(m_db, rc);
    sqlite3_reset(m_stmt);
    throw StorageError(code, msg);
}

void Statement::run()
{
    while (step()) {
    }
    reset();
}

qint64 Statement::runInsert()
{
    if (m_server)
        return m_server->runInsert();
    run();
    return sqlite3_last_insert_rowid(m_db);
}

void Statement::reset()
{
    if (m_server)
        return m_server->reset();
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
}

qint64 Statement::int64(int col) const
{
    if (m_server)
        return m_server->int64(col);
    return sqlite3_column_int64(m_stmt, col);
}

QString Statement::text(int col) const
{
    if (m_server)
        return m_server->text(col);
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, col)) : QString();
}

QByteArray Statement::blob(int col) const
{
    if (m_server)
        return m_server->blob(col);
    const void* p = sqlite3_column_blob(m_stmt, col);
    return p ? QByteArray(static_cast<const char*>(p), sqlite3_column_bytes(m_stmt, col)) : QByteArray();
}

bool Statement::isNull(int col) const
{
    if (m_server)
        return m_server->isNull(col);
    return sqlite3_column_type(m_stmt, col) == SQLITE_NULL;
}

Transaction::Transaction(Database& db) : m_db(db)
{
    if (db.m_server)
        m_server = std::make_unique<pg::Transaction>(*db.m_server);
    else
        m_db.exec("BEGIN IMMEDIATE");
}

Transaction::~Transaction()
{
    if (!m_done && !m_server) // the server's transaction rolls itself back
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit()
{
    if (m_server)
        m_server->commit();
    else
        m_db.exec("COMMIT");
    m_done = true;
}

BulkWrite::BulkWrite(Database& db) : m_db(db)
{
    if (m_db.local())
        m_db.exec("PRAGMA cache_size = -" + std::to_string(Database::kBulkCacheKiB));
}

BulkWrite::~BulkWrite()
{
    if (!m_db.local() || !m_db.handle())
        return;
    sqlite3_exec(m_db.handle(), ("PRAGMA cache_size = -" + std::to_string(Database::kCacheKiB)).c_str(),
                 nullptr, nullptr, nullptr);
    malloc_trim(0); // the pages SQLite freed, back to the system rather than kept by the allocator
}

ReadTransaction::ReadTransaction(Database& db) : m_db(db)
{
    if (db.m_server)
        m_server = std::make_unique<pg::ReadTransaction>(*db.m_server);
    else if (sqlite3_get_autocommit(m_db.handle())) {
        m_db.exec("BEGIN");
        m_began = true;
        m_changesBefore = sqlite3_total_changes(m_db.handle());
    }
}

ReadTransaction::~ReadTransaction()
{
    if (!m_began)
        return;
    // A read writes nothing; were a write to slip in, COMMIT through exec() still keeps it and tells
    // the change feed, as the write alone would have.
    Q_ASSERT(sqlite3_total_changes(m_db.handle()) == m_changesBefore);
    try {
        m_db.exec("COMMIT");
    } catch (const StorageError&) {
        sqlite3_exec(m_db.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
}

} // namespace cd
