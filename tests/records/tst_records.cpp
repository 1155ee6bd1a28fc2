// Treatment records, quotes and payments on a real encrypted vault: the batch recall search (and
// that it is an index search), photos on a record, balances and takings, quote rules, and the quote
// PDF read back with pdftotext.
#include "Clinic.h"
#include "FormFixtures.h"
#include "TestVault.h"
#include "audit/AuditLog.h"
#include "common/Clock.h"
#include "diary/Diary.h"
#include "images/ImageStore.h"
#include "records/Money.h"
#include "records/Payments.h"
#include "records/Quotes.h"
#include "records/TreatmentRecords.h"
#include "settings/Settings.h"
#include "storage/Sql.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace cd;
using namespace cd::test;

namespace {

QString pdfText(const QString& path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        qFatal("pdftotext failed");
    return QString::fromUtf8(p.readAllStandardOutput());
}

} // namespace

class TestRecords : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { Clock::setSource(nullptr); }

    void batchRecallFindsEveryClientCaseInsensitively()
    {
        Clinic c;
        const qint64 amara =
            c.t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900555"),
                          QStringLiteral("amara@example.com"));
        const qint64 bjorn = c.t.addClient(QStringLiteral("Björn"), QStringLiteral("Lindqvist"),
                                           QStringLiteral("07700 900666"));
        TreatmentRecords records(c.db());
        const auto add = [&](qint64 client, const char* lot, int daysAgo) {
            TreatmentRecord r;
            r.clientId = client;
            r.givenOn = kNow.date().addDays(-daysAgo);
            r.practitionerId = c.priya;
            r.treatment = QStringLiteral("Anti-wrinkle injections");
            r.areas = QStringLiteral("forehead, glabella");
            r.product = QStringLiteral("Botulinum toxin type A");
            r.batchNumber = QString::fromLatin1(lot);
            r.expiryDate = QDate(2026, 1, 31);
            r.quantity = 24;
            r.quantityUnit = QStringLiteral("units");
            r.consentFormRef = QStringLiteral("CF-0042");
            r.aftercareGiven = true;
            test::signConsent(c.db(), client, r.givenOn);
            auto id = records.add(r);
            if (!id)
                qFatal("%s", qPrintable(id.message()));
            return id.value();
        };
        add(c.client, "c3125c3", 40);
        add(amara, " C3125C3 ", 10);
        add(bjorn, "C3125C39", 5);
        add(bjorn, "X9999", 3);

        auto exact = records.whoReceivedBatch(QStringLiteral("C3125c3"));
        QVERIFY(exact.ok());
        QCOMPARE(exact->size(), 2);
        QCOMPARE(exact->at(0).clientId, amara);                        // newest first
        QCOMPARE(exact->at(0).batchNumber, QStringLiteral("C3125C3")); // stored trimmed
        QCOMPARE(exact->at(0).phones, QStringList{QStringLiteral("07700 900555")});
        QCOMPARE(exact->at(0).emails, QStringList{QStringLiteral("amara@example.com")});
        QCOMPARE(exact->at(1).name, QStringLiteral("Zoë Okafor-Llewellyn"));
        QCOMPARE(exact->at(1).givenOn, kNow.date().addDays(-40));
        QCOMPARE(exact->at(1).expiryDate, QDate(2026, 1, 31));
        QCOMPARE(exact->at(1).product, QStringLiteral("Botulinum toxin type A"));

        auto prefix = records.whoReceivedBatch(QStringLiteral("c3125"), BatchMatch::Prefix);
        QCOMPARE(prefix->size(), 3);
        QCOMPARE(prefix->at(0).clientId, bjorn);
        QVERIFY(records.whoReceivedBatch(QStringLiteral("C3125"))->isEmpty());
        QVERIFY(!records.whoReceivedBatch(QStringLiteral("  ")).ok());

        // Both are range scans of the case-insensitive batch index, not a walk over every record.
        for (const char* sql : {"EXPLAIN QUERY PLAN SELECT t.id FROM treatment_records t WHERE "
                                "t.batch_number = ?1 COLLATE NOCASE",
                                "EXPLAIN QUERY PLAN SELECT t.id FROM treatment_records t WHERE "
                                "t.batch_number >= ?1 COLLATE NOCASE "
                                "AND t.batch_number < ?2 COLLATE NOCASE"}) {
            auto plan = c.db().prepare(sql);
            QString text;
            while (plan.step())
                text += plan.text(3);
            QVERIFY2(text.contains(QStringLiteral("treatment_records_batch")), qPrintable(text));
        }
        // Each recipient's phones and emails come from their index alone (schema 21): one page a
        // client, not an index page and the table's pages too.
        for (const char* sql :
             {"EXPLAIN QUERY PLAN SELECT number FROM client_phones WHERE client_id = ? ORDER BY id",
              "EXPLAIN QUERY PLAN SELECT address FROM client_emails WHERE client_id = ? ORDER BY id"}) {
            auto plan = c.db().prepare(sql);
            QString text;
            while (plan.step())
                text += plan.text(3);
            QVERIFY2(text.contains(QStringLiteral("COVERING INDEX")) &&
                         !text.contains(QStringLiteral("TEMP B-TREE")),
                     qPrintable(text));
        }
        // The search is audited without client data.
        auto log = AuditLog(c.db()).query({});
        QVERIFY(std::any_of(log->cbegin(), log->cend(), [](const AuditEntry& e) {
            return e.action == QLatin1String("batch-recall-search") &&
                   e.detail.contains(QStringLiteral("2 records")) && e.subjectRef.isEmpty();
        }));
    }

    void treatmentRecordsListTheirPhotos()
    {
        Clinic c;
        const qint64 other = c.t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        QTemporaryDir dir;
        int colour = 0;
        const auto image = [&](qint64 client, const char* kind) {
            QImage img(64, 48, QImage::Format_RGB32);
            img.fill(QColor::fromHsv(60 * colour++, 200,
                                     200)); // different pictures: identical ones are refused as duplicates
            const QString path = dir.filePath(QString::fromLatin1(kind) + QStringLiteral(".png"));
            img.save(path);
            ImageDetails d;
            d.kind = *vocab::fromCode<ImageKind>(QString::fromLatin1(kind));
            d.area = FaceArea::Lips;
            auto id = ImageStore(c.db()).importFile(client, path, d, 0);
            if (!id)
                qFatal("image: %s", qPrintable(id.message()));
            return id.value();
        };
        const qint64 before = image(c.client, "before");
        const qint64 after = image(c.client, "after");
        const qint64 notHers = image(other, "before");
        TreatmentRecord r;
        r.clientId = c.client;
        r.givenOn = kNow.date();
        r.treatment = QStringLiteral("Lip filler");
        r.product = QStringLiteral("Hyaluronic acid filler");
        r.batchNumber = QStringLiteral("HA-778");
        r.quantity = 1.5;
        r.quantityUnit = QStringLiteral("ml");
        TreatmentRecords records(c.db());
        QVERIFY(test::signConsent(c.db(), c.client, r.givenOn) > 0);
        auto added = records.add(r);
        QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.message()));
        const qint64 id = added.value();
        QVERIFY(records.linkPhoto(id, after).ok());
        QVERIFY(records.linkPhoto(id, before).ok());
        QCOMPARE(records.linkPhoto(id, notHers).error().kind, Error::Kind::Invalid);
        auto list = records.forClient(c.client);
        QCOMPARE(list->size(), 1);
        QCOMPARE(list->first().photoIds, (QList<qint64>{before, after}));
        QCOMPARE(list->first().quantity, 1.5);
        QVERIFY(records.unlinkPhoto(after).ok());
        QCOMPARE(records.get(id)->photoIds, QList<qint64>{before});

        // Updates name the fields changed in the audit log; future dates and missing units are refused.
        TreatmentRecord changed = records.get(id).value();
        changed.batchNumber = QStringLiteral("HA-779");
        changed.notes = QStringLiteral("Swelling settled in two days.");
        QVERIFY(records.update(changed).ok());
        auto log = AuditLog(c.db()).query({});
        QVERIFY(std::any_of(log->cbegin(), log->cend(), [](const AuditEntry& e) {
            return e.action == QLatin1String("treatment-record-changed") &&
                   e.detail.endsWith(QStringLiteral("batch_number notes"));
        }));
        r.givenOn = kNow.date().addDays(1);
        QVERIFY(!records.add(r).ok());
        r.givenOn = kNow.date();
        r.quantityUnit.clear();
        QVERIFY(!records.add(r).ok());
    }

    void paymentsBalanceAndTakings()
    {
        Clinic c;
        Quotes quotes(c.db());
        Quote q;
        q.clientId = c.client;
        q.items = {{0, QStringLiteral("Anti-wrinkle injections"), 25000, 2},
                   {0, QStringLiteral("Lip filler"), 32000, 1}};
        const qint64 quote = quotes.create(q).value();
        QCOMPARE(quotes.get(quote)->totalPence(), qint64(82000));
        Payments payments(c.db());
        QCOMPARE(payments.balance(c.client)->balancePence(), qint64(0)); // a draft is not owed
        QVERIFY(quotes.setStatus(quote, QuoteStatus::Sent).ok());
        QVERIFY(quotes.setStatus(quote, QuoteStatus::Accepted).ok());
        QCOMPARE(payments.balance(c.client)->balancePence(), qint64(82000));

        const auto pay = [&](const char* kind, qint64 pence, const char* method, const QDate& day) {
            Payment p;
            p.clientId = c.client;
            p.kind = vocab::fromCode<PaymentKind>(QString::fromLatin1(kind)).value();
            p.amountPence = pence;
            p.method = vocab::fromCode<PaymentMethod>(QString::fromLatin1(method)).value();
            p.description = QStringLiteral("Treatment as quoted");
            p.quoteId = quote;
            p.paidOn = day;
            return payments.record(p);
        };
        const QDate today = kNow.date();
        QVERIFY(pay("payment", 30000, "card", today).ok());
        QVERIFY(pay("refund", 5000, "card", today).ok());
        // Never more back than was paid: £300 paid, £50 back, so £250 at most.
        auto tooMuch = pay("refund", 25001, "card", today);
        QCOMPARE(tooMuch.error().kind, Error::Kind::Invalid);
        QVERIFY2(tooMuch.message().contains(QStringLiteral("At most £250.00")),
                 qPrintable(tooMuch.message()));
        QVERIFY(pay("payment", 12000, "cash", today).ok());
        QVERIFY(pay("payment", 20000, "cash", today.addDays(-1)).ok());
        QCOMPARE(pay("payment", 0, "card", today).error().kind, Error::Kind::Invalid);
        // No such method: a cheque cannot even be put into a payment (the desk offers the five methods).
        QVERIFY(!vocab::fromCode<PaymentMethod>(QStringLiteral("cheque")).has_value());
        QCOMPARE(pay("payment", 100, "card", today.addDays(1)).error().kind, Error::Kind::Invalid);

        auto b = payments.balance(c.client);
        QCOMPARE(b->acceptedQuotesPence, qint64(82000));
        QCOMPARE(b->paidPence, qint64(62000));
        QCOMPARE(b->refundedPence, qint64(5000));
        QCOMPARE(b->balancePence(), qint64(82000 - 62000 + 5000));

        auto t = payments.takings(today);
        QCOMPARE(t->byMethod.size(), 2);
        QCOMPARE(t->byMethod.at(0).method, PaymentMethod::Card);
        QCOMPARE(t->byMethod.at(0).paymentsPence, qint64(30000));
        QCOMPARE(t->byMethod.at(0).refundsPence, qint64(5000));
        QCOMPARE(t->byMethod.at(0).netPence(), qint64(25000));
        QCOMPARE(t->byMethod.at(1).method, PaymentMethod::Cash);
        QCOMPARE(t->byMethod.at(1).payments, 1);
        QCOMPARE(t->netPence(), qint64(37000));
        QCOMPARE(payments.dayPayments(today)->size(), 3);
        QCOMPARE(payments.dayPayments(today)->first().second, QStringLiteral("Zoë Okafor-Llewellyn"));
        QVERIFY(payments.takings(today.addDays(-2))->byMethod.isEmpty());
        QCOMPARE(payments.forClient(c.client)->size(), 4);

        QCOMPARE(money::format(123456789), QStringLiteral("£1,234,567.89"));
        QCOMPARE(money::format(-500), QStringLiteral("-£5.00"));
        QCOMPARE(money::parse(QStringLiteral("£1,234.5")).value(), qint64(123450));
        QVERIFY(!money::parse(QStringLiteral("12.345")).ok());
    }

    void quoteStatusRules_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<bool>("allowed");
        const QStringList all = vocab::codes<QuoteStatus>();
        const QSet<QString> ok{"draft>sent",   "draft>declined",    "sent>accepted", "sent>declined",
                               "sent>expired", "accepted>declined", "accepted>sent", "declined>sent"};
        for (const QString& f : all)
            for (const QString& t : all)
                if (f != t)
                    QTest::addRow("%s to %s", qPrintable(f), qPrintable(t))
                        << f << t << ok.contains(f + QLatin1Char('>') + t);
    }
    void quoteStatusRules()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(bool, allowed);
        QCOMPARE(Quotes::canChange(vocab::fromCode<QuoteStatus>(from).value(),
                                   vocab::fromCode<QuoteStatus>(to).value()),
                 allowed);
    }

    void quotesEditOnlyAsDraftsAndExpire()
    {
        Clinic c;
        Quotes quotes(c.db());
        Quote q;
        q.clientId = c.client;
        QCOMPARE(quotes.create(q).error().kind, Error::Kind::Invalid); // no items
        q.items = {{0, QStringLiteral("Skin booster course"), 18000, 3}};
        q.validUntil = kNow.date().addDays(14);
        const qint64 id = quotes.create(q).value();
        Quote draft = quotes.get(id).value();
        QCOMPARE(draft.status, QuoteStatus::Draft);
        QCOMPARE(draft.createdOn, kNow.date());
        draft.items.append({0, QStringLiteral("Consultation"), 5000, 1});
        QVERIFY(quotes.update(draft).ok());
        QCOMPARE(quotes.get(id)->totalPence(), qint64(59000));
        QVERIFY(quotes.setStatus(id, QuoteStatus::Sent).ok());
        QCOMPARE(quotes.update(draft).error().kind, Error::Kind::Conflict);
        QCOMPARE(quotes.remove(id).error().kind, Error::Kind::Conflict);
        QCOMPARE(quotes.setStatus(id, QuoteStatus::Draft).error().kind, Error::Kind::Conflict);

        // Three weeks later: past its validity, the sent quote expires and can no longer be accepted.
        Clock::setSource([] { return kNow.addDays(21); });
        QCOMPARE(quotes.expireOverdue().value(), 1);
        QCOMPARE(quotes.get(id)->status, QuoteStatus::Expired);
        QCOMPARE(quotes.setStatus(id, QuoteStatus::Accepted).error().kind, Error::Kind::Conflict);
        QCOMPARE(quotes.forClient(c.client)->size(), 1);
    }

    void quotePdfReadsBack()
    {
        Clinic c;
        ClinicSettings settings(c.db());
        QVERIFY(settings.setClinicName(QStringLiteral("Harbourside Aesthetics")).ok());
        QVERIFY(settings.setControllerAddress(QStringLiteral("12 Quay Street, Bristol BS1 4AA")).ok());
        QVERIFY(settings.setControllerEmail(QStringLiteral("hello@harbourside.example")).ok());
        QVERIFY(settings.setClinicPhone(QStringLiteral("0117 496 0000")).ok());
        QTemporaryDir dir;
        // A wide logo (1200×300), kept shrunk to fit 600×200 and drawn at the letterhead's head.
        QImage logo(1200, 300, QImage::Format_RGB32);
        logo.fill(QColor(0x1f, 0x5f, 0xb4));
        QByteArray logoPng;
        QBuffer logoOut(&logoPng);
        logoOut.open(QIODevice::WriteOnly);
        logo.save(&logoOut, "PNG");
        QVERIFY(settings.setClinicLogo(logoPng).ok());
        QCOMPARE(QImage::fromData(settings.clinicLogo()).size(), QSize(600, 150));
        QCOMPARE(settings.setClinicLogo("not a picture").error().kind, Error::Kind::Invalid);
        QImage img(120, 90, QImage::Format_RGB32);
        img.fill(Qt::magenta);
        img.save(dir.filePath(QStringLiteral("mockup.png")));
        ImageDetails d;
        d.kind = ImageKind::Mockup;
        d.area = FaceArea::Lips;
        const qint64 image =
            ImageStore(c.db()).importFile(c.client, dir.filePath(QStringLiteral("mockup.png")), d, 0).value();
        Quote q;
        q.clientId = c.client;
        q.validUntil = QDate(2025, 4, 3);
        q.notes = QStringLiteral("Two sessions, four weeks apart.");
        q.items = {{0, QStringLiteral("Anti-wrinkle injections"), 25000, 2},
                   {0, QStringLiteral("Lip filler"), 32000, 1}};
        q.imageIds = {image};
        Quotes quotes(c.db());
        const qint64 id = quotes.create(q).value();
        const QString path = dir.filePath(QStringLiteral("quote.pdf"));
        QVERIFY(quotes.exportPdf(id, path).ok());
        const QString text = pdfText(path);
        for (const QString& want :
             {QStringLiteral("Harbourside Aesthetics"), QStringLiteral("12 Quay Street, Bristol BS1 4AA"),
              QStringLiteral("hello@harbourside.example"), QStringLiteral("Telephone 0117 496 0000"),
              QStringLiteral("Quote %1 for Zoë Okafor-Llewellyn").arg(id),
              QStringLiteral("Valid until: 3 April 2025"), QStringLiteral("Anti-wrinkle injections"),
              QStringLiteral("£250.00"), QStringLiteral("£500.00"), QStringLiteral("Lip filler"),
              QStringLiteral("£320.00"), QStringLiteral("£820.00"),
              QStringLiteral("Two sessions, four weeks apart.")})
            QVERIFY2(text.contains(want), qPrintable(want + QStringLiteral(" not in:\n") + text));
        QVERIFY(QRegularExpression(QStringLiteral("Total\\s+£820\\.00")).match(text).hasMatch());
        QVERIFY(quotes.renderPdf(id)->contains("/Subtype /Image"));
        // Two pictures placed: the logo (at its own 4:1 proportions) and the mock-up.
        QProcess list;
        list.start(QStringLiteral("pdfimages"), {QStringLiteral("-list"), path});
        QVERIFY(list.waitForFinished());
        const QStringList rows =
            QString::fromUtf8(list.readAllStandardOutput()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(rows.size() >= 4, qPrintable(rows.join(QLatin1Char('\n')))); // two header lines, two images
        QVERIFY2(
            rows.join(QLatin1Char('\n')).contains(QRegularExpression(QStringLiteral("\\s600\\s+150\\s"))),
            qPrintable(rows.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestRecords)
#include "tst_records.moc"
