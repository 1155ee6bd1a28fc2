// Stock at the desk, through the real windows on a real encrypted vault: the main window's alert for
// expired, expiring and low batches (it opens the stock), a delivery received and a count corrected
// in the Stock dialog, the alert following.
#include "GuiHelpers.h"
#include "OpenWindow.h"
#include "TestVault.h"
#include "common/Style.h"
#include "stock/Stock.h"
#include "stock/StockDialog.h"
#include "storage/Sql.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStatusBar>
#include <QTest>
#include <QTreeWidget>

using namespace cd;
using namespace cd::test;
using namespace cd::ui;

namespace {

const QString kBotox = QStringLiteral("Botulinum toxin type A");
const QString kFiller = QStringLiteral("Hyaluronic acid filler");

} // namespace

class StockGui : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theAlertOpensTheStockWhereItIsActedOn()
    {
        TestVault t;
        const QDate today = QDate::currentDate();
        QVERIFY(Stock(t.db())
                    .receive(kBotox, QStringLiteral("OLD-1"), today.addDays(-3), 50, QStringLiteral("units"))
                    .ok());
        QVERIFY(Stock(t.db())
                    .receive(kFiller, QStringLiteral("SOON-2"), today.addDays(10), 2, QStringLiteral("ml"))
                    .ok());
        QVERIFY(
            Stock(t.db())
                .receive(kBotox, QStringLiteral("GOOD-3"), today.addYears(1), 100, QStringLiteral("units"))
                .ok());
        auto w = openWindow(t);
        auto* alert = child<QPushButton>(w.get(), "stockAlert");
        QVERIFY(alert->isVisible());
        QCOMPARE(alert->text(), QStringLiteral("Stock: 1 expired, 1 expiring soon (2 batches)"));

        bool driven = false;
        whenModal<StockDialog>([&](StockDialog* d) {
            auto* list = child<QTreeWidget>(d, "stockList");
            QCOMPARE(list->topLevelItemCount(), 3);
            QTreeWidgetItem* expired = list->findItems(QStringLiteral("OLD-1"), Qt::MatchExactly, 1).value(0);
            QVERIFY(expired);
            QCOMPARE(expired->text(5), QStringLiteral("Expired"));
            QCOMPARE(expired->foreground(5).color(), QColor(palette::now().error));
            // A delivery: the new batch is listed, in stock.
            whenModal<QDialog>([](QDialog* r) {
                QCOMPARE(r->objectName(), QStringLiteral("stockReceiveDialog"));
                child<QComboBox>(r, "stockProduct")->setCurrentText(kFiller);
                QTest::keyClicks(child<QLineEdit>(r, "stockBatch"), "NEW-4");
                QTest::keyClicks(child<QLineEdit>(r, "stockExpiry"), "31/12/2030");
                child<QDoubleSpinBox>(r, "stockQuantity")->setValue(5);
                child<QComboBox>(r, "stockUnit")->setCurrentText(QStringLiteral("ml"));
                QTest::mouseClick(child<QPushButton>(r, "stockSave"), Qt::LeftButton);
                QVERIFY2(!r->isVisible(), qPrintable(child<QLabel>(r, "stockError")->text()));
            });
            QTest::mouseClick(child<QPushButton>(d, "stockReceive"), Qt::LeftButton);
            QCOMPARE(list->topLevelItemCount(), 4);
            QTreeWidgetItem* fresh = list->findItems(QStringLiteral("NEW-4"), Qt::MatchExactly, 1).value(0);
            QVERIFY(fresh);
            QCOMPARE(fresh->text(4), QStringLiteral("5 ml"));
            QCOMPARE(fresh->text(5), QStringLiteral("In stock"));
            // A count: the good botox was mostly broken; it is now low, and the alert says so.
            list->setCurrentItem(list->findItems(QStringLiteral("GOOD-3"), Qt::MatchExactly, 1).value(0));
            whenModal<QDialog>([](QDialog* c) {
                QCOMPARE(c->objectName(), QStringLiteral("stockCountDialog"));
                child<QDoubleSpinBox>(c, "stockLeft")->setValue(10);
                QTest::keyClicks(child<QLineEdit>(c, "stockReason"), "two vials broken");
                c->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
                QVERIFY(!c->isVisible());
            });
            QTest::mouseClick(child<QPushButton>(d, "stockCount"), Qt::LeftButton);
            QTreeWidgetItem* counted =
                list->findItems(QStringLiteral("GOOD-3"), Qt::MatchExactly, 1).value(0);
            QCOMPARE(counted->text(4), QStringLiteral("10 units"));
            QCOMPARE(counted->text(5), QStringLiteral("Low"));
            driven = true;
        });
        QTest::mouseClick(alert, Qt::LeftButton);
        QVERIFY(driven);
        QTRY_COMPARE(alert->text(), QStringLiteral("Stock: 1 expired, 1 expiring soon, 1 low (3 batches)"));
    }
};

QTEST_MAIN(StockGui)
#include "tst_stock_gui.moc"
