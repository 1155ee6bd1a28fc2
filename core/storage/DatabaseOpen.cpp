// Opening a database is where encryption is won or lost, so it is checked step by step:
//  1. the key is given through sqlite3_key() as a raw 256-bit key ("x'…'"), never as SQL text;
//  2. cipher_page_size is pinned to 4096 and read back, and on SQLCipher 4.x the 3.x-compatible
//     HMAC/KDF settings are set and read back too, so the file opens the same way on both
//     (SQLCipher silently ignores a pragma it does not know, so nothing is trusted unread);
//  3. PRAGMA cipher_version must answer: if a plain libsqlite3 were loaded first, PRAGMA key would
//     do nothing and the data would be written in the clear;
//  4. the file must not start with the plaintext SQLite header;
//  5. WAL, foreign keys, secure_delete, in-memory temp storage and the page cache size are set and
//     read back.
#define SQLITE_HAS_CODEC 1
#include "common/Secret.h"
#include "storage/Sql.h"
#include "storage/TestHooks.h"

#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <atomic>
#include <sqlite3.h>

namespace cd {

namespace storage::testing {
namespace {
std::atomic<const char*> g_vfs{nullptr};
} // namespace
void setVfs(const char* registeredVfsName)
{
    g_vfs = registeredVfsName;
}
const char* vfs()
{
    return g_vfs;
}
} // namespace storage::testing

namespace {

constexpr char kPlainHeader[] = "SQLite format 3";

bool startsWithPlainHeader(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return false;
    return f.read(16).startsWith(kPlainHeader);
}

Error damagedError()
{
    return makeError(Error::Kind::Damaged,
                     QObject::tr("The vault database is damaged or is not a Clinicdesk database. "
                                 "Restore it from a backup."));
}

// Page 1 did not authenticate: either the file is damaged or the key (from the keyring beside it)
// is not this database's. Nothing can tell the two apart without the right key.
Error notThisKey()
{
    return makeError(Error::Kind::Damaged,
                     QObject::tr("The vault database is damaged, or the keyring beside it belongs to another "
                                 "vault. Restore clinicdesk.db and keyring.json together from a backup."));
}

void expectPragma(Database& db, const char* set, const char* read, const QString& expected)
{
    db.exec(set);
    const QString got = db.pragma(read);
    if (got.compare(expected, Qt::CaseInsensitive) != 0)
        throw StorageError(
            SQLITE_MISUSE,
            QStringLiteral("%1 reads back %2, expected %3").arg(QString::fromUtf8(read), got, expected));
}

// SQLCipher takes a raw key as the text x'<64 hex digits>'; written here in guarded memory.
SecretBytes rawKeyLiteral(const SecretBytes& key)
{
    static const char hex[] = "0123456789ABCDEF";
    SecretBytes literal(key.size() * 2 + 3);
    unsigned char* p = literal.data();
    *p++ = 'x';
    *p++ = '\'';
    for (std::size_t i = 0; i < key.size(); ++i) {
        *p++ = hex[key.data()[i] >> 4];
        *p++ = hex[key.data()[i] & 0xf];
    }
    *p = '\'';
    return literal;
}

void applyKey(sqlite3* db, const SecretBytes& key)
{
    const SecretBytes literal = rawKeyLiteral(key);
    if (sqlite3_key(db, literal.data(), int(literal.size())) != SQLITE_OK)
        throw StorageError(SQLITE_MISUSE, QStringLiteral("sqlite3_key failed"));
}

} // namespace

void Database::attachEncrypted(const QString& path, std::string_view schema, const SecretBytes& key)
{
    requireLocal("Attaching a database file");
    const SecretBytes literal = rawKeyLiteral(key);
    // SQLCipher copies the key into its own memory, which it wipes.
    prepare(std::string("ATTACH DATABASE ? AS ") + std::string(schema) + " KEY ?")
        .bind(1, path)
        .bindSecret(2, literal)
        .run();
}

Result<std::unique_ptr<Database>> Database::open(const QString& path, Mode mode, const SecretBytes* key)
{
    const QFileInfo info(path);
    if (mode == Mode::Open) {
        if (!info.exists())
            return makeError(Error::Kind::NotFound, QObject::tr("The vault database %1 is missing. "
                                                                "Restore it from a backup.")
                                                        .arg(path));
        if (info.size() == 0 || (key && startsWithPlainHeader(path)))
            return damagedError();
    } else {
        if (info.exists())
            return makeError(Error::Kind::Conflict, QObject::tr("%1 already exists.").arg(path));
        // Created here first so that it, and the WAL files SQLite derives from it, are 0600.
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) ||
            !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return makeError(Error::Kind::Io, QObject::tr("Cannot create %1: %2").arg(path, f.errorString()));
    }

    sqlite3* raw = nullptr;
    const QByteArray nativePath = QFile::encodeName(path);
    const int rc =
        sqlite3_open_v2(nativePath.constData(), &raw, SQLITE_OPEN_READWRITE, storage::testing::vfs());
    std::unique_ptr<Database> db(new Database(raw, path, key != nullptr));
    if (rc != SQLITE_OK)
        return StorageError(rc, QString::fromUtf8(sqlite3_errstr(rc))).toError();
    // SQLite falls back to read-only when the file cannot be opened for writing, and in WAL mode it
    // must create files beside the database: either way the first save would fail, so say it now.
    if (sqlite3_db_readonly(raw, "main") == 1 ||
        (mode == Mode::Open && !QFileInfo(info.absolutePath()).isWritable()))
        return makeError(
            Error::Kind::Io,
            QObject::tr("The vault in %1 is read-only: Clinicdesk cannot write to its folder or files. "
                        "Copy the vault to a folder you can write to, or ask whoever looks after this "
                        "computer for write access.")
                .arg(info.absolutePath()));

    try {
        if (key) {
            applyKey(raw, *key);
            if (db->pragma("cipher_version").isEmpty())
                return makeError(Error::Kind::Failed,
                                 QObject::tr("This program is linked to a SQLite without encryption; "
                                             "it refuses to open the vault. Reinstall Clinicdesk."));
            expectPragma(*db, "PRAGMA cipher_page_size = 4096", "cipher_page_size", QStringLiteral("4096"));
            if (db->pragma("cipher_version").startsWith(QLatin1Char('4'))) {
                expectPragma(*db, "PRAGMA kdf_iter = 64000", "kdf_iter", QStringLiteral("64000"));
                expectPragma(*db, "PRAGMA cipher_hmac_algorithm = HMAC_SHA1", "cipher_hmac_algorithm",
                             QStringLiteral("HMAC_SHA1"));
                expectPragma(*db, "PRAGMA cipher_kdf_algorithm = PBKDF2_HMAC_SHA1", "cipher_kdf_algorithm",
                             QStringLiteral("PBKDF2_HMAC_SHA1"));
            }
        }
        // The first read authenticates the key against page 1 (or fails for a damaged file).
        try {
            db->prepare("SELECT count(*) FROM sqlite_master").step();
        } catch (const StorageError& e) {
            const int primary = e.code() & 0xff;
            if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
                return key ? notThisKey() : damagedError();
            throw;
        }
        // A truncated file can still serve page 1; catch it before any query meets the missing pages.
        // After a clean close there is no WAL, so the file must hold exactly page_count pages.
        const qint64 pageSize = db->pragma("page_size").toLongLong();
        const qint64 onDisk = QFileInfo(path).size();
        const QFileInfo wal(path + QStringLiteral("-wal"));
        if (mode == Mode::Open && pageSize > 0 &&
            (onDisk % pageSize != 0 || ((!wal.exists() || wal.size() == 0) &&
                                        db->pragma("page_count").toLongLong() * pageSize != onDisk)))
            return damagedError();
        expectPragma(*db, "PRAGMA journal_mode = WAL", "journal_mode", QStringLiteral("wal"));
        expectPragma(*db, "PRAGMA synchronous = FULL", "synchronous", QStringLiteral("2"));
        expectPragma(*db, "PRAGMA foreign_keys = ON", "foreign_keys", QStringLiteral("1"));
        expectPragma(*db, "PRAGMA secure_delete = ON", "secure_delete", QStringLiteral("1"));
        expectPragma(*db, "PRAGMA temp_store = MEMORY", "temp_store", QStringLiteral("2"));
        // SQLite's default page cache is about 2 MB. Every miss costs a read and, with SQLCipher,
        // decrypting and authenticating the page: at 100,000 clients search as you type missed
        // constantly and the encrypted vault searched ~1.8x slower than a plaintext one
        // (clinicdesk-bench). 32 MiB holds the hot part of the client tables and search index;
        // it is an upper bound, filled only by pages actually read.
        expectPragma(*db, ("PRAGMA cache_size = -" + std::to_string(Database::kCacheKiB)).c_str(),
                     "cache_size", QString::number(-Database::kCacheKiB));
        sqlite3_busy_timeout(raw, Database::kBusyTimeoutMs);
    } catch (const StorageError& e) {
        const int primary = e.code() & 0xff;
        if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
            return damagedError();
        return e.toError();
    }
    return db;
}

} // namespace cd
