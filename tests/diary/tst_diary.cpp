// The diary, treatment records, quotes, payments and iCalendar export, on a real encrypted vault:
// clash rules as a table, day and week views (a clock change included), the batch recall search
// (and that it is an index search), balances and takings, quote rules and the quote PDF read back
// with pdftotext, and the .ics checked line by line against RFC 5545.
#include "TestVault.h"
#include "audit/AuditLog.h"
#include "clients/ClientStore.h"
#include "common/Clock.h"
#include "diary/Diary.h"
#include "diary/ICalendar.h"
#include "images/ImageStore.h"
#include "privacy/Rights.h"
#include "records/Money.h"
#include "records/Payments.h"
#include "records/Quotes.h"
#include "records/TreatmentRecords.h"
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

// Tuesday 4 March 2025, 09:00 in London (GMT).
const QDateTime kNow(QDate(2025, 3, 4), QTime(9, 0), Qt::UTC);

QDateTime at(const QDate& day, const char* hhmm)
{
    return QDateTime(day, QTime::fromString(QString::fromLatin1(hhmm), QStringLiteral("HH:mm")));
}

// A clinic with two practitioners, a receptionist, two rooms and a client.
struct Clinic
{
    TestVault t;
    qint64 priya = 0, sam = 0, desk = 0, room1 = 0, room2 = 0, client = 0;
    Clinic()
    {
        Clock::setSource([] { return kNow; });
        Database& db = t.db();
        for (const auto& [user, name, role] : {std::tuple{"priya", "Dr Priya Shah", "practitioner"},
                                               std::tuple{"sam", "Sam Okoye", "practitioner"},
                                               std::tuple{"tom", "Tom Reed", "receptionist"}}) {
            db.prepare("INSERT INTO staff (username, display_name, role, created_at) VALUES "
                       "(?,?,?,'2025-01-01T00:00:00Z')")
                .bind(1, user)
                .bind(2, name)
                .bind(3, role)
                .run();
            (QLatin1String(user) == QLatin1String("priya") ? priya
             : QLatin1String(user) == QLatin1String("sam") ? sam
                                                           : desk) = db.lastInsertId();
        }
        room1 = Diary(db).addRoom(QStringLiteral("Room 1")).value();
        room2 = Diary(db).addRoom(QStringLiteral("Room 2")).value();
        client = t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor-Llewellyn"),
                             QStringLiteral("07700 900123"), QStringLiteral("zoe@example.com"));
    }
    ~Clinic() { Clock::setSource(nullptr); }
    Database& db() { return t.db(); }
    Appointment appt(qint64 practitioner, qint64 room, const QDateTime& start, int minutes,
                     const char* kind = "consultation")
    {
        Appointment a;
        a.clientId = client;
        a.kind = vocab::fromCode<AppointmentKind>(QString::fromLatin1(kind)).value();
        a.treatment = QStringLiteral("Lip filler");
        a.startsAt = start;
        a.durationMinutes = minutes;
        a.practitionerId = practitioner;
        a.roomId = room;
        return a;
    }
    qint64 book(qint64 practitioner, qint64 room, const QDateTime& start, int minutes)
    {
        auto id = Diary(db()).book(appt(practitioner, room, start, minutes));
        if (!id)
            qFatal("book: %s", qPrintable(id.message()));
        return id.value();
    }
};

QStringList ids(const QList<Appointment>& list)
{
    QStringList out;
    for (const Appointment& a : list)
        out << QString::number(a.id);
    return out;
}

QString pdfText(const QString& path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        qFatal("pdftotext failed");
    return QString::fromUtf8(p.readAllStandardOutput());
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
                                   << "10:10" << 5 << false << "appointment ";
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
            QVERIFY2(id.message().contains(QStringLiteral("appointment %1").arg(existing)),
                     qPrintable(id.message()));
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
                QVERIFY2(e.detail.contains(QStringLiteral("starts_at")), qPrintable(e.detail));
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
        const QSet<QString> ok{"draft>sent", "draft>declined", "sent>accepted", "sent>declined",
                               "sent>expired"};
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
        QTemporaryDir dir;
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
              QStringLiteral("hello@harbourside.example"),
              QStringLiteral("Quote %1 for Zoë Okafor-Llewellyn").arg(id),
              QStringLiteral("Valid until: 3 April 2025"), QStringLiteral("Anti-wrinkle injections"),
              QStringLiteral("£250.00"), QStringLiteral("£500.00"), QStringLiteral("Lip filler"),
              QStringLiteral("£320.00"), QStringLiteral("£820.00"),
              QStringLiteral("Two sessions, four weeks apart.")})
            QVERIFY2(text.contains(want), qPrintable(want + QStringLiteral(" not in:\n") + text));
        QVERIFY(QRegularExpression(QStringLiteral("Total\\s+£820\\.00")).match(text).hasMatch());
        QVERIFY(quotes.renderPdf(id)->contains("/Subtype /Image"));
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
