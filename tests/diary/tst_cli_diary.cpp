// `clinicdesk-cli appointments` and `clinicdesk-cli batch` on a demo vault, through the real binary:
// the output contract (one JSON object per line, the documented keys), ordering, a clash-free demo
// diary, case-insensitive batch recall, and one-line errors.
#include "CliRunner.h"

#include <QDateTime>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace cd::test;

class TestCliDiary : public QObject
{
    Q_OBJECT
    QTemporaryDir m_tmp;
    QString m_vault;

    QStringList with(QStringList args) const
    {
        args.insert(1, QStringLiteral("--vault"));
        args.insert(2, m_vault);
        return args;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(QFile::exists(qEnvironmentVariable("CLINICDESK_CLI")));
        m_vault = m_tmp.filePath(QStringLiteral("vault"));
        const CliResult init = runCli({QStringLiteral("init"), QStringLiteral("--vault"), m_vault});
        QVERIFY2(init.exitCode == 0, qPrintable(init.err));
        const CliResult demo =
            runCli(with({QStringLiteral("demo"), QStringLiteral("--clients"), QStringLiteral("150"),
                         QStringLiteral("--seed"), QStringLiteral("4")}));
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err));
    }

    void appointmentsPrintTheDayInOrder()
    {
        // The demo diary covers working days (not Sundays) from four weeks ago to two weeks ahead.
        QDate day = QDate::currentDate();
        if (day.dayOfWeek() == 7)
            day = day.addDays(1);
        const CliResult run = runCli(
            with({QStringLiteral("appointments"), QStringLiteral("--date"), day.toString(Qt::ISODate)}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QList<QJsonObject> lines = run.jsonLines();
        QVERIFY2(lines.size() >= 3, qPrintable(run.out));
        const QSet<QString> keys{"id",   "client",       "client_id", "starts",    "ends",  "duration",
                                 "kind", "practitioner", "room",      "treatment", "status"};
        QString previous;
        QHash<QString, QList<std::pair<QDateTime, QDateTime>>> busy; // practitioner or room → intervals
        for (const QJsonObject& o : lines) {
            const QStringList got = o.keys();
            QCOMPARE(QSet<QString>(got.cbegin(), got.cend()), keys);
            const QString starts = o.value(QStringLiteral("starts")).toString();
            QVERIFY2(starts >= previous, "sorted by time");
            previous = starts;
            const QDateTime s = QDateTime::fromString(starts, Qt::ISODate);
            const QDateTime e =
                QDateTime::fromString(o.value(QStringLiteral("ends")).toString(), Qt::ISODate);
            QVERIFY(QRegularExpression(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}$"))
                        .match(starts)
                        .hasMatch()); // local, no zone
            QCOMPARE(s.date(), day);
            QVERIFY(s.time() >= QTime(9, 0) && e.time() <= QTime(17, 0));
            QCOMPARE(s.secsTo(e), qint64(o.value(QStringLiteral("duration")).toInt()) * 60);
            QVERIFY(QStringList({"consultation", "treatment"})
                        .contains(o.value(QStringLiteral("kind")).toString()));
            QVERIFY(QStringList({"booked", "attended", "no_show", "cancelled"})
                        .contains(o.value(QStringLiteral("status")).toString()));
            QVERIFY(!o.value(QStringLiteral("client")).toString().isEmpty());
            if (o.value(QStringLiteral("status")).toString() == QLatin1String("cancelled"))
                continue;
            for (const QString& who : {o.value(QStringLiteral("practitioner")).toString(),
                                       o.value(QStringLiteral("room")).toString()}) {
                for (const auto& [bs, be] : busy.value(who))
                    QVERIFY2(!(s < be && bs < e),
                             qPrintable(QStringLiteral("%1 double-booked at %2").arg(who, starts)));
                busy[who].append({s, e});
            }
        }
        // A day that has passed shows who came and who did not.
        QDate past = QDate::currentDate().addDays(-7);
        if (past.dayOfWeek() == 7)
            past = past.addDays(-1);
        const CliResult before = runCli(
            with({QStringLiteral("appointments"), QStringLiteral("--date"), past.toString(Qt::ISODate)}));
        QVERIFY(before.exitCode == 0);
        QVERIFY(before.out.contains(QStringLiteral("\"status\":\"attended\"")));
        QVERIFY(!before.out.contains(QStringLiteral("\"status\":\"booked\"")));
    }

    void appointmentsRefuseABadDate()
    {
        for (const QStringList& args : {QStringList{QStringLiteral("appointments")},
                                        QStringList{QStringLiteral("appointments"), QStringLiteral("--date"),
                                                    QStringLiteral("31/12/2025")},
                                        QStringList{QStringLiteral("appointments"), QStringLiteral("--date"),
                                                    QStringLiteral("2025-02-30")}}) {
            const CliResult run = runCli(with(args));
            QCOMPARE(run.exitCode, 1);
            QVERIFY(run.out.isEmpty());
            QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
            QVERIFY2(run.err.contains(QStringLiteral("YYYY-MM-DD")), qPrintable(run.err));
        }
    }

    // A week of the diary as an iCalendar file, read back by a standard parser (Python's icalendar):
    // the same appointments as the JSON lines of that week, first names only.
    void appointmentsExportARangeAsICalendar()
    {
        const QString from = QDate::currentDate().addDays(-3).toString(Qt::ISODate);
        const QString to = QDate::currentDate().addDays(3).toString(Qt::ISODate);
        const CliResult listed = runCli(with(
            {QStringLiteral("appointments"), QStringLiteral("--from"), from, QStringLiteral("--to"), to}));
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        const QList<QJsonObject> lines = listed.jsonLines();
        QVERIFY2(lines.size() >= 10, qPrintable(listed.out));
        const QString file = m_tmp.filePath(QStringLiteral("week.ics"));
        const CliResult written = runCli(with({QStringLiteral("appointments"), QStringLiteral("--from"), from,
                                               QStringLiteral("--to"), to, QStringLiteral("--ics"), file}));
        QVERIFY2(written.exitCode == 0, qPrintable(written.err));
        QVERIFY(written.out.isEmpty());
        QVERIFY2(written.err.contains(QStringLiteral("Wrote %1 appointments").arg(lines.size())),
                 qPrintable(written.err));
        QProcess parser;
        // Debian's own Python, where python3-icalendar is installed (another python3 may come first in PATH).
        parser.start(
            QStringLiteral("/usr/bin/python3"),
            {QStringLiteral("-c"),
             QStringLiteral("import icalendar, sys\n"
                            "cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())\n"
                            "for e in cal.walk('VEVENT'):\n"
                            "    print(e.decoded('dtstart').isoformat(), '|', str(e.get('summary')))\n"),
             file});
        QVERIFY(parser.waitForFinished(60000));
        const QString parsed = QString::fromUtf8(parser.readAllStandardOutput());
        QVERIFY2(parser.exitCode() == 0, qPrintable(QString::fromUtf8(parser.readAllStandardError())));
        const QStringList events = parsed.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(events.size(), lines.size());
        const QByteArray bytes = [&] {
            QFile f(file);
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }();
        for (const QJsonObject& o : lines) {
            const QStringList name = o.value(QStringLiteral("client")).toString().split(QLatin1Char(' '));
            QVERIFY2(parsed.contains(name.first()), qPrintable(name.first()));
            // The surname stays out of a file that may end up in a shared calendar.
            QVERIFY2(!bytes.contains(name.last().toUtf8()), qPrintable(name.last()));
        }
        for (const QStringList& bad :
             {QStringList{QStringLiteral("appointments"), QStringLiteral("--from"), to,
                          QStringLiteral("--to"), from},
              QStringList{QStringLiteral("appointments"), QStringLiteral("--from"), from},
              QStringList{QStringLiteral("appointments"), QStringLiteral("--date"), from,
                          QStringLiteral("--from"), from, QStringLiteral("--to"), to}}) {
            const CliResult run = runCli(with(bad));
            QCOMPARE(run.exitCode, 1);
            QCOMPARE(run.err.count(QLatin1Char('\n')), 1);
        }
    }

    void batchFindsEveryClientWhoReceivedIt()
    {
        // Every batch of the demo's anti-wrinkle product starts with BTA; pick one shared by several clients.
        const CliResult all =
            runCli(with({QStringLiteral("batch"), QStringLiteral("--prefix"), QStringLiteral("bta")}));
        QVERIFY2(all.exitCode == 0, qPrintable(all.err));
        QHash<QString, QSet<double>> clientsByLot;
        for (const QJsonObject& o : all.jsonLines()) {
            QVERIFY(o.value(QStringLiteral("batch")).toString().startsWith(QStringLiteral("BTA")));
            clientsByLot[o.value(QStringLiteral("batch")).toString()].insert(
                o.value(QStringLiteral("client_id")).toDouble());
        }
        QVERIFY(!clientsByLot.isEmpty());
        QString shared;
        for (auto it = clientsByLot.cbegin(); it != clientsByLot.cend(); ++it)
            if (it.value().size() >= 2 &&
                (shared.isEmpty() || it.value().size() > clientsByLot.value(shared).size()))
                shared = it.key();
        QVERIFY2(!shared.isEmpty(), "the demo shares batches between clients");

        const CliResult run = runCli(with({QStringLiteral("batch"), shared.toLower()}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const QList<QJsonObject> lines = run.jsonLines();
        QSet<double> clients;
        const QSet<QString> keys{"client_id", "name",    "phones", "emails", "treatment_date",
                                 "treatment", "product", "batch",  "expiry", "erased"};
        for (const QJsonObject& o : lines) {
            const QStringList got = o.keys();
            QCOMPARE(QSet<QString>(got.cbegin(), got.cend()), keys);
            QCOMPARE(o.value(QStringLiteral("batch")).toString(), shared);
            QCOMPARE(o.value(QStringLiteral("product")).toString(), QStringLiteral("Botulinum toxin type A"));
            QVERIFY(!o.value(QStringLiteral("phones")).toArray().isEmpty());
            QVERIFY(
                o.value(QStringLiteral("emails")).toArray().first().toString().contains(QLatin1Char('@')));
            QVERIFY(QDate::fromString(o.value(QStringLiteral("expiry")).toString(), Qt::ISODate) >
                    QDate::fromString(o.value(QStringLiteral("treatment_date")).toString(), Qt::ISODate));
            clients.insert(o.value(QStringLiteral("client_id")).toDouble());
        }
        QCOMPARE(clients, clientsByLot.value(shared));

        const CliResult none = runCli(with({QStringLiteral("batch"), QStringLiteral("NO-SUCH-LOT")}));
        QCOMPARE(none.exitCode, 0);
        QVERIFY(none.out.isEmpty());
        QVERIFY(none.err.contains(QStringLiteral("no treatment record has batch NO-SUCH-LOT")));
        const CliResult missing = runCli(with({QStringLiteral("batch")}));
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(QStringLiteral("LOT")));
    }
};

QTEST_GUILESS_MAIN(TestCliDiary)
#include "tst_cli_diary.moc"
