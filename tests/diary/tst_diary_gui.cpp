// The diary in the real windows: book through the dialog, see it in the day view and today's list,
// move it with the keyboard and by drag and drop, a move into a clash refused with the reason and
// the time unchanged, cancel with a reason, export the .ics, and book from the client's record.
#include "Answers.h"
#include "GuiHelpers.h"
#include "OpenWindow.h"
#include "TestVault.h"
#include "clients/ClientDetailView.h"
#include "common/Clock.h"
#include "desk/MainWindow.h"
#include "diary/AppointmentDialog.h"
#include "diary/Diary.h"
#include "diary/DiaryWindow.h"
#include "diary/RoomsDialog.h"
#include "records/Quotes.h"
#include "storage/Sql.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeEdit>
#include <QTreeWidget>

using namespace cd;
using namespace cd::test;
using namespace cd::ui;

namespace {

// Tuesday 4 March 2025, 09:00 GMT (London is on GMT: local time = UTC).
const QDateTime kNow(QDate(2025, 3, 4), QTime(9, 0), Qt::UTC);
const QDate kToday(2025, 3, 4);

QTime localStart(Database& db, qint64 id)
{
    return Diary(db).get(id)->startsAt.toLocalTime().time();
}

// Dr Priya Shah, a practitioner (an account without a key slot: the desk books for her).
qint64 addPriya(TestVault& t)
{
    t.db()
        .prepare("INSERT INTO staff (username, display_name, role, created_at) VALUES ('priya','Dr Priya "
                 "Shah','practitioner','2025-01-01T00:00:00Z')")
        .run();
    return t.db().lastInsertId();
}

} // namespace

class TestDiaryGui : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init()
    {
        Clock::setSource([] { return kNow; });
    }
    void cleanup() { Clock::setSource(nullptr); }

    void bookMoveDragClashCancelExport()
    {
        TestVault t;
        qint64 priya = 0, sam = 0;
        for (const char* user : {"priya", "sam"}) {
            t.db()
                .prepare("INSERT INTO staff (username, display_name, role, created_at) VALUES "
                         "(?,?,'practitioner','2025-01-01T00:00:00Z')")
                .bind(1, user)
                .bind(2, QLatin1String(user) == QLatin1String("priya") ? "Dr Priya Shah" : "Sam Okoye")
                .run();
            (QLatin1String(user) == QLatin1String("priya") ? priya : sam) = t.db().lastInsertId();
        }
        const qint64 room1 = Diary(t.db()).addRoom(QStringLiteral("Room 1")).value();
        const qint64 room2 = Diary(t.db()).addRoom(QStringLiteral("Room 2")).value();
        const qint64 zoe = t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor-Llewellyn"),
                                       QStringLiteral("07700 900123"));
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Bello"));
        auto opened = Vault::open(t.dir(), QStringLiteral("manager"), secret(kPassphrase));
        QVERIFY(opened.ok());
        t.close();
        MainWindow w(std::make_unique<Workspace>(std::move(opened.value())));
        w.show();
        Database& db = w.workspace().db();
        auto* today = w.findChild<QTreeWidget*>(QStringLiteral("todayAppointments"));
        QVERIFY(today);
        QCOMPARE(today->topLevelItem(0)->text(1), QStringLiteral("No appointments today"));

        // Ctrl+D opens the diary on today, a column per practitioner.
        w.findChild<QAction*>(QStringLiteral("actionDiary"))->trigger();
        auto* diary = w.findChild<DiaryWindow*>();
        QVERIFY(diary);
        QVERIFY(diary->isVisible());
        DiaryView* view = diary->view();
        DiaryModel* model = diary->model();
        QCOMPARE(model->anchor(), kToday);
        const int priyaCol = model->columnFor(kToday, priya), samCol = model->columnFor(kToday, sam);
        QVERIFY(priyaCol >= 0 && samCol >= 0);

        // Enter on an empty slot (Priya, 10:00) books there: the client found as you type.
        view->setFocus();
        view->setCursor(model->rowOf(QTime(10, 0)), priyaCol);
        QCOMPARE(view->selectedId(), 0);
        bool dialogSeen = false;
        whenModal<AppointmentDialog>([&](AppointmentDialog* d) {
            dialogSeen = true;
            QCOMPARE(d->findChild<QComboBox*>(QStringLiteral("appointmentPractitioner"))->currentText(),
                     QStringLiteral("Dr Priya Shah"));
            QTest::keyClicks(d->findChild<QLineEdit*>(QStringLiteral("appointmentClientSearch")),
                             QStringLiteral("zoe okaf"));
            auto* results = d->findChild<QListWidget*>(QStringLiteral("appointmentClientResults"));
            QVERIFY(results->count() >= 1);
            QVERIFY(results->item(0)->text().startsWith(QStringLiteral("Zoë Okafor-Llewellyn")));
            d->findChild<QComboBox*>(QStringLiteral("appointmentKind"))->setCurrentIndex(1); // treatment
            d->findChild<QSpinBox*>(QStringLiteral("appointmentDuration"))->setValue(45);
            QTest::keyClicks(d->findChild<QLineEdit*>(QStringLiteral("appointmentTreatment")),
                             QStringLiteral("Lip filler"));
            QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("appointmentSave")), Qt::LeftButton);
        });
        QTest::keyClick(view, Qt::Key_Return);
        QVERIFY(dialogSeen);
        auto booked = Diary(db).day(kToday);
        QCOMPARE(booked->size(), 1);
        const Appointment a = booked->first();
        QCOMPARE(a.clientId, zoe);
        QCOMPARE(a.practitionerId, priya);
        QCOMPARE(a.roomId, room1);
        QCOMPARE(a.kind, AppointmentKind::Treatment);
        QCOMPARE(a.startsAt.toLocalTime().time(), QTime(10, 0));
        QCOMPARE(a.durationMinutes, 45);
        // In the day view: Priya's column, 10:00, three rows; selected; and in today's list.
        const DiaryModel::Block* b = model->blockFor(a.id);
        QVERIFY(b);
        QCOMPARE(b->column, priyaCol);
        QCOMPARE(b->row, model->rowOf(QTime(10, 0)));
        QCOMPARE(b->rowSpan, 3);
        QCOMPARE(view->selectedId(), a.id);
        QVERIFY(diary->message().startsWith(QStringLiteral("Booked")));
        QTRY_COMPARE(today->topLevelItem(0)->text(0), QStringLiteral("10:00"));
        QCOMPARE(today->topLevelItemCount(), 1);
        QCOMPARE(today->topLevelItem(0)->text(1), QStringLiteral("Zoë Okafor-Llewellyn"));
        QCOMPARE(today->topLevelItem(0)->text(2), QStringLiteral("Lip filler"));
        QCOMPARE(today->topLevelItem(0)->text(3), QStringLiteral("Dr Priya Shah"));
        QCOMPARE(today->topLevelItem(0)->text(4), QStringLiteral("Booked"));

        // Keyboard: Alt+Down moves it 15 minutes later.
        QTest::keyClick(view, Qt::Key_Down, Qt::AltModifier);
        QCOMPARE(localStart(db, a.id), QTime(10, 15));
        QCOMPARE(model->blockFor(a.id)->row, model->rowOf(QTime(10, 15)));
        QVERIFY(diary->message().startsWith(QStringLiteral("Moved")));
        QTRY_COMPARE(today->topLevelItem(0)->text(0), QStringLiteral("10:15"));

        // Someone else with Priya at 11:00: Alt+Down twice would overlap it. Refused, with the reason, left
        // in place.
        Appointment other;
        other.clientId = amara;
        other.treatment = QStringLiteral("Consultation");
        other.startsAt = QDateTime(kToday, QTime(11, 0));
        other.durationMinutes = 60;
        other.practitionerId = priya;
        other.roomId = room2;
        const qint64 otherId = Diary(db).book(other).value();
        diary->reload();
        view->selectAppointment(a.id);
        QTest::keyClick(view, Qt::Key_Down, Qt::AltModifier); // 10:30-11:15 overlaps 11:00
        QCOMPARE(localStart(db, a.id), QTime(10, 15));
        QVERIFY2(diary->message().contains(QStringLiteral("Dr Priya Shah is already booked")),
                 qPrintable(diary->message()));
        QVERIFY(!diary->message().contains(QStringLiteral("appointment %1").arg(otherId)));
        QVERIFY2(diary->message().contains(QStringLiteral("(a consultation)")) ||
                     diary->message().contains(QStringLiteral("(a treatment)")),
                 qPrintable(diary->message()));
        QVERIFY(!diary->message().contains(QStringLiteral("Amara"))); // never the other client's name
        QCOMPARE(view->selectedId(), a.id);
        QCOMPARE(model->blockFor(a.id)->row, model->rowOf(QTime(10, 15)));

        // Drag and drop: over Priya's 11:00 the ghost says taken; the drop is refused the same way.
        const QRect taken = view->slotRect(model->rowOf(QTime(11, 0)), priyaCol);
        std::unique_ptr<QMimeData> mime(DiaryView::mimeFor(a.id, 0));
        QDragEnterEvent enter(taken.center(), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &enter);
        QDragMoveEvent over(taken.center(), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &over);
        QVERIFY2(
            view->dragFeedback().startsWith(QStringLiteral("Taken: Dr Priya Shah is booked 11:00–12:00")),
            qPrintable(view->dragFeedback()));
        QDropEvent refused(QPointF(taken.center()), Qt::MoveAction, mime.get(), Qt::LeftButton,
                           Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &refused);
        QCOMPARE(localStart(db, a.id), QTime(10, 15));
        QCOMPARE(Diary(db).get(a.id)->practitionerId, priya);
        QVERIFY(diary->message().startsWith(QStringLiteral("Not moved")));
        QVERIFY(view->dragFeedback().isEmpty());

        // Over Sam's 14:00 it is free; dropped there it moves to 14:00 with Sam.
        const QRect free = view->slotRect(model->rowOf(QTime(14, 0)), samCol);
        QDragEnterEvent enterAgain(free.center(), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &enterAgain);
        QDragMoveEvent overFree(free.center(), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &overFree);
        QCOMPARE(view->dragFeedback(), QStringLiteral("Free: 14:00"));
        QDropEvent drop(QPointF(free.center()), Qt::MoveAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(view->viewport(), &drop);
        auto moved = Diary(db).get(a.id);
        QCOMPARE(moved->startsAt.toLocalTime().time(), QTime(14, 0));
        QCOMPARE(moved->practitionerId, sam);
        QCOMPARE(moved->roomId, room1);
        QCOMPARE(model->blockFor(a.id)->column, samCol);
        QTRY_VERIFY(today->topLevelItemCount() > 1);
        QTRY_COMPARE(today->topLevelItem(1)->text(0), QStringLiteral("14:00"));
        QCOMPARE(today->topLevelItem(1)->text(3), QStringLiteral("Sam Okoye"));

        // A real mouse press on the block selects it (the drag itself starts a platform drag loop).
        view->setCursor(0, priyaCol);
        QCOMPARE(view->selectedId(), 0);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {},
                          view->blockRect(*model->blockFor(a.id)).center());
        QCOMPARE(view->selectedId(), a.id);

        // Export to calendar through the injectable chooser.
        QTemporaryDir out;
        const QString icsPath = out.path() + QStringLiteral("/zoe.ics");
        QString suggested;
        QString cancelReason;
        Answers answers([&](const Answers::Question& q) {
            if (q.kind == Answers::Question::Kind::SaveFile) {
                suggested = q.suggested;
                return Answers::file(icsPath);
            }
            return Answers::text(cancelReason);
        });
        QTest::mouseClick(diary->findChild<QPushButton*>(QStringLiteral("diaryExportIcs")), Qt::LeftButton);
        QCOMPARE(suggested, QStringLiteral("appointment-%1.ics").arg(a.id));
        QFile ics(icsPath);
        QVERIFY(ics.open(QIODevice::ReadOnly));
        const QByteArray text = ics.readAll();
        QVERIFY(text.startsWith("BEGIN:VCALENDAR\r\n"));
        QVERIFY(text.contains("\r\nDTSTART:20250304T140000Z\r\n"));
        QVERIFY(text.contains("\r\nDTEND:20250304T144500Z\r\n"));
        QVERIFY(!text.contains("Okafor")); // first name only
        QVERIFY(diary->message().contains(QStringLiteral("zoe.ics")));

        // Cancel: without a reason nothing happens; with one it is cancelled and shown so.
        cancelReason.clear();
        QTest::keyClick(view, Qt::Key_Delete);
        QCOMPARE(Diary(db).get(a.id)->status, AppointmentStatus::Booked);
        QVERIFY(diary->message().contains(QStringLiteral("needs a reason")));
        cancelReason = QStringLiteral("Client unwell");
        QTest::mouseClick(diary->findChild<QPushButton*>(QStringLiteral("diaryCancel")), Qt::LeftButton);
        auto cancelled = Diary(db).get(a.id);
        QCOMPARE(cancelled->status, AppointmentStatus::Cancelled);
        QCOMPARE(cancelled->cancelReason, QStringLiteral("Client unwell"));
        QCOMPARE(model->blockFor(a.id)->a.status, AppointmentStatus::Cancelled);
        QTRY_VERIFY(today->topLevelItemCount() > 1);
        QTRY_COMPARE(today->topLevelItem(1)->text(4), QStringLiteral("Cancelled"));
        // Hidden with the filter.
        diary->findChild<QCheckBox*>(QStringLiteral("diaryShowCancelled"))->setChecked(false);
        QVERIFY(!model->blockFor(a.id));
        QVERIFY(model->blockFor(otherId));

        // Today's list: Enter opens the client.
        today->setCurrentItem(today->topLevelItem(0));
        QTest::keyClick(today, Qt::Key_Return);
        QCOMPARE(w.currentClientId(), amara);

        // Navigation: Ctrl+→ the next day, T back to today, week view has Monday to Sunday.
        QTest::keyClick(view, Qt::Key_Right, Qt::ControlModifier);
        QCOMPARE(model->anchor(), kToday.addDays(1));
        QTest::keyClick(view, Qt::Key_T);
        QCOMPARE(model->anchor(), kToday);
        QTest::mouseClick(diary->findChild<QPushButton*>(QStringLiteral("diaryWeekView")), Qt::LeftButton);
        QCOMPARE(model->columnCount(), 7);
        QCOMPARE(model->column(0).date, QDate(2025, 3, 3));
        QVERIFY(model->blockFor(otherId));
        QTest::keyClick(view, Qt::Key_PageDown);
        QCOMPARE(model->firstDay(), QDate(2025, 3, 10));
    }

    // A time already gone today is asked about before it is booked; "no" books nothing.
    void aPastTimeIsAskedAboutFirst()
    {
        TestVault t;
        const qint64 priya = addPriya(t);
        const qint64 zoe = t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor"));
        auto opened = Vault::open(t.dir(), QStringLiteral("manager"), secret(kPassphrase));
        t.close();
        MainWindow w(std::make_unique<Workspace>(std::move(opened.value())));
        w.show();
        w.openClient(zoe);
        const QTime gone = kNow.toLocalTime().time().addSecs(-3600);
        QStringList asked;
        bool bookAnyway = false;
        Answers answers([&](const Answers::Question& q) {
            asked << q.text;
            return bookAnyway ? Answers::yes() : Answers::no();
        });
        QString error;
        const auto bookAt = [&] {
            whenModal<AppointmentDialog>([&](AppointmentDialog* d) {
                d->findChild<QDateEdit*>(QStringLiteral("appointmentDate"))->setDate(kToday);
                d->findChild<QTimeEdit*>(QStringLiteral("appointmentStart"))->setTime(gone);
                auto* who = d->findChild<QComboBox*>(QStringLiteral("appointmentPractitioner"));
                who->setCurrentIndex(who->findData(priya));
                QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("appointmentSave")),
                                  Qt::LeftButton);
                error = d->isVisible() ? d->findChild<QLabel*>(QStringLiteral("appointmentError"))->text()
                                       : QString();
            });
            w.findChild<QAction*>(QStringLiteral("actionBookAppointment"))->trigger();
        };
        bookAt();
        QCOMPARE(asked.size(), 1);
        QVERIFY2(asked.first().contains(QStringLiteral("already in the past")), qPrintable(asked.first()));
        QVERIFY2(error.contains(QStringLiteral("Not booked")), qPrintable(error));
        QVERIFY(Diary(w.workspace().db()).forClient(zoe)->isEmpty());
        bookAnyway = true;
        bookAt();
        QCOMPARE(Diary(w.workspace().db()).forClient(zoe)->size(), 1);
    }

    void bookFromTheClientsRecord()
    {
        TestVault t;
        const qint64 priya = addPriya(t);
        Diary(t.db()).addRoom(QStringLiteral("Room 1")).value();
        const qint64 zoe = t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor"));
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Bello"));
        auto opened = Vault::open(t.dir(), QStringLiteral("manager"), secret(kPassphrase));
        t.close();
        MainWindow w(std::make_unique<Workspace>(std::move(opened.value())));
        w.show();
        w.openClient(zoe);
        auto* list = w.findChild<QTreeWidget*>(QStringLiteral("clientAppointments"));
        QCOMPARE(list->topLevelItemCount(), 0);

        // Ctrl+B with the client on screen: the dialog has her already; a clash is refused in the dialog.
        bool seen = false;
        whenModal<AppointmentDialog>([&](AppointmentDialog* d) {
            seen = true;
            QVERIFY(!d->findChild<QLineEdit*>(QStringLiteral("appointmentClientSearch")));
            QVERIFY(d->findChild<QLabel*>(QStringLiteral("appointmentClient"))
                        ->text()
                        .contains(QStringLiteral("Zoë Okafor")));
            d->findChild<QDateEdit*>(QStringLiteral("appointmentDate"))->setDate(kToday.addDays(2));
            d->findChild<QTimeEdit*>(QStringLiteral("appointmentStart"))->setTime(QTime(15, 30));
            d->findChild<QComboBox*>(QStringLiteral("appointmentPractitioner"))
                ->setCurrentIndex(
                    d->findChild<QComboBox*>(QStringLiteral("appointmentPractitioner"))->findData(priya));
            d->findChild<QComboBox*>(QStringLiteral("appointmentKind"))->setCurrentIndex(1); // treatment
            // No treatment: core's message, nothing saved, the dialog stays.
            QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("appointmentSave")), Qt::LeftButton);
            QCOMPARE(d->findChild<QLabel*>(QStringLiteral("appointmentError"))->text(),
                     QStringLiteral("Say which treatment is booked."));
            QVERIFY(d->isVisible());
            QTest::keyClicks(d->findChild<QLineEdit*>(QStringLiteral("appointmentTreatment")),
                             QStringLiteral("Skin booster"));
            QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("appointmentSave")), Qt::LeftButton);
        });
        w.findChild<QAction*>(QStringLiteral("actionBookAppointment"))->trigger();
        QVERIFY(seen);
        auto mine = Diary(w.workspace().db()).forClient(zoe);
        QCOMPARE(mine->size(), 1);
        QCOMPARE(mine->first().startsAt.toLocalTime(), QDateTime(kToday.addDays(2), QTime(15, 30)));
        // The record lists it, and the diary shows it selected on its day.
        QTRY_COMPARE(list->topLevelItemCount(), 1);
        QVERIFY(list->topLevelItem(0)->text(1).contains(QStringLiteral("Skin booster")));
        auto* diary = w.findChild<DiaryWindow*>();
        QCOMPARE(diary->model()->anchor(), kToday.addDays(2));
        QCOMPARE(diary->view()->selectedId(), mine->first().id);

        // A second booking in the same slot from the record's button: refused in the dialog with core's
        // message.
        w.openClient(amara);
        whenModal<AppointmentDialog>([&](AppointmentDialog* d) {
            d->findChild<QDateEdit*>(QStringLiteral("appointmentDate"))->setDate(kToday.addDays(2));
            d->findChild<QTimeEdit*>(QStringLiteral("appointmentStart"))->setTime(QTime(15, 45));
            d->findChild<QComboBox*>(QStringLiteral("appointmentPractitioner"))
                ->setCurrentIndex(
                    d->findChild<QComboBox*>(QStringLiteral("appointmentPractitioner"))->findData(priya));
            QTest::keyClicks(d->findChild<QLineEdit*>(QStringLiteral("appointmentTreatment")),
                             QStringLiteral("Lip filler"));
            QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("appointmentSave")), Qt::LeftButton);
            const QString error = d->findChild<QLabel*>(QStringLiteral("appointmentError"))->text();
            QVERIFY2(error.contains(QStringLiteral("Dr Priya Shah is already booked")), qPrintable(error));
            QVERIFY(d->isVisible());
        });
        QTest::mouseClick(w.findChild<QPushButton*>(QStringLiteral("bookAppointmentButton")), Qt::LeftButton);
        QCOMPARE(Diary(w.workspace().db()).forClient(amara)->size(), 0);
    }

    void roomsAreAddedAndRetiredInSettings()
    {
        TestVault t;
        Diary diary(t.db());
        RoomsDialog d(diary);
        d.show();
        auto* list = d.findChild<QListWidget*>(QStringLiteral("roomList"));
        const int before = list->count();
        QTest::mouseClick(d.findChild<QPushButton*>(QStringLiteral("roomAdd")), Qt::LeftButton);
        QVERIFY(d.findChild<QLabel*>(QStringLiteral("roomError"))->text().contains(QStringLiteral("name")));
        QTest::keyClicks(d.findChild<QLineEdit*>(QStringLiteral("roomName")), QStringLiteral("Laser suite"));
        QTest::keyClick(d.findChild<QLineEdit*>(QStringLiteral("roomName")), Qt::Key_Return);
        QCOMPARE(list->count(), before + 1);
        const auto found = list->findItems(QStringLiteral("Laser suite"), Qt::MatchExactly);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first()->checkState(), Qt::Checked);
        const auto bookable = [&] {
            QStringList names;
            for (const Room& r : Diary(t.db()).rooms(true).value())
                names << r.name;
            return names;
        };
        QVERIFY(bookable().contains(QStringLiteral("Laser suite")));
        found.first()->setCheckState(Qt::Unchecked); // retired: past appointments keep the name
        QVERIFY(!bookable().contains(QStringLiteral("Laser suite")));
        QTest::keyClicks(d.findChild<QLineEdit*>(QStringLiteral("roomName")), QStringLiteral("Laser suite"));
        QTest::mouseClick(d.findChild<QPushButton*>(QStringLiteral("roomAdd")), Qt::LeftButton);
        QVERIFY(
            d.findChild<QLabel*>(QStringLiteral("roomError"))->text().contains(QStringLiteral("already")));
    }

    void twoAmarasAreNotAGuess()
    {
        TestVault t;
        t.addClient(QStringLiteral("Amara"), QStringLiteral("Campbell"), QStringLiteral("07700 900111"));
        t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900222"));
        Appointment a;
        a.startsAt = QDateTime(QDate::currentDate().addDays(1), QTime(10, 0));
        auto w = openWindow(t);
        AppointmentDialog d(w->workspace(), a);
        d.show();
        auto* search = d.findChild<QLineEdit*>(QStringLiteral("appointmentClientSearch"));
        auto* results = d.findChild<QListWidget*>(QStringLiteral("appointmentClientResults"));
        QTest::keyClicks(search, QStringLiteral("Amara"));
        QTRY_COMPARE(results->count(), 2);
        QCOMPARE(results->currentRow(), -1); // she picks; the phone numbers tell them apart
        QVERIFY(results->item(0)->text().contains(QStringLiteral("07700 900")));
        search->clear();
        QTest::keyClicks(search, QStringLiteral("Amara Okafor"));
        QTRY_COMPARE(results->currentRow(), 0); // an exact name is chosen for her
        QVERIFY(results->currentItem()->text().startsWith(QStringLiteral("Amara Okafor")));
    }

    void aDeskLeftOpenOvernightMovesToTheNewDay()
    {
        const QDateTime monday(QDate(2026, 11, 23), QTime(17, 0), Qt::UTC);
        Clock::setSource([monday] { return monday; });
        TestVault t;
        t.db()
            .prepare("INSERT INTO staff (username, display_name, role, created_at) VALUES ('priya','Dr Priya "
                     "Shah','practitioner','x')")
            .run();
        const qint64 priya = t.db().lastInsertId();
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Bello"));
        Appointment a;
        a.clientId = amara;
        a.startsAt = QDateTime(QDate(2026, 11, 24), QTime(10, 0));
        a.practitionerId = priya;
        a.treatment = QStringLiteral("Lip filler");
        QVERIFY(Diary(t.db()).book(a).ok());
        Quote q;
        q.clientId = amara;
        q.validUntil = QDate(2026, 11, 23); // valid until the end of today
        q.items = {{0, QStringLiteral("Lip filler (1 ml)"), 25000, 1}};
        const qint64 quote = Quotes(t.db()).create(q).value();
        QVERIFY(Quotes(t.db()).setStatus(quote, QuoteStatus::Sent).ok());
        auto opened = Vault::open(t.dir(), QStringLiteral("manager"), secret(kPassphrase));
        QVERIFY(opened.ok());
        t.close();
        MainWindow w(std::make_unique<Workspace>(std::move(opened.value())));
        w.show();
        auto* today = w.findChild<QTreeWidget*>(QStringLiteral("todayAppointments"));
        QCOMPARE(today->topLevelItemCount(), 1);
        QVERIFY(
            today->topLevelItem(0)->text(1).contains(QStringLiteral("No appointments"))); // nothing on Monday
        w.checkDayChange();
        QCOMPARE(Quotes(w.workspace().db()).get(quote)->status, QuoteStatus::Sent); // still valid today

        Clock::setSource([monday] { return monday.addSecs(8 * 3600); }); // 01:00 on Tuesday
        w.checkDayChange();
        QCOMPARE(today->topLevelItemCount(), 1);
        QVERIFY(today->topLevelItem(0)->text(1).contains(QStringLiteral("Amara")));
        QCOMPARE(Quotes(w.workspace().db()).get(quote)->status, QuoteStatus::Expired);
    }
};

QTEST_MAIN(TestDiaryGui)
#include "tst_diary_gui.moc"
