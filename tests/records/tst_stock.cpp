// Stock by batch: what comes in, what treatments take, what a count corrects, never below zero;
// the alerts a clinic acts on (expired, expiring within its warning days, low) on a fake clock; a use
// that names nobody to whoever reads the stock without the clinical key; and the command-line
// contract (`stock receive`, `stock`).
#include "CliRunner.h"
#include "FormFixtures.h"
#include "TestVault.h"
#include "common/ClinicalSeal.h"
#include "common/Clock.h"
#include "records/TreatmentRecords.h"
#include "settings/Settings.h"
#include "stock/Stock.h"
#include "storage/Sql.h"

#include <QTemporaryDir>
#include <QTest>

using namespace cd;
using namespace cd::test;

namespace {

const QDate kToday(2025, 3, 4);
const QString kBotox = QStringLiteral("Botulinum toxin type A");
const QString kFiller = QStringLiteral("Hyaluronic acid filler");

qint64 treat(Database& db, qint64 client, const QString& product, const QString& lot, double quantity,
             const QString& unit, Status* refused = nullptr)
{
    TreatmentRecord r;
    r.clientId = client;
    r.givenOn = kToday;
    r.treatment = QStringLiteral("Anti-wrinkle injections");
    r.product = product;
    r.batchNumber = lot;
    r.expiryDate = kToday.addMonths(6);
    r.quantity = quantity;
    r.quantityUnit = unit;
    test::signConsent(db, client, kToday);
    auto id = TreatmentRecords(db).add(r);
    if (refused)
        *refused = id ? Status() : Status(id.error());
    return id ? id.value() : 0;
}

double left(Database& db, const QString& product, const QString& lot)
{
    auto b = Stock(db).find(product, lot);
    return b && b.value() ? b.value()->remaining : -1;
}

} // namespace

class TestStock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        Clock::setSource([] { return QDateTime(kToday, QTime(9, 0), Qt::UTC); });
    }
    void cleanup() { Clock::setSource(nullptr); }

    // Receive, use, correct a use, count: the arithmetic as a practitioner expects it, in thousandths.
    void receiveUseCorrectNeverBelowZero()
    {
        TestVault t;
        Database& db = t.db();
        const qint64 client = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        Stock stock(db);
        QVERIFY(
            stock.receive(kBotox, QStringLiteral("ab12c"), kToday.addMonths(6), 100, QStringLiteral("units"))
                .ok());
        // More of the same batch (any case, spaces trimmed) adds to it; a different expiry is refused.
        QVERIFY(
            stock.receive(kBotox, QStringLiteral(" AB12C "), kToday.addMonths(6), 50, QStringLiteral("units"))
                .ok());
        QCOMPARE(
            stock.receive(kBotox, QStringLiteral("AB12C"), kToday.addMonths(7), 5, QStringLiteral("units"))
                .error()
                .kind,
            Error::Kind::Conflict);
        QCOMPARE(left(db, kBotox, QStringLiteral("ab12c")), 150.0);

        const qint64 record = treat(db, client, kBotox, QStringLiteral("AB12C"), 20, QStringLiteral("units"));
        QVERIFY(record > 0);
        QCOMPARE(left(db, kBotox, QStringLiteral("AB12C")), 130.0);
        // The record corrected to 24 units: the stock follows (130 + 20 - 24), once, not twice.
        TreatmentRecord r = TreatmentRecords(db).get(record).value();
        r.quantity = 24;
        QVERIFY(TreatmentRecords(db).update(r).ok());
        QCOMPARE(left(db, kBotox, QStringLiteral("AB12C")), 126.0);

        // Fractions of a ml add up exactly.
        QVERIFY(stock.receive(kFiller, QStringLiteral("F-77"), kToday.addMonths(9), 1, QStringLiteral("ml"))
                    .ok());
        for (int i = 0; i < 3; ++i)
            QVERIFY(treat(db, client, kFiller, QStringLiteral("F-77"), 0.1, QStringLiteral("ml")) > 0);
        QCOMPARE(left(db, kFiller, QStringLiteral("F-77")), 0.7);

        // Never below zero: 0.8 ml from 0.7 is refused, naming what is left, and nothing is saved.
        const int before = TreatmentRecords(db).forClient(client)->size();
        Status refused;
        QCOMPARE(treat(db, client, kFiller, QStringLiteral("F-77"), 0.8, QStringLiteral("ml"), &refused), 0);
        QVERIFY2(refused.message().contains(QStringLiteral("0.7 ml left")), qPrintable(refused.message()));
        QCOMPARE(TreatmentRecords(db).forClient(client)->size(), before);
        QCOMPARE(left(db, kFiller, QStringLiteral("F-77")), 0.7);
        // In the wrong unit: refused, saying which.
        QVERIFY(treat(db, client, kFiller, QStringLiteral("F-77"), 1, QStringLiteral("units"), &refused) ==
                0);
        QVERIFY(refused.message().contains(QStringLiteral("counted in ml")));
        // A batch never received through Clinicdesk is not counted, and does not block the record.
        QVERIFY(treat(db, client, kFiller, QStringLiteral("OTHER-1"), 1, QStringLiteral("ml")) > 0);

        // A count: 0.5 ml really left (one syringe dropped), with the reason; never below zero.
        const qint64 filler = stock.find(kFiller, QStringLiteral("F-77")).value()->id;
        QCOMPARE(stock.correct(filler, -1, QStringLiteral("miscount")).error().kind, Error::Kind::Invalid);
        QCOMPARE(stock.correct(filler, 0.5, QString()).error().kind, Error::Kind::Invalid);
        QVERIFY(stock.correct(filler, 0.5, QStringLiteral("one syringe dropped")).ok());
        QCOMPARE(left(db, kFiller, QStringLiteral("F-77")), 0.5);
        QCOMPARE(stock.get(filler)->received, 1.0);
    }

    // The alerts on a fake clock: expired, expiring within the clinic's 30 days (then 60), low at 20 %.
    void alertsFollowTheCalendarAndTheSettings_data()
    {
        QTest::addColumn<int>("daysToExpiry");
        QTest::addColumn<double>("received");
        QTest::addColumn<double>("used");
        QTest::addColumn<QString>("status");
        QTest::newRow("fresh and full") << 200 << 100.0 << 0.0 << "ok";
        QTest::newRow("21 % left") << 200 << 100.0 << 79.0 << "ok";
        QTest::newRow("20 % left is low") << 200 << 100.0 << 80.0 << "low";
        QTest::newRow("empty is low") << 200 << 10.0 << 10.0 << "low";
        QTest::newRow("expires in 30 days") << 30 << 100.0 << 0.0 << "expiring";
        QTest::newRow("expires in 31 days") << 31 << 100.0 << 0.0 << "ok";
        QTest::newRow("expires today") << 0 << 100.0 << 0.0 << "expiring";
        QTest::newRow("expired yesterday") << -1 << 100.0 << 90.0 << "expired";
    }
    void alertsFollowTheCalendarAndTheSettings()
    {
        QFETCH(int, daysToExpiry);
        QFETCH(double, received);
        QFETCH(double, used);
        QFETCH(QString, status);
        TestVault t;
        Database& db = t.db();
        Stock stock(db);
        // Received a year ago, so "expired yesterday" was a valid delivery then.
        Clock::setSource([] { return QDateTime(kToday.addYears(-1), QTime(9, 0), Qt::UTC); });
        const qint64 id = stock
                              .receive(kBotox, QStringLiteral("LOT1"), kToday.addDays(daysToExpiry), received,
                                       QStringLiteral("units"))
                              .value();
        Clock::setSource([] { return QDateTime(kToday, QTime(9, 0), Qt::UTC); });
        if (used > 0)
            QVERIFY(stock.correct(id, received - used, QStringLiteral("used outside Clinicdesk")).ok());
        QCOMPARE(vocab::code(stock.get(id)->status), status);
        const StockAlerts a = stock.alerts().value();
        const bool empty = received - used <= 0;
        QCOMPARE(a.expired, status == QLatin1String("expired") && !empty ? 1 : 0);
        QCOMPARE(a.expiring, status == QLatin1String("expiring") ? 1 : 0);
        QCOMPARE(a.low, status == QLatin1String("low") && !empty ? 1 : 0);
        // The clinic warns 60 days ahead instead: 31 days is now expiring.
        ClinicSettings settings(db);
        QVERIFY(settings.setStockExpiringDays(60).ok());
        if (daysToExpiry == 31)
            QCOMPARE(stock.get(id)->status, StockStatus::Expiring);
    }

    // The stock is front-desk data; whose treatment took a use is not in it: the movement carries a
    // token keyed under the clinical key, not the record's id, and nothing in the stock tables holds
    // the client's id.
    void aUseNamesNobodyToTheFrontDesk()
    {
        TestVault t;
        Database& db = t.db();
        const qint64 client = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        QVERIFY(
            Stock(db)
                .receive(kBotox, QStringLiteral("AB12C"), kToday.addMonths(6), 100, QStringLiteral("units"))
                .ok());
        const qint64 record = treat(db, client, kBotox, QStringLiteral("AB12C"), 20, QStringLiteral("units"));
        auto st = db.prepare("SELECT treatment_token FROM stock_movements WHERE kind = 'used'");
        QVERIFY(st.step());
        const QString token = st.text(0);
        QVERIFY(!token.isEmpty());
        QVERIFY2(!token.contains(QString::number(record)) || token.size() >= 32, qPrintable(token));
        QVERIFY(db.clinical().active());
        QVERIFY(!token.startsWith(QStringLiteral("record:")));
    }

    // A recall names what is left on the shelf of the batch as well as who received it: in core, in
    // the command line's stderr (stdout keeps one recipient per line).
    void aRecallNamesTheStockLeft()
    {
        TestVault t;
        Database& db = t.db();
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        QVERIFY(
            Stock(db)
                .receive(kBotox, QStringLiteral("C3125C3"), kToday.addMonths(6), 100, QStringLiteral("units"))
                .ok());
        QVERIFY(
            Stock(db)
                .receive(kBotox, QStringLiteral("OTHER-1"), kToday.addMonths(6), 50, QStringLiteral("units"))
                .ok());
        QVERIFY(treat(db, amara, kBotox, QStringLiteral("C3125C3"), 20, QStringLiteral("units")) > 0);
        const auto left = Stock(db).leftOfLot(QStringLiteral("c3125c3"), false);
        QVERIFY(left.ok());
        QCOMPARE(left->size(), 1);
        QCOMPARE(
            Stock::setAsideText(left.value()),
            QStringLiteral("Still in stock: 80 units of %1 (batch C3125C3). Set it aside and do not use it.")
                .arg(kBotox));
        QCOMPARE(Stock(db).leftOfLot(QStringLiteral("C31"), true)->size(), 1);
        QVERIFY(Stock(db).leftOfLot(QStringLiteral("C31"), false)->isEmpty());
        const QString dir = t.dir();
        t.close();
        const CliResult recall =
            runCli({QStringLiteral("batch"), QStringLiteral("--vault"), dir, QStringLiteral("C3125C3")}, {},
                   cliEnvironment(QString::fromUtf8(kPassphrase)));
        QVERIFY2(recall.exitCode == 0, qPrintable(recall.err));
        QCOMPARE(recall.jsonLines().size(), 1);
        QVERIFY2(recall.err.contains(QStringLiteral("Still in stock: 80 units")), qPrintable(recall.err));
    }

    // The contract other checks rely on: `stock receive` then `stock`, one JSON object per line.
    void theCommandLine()
    {
        Clock::setSource(nullptr); // the CLI runs on the real clock
        QTemporaryDir tmp;
        const QString vault = tmp.filePath(QStringLiteral("vault"));
        QCOMPARE(runCli({QStringLiteral("init"), QStringLiteral("--vault"), vault}).exitCode, 0);
        const QDate today = QDate::currentDate();
        const CliResult in =
            runCli({QStringLiteral("stock"), QStringLiteral("receive"), QStringLiteral("--vault"), vault,
                    QStringLiteral("--product"), kFiller, QStringLiteral("--batch"), QStringLiteral("F-77"),
                    QStringLiteral("--expiry"), today.addDays(10).toString(Qt::ISODate),
                    QStringLiteral("--quantity"), QStringLiteral("2.5"), QStringLiteral("--unit"),
                    QStringLiteral("ml")});
        QVERIFY2(in.exitCode == 0, qPrintable(in.err));
        QCOMPARE(
            runCli({QStringLiteral("stock"), QStringLiteral("receive"), QStringLiteral("--vault"), vault,
                    QStringLiteral("--product"), kBotox, QStringLiteral("--batch"), QStringLiteral("AB12C"),
                    QStringLiteral("--expiry"), today.addYears(1).toString(Qt::ISODate),
                    QStringLiteral("--quantity"), QStringLiteral("100")})
                .exitCode,
            0);
        const CliResult bad =
            runCli({QStringLiteral("stock"), QStringLiteral("receive"), QStringLiteral("--vault"), vault,
                    QStringLiteral("--product"), kBotox, QStringLiteral("--batch"), QStringLiteral("X"),
                    QStringLiteral("--expiry"), QStringLiteral("soon"), QStringLiteral("--quantity"),
                    QStringLiteral("1")});
        QCOMPARE(bad.exitCode, 1);
        QVERIFY2(bad.err.contains(QStringLiteral("--expiry YYYY-MM-DD")), qPrintable(bad.err));
        const CliResult list = runCli({QStringLiteral("stock"), QStringLiteral("--vault"), vault});
        QVERIFY2(list.exitCode == 0, qPrintable(list.err));
        const QList<QJsonObject> rows = list.jsonLines();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows[0].value(QStringLiteral("product")).toString(), kBotox);
        QCOMPARE(rows[0].value(QStringLiteral("batch")).toString(), QStringLiteral("AB12C"));
        QCOMPARE(rows[0].value(QStringLiteral("unit")).toString(), QStringLiteral("units"));
        QCOMPARE(rows[0].value(QStringLiteral("received")).toDouble(), 100.0);
        QCOMPARE(rows[0].value(QStringLiteral("remaining")).toDouble(), 100.0);
        QCOMPARE(rows[0].value(QStringLiteral("status")).toString(), QStringLiteral("ok"));
        QCOMPARE(rows[1].value(QStringLiteral("expiry")).toString(), today.addDays(10).toString(Qt::ISODate));
        QCOMPARE(rows[1].value(QStringLiteral("received")).toDouble(), 2.5);
        QCOMPARE(rows[1].value(QStringLiteral("unit")).toString(), QStringLiteral("ml"));
        QCOMPARE(rows[1].value(QStringLiteral("status")).toString(), QStringLiteral("expiring"));
        for (const QJsonObject& o : rows)
            QCOMPARE(o.keys(),
                     (QStringList{"batch", "expiry", "product", "received", "remaining", "status", "unit"}));
    }
};

QTEST_MAIN(TestStock)
#include "tst_stock.moc"
