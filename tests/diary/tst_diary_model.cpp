// The diary's grid model over a real vault: which slot and row span an appointment takes, lanes for
// overlaps, practitioner and room columns, the cancelled filter, appointments across midnight
// and the weeks the clocks change.
#include "TestVault.h"
#include "common/Clock.h"
#include "diary/Diary.h"
#include "diary/DiaryModel.h"
#include "storage/Sql.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace cd;
using namespace cd::test;
using namespace cd::ui;

namespace {

QDateTime at(const QDate& day, const QString& hhmm)
{
    return QDateTime(day, QTime::fromString(hhmm, QStringLiteral("HH:mm")));
}

struct Clinic
{
    TestVault t;
    qint64 priya = 0, sam = 0, room1 = 0, room2 = 0, client = 0, other = 0;
    Clinic()
    {
        Clock::setSource([] { return QDateTime(QDate(2025, 3, 4), QTime(9, 0), Qt::UTC); });
        for (const char* user : {"priya", "sam"}) {
            t.db()
                .prepare("INSERT INTO staff (username, display_name, role, created_at) VALUES "
                         "(?,?,'practitioner','2025-01-01T00:00:00Z')")
                .bind(1, user)
                .bind(2, QLatin1String(user) == QLatin1String("priya") ? "Dr Priya Shah" : "Sam Okoye")
                .run();
            (QLatin1String(user) == QLatin1String("priya") ? priya : sam) = t.db().lastInsertId();
        }
        room1 = Diary(t.db()).addRoom(QStringLiteral("Room 1")).value();
        room2 = Diary(t.db()).addRoom(QStringLiteral("Room 2")).value();
        client = t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor"));
        other = t.addClient(QStringLiteral("Amara"), QStringLiteral("Bello"));
    }
    ~Clinic() { Clock::setSource(nullptr); }
    qint64 book(qint64 who, qint64 room, const QDateTime& start, int minutes, qint64 forClient = 0)
    {
        Appointment a;
        a.clientId = forClient ? forClient : client;
        a.treatment = QStringLiteral("Lip filler");
        a.startsAt = start;
        a.durationMinutes = minutes;
        a.practitionerId = who;
        a.roomId = room;
        a.pastConfirmed = true; // the model is tested on a diary holding the past too
        auto id = Diary(t.db()).book(a);
        if (!id)
            qFatal("book: %s", qPrintable(id.message()));
        return id.value();
    }
    DiaryModel& load(DiaryModel::Span span, const QDate& day,
                     DiaryModel::Columns columns = DiaryModel::Columns::Practitioners,
                     const DiaryFilter& filter = {})
    {
        model.setView(span, day, columns);
        model.setFilter(filter);
        Diary diary(t.db());
        if (auto st = model.load(diary); !st)
            qFatal("load: %s", qPrintable(st.message()));
        return model;
    }
    DiaryModel model;
};

const QDate kTuesday(2025, 3, 4);

} // namespace

class TestDiaryModel : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void placement_data()
    {
        QTest::addColumn<QString>("start");
        QTest::addColumn<int>("minutes");
        QTest::addColumn<int>("firstHour");
        QTest::addColumn<int>("lastHour");
        QTest::addColumn<int>("row");
        QTest::addColumn<int>("span");
        QTest::newRow("09:00 for 30 min") << "09:00" << 30 << 8 << 20 << 4 << 2;
        QTest::newRow("first slot") << "08:00" << 15 << 8 << 20 << 0 << 1;
        QTest::newRow("off the quarter: 10:10 for 20 min covers 10:00-10:30")
            << "10:10" << 20 << 8 << 20 << 8 << 2;
        QTest::newRow("five minutes still one row") << "12:00" << 5 << 8 << 20 << 16 << 1;
        QTest::newRow("three hours") << "13:00" << 180 << 8 << 20 << 20 << 12;
        QTest::newRow("last slot ends at the view's end") << "19:45" << 15 << 8 << 20 << 47 << 1;
        QTest::newRow("past the view's end widens it") << "19:30" << 60 << 8 << 21 << 46 << 4;
        QTest::newRow("before the view's start widens it") << "07:15" << 60 << 7 << 20 << 1 << 4;
    }
    void placement()
    {
        QFETCH(QString, start);
        QFETCH(int, minutes);
        QFETCH(int, firstHour);
        QFETCH(int, lastHour);
        QFETCH(int, row);
        QFETCH(int, span);
        Clinic c;
        const qint64 id = c.book(c.priya, c.room1, at(kTuesday, start), minutes);
        DiaryModel& m = c.load(DiaryModel::Span::Day, kTuesday);
        QAbstractItemModelTester tester(&m, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(m.firstHour(), firstHour);
        QCOMPARE(m.lastHour(), lastHour);
        QCOMPARE(m.rowCount(), (lastHour - firstHour) * 4);
        const int col = m.columnFor(kTuesday, c.priya);
        QVERIFY(col >= 0);
        QCOMPARE(m.headerData(col, Qt::Horizontal).toString(), QStringLiteral("Dr Priya Shah"));
        const DiaryModel::Block* b = m.blockFor(id);
        QVERIFY(b);
        QCOMPARE(b->column, col);
        QCOMPARE(b->row, row);
        QCOMPARE(b->rowSpan, span);
        QVERIFY(!b->startsBefore && !b->endsAfter);
        // As a table: the first cell names it and carries the span; every covered cell knows it; the next
        // does not.
        QCOMPARE(m.index(row, col).data(DiaryModel::RowSpanRole).toInt(), span);
        QVERIFY(m.index(row, col).data().toString().contains(QStringLiteral("Zoë Okafor")));
        QVERIFY(m.index(row, col).data().toString().contains(QStringLiteral("Lip filler")));
        for (int r = row; r < row + span; ++r)
            QCOMPARE(m.index(r, col).data(DiaryModel::AppointmentIdRole).toLongLong(), id);
        if (row + span < m.rowCount())
            QVERIFY(!m.index(row + span, col).data(DiaryModel::AppointmentIdRole).isValid());
        QCOMPARE(m.headerData(row, Qt::Vertical).toString(),
                 m.slotStart(row, col).time().toString(QStringLiteral("HH:mm")));
        QCOMPARE(m.slotStart(row, col).date(), kTuesday);
    }

    void overlapsInPractitionerColumnsRoomsAndTheWeek()
    {
        Clinic c;
        const qint64 a = c.book(c.priya, c.room1, at(kTuesday, "10:00"), 60);
        const qint64 b = c.book(c.sam, c.room2, at(kTuesday, "10:30"), 30, c.other);
        const qint64 later = c.book(c.sam, c.room2, at(kTuesday, "11:00"), 30, c.other);

        DiaryModel& day = c.load(DiaryModel::Span::Day, kTuesday);
        // Columns: the practitioners, by name. The manager is not a column of her own (a receptionist
        // would book her by mistake) until a day she is booked.
        const auto titles = [](const DiaryModel& m) {
            QStringList out;
            for (int i = 0; i < m.columnCount(); ++i)
                out << m.column(i).title;
            return out;
        };
        QCOMPARE(titles(day), (QStringList{"Dr Priya Shah", "Sam Okoye"}));
        QCOMPARE(c.load(DiaryModel::Span::Day, kTuesday.addDays(1)).columnCount(), 2);
        const qint64 manager = [&] {
            auto st = c.t.db().prepare("SELECT id FROM staff WHERE username = 'manager'");
            return st.step() ? st.int64(0) : 0;
        }();
        c.book(manager, c.room1, at(kTuesday.addDays(1), "14:00"), 30);
        QCOMPARE(titles(c.load(DiaryModel::Span::Day, kTuesday.addDays(1))),
                 (QStringList{"Dr Priya Shah", "Sam Okoye", "Manager"}));
        c.load(DiaryModel::Span::Day, kTuesday);
        QCOMPARE(day.blockFor(a)->column, 0);
        QCOMPARE(day.blockFor(b)->column, 1);
        QCOMPARE(day.blockFor(a)->lanes, 1); // different columns: side by side, each full width
        QCOMPARE(day.blockFor(b)->lanes, 1);

        DiaryModel& rooms = c.load(DiaryModel::Span::Day, kTuesday, DiaryModel::Columns::Rooms);
        QCOMPARE(rooms.columnCount(), 2);
        QCOMPARE(rooms.column(rooms.blockFor(a)->column).title, QStringLiteral("Room 1"));
        QCOMPARE(rooms.column(rooms.blockFor(b)->column).title, QStringLiteral("Room 2"));

        DiaryFilter onlySam;
        onlySam.practitionerId = c.sam;
        DiaryModel& samDay =
            c.load(DiaryModel::Span::Day, kTuesday, DiaryModel::Columns::Practitioners, onlySam);
        QCOMPARE(samDay.columnCount(), 1);
        QCOMPARE(samDay.blocks().size(), 2);
        QVERIFY(!samDay.blockFor(a));

        // The week: one column per day, Monday first; Tuesday's width is shared by a lane per practitioner
        // working.
        DiaryModel& week = c.load(DiaryModel::Span::Week, kTuesday);
        QCOMPARE(week.columnCount(), 7);
        QCOMPARE(week.column(0).date, QDate(2025, 3, 3));
        QCOMPARE(week.column(6).date, QDate(2025, 3, 9));
        QCOMPARE(week.headerData(1, Qt::Horizontal).toString(),
                 QLocale().toString(kTuesday, QStringLiteral("ddd d MMM")));
        const auto* wa = week.blockFor(a);
        const auto* wb = week.blockFor(b);
        QCOMPARE(wa->column, 1);
        QCOMPARE(wb->column, 1);
        QCOMPARE(wa->lanes, 2);
        QCOMPARE(wb->lanes, 2);
        QCOMPARE(wa->lane, 0);
        QCOMPARE(wb->lane, 1);
        // Sam's later booking stays in Sam's lane though nothing overlaps it.
        QCOMPARE(week.blockFor(later)->lane, 1);
        QCOMPARE(week.blockFor(later)->lanes, 2);
        QCOMPARE(week.blocksAt(week.rowOf(QTime(10, 45)), 1).size(), 2);
    }

    void cancelledShownOrHidden()
    {
        Clinic c;
        const qint64 gone = c.book(c.priya, c.room1, at(kTuesday, "10:00"), 30);
        QVERIFY(Diary(c.t.db()).cancel(gone, QStringLiteral("client unwell")).ok());
        const qint64 rebooked = c.book(c.priya, c.room1, at(kTuesday, "10:00"), 30, c.other);

        DiaryModel& all = c.load(DiaryModel::Span::Day, kTuesday);
        QCOMPARE(all.blocks().size(), 2);
        QCOMPARE(all.blockFor(gone)->a.status, AppointmentStatus::Cancelled);
        QCOMPARE(all.blockFor(gone)->lanes, 2); // beside its replacement, not hidden under it
        QVERIFY(all.index(all.blockFor(gone)->row, all.blockFor(gone)->column)
                    .data()
                    .toString()
                    .contains(QStringLiteral("Cancelled")));

        DiaryFilter live;
        live.includeCancelled = false;
        DiaryModel& open = c.load(DiaryModel::Span::Day, kTuesday, DiaryModel::Columns::Practitioners, live);
        QCOMPARE(open.blocks().size(), 1);
        QVERIFY(!open.blockFor(gone));
        QCOMPARE(open.blockFor(rebooked)->lanes, 1);
    }

    void acrossMidnight()
    {
        Clinic c;
        const QDate monday(2025, 3, 3);
        const qint64 id = c.book(c.priya, c.room1, at(monday, "23:30"), 60);

        DiaryModel& mon = c.load(DiaryModel::Span::Day, monday);
        const auto* m = mon.blockFor(id);
        QCOMPARE(mon.lastHour(), 24);
        QCOMPARE(m->row, mon.rowOf(QTime(23, 30)));
        QCOMPARE(m->rowSpan, 2); // clipped at midnight
        QVERIFY(m->endsAfter && !m->startsBefore);

        DiaryModel& tue = c.load(DiaryModel::Span::Day, monday.addDays(1));
        const auto* t = tue.blockFor(id);
        QCOMPARE(tue.firstHour(), 0);
        QCOMPARE(t->row, 0);
        QCOMPARE(t->rowSpan, 2);
        QVERIFY(t->startsBefore && !t->endsAfter);

        DiaryModel& week = c.load(DiaryModel::Span::Week, monday);
        int parts = 0;
        for (const auto& b : week.blocks())
            if (b.a.id == id) {
                ++parts;
                QCOMPARE(b.column, b.startsBefore ? 1 : 0);
            }
        QCOMPARE(parts, 2);
    }

    void weeksWithAClockChange_data()
    {
        QTest::addColumn<QDate>("monday");
        QTest::addColumn<QDate>("changeDay");
        QTest::newRow("clocks go forward, 30 March 2025") << QDate(2025, 3, 24) << QDate(2025, 3, 30);
        QTest::newRow("clocks go back, 26 October 2025") << QDate(2025, 10, 20) << QDate(2025, 10, 26);
    }
    void weeksWithAClockChange()
    {
        QFETCH(QDate, monday);
        QFETCH(QDate, changeDay);
        Clinic c;
        QList<qint64> ids;
        for (int d = 0; d < 7; ++d)
            ids << c.book(c.priya, c.room1, at(monday.addDays(d), "10:00"), 30);
        const qint64 early = c.book(c.sam, c.room2, at(changeDay, "09:00"), 60);

        DiaryModel& week = c.load(DiaryModel::Span::Week, monday.addDays(3));
        QCOMPARE(week.firstHour(), 8);
        QCOMPARE(week.lastHour(), 20);
        // 10:00 is the 10:00 row every day, before and after the change.
        for (int d = 0; d < 7; ++d) {
            const auto* b = week.blockFor(ids.at(d));
            QCOMPARE(b->column, d);
            QCOMPARE(b->row, 8);
            QCOMPARE(b->rowSpan, 2);
        }
        QCOMPARE(week.blockFor(early)->column, int(monday.daysTo(changeDay)));
        QCOMPARE(week.blockFor(early)->row, 4);
        QCOMPARE(week.blockFor(early)->rowSpan, 4);
        // A slot is a local time on its day, whatever the UTC offset that day.
        const QDateTime slot = week.slotStart(8, int(monday.daysTo(changeDay)));
        QCOMPARE(slot.time(), QTime(10, 0));
        QCOMPARE(slot.toUTC().time(), changeDay.month() == 3 ? QTime(9, 0) : QTime(10, 0));
        QCOMPARE(week.slotStart(8, 0).toUTC().time(), changeDay.month() == 3 ? QTime(10, 0) : QTime(9, 0));
    }
};

QTEST_MAIN(TestDiaryModel)
#include "tst_diary_model.moc"
