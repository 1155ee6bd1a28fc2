#include "VaultData.h"

#include "clients/NotesIndex.h"
#include "common/ClinicalSeal.h"
#include "demo/DemoGenerator.h"
#include "storage/Schema.h"
#include "storage/Sql.h"

#include <QDir>
#include <sqlite3.h>

namespace cd::test {

namespace {

QStringList column(Database& db, const char* sql)
{
    QStringList out;
    auto st = db.prepare(sql);
    while (st.step())
        out << st.text(0);
    return out;
}

} // namespace

QString dumpData(Database& db)
{
    QString out;
    const QStringList tables =
        column(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
    for (const QString& table : tables) {
        // Every sign-in adds an audit entry by design; the data compared is everything else.
        // The clinic's public keys change with a re-key by design too.
        // So do the audit checkpoints (one per manager's entry), the roster's signature and the
        // retired management keys.
        if (table == QLatin1String("audit_log") || table == QLatin1String("key_domains") ||
            table == QLatin1String("audit_checkpoints") || table == QLatin1String("staff_roster") ||
            table == QLatin1String("former_management_keys"))
            continue;
        out += QStringLiteral("== %1\n").arg(table);
        // FTS4 virtual tables have no ordinary rowid order guarantee; docid is their rowid. A table
        // WITHOUT ROWID (the client search index) is read in the order of its columns.
        const bool withoutRowid = !column(db, ("SELECT 1 FROM sqlite_master WHERE name = '" +
                                               table.toStdString() + "' AND sql LIKE '%WITHOUT ROWID%'")
                                                  .c_str())
                                       .isEmpty();
        const std::string sql = "SELECT * FROM \"" + table.toStdString() + "\" ORDER BY " +
                                (withoutRowid ? std::string("1, 2, 3") : std::string("rowid"));
        sqlite3_stmt* st = nullptr;
        if (sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
            markDamaged(db.handle()); // as the product's own statements do when a page cannot be read
            throw StorageError(sqlite3_errcode(db.handle()), QString::fromUtf8(sqlite3_errmsg(db.handle())));
        }
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); ++c) {
                if (sqlite3_column_type(st, c) == SQLITE_BLOB) {
                    // A sealed value as the session reads it (sealing again gives other bytes).
                    QByteArray blob(static_cast<const char*>(sqlite3_column_blob(st, c)),
                                    sqlite3_column_bytes(st, c));
                    if (ClinicalSeal::isSealed(blob))
                        if (auto opened = db.clinical().open(blob))
                            blob = QByteArrayLiteral("sealed:") + opened.value();
                    out += QString::fromLatin1(blob.toHex());
                } else if (sqlite3_column_type(st, c) == SQLITE_NULL)
                    out += QStringLiteral("NULL");
                else
                    out += QString::fromUtf8(reinterpret_cast<const char*>(sqlite3_column_text(st, c)));
                out += QLatin1Char('|');
            }
            out += QLatin1Char('\n');
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) {
            markDamaged(db.handle());
            throw StorageError(rc, QString::fromUtf8(sqlite3_errstr(rc)));
        }
    }
    out += QStringLiteral("user_version %1\n").arg(db.pragma("user_version"));
    return out;
}

QStringList integrityCheck(Database& db)
{
    return column(db, "PRAGMA integrity_check");
}

QStringList halfWrittenRecords(Database& db)
{
    QStringList out;
    const std::pair<const char*, const char*> checks[] = {
        {"client without a phone", "SELECT id FROM clients c WHERE NOT EXISTS (SELECT 1 FROM client_phones p "
                                   "WHERE p.client_id = c.id)"},
        {"client without an email", "SELECT id FROM clients c WHERE NOT EXISTS (SELECT 1 FROM client_emails "
                                    "e WHERE e.client_id = c.id)"},
        {"client without a search row",
         "SELECT id FROM clients WHERE erased_at IS NULL AND id NOT IN (SELECT client_id FROM client_words)"},
        {"search row without a client",
         "SELECT client_id FROM client_words WHERE client_id NOT IN (SELECT id FROM clients WHERE erased_at "
         "IS NULL)"},
    };
    for (const auto& [what, sql] : checks)
        for (const QString& id : column(db, sql))
            out << QStringLiteral("%1: %2").arg(QString::fromLatin1(what), id);
    // A note's index row lives in its client's shard of the notes index, and nowhere else.
    for (int shard = 0; shard < notes::kShards; ++shard) {
        const std::string t = notes::table(shard);
        const std::string mine =
            "client_id % " + std::to_string(notes::kShards) + " = " + std::to_string(shard);
        const std::string missing =
            "SELECT id FROM interactions WHERE " + mine + " AND id NOT IN (SELECT docid FROM " + t + ")";
        const std::string stray =
            "SELECT docid FROM " + t + " WHERE docid NOT IN (SELECT id FROM interactions WHERE " + mine + ")";
        for (const QString& id : column(db, missing.c_str()))
            out << QStringLiteral("interaction without a search row: %1").arg(id);
        for (const QString& id : column(db, stray.c_str()))
            out << QStringLiteral("search row without its interaction in shard %1: %2").arg(shard).arg(id);
    }
    return out;
}

std::unique_ptr<Database> openPlainDemo(const QString& dir, int clients, quint64 seed,
                                        int interactionsPerClient)
{
    auto opened =
        Database::open(QDir(dir).filePath(QStringLiteral("plain.db")), Database::Mode::Create, nullptr);
    if (!opened)
        qFatal("plain database: %s", qPrintable(opened.message()));
    Database& db = *opened.value();
    if (auto st = schema::migrate(db); !st)
        qFatal("schema: %s", qPrintable(st.message()));
    db.exec("INSERT INTO staff (username, display_name, role, created_at) VALUES "
            "('manager','Manager','manager','x')");
    if (auto st = generateDemoData(db, DemoOptions{clients, seed, interactionsPerClient}); !st)
        qFatal("demo data: %s", qPrintable(st.message()));
    return std::move(opened.value());
}

} // namespace cd::test
