// Treatment records, batch recall, quotes and payments driven through the real windows on a real
// encrypted vault: a treatment record with its batch and a linked photo written in the dialog and
// found again by a recall; a two-line quote sent, accepted and exported as a PDF read back with
// pdftotext; a payment and a refund moving the balance; the day's takings; and a receptionist who
// is shown no clinical detail.
#include "Answers.h"
#include "FormFixtures.h"
#include "GuiHelpers.h"
#include "ImageFixtures.h"
#include "OpenWindow.h"
#include "TestVault.h"
#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "clients/ClientDetailView.h"
#include "clients/Interaction.h"
#include "common/Clock.h"
#include "desk/MainWindow.h"
#include "desk/SettingsDialog.h"
#include "images/ImageStore.h"
#include "records/BatchRecallDialog.h"
#include "records/PaymentDialog.h"
#include "records/Payments.h"
#include "records/PaymentsTab.h"
#include "records/QuoteDialog.h"
#include "records/Quotes.h"
#include "records/QuotesTab.h"
#include "records/RecordsCommon.h"
#include "records/TakingsDialog.h"
#include "records/TreatmentDialog.h"
#include "records/TreatmentRecords.h"
#include "records/TreatmentsTab.h"
#include "settings/Settings.h"
#include "staff/Accounts.h"
#include "storage/Sql.h"
#include "vault/Kdf.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace cd;
using namespace cd::test;
using namespace cd::ui;

namespace {

// Tuesday 4 March 2025, 09:00 in London.
const QDateTime kNow(QDate(2025, 3, 4), QTime(9, 0), Qt::UTC);
const QDate kToday(2025, 3, 4);

qint64 addImage(Database& db, qint64 client, const char* kind, QDate on)
{
    ImageDetails d;
    d.kind = *vocab::fromCode<ImageKind>(QString::fromLatin1(kind));
    d.area = FaceArea::Lips;
    d.takenOn = on;
    static int n = 0; // different pictures: the store refuses a photo the client already has
    ++n;
    auto p = imaging::prepareImage(encoded(markedImage(400 + 8 * n, 300), "jpeg"),
                                   QStringLiteral("%1.jpg").arg(vocab::code(d.kind)));
    auto id = ImageStore(db).add(client, p.value(), d, 0);
    if (!id)
        qFatal("%s", qPrintable(id.message()));
    return id.value();
}

QString pdfText(const QString& path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        qFatal("pdftotext failed");
    return QString::fromUtf8(p.readAllStandardOutput());
}

QString readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(f.readAll());
}

bool audited(Database& db, const char* action)
{
    const Actor me = db.actor();
    db.setActor(Actor{});
    AuditFilter f;
    f.action = QString::fromLatin1(action);
    auto found = AuditLog(db).query(f);
    db.setActor(me);
    return found && !found->isEmpty();
}

void click(QObject* parent, const char* button)
{
    QTest::mouseClick(child<QPushButton>(parent, button), Qt::LeftButton);
}

QStringList rowTexts(QTreeWidgetItem* item)
{
    QStringList out;
    for (int c = 0; item && c < item->columnCount(); ++c)
        out << item->text(c);
    return out;
}

} // namespace

class RecordsGui : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        Clock::setSource([] { return kNow; });
    }
    void cleanup() { Clock::setSource(nullptr); }

    void treatmentRecordWithBatchAndPhotoIsFoundByRecall()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor"),
                                     QStringLiteral("07700 900123"), QStringLiteral("zoe@example.com"));
        const qint64 before = addImage(t.db(), c, "before", QDate(2025, 3, 3));
        addImage(t.db(), c, "quote_request", QDate(2025, 2, 1));      // not offered for a treatment record
        QVERIFY(test::signConsent(t.db(), c, QDate(2025, 3, 3)) > 0); // the consent, signed on the day
        auto w = openWindow(t);
        Database& db = w->workspace().db();
        w->openClient(c);
        auto* detail = child<ClientDetailView>(w.get(), "clientDetail");
        detail->showTreatments();
        auto* tab = child<TreatmentsTab>(w.get(), "treatmentsTab");
        auto* tabs = child<QTabWidget>(w.get(), "clientTabs");
        QCOMPARE(tabs->currentWidget(), tab);

        bool driven = false;
        whenModal<TreatmentDialog>([&](TreatmentDialog* d) {
            child<QDateEdit>(d, "treatmentDate")->setDate(QDate(2025, 3, 3));
            QTest::keyClicks(child<QLineEdit>(d, "treatmentName"), "Lip filler");
            QTest::keyClicks(child<QLineEdit>(d, "treatmentAreas"), "upper and lower lip");
            QTest::keyClicks(child<QLineEdit>(d, "treatmentProduct"), "Hyaluronic acid filler");
            QTest::keyClicks(child<QLineEdit>(d, "treatmentBatch"), "AB1234X");
            child<QDoubleSpinBox>(d, "treatmentQuantity")->setValue(1);
            auto* unit = child<QComboBox>(d, "treatmentUnit");
            unit->setCurrentIndex(unit->findData(QStringLiteral("ml")));
            QTest::keyClicks(child<QLineEdit>(d, "treatmentConsentRef"), "CF-0042");
            child<QCheckBox>(d, "treatmentAftercare")->setChecked(true);
            QTest::keyClicks(child<QPlainTextEdit>(d, "treatmentNotes"), "Tolerated well.");
            // A batch that had expired before the treatment day is flagged, and Save says so.
            auto* expiry = child<QLineEdit>(d, "treatmentExpiry");
            auto* warning = child<QLabel>(d, "treatmentExpiryWarning");
            QTest::keyClicks(expiry, "28/02/2025");
            QVERIFY(warning->isVisible());
            QVERIFY2(warning->text().contains(QStringLiteral("expired on 28/02/2025")),
                     qPrintable(warning->text()));
            QCOMPARE(child<QPushButton>(d, "treatmentSave")->text(),
                     QStringLiteral("&Save with expired batch"));
            expiry->clear();
            QTest::keyClicks(expiry, "31/01/2026");
            QVERIFY(!warning->isVisible());
            QCOMPARE(child<QPushButton>(d, "treatmentSave")->text(), QStringLiteral("&Save"));
            // Only the before/after photos are offered; tick the one from yesterday.
            auto* photos = child<QListWidget>(d, "treatmentPhotos");
            QCOMPARE(photos->count(), 1);
            QVERIFY(!photos->item(0)->icon().isNull());
            photos->item(0)->setCheckState(Qt::Checked);
            click(d, "treatmentSave");
            QVERIFY2(!d->isVisible(), qPrintable(child<QLabel>(d, "treatmentError")->text()));
            driven = true;
        });
        click(tab, "addTreatment");
        QVERIFY(driven);

        auto* list = child<QTreeWidget>(tab, "treatmentList");
        QCOMPARE(list->topLevelItemCount(), 1);
        const QStringList row = rowTexts(list->topLevelItem(0));
        QCOMPARE(row.mid(0, 8),
                 (QStringList{"03/03/2025", "Lip filler", "upper and lower lip", "Hyaluronic acid filler",
                              "AB1234X", "31/01/2026", "1 ml", "Manager"}));
        QCOMPARE(row.at(8), QStringLiteral("1"));
        QCOMPARE(tabs->tabText(tabs->indexOf(tab)), QStringLiteral("Treatme&nts (1)"));
        auto stored = TreatmentRecords(db).forClient(c);
        QVERIFY(stored.ok());
        QCOMPARE(stored->first().photoIds, QList<qint64>{before});
        QCOMPARE(stored->first().consentFormRef, QStringLiteral("CF-0042"));
        QVERIFY(stored->first().aftercareGiven);

        // The manager, asked by the manufacturer about lots starting "ab12", finds her.
        w->openClient(0);
        QTemporaryDir out;
        const QString csvPath = out.filePath(QStringLiteral("recall.csv"));
        Answers answers([csvPath](const Answers::Question& q) {
            return q.suggested.startsWith(QStringLiteral("batch-recall-ab12")) ? Answers::file(csvPath)
                                                                               : Answers::no();
        });
        driven = false;
        whenModal<BatchRecallDialog>([&](BatchRecallDialog* d) {
            QTest::keyClicks(child<QLineEdit>(d, "recallLot"), "ab12");
            child<QComboBox>(d, "recallMatch")->setCurrentIndex(1);
            QTest::keyClick(child<QLineEdit>(d, "recallLot"), Qt::Key_Return);
            auto* found = child<QTreeWidget>(d, "recallList");
            QCOMPARE(found->topLevelItemCount(), 1);
            const QStringList r = rowTexts(found->topLevelItem(0));
            QCOMPARE(r.mid(0, 6), (QStringList{"Zoë Okafor", "03/03/2025", "Lip filler",
                                               "Hyaluronic acid filler", "AB1234X", "31/01/2026"}));
            QCOMPARE(r.at(6), QStringLiteral("07700 900123"));
            QCOMPARE(r.at(7), QStringLiteral("zoe@example.com"));
            QVERIFY2(child<QLabel>(d, "recallSummary")->text().contains(QStringLiteral("1 client")),
                     qPrintable(child<QLabel>(d, "recallSummary")->text()));
            click(d, "recallCopy");
            QVERIFY(QApplication::clipboard()->text().contains(
                QStringLiteral("Zoë Okafor\t07700 900123\tzoe@example.com\tAB1234X")));
            // Contact details leaving the program are in the log, as an export is.
            AuditFilter copied;
            copied.action = QStringLiteral("batch-contacts-copied");
            auto logged = AuditLog(db).query(copied);
            QCOMPARE(logged->size(), 1);
            QCOMPARE(logged->first().detail, QStringLiteral("batches starting ab12: 1 treatment"));
            click(d, "recallExport");
            const QString csv = readFile(csvPath);
            QVERIFY2(csv.startsWith(QStringLiteral("client,subject_ref,treated_on")), qPrintable(csv));
            QVERIFY2(
                csv.contains(QStringLiteral("Zoë Okafor,")) &&
                    csv.contains(QStringLiteral(",2025-03-03,Lip filler,Hyaluronic acid "
                                                "filler,AB1234X,2026-01-31,07700 900123,zoe@example.com")),
                qPrintable(csv));
            // Enter on the row opens the client.
            QTest::keyClick(found, Qt::Key_Return);
            driven = true;
        });
        child<QAction>(w.get(), "actionBatchRecall")->trigger();
        QVERIFY(driven);
        QCOMPARE(w->currentClientId(), c);
        QCOMPARE(tabs->currentWidget(), tab);
        QVERIFY(audited(db, "batch-recall-search"));
        QVERIFY(audited(db, "batch-recall-exported"));
    }

    void quoteWithTwoLinesIsSentAcceptedAndExported()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("pdftotext")).isEmpty())
            QFAIL("pdftotext (poppler-utils) is needed to read the quote back");
        TestVault t;
        const qint64 c =
            t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900456"));
        const qint64 photo = addImage(t.db(), c, "quote_request", QDate(2025, 3, 1));
        auto w = openWindow(t);
        Database& db = w->workspace().db();
        w->openClient(c);
        child<ClientDetailView>(w.get(), "clientDetail")->showQuotes();
        auto* tab = child<QuotesTab>(w.get(), "quotesTab");

        bool driven = false;
        whenModal<QuoteDialog>([&](QuoteDialog* d) {
            auto* lines = child<QTableWidget>(d, "quoteLines");
            QCOMPARE(lines->rowCount(), 1);
            lines->item(0, 0)->setText(QStringLiteral("Lip filler (1 ml)"));
            lines->item(0, 1)->setText(QStringLiteral("£1,250.50"));
            click(d, "quoteAddLine");
            QCOMPARE(lines->rowCount(), 2);
            lines->item(1, 0)->setText(QStringLiteral("Anti-wrinkle, forehead"));
            lines->item(1, 1)->setText(QStringLiteral("12.345"));
            QCOMPARE(lines->item(1, 3)->text(), QStringLiteral("check price"));
            QVERIFY(child<QLabel>(d, "quoteTotal")->text().contains(QStringLiteral("needs correcting")));
            lines->item(1, 1)->setText(QStringLiteral("250"));
            // Typed over the 1 the line starts with, as at the desk: 2, not 21.
            lines->setFocus();
            lines->setCurrentCell(1, 2);
            QTest::keyClick(lines, Qt::Key_2);
            auto* editor = lines->findChild<QSpinBox*>(QStringLiteral("quoteQuantityEditor"));
            QVERIFY(editor);
            QTest::keyClick(editor, Qt::Key_Return);
            QTRY_COMPARE(lines->item(1, 2)->data(Qt::EditRole).toInt(),
                         2); // the delegate commits on the next turn of the loop
            QCOMPARE(lines->item(1, 3)->text(), QStringLiteral("£500.00"));
            QCOMPARE(child<QLabel>(d, "quoteTotal")->text(), QStringLiteral("Total: £1,750.50"));
            auto* images = child<QListWidget>(d, "quoteImages");
            QCOMPARE(images->count(), 1);
            images->item(0)->setCheckState(Qt::Checked);
            child<QDateEdit>(d, "quoteValidUntil")->setDate(QDate(2025, 4, 3));
            click(d, "quoteSave");
            QVERIFY2(!d->isVisible(), qPrintable(child<QLabel>(d, "quoteError")->text()));
            driven = true;
        });
        click(tab, "newQuote");
        QVERIFY(driven);

        auto* list = child<QTreeWidget>(tab, "quoteList");
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(rowTexts(list->currentItem()).mid(0, 4),
                 (QStringList{"04/03/2025", "£1,750.50", "Draft", "03/04/2025"}));
        // Only the moves core allows are offered.
        QVERIFY(child<QPushButton>(tab, "quoteSent")->isEnabled());
        QVERIFY(!child<QPushButton>(tab, "quoteAccepted")->isEnabled());
        QVERIFY(!child<QPushButton>(tab, "quoteExpired")->isEnabled());
        click(tab, "quoteSent");
        QCOMPARE(list->currentItem()->text(2), QStringLiteral("Sent"));
        QVERIFY(child<QPushButton>(tab, "quoteAccepted")->isEnabled());
        QVERIFY(!child<QPushButton>(tab, "quoteSent")->isEnabled());
        QVERIFY(!child<QPushButton>(tab, "quoteDelete")->isEnabled());
        click(tab, "quoteAccepted");
        QCOMPARE(list->currentItem()->text(2), QStringLiteral("Accepted"));
        // Accepted is not the end: declined when the client withdraws, or back to sent when marked by
        // mistake.
        for (const char* b : {"quoteAccepted", "quoteExpired"})
            QVERIFY2(!child<QPushButton>(tab, b)->isEnabled(), b);
        QVERIFY(child<QPushButton>(tab, "quoteSent")->isEnabled());
        QCOMPARE(child<QPushButton>(tab, "quoteSent")->text(), QStringLiteral("Back to &sent"));
        QVERIFY(child<QPushButton>(tab, "quoteDeclined")->isEnabled());
        QVERIFY(child<QPushButton>(tab, "quoteDeclined")->toolTip().contains(QStringLiteral("withdrew")));
        click(tab, "quoteSent");
        QCOMPARE(list->currentItem()->text(2), QStringLiteral("Sent"));
        click(tab, "quoteAccepted");
        QCOMPARE(list->currentItem()->text(2), QStringLiteral("Accepted"));
        const qint64 quoteId = Quotes(db).forClient(c)->first().id;
        QCOMPARE(Quotes(db).get(quoteId)->imageIds, QList<qint64>{photo});

        // The accepted quote is what she owes.
        auto* pay = child<PaymentsTab>(w.get(), "paymentsTab");
        QTRY_COMPARE(child<QLabel>(pay, "clientBalance")->text().contains(QStringLiteral("Owes £1,750.50")),
                     true);

        QTemporaryDir out;
        const QString pdf = out.filePath(QStringLiteral("quote.pdf"));
        Answers answers([pdf](const Answers::Question& q) {
            return q.suggested.endsWith(QStringLiteral(".pdf")) && q.filter.contains(QStringLiteral("*.pdf"))
                       ? Answers::file(pdf)
                       : Answers::no();
        });
        click(tab, "quotePdf");
        QVERIFY2(QFile::exists(pdf), qPrintable(child<QLabel>(tab, "quoteMessage")->text()));
        const QString text = pdfText(pdf);
        for (const char* expected : {"Amara Okafor", "Lip filler (1 ml)", "Anti-wrinkle, forehead",
                                     "£1,250.50", "£500.00", "£1,750.50"})
            QVERIFY2(
                text.contains(QString::fromUtf8(expected)),
                qPrintable(QStringLiteral("%1 missing from:\n%2").arg(QString::fromUtf8(expected), text)));
        QVERIFY(audited(db, "quote-exported"));
    }

    void paymentAndRefundMoveTheBalance()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Isla"), QStringLiteral("Fraser"));
        Quote q;
        q.clientId = c;
        q.items = {QuoteItem{0, QStringLiteral("Skin booster course"), 50000, 1}};
        const qint64 quote = Quotes(t.db()).create(q).value();
        QVERIFY(Quotes(t.db()).setStatus(quote, QuoteStatus::Sent).ok());
        QVERIFY(Quotes(t.db()).setStatus(quote, QuoteStatus::Accepted).ok());
        auto w = openWindow(t);
        w->openClient(c);
        child<ClientDetailView>(w.get(), "clientDetail")->showPayments();
        auto* tab = child<PaymentsTab>(w.get(), "paymentsTab");
        auto* balance = child<QLabel>(tab, "clientBalance");
        QVERIFY2(balance->text().contains(QStringLiteral("Owes £500.00")), qPrintable(balance->text()));

        const auto record = [&](const char* button, const char* amount, const char* method, bool withQuote) {
            bool driven = false;
            whenModal<PaymentDialog>([&](PaymentDialog* d) {
                QTest::keyClicks(child<QLineEdit>(d, "paymentAmount"), QString::fromUtf8(amount));
                auto* m = child<QComboBox>(d, "paymentMethod");
                m->setCurrentIndex(m->findData(QString::fromLatin1(method)));
                QTest::keyClicks(child<QLineEdit>(d, "paymentFor"), "Skin booster");
                if (withQuote)
                    child<QComboBox>(d, "paymentQuote")->setCurrentIndex(1);
                click(d, "paymentSave");
                QVERIFY2(!d->isVisible(), qPrintable(child<QLabel>(d, "paymentError")->text()));
                driven = true;
            });
            click(tab, button);
            QVERIFY(driven);
        };
        // A mistyped amount is refused with a message, nothing recorded.
        bool refused = false;
        whenModal<PaymentDialog>([&](PaymentDialog* d) {
            QTest::keyClicks(child<QLineEdit>(d, "paymentAmount"), "two hundred");
            click(d, "paymentSave");
            refused = d->isVisible() && !child<QLabel>(d, "paymentError")->text().isEmpty();
            d->reject();
        });
        click(tab, "recordPayment");
        QVERIFY(refused);
        QCOMPARE(child<QTreeWidget>(tab, "paymentList")->topLevelItemCount(), 0);

        QVERIFY(!child<QPushButton>(tab, "recordRefund")->isEnabled()); // nothing paid, nothing to give back
        record("recordPayment", "£200", "cash", true);
        QVERIFY(child<QPushButton>(tab, "recordRefund")->isEnabled());
        QVERIFY2(balance->text().contains(QStringLiteral("Owes £300.00")), qPrintable(balance->text()));
        record("recordRefund", "50", "card", false);
        QVERIFY2(balance->text().contains(QStringLiteral("Owes £350.00")), qPrintable(balance->text()));
        auto* list = child<QTreeWidget>(tab, "paymentList");
        QCOMPARE(list->topLevelItemCount(), 2);
        QStringList amounts{list->topLevelItem(0)->text(2), list->topLevelItem(1)->text(2)};
        amounts.sort();
        QCOMPARE(amounts, (QStringList{"-£50.00", "£200.00"}));
        QVERIFY(child<QLabel>(tab, "balanceBreakdown")
                    ->text()
                    .contains(QStringLiteral("paid £200.00 + refunded £50.00")));
        auto stored = Payments(w->workspace().db()).forClient(c);
        QCOMPARE(stored->size(), 2);
        QCOMPARE(stored->last().quoteId, quote);
        QCOMPARE(stored->last().method, PaymentMethod::Cash);
    }

    void daysTakingsTotalsAndExport()
    {
        TestVault t;
        const qint64 a = t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor"));
        const qint64 b = t.addClient(QStringLiteral("Tom"), QStringLiteral("Reed"));
        const auto pay = [&](qint64 client, const char* kind, qint64 pence, const char* method, QDate on) {
            Payment p;
            p.clientId = client;
            p.kind = vocab::fromCode<PaymentKind>(QString::fromLatin1(kind)).value();
            p.amountPence = pence;
            p.method = vocab::fromCode<PaymentMethod>(QString::fromLatin1(method)).value();
            p.description = QStringLiteral("Treatment");
            p.paidOn = on;
            QVERIFY(Payments(t.db()).record(p).ok());
        };
        pay(a, "payment", 25000, "card", kToday);
        pay(b, "payment", 12050, "card", kToday);
        pay(b, "payment", 4500, "cash", kToday);
        pay(a, "refund", 5000, "card", kToday);
        pay(a, "payment", 99900, "card", kToday.addDays(-1)); // yesterday: not today's takings
        auto w = openWindow(t);
        Database& db = w->workspace().db();
        QTemporaryDir out;
        const QString csvPath = out.filePath(QStringLiteral("takings.csv"));
        Answers answers([csvPath](const Answers::Question& q) {
            return q.suggested == QStringLiteral("takings-2025-03-04.csv") ? Answers::file(csvPath)
                                                                           : Answers::no();
        });
        bool driven = false;
        whenModal<TakingsDialog>([&](TakingsDialog* d) {
            QCOMPARE(child<QDateEdit>(d, "takingsDate")->date(), kToday);
            auto* totals = child<QTreeWidget>(d, "takingsTotals");
            QCOMPARE(totals->topLevelItemCount(), 3);
            QCOMPARE(rowTexts(totals->topLevelItem(0)),
                     (QStringList{"Card", "£370.50", "£50.00", "£320.50"}));
            QCOMPARE(rowTexts(totals->topLevelItem(1)), (QStringList{"Cash", "£45.00", "£0.00", "£45.00"}));
            QCOMPARE(rowTexts(totals->topLevelItem(2)),
                     (QStringList{"Total", "£415.50", "£50.00", "£365.50"}));
            QCOMPARE(child<QTreeWidget>(d, "takingsList")->topLevelItemCount(), 4);
            QVERIFY(child<QLabel>(d, "takingsSummary")
                        ->text()
                        .contains(QStringLiteral("£365.50 taken on 04/03/2025")));
            QVERIFY(d->reportHtml().contains(QStringLiteral("£365.50")));
            click(d, "takingsExport");
            const QString csv = readFile(csvPath);
            QVERIFY2(csv.contains(QStringLiteral("2025-03-04,Zoë Okafor,refund,card,-50.00,Treatment")),
                     qPrintable(csv));
            QVERIFY2(csv.contains(QStringLiteral("2025-03-04,Total,net,all,365.50")), qPrintable(csv));
            QVERIFY(!csv.contains(QStringLiteral("999.00")));
            // The day before holds only yesterday's payment.
            child<QDateEdit>(d, "takingsDate")->setDate(kToday.addDays(-1));
            QCOMPARE(rowTexts(totals->topLevelItem(totals->topLevelItemCount() - 1)).at(3),
                     QStringLiteral("£999.00"));
            driven = true;
        });
        child<QAction>(w.get(), "actionTakings")->trigger();
        QVERIFY(driven);
        QVERIFY(audited(db, "takings-exported"));
    }

    void aNoteLoggedMeanwhileLeavesTheTreatmentBeingRead()
    {
        // The practitioner has the second of two treatments chosen; reception logs a call about
        // the same client. The timeline shows the call at once; the treatment stays chosen.
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor"));
        for (const char* batch : {"HAF22G006", "HAF22G007"}) {
            TreatmentRecord r;
            r.clientId = c;
            r.givenOn = kToday;
            r.treatment = QStringLiteral("Lip filler");
            r.product = QStringLiteral("Hyaluronic acid filler");
            r.batchNumber = QString::fromLatin1(batch);
            test::signConsent(t.db(), c, kToday);
            QVERIFY(TreatmentRecords(t.db()).add(r).ok());
        }
        auto w = openWindow(t);
        w->openClient(c);
        auto* detail = child<ClientDetailView>(w.get(), "clientDetail");
        detail->showTreatments();
        auto* list = child<QTreeWidget>(w.get(), "treatmentList");
        QCOMPARE(list->topLevelItemCount(), 2);
        list->setCurrentItem(list->topLevelItem(1));
        auto* timeline = child<QTreeWidget>(w.get(), "timeline");
        const int notes = timeline->topLevelItemCount();

        Interaction call;
        call.clientId = c;
        call.body = QStringLiteral("Asked whether the swelling is normal");
        QVERIFY(w->workspace().interactions().add(call).ok());
        QTRY_COMPARE(timeline->topLevelItemCount(), notes + 1);
        QCOMPARE(list->currentItem(), list->topLevelItem(1));
        QVERIFY(child<TreatmentsTab>(w.get(), "treatmentsTab")->isVisible()); // still the tab on screen
    }

    void aReceptionistSeesNoTreatmentRecordsNorRecall()
    {
        TestVault t;
        const qint64 c =
            t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor"), QStringLiteral("07700 900123"));
        TreatmentRecord r;
        r.clientId = c;
        r.givenOn = kToday;
        r.treatment = QStringLiteral("Lip filler");
        r.product = QStringLiteral("Hyaluronic acid filler");
        r.batchNumber = QStringLiteral("HAF22G006");
        QVERIFY(test::signConsent(t.db(), c, kToday) > 0);
        QVERIFY(TreatmentRecords(t.db()).add(r).ok());
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("rita"), QStringLiteral("Rita Desk"), QStringLiteral("receptionist"),
                         secret("rita's own passphrase"), KdfParams::forTestsOnly())
                    .ok());
        auto w = openWindow(t, QStringLiteral("rita"), "rita's own passphrase");
        Database& db = w->workspace().db();
        QCOMPARE(db.actor().role, Role::Receptionist);
        w->openClient(c);
        auto* detail = child<ClientDetailView>(w.get(), "clientDetail");
        detail->showTreatments();
        auto* tab = child<TreatmentsTab>(w.get(), "treatmentsTab");
        QVERIFY(!tab->allowed());
        // She sees why, not the record.
        QVERIFY(child<QLabel>(tab, "treatmentNotice")->isVisible());
        QVERIFY(!child<QTreeWidget>(tab, "treatmentList")->isVisible());
        QCOMPARE(child<QTreeWidget>(tab, "treatmentList")->topLevelItemCount(), 0);
        QVERIFY(child<QLabel>(tab, "treatmentNotice")
                    ->text()
                    .contains(QStringLiteral("only practitioners and managers")));
        // Core refuses too.
        QCOMPARE(TreatmentRecords(db).forClient(c).error().kind, Error::Kind::Permission);
        QCOMPARE(TreatmentRecords(db).whoReceivedBatch(QStringLiteral("HAF22G006")).error().kind,
                 Error::Kind::Permission);
        // The recall is greyed out in the menu, and the dialog itself explains.
        QVERIFY(!child<QAction>(w.get(), "actionBatchRecall")->isEnabled());
        BatchRecallDialog d(w->workspace(), w.get());
        QVERIFY(!child<QLineEdit>(&d, "recallLot")->isEnabled());
        QVERIFY(child<QLabel>(&d, "recallSummary")->text().contains(QStringLiteral("Only a manager")));
        // Quotes, payments and the takings are hers to do.
        QVERIFY(child<QAction>(w.get(), "actionTakings")->isEnabled());
        detail->showPayments();
        QVERIFY(child<QLabel>(w.get(), "clientBalance")->text().contains(QStringLiteral("Nothing owed")));
    }

    void settingsKeepTheRetentionYears()
    {
        TestVault t;
        auto w = openWindow(t);
        Database& db = w->workspace().db();
        SettingsDialog d(w->workspace(), w.get());
        auto* treatment = child<QSpinBox>(&d, "settingsTreatmentRetentionYears");
        auto* payment = child<QSpinBox>(&d, "settingsPaymentRetentionYears");
        QCOMPARE(treatment->value(), 8);
        QCOMPARE(payment->value(), 6);
        treatment->setValue(10);
        payment->setValue(7);
        click(&d, "settingsSave");
        QCOMPARE(ClinicSettings(db).treatmentRetentionYears(), 10);
        QCOMPARE(ClinicSettings(db).paymentRetentionYears(), 7);
    }
};

QTEST_MAIN(RecordsGui)
#include "tst_records_gui.moc"
