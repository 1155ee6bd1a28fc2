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
        const CliResult demo = cli({QStringLiteral("demo"), QStringLiteral("--vault"), m_vault, QStringLiteral("--clients"),
                              QStringLiteral("3"), QStringLiteral("--seed"), QStringLiteral("5")});
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
    }

    void addImagesReportsEachFile()
    {
        const QString good = file(QStringLiteral("lips-1.jpg"), encoded(markedImage(300, 200), "jpeg"));
        const QString bad = file(QStringLiteral("broken.jpg"), QByteArray("not a photo at all\n"));
        const QString png = file(QStringLiteral("lips-2.png"), encoded(markedImage(90, 120), "png"));
        const CliResult r = cli({QStringLiteral("add-images"), QStringLiteral("--vault"), m_vault, QStringLiteral("--client"),
                           QStringLiteral("2"), QStringLiteral("--kind"), QStringLiteral("quote_request"),
                           QStringLiteral("--area"), QStringLiteral("lips"), QStringLiteral("--taken-on"),
                           QStringLiteral("2025-03-14"), good, bad, png});
        QCOMPARE(r.exitCode, 1);
        const QStringList added = r.out.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(added.size(), 2);
        QVERIFY2(added.at(0).startsWith(good + QStringLiteral(": added as image ")), qPrintable(r.out));
        QVERIFY(added.at(0).contains(QStringLiteral("300×200")));
        QVERIFY(added.at(1).startsWith(png + QStringLiteral(": added as image ")));
        QVERIFY2(r.err.contains(bad + QStringLiteral(": error: broken.jpg contains text")), qPrintable(r.err));
        QVERIFY(r.err.contains(QStringLiteral("1 of 3 file(s) not added")));

        const CliResult list = cli({QStringLiteral("images"), QStringLiteral("--vault"), m_vault, QStringLiteral("--client"),
                              QStringLiteral("2")});
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
        QCOMPARE(QJsonDocument::fromJson(lines.at(0).toUtf8()).object().value(QStringLiteral("width")).toInt() +
                     QJsonDocument::fromJson(lines.at(1).toUtf8()).object().value(QStringLiteral("width")).toInt(),
                 390);
        // Another client's gallery is untouched.
        const CliResult other = cli({QStringLiteral("images"), QStringLiteral("--vault"), m_vault, QStringLiteral("--client"),
                               QStringLiteral("1")});
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
};

QTEST_GUILESS_MAIN(TestCliImages)
#include "tst_cli_images.moc"
