#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

namespace cd {

class Database;

// iCalendar (RFC 5545) for one appointment, so a calendar program can import it.
//
// Written exactly as the RFC asks: CRLF line ends, content lines folded at 75 octets (never inside
// a UTF-8 sequence), TEXT values escaped (\\ \; \, \n), UID, DTSTAMP in UTC. Times are UTC
// ("...Z"), which every calendar shows in its own time zone, so no VTIMEZONE is needed.
//
// Personal data kept to what the appointment needs: SUMMARY has the kind, the client's FIRST name
// and the planned treatment; LOCATION the clinic and room; DESCRIPTION the practitioner. No
// surname, contact details, date of birth or notes: the file may end up in a shared or cloud
// calendar outside the clinic's control.
namespace ics {

struct Event
{
    QString uid;     // globally unique and stable for the appointment
    QDateTime stamp; // when the file was made
    QDateTime start, end;
    QString summary, location, description;
    bool cancelled = false; // STATUS:CANCELLED instead of CONFIRMED
    int sequence = 0;       // revision: bumped by every move or cancellation
};

// A VCALENDAR holding the events.
QByteArray calendar(const QList<Event>& events);
// TEXT escaping (RFC 5545 3.3.11).
QString escapeText(const QString& text);
// One content line, folded to lines of at most 75 octets, each ending in CRLF.
QByteArray fold(const QByteArray& line);

// The appointment as an event (needs Action::ViewDiary), and as a file.
Result<Event> appointmentEvent(Database& db, qint64 appointmentId);
Result<QByteArray> appointmentIcs(Database& db, qint64 appointmentId);
Status exportAppointment(Database& db, qint64 appointmentId, const QString& path);
// Every appointment from `from` to `to` (local days, both included; cancelled ones as CANCELLED, so
// a calendar that imported them before drops them), at most kMaxRangeDays days. exportRange writes
// the file atomically, logs `diary-exported` and returns how many appointments it holds.
constexpr int kMaxRangeDays = 366;
Result<QByteArray> rangeIcs(Database& db, const QDate& from, const QDate& to, int* count = nullptr);
Result<int> exportRange(Database& db, const QDate& from, const QDate& to, const QString& path);

} // namespace ics
} // namespace cd
