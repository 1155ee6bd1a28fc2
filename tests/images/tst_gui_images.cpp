// Stories 3 and 4 driven through the real windows: photos dropped on a client's record appear
// upright in the Images tab with their details; the viewer steps through them by keyboard; a
// before/after comparison keeps both sides zoomed and panned in step.
#include "Answers.h"
#include "Files.h"
#include "GuiHelpers.h"
#include "ImageFixtures.h"
#include "OpenWindow.h"
#include "TestVault.h"
#include "audit/AuditLog.h"
#include "clients/ClientDetailView.h"
#include "clients/ClientGuard.h"
#include "common/Clock.h"
#include "demo/DemoGenerator.h"
#include "desk/MainWindow.h"
#include "images/FullImageLoader.h"
#include "images/ImageCompareDialog.h"
#include "images/ImageDetailsDialog.h"
#include "images/ImageGallery.h"
#include "images/ImageGalleryModel.h"
#include "images/ImageStore.h"
#include "images/ImageViewer.h"
#include "images/ZoomView.h"
#include "staff/Accounts.h"
#include "storage/Sql.h"
#include "vault/Kdf.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QLabel>
#include <QLineEdit>
#include <QLineF>
#include <QListView>
#include <QListWidget>
#include <QMessageBox>
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

qint64 addImage(Database& db, qint64 client, const QImage& img, const char* kind, QDate on,
                const char* area = "lips")
{
    ImageDetails d;
    d.kind = *vocab::fromCode<ImageKind>(QString::fromLatin1(kind));
    d.area = *vocab::fromCode<FaceArea>(QString::fromLatin1(area));
    d.takenOn = on;
    auto p = imaging::prepareImage(encoded(img, "jpeg"), QStringLiteral("%1.jpg").arg(vocab::code(d.kind)));
    auto id = ImageStore(db).add(client, p.value(), d, 0);
    if (!id)
        qFatal("%s", qPrintable(id.message()));
    return id.value();
}

// The audit entries about one client, read as the system (reading the log is a manager's).
QList<AuditEntry> audit(Database& db, qint64 client, const char* action)
{
    const Actor me = db.actor();
    db.setActor(Actor{});
    AuditFilter f;
    f.action = QString::fromLatin1(action);
    f.subjectRef = client::subjectRefOf(db, client);
    auto found = AuditLog(db).query(f);
    db.setActor(me);
    return found.value();
}

qint64 count(Database& db, const std::string& sql)
{
    auto st = db.prepare(sql);
    st.step();
    return st.int64(0);
}

// Under each header, the kinds of the images that follow it: "Lips — May 2026: after progress".
QStringList sections(const ImageGalleryModel& m)
{
    QStringList out;
    for (int row = 0; row < m.rowCount(); ++row) {
        if (m.isHeader(row))
            out << m.data(m.index(row), Qt::DisplayRole).toString() + QLatin1Char(':');
        else
            out.last() += QLatin1Char(' ') + vocab::code(m.record(row).details.kind);
    }
    return out;
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
        QTRY_COMPARE(gallery->model()->imageCount(), 2);
        QCOMPARE(tabs->currentWidget(), gallery);
        QCOMPARE(tabs->tabText(tabs->indexOf(gallery)), QStringLiteral("&Images (2)"));
        auto* report = gallery->findChild<QLabel*>(QStringLiteral("imageImportReport"));
        QTRY_VERIFY(report->isVisible());
        QVERIFY2(report->text().contains(QStringLiteral("2 image(s) added")), qPrintable(report->text()));
        QVERIFY2(report->text().contains(QStringLiteral("notes.jpg contains text")),
                 qPrintable(report->text()));

        // Thumbnails are upright: the phone's portrait photo is taller than wide.
        const int row = gallery->model()->rowOf(ImageStore(w->workspace().db()).list(amara)->constFirst().id);
        QVERIFY(row >= 0);
        bool sawPortrait = false;
        for (qint64 id : gallery->model()->imageIds()) {
            const QModelIndex i = gallery->model()->index(gallery->model()->rowOf(id));
            const QPixmap pm = gallery->model()->data(i, Qt::DecorationRole).value<QIcon>().pixmap(256);
            QVERIFY(!pm.isNull());
            sawPortrait |= pm.height() > pm.width();
        }
        QVERIFY(sawPortrait);
        const QList<ImageRecord> stored = ImageStore(w->workspace().db()).list(amara).value();
        QCOMPARE(stored.size(), 2);
        for (const ImageRecord& r : stored) {
            QCOMPARE(r.details.kind, ImageKind::QuoteRequest);
            QCOMPARE(r.details.area, FaceArea::Lips);
            QCOMPARE(r.addedBy, w->workspace().me().id);
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
            kinds << vocab::code(r.details.kind);
        QVERIFY(kinds.contains(QStringLiteral("before")) && kinds.contains(QStringLiteral("after")));
        QCOMPARE(ImageStore(t.db()).count(1).value(), qint64(0));
        auto w = openWindow(t);
        w->openClient(4);
        auto* gallery = w->findChild<ImageGallery*>(QStringLiteral("imagesTab"));
        QCOMPARE(gallery->model()->imageCount(), int(list->size()));
        w->findChild<ClientDetailView*>(QStringLiteral("clientDetail"))->showImages();
        shot(w.get(), "demo-gallery");
        gallery->view()->selectionModel()->select(
            gallery->model()->index(gallery->model()->rowOf(list->constFirst().id)),
            QItemSelectionModel::Select);
        gallery->view()->selectionModel()->select(
            gallery->model()->index(gallery->model()->rowOf(list->constLast().id)),
            QItemSelectionModel::Select);
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
        Answers answers([file](const Answers::Question&) { return Answers::files({file}); });
        auto w = openWindow(t);
        w->openClient(id);
        whenModal<ImageDetailsDialog>([](ImageDetailsDialog* d) { pickDetails(d, "before", "cheeks"); });
        QTest::keyClick(w.get(), Qt::Key_I, Qt::ControlModifier);
        auto* gallery = w->findChild<ImageGallery*>(QStringLiteral("imagesTab"));
        QTRY_COMPARE(gallery->model()->imageCount(), 1);
        QCOMPARE(gallery->model()
                     ->data(gallery->model()->index(gallery->model()->firstImageRow()),
                            ImageGalleryModel::AreaRole)
                     .toString(),
                 QStringLiteral("cheeks"));
    }

    void modelIsConsistentAndLazy()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        for (int i = 0; i < 5; ++i)
            addImage(t.db(), c, markedImage(100 + i, 80), "progress", QDate(2025, 1, 1 + i));
        ImageStore images(t.db());
        ImageGalleryModel model(images);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.setClient(c).isEmpty());
        QCOMPARE(model.imageCount(), 5);
        QCOMPARE(model.rowCount(), 6); // one header: all are lips, January 2025
        QVERIFY(model.isHeader(0));
        QCOMPARE(model.flags(model.index(0)), Qt::NoItemFlags);
        QCOMPARE(model.thumbnailsLoaded(), 0); // nothing decoded until a view asks
        QVERIFY(!model.data(model.index(2), Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(model.thumbnailsLoaded(), 1);
        QCOMPARE(model.data(model.index(1), ImageGalleryModel::TakenOnRole).toDate(), QDate(2025, 1, 5));
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

    void galleryHasSectionsByAreaAndMonth()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        Clock::setSource([] { return QDateTime(QDate(2026, 6, 1), QTime(12, 0), Qt::UTC); });
        addImage(t.db(), c, markedImage(300, 200), "before", QDate(2026, 3, 11));
        addImage(t.db(), c, markedImage(301, 200), "after", QDate(2026, 5, 20));
        addImage(t.db(), c, markedImage(302, 200), "progress", QDate(2026, 5, 2));
        addImage(t.db(), c, markedImage(303, 200), "quote_request", QDate(2026, 1, 7), "forehead");
        addImage(t.db(), c, markedImage(304, 200), "other", QDate(2026, 3, 1), "neck");
        auto w = openWindow(t);
        w->resize(1280, 780); // the walk below follows the grid of a desk-sized window
        w->openClient(c);
        w->findChild<ClientDetailView*>(QStringLiteral("clientDetail"))->showImages();
        auto* gallery = w->findChild<ImageGallery*>(QStringLiteral("imagesTab"));
        ImageGalleryModel* m = gallery->model();
        // Areas in the clinic's order (forehead before lips before neck), newest month first.
        QCOMPARE(sections(*m),
                 QStringList({"Forehead — January 2026: quote_request", "Lips — May 2026: after progress",
                              "Lips — March 2026: before", "Neck — March 2026: other"}));
        QCOMPARE(w->findChild<QTabWidget*>(QStringLiteral("clientTabs"))
                     ->tabText(w->findChild<QTabWidget*>(QStringLiteral("clientTabs"))->indexOf(gallery)),
                 QStringLiteral("&Images (5)"));

        // On screen each header has a line of its own across the view.
        QListView* view = gallery->view();
        QTest::qWait(50); // the delayed layout
        const int width = view->viewport()->width();
        for (int row = 0; row < m->rowCount(); ++row) {
            const QRect r = view->visualRect(m->index(row));
            if (!m->isHeader(row))
                continue;
            QVERIFY2(r.width() >= width - 2 * view->spacing() - 1, qPrintable(QString::number(r.width())));
            if (row > 0)
                QVERIFY(view->visualRect(m->index(row - 1)).bottom() < r.top());
            QVERIFY(view->visualRect(m->index(row + 1)).top() > r.bottom());
        }
        shot(w.get(), "gallery-sections");

        // The keyboard walks the images and never stops on a header; select-all takes images only.
        view->setFocus();
        gallery->selectImage(m->imageIds().at(0)); // the forehead photo
        QTest::keyClick(view, Qt::Key_Right);
        QCOMPARE(m->record(view->currentIndex().row()).details.kind, ImageKind::After);
        QTest::keyClick(view, Qt::Key_Down);
        QCOMPARE(m->record(view->currentIndex().row()).details.kind, ImageKind::Before);
        QTest::keyClick(view, Qt::Key_Up);
        QCOMPARE(m->record(view->currentIndex().row()).details.kind, ImageKind::After);
        QTest::keyClick(view, Qt::Key_Up);
        QCOMPARE(m->record(view->currentIndex().row()).details.kind, ImageKind::QuoteRequest);
        QTest::keyClick(view, Qt::Key_Left); // already the first: stays
        QCOMPARE(m->record(view->currentIndex().row()).details.kind, ImageKind::QuoteRequest);
        QTest::keyClick(view, Qt::Key_End);
        QCOMPARE(m->record(view->currentIndex().row()).details.kind, ImageKind::Other);
        QTest::keyClick(view, Qt::Key_Home);
        QCOMPARE(m->record(view->currentIndex().row()).details.kind, ImageKind::QuoteRequest);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(m->index(0)).center());
        QVERIFY(!m->isHeader(view->currentIndex().row())); // a click on a header changes nothing
        QTest::keyClick(view, Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(gallery->selectedImageIds().size(), 5);
        QCOMPARE(view->selectionModel()->selectedIndexes().size(), 5);

        // Picking the March "before" and the May "after" with Ctrl+click compares them.
        const auto tile = [&](const char* kind) {
            for (int row = 0; row < m->rowCount(); ++row)
                if (!m->isHeader(row) && vocab::code(m->record(row).details.kind) == QLatin1String(kind))
                    return view->visualRect(m->index(row)).center();
            return QPoint();
        };
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, tile("before"));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ControlModifier, tile("after"));
        QCOMPARE(gallery->selectedImageIds().size(), 2);
        QVERIFY(gallery->findChild<QPushButton*>(QStringLiteral("compareImages"))->isEnabled());
        QPointer<ImageCompareDialog> d = gallery->compareSelected();
        QVERIFY(d);
        QVERIFY(d->left()->accessibleName().contains(QStringLiteral("Before")));
        d->close();
        Clock::setSource({});
    }

    void thumbnailsAreReadOnlyWhenScrolledTo()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        for (int i = 0; i < 40; ++i)
            addImage(t.db(), c, markedImage(64 + i, 48), "progress", QDate(2025, 1 + i % 3, 1 + i));
        auto w = openWindow(t);
        w->openClient(c);
        w->findChild<ClientDetailView*>(QStringLiteral("clientDetail"))->showImages();
        auto* gallery = w->findChild<ImageGallery*>(QStringLiteral("imagesTab"));
        QTest::qWait(100);
        const int first = gallery->model()->thumbnailsLoaded();
        QVERIFY2(first > 0 && first < 25, qPrintable(QString::number(first)));
        gallery->view()->scrollToBottom();
        QTest::qWait(100);
        QVERIFY(gallery->model()->thumbnailsLoaded() > first);
    }

    void zoomingToActualSizeShowsTheAuditedOriginal()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 big = addImage(t.db(), c, markedImage(2400, 1800), "before", QDate(2025, 3, 11));
        auto w = openWindow(t);
        Database& db = w->workspace().db();
        w->openClient(c);
        auto* gallery = w->findChild<ImageGallery*>(QStringLiteral("imagesTab"));
        QPointer<ImageViewer> viewer = gallery->viewCurrent();
        QVERIFY(QTest::qWaitForWindowExposed(viewer));
        ZoomView* view = viewer->view();
        QCOMPARE(view->imagePixelSize(), QSize(1600, 1200)); // the preview
        QCOMPARE(view->fullSize(), QSize(2400, 1800));
        QCOMPARE(audit(db, c, "images-viewed").size(), 1); // opening the viewer
        QCOMPARE(audit(db, c, "images-viewed").constFirst().detail, QStringLiteral("viewer"));

        // Zooming in a little stays within the preview's pixels: nothing is loaded.
        QTest::keyClick(view, Qt::Key_Plus);
        QCOMPARE(viewer->loader()->state(), FullImageLoader::State::Preview);
        QTest::keyClick(view, Qt::Key_1);
        QVERIFY(qAbs(view->originalScale() - 1.0) < 1e-9);
        const QPointF centre = view->sceneCentre();
        QTRY_COMPARE(viewer->loader()->state(), FullImageLoader::State::Original);
        QCOMPARE(view->imagePixelSize(), QSize(2400, 1800));
        QVERIFY(qAbs(view->originalScale() - 1.0) < 1e-9); // still 100 %, same place
        QVERIFY2(QLineF(view->sceneCentre(), centre).length() < 1.0,
                 qPrintable(QStringLiteral("%1,%2 → %3,%4")
                                .arg(centre.x())
                                .arg(centre.y())
                                .arg(view->sceneCentre().x())
                                .arg(view->sceneCentre().y())));
        auto status = viewer->findChild<QLabel*>(QStringLiteral("viewerStatus"));
        QVERIFY2(status->text().startsWith(QStringLiteral("100 % · 2400 × 1800 · full image")),
                 qPrintable(status->text()));
        const auto viewed = audit(db, c, "images-viewed");
        QCOMPARE(viewed.size(), 2);
        const auto original = std::find_if(viewed.cbegin(), viewed.cend(), [](const AuditEntry& e) {
            return e.detail.startsWith(QStringLiteral("original"));
        });
        QVERIFY(original != viewed.cend());
        QCOMPARE(original->detail, QStringLiteral("original of image %1").arg(big));
        QCOMPARE(original->staff, QStringLiteral("manager"));
        shot(viewer, "viewer-original");
        // Zooming further uses what is loaded: no second read, no second entry.
        QTest::keyClick(view, Qt::Key_Plus);
        QCOMPARE(audit(db, c, "images-viewed").size(), 2);
        viewer->close();

        // The comparison brings in an original the same way, past the preview with the wheel or +.
        const qint64 small = addImage(db, c, markedImage(800, 600), "after", QDate(2025, 5, 20));
        gallery->setClient(c);
        gallery->selectImage(big);
        gallery->view()->selectionModel()->select(gallery->model()->index(gallery->model()->rowOf(small)),
                                                  QItemSelectionModel::Select);
        QPointer<ImageCompareDialog> d = gallery->compareSelected();
        QVERIFY(QTest::qWaitForWindowExposed(d));
        QCOMPARE(d->left()->imagePixelSize(), QSize(1600, 1200));
        for (int i = 0; i < 12 && !d->left()->wantsOriginal(); ++i)
            QTest::keyClick(d->left(), Qt::Key_Plus);
        QTRY_COMPARE(d->leftLoader()->state(), FullImageLoader::State::Original);
        QCOMPARE(d->left()->imagePixelSize(), QSize(2400, 1800));
        QCOMPARE(d->right()->imagePixelSize(), QSize(800, 600)); // its preview is its original
        QCOMPARE(d->rightLoader()->state(), FullImageLoader::State::Preview);
        QCOMPARE(d->right()->zoom(), d->left()->zoom());
        d->close();
    }

    void editingChangesWhatTheGalleryShows()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 a = addImage(t.db(), c, markedImage(300, 200), "quote_request", QDate(2025, 3, 11));
        addImage(t.db(), c, markedImage(310, 200), "quote_request", QDate(2025, 3, 10));
        auto w = openWindow(t);
        w->openClient(c);
        w->findChild<ClientDetailView*>(QStringLiteral("clientDetail"))->showImages();
        auto* gallery = w->findChild<ImageGallery*>(QStringLiteral("imagesTab"));
        QCOMPARE(gallery->model()->sectionTitles(), QStringList{"Lips — March 2025"});
        gallery->selectImage(a);
        gallery->view()->setFocus();
        bool asked = false;
        whenModal<ImageDetailsDialog>([&](ImageDetailsDialog* d) {
            asked = true;
            QCOMPARE(d->objectName(), QStringLiteral("imageEditDialog"));
            QVERIFY(!d->findChild<QLabel*>(QStringLiteral("imageEditThumbnail"))->pixmap().isNull());
            QCOMPARE(d->findChild<QComboBox*>(QStringLiteral("imageArea"))->currentData().toString(),
                     QStringLiteral("lips"));
            shot(d, "image-edit");
            auto* area = d->findChild<QComboBox*>(QStringLiteral("imageArea"));
            area->setCurrentIndex(area->findData(QStringLiteral("cheeks")));
            auto* kind = d->findChild<QComboBox*>(QStringLiteral("imageKind"));
            kind->setCurrentIndex(kind->findData(QStringLiteral("before")));
            d->findChild<QDateEdit*>(QStringLiteral("imageTakenOn"))->setDate(QDate(2025, 2, 14));
            QTest::keyClicks(d->findChild<QLineEdit*>(QStringLiteral("imageCaption")),
                             QStringLiteral("left side"));
            QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("saveImageDetails")), Qt::LeftButton);
        });
        QTest::keyClick(gallery->view(), Qt::Key_F2);
        QVERIFY(asked);
        ImageGalleryModel* m = gallery->model();
        QCOMPARE(sections(*m),
                 QStringList({"Lips — March 2025: quote_request", "Cheeks — February 2025: before"}));
        QCOMPARE(gallery->selectedImageIds(), QList<qint64>{a}); // still the one just edited
        const QModelIndex edited = m->index(m->rowOf(a));
        QCOMPARE(m->data(edited, Qt::DisplayRole).toString(), QStringLiteral("Before · 14 Feb 2025"));
        QCOMPARE(m->data(edited, ImageGalleryModel::CaptionRole).toString(), QStringLiteral("left side"));
        const ImageRecord stored = ImageStore(w->workspace().db()).get(a).value();
        QCOMPARE(stored.details.area, FaceArea::Cheeks);
        QCOMPARE(stored.details.takenOn, QDate(2025, 2, 14));
        QCOMPARE(audit(w->workspace().db(), c, "image-edited").constFirst().detail,
                 QStringLiteral("image %1: kind area taken_on caption").arg(a));

        // Cancelled, nothing changes.
        whenModal<ImageDetailsDialog>([](ImageDetailsDialog* d) {
            auto* area = d->findChild<QComboBox*>(QStringLiteral("imageArea"));
            area->setCurrentIndex(area->findData(QStringLiteral("neck")));
            d->reject();
        });
        QVERIFY(!gallery->editCurrent());
        QCOMPARE(ImageStore(w->workspace().db()).get(a)->details.area, FaceArea::Cheeks);
    }

    void deletingAsksHowManyAndRemovesTheBlobs()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 a = addImage(t.db(), c, markedImage(300, 200), "before", QDate(2025, 3, 11));
        const qint64 b = addImage(t.db(), c, markedImage(310, 200), "after", QDate(2025, 5, 10));
        const qint64 keep = addImage(t.db(), c, markedImage(320, 200), "progress", QDate(2025, 4, 10));
        auto w = openWindow(t);
        Database& db = w->workspace().db();
        w->openClient(c);
        w->findChild<ClientDetailView*>(QStringLiteral("clientDetail"))->showImages();
        auto* gallery = w->findChild<ImageGallery*>(QStringLiteral("imagesTab"));
        gallery->selectImage(a);
        gallery->view()->selectionModel()->select(gallery->model()->index(gallery->model()->rowOf(b)),
                                                  QItemSelectionModel::Select);
        gallery->view()->setFocus();

        bool deleteThem = false;
        Answers answers(
            [&](const Answers::Question&) { return deleteThem ? Answers::yes() : Answers::no(); });
        QTest::keyClick(gallery->view(), Qt::Key_Delete);
        QCOMPARE(answers.asked.size(), 1);
        QVERIFY(answers.asked.first().destructive);
        const QString question =
            answers.asked.first().text + QLatin1Char(' ') + answers.asked.first().details;
        QVERIFY2(question.contains(QStringLiteral("Delete 2 image(s) of this client?")),
                 qPrintable(question));
        QVERIFY2(question.contains(QStringLiteral("Lips · Before · 11/03/2025")), qPrintable(question));
        QCOMPARE(count(db, "SELECT count(*) FROM images"), qint64(3));
        QCOMPARE(gallery->model()->imageCount(), 3);

        deleteThem = true;
        QAction* menuAction = w->findChild<QAction*>(QStringLiteral("actionDeleteImages"));
        QVERIFY(menuAction->isEnabled());
        menuAction->trigger(); // Client → Delete selected images…
        QCOMPARE(gallery->model()->imageCount(), 1);
        QCOMPARE(gallery->model()->imageIds(), QList<qint64>{keep});
        QCOMPARE(gallery->selectedImageIds(), QList<qint64>{keep});
        QCOMPARE(count(db, "SELECT count(*) FROM images"), qint64(1));
        QCOMPARE(count(db, "SELECT count(*) FROM image_blobs WHERE image_id IN (" + std::to_string(a) + "," +
                               std::to_string(b) + ")"),
                 qint64(0));
        QCOMPARE(count(db, "SELECT count(*) FROM image_blobs"),
                 qint64(3)); // the kept image's three renditions
        QCOMPARE(audit(db, c, "image-removed").size(), 2);
        auto* report = gallery->findChild<QLabel*>(QStringLiteral("imageImportReport"));
        QVERIFY2(report->text().contains(QStringLiteral("2 image(s) deleted")), qPrintable(report->text()));
    }

    void aReceptionistCannotSeeOriginalsOrDelete()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 id = addImage(t.db(), c, markedImage(2400, 1800), "quote_request", QDate(2025, 3, 11));
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("rita"), QStringLiteral("Rita Desk"), QStringLiteral("receptionist"),
                         secret("rita's own passphrase"), KdfParams::forTestsOnly())
                    .ok());
        auto opened = Vault::open(t.dir(), QStringLiteral("rita"), secret("rita's own passphrase"));
        QVERIFY(opened.ok());
        t.close();
        auto w = std::make_unique<MainWindow>(std::make_unique<Workspace>(std::move(opened.value())));
        w->show();
        QVERIFY(QTest::qWaitForWindowExposed(w.get()));
        Database& db = w->workspace().db();
        QCOMPARE(db.actor().role, Role::Receptionist);
        w->openClient(c);
        w->findChild<ClientDetailView*>(QStringLiteral("clientDetail"))->showImages();
        auto* gallery = w->findChild<ImageGallery*>(QStringLiteral("imagesTab"));
        gallery->selectImage(id);
        // She sees the thumbnail and may correct the details, but not open, compare or delete.
        QVERIFY(!gallery->model()
                     ->data(gallery->model()->index(gallery->model()->rowOf(id)), Qt::DecorationRole)
                     .value<QIcon>()
                     .isNull());
        QVERIFY(gallery->editAction()->isEnabled());
        QVERIFY(!gallery->deleteAction()->isEnabled());
        QVERIFY(!gallery->findChild<QPushButton*>(QStringLiteral("viewImage"))->isEnabled());
        QVERIFY(!gallery->findChild<QPushButton*>(QStringLiteral("deleteImages"))->isEnabled());
        Answers answers([](const Answers::Question&) { return Answers::yes(); });
        gallery->view()->setFocus();
        QTest::keyClick(gallery->view(), Qt::Key_Delete);
        QCOMPARE(gallery->deleteSelected(), 0); // called anyway: refused, with the reason
        QVERIFY(answers.asked.isEmpty());
        auto* report = gallery->findChild<QLabel*>(QStringLiteral("imageImportReport"));
        QVERIFY2(report->text().contains(QStringLiteral("receptionist may not")), qPrintable(report->text()));
        QCOMPARE(count(db, "SELECT count(*) FROM images"), qint64(1));
        QCOMPARE(count(db, "SELECT count(*) FROM image_blobs"), qint64(3));

        // Even handed a preview-size picture, zooming to 100 % gets no original: core refuses it.
        ZoomView view;
        view.resize(600, 400);
        view.show();
        ImageStore images(db);
        FullImageLoader loader(images, &view);
        view.setImage(markedImage(1600, 1200), QSize(2400, 1800));
        loader.setImage(id);
        QTest::keyClick(&view, Qt::Key_1);
        QCOMPARE(loader.state(), FullImageLoader::State::Refused);
        QVERIFY2(loader.problem().contains(QStringLiteral("receptionist may not")),
                 qPrintable(loader.problem()));
        QCOMPARE(view.imagePixelSize(), QSize(1600, 1200));
        // And the viewer, opened anyway, shows why and no picture.
        ImageViewer viewer(images, {id}, 0);
        QVERIFY(viewer.findChild<QLabel*>(QStringLiteral("viewerTitle"))
                    ->text()
                    .contains(QStringLiteral("may not")));
        QVERIFY(viewer.view()->imagePixelSize().isEmpty());
        QTest::keyClick(viewer.view(), Qt::Key_1);
        QVERIFY(viewer.view()->imagePixelSize().isEmpty());
        QVERIFY(audit(db, c, "images-viewed").isEmpty());
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
        for (qint64 id : gallery->model()->imageIds())
            sel->select(gallery->model()->index(gallery->model()->rowOf(id)), QItemSelectionModel::Select);
        QVERIFY(compareButton->isEnabled());
        QPointer<ImageCompareDialog> d = gallery->compareSelected();
        QVERIFY(d);
        QVERIFY(QTest::qWaitForWindowExposed(d));
        QVERIFY(d->left()->accessibleName().contains(QStringLiteral("Before")));
        QVERIFY(d->right()->accessibleName().contains(QStringLiteral("After")));
        QVERIFY(d->findChild<QLabel*>(QStringLiteral("compareLeftCaption"))
                    ->text()
                    .contains(QStringLiteral("Earlier")));
        QVERIFY(d->findChild<QLabel*>(QStringLiteral("compareRightCaption"))
                    ->text()
                    .contains(QStringLiteral("Later")));
        auto* opacity = d->findChild<QSlider*>(QStringLiteral("compareOpacity"));
        QVERIFY(!opacity->isVisible()); // it does nothing side by side

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
        QVERIFY(opacity->isVisible());
        QCOMPARE(d->overlay()->zoom(), d->left()->zoom());
        d->findChild<QSlider*>(QStringLiteral("compareOpacity"))->setValue(80);
        QCOMPARE(d->overlay()->overlayOpacity(), 0.8);
        shot(d, "compare-overlay");
        d->close();
    }

    // A landscape "after" over a portrait "before" (and the other way): fitted inside it and on the
    // same middle, not hanging from the top-left corner.
    void photosOfDifferentShapesLineUpInTheOverlay()
    {
        TestVault t;
        const qint64 c = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 portrait = addImage(t.db(), c, markedImage(600, 800), "before", QDate(2025, 3, 11));
        const qint64 landscape = addImage(t.db(), c, markedImage(1600, 1200), "after", QDate(2025, 5, 20));
        ImageStore store(t.db());
        for (const auto& [first, second] : {std::pair{portrait, landscape}, std::pair{landscape, portrait}}) {
            ImageCompareDialog d(store, store.get(first).value(), store.get(second).value());
            d.setOverlayMode(true);
            const QRectF base = d.overlay()->imageRect(), over = d.overlay()->overlayRect();
            QVERIFY(base.adjusted(-0.5, -0.5, 0.5, 0.5).contains(over));
            QVERIFY(QLineF(base.center(), over.center()).length() < 0.5);
            QVERIFY(over.width() > base.width() * 0.7 ||
                    over.height() > base.height() * 0.99); // fitted, not tiny
        }
    }
};

QTEST_MAIN(TestGuiImages)
#include "tst_gui_images.moc"
