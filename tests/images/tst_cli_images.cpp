// The image commands' contract through the real clinicdesk-cli: one line per file, non-zero exit
// when any file failed, the good files stored anyway; `images` lists them as JSON lines.
#include "CliRunner.h"
#include "Files.h"
#include "ImageFixtures.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace cd::test;

namespace {

CliResult cli(const QStringList& args)
{
    return runCli(args);
}

} // namespace

class TestCliImages : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_vault;

    QString file(const QString& name, const QByteArray& bytes)
    {
        writeAll(m_tmp.filePath(name), bytes);
        return m_tmp.filePath(name);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_vault = m_tmp.filePath(QStringLiteral("vault"));
        const CliResult init = cli({QStringLiteral("init"), QStringLiteral("--vault"), m_vault});
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        const CliResult demo =
            cli({QStringLiteral("demo"), QStringLiteral("--vault"), m_vault, QStringLiteral("--clients"),
                 QStringLiteral("3"), QStringLiteral("--seed"), QStringLiteral("5")});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
    }

    void addImagesReportsEachFile()
    {
        const QString good = file(QStringLiteral("lips-1.jpg"), encoded(markedImage(300, 200), "jpeg"));
        const QString bad = file(QStringLiteral("broken.jpg"), QByteArray("not a photo at all\n"));
        const QString png = file(QStringLiteral("lips-2.png"), encoded(markedImage(90, 120), "png"));
        const CliResult r =
            cli({QStringLiteral("add-images"), QStringLiteral("--vault"), m_vault, QStringLiteral("--client"),
                 QStringLiteral("2"), QStringLiteral("--kind"), QStringLiteral("quote_request"),
                 QStringLiteral("--area"), QStringLiteral("lips"), QStringLiteral("--taken-on"),
                 QStringLiteral("2025-03-14"), good, bad, png});
        QCOMPARE(r.exitCode, 1);
        const QStringList added = r.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(added.size(), 2);
        QVERIFY2(added.at(0).startsWith(good + QStringLiteral(": added as image ")), qPrintable(r.out));
        QVERIFY(added.at(0).contains(QStringLiteral("300×200")));
        QVERIFY(added.at(1).startsWith(png + QStringLiteral(": added as image ")));
        QVERIFY2(r.err.contains(bad + QStringLiteral(": error: broken.jpg contains text")),
                 qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("1 of 3 files not added")));

        const CliResult list = cli({QStringLiteral("images"), QStringLiteral("--vault"), m_vault,
                                    QStringLiteral("--client"), QStringLiteral("2")});
        QCOMPARE(list.exitCode, 0);
        const QStringList lines = list.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 2);
        for (const QString& line : lines) {
            const QJsonObject o = QJsonDocument::fromJson(line.toUtf8()).object();
            QCOMPARE(o.value(QStringLiteral("kind")).toString(), QStringLiteral("quote_request"));
            QCOMPARE(o.value(QStringLiteral("area")).toString(), QStringLiteral("lips"));
            QCOMPARE(o.value(QStringLiteral("taken_on")).toString(), QStringLiteral("2025-03-14"));
            QCOMPARE(o.value(QStringLiteral("sha256")).toString().size(), 64);
            QVERIFY(o.value(QStringLiteral("id")).toInt() > 0);
            QVERIFY(o.contains(QStringLiteral("caption")));
        }
        QCOMPARE(
            QJsonDocument::fromJson(lines.at(0).toUtf8()).object().value(QStringLiteral("width")).toInt() +
                QJsonDocument::fromJson(lines.at(1).toUtf8()).object().value(QStringLiteral("width")).toInt(),
            390);
        // Another client's gallery is untouched.
        const CliResult other = cli({QStringLiteral("images"), QStringLiteral("--vault"), m_vault,
                                     QStringLiteral("--client"), QStringLiteral("1")});
        QCOMPARE(other.exitCode, 0);
        QCOMPARE(other.out, QString());
    }

    void badArgumentsAreRefusedBeforeOpening()
    {
        const QString good = file(QStringLiteral("x.jpg"), encoded(markedImage(), "jpeg"));
        CliResult r = cli({QStringLiteral("add-images"), QStringLiteral("--vault"), m_vault, good});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(QStringLiteral("--client ID is required")));
        r = cli({QStringLiteral("add-images"), QStringLiteral("--vault"), m_vault, QStringLiteral("--client"),
                 QStringLiteral("1"), QStringLiteral("--area"), QStringLiteral("elbow"), good});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("Unknown treatment area \"elbow\"")), qPrintable(r.err));
        r = cli({QStringLiteral("add-images"), QStringLiteral("--vault"), m_vault, QStringLiteral("--client"),
                 QStringLiteral("999"), good});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(QStringLiteral("no client with id 999")), qPrintable(r.err));
    }

    // From the redesign issue: a photo was stored on an erased person's kept record. Restricted and
    // erased records take no photo; the refusal says why and the gallery stays as it was.
    void erasedOrRestrictedClientTakesNoPhoto()
    {
        const QString photo = file(QStringLiteral("cheeks.jpg"), encoded(markedImage(240, 160), "jpeg"));
        const auto images = [&](const char* id) {
            return cli({QStringLiteral("images"), QStringLiteral("--vault"), m_vault,
                        QStringLiteral("--client"), QString::fromLatin1(id)})
                .out;
        };
        const auto add = [&](const char* id) {
            return cli({QStringLiteral("add-images"), QStringLiteral("--vault"), m_vault,
                        QStringLiteral("--client"), QString::fromLatin1(id), photo});
        };

        const CliResult restrict = cli({QStringLiteral("restrict"), QStringLiteral("--vault"), m_vault,
                                        QStringLiteral("--client"), QStringLiteral("3")});
        QVERIFY2(restrict.exitCode == 0, qPrintable(restrict.err));
        QVERIFY(restrict.out.startsWith(QStringLiteral("restricted: client 3")));
        const QString before = images("3");
        CliResult r = add("3");
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("restricted")) &&
                     r.err.contains(QStringLiteral("lifts the restriction")),
                 qPrintable(r.err));
        QCOMPARE(r.out, QString());
        QCOMPARE(images("3"), before);
        const CliResult lift =
            cli({QStringLiteral("restrict"), QStringLiteral("--vault"), m_vault, QStringLiteral("--client"),
                 QStringLiteral("3"), QStringLiteral("--lift")});
        QVERIFY2(lift.exitCode == 0, qPrintable(lift.err));
        QVERIFY(lift.out.startsWith(QStringLiteral("restriction lifted: client 3")));
        r = add("3");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));

        // Erased, with a minimal record kept for the payments and treatment records.
        const CliResult erase =
            cli({QStringLiteral("erase"), QStringLiteral("--vault"), m_vault, QStringLiteral("--client"),
                 QStringLiteral("1"), QStringLiteral("--yes")});
        QVERIFY2(erase.exitCode == 0, qPrintable(erase.err));
        QVERIFY(erase.out.contains(QStringLiteral("name and date of birth only")));
        const QString kept = images("1");
        r = add("1");
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("has been erased")), qPrintable(r.err));
        QCOMPARE(images("1"), kept);
        // Restricting an erased record is refused too: there is nothing left to restrict.
        QVERIFY(cli({QStringLiteral("restrict"), QStringLiteral("--vault"), m_vault,
                     QStringLiteral("--client"), QStringLiteral("1")})
                    .exitCode != 0);
    }

    void onlyAManagerRestricts()
    {
        const QString pass = QStringLiteral("reception passphrase 9");
        QProcessEnvironment env = cliEnvironment();
        env.insert(QStringLiteral("CLINICDESK_NEW_PASSPHRASE"), pass);
        const CliResult added =
            runCli({QStringLiteral("staff"), QStringLiteral("add"), QStringLiteral("--vault"), m_vault,
                    QStringLiteral("--name"), QStringLiteral("rita"), QStringLiteral("--role"),
                    QStringLiteral("receptionist")},
                   {}, env);
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        const QString own = QStringLiteral("rita chose her own words");
        QProcessEnvironment change = cliEnvironment(pass);
        change.insert(QStringLiteral("CLINICDESK_NEW_PASSPHRASE"), own);
        const CliResult changed = runCli({QStringLiteral("passphrase"), QStringLiteral("--vault"), m_vault,
                                          QStringLiteral("--user"), QStringLiteral("rita")},
                                         {}, change);
        QVERIFY2(changed.exitCode == 0, qPrintable(changed.err));
        const CliResult r =
            runCli({QStringLiteral("restrict"), QStringLiteral("--vault"), m_vault, QStringLiteral("--user"),
                    QStringLiteral("rita"), QStringLiteral("--client"), QStringLiteral("2")},
                   {}, cliEnvironment(own));
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("receptionist may not")), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliImages)
#include "tst_cli_images.moc"
