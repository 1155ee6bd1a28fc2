// The diary and its iCalendar export, on a real encrypted vault: clash rules as a table, day and
// week views (a clock change included), status rules, and the .ics checked line by line against
// RFC 5545. (Treatment records, quotes and payments: tests/records/tst_records.cpp.)
#include "Clinic.h"
#include "TestVault.h"
#include "audit/AuditLog.h"
#include "common/Clock.h"
#include "diary/Diary.h"
#include "diary/ICalendar.h"
#include "privacy/Rights.h"
#include "settings/Settings.h"
#include "storage/Sql.h"

#include <QFile>
#include <QImage>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace cd;
using namespace cd::test;

namespace {

QStringList ids(const QList<Appointment>& list)
{
    QStringList out;
    for (const Appointment& a : list)
        out << QString::number(a.id);
    return out;
}

QString unescapeText(const QString& v)
{
    QString out;
    for (int i = 0; i < v.size(); ++i) {
        if (v.at(i) == QLatin1Char('\\') && i + 1 < v.size()) {
            const QChar n = v.at(++i);
            out += n == QLatin1Char('n') || n == QLatin1Char('N') ? QChar(QLatin1Char('\n')) : n;
        } else {
            out += v.at(i);
        }
    }
    return out;
}

} // namespace

class TestDiary : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void anAppointmentSaysWhatItIsForOnce_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("treatment");
        QTest::addColumn<QString>("said");
        QTest::newRow("consultation for a treatment")
            << int(AppointmentKind::Consultation) << QStringLiteral("lip filler")
            << QStringLiteral("Consultation: lip filler");
        QTest::newRow("the treatment already names the kind")
            << int(AppointmentKind::Consultation) << QStringLiteral("Consultation: cheek filler")
            << QStringLiteral("Consultation: cheek filler");
        QTest::newRow("nothing named: the kind alone, no dangling colon")
            << int(AppointmentKind::Consultation) << QStringLiteral("  ") << QStringLiteral("Consultation");
        QTest::newRow("a treatment") << int(AppointmentKind::Treatment) << QStringLiteral("Lip filler")
                                     << QStringLiteral("Treatment: Lip filler");
    }
    void anAppointmentSaysWhatItIsForOnce()
    {
        QFETCH(int, kind);
        QFETCH(QString, treatment);
        QFETCH(QString, said);
        Appointment a;
        a.kind = AppointmentKind(kind);
        a.treatment = treatment;
        QCOMPARE(a.what(), said);
    }

    void cleanup() { Clock::setSource(nullptr); }

    // An appointment of Dr Shah in Room 1, 10:00–10:30, and one more booking tried against it.
    void clashRules_data()
    {
        QTest::addColumn<QString>("existingStatus");
        QTest::addColumn<QString>("practitioner"); // priya | sam
        QTest::addColumn<QString>("room");         // 1 | 2 | none
        QTest::addColumn<QString>("start");
        QTest::addColumn<int>("minutes");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<QString>("message");
        QTest::newRow("same practitioner, other room")
            << "booked"
            << "priya"
            << "2"
            << "10:15" << 30 << false << "Dr Priya Shah is already booked 10:00–10:30 on Tue 4 Mar 2025";
        QTest::newRow("same room, other practitioner")
            << "booked"
            << "sam"
            << "1"
            << "10:00" << 30 << false << "Room 1 is already booked 10:00–10:30";
        QTest::newRow("same practitioner, no room") << "booked"
                                                    << "priya"
                                                    << "none"
                                                    << "10:20" << 60 << false << "Dr Priya Shah";
        QTest::newRow("encloses it") << "booked"
                                     << "sam"
                                     << "1"
                                     << "09:00" << 120 << false << "Room 1";
        QTest::newRow("inside it") << "booked"
                                   << "priya"
                                   << "2"
                                   << "10:10" << 5 << false << "(a consultation)";
        QTest::newRow("other practitioner and room") << "booked"
                                                     << "sam"
                                                     << "2"
                                                     << "10:00" << 30 << true << "";
        QTest::newRow("other practitioner, no room") << "booked"
                                                     << "sam"
                                                     << "none"
                                                     << "10:00" << 30 << true << "";
        QTest::newRow("back-to-back after") << "booked"
                                            << "priya"
                                            << "1"
                                            << "10:30" << 30 << true << "";
        QTest::newRow("back-to-back before") << "booked"
                                             << "priya"
                                             << "1"
                                             << "09:30" << 30 << true << "";
        QTest::newRow("cancelled does not clash") << "cancelled"
                                                  << "priya"
                                                  << "1"
                                                  << "10:00" << 30 << true << "";
        QTest::newRow("attended still occupies the slot") << "attended"
                                                          << "priya"
                                                          << "1"
                                                          << "10:00" << 30 << false << "Dr Priya Shah";
        QTest::newRow("no-show still occupies the slot") << "no_show"
                                                         << "sam"
                                                         << "1"
                                                         << "10:29" << 30 << false << "Room 1";
    }
    void clashRules()
    {
        QFETCH(QString, existingStatus);
        QFETCH(QString, practitioner);
        QFETCH(QString, room);
        QFETCH(QString, start);
        QFETCH(int, minutes);
        QFETCH(bool, allowed);
        QFETCH(QString, message);
        Clinic c;
        const QDate today = kNow.date();
        const qint64 existing = c.book(c.priya, c.room1, at(today, "10:00"), 30);
        Diary diary(c.db());
        if (existingStatus == QLatin1String("cancelled"))
            QVERIFY(diary.cancel(existing, QStringLiteral("client unwell")).ok());
        else if (existingStatus == QLatin1String("attended"))
            QVERIFY(diary.markAttended(existing).ok());
        else if (existingStatus == QLatin1String("no_show"))
            QVERIFY(diary.markNoShow(existing).ok());
        const qint64 who = practitioner == QLatin1String("priya") ? c.priya : c.sam;
        const qint64 where = room == QLatin1String("1") ? c.room1 : room == QLatin1String("2") ? c.room2 : 0;
        const QDateTime when = at(today, start.toLatin1().constData());
        const int before = int(diary.day(today)->size());
        auto clash = diary.findClash(when, minutes, who, where);
        QVERIFY(clash.ok());
        QCOMPARE(clash->has_value(), !allowed);
        auto id = diary.book(c.appt(who, where, when, minutes));
        QCOMPARE(id.ok(), allowed);
        if (!allowed) {
            QCOMPARE(id.error().kind, Error::Kind::Conflict);
            QVERIFY2(id.message().contains(message), qPrintable(id.message()));
            QVERIFY2(!id.message().contains(QStringLiteral("appointment %1").arg(existing)),
                     qPrintable(id.message())); // an id means nothing at the desk
            QVERIFY2(!id.message().contains(QStringLiteral("Okafor")), "a clash message names no client");
            QCOMPARE(clash->value().id, existing);
            QCOMPARE(int(diary.day(today)->size()), before);
        } else {
            QCOMPARE(int(diary.day(today)->size()), before + 1);
        }
    }

    void movingIntoAClashIsRefusedAndLeavesTheAppointmentUnchanged()
    {
        Clinic c;
        const QDate day = kNow.date().addDays(1);
        c.book(c.priya, c.room1, at(day, "10:00"), 30);
        const qint64 moving = c.book(c.priya, c.room1, at(day, "11:00"), 45);
        Diary diary(c.db());
        const Appointment before = diary.get(moving).value();

        auto refused = diary.move(moving, at(day, "10:15"));
        QCOMPARE(refused.error().kind, Error::Kind::Conflict);
        QVERIFY(refused.message().contains(QStringLiteral("10:00–10:30")));
        // Into Sam's diary but still Room 1 at that time: the room clashes.
        QVERIFY(!diary.move(moving, at(day, "10:00"), c.sam).ok());
        // Longer, into the next booking.
        c.book(c.sam, c.room1, at(day, "12:00"), 30);
        Appointment longer = before;
        longer.durationMinutes = 90;
        QVERIFY(!diary.update(longer).ok());
        const Appointment after = diary.get(moving).value();
        QCOMPARE(after.startsAt, before.startsAt);
        QCOMPARE(after.durationMinutes, 45);
        QCOMPARE(after.practitionerId, c.priya);
        QCOMPARE(after.sequence, 0);
        QCOMPARE(after.updatedAt, before.updatedAt);

        // Back-to-back is fine, another room and practitioner too; each move is a new revision.
        QVERIFY(diary.move(moving, at(day, "10:30")).ok());
        QCOMPARE(diary.get(moving)->startsAt, at(day, "10:30"));
        QVERIFY(diary.move(moving, at(day, "10:00"), c.sam, c.room2).ok());
        const Appointment moved = diary.get(moving).value();
        QCOMPARE(moved.practitionerName, QStringLiteral("Sam Okoye"));
        QCOMPARE(moved.roomName, QStringLiteral("Room 2"));
        QCOMPARE(moved.sequence, 2);
        // The audit names fields, not values.
        auto log = AuditLog(c.db()).query({});
        QVERIFY(log.ok());
        bool found = false;
        for (const AuditEntry& e : log.value())
            if (e.action == QLatin1String("appointment-changed")) {
                found = true;
                QVERIFY2(e.detail.contains(QStringLiteral("changed time")), qPrintable(e.detail));
                QVERIFY2(!e.detail.contains(QLatin1Char('_')), qPrintable(e.detail)); // words, not columns
                QVERIFY(!e.detail.contains(QStringLiteral("10:")));
                QVERIFY(!e.detail.contains(QStringLiteral("Lip")));
            }
        QVERIFY(found);
    }

    void dayAndWeekViews()
    {
        Clinic c;
        const QDate monday(2025, 3, 3);
        const qint64 tueLate = c.book(c.priya, c.room1, at(monday.addDays(1), "15:00"), 30);
        const qint64 tueEarly = c.book(c.sam, c.room2, at(monday.addDays(1), "09:00"), 60);
        const qint64 tueMid = c.book(c.sam, c.room1, at(monday.addDays(1), "11:00"), 30);
        const qint64 mon = c.book(c.priya, c.room2, at(monday, "16:00"), 30);
        const qint64 sun = c.book(c.priya, c.room1, at(monday.addDays(6), "10:00"), 30);
        const qint64 nextMon = c.book(c.priya, c.room1, at(monday.addDays(7), "10:00"), 30);
        const qint64 lastSun =
            c.book(c.priya, c.room1, at(monday.addDays(-1), "23:30"), 60); // runs past midnight into Monday
        Diary diary(c.db());
        QVERIFY(diary.cancel(tueMid, QStringLiteral("practitioner off sick")).ok());

        QCOMPARE(ids(diary.day(monday.addDays(1)).value()),
                 (QStringList{QString::number(tueEarly), QString::number(tueMid), QString::number(tueLate)}));
        DiaryFilter live;
        live.includeCancelled = false;
        QCOMPARE(ids(diary.day(monday.addDays(1), live).value()),
                 (QStringList{QString::number(tueEarly), QString::number(tueLate)}));
        DiaryFilter priya;
        priya.practitionerId = c.priya;
        QCOMPARE(ids(diary.day(monday.addDays(1), priya).value()), QStringList{QString::number(tueLate)});
        DiaryFilter room1;
        room1.roomId = c.room1;
        QCOMPARE(ids(diary.day(monday.addDays(1), room1).value()),
                 (QStringList{QString::number(tueMid), QString::number(tueLate)}));
        QCOMPARE(ids(diary.day(monday).value()),
                 (QStringList{QString::number(lastSun), QString::number(mon)}));

        // The week from any of its days: Monday to Sunday (with what runs into Monday), not the next Monday.
        QCOMPARE(Diary::weekStart(monday.addDays(4)), monday);
        QCOMPARE(Diary::weekStart(monday.addDays(6)), monday);
        QCOMPARE(ids(diary.week(monday.addDays(4)).value()),
                 (QStringList{QString::number(lastSun), QString::number(mon), QString::number(tueEarly),
                              QString::number(tueMid), QString::number(tueLate), QString::number(sun)}));
        QVERIFY(!ids(diary.week(monday).value()).contains(QString::number(nextMon)));
        QCOMPARE(ids(diary.week(monday, priya).value()).size(), 4);
        // The client's timeline: newest first.
        QCOMPARE(diary.forClient(c.client)->first().id, nextMon);
        QCOMPARE(diary.forClient(c.client)->size(), 7);
    }

    void clocksGoingForwardKeepLocalTimes()
    {
        Clinic c;
        // 30 March 2025: London moves from GMT to BST at 01:00.
        const QDate change(2025, 3, 30);
        const qint64 id = c.book(c.priya, c.room1, at(change, "10:00"), 30);
        Diary diary(c.db());
        auto day = diary.day(change);
        QCOMPARE(ids(day.value()), QStringList{QString::number(id)});
        QCOMPARE(day->first().startsAt.toLocalTime().time(), QTime(10, 0));
        QCOMPARE(day->first().startsAt.toUTC().time(), QTime(9, 0));
        QVERIFY(diary.day(change.addDays(-1))->isEmpty());
        QVERIFY(diary.day(change.addDays(1))->isEmpty());
        // The day before the change is an hour longer in UTC terms: 23:30 GMT is still that day.
        const qint64 late = c.book(c.priya, c.room1, at(change.addDays(-1), "23:30"), 20);
        QCOMPARE(ids(diary.day(change.addDays(-1)).value()), QStringList{QString::number(late)});
        QCOMPARE(ids(diary.day(change).value()), QStringList{QString::number(id)});
    }

    // A time already gone (08:30 when it is 09:00) is refused unless the desk asked first: a walk-in
    // recorded afterwards, not a slip of the date. The one still to come books as ever.
    void aPastTimeIsBookedOnlyWhenConfirmed()
    {
        Clinic c;
        Diary diary(c.db());
        Appointment gone = c.appt(c.priya, c.room1, at(kNow.date(), "08:30"), 15);
        gone.pastConfirmed = false;
        auto refused = diary.book(gone);
        QCOMPARE(refused.error().kind, Error::Kind::Conflict);
        QVERIFY2(refused.message().contains(QStringLiteral("has already passed")),
                 qPrintable(refused.message()));
        QVERIFY(diary.day(kNow.date())->isEmpty());
        gone.pastConfirmed = true;
        QVERIFY(diary.book(gone).ok());
        Appointment later = c.appt(c.priya, c.room1, at(kNow.date(), "09:15"), 15);
        later.pastConfirmed = false;
        auto laterId = diary.book(later);
        QVERIFY(laterId.ok());
        // Dragged back into the past: refused, saying so; the booking stays where it was.
        auto back = diary.move(laterId.value(), at(kNow.date(), "08:00"));
        QCOMPARE(back.error().kind, Error::Kind::Conflict);
        QVERIFY2(back.message().contains(QStringLiteral("has already passed")), qPrintable(back.message()));
        QCOMPARE(diary.get(laterId.value())->startsAt, at(kNow.date(), "09:15"));
    }

    void statusRulesAndValidation()
    {
        Clinic c;
        Diary diary(c.db());
        const qint64 today = c.book(c.priya, c.room1, at(kNow.date(), "10:00"), 30);
        const qint64 tomorrow = c.book(c.priya, c.room1, at(kNow.date().addDays(1), "10:00"), 30);
        QCOMPARE(diary.cancel(today, QStringLiteral("  ")).error().kind, Error::Kind::Invalid);
        QVERIFY(diary.markNoShow(today).ok());
        QVERIFY(diary.markAttended(today).ok()); // a correction
        QCOMPARE(diary.get(today)->status, AppointmentStatus::Attended);
        QVERIFY(!diary.cancel(today, QStringLiteral("late")).ok());
        auto early = diary.markAttended(tomorrow);
        QVERIFY(!early.ok());
        QVERIFY(early.message().contains(QStringLiteral("on the day")));
        QVERIFY(diary.cancel(tomorrow, QStringLiteral("client unwell")).ok());
        QCOMPARE(diary.get(tomorrow)->cancelReason, QStringLiteral("client unwell"));
        QCOMPARE(diary.move(tomorrow, at(kNow.date().addDays(2), "10:00")).error().kind,
                 Error::Kind::Conflict);

        // A receptionist is not a practitioner; durations have limits; treatments say which.
        QVERIFY(diary.book(c.appt(c.desk, c.room1, at(kNow.date(), "14:00"), 30))
                    .message()
                    .contains(QStringLiteral("not a practitioner")));
        QVERIFY(!diary.book(c.appt(c.priya, c.room1, at(kNow.date(), "14:00"), 2)).ok());
        Appointment noTreatment = c.appt(c.priya, c.room1, at(kNow.date(), "14:00"), 30, "treatment");
        noTreatment.treatment.clear();
        QVERIFY(!diary.book(noTreatment).ok());
        // An inactive room cannot be booked.
        QVERIFY(diary.setRoomActive(c.room2, false).ok());
        QVERIFY(diary.book(c.appt(c.priya, c.room2, at(kNow.date(), "14:00"), 30))
                    .message()
                    .contains(QStringLiteral("no longer in use")));
        QCOMPARE(diary.rooms()->size(), 1);
        QCOMPARE(diary.rooms(false)->size(), 2);
        QCOMPARE(diary.practitioners()->size(), 3); // two practitioners and the manager
        // A restricted record takes no new bookings.
        QVERIFY(rights::setRestricted(c.db(), c.client, true).ok());
        QCOMPARE(diary.book(c.appt(c.priya, c.room1, at(kNow.date(), "16:00"), 30)).error().kind,
                 Error::Kind::Permission);
    }

    void icsFollowsRfc5545()
    {
        Clinic c;
        QVERIFY(
            ClinicSettings(c.db()).setClinicName(QStringLiteral("Harbourside Aesthetics; Bristol, UK")).ok());
        Appointment a = c.appt(c.priya, c.room1, at(QDate(2025, 6, 12), "14:30"), 45, "treatment");
        a.treatment = QStringLiteral("Lip filler, top; bottom\\left\nthen review — ümlaut café naïve façade "
                                     "crème brûlée and more text to fold");
        a.notes = QStringLiteral("Private note: nervous about needles");
        const qint64 id = Diary(c.db()).book(a).value();
        auto bytes = ics::appointmentIcs(c.db(), id);
        QVERIFY(bytes.ok());
        const QByteArray raw = bytes.value();

        // CRLF everywhere, no bare CR or LF; physical lines at most 75 octets, each valid UTF-8 on its own.
        QVERIFY(raw.endsWith("\r\n"));
        QCOMPARE(raw.count('\n'), raw.count("\r\n"));
        QCOMPARE(raw.count('\r'), raw.count("\r\n"));
        QList<QByteArray> physical = raw.split('\n');
        physical.removeLast();
        bool folded = false;
        for (QByteArray line : physical) {
            QVERIFY(line.endsWith('\r'));
            line.chop(1);
            QVERIFY2(line.size() <= 75, line.constData());
            QCOMPARE(QString::fromUtf8(line).toUtf8(), line); // never cut inside a UTF-8 sequence
            folded = folded || line.startsWith(' ');
        }
        QVERIFY(folded);
        // Unfold (CRLF + one space), then every content line is NAME[;params]:value.
        QByteArray unfolded = raw;
        unfolded.replace("\r\n ", "");
        QStringList lines = QString::fromUtf8(unfolded).split(QStringLiteral("\r\n"));
        QCOMPARE(lines.takeLast(), QString());
        QStringList stack;
        QHash<QString, QString> event, calendar;
        for (const QString& line : lines) {
            const int colon = line.indexOf(QLatin1Char(':'));
            QVERIFY2(colon > 0, qPrintable(line));
            const QString name = line.left(colon), value = line.mid(colon + 1);
            QVERIFY2(QRegularExpression(QStringLiteral("^[A-Z-]+$")).match(name).hasMatch(),
                     qPrintable(name));
            if (name == QLatin1String("BEGIN")) {
                stack << value;
                continue;
            }
            if (name == QLatin1String("END")) {
                QVERIFY(!stack.isEmpty());
                QCOMPARE(stack.takeLast(), value);
                continue;
            }
            QVERIFY(!stack.isEmpty());
            auto& props = stack.last() == QLatin1String("VEVENT") ? event : calendar;
            QVERIFY2(!props.contains(name), qPrintable(QStringLiteral("%1 twice").arg(name)));
            props.insert(name, value);
        }
        QVERIFY(stack.isEmpty());
        QCOMPARE(lines.first(), QStringLiteral("BEGIN:VCALENDAR"));
        QCOMPARE(calendar.value(QStringLiteral("VERSION")), QStringLiteral("2.0"));
        QVERIFY(calendar.value(QStringLiteral("PRODID")).contains(QStringLiteral("Clinicdesk")));
        for (const char* required : {"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "STATUS"})
            QVERIFY2(event.contains(QString::fromLatin1(required)), required);
        QVERIFY(QRegularExpression(QStringLiteral("^\\d{8}T\\d{6}Z$"))
                    .match(event.value(QStringLiteral("DTSTAMP")))
                    .hasMatch());
        QCOMPARE(event.value(QStringLiteral("DTSTAMP")), QStringLiteral("20250304T090000Z"));
        // 14:30 British Summer Time is 13:30 UTC.
        QCOMPARE(event.value(QStringLiteral("DTSTART")), QStringLiteral("20250612T133000Z"));
        QCOMPARE(event.value(QStringLiteral("DTEND")), QStringLiteral("20250612T141500Z"));
        QCOMPARE(event.value(QStringLiteral("STATUS")), QStringLiteral("CONFIRMED"));
        QVERIFY(event.value(QStringLiteral("UID")).contains(QLatin1Char('@')));
        // TEXT escaping: the raw value carries \, \; \\ and \n; unescaped it is the text as typed.
        const QString summary = event.value(QStringLiteral("SUMMARY"));
        QVERIFY(summary.contains(QStringLiteral("Lip filler\\, top\\; bottom\\\\left\\nthen review")));
        QCOMPARE(unescapeText(summary), QStringLiteral("Treatment: Zoë, ") + a.treatment);
        QCOMPARE(unescapeText(event.value(QStringLiteral("LOCATION"))),
                 QStringLiteral("Harbourside Aesthetics; Bristol, UK, Room 1"));
        QCOMPARE(unescapeText(event.value(QStringLiteral("DESCRIPTION"))),
                 QStringLiteral("With Dr Priya Shah"));
        // Only the first name: no surname, contact details or notes.
        for (const char* never : {"Okafor", "Llewellyn", "07700", "zoe@example.com", "nervous"})
            QVERIFY2(!raw.contains(never), never);

        // Moved and cancelled: a later SEQUENCE, STATUS:CANCELLED, same UID.
        QVERIFY(Diary(c.db()).move(id, at(QDate(2025, 6, 13), "09:00")).ok());
        QVERIFY(Diary(c.db()).cancel(id, QStringLiteral("client unwell")).ok());
        auto again = ics::appointmentEvent(c.db(), id);
        QCOMPARE(again->sequence, 2);
        QVERIFY(again->cancelled);
        QCOMPARE(again->uid, event.value(QStringLiteral("UID")));
        QTemporaryDir dir;
        QVERIFY(ics::exportAppointment(c.db(), id, dir.filePath(QStringLiteral("a.ics"))).ok());
        QFile f(dir.filePath(QStringLiteral("a.ics")));
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("STATUS:CANCELLED\r\n"));
    }

    void foldingNeverSplitsACharacter_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("ascii") << QString(200, QLatin1Char('a'));
        QTest::newRow("two-octet") << QString(120, QChar(0x00E9));
        QTest::newRow("three-octet") << QString(90, QChar(0x20AC));
        QTest::newRow("four-octet") << QString::fromUcs4(std::u32string(60, U'\U0001F600').c_str());
        QTest::newRow("mixed") << QStringLiteral("x").repeated(73) + QString(10, QChar(0x00E9));
    }
    void foldingNeverSplitsACharacter()
    {
        QFETCH(QString, text);
        const QByteArray value = ("SUMMARY:" + text).toUtf8();
        const QByteArray folded = ics::fold(value);
        QByteArray unfolded = folded;
        unfolded.replace("\r\n ", "");
        QCOMPARE(unfolded, value + "\r\n");
        for (QByteArray line : folded.split('\n')) {
            if (line.isEmpty())
                continue;
            line.chop(1);
            QVERIFY(line.size() <= 75);
            QCOMPARE(QString::fromUtf8(line).toUtf8(), line);
        }
    }
};

QTEST_MAIN(TestDiary)
#include "tst_diary.moc"
