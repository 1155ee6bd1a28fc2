// The vault: creation, every way an open can fail (each with a clear message and no file
// changed), key slots, the recovery key, and proof that nothing is written in the clear.
#include "Files.h"
#include "TestVault.h"
#include "clients/ClientStore.h"
#include "demo/DemoGenerator.h"
#include "staff/Accounts.h"
#include "storage/Sql.h"
#include "vault/PassphraseStrength.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace cd;
using namespace cd::test;

class TestVaultSuite : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // A recovery key shown in a dialog, or an export password typed in a line edit, passes through
    // implicitly shared Qt strings: wiping one zeroes the buffer every copy reads, where it lies.
    void wipingAStringZeroesItsSharedBuffer()
    {
        QString key = QStringLiteral("0123-4567-89AB-CDEF");
        key.detach();              // on the heap, as text typed or made at run time is
        const QString shown = key; // a widget's copy: the same buffer
        const QChar* where = shown.constData();
        wipeShared(key);
        QVERIFY(key.isEmpty());
        QCOMPARE(shown.constData(), where); // not detached: the very buffer was zeroed
        QCOMPARE(shown, QString(19, QChar(0)));
        QByteArray password("an export password");
        const QByteArray worker = password;
        wipeShared(password);
        QCOMPARE(worker, QByteArray(18, '\0'));
        QString literal = QStringLiteral("read-only data"); // static: left alone, no crash
        wipeShared(literal);
        QVERIFY(literal.isEmpty());
    }

    void createsPrivateFilesAndRecoveryKey()
    {
        TestVault t;
        const QFileInfo db(Vault::databasePath(t.dir())), ring(Vault::keyringPath(t.dir()));
        QVERIFY(db.exists());
        QVERIFY(ring.exists());
        QVERIFY(QFile(db.filePath()).permissions() & QFileDevice::WriteOwner);
        QVERIFY(!(QFile(db.filePath()).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
        QVERIFY(!(QFile(ring.filePath()).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
        // 64 hex digits in groups of four.
        QCOMPARE(t.recoveryKey().size(), 64 + 15);
        QVERIFY(QRegularExpression(QStringLiteral("^([0-9A-F]{4}-){15}[0-9A-F]{4}$"))
                    .match(t.recoveryKey())
                    .hasMatch());
        QVERIFY(!readAll(db.filePath()).startsWith("SQLite format 3"));
    }

    void reopensWithPassphrase()
    {
        TestVault t;
        const qint64 id =
            t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900123"));
        QVERIFY(t.reopen().ok());
        auto c = ClientStore(t.db()).get(id);
        QVERIFY(c.ok());
        QCOMPARE(c->lastName, QStringLiteral("Okafor"));
        QCOMPARE(t.db().pragma("cipher_page_size"), QStringLiteral("4096"));
        QCOMPARE(t.db().pragma("journal_mode"), QStringLiteral("wal"));
        QCOMPARE(t.db().pragma("secure_delete"), QStringLiteral("1"));
        QCOMPARE(t.db().pragma("foreign_keys"), QStringLiteral("1"));
    }

    void failedOpensExplainAndChangeNothing_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("user");
        QTest::addColumn<QByteArray>("passphrase");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("messagePart");
        const QByteArray good(kPassphrase);
        QTest::newRow("wrong passphrase") << ""
                                          << "manager" << QByteArray("not the passphrase")
                                          << int(Error::Kind::WrongSecret) << "Wrong passphrase";
        QTest::newRow("unknown account")
            << ""
            << "nobody" << good << int(Error::Kind::NotFound) << "no account named";
        QTest::newRow("missing keyring") << "remove-keyring"
                                         << "manager" << good << int(Error::Kind::NotFound) << "recovery key";
        QTest::newRow("keyring not json") << "garble-keyring"
                                          << "manager" << good << int(Error::Kind::Damaged) << "damaged";
        QTest::newRow("keyring mac altered") << "alter-mac"
                                             << "manager" << good << int(Error::Kind::Damaged) << "altered";
        QTest::newRow("slot renamed")
            << "rename-slot"
            << "intruder" << good << int(Error::Kind::WrongSecret) << "Wrong passphrase";
        QTest::newRow("slot added by intruder")
            << "add-slot"
            << "manager" << good << int(Error::Kind::Damaged) << "altered";
        // Parameters that would make a sign-in run for hours or take all memory: refused before any
        // derivation (the MAC that would catch them needs the derived key).
        QTest::newRow("slot asks for 1000 passes")
            << "huge-passes"
            << "manager" << good << int(Error::Kind::Damaged) << "more than 10 passes";
        QTest::newRow("slot asks for 3 GiB")
            << "huge-memory"
            << "manager" << good << int(Error::Kind::Damaged) << "more than 10 passes or 1024 MiB";
        QTest::newRow("future keyring version")
            << "future-version"
            << "manager" << good << int(Error::Kind::Damaged) << "newer Clinicdesk";
        QTest::newRow("truncated database")
            << "truncate-db"
            << "manager" << good << int(Error::Kind::Damaged) << "from a backup";
        QTest::newRow("database is random bytes")
            << "random-db"
            << "manager" << good << int(Error::Kind::Damaged) << "damaged";
        QTest::newRow("empty database") << "empty-db"
                                        << "manager" << good << int(Error::Kind::Damaged) << "damaged";
        QTest::newRow("plaintext sqlite file") << "plain-db"
                                               << "manager" << good << int(Error::Kind::Damaged) << "damaged";
        QTest::newRow("database missing") << "remove-db"
                                          << "manager" << good << int(Error::Kind::NotFound) << "missing";
    }

    void failedOpensExplainAndChangeNothing()
    {
        QFETCH(QString, damage);
        QFETCH(QString, user);
        QFETCH(QByteArray, passphrase);
        QFETCH(int, kind);
        QFETCH(QString, messagePart);
        TestVault t;
        t.addClient(QStringLiteral("Zoë"), QStringLiteral("O'Brien"));
        t.close();
        const QString db = Vault::databasePath(t.dir()), ring = Vault::keyringPath(t.dir());
        QJsonObject ringJson = QJsonDocument::fromJson(readAll(ring)).object();
        if (damage == QLatin1String("remove-keyring")) {
            QFile::remove(ring);
        } else if (damage == QLatin1String("garble-keyring")) {
            writeAll(ring, "{ this is not json");
        } else if (damage == QLatin1String("alter-mac")) {
            QByteArray mac = QByteArray::fromBase64(ringJson[QStringLiteral("mac")].toString().toLatin1());
            mac[3] = char(mac[3] ^ 0x40);
            ringJson[QStringLiteral("mac")] = QString::fromLatin1(mac.toBase64());
            writeAll(ring, QJsonDocument(ringJson).toJson());
        } else if (damage == QLatin1String("rename-slot") || damage == QLatin1String("add-slot")) {
            QJsonArray slotList = ringJson[QStringLiteral("slots")].toArray();
            QJsonObject s = slotList.at(0).toObject();
            if (damage == QLatin1String("rename-slot")) {
                s[QStringLiteral("user")] = QStringLiteral("intruder");
                slotList[0] = s;
            } else {
                // A slot copied under another name cannot decrypt, but the ring's MAC catches the addition
                // even for the genuine account.
                s[QStringLiteral("user")] = QStringLiteral("intruder");
                slotList.append(s);
            }
            ringJson[QStringLiteral("slots")] = slotList;
            // The unkeyed checksum only catches accidents; an intruder drops it, and the MAC must still catch
            // them.
            ringJson.remove(QStringLiteral("sha256"));
            writeAll(ring, QJsonDocument(ringJson).toJson());
        } else if (damage == QLatin1String("huge-passes") || damage == QLatin1String("huge-memory")) {
            QJsonArray slotList = ringJson[QStringLiteral("slots")].toArray();
            QJsonObject s = slotList.at(0).toObject();
            if (damage == QLatin1String("huge-passes"))
                s[QStringLiteral("ops")] = 1000;
            else
                s[QStringLiteral("mem")] = 3.0 * 1024 * 1024 * 1024;
            slotList[0] = s;
            ringJson[QStringLiteral("slots")] = slotList;
            ringJson.remove(QStringLiteral("sha256"));
            writeAll(ring, QJsonDocument(ringJson).toJson());
        } else if (damage == QLatin1String("future-version")) {
            ringJson[QStringLiteral("version")] = 99;
            writeAll(ring, QJsonDocument(ringJson).toJson());
        } else if (damage == QLatin1String("truncate-db")) {
            writeAll(db, readAll(db).left(5000));
        } else if (damage == QLatin1String("random-db")) {
            QByteArray junk(64 * 1024, '\0');
            for (int i = 0; i < junk.size(); ++i)
                junk[i] = char((i * 7919) ^ (i >> 3));
            writeAll(db, junk);
        } else if (damage == QLatin1String("empty-db")) {
            writeAll(db, QByteArray());
        } else if (damage == QLatin1String("plain-db")) {
            QFile::remove(db);
            auto plain = Database::open(db, Database::Mode::Create, nullptr);
            QVERIFY(plain.ok());
            plain.value()->exec("CREATE TABLE t(x); INSERT INTO t VALUES (1)");
        } else if (damage == QLatin1String("remove-db")) {
            QFile::remove(db);
        }
        const auto before = snapshot(t.dir());
        auto opened = Vault::open(t.dir(), user, secret(passphrase.constData()));
        QVERIFY(!opened.ok());
        QCOMPARE(int(opened.error().kind), kind);
        QVERIFY2(opened.message().contains(messagePart, Qt::CaseInsensitive), qPrintable(opened.message()));
        QVERIFY2(!opened.message().contains(QLatin1Char('\n')), "messages are one line");
        // The database and keyring are byte for byte as they were (SQLite may leave an empty -shm).
        auto after = snapshot(t.dir());
        after.remove(QStringLiteral("clinicdesk.db-shm"));
        after.remove(QStringLiteral("clinicdesk.db-wal"));
        auto expected = before;
        expected.remove(QStringLiteral("clinicdesk.db-shm"));
        expected.remove(QStringLiteral("clinicdesk.db-wal"));
        QCOMPARE(after, expected);
    }

    void notAVaultFolder()
    {
        QTemporaryDir empty;
        auto opened = Vault::open(empty.path(), QStringLiteral("manager"), secret(kPassphrase));
        QVERIFY(!opened.ok());
        QVERIFY(opened.message().contains(QStringLiteral("not a Clinicdesk vault")));
        auto missing = Vault::open(empty.path() + QStringLiteral("/nope"), QStringLiteral("manager"),
                                   secret(kPassphrase));
        QVERIFY(missing.message().contains(QStringLiteral("does not exist")));
        QVERIFY(QDir(empty.path()).isEmpty());
    }

    void createRefusesExistingVaultAndShortPassphrase()
    {
        TestVault t;
        Vault::CreateOptions o;
        o.dir = t.dir();
        o.kdf = KdfParams::forTestsOnly();
        const auto before = snapshot(t.dir());
        auto again = Vault::create(o, secret(kPassphrase));
        QVERIFY(!again.ok());
        QVERIFY(again.message().contains(QStringLiteral("already exists")));
        QTemporaryDir other;
        o.dir = other.path() + QStringLiteral("/v");
        auto shortPass = Vault::create(o, secret("short"));
        QVERIFY(!shortPass.ok());
        QVERIFY(shortPass.message().contains(QStringLiteral("at least 8")));
        QVERIFY(!Vault::exists(o.dir));
    }

    void recoveryKeyOpensEvenWithoutKeyring()
    {
        TestVault t;
        const qint64 id = t.addClient(QStringLiteral("Siobhán"), QStringLiteral("Ó Súilleabháin"));
        t.close();
        QFile::remove(Vault::keyringPath(t.dir()));
        // Lower case and spaces instead of dashes: read aloud and typed back.
        QString typed = t.recoveryKey().toLower();
        typed.replace(QLatin1Char('-'), QLatin1Char(' '));
        auto v = Vault::openWithRecoveryKey(t.dir(), typed);
        QVERIFY2(v.ok(), qPrintable(v.ok() ? QString() : v.message()));
        QCOMPARE(ClientStore(v.value()->db()).get(id)->firstName, QStringLiteral("Siobhán"));
    }

    void wrongRecoveryKeyIsRefused()
    {
        TestVault t;
        t.close();
        QString wrong = t.recoveryKey();
        wrong[0] = wrong[0] == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
        auto v = Vault::openWithRecoveryKey(t.dir(), wrong);
        QVERIFY(!v.ok());
        QCOMPARE(v.error().kind, Error::Kind::WrongSecret);
        auto malformed = Vault::openWithRecoveryKey(t.dir(), QStringLiteral("1234"));
        QVERIFY(malformed.message().contains(QStringLiteral("64")));
    }

    void keySlotsAddChangeRemove()
    {
        TestVault t;
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("tom"), QStringLiteral("Tom Reed"), QStringLiteral("receptionist"),
                         secret("tom keeps the front desk"), KdfParams::forTestsOnly())
                    .ok());
        QVERIFY(!t.vault()
                     .addSlot(QStringLiteral("tom"), secret("again and again"), KdfParams::forTestsOnly(),
                              KeyScope::FrontDesk)
                     .ok());
        QVERIFY(t.reopen("tom keeps the front desk", QStringLiteral("tom")).ok());
        QVERIFY(!t.vault()
                     .changePassphrase(QStringLiteral("tom"), secret("wrong old one"),
                                       secret("new passphrase 1"), KdfParams::forTestsOnly())
                     .ok());
        QVERIFY(t.vault()
                    .changePassphrase(QStringLiteral("tom"), secret("tom keeps the front desk"),
                                      secret("new passphrase 1"), KdfParams::forTestsOnly())
                    .ok());
        QVERIFY(!t.reopen("tom keeps the front desk", QStringLiteral("tom")).ok());
        QVERIFY(t.reopen("new passphrase 1", QStringLiteral("tom")).ok());
        QVERIFY(t.vault().removeSlot(QStringLiteral("tom")).ok());
        auto gone = Vault::open(t.dir(), QStringLiteral("tom"), secret("new passphrase 1"));
        QVERIFY(!gone.ok());
        QVERIFY(gone.message().contains(QStringLiteral("no account named")));
        QVERIFY(t.reopen().ok());
        auto last = t.vault().removeSlot(QStringLiteral("manager"));
        QVERIFY(!last.ok());
        QVERIFY(last.message().contains(QStringLiteral("last account")));
        QVERIFY(t.reopen().ok());
    }

    void slotRecordsItsOwnKdfParameters()
    {
        TestVault t;
        KdfParams stronger{2, 16ull * 1024 * 1024};
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("priya"), QStringLiteral("Dr Priya Shah"),
                         QStringLiteral("practitioner"), secret("treatment room two key"), stronger)
                    .ok());
        auto ring = Keyring::load(Vault::keyringPath(t.dir()));
        QVERIFY(ring.ok());
        QCOMPARE(ring->slot(QStringLiteral("priya"))->kdf.memLimit, stronger.memLimit);
        QCOMPARE(ring->slot(QStringLiteral("manager"))->kdf.memLimit, KdfParams::forTestsOnly().memLimit);
        QVERIFY(t.reopen("treatment room two key", QStringLiteral("priya")).ok());
    }

    void calibratedParametersMeetTheFloor()
    {
        const KdfParams p = KdfParams::calibrated();
        QCOMPARE(p.memLimit, quint64(256) * 1024 * 1024);
        QVERIFY(p.opsLimit >= 2);
        QVERIFY(p.meetsFloor());
        QVERIFY(!KdfParams::forTestsOnly().meetsFloor());
    }

    // Fictional clients go only into a vault of fictional clients, and only a manager adds them:
    // mixed into a real clinic's, they would be called, exported and kept as real people.
    void demoClientsGoOnlyBesideDemoClients()
    {
        TestVault t;
        QVERIFY(generateDemoData(t.db(), DemoOptions{10, 1, 1}).ok()); // a new vault
        QVERIFY(generateDemoData(t.db(), DemoOptions{10, 2, 1}).ok()); // a demo vault, again
        QCOMPARE(ClientStore(t.db()).count().value(), 20);
        t.addClient(QStringLiteral("Real"), QStringLiteral("Person"), QStringLiteral("07700 900999"));
        auto refused = generateDemoData(t.db(), DemoOptions{10, 3, 1});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Conflict);
        QVERIFY(refused.message().contains(QStringLiteral("did not make")));
        QCOMPARE(ClientStore(t.db()).count().value(), 21);

        TestVault fresh;
        QVERIFY(Accounts(fresh.vault())
                    .add(QStringLiteral("tom"), QStringLiteral("Tom Reed"), QStringLiteral("receptionist"),
                         secret("tom keeps the front desk"), KdfParams::forTestsOnly())
                    .ok());
        QVERIFY(fresh.reopen("tom keeps the front desk", QStringLiteral("tom")).ok());
        auto tom = generateDemoData(fresh.db(), DemoOptions{10, 1, 1});
        QCOMPARE(tom.error().kind, Error::Kind::Permission);
        QCOMPARE(ClientStore(fresh.db()).count().value(), 0);
    }

    void noPlaintextInAnyFile()
    {
        TestVault t;
        QVERIFY(generateDemoData(t.db(), DemoOptions{120, 7, 3}).ok());
        auto some = ClientStore(t.db()).page(0, 30);
        QVERIFY(some.ok());
        t.close();
        const QByteArray bytes = allBytes(t.dir());
        QVERIFY(bytes.size() > 100000);
        QVERIFY(!bytes.contains("SQLite format 3"));
        for (const ClientSummary& c : some.value()) {
            QVERIFY2(!bytes.contains(c.lastName.toUtf8()), qPrintable(c.lastName));
            QVERIFY2(!bytes.contains(c.email.toUtf8()), qPrintable(c.email));
            QVERIFY(!bytes.contains(c.phoneE164.toUtf8()));
        }
        QVERIFY(!bytes.contains("Asked about lip filler"));
        QVERIFY(!bytes.contains("Test Clinic"));
    }

    void passphraseStrengthHints_data()
    {
        QTest::addColumn<QString>("passphrase");
        QTest::addColumn<int>("level");
        QTest::newRow("too short") << "abc12" << int(PassphraseStrength::Level::TooShort);
        QTest::newRow("repeated") << "aaaaaaaaaa" << int(PassphraseStrength::Level::Weak);
        QTest::newRow("one word") << "password" << int(PassphraseStrength::Level::Weak);
        QTest::newRow("four words") << "violet tractor lemon harbour"
                                    << int(PassphraseStrength::Level::Strong);
    }
    void passphraseStrengthHints()
    {
        QFETCH(QString, passphrase);
        QFETCH(int, level);
        QCOMPARE(int(assessPassphrase(passphrase).level), level);
    }
};

QTEST_GUILESS_MAIN(TestVaultSuite)
#include "tst_vault.moc"
