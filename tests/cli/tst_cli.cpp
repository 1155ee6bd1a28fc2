// The command-line contract, exercised through the real clinicdesk-cli binary, and the recovery
// key proven with the real sqlcipher shell.
#include "CliRunner.h"
#include "Files.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace cd::test;

namespace {

// A null passphrase runs the CLI without one.
CliResult cli(const QStringList& args, const QString& passphrase = QString::fromUtf8(kCliPassphrase))
{
    return runCli(args, {}, cliEnvironment(passphrase));
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_vault;
    QString m_key;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFile::exists(qEnvironmentVariable("CLINICDESK_CLI")));
        m_vault = m_tmp.filePath(QStringLiteral("vault"));
        const CliResult init = cli({QStringLiteral("init"), QStringLiteral("--vault"), m_vault});
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        m_key = init.out.trimmed();
        QVERIFY2(
            QRegularExpression(QStringLiteral("^([0-9A-F]{4}-){15}[0-9A-F]{4}$")).match(m_key).hasMatch(),
            qPrintable(m_key));
        QVERIFY(init.err.contains(QStringLiteral("safe")));
        const CliResult demo =
            cli({QStringLiteral("demo"), QStringLiteral("--vault"), m_vault, QStringLiteral("--clients"),
                 QStringLiteral("40"), QStringLiteral("--seed"), QStringLiteral("3")});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
    }

    void sqlcipherShellReadsClientsWithTheRecoveryKey()
    {
        const QString shell = QStandardPaths::findExecutable(QStringLiteral("sqlcipher"));
        QVERIFY2(!shell.isEmpty(), "the sqlcipher shell (Debian package sqlcipher) is needed");
        // The documented way (README, "Reading the vault without Clinicdesk"): the raw key of each
        // database file, from the recovery key, which is not itself a database key.
        QProcessEnvironment env = cliEnvironment(QString());
        env.insert(QStringLiteral("CD_RECOVERY_KEY"), m_key);
        const CliResult keys =
            runCli({QStringLiteral("keys"), QStringLiteral("--vault"), m_vault,
                    QStringLiteral("--recovery-key-env"), QStringLiteral("CD_RECOVERY_KEY")},
                   {}, env);
        QVERIFY2(keys.exitCode == 0, qPrintable(keys.err));
        const QRegularExpressionMatch line =
            QRegularExpression(QStringLiteral("^clinicdesk\\.db ([0-9a-f]{64})$")).match(keys.out.trimmed());
        QVERIFY2(line.hasMatch(), qPrintable(keys.out));
        QString recoveryHex = m_key;
        recoveryHex.remove(QLatin1Char('-'));
        QVERIFY(line.captured(1).compare(recoveryHex, Qt::CaseInsensitive) != 0);
        // Without the recovery key, nothing is printed.
        env.insert(QStringLiteral("CD_RECOVERY_KEY"), QString(m_key).replace(0, 4, QStringLiteral("0000")));
        const CliResult wrong =
            runCli({QStringLiteral("keys"), QStringLiteral("--vault"), m_vault,
                    QStringLiteral("--recovery-key-env"), QStringLiteral("CD_RECOVERY_KEY")},
                   {}, env);
        QVERIFY(wrong.exitCode != 0);
        QVERIFY(wrong.out.isEmpty());
        const QString hex = line.captured(1);
        QProcess p;
        p.start(shell, {m_vault + QStringLiteral("/clinicdesk.db")});
        p.write(
            QStringLiteral(
                "PRAGMA key = \"x'%1'\";\nPRAGMA cipher_page_size = 4096;\n"
                "SELECT count(*) FROM clients;\nSELECT count(*) FROM client_phones WHERE e164 LIKE '+44%';\n")
                .arg(hex)
                .toUtf8());
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
        const QStringList lines =
            QString::fromUtf8(p.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), QStringLiteral("40"));
        QVERIFY(lines.value(1).toInt() >= 40);

        // Without the key the shell sees noise.
        QProcess q;
        q.start(shell, {m_vault + QStringLiteral("/clinicdesk.db")});
        q.write("SELECT count(*) FROM clients;\n");
        q.closeWriteChannel();
        QVERIFY(q.waitForFinished(30000));
        QVERIFY(!QString::fromUtf8(q.readAllStandardOutput()).contains(QStringLiteral("40")));
        QVERIFY(QString::fromUtf8(q.readAllStandardError()).contains(QStringLiteral("not a database")));
    }

    void verifyReportsWhatItChecked()
    {
        const CliResult v = cli({QStringLiteral("verify"), QStringLiteral("--vault"), m_vault});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.contains(QStringLiteral("integrity_check: ok")));
        QVERIFY(v.out.contains(QStringLiteral("page size 4096")));
        QVERIFY(v.out.contains(QStringLiteral("Argon2id 256 MiB")));
        QVERIFY(v.out.contains(QStringLiteral("file header encrypted")));
        QVERIFY(v.out.contains(QStringLiteral("vault ok")));
    }

    void failuresAreOneLineAndNonZero_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("passphrase");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("wrong passphrase") << QStringList{"verify", "--vault", "VAULT"} << "nope nope nope"
                                          << "Wrong passphrase";
        QTest::newRow("no passphrase")
            << QStringList{"verify", "--vault", "VAULT"} << QString() << "CLINICDESK_PASSPHRASE";
        QTest::newRow("unknown account")
            << QStringList{"verify", "--vault", "VAULT", "--user", "ghost"} << "x"
            << "no account named";
        QTest::newRow("not a vault") << QStringList{"verify", "--vault", "/"} << "x"
                                     << "not a Clinicdesk vault";
        QTest::newRow("init over a vault")
            << QStringList{"init", "--vault", "VAULT"} << "front desk passphrase 1"
            << "already exists";
        QTest::newRow("missing --vault") << QStringList{"verify"} << "x"
                                         << "--vault DIR is required";
        QTest::newRow("bad number") << QStringList{"demo", "--vault", "VAULT", "--clients", "many"} << "x"
                                    << "whole numbers";
        QTest::newRow("unknown command") << QStringList{"frobnicate"} << "x"
                                         << "unknown command";
    }
    void failuresAreOneLineAndNonZero()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, passphrase);
        QFETCH(QString, messagePart);
        args.replaceInStrings(QStringLiteral("VAULT"), m_vault);
        const auto before = snapshot(m_vault);
        const CliResult r = cli(args, passphrase);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(messagePart), qPrintable(r.err));
        QCOMPARE(r.err.trimmed().count(QLatin1Char('\n')), 0);
        auto after = snapshot(m_vault);
        after.remove(QStringLiteral("clinicdesk.db-shm"));
        auto expected = before;
        expected.remove(QStringLiteral("clinicdesk.db-shm"));
        QCOMPARE(after, expected);
    }

    void recoveryKeyToFile()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("second"));
        const QString keyFile = m_tmp.filePath(QStringLiteral("key.txt"));
        const CliResult r =
            cli({QStringLiteral("init"), QStringLiteral("--vault"), dir, QStringLiteral("--user"),
                 QStringLiteral("anna"), QStringLiteral("--recovery-key-out"), keyFile});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.isEmpty());
        QVERIFY(QFile::permissions(keyFile) & QFileDevice::ReadOwner);
        QVERIFY(!(QFile::permissions(keyFile) & (QFileDevice::ReadGroup | QFileDevice::ReadOther)));
        QCOMPARE(readAll(keyFile).trimmed().size(), 79);
        QCOMPARE(cli({QStringLiteral("verify"), QStringLiteral("--vault"), dir, QStringLiteral("--user"),
                      QStringLiteral("anna")})
                     .exitCode,
                 0);
    }

    void searchPrintsJsonLines()
    {
        const CliResult r = cli(
            {QStringLiteral("search"), QStringLiteral("--vault"), m_vault, QStringLiteral("07700 900005")});
        QCOMPARE(r.exitCode, 0);
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(!lines.isEmpty());
        const QJsonObject first = QJsonDocument::fromJson(lines.first().toUtf8()).object();
        for (const char* key : {"id", "first_name", "last_name", "emails", "phones"})
            QVERIFY2(first.contains(QLatin1String(key)), key);
        QVERIFY(first.value(QStringLiteral("id")).toInteger() > 0);
        QCOMPARE(first.value(QStringLiteral("phones")).toArray().first().toString(),
                 QStringLiteral("+447700900005"));
        QVERIFY(
            first.value(QStringLiteral("emails")).toArray().first().toString().contains(QLatin1Char('@')));
    }

    // `log` writes what the desk's Log call dialog writes, with the same checks: the note is found by
    // search afterwards; a past follow-up, an over-long note, an unknown kind or client are refused.
    void logRecordsAnInteractionWithTheDesksChecks()
    {
        const QString tomorrow = QDate::currentDate().addDays(1).toString(Qt::ISODate);
        const QStringList base{QStringLiteral("log"), QStringLiteral("--vault"), m_vault,
                               QStringLiteral("--client"), QStringLiteral("7")};
        const CliResult r = cli(
            base + QStringList{QStringLiteral("--kind"), QStringLiteral("visit"), QStringLiteral("--note"),
                               QStringLiteral("Popped in about zebrawood skin peel prices"),
                               QStringLiteral("--follow-up"), tomorrow});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QList<QJsonObject> lines = r.jsonLines();
        QCOMPARE(lines.size(), 1);
        QVERIFY(lines[0].value(QStringLiteral("id")).toInteger() > 0);
        QCOMPARE(lines[0].value(QStringLiteral("client_id")).toInteger(), 7);
        QCOMPARE(lines[0].value(QStringLiteral("kind")).toString(), QStringLiteral("visit"));
        QCOMPARE(lines[0].value(QStringLiteral("follow_up")).toString(), tomorrow);
        const CliResult found =
            cli({QStringLiteral("search"), QStringLiteral("--vault"), m_vault, QStringLiteral("zebrawood")});
        QCOMPARE(found.jsonLines().size(), 1);
        QCOMPARE(found.jsonLines()[0].value(QStringLiteral("id")).toInteger(), 7);

        const struct
        {
            QStringList args;
            const char* says;
        } refused[] = {
            {{QStringLiteral("--kind"), QStringLiteral("call"), QStringLiteral("--note"), QStringLiteral("x"),
              QStringLiteral("--follow-up"), QDate::currentDate().addDays(-1).toString(Qt::ISODate)},
             "in the past"},
            {{QStringLiteral("--kind"), QStringLiteral("call"), QStringLiteral("--note"),
              QString(10001, QLatin1Char('a'))},
             "The note is 10,001 characters long"},
            {{QStringLiteral("--kind"), QStringLiteral("fax"), QStringLiteral("--note"), QStringLiteral("x")},
             "call, email, social, visit or complaint"},
            {{QStringLiteral("--kind"), QStringLiteral("call"), QStringLiteral("--note"),
              QStringLiteral("  ")},
             "Write a note"},
        };
        for (const auto& [args, says] : refused) {
            const CliResult bad = cli(base + args);
            QCOMPARE(bad.exitCode, 1);
            QVERIFY(bad.out.isEmpty());
            QCOMPARE(bad.err.count(QLatin1Char('\n')), 1);
            QVERIFY2(bad.err.contains(QLatin1String(says)), qPrintable(bad.err));
        }
        const CliResult nobody =
            cli({QStringLiteral("log"), QStringLiteral("--vault"), m_vault, QStringLiteral("--client"),
                 QStringLiteral("999999"), QStringLiteral("--kind"), QStringLiteral("call"),
                 QStringLiteral("--note"), QStringLiteral("x")});
        QCOMPARE(nobody.exitCode, 1);
        QVERIFY2(nobody.err.contains(QStringLiteral("no client")), qPrintable(nobody.err));
    }

    // `settings` lists the clinic's settings as one JSON object, and sets several all or none.
    void settingsListAndSetAllOrNothing()
    {
        const QStringList base{QStringLiteral("settings"), QStringLiteral("--vault"), m_vault};
        const CliResult listed = cli(base);
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        QCOMPARE(listed.jsonLines().size(), 1);
        const QJsonObject before = listed.jsonLines()[0];
        for (const char* key : {"clinic.name", "controller.address", "controller.email", "privacy.nation",
                                "privacy.recipients", "retention.enquiry_months", "retention.treatment_years",
                                "retention.payment_years", "security.idle_lock_minutes"})
            QVERIFY2(before.contains(QLatin1String(key)), key);
        QCOMPARE(before.value(QStringLiteral("security.idle_lock_minutes")).toInt(), 5);

        // One bad value among good ones: nothing changes.
        for (const QStringList& bad : {QStringList{QStringLiteral("clinic.name=Bloom Aesthetics"),
                                                   QStringLiteral("security.idle_lock_minutes=0")},
                                       QStringList{QStringLiteral("clinic.name=Bloom Aesthetics"),
                                                   QStringLiteral("clinic.colour=pink")},
                                       QStringList{QStringLiteral("retention.payment_years=six")},
                                       QStringList{QStringLiteral("no equals sign")}}) {
            const CliResult r = cli(base + bad);
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(r.err.contains(QStringLiteral("Nothing was changed")), qPrintable(r.err));
            QCOMPARE(cli(base).jsonLines().value(0), before);
        }
        const CliResult set =
            cli(base + QStringList{QStringLiteral("clinic.name=Bloom Aesthetics"),
                                   QStringLiteral("controller.address=1 Harbour Street, Bristol BS1 4QA"),
                                   QStringLiteral("security.idle_lock_minutes=2")});
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
        const QJsonObject after = cli(base).jsonLines().value(0);
        QCOMPARE(after.value(QStringLiteral("clinic.name")).toString(), QStringLiteral("Bloom Aesthetics"));
        QCOMPARE(after.value(QStringLiteral("controller.address")).toString(),
                 QStringLiteral("1 Harbour Street, Bristol BS1 4QA"));
        QCOMPARE(after.value(QStringLiteral("security.idle_lock_minutes")).toInt(), 2);
        QCOMPARE(set.jsonLines().value(0), after); // prints the settings as they now are

        // The letterhead: the phone as text, the logo from a picture file (listed by its size).
        QImage logo(900, 300, QImage::Format_RGB32);
        logo.fill(Qt::darkCyan);
        const QString logoPath = m_tmp.filePath(QStringLiteral("logo.png"));
        QVERIFY(logo.save(logoPath));
        const CliResult head = cli(base + QStringList{QStringLiteral("clinic.phone=0117 496 0000"),
                                                      QStringLiteral("clinic.logo=") + logoPath});
        QVERIFY2(head.exitCode == 0, qPrintable(head.err));
        QCOMPARE(head.jsonLines().value(0).value(QStringLiteral("clinic.phone")).toString(),
                 QStringLiteral("0117 496 0000"));
        QCOMPARE(head.jsonLines().value(0).value(QStringLiteral("clinic.logo")).toString(),
                 QStringLiteral("PNG 600×200"));
        const CliResult notAPicture = cli(base + QStringList{QStringLiteral("clinic.logo=") +
                                                             m_tmp.filePath(QStringLiteral("missing.png"))});
        QCOMPARE(notAPicture.exitCode, 1);
        QVERIFY2(notAPicture.err.contains(QStringLiteral("clinic.logo")), qPrintable(notAPicture.err));
    }

    void demoIsDeterministicForASeed()
    {
        const QString a = m_tmp.filePath(QStringLiteral("demoA")),
                      b = m_tmp.filePath(QStringLiteral("demoB"));
        for (const QString& dir : {a, b})
            QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("--vault"), dir, QStringLiteral("--clients"),
                          QStringLiteral("25"), QStringLiteral("--seed"), QStringLiteral("11")})
                         .exitCode,
                     0);
        const CliResult ra = cli({QStringLiteral("search"), QStringLiteral("--vault"), a,
                                  QStringLiteral("--limit"), QStringLiteral("50"), QStringLiteral("0770")});
        const CliResult rb = cli({QStringLiteral("search"), QStringLiteral("--vault"), b,
                                  QStringLiteral("--limit"), QStringLiteral("50"), QStringLiteral("0770")});
        QCOMPARE(ra.out.count(QLatin1Char('\n')), 25);
        QCOMPARE(ra.out, rb.out);
    }

    void privacyRequestsExportAndErase()
    {
        const QString dir = m_tmp.filePath(QStringLiteral("privacy"));
        QCOMPARE(cli({QStringLiteral("demo"), QStringLiteral("--vault"), dir, QStringLiteral("--clients"),
                      QStringLiteral("10")})
                     .exitCode,
                 0);
        const QString today = QDate::currentDate().toString(Qt::ISODate);
        const CliResult add =
            cli({QStringLiteral("requests"), QStringLiteral("add"), QStringLiteral("--vault"), dir,
                 QStringLiteral("--client"), QStringLiteral("4"), QStringLiteral("--type"),
                 QStringLiteral("access"), QStringLiteral("--received"), today});
        QVERIFY2(add.exitCode == 0, qPrintable(add.err));
        const QJsonObject r = QJsonDocument::fromJson(add.out.toUtf8()).object();
        QCOMPARE(r.value(QStringLiteral("client")).toInteger(), 4);
        QCOMPARE(r.value(QStringLiteral("type")).toString(), QStringLiteral("access"));
        QCOMPARE(r.value(QStringLiteral("received")).toString(), today);
        QVERIFY(QDate::fromString(r.value(QStringLiteral("due")).toString(), Qt::ISODate) >=
                QDate::currentDate().addDays(28));
        QCOMPARE(r.value(QStringLiteral("status")).toString(), QStringLiteral("open"));
        const CliResult bad =
            cli({QStringLiteral("requests"), QStringLiteral("add"), QStringLiteral("--vault"), dir,
                 QStringLiteral("--client"), QStringLiteral("4"), QStringLiteral("--type"),
                 QStringLiteral("gossip"), QStringLiteral("--received"), today});
        QVERIFY(bad.exitCode != 0);
        const CliResult list = cli({QStringLiteral("requests"), QStringLiteral("--vault"), dir});
        QCOMPARE(list.out.count(QLatin1Char('\n')), 1);
        QCOMPARE(QJsonDocument::fromJson(list.out.toUtf8()).object().value(QStringLiteral("id")).toInteger(),
                 r.value(QStringLiteral("id")).toInteger());

        const QString zip = m_tmp.filePath(QStringLiteral("sar-4.zip"));
        const CliResult sar =
            cli({QStringLiteral("export-sar"), QStringLiteral("--vault"), dir, QStringLiteral("--client"),
                 QStringLiteral("4"), QStringLiteral("--out"), zip, QStringLiteral("--request"),
                 QString::number(r.value(QStringLiteral("id")).toInteger())});
        QVERIFY2(sar.exitCode == 0, qPrintable(sar.err));
        // The export answered the access request: marked so, with what was sent kept.
        QVERIFY2(sar.err.contains(QStringLiteral("marked answered")), qPrintable(sar.err));
        const CliResult answered = cli({QStringLiteral("requests"), QStringLiteral("--vault"), dir});
        QCOMPARE(QJsonDocument::fromJson(answered.out.toUtf8())
                     .object()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("done"));
        QProcess unzip;
        unzip.start(QStringLiteral("unzip"), {QStringLiteral("-l"), zip});
        QVERIFY(unzip.waitForFinished());
        const QString names = QString::fromUtf8(unzip.readAll());
        QVERIFY(names.contains(QStringLiteral("report.pdf")) && names.contains(QStringLiteral("data.json")));

        const CliResult dry =
            cli({QStringLiteral("erase"), QStringLiteral("--vault"), dir, QStringLiteral("--client"),
                 QStringLiteral("4"), QStringLiteral("--dry-run")});
        QCOMPARE(dry.exitCode, 0);
        QVERIFY(dry.out.contains(QStringLiteral("will be erased:")));
        QVERIFY(dry.out.contains(QStringLiteral("privacy_requests (1) because")));
        const CliResult noConfirm = cli({QStringLiteral("erase"), QStringLiteral("--vault"), dir,
                                         QStringLiteral("--client"), QStringLiteral("4")});
        QVERIFY(noConfirm.exitCode != 0);
        QVERIFY(noConfirm.err.contains(QStringLiteral("nothing was erased")));
        const CliResult erased =
            cli({QStringLiteral("erase"), QStringLiteral("--vault"), dir, QStringLiteral("--client"),
                 QStringLiteral("4"), QStringLiteral("--yes")});
        QVERIFY2(erased.exitCode == 0, qPrintable(erased.err));
        QVERIFY(erased.out.contains(QStringLiteral("tombstone")));
        QVERIFY(QFile::exists(dir + QStringLiteral("/erasures.ledger")));
        // The register keeps the request under her pseudonymous reference; her details are gone.
        const CliResult after = cli({QStringLiteral("requests"), QStringLiteral("--vault"), dir});
        QCOMPARE(QJsonDocument::fromJson(after.out.toUtf8()).object().value(QStringLiteral("subject_ref")),
                 r.value(QStringLiteral("subject_ref")));
        QProcess json;
        json.start(QStringLiteral("unzip"), {QStringLiteral("-p"), zip, QStringLiteral("data.json")});
        QVERIFY(json.waitForFinished());
        const QJsonObject exported = QJsonDocument::fromJson(json.readAll()).object();
        const QString email = exported[QStringLiteral("data")][QStringLiteral("contact")]
                                      [QStringLiteral("client_emails")][0][QStringLiteral("address")]
                                          .toString();
        QVERIFY(email.contains(QLatin1Char('@')));
        QCOMPARE(cli({QStringLiteral("search"), QStringLiteral("--vault"), dir, email}).out, QString());
        QCOMPARE(cli({QStringLiteral("verify"), QStringLiteral("--vault"), dir}).exitCode, 0);
    }

    void importReportsRejectedLines()
    {
        const QString fixture =
            qEnvironmentVariable("CLINICDESK_FIXTURES") + QStringLiteral("/website-form-export.csv");
        const QString dir = m_tmp.filePath(QStringLiteral("importing"));
        QCOMPARE(cli({QStringLiteral("init"), QStringLiteral("--vault"), dir}).exitCode, 0);
        const CliResult r = cli({QStringLiteral("import-clients"), QStringLiteral("--vault"), dir, fixture});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(QStringLiteral("imported 3 clients; rejected 4 rows")), qPrintable(r.out));
        QVERIFY(r.err.contains(QStringLiteral("website-form-export.csv:5: rejected:")));
        const CliResult s =
            cli({QStringLiteral("search"), QStringLiteral("--vault"), dir, QStringLiteral("smith-jones")});
        QVERIFY(s.out.contains(QStringLiteral("Ciarán")));
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
