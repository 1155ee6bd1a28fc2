// Stories 3 and 4 driven through the real windows: photos dropped on a client's record appear
// upright in the Images tab with their details; the viewer steps through them by keyboard; a
// before/after comparison keeps both sides zoomed and panned in step.
#include "ClientDetailView.h"
#include "Files.h"
#include "ImageCompareDialog.h"
#include "ImageDetailsDialog.h"
#include "ImageFixtures.h"
#include "ImageGallery.h"
#include "ImageGalleryModel.h"
#include "ImageViewer.h"
#include "MainWindow.h"
#include "TestVault.h"
#include "ZoomView.h"
#include "demo/DemoGenerator.h"
#include "imaging/ImageStore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QListView>
#include <QListWidget>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QScrollBar>
#include <QSlider>
#include <QTabWidget>
#include <QTest>
#include <QTimer>

using namespace cd;
using namespace cd::test;
using namespace cd::ui;

namespace {

template <typename T, typename Fn>
void whenModal(Fn drive)
{
    auto* timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, drive] {
        if (T* d = qobject_cast<T*>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            QPointer<T> guard(d);
            drive(d);
            if (guard && guard->isVisible())
                guard->reject();
        }
    });
    timer->start();
}

std::unique_ptr<MainWindow> openWindow(TestVault& t)
{
    auto opened = Vault::open(t.dir(), QStringLiteral("manager"), secret(kPassphrase));
    if (!opened)
        qFatal("%s", qPrintable(opened.message()));
    t.close();
    auto w = std::make_unique<MainWindow>(makeSession(std::move(opened.value())));
    w->show();
    if (!QTest::qWaitForWindowExposed(w.get()))
        qFatal("window not shown");
    return w;
}

// With CLINICDESK_SHOTS=DIR the test also saves what the user would see, for a human to look at.
void shot(QWidget* w, const char* name)
{
    const QString dir = qEnvironmentVariable("CLINICDESK_SHOTS");
    if (!dir.isEmpty())
        w->grab().save(dir + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png"));
}

void pickDetails(ImageDetailsDialog* d, const char* kind, const char* area)
{
    auto* k = d->findChild<QComboBox*>(QStringLiteral("imageKind"));
    auto* a = d->findChild<QComboBox*>(QStringLiteral("imageArea"));
    k->setCurrentIndex(k->findData(QString::fromLatin1(kind)));
    a->setCurrentIndex(a->findData(QString::fromLatin1(area)));
    QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("addImagesButton")), Qt::LeftButton);
}

qint64 addImage(Database& db, qint64 client, const QImage& img, const char* kind, QDate on)
{
    ImageDetails d;
    d.kind = QString::fromLatin1(kind);
    d.area = QStringLiteral("lips");
    d.takenOn = on;
    auto p = imaging::prepareImage(encoded(img, "jpeg"), QStringLiteral("%1.jpg").arg(d.kind));
    auto id = ImageStore(db).add(client, p.value(), d, 0);
    if (!id)
        qFatal("%s", qPrintable(id.message()));
    return id.value();
}

} // namespace

class TestGuiImages : public QObject
{
    Q_OBJECT
    QTemporaryDir m_files;

private Q_SLOTS:
    void photosForAQuoteDroppedOnTheRecord()
    {
        // Story 3: three emailed photos dropped on her record, marked "quote request", area "lips".
        TestVault t;
        t.addClient(QStringLiteral("Other"), QStringLiteral("Person"));
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const QString rotated = jpegWithExif(m_files.path());
        QVERIFY(!rotated.isEmpty());
        const QString png = m_files.filePath(QStringLiteral("smile.png"));
        writeAll(png, encoded(markedImage(300, 200), "png"));
        const QString text = m_files.filePath(QStringLiteral("notes.jpg"));
        writeAll(text, "Dear clinic, photos attached.\n");
        auto w = openWindow(t);
        w->openClient(amara);
        auto* detail = w->findChild<ClientDetailView*>(QStringLiteral("clientDetail"));
        auto* gallery = w->findChild<ImageGallery*>(QStringLiteral("imagesTab"));
        auto* tabs = w->findChild<QTabWidget*>(QStringLiteral("clientTabs"));
        QCOMPARE(tabs->currentIndex(), 0); // the drop lands on the Details tab

        bool asked = false;
        whenModal<ImageDetailsDialog>([&asked](ImageDetailsDialog* d) {
            QCOMPARE(d->findChild<QListWidget*>(QStringLiteral("imageFiles"))->count(), 3);
            asked = true;
            pickDetails(d, "quote_request", "lips");
        });
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(rotated), QUrl::fromLocalFile(png), QUrl::fromLocalFile(text)});
        QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(detail, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(detail, &drop);
        QTRY_VERIFY(asked);
        QTRY_COMPARE(gallery->model()->rowCount(), 2);
        QCOMPARE(tabs->currentWidget(), gallery);
        QCOMPARE(tabs->tabText(2), QStringLiteral("&Images (2)"));
        auto* report = gallery->findChild<QLabel*>(QStringLiteral("imageImportReport"));
        QTRY_VERIFY(report->isVisible());
        QVERIFY2(report->text().contains(QStringLiteral("2 image(s) added")), qPrintable(report->text()));
        QVERIFY2(report->text().contains(QStringLiteral("notes.jpg contains text")), qPrintable(report->text()));

        // Thumbnails are upright: the phone's portrait photo is taller than wide.
        const int row = gallery->model()->rowOf(ImageStore(w->session().db()).list(amara)->constFirst().id);
        QVERIFY(row >= 0);
        bool sawPortrait = false;
        for (int i = 0; i < 2; ++i) {
            const QPixmap pm = gallery->model()->data(gallery->model()->index(i), Qt::DecorationRole).value<QIcon>().pixmap(256);
            QVERIFY(!pm.isNull());
            sawPortrait |= pm.height() > pm.width();
        }
        QVERIFY(sawPortrait);
        const QList<ImageRecord> stored = ImageStore(w->session().db()).list(amara).value();
        QCOMPARE(stored.size(), 2);
        for (const ImageRecord& r : stored) {
            QCOMPARE(r.details.kind, QStringLiteral("quote_request"));
            QCOMPARE(r.details.area, QStringLiteral("lips"));
            QCOMPARE(r.addedBy, w->session().me.id);
        }
        shot(w.get(), "images-tab");
    }

    void demoClientsHaveAGallery()
    {
        TestVault t;
        QVERIFY(generateDemoData(t.db(), DemoOptions{20, 1, 1}).ok());
        auto list = ImageStore(t.db()).list(4); // every tenth demo client from the fourth has images
        QVERIFY(list.ok());
        QVERIFY(list->size() >= 3);
        QStringList kinds;
        for (const ImageRecord& r : list.value())
            kinds << r.details.kind;
        QVERIFY(kinds.contains(QStringLiteral("before")) && kinds.contains(QStringLiteral("after")));
        QCOMPARE(ImageStore(t.db()).count(1).value(), qint64(0));
        auto w = openWindow(t);
        w->openClient(4);
        auto* gallery = w->findChild<ImageGallery*>(QStringLiteral("imagesTab"));
        QCOMPARE(gallery->model()->rowCount(), int(list->size()));
        w->findChild<ClientDetailView*>(QStringLiteral("clientDetail"))->showImages();
        shot(w.get(), "demo-gallery");
        gallery->view()->selectionModel()->select(gallery->model()->index(0), QItemSelectionModel::Select);
        gallery->view()->selectionModel()->select(gallery->model()->index(int(list->size()) - 1), QItemSelectionModel::Select);
        QPointer<ImageCompareDialog> d = gallery->compareSelected();
        QVERIFY(QTest::qWaitForWindowExposed(d));
        QTest::keyClick(d->left(), Qt::Key_Plus);
        shot(d, "demo-compare");
        d->close();
    }

    void ctrlIAddsFromTheFileDialog()
    {
        TestVault t;
        const qint64 id = t.addClient(QStringLiteral("Zoë"), QStringLiteral("O'Brien"));
        const QString file = m_files.filePath(QStringLiteral("cheeks.webp"));
        writeAll(file, encoded(markedImage(240, 160), "webp"));
        ImageGallery::chooseFiles = [file](QWidget*) { return QStringList{file}; };
        auto w = openWindow(t);
        w->openClient(id);
        whenModal<ImageDetailsDialog>([](ImageDetailsDialog* d) { pickDetails(d, "before", "cheeks"); });
        QTest::keyClick(w.get(), Qt::Key_I, Qt::ControlModifier);
        auto* gallery = w->findChild<ImageGallery*>(QStringLiteral("imagesTab"));
        QTRY_COMPARE(gallery->model()->rowCount(), 1);
        QCOMPARE(gallery->model()->data(gallery->model()->index(0), ImageGalleryModel::AreaRole).toString(),
                 QStringLiteral("cheeks"));
    }

    void modelIsConsistentAndLazy()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        for (int i = 0; i < 5; ++i)
            addImage(t.db(), c, markedImage(100 + i, 80), "progress", QDate(2025, 1, 1 + i));
        ImageGalleryModel model(t.db());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.setClient(c).isEmpty());
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.thumbnailsLoaded(), 0); // nothing decoded until a view asks
        QVERIFY(!model.data(model.index(2), Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(model.thumbnailsLoaded(), 1);
        QCOMPARE(model.data(model.index(0), ImageGalleryModel::TakenOnRole).toDate(), QDate(2025, 1, 5));
    }

    void viewerStepsByKeyboard()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        for (int i = 0; i < 3; ++i)
            addImage(t.db(), c, markedImage(300 + i * 10, 200), "progress", QDate(2025, 3, 10 - i));
        auto w = openWindow(t);
        w->openClient(c);
        auto* gallery = w->findChild<ImageGallery*>(QStringLiteral("imagesTab"));
        QPointer<ImageViewer> viewer = gallery->viewCurrent();
        QVERIFY(viewer);
        QVERIFY(QTest::qWaitForWindowExposed(viewer));
        auto* title = viewer->findChild<QLabel*>(QStringLiteral("viewerTitle"));
        QCOMPARE(viewer->currentIndex(), 0);
        QVERIFY(title->text().contains(QStringLiteral("10/03/2025")));
        QTest::keyClick(viewer->view(), Qt::Key_Right);
        QCOMPARE(viewer->currentIndex(), 1);
        QVERIFY(title->text().contains(QStringLiteral("09/03/2025")));
        QTest::keyClick(viewer->view(), Qt::Key_Right);
        QTest::keyClick(viewer->view(), Qt::Key_Right); // stays on the last
        QCOMPARE(viewer->currentIndex(), 2);
        QTest::keyClick(viewer->view(), Qt::Key_Left);
        QCOMPARE(viewer->currentIndex(), 1);
        const double fitted = viewer->view()->zoom();
        QTest::keyClick(viewer->view(), Qt::Key_Plus);
        QVERIFY(viewer->view()->zoom() > fitted * 1.2);
        QTest::keyClick(viewer->view(), Qt::Key_0);
        QCOMPARE(viewer->view()->zoom(), fitted);
        shot(viewer, "viewer");
        QTest::keyClick(viewer->view(), Qt::Key_F11);
        QTRY_VERIFY(viewer->isFullScreen());
        QTest::keyClick(viewer->view(), Qt::Key_Escape);
        QTRY_VERIFY(!viewer->isFullScreen());
        QVERIFY(viewer->isVisible());
        QTest::keyClick(viewer->view(), Qt::Key_Escape);
        QTRY_VERIFY(!viewer); // closed and deleted
    }

    void beforeAndAfterZoomInStep()
    {
        // Story 4: the March "before" and the May "after", side by side; zoom one, the other follows.
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        addImage(t.db(), c, markedImage(1600, 1200), "after", QDate(2025, 5, 20));
        addImage(t.db(), c, markedImage(800, 600), "before", QDate(2025, 3, 11));
        auto w = openWindow(t);
        w->openClient(c);
        auto* gallery = w->findChild<ImageGallery*>(QStringLiteral("imagesTab"));
        auto* compareButton = gallery->findChild<QPushButton*>(QStringLiteral("compareImages"));
        QVERIFY(!compareButton->isEnabled());
        auto* sel = gallery->view()->selectionModel();
        sel->select(gallery->model()->index(0), QItemSelectionModel::Select);
        sel->select(gallery->model()->index(1), QItemSelectionModel::Select);
        QVERIFY(compareButton->isEnabled());
        QPointer<ImageCompareDialog> d = gallery->compareSelected();
        QVERIFY(d);
        QVERIFY(QTest::qWaitForWindowExposed(d));
        QVERIFY(d->left()->accessibleName().contains(QStringLiteral("Before")));
        QVERIFY(d->right()->accessibleName().contains(QStringLiteral("After")));

        const double start = d->left()->zoom();
        QTest::keyClick(d->left(), Qt::Key_Plus);
        QTest::keyClick(d->left(), Qt::Key_Plus);
        QVERIFY(d->left()->zoom() > start * 1.5);
        QCOMPARE(d->right()->zoom(), d->left()->zoom());
        d->left()->horizontalScrollBar()->setValue(d->left()->horizontalScrollBar()->maximum());
        QVERIFY(d->left()->sceneCentre().x() > ZoomView::kSceneWidth / 2);
        QVERIFY(qAbs(d->right()->sceneCentre().x() - d->left()->sceneCentre().x()) < 2.0);
        QVERIFY(qAbs(d->right()->sceneCentre().y() - d->left()->sceneCentre().y()) < 2.0);

        // The other way round, with the mouse wheel on the right-hand picture.
        const double before = d->right()->zoom();
        const QPointF at = d->right()->viewport()->rect().center();
        QWheelEvent wheel(at, d->right()->viewport()->mapToGlobal(at), QPoint(), QPoint(0, 120), Qt::NoButton,
                          Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(d->right()->viewport(), &wheel);
        QVERIFY(d->right()->zoom() > before);
        QCOMPARE(d->left()->zoom(), d->right()->zoom());
        shot(d, "compare");

        d->findChild<QComboBox*>(QStringLiteral("compareMode"))->setCurrentIndex(1);
        QVERIFY(d->overlay()->isVisible());
        QCOMPARE(d->overlay()->zoom(), d->left()->zoom());
        d->findChild<QSlider*>(QStringLiteral("compareOpacity"))->setValue(80);
        QCOMPARE(d->overlay()->overlayOpacity(), 0.8);
        shot(d, "compare-overlay");
        d->close();
    }
};

QTEST_MAIN(TestGuiImages)
#include "tst_gui_images.moc"
