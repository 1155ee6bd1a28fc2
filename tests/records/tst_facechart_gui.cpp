// The face chart in the treatment dialog, driven as a practitioner does: a batch picked from stock,
// three injection points placed with the mouse on the drawings, a note typed on one; saved, the
// stock taken from the batch, and the record saved as a PDF in which the points are found again,
// in words (pdftotext) and as dots on the picture (pdfimages).
#include "Answers.h"
#include "ChartFixtures.h"
#include "FormFixtures.h"
#include "GuiHelpers.h"
#include "OpenWindow.h"
#include "TestVault.h"
#include "clients/ClientDetailView.h"
#include "common/Clock.h"
#include "desk/Localisation.h"
#include "records/FaceChartEditor.h"
#include "records/TreatmentDialog.h"
#include "records/TreatmentRecords.h"
#include "records/TreatmentsTab.h"
#include "stock/Stock.h"
#include "storage/Sql.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using namespace cd;
using namespace cd::test;
using namespace cd::ui;

namespace {

const QDateTime kNow(QDate(2025, 3, 4), QTime(9, 0), Qt::UTC);
const QDate kToday(2025, 3, 4);
const QString kBotox = QStringLiteral("Botulinum toxin type A");

void click(QWidget* parent, const char* name)
{
    QTest::mouseClick(child<QPushButton>(parent, name), Qt::LeftButton);
}

// Where on the canvas a point of `view` at (x, y) of its drawing is.
QPoint onCanvas(records::FaceChartCanvas* canvas, FaceView view, double x, double y)
{
    const QRectF r = facechart::viewRect(canvas->chartArea(), view);
    return QPointF(r.left() + x * r.width(), r.top() + y * r.height()).toPoint();
}

} // namespace

class TestFaceChartGui : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // As the program starts: its plural forms ("1 point", "3 points") come from its translation.
    void initTestCase() { QVERIFY(!setUpLocaleAndTranslations(*qApp).isEmpty()); }
    void init()
    {
        Clock::setSource([] { return kNow; });
    }
    void cleanup() { Clock::setSource(nullptr); }

    void threePointsArePlacedSavedAndPrinted()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor"));
        QVERIFY(
            Stock(t.db())
                .receive(kBotox, QStringLiteral("PT77A"), kToday.addMonths(6), 100, QStringLiteral("units"))
                .ok());
        QVERIFY(test::signConsent(t.db(), c, kToday) > 0);
        auto w = openWindow(t);
        Database& db = w->workspace().db();
        w->openClient(c);
        child<ClientDetailView>(w.get(), "clientDetail")->showTreatments();
        auto* tab = child<TreatmentsTab>(w.get(), "treatmentsTab");

        const QList<std::tuple<FaceView, double, double>> spots{
            {FaceView::Front, 0.5, 0.34}, {FaceView::Left, 0.3, 0.4}, {FaceView::Right, 0.7, 0.4}};
        bool driven = false;
        whenModal<TreatmentDialog>([&](TreatmentDialog* d) {
            QTest::keyClicks(child<QLineEdit>(d, "treatmentName"), "Anti-wrinkle injections");
            // The batch is picked from stock: product, batch, expiry and unit follow.
            auto* stock = child<QComboBox>(d, "treatmentStockBatch");
            QVERIFY(stock->isEnabled());
            QCOMPARE(stock->count(), 2);
            QVERIFY2(stock->itemText(1).contains(QStringLiteral("PT77A, 100 units left")),
                     qPrintable(stock->itemText(1)));
            stock->setFocus();
            QTest::keyClick(stock, Qt::Key_Down);
            QCOMPARE(child<QLineEdit>(d, "treatmentProduct")->text(), kBotox);
            QCOMPARE(child<QLineEdit>(d, "treatmentBatch")->text(), QStringLiteral("PT77A"));
            QCOMPARE(child<QLineEdit>(d, "treatmentExpiry")->text(), QStringLiteral("04/09/2025"));
            QCOMPARE(child<QComboBox>(d, "treatmentUnit")->currentData().toString(), QStringLiteral("units"));

            // The chart is the first thing under the notes; three clicks, 4 units each.
            QCOMPARE(child<QTabWidget>(d, "treatmentLowerTabs")->currentWidget()->objectName(),
                     QStringLiteral("faceChart"));
            child<QDoubleSpinBox>(d, "chartAmount")->setValue(4);
            auto* canvas = child<records::FaceChartCanvas>(d, "faceChartCanvas");
            QVERIFY(canvas->isVisible());
            for (const auto& [view, x, y] : spots)
                QTest::mouseClick(canvas, Qt::LeftButton, {}, onCanvas(canvas, view, x, y));
            auto* points = child<QTableWidget>(d, "chartPoints");
            QCOMPARE(points->rowCount(), 3);
            QCOMPARE(points->item(1, 1)->text(), QStringLiteral("Left profile"));
            QCOMPARE(points->item(1, 2)->text(), QStringLiteral("4 units"));
            QCOMPARE(points->item(1, 4)->text(), QStringLiteral("PT77A"));
            QVERIFY2(
                child<QLabel>(d, "chartTotal")->text().contains(QStringLiteral("3 points, 12 units in all")),
                qPrintable(child<QLabel>(d, "chartTotal")->text()));
            // The record's quantity is the chart's total, and follows it.
            auto* quantity = child<QDoubleSpinBox>(d, "treatmentQuantity");
            QCOMPARE(quantity->value(), 12.0);
            QVERIFY(!quantity->isEnabled());
            // A click on a point chooses it (no fourth point); the note is typed in its row.
            QTest::mouseClick(canvas, Qt::LeftButton, {}, onCanvas(canvas, FaceView::Front, 0.5, 0.34));
            QCOMPARE(points->rowCount(), 3);
            QCOMPARE(points->currentRow(), 0);
            points->item(0, 5)->setText(QStringLiteral("glabella, procerus"));
            click(d, "treatmentSave");
            QVERIFY2(!d->isVisible(), qPrintable(child<QLabel>(d, "treatmentError")->text()));
            driven = true;
        });
        click(tab, "addTreatment");
        QVERIFY(driven);

        const TreatmentRecord saved = TreatmentRecords(db).forClient(c)->first();
        QCOMPARE(saved.chart.size(), 3);
        for (int i = 0; i < 3; ++i) {
            const auto& [view, x, y] = spots.at(i);
            QCOMPARE(saved.chart.at(i).view, view);
            // Where the mouse went, to the pixel: relative to the drawing, whatever its size on screen.
            QVERIFY2(qAbs(saved.chart.at(i).x - x) < 0.01 && qAbs(saved.chart.at(i).y - y) < 0.01,
                     qPrintable(QStringLiteral("point %1 at %2, %3")
                                    .arg(i + 1)
                                    .arg(saved.chart.at(i).x)
                                    .arg(saved.chart.at(i).y)));
            QCOMPARE(saved.chart.at(i).amount, 4.0);
            QCOMPARE(saved.chart.at(i).batchNumber, QStringLiteral("PT77A"));
        }
        QCOMPARE(saved.chart.first().note, QStringLiteral("glabella, procerus"));
        QCOMPARE(saved.quantity, 12.0);
        QCOMPARE(Stock(db).find(kBotox, QStringLiteral("PT77A"))->value().remaining, 88.0);

        // Saved as a PDF from the Treatments tab: the points in words, and the dots where they were put.
        auto* list = child<QTreeWidget>(tab, "treatmentList");
        list->setCurrentItem(list->topLevelItem(0));
        QTemporaryDir out;
        const QString path = out.filePath(QStringLiteral("record.pdf"));
        Answers answers([path](const Answers::Question& q) {
            return q.suggested.startsWith(QStringLiteral("treatment-record-")) ? Answers::file(path)
                                                                               : Answers::no();
        });
        click(tab, "treatmentPdf");
        QVERIFY2(child<QLabel>(tab, "treatmentProblem")->text().startsWith(QStringLiteral("Saved ")),
                 qPrintable(child<QLabel>(tab, "treatmentProblem")->text()));
        const QString text = pdfText(path).simplified();
        for (const QString& want :
             {QStringLiteral("Treatment record %1: Zoë Okafor").arg(saved.id), QStringLiteral("Face chart"),
              QStringLiteral("1 Front 4 units of Botulinum toxin type A, batch PT77A, glabella, procerus"),
              QStringLiteral("2 Left profile 4 units of Botulinum toxin type A, batch PT77A"),
              QStringLiteral("3 Right profile 4 units of Botulinum toxin type A, batch PT77A")})
            QVERIFY2(text.contains(want), qPrintable(want + QStringLiteral(" not in:\n") + text));
        const QStringList problems = chartProblems(path, saved.chart);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestFaceChartGui)
#include "tst_facechart_gui.moc"
