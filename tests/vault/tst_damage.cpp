// Damaged files, at random but reproducibly (each row names its seed): bit flips, truncation and
// zeroed pages in the database and the keyring, a keyring from another vault, old and missing
// keyring versions. Whatever happens the program does not crash, never shows data that differs from
// what was saved, says "damaged"/"restore" when it notices, writes nothing (files compared byte for
// byte), and the recovery key still opens a vault whose keyring alone is damaged.
// tst_vault covers the hand-made cases (garbled JSON, altered MAC, intruder slots, future version).
#include "CliRunner.h"
#include "Files.h"
#include "TestVault.h"
#include "VaultData.h"
#include "clients/Interaction.h"
#include "storage/Sql.h"

#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

using namespace cd;
using namespace cd::test;

namespace {

constexpr int kPage = 4096;
constexpr int kSeedsPerKind = 40;

QMap<QString, QByteArray> vaultFiles(const QString& dir)
{
    auto s = snapshot(dir);
    // SQLite may leave an empty -shm/-wal beside a database it could not open; they hold nothing.
    s.remove(QStringLiteral("clinicdesk.db-shm"));
    s.remove(QStringLiteral("clinicdesk.db-wal"));
    return s;
}

bool saysDamaged(const Error& e)
{
    return e.kind == Error::Kind::Damaged &&
           (e.message.contains(QStringLiteral("damaged"), Qt::CaseInsensitive) ||
            e.message.contains(QStringLiteral("restore"), Qt::CaseInsensitive));
}

// Applies `kind` of damage to `file`, chosen by `seed`; returns what was done, for failure messages.
QString damage(const QString& file, const QString& kind, quint32 seed)
{
    QRandomGenerator rng(seed);
    QByteArray bytes = readAll(file);
    QString what;
    if (kind == QLatin1String("bit flip")) {
        const int at = int(rng.bounded(quint32(bytes.size())));
        const int bit = int(rng.bounded(8));
        bytes[at] = char(bytes[at] ^ (1 << bit));
        what = QStringLiteral("bit %1 of byte %2").arg(bit).arg(at);
    } else if (kind == QLatin1String("truncated")) {
        const int to = int(rng.bounded(quint32(bytes.size())));
        bytes.truncate(to);
        what = QStringLiteral("cut to %1 bytes").arg(to);
    } else if (kind == QLatin1String("zeroed page")) {
        // The keyring is smaller than a page: there a random stretch stands for the lost sector.
        const int pages = int(bytes.size() / kPage);
        const int from =
            pages > 0 ? int(rng.bounded(quint32(pages))) * kPage : int(rng.bounded(quint32(bytes.size())));
        const int len =
            pages > 0 ? kPage : int(1 + rng.bounded(quint32(std::min<qsizetype>(512, bytes.size() - from))));
        bytes.replace(from, len, QByteArray(len, '\0'));
        what = QStringLiteral("%1 bytes zeroed at %2").arg(len).arg(from);
    } else {
        qFatal("unknown damage %s", qPrintable(kind));
    }
    writeAll(file, bytes);
    return what;
}

} // namespace

class TestDamage : public QObject
{
    Q_OBJECT
    std::unique_ptr<TestVault> m_fixture;
    QString m_data; // dumpData of the undamaged fixture
    QMap<QString, int> m_outcomes;

    QString copyFixture(const QTemporaryDir& tmp)
    {
        const QString dir = tmp.filePath(QStringLiteral("vault"));
        if (!copyFolder(m_fixture->dir(), dir))
            qFatal("cannot copy the fixture");
        return dir;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_fixture = std::make_unique<TestVault>();
        for (int i = 0; i < 60; ++i) {
            const qint64 id =
                m_fixture->addClient(QStringLiteral("Client%1").arg(i), QStringLiteral("Damage"),
                                     QStringLiteral("07700 900%1").arg(i, 3, 10, QLatin1Char('0')),
                                     QStringLiteral("c%1@example.com").arg(i));
            Interaction it;
            it.clientId = id;
            it.body = QStringLiteral("Asked about microneedling, call back %1").arg(i);
            QVERIFY(InteractionStore(m_fixture->db()).add(it).ok());
        }
        m_data = dumpData(m_fixture->db());
        // Every page is in use, so a full read (integrity_check and every row) meets any damaged page.
        QCOMPARE(m_fixture->db().pragma("freelist_count"), QStringLiteral("0"));
        m_fixture->close();
        QVERIFY(QFileInfo(Vault::databasePath(m_fixture->dir())).size() >= 20 * kPage);
    }

    void cleanupTestCase()
    {
        QStringList lines;
        for (auto it = m_outcomes.cbegin(); it != m_outcomes.cend(); ++it)
            lines << QStringLiteral("%1: %2").arg(it.key()).arg(it.value());
        qInfo("damaged files: %s", qPrintable(lines.join(QStringLiteral(", "))));
    }

    void damageIsReportedNeverHiddenNeverRepaired_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<quint32>("seed");
        for (const char* file : {"clinicdesk.db", "keyring.json"})
            for (const char* kind : {"bit flip", "truncated", "zeroed page"})
                for (quint32 seed = 1; seed <= kSeedsPerKind; ++seed)
                    QTest::addRow("%s %s seed %u", file, kind, seed)
                        << QString::fromLatin1(file) << QString::fromLatin1(kind) << seed;
    }

    void damageIsReportedNeverHiddenNeverRepaired()
    {
        QFETCH(QString, file);
        QFETCH(QString, kind);
        QFETCH(quint32, seed);
        QTemporaryDir tmp;
        const QString dir = copyFixture(tmp);
        const QString what = damage(QDir(dir).filePath(file), kind, seed);
        const auto before = vaultFiles(dir);
        const QByteArray where = (file + QLatin1Char(' ') + what).toUtf8();

        QString outcome;
        {
            auto v = Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase));
            if (!v) {
                QVERIFY2(saysDamaged(v.error()),
                         qPrintable(QString::fromUtf8(where) + QStringLiteral(": ") + v.message()));
                outcome = QStringLiteral("refused at open");
            } else {
                // Opened: the damage, if any, is met when the pages are read, as the program would.
                QString data;
                QStringList integrity;
                const Status read = guarded([&]() -> Status {
                    integrity = integrityCheck(v.value()->db());
                    data = dumpData(v.value()->db());
                    return {};
                });
                if (!read) {
                    QVERIFY2(saysDamaged(read.error()),
                             qPrintable(QString::fromUtf8(where) + QStringLiteral(": ") + read.message()));
                    outcome = QStringLiteral("refused on read");
                } else if (integrity != QStringList{QStringLiteral("ok")}) {
                    // A damaged page that no row read passes through (e.g. the root page of an empty
                    // table's index): integrity_check, which `clinicdesk-cli verify` and restore run,
                    // reports it, and every row read is still the one saved.
                    QVERIFY2(data == m_data, where);
                    outcome = QStringLiteral("reported by integrity_check");
                } else {
                    // Not noticed: then it changed nothing a user can see (e.g. a bit of a page's padding).
                    QCOMPARE(integrity, QStringList{QStringLiteral("ok")});
                    QVERIFY2(data == m_data, where);
                    outcome = QStringLiteral("harmless");
                }
            }
        }
        ++m_outcomes[file + QLatin1Char(' ') + kind + QStringLiteral(" ") + outcome];
        // Damage noticed: not one byte written (not even the sign-in's audit entry). Damage that
        // changed nothing a user can see leaves a sound vault, whose sign-in is recorded as usual.
        // (Damage only integrity_check finds went unnoticed by the session, which behaved as on a
        // sound vault; the check still reports it afterwards, as `verify` would.)
        if (outcome.startsWith(QLatin1String("refused")))
            QVERIFY2(vaultFiles(dir) == before, "a damaged vault was written to");
        if (outcome == QLatin1String("reported by integrity_check")) {
            {
                auto again = Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase));
                QVERIFY(again.ok());
                QVERIFY(integrityCheck(again.value()->db()) != QStringList{QStringLiteral("ok")});
            }
            // `verify` says so and, having found the file damaged, writes nothing into it (not even
            // its sign-in's audit entry).
            const auto beforeVerify = vaultFiles(dir);
            const CliResult verified = runCli({QStringLiteral("verify"), QStringLiteral("--vault"), dir,
                                               QStringLiteral("--user"), QStringLiteral("manager")},
                                              {}, cliEnvironment(QString::fromUtf8(kPassphrase)));
            QVERIFY(verified.exitCode != 0);
            QVERIFY2(verified.out.contains(QStringLiteral("VAULT DAMAGED")), qPrintable(verified.out));
            QVERIFY2(vaultFiles(dir) == beforeVerify, "verify wrote into a damaged vault");
        }

        if (file == QLatin1String("keyring.json")) {
            // The way out the message names: the recovery key opens the untouched database.
            auto v = Vault::openWithRecoveryKey(dir, m_fixture->recoveryKey());
            QVERIFY2(v.ok(), qPrintable(v.ok() ? QString() : v.message()));
            QCOMPARE(dumpData(v.value()->db()), m_data);
            v.value().reset();
            // The database records the recovery-key sign-in; the damaged keyring stays as it was.
            QVERIFY2(vaultFiles(dir).value(QStringLiteral("keyring.json")) ==
                         before.value(QStringLiteral("keyring.json")),
                     "opening with the recovery key repaired the keyring silently");
        }
    }

    void everyKindOfDatabaseDamageWasSeen()
    {
        // Guards the table above against going vacuous: most random damage must be noticed.
        for (const char* kind : {"bit flip", "truncated", "zeroed page"}) {
            const QString k = QStringLiteral("clinicdesk.db %1 ").arg(QString::fromLatin1(kind));
            QVERIFY2(m_outcomes.value(k + QStringLiteral("refused at open")) +
                             m_outcomes.value(k + QStringLiteral("refused on read")) >=
                         kSeedsPerKind * 3 / 4,
                     qPrintable(k));
        }
    }

    void keyringFromAnotherVault()
    {
        TestVault other; // same passphrase, another database key
        other.close();
        QTemporaryDir tmp;
        const QString dir = copyFixture(tmp);
        QVERIFY(QFile::remove(Vault::keyringPath(dir)));
        QVERIFY(QFile::copy(Vault::keyringPath(other.dir()), Vault::keyringPath(dir)));
        const auto before = vaultFiles(dir);
        auto v = Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase));
        QVERIFY(!v.ok());
        QVERIFY2(saysDamaged(v.error()) && v.message().contains(QStringLiteral("another vault")),
                 qPrintable(v.message()));
        QCOMPARE(vaultFiles(dir), before);
    }

    void keyringVersions_data()
    {
        QTest::addColumn<QJsonValue>("version");
        QTest::addColumn<QString>("says");
        QTest::newRow("version 0 (older than any release)") << QJsonValue(0) << "older than any Clinicdesk";
        QTest::newRow("version missing") << QJsonValue(QJsonValue::Undefined) << "no format version";
        QTest::newRow("version as text") << QJsonValue(QStringLiteral("1")) << "no format version";
        QTest::newRow("version 3 (newer)") << QJsonValue(3) << "restore keyring.json";
    }

    void keyringVersions()
    {
        QFETCH(QJsonValue, version);
        QFETCH(QString, says);
        QTemporaryDir tmp;
        const QString dir = copyFixture(tmp);
        QJsonObject ring = QJsonDocument::fromJson(readAll(Vault::keyringPath(dir))).object();
        if (version.isUndefined())
            ring.remove(QStringLiteral("version"));
        else
            ring[QStringLiteral("version")] = version;
        writeAll(Vault::keyringPath(dir), QJsonDocument(ring).toJson());
        const auto before = vaultFiles(dir);
        auto v = Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase));
        QVERIFY(!v.ok());
        QVERIFY2(saysDamaged(v.error()) && v.message().contains(says), qPrintable(v.message()));
        QCOMPARE(vaultFiles(dir), before);
    }

    void keyringWrittenBeforeTheChecksumStillOpens()
    {
        QTemporaryDir tmp;
        const QString dir = copyFixture(tmp);
        QJsonObject ring = QJsonDocument::fromJson(readAll(Vault::keyringPath(dir))).object();
        QVERIFY(ring.contains(QStringLiteral("sha256")));
        ring.remove(QStringLiteral("sha256"));
        writeAll(Vault::keyringPath(dir), QJsonDocument(ring).toJson());
        auto v = Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase));
        QVERIFY2(v.ok(), qPrintable(v.ok() ? QString() : v.message()));
        QCOMPARE(dumpData(v.value()->db()), m_data);
    }
};

QTEST_GUILESS_MAIN(TestDamage)
#include "tst_damage.moc"
