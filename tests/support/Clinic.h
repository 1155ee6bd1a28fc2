#pragma once

// A small clinic on a real encrypted vault, for the diary's and the records' suites: two
// practitioners, a receptionist, two rooms and one client, with the clock held at a Tuesday morning.

#include "TestVault.h"
#include "common/Clock.h"
#include "diary/Diary.h"
#include "storage/Sql.h"

#include <QDateTime>
#include <tuple>

namespace cd::test {

// Tuesday 4 March 2025, 09:00 in London (GMT).
inline const QDateTime kNow(QDate(2025, 3, 4), QTime(9, 0), Qt::UTC);

inline QDateTime at(const QDate& day, const char* hhmm)
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
        a.pastConfirmed = true; // the fixture's diary holds the past as well as what is to come
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

} // namespace cd::test
