// The backup and restore contract, through the real clinicdesk-cli binary and a vault made with the
// product's own key derivation.
#include "CliRunner.h"
#include "Files.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace cd::test;

namespace {

const QString kPass = QStringLiteral("front desk passphrase 1");

// A null passphrase runs the CLI without one; a recovery key is passed in CD_RECOVERY_KEY.
CliResult cli(const QStringList& args, const QString& passphrase = kPass, const QString& recoveryKey = {})
{
    QProcessEnvironment env = cliEnvironment(passphrase);
    if (!recoveryKey.isNull())
        env.insert(QStringLiteral("CD_RECOVERY_KEY"), recoveryKey);
    return runCli(args, {}, env);
}

QMap<QString, QByteArray> vaultFiles(const QString& dir)
{
    auto files = snapshot(dir);
    files.remove(
        QStringLiteral("clinicdesk.db-shm")); // SQLite's shared-memory index, rewritten by any reader
    return files;
}

} // namespace

class TestCliBackup : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_vault, m_key, m_backup;
    QJsonObject m_client; // one client of the backup, erased after it

private Q_SLOTS:
    void initTestCase()
    {
        m_vault = m_tmp.filePath(QStringLiteral("vault"));
        m_backup = m_tmp.filePath(QStringLiteral("nightly.cdbackup"));
        const CliResult init = cli({"init", "--vault", m_vault});
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        m_key = init.out.trimmed();
        const CliResult demo = cli({"demo", "--vault", m_vault, "--clients", "25", "--seed", "8"});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
        const CliResult found = cli({"search", "--vault", m_vault, "a"});
        QVERIFY2(found.exitCode == 0, qPrintable(found.err));
        m_client = QJsonDocument::fromJson(found.out.section(QLatin1Char('\n'), 0, 0).toUtf8()).object();
        QVERIFY(!m_client.value(QStringLiteral("last_name")).toString().isEmpty());
    }

    void backupIsOnePrivateEncryptedFile()
    {
        const CliResult b = cli({"backup", "--vault", m_vault, "--out", m_backup});
        QVERIFY2(b.exitCode == 0, qPrintable(b.err));
        QVERIFY2(b.out.contains(QStringLiteral("Backup written to")), qPrintable(b.out));
        const auto perms = QFile::permissions(m_backup);
        QVERIFY(perms & QFileDevice::ReadOwner);
        QVERIFY(!(perms & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
        const QByteArray bytes = readAll(m_backup);
        QVERIFY(bytes.startsWith("CDBACKUP"));
        QVERIFY(!bytes.contains(m_client.value(QStringLiteral("last_name")).toString().toUtf8()));
        QVERIFY(!bytes.contains("SQLite format 3"));
        qInfo("backup of a 25-client vault: %lld bytes", qint64(bytes.size()));
    }

    void recoveryKeyRestoresIntoANewFolder()
    {
        const QString fresh = m_tmp.filePath(QStringLiteral("new-machine/vault"));
        const CliResult r =
            cli({"restore", "--vault", fresh, "--from", m_backup, "--recovery-key-env", "CD_RECOVERY_KEY"},
                QString(), m_key);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Erased again: 0")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("no erasure ledger newer than the backup")));
        const CliResult v = cli({"verify", "--vault", fresh});
        QVERIFY2(v.exitCode == 0, qPrintable(v.out + v.err));
        QVERIFY(v.out.contains(QStringLiteral("integrity_check: ok")));
        const CliResult s =
            cli({"search", "--vault", fresh, m_client.value(QStringLiteral("last_name")).toString()});
        QVERIFY(s.out.contains(
            QStringLiteral("\"id\":%1,").arg(m_client.value(QStringLiteral("id")).toInteger())));
    }

    void damagedBackupIsRefusedAndTheVaultIsUntouched_data()
    {
        QTest::addColumn<QString>("how");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("truncated") << "truncated"
                                   << "incomplete";
        QTest::newRow("wrong recovery key") << "wrong-key"
                                            << "does not open the backup";
        QTest::newRow("no key and no terminal") << "no-key"
                                                << "No key";
        QTest::newRow("no --from") << "no-from"
                                   << "--from FILE is required";
    }
    void damagedBackupIsRefusedAndTheVaultIsUntouched()
    {
        QFETCH(QString, how);
        QFETCH(QString, messagePart);
        const QString cut = m_tmp.filePath(QStringLiteral("cut.cdbackup"));
        QByteArray bytes = readAll(m_backup);
        bytes.chop(bytes.size() / 3);
        writeAll(cut, bytes);
        QString key = m_key;
        if (how == QLatin1String("wrong-key"))
            key.replace(0, 4,
                        key.startsWith(QLatin1String("0000")) ? QStringLiteral("1111")
                                                              : QStringLiteral("0000"));
        QStringList args{"restore", "--vault", m_vault, "--from",
                         how == QLatin1String("truncated") ? cut : m_backup};
        if (how == QLatin1String("no-from"))
            args = QStringList{"restore", "--vault", m_vault};
        if (how != QLatin1String("no-key"))
            args << QStringLiteral("--recovery-key-env") << QStringLiteral("CD_RECOVERY_KEY");
        const auto before = vaultFiles(m_vault);
        const CliResult r = cli(args, QString(), key);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(messagePart), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
        QCOMPARE(vaultFiles(m_vault), before);
    }

    void passphraseRestoreErasesAgainWhoWasErasedSince()
    {
        const QString id = QString::number(m_client.value(QStringLiteral("id")).toInteger());
        const CliResult e = cli({"erase", "--vault", m_vault, "--client", id, "--yes"});
        QVERIFY2(e.exitCode == 0, qPrintable(e.err));
        const CliResult r = cli({"restore", "--vault", m_vault, "--from", m_backup, "--user", "manager"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Erased again: 1 client erased")), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("kept in %1.before-restore-").arg(m_vault)));
        const CliResult s =
            cli({"search", "--vault", m_vault, m_client.value(QStringLiteral("last_name")).toString()});
        QCOMPARE(s.exitCode, 0);
        QVERIFY2(!s.out.contains(QStringLiteral("\"id\":%1,").arg(id)), qPrintable(s.out));
        QCOMPARE(cli({"verify", "--vault", m_vault}).exitCode, 0);
    }

    // Another program reading the vault (here the sqlcipher shell, holding a read transaction) makes
    // the WAL checkpoint after the erasure's commit fail with SQLITE_BUSY. The erasure stands: the CLI
    // says so, the ledger names her, and restoring the morning's backup erases her again.
    void anErasureOnABusyVaultIsNotLost()
    {
        const CliResult found = cli({"search", "--vault", m_vault, "e"});
        QVERIFY2(found.exitCode == 0, qPrintable(found.err));
        QJsonObject victim;
        for (const QString& line : found.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            if (o.value(QStringLiteral("id")) != m_client.value(QStringLiteral("id"))) {
                victim = o;
                break;
            }
        }
        QVERIFY(!victim.isEmpty());
        const QString id = QString::number(victim.value(QStringLiteral("id")).toInteger());
        const QString lastName = victim.value(QStringLiteral("last_name")).toString();

        const QString shell = QStandardPaths::findExecutable(QStringLiteral("sqlcipher"));
        QVERIFY2(!shell.isEmpty(), "the sqlcipher shell (Debian package sqlcipher) is needed");
        QProcess reader;
        reader.start(shell, {m_vault + QStringLiteral("/clinicdesk.db")});
        QVERIFY(reader.waitForStarted());
        const QString hex = databaseKeyHex(m_key); // what `clinicdesk-cli keys` prints
        reader.write(QStringLiteral("PRAGMA key = \"x'%1'\";\nPRAGMA cipher_page_size = 4096;\nBEGIN;\n"
                                    "SELECT count(*) FROM clients;\n")
                         .arg(hex)
                         .toUtf8());
        QByteArray counted;
        QTRY_VERIFY_WITH_TIMEOUT((counted += reader.readAllStandardOutput()).endsWith('\n') ||
                                     reader.state() != QProcess::Running,
                                 20000);
        QVERIFY2(counted.trimmed().toInt() > 0,
                 counted.constData() + QByteArray(" / ") +
                     reader.readAllStandardError()); // a read transaction is open

        const CliResult e = cli({"erase", "--vault", m_vault, "--client", id, "--yes"});
        QVERIFY2(e.exitCode == 0, qPrintable(e.err));
        QVERIFY(e.out.contains(QStringLiteral("erased; tombstone")));
        QVERIFY2(e.err.contains(QStringLiteral("another program is reading the vault")), qPrintable(e.err));
        const CliResult again = cli({"erase", "--vault", m_vault, "--client", id, "--yes"});
        QVERIFY(again.exitCode != 0); // erased once, for good

        reader.write("COMMIT;\n.quit\n");
        reader.closeWriteChannel();
        QVERIFY(reader.waitForFinished(20000));
        // The next sign-in folds the WAL back: her name is in no file of the vault.
        QCOMPARE(cli({"verify", "--vault", m_vault}).exitCode, 0);
        QCOMPARE(QFileInfo(m_vault + QStringLiteral("/clinicdesk.db-wal")).size(), qint64(0));

        const CliResult r = cli({"restore", "--vault", m_vault, "--from", m_backup, "--user", "manager"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("Erased again: 2 clients erased")), qPrintable(r.out));
        const CliResult s = cli({"search", "--vault", m_vault, lastName});
        QCOMPARE(s.exitCode, 0);
        QVERIFY2(!s.out.contains(QStringLiteral("\"id\":%1,").arg(id)), qPrintable(s.out));
    }
};

QTEST_MAIN(TestCliBackup)
#include "tst_cli_backup.moc"
