// The diary as a receptionist meets it on her first day: it opens on the screen, where she can book
// next (not on a slot already gone, nor on one already taken), with the client she has on screen; a
// move can be put back; Esc and Ctrl+W close it; the manager is not a column to book by mistake.
#include "GuiHelpers.h"
#include "TestVault.h"
#include "common/Clock.h"
#include "desk/MainWindow.h"
#include "diary/AppointmentDialog.h"
#include "diary/Diary.h"
#include "diary/DiaryWindow.h"
#include "storage/Sql.h"

#include <QAction>
#include <QComboBox>
#include <QDateEdit>
#include <QDropEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPushButton>
#include <QScreen>
#include <QTest>
#include <QTimeEdit>

using namespace cd;
using namespace cd::test;
using namespace cd::ui;

namespace {

// Tuesday 4 March 2025 (London is on GMT: local time = UTC).
const QDate kToday(2025, 3, 4);

struct Desk
{
    TestVault t;
    qint64 priya = 0, zoe = 0, amara = 0;
    std::unique_ptr<MainWindow> w;
    explicit Desk(const QTime& now)
    {
        Clock::setSource([now] { return QDateTime(kToday, now, Qt::UTC); });
        t.db()
            .prepare("INSERT INTO staff (username, display_name, role, created_at) VALUES ('priya','Dr Priya "
                     "Shah','practitioner','2025-01-01T00:00:00Z')")
            .run();
        priya = t.db().lastInsertId();
        zoe = t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor"));
        amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Bello"));
        auto opened = Vault::open(t.dir(), QStringLiteral("manager"), secret(kPassphrase));
        if (!opened)
            qFatal("open: %s", qPrintable(opened.message()));
        t.close();
        w = std::make_unique<MainWindow>(std::make_unique<Workspace>(std::move(opened.value())));
        w->show();
    }
    ~Desk() { Clock::setSource(nullptr); }
    DiaryWindow* diary()
    {
        w->findChild<QAction*>(QStringLiteral("actionDiary"))->trigger();
        return w->findChild<DiaryWindow*>();
    }
    qint64 book(const QTime& at, qint64 client, int minutes = 60)
    {
        Appointment a;
        a.clientId = client;
        a.treatment = QStringLiteral("Lip filler");
        a.startsAt = QDateTime(kToday, at);
        a.durationMinutes = minutes;
        a.practitionerId = priya;
        return Diary(w->workspace().db()).book(a).value();
    }
};

QTime cursorTime(DiaryWindow* d)
{
    return d->model()->slotStart(d->view()->cursorRow(), d->view()->cursorColumn()).time();
}

} // namespace

class TestDiaryDesk : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void itOpensOnTheScreenAndClosesWithEscOrCtrlW()
    {
        Desk desk(QTime(10, 0));
        DiaryWindow* d = desk.diary();
        QVERIFY(d->isVisible());
        const QRect screen = d->screen()->availableGeometry();
        QVERIFY2(screen.contains(d->frameGeometry()),
                 qPrintable(QStringLiteral("diary %1,%2 %3×%4 on a screen of %5×%6")
                                .arg(d->frameGeometry().x())
                                .arg(d->frameGeometry().y())
                                .arg(d->frameGeometry().width())
                                .arg(d->frameGeometry().height())
                                .arg(screen.width())
                                .arg(screen.height())));
        QVERIFY(QTest::qWaitForWindowActive(d));
        QTest::keyClick(d->view(), Qt::Key_Escape);
        QTRY_VERIFY(!d->isVisible());
        QVERIFY(desk.w->isVisible()); // the main window stays
        d = desk.diary();
        QVERIFY(QTest::qWaitForWindowActive(d));
        QTest::keyClick(d->view(), Qt::Key_W, Qt::ControlModifier);
        QTRY_VERIFY(!d->isVisible());
    }

    void theManagerIsNotAColumnToBookByMistake()
    {
        Desk desk(QTime(10, 0));
        DiaryWindow* d = desk.diary();
        QCOMPARE(d->model()->columnCount(), 1);
        QCOMPARE(d->model()->column(0).title, QStringLiteral("Dr Priya Shah"));
    }

    void theCursorStartsAtTheNextSlotToCome()
    {
        {
            Desk desk(QTime(14, 5));
            DiaryWindow* d = desk.diary();
            QCOMPARE(d->model()->anchor(), kToday);
            QCOMPARE(cursorTime(d), QTime(14, 15));
        }
        {
            Desk desk(QTime(7, 30));
            QCOMPARE(cursorTime(desk.diary()), QTime(9, 0));
        }
        {
            // After closing: tomorrow morning, and the message says so.
            Desk desk(QTime(19, 10));
            DiaryWindow* d = desk.diary();
            QCOMPARE(d->model()->anchor(), kToday.addDays(1));
            QCOMPARE(cursorTime(d), QTime(9, 0));
            QVERIFY2(d->message().contains(QStringLiteral("tomorrow")), qPrintable(d->message()));
        }
    }

    // Book… on Zoë's 11:00–12:00 offers 13:15, the first free half hour (12:00–12:15 is a gap before
    // Amara's 12:15–13:15, too short); a slot already gone offers the next one to come. Ctrl+B inside the
    // diary brings the client on screen in the main window.
    void bookOffersAFreeSlotForTheClientOnScreen()
    {
        Desk desk(QTime(10, 20));
        desk.book(QTime(11, 0), desk.zoe);
        desk.book(QTime(12, 15), desk.amara); // 12:00–12:15 is free, too short for 30 minutes
        desk.w->openClient(desk.amara);
        DiaryWindow* d = desk.diary();
        d->view()->setCursor(d->model()->rowOf(QTime(11, 0)), 0);
        QVERIFY(d->view()->selectedId() > 0);
        QDateTime offered;
        QString client;
        bool searchShown = false;
        const auto capture = [&] {
            whenModal<AppointmentDialog>([&](AppointmentDialog* dialog) {
                offered =
                    QDateTime(dialog->findChild<QDateEdit*>(QStringLiteral("appointmentDate"))->date(),
                              dialog->findChild<QTimeEdit*>(QStringLiteral("appointmentStart"))->time());
                auto* label = dialog->findChild<QLabel*>(QStringLiteral("appointmentClient"));
                client = label ? label->text() : QString();
                searchShown = dialog->findChild<QLineEdit*>(QStringLiteral("appointmentClientSearch"));
                dialog->reject();
            });
        };
        capture();
        QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("diaryBook")), Qt::LeftButton);
        QCOMPARE(offered, QDateTime(kToday, QTime(13, 15)));
        QVERIFY(searchShown); // no client on screen in the diary's own Book…: she finds one in the dialog

        d->view()->setCursor(d->model()->rowOf(QTime(9, 0)), 0); // gone at 10:20
        capture();
        desk.w->findChild<QAction*>(QStringLiteral("actionBookAppointment"))->trigger(); // Ctrl+B
        QCOMPARE(offered, QDateTime(kToday, QTime(10, 30)));
        QVERIFY2(client.contains(QStringLiteral("Amara Bello")), qPrintable(client));
        QVERIFY(!searchShown);
    }

    // A name in a narrow lane of the week view is set smaller before it is cut: "Agnieszka O." whole.
    void aNarrowLaneKeepsTheWholeName()
    {
        QFont bold;
        bold.setPointSizeF(10);
        bold.setBold(true);
        const QString name = QStringLiteral("Agnieszka O.");
        const int full = QFontMetrics(bold).horizontalAdvance(name);
        const QFont f = DiaryView::fitted(bold, name, full * 85 / 100);
        QVERIFY(f.pointSizeF() < 10 && f.pointSizeF() >= 7.5);
        QVERIFY(QFontMetrics(f).horizontalAdvance(name) <= full * 85 / 100);
        QCOMPARE(DiaryView::fitted(bold, name, full).pointSizeF(), 10.0);    // fits: unchanged
        QCOMPARE(DiaryView::fitted(bold, name, full / 3).pointSizeF(), 7.5); // never below three quarters
    }

    // A drag that put Zoë in the wrong slot is put back with Ctrl+Z (or the Undo move button).
    void aMoveCanBePutBack()
    {
        Desk desk(QTime(9, 0));
        const qint64 id = desk.book(QTime(11, 0), desk.zoe);
        DiaryWindow* d = desk.diary();
        DiaryView* view = d->view();
        QVERIFY(!d->canUndoMove());
        QVERIFY(!d->findChild<QPushButton*>(QStringLiteral("diaryUndo"))->isVisible());
        const QRect target = view->slotRect(d->model()->rowOf(QTime(15, 0)), 0);
        std::unique_ptr<QMimeData> mime(DiaryView::mimeFor(id, 0));
        QDragEnterEvent enter(target.center(), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &enter);
        QDropEvent drop(QPointF(target.center()), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &drop);
        Diary diary(desk.w->workspace().db());
        QCOMPARE(diary.get(id)->startsAt.toLocalTime().time(), QTime(15, 0));
        QVERIFY2(d->message().contains(QStringLiteral("Ctrl+Z")), qPrintable(d->message()));
        auto* undo = d->findChild<QPushButton*>(QStringLiteral("diaryUndo"));
        QVERIFY(undo->isVisible());

        // Alt+↓ moves it again; two Ctrl+Z put it back to 11:00, one step at a time.
        view->selectAppointment(id);
        QTest::keyClick(view, Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(diary.get(id)->startsAt.toLocalTime().time(), QTime(15, 15));
        QVERIFY(QTest::qWaitForWindowActive(d));
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(diary.get(id)->startsAt.toLocalTime().time(), QTime(15, 0));
        QTest::mouseClick(undo, Qt::LeftButton);
        QCOMPARE(diary.get(id)->startsAt.toLocalTime().time(), QTime(11, 0));
        QVERIFY2(d->message().startsWith(QStringLiteral("Put back")), qPrintable(d->message()));
        QVERIFY(!undo->isVisible());
        QVERIFY(!d->undoMove()); // nothing left to undo

        // A slot taken since the move is not taken over: refused, and said.
        QVERIFY(d->move({id, QDateTime(kToday, QTime(16, 0)), std::nullopt, std::nullopt}));
        desk.book(QTime(11, 0), desk.amara);
        QVERIFY(!d->undoMove());
        QVERIFY2(d->message().startsWith(QStringLiteral("Not put back")), qPrintable(d->message()));
        QCOMPARE(diary.get(id)->startsAt.toLocalTime().time(), QTime(16, 0));
    }
};

QTEST_MAIN(TestDiaryDesk)
#include "tst_diary_desk.moc"
