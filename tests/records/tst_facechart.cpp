// The face chart of a treatment record: points kept where they were placed (relative to the
// drawing), sealed like the record's clinical values, checked before they are written, taking their
// batches from stock and found by a recall, carried through a re-key, in the person's export and the
// report, kept and erased with the record; and the record printed with its chart, read back from the
// PDF with pdftotext and as a picture.
#include "ChartFixtures.h"
#include "CliRunner.h"
#include "FormFixtures.h"
#include "TestVault.h"
#include "common/ClinicalSeal.h"
#include "common/Clock.h"
#include "privacy/Erasure.h"
#include "privacy/SubjectData.h"
#include "privacy/SubjectExport.h"
#include "records/FaceChart.h"
#include "records/TreatmentRecords.h"
#include "settings/Settings.h"
#include "staff/Accounts.h"
#include "stock/Stock.h"
#include "storage/Sql.h"
#include "vault/Kdf.h"

#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace cd;
using namespace cd::test;

namespace {

const QDate kToday(2025, 3, 4);
const QString kBotox = QStringLiteral("Botulinum toxin type A");
const QString kFiller = QStringLiteral("Hyaluronic acid filler");

ChartPoint point(FaceView view, double x, double y, const QString& product, const QString& lot, double amount,
                 const QString& unit, const QString& note = {})
{
    ChartPoint p;
    p.view = view;
    p.x = x;
    p.y = y;
    p.product = product;
    p.batchNumber = lot;
    p.amount = amount;
    p.unit = unit;
    p.note = note;
    return p;
}

// Glabella and both crow's feet: the points a practitioner places for an anti-wrinkle treatment.
QList<ChartPoint> threePoints()
{
    return {point(FaceView::Front, 0.5, 0.34, kBotox, QStringLiteral("PT77A"), 4, QStringLiteral("units"),
                  QStringLiteral("glabella, procerus")),
            point(FaceView::Left, 0.27, 0.38, kBotox, QStringLiteral("PT77A"), 4, QStringLiteral("units"),
                  QStringLiteral("lateral canthus")),
            point(FaceView::Right, 0.73, 0.38, kBotox, QStringLiteral("PT77A"), 4, QStringLiteral("units"))};
}

TreatmentRecord record(qint64 client, const QList<ChartPoint>& chart)
{
    TreatmentRecord r;
    r.clientId = client;
    r.givenOn = kToday;
    r.treatment = QStringLiteral("Anti-wrinkle injections");
    r.areas = QStringLiteral("glabella, crow's feet");
    r.product = kBotox;
    r.batchNumber = QStringLiteral("PT77A");
    r.expiryDate = kToday.addMonths(6);
    r.quantity = 12;
    r.quantityUnit = QStringLiteral("units");
    r.chart = chart;
    return r;
}

qint64 add(Database& db, const TreatmentRecord& r)
{
    test::signConsent(db, r.clientId, kToday);
    auto id = TreatmentRecords(db).add(r);
    return id ? id.value() : 0;
}

double left(Database& db, const QString& product, const QString& lot)
{
    auto b = Stock(db).find(product, lot);
    return b && b.value() ? b.value()->remaining : -1;
}

qint64 count(Database& db, const char* sql)
{
    auto st = db.prepare(sql);
    st.step();
    const qint64 n = st.int64(0);
    st.reset();
    return n;
}

QJsonArray chartRows(Database& db, qint64 client)
{
    auto data = collectSubjectData(db, client);
    if (!data)
        return {};
    return data->value(QStringLiteral("data"))
        .toObject()
        .value(QStringLiteral("appointments"))
        .toObject()
        .value(QStringLiteral("treatment_chart_points"))
        .toArray();
}

} // namespace

class TestFaceChart : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        Clock::setSource([] { return QDateTime(kToday, QTime(9, 0), Qt::UTC); });
    }
    void cleanup() { Clock::setSource(nullptr); }

    // The points come back as placed, in order, relative to their drawing; what the file holds is
    // sealed: no note, batch or position in a column anyone with the database key reads.
    void pointsAreKeptWherePlacedAndSealed()
    {
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 id = add(t.db(), record(amara, threePoints()));
        QVERIFY(id > 0);
        auto back = TreatmentRecords(t.db()).get(id);
        QVERIFY(back.ok());
        QCOMPARE(back->chart, threePoints());
        QCOMPARE(TreatmentRecords(t.db()).forClient(amara)->first().chart, threePoints());
        auto raw = t.db().prepare("SELECT view, x, note, batch_number, sealed FROM treatment_chart_points "
                                  "ORDER BY position");
        int rows = 0;
        while (raw.step()) {
            ++rows;
            for (int column = 0; column < 4; ++column)
                QVERIFY(raw.isNull(column));
            QVERIFY(ClinicalSeal::isSealed(raw.blob(4)));
            QVERIFY(!raw.blob(4).contains("glabella"));
            QVERIFY(!raw.blob(4).contains("PT77A"));
        }
        QCOMPARE(rows, 3);

        // A correction: one point moved, one removed; the audit names the chart as changed.
        TreatmentRecord changed = back.value();
        changed.chart.removeLast();
        changed.chart[0].x = 0.52;
        changed.quantity = 8;
        QVERIFY(TreatmentRecords(t.db()).update(changed).ok());
        QCOMPARE(TreatmentRecords(t.db()).get(id)->chart, changed.chart);
        QCOMPARE(count(t.db(), "SELECT COUNT(*) FROM treatment_chart_points"), qint64(2));
        auto audit = t.db().prepare("SELECT detail FROM audit_log WHERE action = 'treatment-record-changed'");
        QVERIFY(audit.step());
        QVERIFY2(audit.text(0).contains(QStringLiteral("chart")), qPrintable(audit.text(0)));
        audit.reset();
    }

    void whatAChartWillNotTake_data()
    {
        QTest::addColumn<QList<ChartPoint>>("chart");
        QTest::addColumn<QString>("message");
        const QString u = QStringLiteral("units");
        QTest::newRow("off the drawing")
            << QList<ChartPoint>{point(FaceView::Front, 1.2, 0.5, kBotox, {}, 4, u)}
            << "Point 1 is off the drawing.";
        QTest::newRow("below the drawing")
            << QList<ChartPoint>{point(FaceView::Left, 0.5, 0.5, kBotox, {}, 4, u),
                                 point(FaceView::Left, 0.5, -0.01, kBotox, {}, 4, u)}
            << "Point 2 is off the drawing.";
        QTest::newRow("a negative amount")
            << QList<ChartPoint>{point(FaceView::Front, 0.5, 0.5, kBotox, {}, -2, u)}
            << "Point 1: give the amount in units or ml.";
        QTest::newRow("an amount in milligrams")
            << QList<ChartPoint>{point(FaceView::Front, 0.5, 0.5, kBotox, {}, 2, QStringLiteral("mg"))}
            << "Point 1: give the amount in units or ml.";
        QTest::newRow("a batch without its product")
            << QList<ChartPoint>{point(FaceView::Right, 0.5, 0.5, {}, QStringLiteral("PT77A"), 2, u)}
            << "Point 1: name the product its batch belongs to.";
        QTest::newRow("a note of a page") << QList<ChartPoint>{point(FaceView::Front, 0.5, 0.5, kBotox, {}, 2,
                                                                     u, QString(2000, QLatin1Char('x')))}
                                          << "Point 1";
        QList<ChartPoint> many;
        for (int i = 0; i <= facechart::kMaxPoints; ++i)
            many.append(point(FaceView::Front, 0.5, 0.5, kBotox, {}, 1, u));
        QTest::newRow("more points than a face holds") << many << "A face chart holds 80 points at most.";
    }
    void whatAChartWillNotTake()
    {
        QFETCH(QList<ChartPoint>, chart);
        QFETCH(QString, message);
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        test::signConsent(t.db(), amara, kToday);
        TreatmentRecord r = record(amara, chart);
        r.batchNumber.clear();
        r.quantity = 0;
        auto refused = TreatmentRecords(t.db()).add(r);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Invalid);
        QVERIFY2(refused.message().startsWith(message), qPrintable(refused.message()));
        QCOMPARE(count(t.db(), "SELECT COUNT(*) FROM treatment_records"), qint64(0));
        QCOMPARE(count(t.db(), "SELECT COUNT(*) FROM treatment_chart_points"), qint64(0));
    }

    // The chart's amounts come out of the batches its points name, added up per batch; a correction
    // gives back what it no longer uses; more than is left is refused, naming what is left, and
    // nothing is written.
    void theChartTakesItsBatchesFromStock()
    {
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        Stock stock(t.db());
        QVERIFY(
            stock.receive(kBotox, QStringLiteral("PT77A"), kToday.addMonths(6), 100, QStringLiteral("units"))
                .ok());
        QVERIFY(stock.receive(kFiller, QStringLiteral("HA-9"), kToday.addMonths(9), 2, QStringLiteral("ml"))
                    .ok());
        QList<ChartPoint> chart = threePoints();
        chart.append(point(FaceView::Front, 0.5, 0.8, kFiller, QStringLiteral("ha-9"), 0.5,
                           QStringLiteral("ml"), QStringLiteral("chin")));
        const qint64 id = add(t.db(), record(amara, chart));
        QVERIFY(id > 0);
        QCOMPARE(left(t.db(), kBotox, QStringLiteral("PT77A")), 88.0);
        QCOMPARE(left(t.db(), kFiller, QStringLiteral("HA-9")), 1.5);

        TreatmentRecord r = TreatmentRecords(t.db()).get(id).value();
        r.chart.removeFirst();
        QVERIFY(TreatmentRecords(t.db()).update(r).ok());
        QCOMPARE(left(t.db(), kBotox, QStringLiteral("PT77A")), 92.0);

        // 5 ml of a batch with 2 ml in all (the record's own half ml is given back before the count)
        r.chart.last().amount = 5;
        auto refused = TreatmentRecords(t.db()).update(r);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message().contains(QStringLiteral("has 2 ml left, less than 5 ml")),
                 qPrintable(refused.message()));
        QCOMPARE(left(t.db(), kFiller, QStringLiteral("HA-9")), 1.5);
        QCOMPARE(TreatmentRecords(t.db()).get(id)->chart.last().amount, 0.5);
    }

    // A recall of a batch only a point names (the record names another) finds the client, by the
    // whole number and by its start.
    void aRecallFindsAPointsBatch()
    {
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        QList<ChartPoint> chart = threePoints();
        chart.append(
            point(FaceView::Front, 0.5, 0.8, kFiller, QStringLiteral("HX-4410"), 0.5, QStringLiteral("ml")));
        QVERIFY(add(t.db(), record(amara, chart)) > 0);
        for (const auto& [lot, match] : {std::pair{QStringLiteral("hx-4410"), BatchMatch::Exact},
                                         std::pair{QStringLiteral("HX-44"), BatchMatch::Prefix}}) {
            auto found = TreatmentRecords(t.db()).whoReceivedBatch(lot, match);
            QVERIFY(found.ok());
            QCOMPARE(found->size(), 1);
            QCOMPARE(found->first().clientId, amara);
        }
        QVERIFY(TreatmentRecords(t.db()).whoReceivedBatch(QStringLiteral("HX-4411"))->isEmpty());
    }

    void aRekeyKeepsTheChart()
    {
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 id = add(t.db(), record(amara, threePoints()));
        auto r = Accounts(t.vault()).rekey(secret(kPassphrase), KdfParams::forTestsOnly(), {});
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QVERIFY(t.reopen().ok());
        QCOMPARE(TreatmentRecords(t.db()).get(id)->chart, threePoints());
        QCOMPARE(TreatmentRecords(t.db()).whoReceivedBatch(QStringLiteral("PT77A"))->size(), 1);
    }

    // The receptionist's key reads no chart (it is clinical).
    void aReceptionistReadsNoChart()
    {
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        QVERIFY(add(t.db(), record(amara, threePoints())) > 0);
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("rita"), QStringLiteral("Rita Desk"), QStringLiteral("receptionist"),
                         secret("rita's own passphrase"), KdfParams::forTestsOnly())
                    .ok());
        QVERIFY(t.reopen("rita's own passphrase", QStringLiteral("rita")).ok());
        QCOMPARE(TreatmentRecords(t.db()).forClient(amara).error().kind, Error::Kind::Permission);
        auto raw = t.db().prepare("SELECT sealed FROM treatment_chart_points");
        QVERIFY(raw.step());
        QVERIFY(!t.db().clinical().openColumns(raw.blob(0), QStringLiteral("treatment_chart_points")).ok());
        raw.reset();
    }

    // The person's export has every point with its place as numbers; the report draws the chart with
    // the treatment; an erasure keeps the chart with its record, and takes it when the record goes.
    void theChartIsInTheExportAndGoesWithItsRecord()
    {
        TestVault t;
        QVERIFY(ClinicSettings(t.db()).setControllerAddress(QStringLiteral("1 Harbour Street, Leeds")).ok());
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        QVERIFY(add(t.db(), record(amara, threePoints())) > 0);
        const QJsonArray rows = chartRows(t.db(), amara);
        QCOMPARE(rows.size(), 3);
        const QJsonObject first = rows.first().toObject();
        QCOMPARE(first.value(QStringLiteral("view")).toString(), QStringLiteral("front"));
        QCOMPARE(first.value(QStringLiteral("x")).toDouble(), 0.5);
        QCOMPARE(first.value(QStringLiteral("y")).toDouble(), 0.34);
        QCOMPARE(first.value(QStringLiteral("amount")).toDouble(), 4.0);
        QCOMPARE(first.value(QStringLiteral("note")).toString(), QStringLiteral("glabella, procerus"));

        QTemporaryDir files;
        SubjectExportOptions o;
        o.outPath = files.filePath(QStringLiteral("sar.zip"));
        auto exported = exportSubject(t.db(), amara, o);
        QVERIFY2(exported.ok(), qPrintable(exported.ok() ? QString() : exported.message()));
        QProcess unzip;
        unzip.start(QStringLiteral("unzip"), {QStringLiteral("-o"), QStringLiteral("-d"), files.path(),
                                              o.outPath, QStringLiteral("report.pdf")});
        QVERIFY(unzip.waitForFinished() && unzip.exitCode() == 0);
        const QString report = files.filePath(QStringLiteral("report.pdf"));
        const QString text = pdfText(report).simplified(); // a line may wrap anywhere
        for (const QString& want :
             {QStringLiteral("Where the injections were given"), QStringLiteral("Left profile"),
              QStringLiteral("4 units of Botulinum toxin type A, batch PT77A, glabella, procerus")})
            QVERIFY2(text.contains(want), qPrintable(want + QStringLiteral(" not in:\n") + text));
        const QStringList problems = chartProblems(report, threePoints());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));

        // Treated today: kept with the record for its years.
        auto plan = Erasure(t.db()).plan(amara);
        QVERIFY(plan.ok());
        QVERIFY(std::any_of(plan->keep.cbegin(), plan->keep.cend(), [](const auto& k) {
            return k.table == QLatin1String("treatment_chart_points");
        }));
        // Treated ten years ago: the chart goes with the record.
        TestVault old;
        const qint64 ed = old.addClient(QStringLiteral("Ed"), QStringLiteral("Erased"));
        Clock::setSource([] { return QDateTime(QDate::currentDate().addYears(-10), QTime(9, 0), Qt::UTC); });
        TreatmentRecord then = record(ed, threePoints());
        then.givenOn = Clock::today();
        then.expiryDate = then.givenOn.addMonths(6);
        QVERIFY(add(old.db(), then) > 0);
        Clock::setSource(nullptr);
        QVERIFY(Erasure(old.db()).erase(ed, QStringLiteral("Ed Erased"), 0, 1).ok());
        QCOMPARE(count(old.db(), "SELECT COUNT(*) FROM treatment_chart_points"), qint64(0));
        QCOMPARE(count(old.db(), "SELECT COUNT(*) FROM treatment_records"), qint64(0));
    }

    // The record on paper: its details, each point in words, the chart as a picture with the dots
    // where they were placed; audited as an export.
    void theRecordPrintsWithItsChart()
    {
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 id = add(t.db(), record(amara, threePoints()));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("record.pdf"));
        QVERIFY(TreatmentRecords(t.db()).exportPdf(id, path).ok());
        const QString text = pdfText(path).simplified(); // a line may wrap anywhere
        for (const QString& want :
             {QStringLiteral("Treatment record %1: Amara Okafor").arg(id), QStringLiteral("4 March 2025"),
              QStringLiteral("Anti-wrinkle injections"), QStringLiteral("PT77A"), QStringLiteral("12 units"),
              QStringLiteral("Face chart"), QStringLiteral("Front"), QStringLiteral("Left profile"),
              QStringLiteral("Right profile"),
              QStringLiteral("4 units of Botulinum toxin type A, batch PT77A, lateral canthus")})
            QVERIFY2(text.contains(want), qPrintable(want + QStringLiteral(" not in:\n") + text));
        const QStringList problems = chartProblems(path, threePoints());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        // A point moved is found moved: the check reads the picture, not the list.
        QList<ChartPoint> moved = threePoints();
        moved[0].x = 0.2;
        QVERIFY(!chartProblems(path, moved).isEmpty());
        QCOMPARE(count(t.db(), "SELECT COUNT(*) FROM audit_log WHERE action = 'treatment-record-exported'"),
                 qint64(1));
    }

    // `treatments --client` prints each record with its chart; `treatments pdf` writes one; a record
    // that does not exist is refused in words.
    void theCommandLine()
    {
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 id = add(t.db(), record(amara, threePoints()));
        const QString dir = t.dir();
        t.close();
        const QProcessEnvironment env = cliEnvironment(QString::fromUtf8(kPassphrase));
        const CliResult listed = runCli({QStringLiteral("treatments"), QStringLiteral("--vault"), dir,
                                         QStringLiteral("--client"), QString::number(amara)},
                                        {}, env);
        QCOMPARE(listed.exitCode, 0);
        const QList<QJsonObject> lines = listed.jsonLines();
        QCOMPARE(lines.size(), 1);
        QCOMPARE(qint64(lines.first().value(QStringLiteral("id")).toDouble()), id);
        const QJsonArray chart = lines.first().value(QStringLiteral("chart")).toArray();
        QCOMPARE(chart.size(), 3);
        QCOMPARE(chart.at(1).toObject().value(QStringLiteral("view")).toString(), QStringLiteral("left"));
        QCOMPARE(chart.at(1).toObject().value(QStringLiteral("x")).toDouble(), 0.27);
        QCOMPARE(chart.at(1).toObject().value(QStringLiteral("note")).toString(),
                 QStringLiteral("lateral canthus"));
        QCOMPARE(chart.at(2).toObject().value(QStringLiteral("amount")).toDouble(), 4.0);

        QTemporaryDir out;
        const QString pdf = out.filePath(QStringLiteral("record.pdf"));
        const CliResult printed =
            runCli({QStringLiteral("treatments"), QStringLiteral("pdf"), QStringLiteral("--vault"), dir,
                    QStringLiteral("--record"), QString::number(id), QStringLiteral("--out"), pdf},
                   {}, env);
        QCOMPARE(printed.exitCode, 0);
        QVERIFY(pdfText(pdf).contains(QStringLiteral("Face chart")));
        const QStringList problems = chartProblems(pdf, threePoints());
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        const CliResult missing =
            runCli({QStringLiteral("treatments"), QStringLiteral("pdf"), QStringLiteral("--vault"), dir,
                    QStringLiteral("--record"), QStringLiteral("999"), QStringLiteral("--out"),
                    out.filePath(QStringLiteral("none.pdf"))},
                   {}, env);
        QVERIFY(missing.exitCode != 0);
        QVERIFY2(missing.err.contains(QStringLiteral("There is no treatment record 999.")),
                 qPrintable(missing.err));
        QVERIFY(!QFile::exists(out.filePath(QStringLiteral("none.pdf"))));
    }
};

QTEST_MAIN(TestFaceChart)
#include "tst_facechart.moc"
