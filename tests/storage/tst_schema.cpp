// Migrations: numbered, forward-only, one transaction each; every earlier version upgrades to a
// schema identical to a fresh one, keeping its data.
#include "VaultData.h"
#include "clients/ClientStore.h"
#include "search/ClientSearch.h"
#include "storage/Schema.h"
#include "storage/Sql.h"

#include <QTemporaryDir>
#include <QTest>
#include <optional>

using namespace cd;

namespace {

QStringList schemaOf(Database& db)
{
    QStringList out;
    auto st = db.prepare(
        "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name");
    while (st.step())
        out << st.text(0) + QLatin1Char(' ') + st.text(1) + QLatin1Char(' ') + st.text(2).simplified();
    return out;
}

std::unique_ptr<Database> plain(const QString& path)
{
    auto db = Database::open(path, Database::Mode::Create, nullptr);
    if (!db)
        qFatal("%s", qPrintable(db.message()));
    return std::move(db.value());
}

} // namespace

class TestSchema : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void upgradesFromEveryEarlierVersion_data()
    {
        QTest::addColumn<int>("from");
        for (int v = 0; v < schema::latestVersion(); ++v)
            QTest::addRow("from v%d", v) << v;
    }

    void upgradesFromEveryEarlierVersion()
    {
        QFETCH(int, from);
        QTemporaryDir tmp;
        auto fresh = plain(tmp.filePath(QStringLiteral("fresh.db")));
        QVERIFY(schema::migrate(*fresh).ok());
        auto old = plain(tmp.filePath(QStringLiteral("old.db")));
        QVERIFY(schema::migrate(*old, from).ok());
        QCOMPARE(schema::currentVersion(*old), from);
        if (from >= 1) {
            old->exec("INSERT INTO clients (subject_ref, first_name, last_name, created_at, updated_at) "
                      "VALUES ('S-1', 'Amara', 'Okafor', '2026-01-01T10:00:00Z', '2026-01-01T10:00:00Z')");
            old->exec("INSERT INTO staff (username, display_name, role, created_at) VALUES "
                      "('manager','Manager','manager','x')");
        }
        QVERIFY(schema::migrate(*old).ok());
        QCOMPARE(schema::currentVersion(*old), schema::latestVersion());
        QCOMPARE(schemaOf(*old), schemaOf(*fresh));
        if (from >= 1) {
            auto st = old->prepare("SELECT first_name, status FROM clients WHERE subject_ref = 'S-1'");
            QVERIFY(st.step());
            QCOMPARE(st.text(0), QStringLiteral("Amara"));
            QCOMPARE(st.text(1), QStringLiteral("enquiry"));
        }
        // Running it again is a no-op.
        QVERIFY(schema::migrate(*old).ok());
        QCOMPARE(schemaOf(*old), schemaOf(*fresh));
    }

    // Version 10 split the notes index by client (20 into more shards, made at the next opening): notes
    // written before it are found after it, each indexed in its client's shard.
    void notesWrittenBeforeTheShardsAreFoundAfter()
    {
        QTemporaryDir tmp;
        auto db = plain(tmp.filePath(QStringLiteral("v9.db")));
        QVERIFY(schema::migrate(*db, 9).ok());
        db->exec("INSERT INTO staff (username, display_name, role, created_at) VALUES "
                 "('manager','Manager','manager','x')");
        for (int c = 1; c <= 40; ++c) {
            db->exec("INSERT INTO clients (id, subject_ref, first_name, last_name, created_at, updated_at) "
                     "VALUES (" +
                     std::to_string(c) + ", 'S-" + std::to_string(c) + "', 'Client', 'Number', 'x', 'x')");
            const std::string body = "'asked about word" + std::to_string(c) + " and aftercare'";
            db->exec("INSERT INTO interactions (client_id, kind, occurred_at, body, created_at) VALUES (" +
                     std::to_string(c) + ", 'call', 'x', " + body + ", 'x')");
            db->exec("INSERT INTO interaction_search (docid, body) VALUES (last_insert_rowid(), " + body +
                     ")");
        }
        QVERIFY(schema::migrate(*db).ok());
        QVERIFY(ClientStore(*db).rebuildSearchIndexesIfPending().ok()); // as the vault does at opening
        QCOMPARE(test::halfWrittenRecords(*db).filter(QStringLiteral("interaction")),
                 QStringList()); // (these clients have no phone)
        for (int c : {1, 2, 16, 17, 40}) {
            auto hits = ClientSearch(*db).search(QStringLiteral("word%1").arg(c));
            QVERIFY(hits.ok());
            QCOMPARE(hits->size(), 1);
            QCOMPARE(hits->first().client.id, qint64(c));
        }
        QCOMPARE(ClientSearch(*db).search(QStringLiteral("aftercare"))->size(), 40);
    }

    // Statements are kept for reuse once finished (storage/Sql.h): a kept one carries no value bound
    // before, two uses of one text at once read independently, and a schema change (a migration,
    // DROP and CREATE) is neither blocked by kept statements nor answered from the old schema.
    void keptStatementsAreAsGoodAsNew()
    {
        QTemporaryDir tmp;
        auto db = plain(tmp.filePath(QStringLiteral("kept.db")));
        db->exec("CREATE TABLE t (a INTEGER)");
        db->exec("INSERT INTO t VALUES (1), (2), (3)");
        const auto matching = [&](std::optional<int> a) {
            auto st = db->prepare("SELECT count(*) FROM t WHERE a = ?1 OR ?1 IS NULL");
            if (a)
                st.bind(1, *a);
            st.step();
            return st.int64(0);
        };
        QCOMPARE(matching(2), qint64(1));
        QCOMPARE(matching(std::nullopt), qint64(3)); // not 1: the 2 bound before is gone
        auto outer = db->prepare("SELECT a FROM t ORDER BY a");
        QVERIFY(outer.step());
        QCOMPARE(outer.int64(0), qint64(1));
        {
            auto inner = db->prepare("SELECT a FROM t ORDER BY a");
            QVERIFY(inner.step() && inner.step());
            QCOMPARE(inner.int64(0), qint64(2));
        }
        QVERIFY(outer.step());
        QCOMPARE(outer.int64(0), qint64(2));
        outer.reset();
        db->exec("DROP TABLE t");
        db->exec("CREATE TABLE t (a INTEGER, b TEXT)");
        db->exec("INSERT INTO t VALUES (5, 'x')");
        QCOMPARE(matching(std::nullopt), qint64(1));
        auto again = db->prepare("SELECT a FROM t ORDER BY a");
        QVERIFY(again.step());
        QCOMPARE(again.int64(0), qint64(5));
    }

    // A search's many statements see one state of the vault, without holding up another desk's save;
    // inside a save's transaction the read changes nothing of it.
    void aReadTransactionIsOneSnapshot()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("snapshot.db"));
        auto reader = plain(path);
        reader->exec("CREATE TABLE t (a INTEGER)");
        reader->exec("INSERT INTO t VALUES (1)");
        auto writer = Database::open(path, Database::Mode::Open, nullptr);
        QVERIFY(writer.ok());
        const auto count = [&] {
            auto st = reader->prepare("SELECT count(*) FROM t");
            st.step();
            return st.int64(0);
        };
        {
            const ReadTransaction read(*reader);
            QCOMPARE(count(), qint64(1));
            writer.value()->exec("INSERT INTO t VALUES (2)"); // not held up by the read
            QCOMPARE(count(), qint64(1));                     // the read's snapshot
        }
        QCOMPARE(count(), qint64(2));
        {
            Transaction tx(*reader);
            reader->exec("INSERT INTO t VALUES (3)");
            {
                const ReadTransaction read(*reader);
                QCOMPARE(count(), qint64(3));
            }
            // Rolled back on leaving: the read did not commit the save's transaction.
        }
        QCOMPARE(count(), qint64(2));
    }

    void refusesANewerDatabase()
    {
        QTemporaryDir tmp;
        auto db = plain(tmp.filePath(QStringLiteral("new.db")));
        db->exec("PRAGMA user_version = 999");
        auto st = schema::migrate(*db);
        QVERIFY(!st.ok());
        QVERIFY(st.message().contains(QStringLiteral("newer Clinicdesk")));
        QCOMPARE(schema::currentVersion(*db), 999);
    }

    void aFailingMigrationLeavesTheOldVersion()
    {
        QTemporaryDir tmp;
        auto db = plain(tmp.filePath(QStringLiteral("clash.db")));
        QVERIFY(schema::migrate(*db, 1).ok());
        // A table in the way makes migration 2 fail half way: it must roll back whole.
        db->exec("CREATE TABLE client_phones (x)");
        auto st = schema::migrate(*db);
        QVERIFY(!st.ok());
        QCOMPARE(schema::currentVersion(*db), 1);
        auto cols = db->prepare("PRAGMA table_info(clients)");
        QStringList names;
        while (cols.step())
            names << cols.text(1);
        QVERIFY(names.contains(QStringLiteral("first_name")));
        QVERIFY(!names.contains(QStringLiteral("pronouns")));
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
