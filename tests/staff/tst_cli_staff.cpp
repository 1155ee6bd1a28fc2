// The one-time passphrase's contract through the real clinicdesk-cli: a colleague added with one
// must choose their own with `passphrase` before any other command opens the vault for them, and
// afterwards only their own opens it.
#include "CliRunner.h"

#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace cd::test;

namespace {

const QString kOneTime = QStringLiteral("first day at the desk 4");
const QString kOwn = QStringLiteral("rita picks four unrelated words");

QProcessEnvironment as(const QString& pass, const QString& next = {})
{
    QProcessEnvironment env = cliEnvironment(pass);
    if (!next.isNull())
        env.insert(QStringLiteral("CLINICDESK_NEW_PASSPHRASE"), next);
    return env;
}

} // namespace

class TestCliStaff : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_vault;

    CliResult asRita(const QStringList& args, const QProcessEnvironment& env)
    {
        return runCli(QStringList{args.first(), QStringLiteral("--vault"), m_vault, QStringLiteral("--user"),
                                  QStringLiteral("rita")} +
                          args.mid(1),
                      {}, env);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_vault = m_tmp.filePath(QStringLiteral("vault"));
        const CliResult init = runCli({QStringLiteral("init"), QStringLiteral("--vault"), m_vault});
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        const CliResult added =
            runCli({QStringLiteral("staff"), QStringLiteral("add"), QStringLiteral("--vault"), m_vault,
                    QStringLiteral("--name"), QStringLiteral("rita"), QStringLiteral("--role"),
                    QStringLiteral("receptionist")},
                   {}, as(QString::fromUtf8(kCliPassphrase), kOneTime));
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
    }

    void aGuessablePassphraseMakesNoVault()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("weak"));
        const CliResult r = runCli({QStringLiteral("init"), QStringLiteral("--vault"), dir}, {},
                                   cliEnvironment(QStringLiteral("Password1")));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("refused. Weak")), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/keyring.json")));
    }

    void aOneTimePassphraseOpensOnlyThePassphraseCommand()
    {
        // The one-time passphrase works as a key, but no command but `passphrase` takes it.
        const CliResult refused = asRita({QStringLiteral("search"), QStringLiteral("Okafor")}, as(kOneTime));
        QVERIFY(refused.exitCode != 0);
        QVERIFY2(refused.err.contains(QStringLiteral("one-time passphrase")), qPrintable(refused.err));
        QVERIFY2(refused.err.contains(QStringLiteral("clinicdesk-cli passphrase --vault")),
                 qPrintable(refused.err));
        QVERIFY(refused.out.isEmpty());

        // Its own mistakes are named, and change nothing.
        CliResult r = asRita({QStringLiteral("passphrase")}, as(kOneTime));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("No new passphrase")), qPrintable(r.err));
        r = asRita({QStringLiteral("passphrase")}, as(kOneTime, QStringLiteral("short")));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("Too short")), qPrintable(r.err));
        r = asRita({QStringLiteral("passphrase")}, as(kOneTime, QStringLiteral("password")));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("refused. Weak")), qPrintable(r.err));
        r = asRita({QStringLiteral("passphrase")}, as(kOneTime, kOneTime));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("different from the one you were given")), qPrintable(r.err));
        QVERIFY(asRita({QStringLiteral("search"), QStringLiteral("Okafor")}, as(kOneTime)).exitCode != 0);

        r = asRita({QStringLiteral("passphrase")}, as(kOneTime, kOwn));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("Passphrase changed for rita")), qPrintable(r.err));

        // Now her own opens everything a receptionist may do, and the one-time one nothing.
        r = asRita({QStringLiteral("search"), QStringLiteral("Okafor")}, as(kOwn));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = asRita({QStringLiteral("search"), QStringLiteral("Okafor")}, as(kOneTime));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("rong passphrase")), qPrintable(r.err));
    }

    // A leaver's removal re-keys the vault unless told not to, and then says what stays possible.
    void removingALeaverReKeysUnlessToldNot()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("leavers"));
        QVERIFY(runCli({QStringLiteral("init"), QStringLiteral("--vault"), dir}).exitCode == 0);
        for (const char* who : {"lea", "leo"}) {
            const CliResult added =
                runCli({QStringLiteral("staff"), QStringLiteral("add"), QStringLiteral("--vault"), dir,
                        QStringLiteral("--name"), QString::fromLatin1(who), QStringLiteral("--role"),
                        QStringLiteral("receptionist")},
                       {}, as(QString::fromUtf8(kCliPassphrase), kOneTime));
            QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        }
        const CliResult own = runCli({QStringLiteral("passphrase"), QStringLiteral("--vault"), dir,
                                      QStringLiteral("--user"), QStringLiteral("lea")},
                                     {}, as(kOneTime, kOwn));
        QVERIFY2(own.exitCode == 0, qPrintable(own.err));
        const QByteArray oldKeyring = [&] {
            QFile f(dir + QStringLiteral("/keyring.json"));
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        const auto remove = [&](const QString& who, const QStringList& extra) {
            return runCli(QStringList{QStringLiteral("staff"), QStringLiteral("remove"),
                                      QStringLiteral("--vault"), dir, QStringLiteral("--name"), who} +
                          extra);
        };
        CliResult r = remove(QStringLiteral("leo"), {QStringLiteral("--no-rekey")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("NOT re-keyed: any copy of the keyring made before today")),
                 qPrintable(r.out));
        r = remove(QStringLiteral("lea"), {});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.contains(QStringLiteral("re-keyed: copies of the old keyring")), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("new recovery key")), qPrintable(r.out));
        QVERIFY(!r.out.contains(QStringLiteral("NOT re-keyed")));

        // Lea puts back the keyring she copied before she left: it opens nothing now.
        {
            QFile f(dir + QStringLiteral("/keyring.json"));
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(oldKeyring);
        }
        r = runCli({QStringLiteral("search"), QStringLiteral("--vault"), dir, QStringLiteral("--user"),
                    QStringLiteral("lea"), QStringLiteral("Okafor")},
                   {}, as(kOwn));
        QVERIFY(r.exitCode != 0);
        QVERIFY(r.out.isEmpty());
    }

    // Another program of the same user reads the CLI's environment while it works (here: while it
    // waits for a backup file that is a pipe). The passphrase given in CLINICDESK_PASSPHRASE has
    // been taken into guarded memory and is gone from the environment by then.
    void thePassphraseLeavesTheEnvironmentOnceRead()
    {
        const QString fifo = m_tmp.filePath(QStringLiteral("backup.pipe"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QProcess cli;
        cli.setProcessEnvironment(cliEnvironment());
        cli.start(qEnvironmentVariable("CLINICDESK_CLI"),
                  {QStringLiteral("restore"), QStringLiteral("--vault"), m_vault, QStringLiteral("--from"),
                   fifo, QStringLiteral("--user"), QStringLiteral("manager")});
        QVERIFY(cli.waitForStarted());
        const QString environPath = QStringLiteral("/proc/%1/environ").arg(cli.processId());
        const auto holdsIt = [&] {
            QFile f(environPath);
            return f.open(QIODevice::ReadOnly) && f.readAll().contains(kCliPassphrase);
        };
        // Gone once it has been read, while the program still runs (the old code kept it to the end).
        QTRY_VERIFY_WITH_TIMEOUT(!holdsIt() && cli.state() == QProcess::Running, 20000);
        {
            QFile pipe(fifo);
            QVERIFY(pipe.open(QIODevice::WriteOnly));
            pipe.write("not a backup");
        }
        QVERIFY(cli.waitForFinished(30000));
        QVERIFY(cli.exitCode() != 0);
    }
};

QTEST_GUILESS_MAIN(TestCliStaff)
#include "tst_cli_staff.moc"
