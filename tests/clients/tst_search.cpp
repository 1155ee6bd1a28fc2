// One search box: names with accents, apostrophes and hyphens, phones in any format, email,
// postcode, note words; exact matches first.
#include "OldVaults.h"
#include "TestVault.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "search/ClientSearch.h"
#include "storage/Schema.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace cd;
using namespace cd::test;

class TestSearch : public QObject
{
    Q_OBJECT
    std::unique_ptr<TestVault> m_vault;
    QHash<QString, qint64> m_ids;

    void add(const char* key, const char* first, const char* last, const char* phone,
             const char* email = nullptr, const char* postcode = nullptr)
    {
        Client c;
        c.firstName = QString::fromUtf8(first);
        c.lastName = QString::fromUtf8(last);
        if (phone)
            c.phones.append({QStringLiteral("mobile"), QString::fromUtf8(phone), {}});
        if (email)
            c.emails.append({QStringLiteral("personal"), QString::fromUtf8(email)});
        if (postcode)
            c.addresses.append({QStringLiteral("home"),
                                QStringLiteral("1 Road"),
                                {},
                                QStringLiteral("Town"),
                                {},
                                QString::fromUtf8(postcode),
                                {}});
        auto id = ClientStore(m_vault->db()).create(c);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.message()));
        m_ids.insert(QString::fromUtf8(key), id.value());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_vault = std::make_unique<TestVault>();
        add("amara", "Amara", "Okafor", "07700 900123", "amara.okafor@example.com", "LS1 4AB");
        add("amaranth", "Amaranth", "Jones", "07700 900456");
        add("zoe", "Zoë", "O'Brien", "+44 7700 900789", "zoe@example.org", "SW4 7AA");
        add("smithjones", "Ciarán", "Smith-Jones", "020 7946 0123");
        add("siobhan", "Siobhán", "Ó Súilleabháin", "07700 900321");
        add("lukasz", "Łukasz", "Nowak", "07700 900555");
        add("ann", "Ann", "Lee", "07700 900666");
        add("anna", "Anna", "Lee", "07700 900667");
        add("annabel", "Annabel", "Lee", "07700 900668");
        Interaction note;
        note.clientId = m_ids.value(QStringLiteral("lukasz"));
        note.kind = InteractionKind::Call;
        note.body = QStringLiteral("Interested in microneedling after her holiday");
        QVERIFY(InteractionStore(m_vault->db()).add(note).ok());
    }

    void findsTheRightClientFirst_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("expected");
        QTest::newRow("surname") << "okafor"
                                 << "amara";
        QTest::newRow("full name") << "Amara Okafor"
                                   << "amara";
        QTest::newRow("prefix as you type") << "okaf"
                                            << "amara";
        QTest::newRow("first name exact beats prefix") << "Amara"
                                                       << "amara";
        QTest::newRow("diacritic typed plainly") << "zoe"
                                                 << "zoe";
        QTest::newRow("diacritic typed") << "Zoë"
                                         << "zoe";
        QTest::newRow("apostrophe") << "O'Brien"
                                    << "zoe";
        QTest::newRow("apostrophe left out") << "obrien"
                                             << "zoe";
        QTest::newRow("hyphen part") << "jones ciaran"
                                     << "smithjones";
        QTest::newRow("hyphen joined") << "smithjones"
                                       << "smithjones";
        QTest::newRow("irish name plain") << "siobhan o suilleabhain"
                                          << "siobhan";
        QTest::newRow("polish l") << "lukasz"
                                  << "lukasz";
        QTest::newRow("exact Ann before Anna") << "ann"
                                               << "ann";
        QTest::newRow("phone national") << "07700 900123"
                                        << "amara";
        QTest::newRow("phone international") << "+44 7700 900123"
                                             << "amara";
        QTest::newRow("phone digits") << "447700900123"
                                      << "amara";
        QTest::newRow("phone partial as typed") << "0770 090012"
                                                << "amara";
        QTest::newRow("phone partial significant") << "7700 900789"
                                                   << "zoe";
        QTest::newRow("landline") << "02079460123"
                                  << "smithjones";
        QTest::newRow("phone partial international") << "+44 7700 90078"
                                                     << "zoe";
        QTest::newRow("phone partial with 00") << "0044 7700 900 78"
                                               << "zoe";
        QTest::newRow("phone partial landline") << "020 7946"
                                                << "smithjones";
        QTest::newRow("word and initial") << "Zoe O"
                                          << "zoe";
        QTest::newRow("initial and word") << "L Nowak"
                                          << "lukasz";
        QTest::newRow("initial then surname") << "a lee"
                                              << "ann";
        QTest::newRow("email") << "amara.okafor@example.com"
                               << "amara";
        QTest::newRow("email start") << "zoe@exam"
                                     << "zoe";
        QTest::newRow("postcode") << "LS1 4AB"
                                  << "amara";
        QTest::newRow("postcode no space") << "sw47aa"
                                           << "zoe";
        QTest::newRow("note word") << "microneedling"
                                   << "lukasz";
        QTest::newRow("email as typed") << "amara.okafor@ex"
                                        << "amara";
        QTest::newRow("email's second word") << "okafor@"
                                             << "amara";
    }
    void findsTheRightClientFirst()
    {
        QFETCH(QString, query);
        QFETCH(QString, expected);
        auto hits = ClientSearch(m_vault->db()).search(query);
        QVERIFY(hits.ok());
        QVERIFY2(!hits->isEmpty(), qPrintable(query));
        QCOMPARE(hits->first().client.id, m_ids.value(expected));
    }

    void exactNamesRankAbovePrefixes()
    {
        auto hits = ClientSearch(m_vault->db()).search(QStringLiteral("ann lee"));
        QCOMPARE(hits->size(), 3);
        QCOMPARE(hits->at(0).client.firstName, QStringLiteral("Ann"));
        QVERIFY(hits->at(0).score > hits->at(1).score);
    }

    // Several words are looked up as full names, either order, the last word a prefix: one range of
    // the index rather than an intersection of each word's clients.
    void aNameOfSeveralWordsIsOneRangeOfFullNames()
    {
        auto rows = m_vault->db().prepare(
            "SELECT word FROM client_words WHERE client_id = ? AND field = 2 ORDER BY word");
        rows.bind(1, m_ids.value(QStringLiteral("amara")));
        QStringList fullNames;
        while (rows.step())
            fullNames << rows.text(0);
        QCOMPARE(fullNames, (QStringList{QStringLiteral("amara okafor"), QStringLiteral("okafor amara")}));
        for (const char* typed : {"Amara Oka", "okafor amara", "Okafor Am"}) {
            const auto hits = ClientSearch(m_vault->db()).search(QString::fromUtf8(typed)).value();
            QVERIFY2(!hits.isEmpty(), typed);
            QCOMPARE(hits.first().client.id, m_ids.value(QStringLiteral("amara")));
        }
    }

    void anInitialStillNarrows()
    {
        // "Lukasz" is found by the longer word; the initial must still match a name.
        QVERIFY(ClientSearch(m_vault->db()).search(QStringLiteral("Z Nowak"))->isEmpty());
        const auto hits = ClientSearch(m_vault->db()).search(QStringLiteral("a lee")).value();
        QCOMPARE(hits.size(), 3);
        for (const SearchHit& h : hits)
            QCOMPARE(h.client.lastName, QStringLiteral("Lee"));
    }

    void nothingForStrangers()
    {
        QVERIFY(ClientSearch(m_vault->db()).search(QStringLiteral("xylophone"))->isEmpty());
        QVERIFY(ClientSearch(m_vault->db()).search(QStringLiteral("07999 999999"))->isEmpty());
        QVERIFY(ClientSearch(m_vault->db()).search(QStringLiteral("   "))->isEmpty());
    }

    void queryTextIsNeverSql()
    {
        // FTS syntax and SQL fragments are treated as words, never as operators.
        for (const char* q :
             {"\"", "a OR b", "NEAR", "*", "-", "'; DROP TABLE clients; --", "names:okafor", "(", "^x"}) {
            auto hits = ClientSearch(m_vault->db()).search(QString::fromUtf8(q));
            QVERIFY2(hits.ok(), q);
        }
        QCOMPARE(ClientStore(m_vault->db()).count().value(), qint64(9));
    }

    void editsAreSearchable()
    {
        auto c = ClientStore(m_vault->db()).get(m_ids.value(QStringLiteral("amaranth")));
        Client edited = c.value();
        edited.lastName = QStringLiteral("Ekwueme");
        QVERIFY(ClientStore(m_vault->db()).update(edited).ok());
        QVERIFY(ClientSearch(m_vault->db()).search(QStringLiteral("jones amaranth"))->isEmpty());
        QCOMPARE(ClientSearch(m_vault->db()).search(QStringLiteral("ekwueme"))->first().client.id, edited.id);
    }

    // A vault written before schema 19 kept its search words in FTS4: after the upgrade, every
    // client is found as before, by name, phone, email and postcode, and an erased one is not.
    void clientsFromBeforeTheWordIndexAreFoundAfterTheUpgrade()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("old"));
        const SecretBytes key = makeVaultBeforeKeyDomains(dir, secret("an old vault passphrase"));
        QVERIFY(!key.empty());
        {
            auto db = Database::open(Vault::databasePath(dir), Database::Mode::Open, &key);
            QVERIFY(db.ok());
            Database& d = *db.value();
            QCOMPARE(schema::currentVersion(d), schema::kKeyDomainsVersion - 1);
            d.exec(
                "INSERT INTO clients (id, subject_ref, first_name, last_name, created_at, updated_at) VALUES "
                "(7, 'S-7', 'Zoë', 'O''Brien', 'x', 'x'), (8, 'S-8', 'Priya', 'Patel', 'x', 'x')");
            d.exec("INSERT INTO clients (id, subject_ref, first_name, last_name, created_at, updated_at, "
                   "erased_at) VALUES (9, 'S-9', 'Erased', 'Person', 'x', 'x', 'x')");
            d.exec("INSERT INTO client_phones (client_id, number, e164) VALUES (7, '07700 900789', "
                   "'+447700900789')");
            d.exec("INSERT INTO client_emails (client_id, address, normalised) VALUES (8, "
                   "'priya.patel1@example.com', 'priya.patel1@example.com')");
            d.exec(
                "INSERT INTO client_addresses (client_id, line1, postcode) VALUES (8, '1 Road', 'LS1 4AB')");
            d.exec("INSERT INTO client_search (docid, names, contacts) VALUES (7, 'zoe o brien obrien', "
                   "'447700900789 7700900789 07700900789'), (8, 'priya patel', 'priya patel1 example com')");
            // Notes in the 4 shards of schema 10 (client 7's in shard 3, client 8's in shard 0).
            d.exec("INSERT INTO interactions (id, client_id, kind, occurred_at, body, created_at) VALUES "
                   "(70, 7, 'call', 'x', 'Asked about the rosehip facial', 'x'), "
                   "(80, 8, 'call', 'x', 'Wants microneedling in spring', 'x')");
            d.exec("INSERT INTO interaction_search_3 (docid, body) VALUES (70, 'Asked about the rosehip "
                   "facial')");
            d.exec("INSERT INTO interaction_search_0 (docid, body) VALUES (80, 'Wants microneedling in "
                   "spring')");
            // A shard no layout of this program makes, holding words of a note no longer there.
            d.exec("CREATE VIRTUAL TABLE interaction_search_40 USING fts3 (body)");
            d.exec("INSERT INTO interaction_search_40 (docid, body) VALUES (99, 'strayword')");
        }
        auto opened = Vault::open(dir, QStringLiteral("manager"), secret("an old vault passphrase"));
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.message()));
        Database& d = opened.value()->db();
        const auto first = [&](const char* typed) -> qint64 {
            auto hits = ClientSearch(d).search(QString::fromUtf8(typed));
            return hits.ok() && !hits->isEmpty() ? hits->first().client.id : 0;
        };
        QCOMPARE(first("zoe"), qint64(7));
        QCOMPARE(first("OBrien"), qint64(7));
        QCOMPARE(first("0770090078"), qint64(7));
        QCOMPARE(first("pat"), qint64(8));
        QCOMPARE(first("priya.patel1@"), qint64(8));
        QCOMPARE(first("ls14ab"), qint64(8));
        QCOMPARE(first("erased"), qint64(0));
        QCOMPARE(ClientSearch(d).search(QStringLiteral("person"))->size(), 0);
        auto fts = d.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'client_search%'");
        QVERIFY(fts.step());
        QCOMPARE(fts.int64(0), qint64(0)); // the FTS table went with its words
        // Schema 20: the notes in 32 shards, each note in its client's shard and no other.
        QCOMPARE(first("rosehip"), qint64(7));
        QCOMPARE(first("microneedling"), qint64(8));
        const auto shardsHolding = [&](const char* word) {
            QList<int> out;
            for (int shard = 0; shard < 32; ++shard) {
                const std::string t = "interaction_search_" + std::to_string(shard);
                auto st = d.prepare("SELECT count(*) FROM " + t + " WHERE " + t + " MATCH ?");
                if (st.bind(1, QString::fromUtf8(word)).step() && st.int64(0) > 0)
                    out.append(shard);
            }
            return out;
        };
        QCOMPARE(shardsHolding("rosehip"), QList<int>{7});
        QCOMPARE(shardsHolding("microneedling"), QList<int>{8});
        auto marker = d.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE '%_pending'");
        QVERIFY(marker.step());
        QCOMPARE(marker.int64(0), qint64(0)); // both upgrades finished at this opening
        auto stray = d.prepare("SELECT count(*) FROM sqlite_master WHERE name LIKE 'interaction_search_40%'");
        QVERIFY(stray.step());
        QCOMPARE(stray.int64(0), qint64(0)); // every shard of any layout went with its words
    }

    // Several words find every client whose names hold them, whatever the full-name rows: one name
    // only, a middle name, a surname typed without its apostrophe, an email's words (review findings).
    void severalWordsFindEveryKindOfName()
    {
        add("maryann", "Mary Ann", "", "07700 900901");
        add("maryannabel", "Mary Annabel", "Jones", "07700 900902");
        add("annemarie", "Anne Marie", "Li", "07700 900903");
        add("marielim", "Marie", "Lim", "07700 900904");
        add("zoeobrien", "Zoe", "Obrien", "07700 900905");
        add("xokafor", "Grace", "Adeyemi", "07700 900906", "x.okafor@example.com");
        const auto ids = [&](const char* typed) {
            QSet<qint64> out;
            for (const SearchHit& h : ClientSearch(m_vault->db()).search(QString::fromUtf8(typed)).value())
                out.insert(h.client.id);
            return out;
        };
        const auto id = [&](const char* key) { return m_ids.value(QString::fromUtf8(key)); };
        QVERIFY(ids("mary ann").contains(id("maryann")));
        QVERIFY(ids("mary ann").contains(id("maryannabel")));
        QVERIFY(ids("marie li").contains(id("annemarie")));
        QVERIFY(ids("marie li").contains(id("marielim")));
        QVERIFY(ids("zoe obrien").contains(id("zoe")));
        QVERIFY(ids("zoe obrien").contains(id("zoeobrien")));
        QVERIFY(ids("okafor@").contains(id("xokafor")));
        QVERIFY(ids("okafor@").contains(id("amara")));
    }
};

QTEST_GUILESS_MAIN(TestSearch)
#include "tst_search.moc"
