#include "diary/ICalendar.h"

#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "clients/ClientStore.h"
#include "common/Clock.h"
#include "diary/Diary.h"
#include "settings/Settings.h"
#include "storage/Sql.h"

#include <QObject>
#include <QSaveFile>

namespace cd::ics {

namespace {

QByteArray utc(const QDateTime& t)
{
    return t.toUTC().toString(QStringLiteral("yyyyMMdd'T'HHmmss'Z'")).toLatin1();
}

QByteArray property(const char* name, const QString& text)
{
    return fold(QByteArray(name) + ':' + escapeText(text).toUtf8());
}

} // namespace

QString escapeText(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('\\'))
            out += QStringLiteral("\\\\");
        else if (c == QLatin1Char(';'))
            out += QStringLiteral("\\;");
        else if (c == QLatin1Char(','))
            out += QStringLiteral("\\,");
        else if (c == QLatin1Char('\r')) {
            if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n'))
                ++i;
            out += QStringLiteral("\\n");
        } else if (c == QLatin1Char('\n'))
            out += QStringLiteral("\\n");
        else if (c.unicode() < 0x20 && c != QLatin1Char('\t'))
            continue; // other control characters are not allowed in TEXT
        else
            out += c;
    }
    return out;
}

QByteArray fold(const QByteArray& line)
{
    QByteArray out;
    int pos = 0;
    int limit = 75; // the first line holds 75 octets; continuation lines a space and 74 more
    while (line.size() - pos > limit) {
        int cut = pos + limit;
        // Never split a UTF-8 sequence: back up while the octet at the cut is a continuation octet.
        while (cut > pos && (uchar(line.at(cut)) & 0xC0) == 0x80)
            --cut;
        out += line.mid(pos, cut - pos);
        out += "\r\n ";
        pos = cut;
        limit = 74;
    }
    out += line.mid(pos);
    out += "\r\n";
    return out;
}

QByteArray calendar(const QList<Event>& events)
{
    QByteArray out;
    out += "BEGIN:VCALENDAR\r\n";
    out += "VERSION:2.0\r\n";
    out += fold(QByteArray("PRODID:-//Clinicdesk//Clinicdesk ") + CLINICDESK_VERSION + "//EN");
    out += "CALSCALE:GREGORIAN\r\n";
    out += "METHOD:PUBLISH\r\n";
    for (const Event& e : events) {
        out += "BEGIN:VEVENT\r\n";
        out += fold("UID:" + e.uid.toUtf8()); // UID is TEXT too, but ours holds only [A-Za-z0-9@.-]
        out += "DTSTAMP:" + utc(e.stamp) + "\r\n";
        out += "DTSTART:" + utc(e.start) + "\r\n";
        out += "DTEND:" + utc(e.end) + "\r\n";
        out += "SEQUENCE:" + QByteArray::number(e.sequence) + "\r\n";
        out += property("SUMMARY", e.summary);
        if (!e.location.isEmpty())
            out += property("LOCATION", e.location);
        if (!e.description.isEmpty())
            out += property("DESCRIPTION", e.description);
        out += e.cancelled ? "STATUS:CANCELLED\r\n" : "STATUS:CONFIRMED\r\n";
        out += "TRANSP:OPAQUE\r\n";
        out += "END:VEVENT\r\n";
    }
    out += "END:VCALENDAR\r\n";
    return out;
}

namespace {

// The appointment as an event: the client's first (or preferred) name only, as the header says.
Result<Event> eventFor(Database& db, const Appointment& appointment, const QString& clinic)
{
    const Appointment* a = &appointment;
    auto first = guarded([&]() -> Result<QString> {
        auto c = ClientStore(db).get(a->clientId);
        if (!c)
            return c.error();
        return c->preferredName.isEmpty() ? c->firstName : c->preferredName;
    });
    if (!first)
        return first.error();
    Event e;
    QString created = a->createdAt;
    created.remove(QLatin1Char('-')).remove(QLatin1Char(':'));
    e.uid = QStringLiteral("clinicdesk-appointment-%1-%2@clinicdesk.invalid").arg(a->id).arg(created);
    e.stamp = Clock::now();
    e.start = a->startsAt;
    e.end = a->endsAt();
    const QString kind = vocab::label(a->kind);
    e.summary = a->treatment.isEmpty() ? QStringLiteral("%1: %2").arg(kind, first.value())
                                       : QStringLiteral("%1: %2, %3").arg(kind, first.value(), a->treatment);
    QStringList where;
    if (!clinic.isEmpty())
        where << clinic;
    if (!a->roomName.isEmpty())
        where << a->roomName;
    e.location = where.join(QStringLiteral(", "));
    e.description = QObject::tr("With %1").arg(a->practitionerName);
    e.cancelled = a->isCancelled();
    e.sequence = a->sequence;
    return e;
}

Status writeFile(const QString& path, const QByteArray& bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return makeError(Error::Kind::Io, QObject::tr("Cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

} // namespace

Result<Event> appointmentEvent(Database& db, qint64 appointmentId)
{
    auto a = Diary(db).get(appointmentId);
    if (!a)
        return a.error();
    return eventFor(db, a.value(), ClinicSettings(db).clinicName());
}

Result<QByteArray> rangeIcs(Database& db, const QDate& from, const QDate& to, int* count)
{
    if (!from.isValid() || !to.isValid() || to < from)
        return makeError(Error::Kind::Invalid, QObject::tr("The last day comes before the first."));
    if (from.daysTo(to) >= kMaxRangeDays)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("A calendar file holds at most %1 days; export a shorter period.")
                             .arg(kMaxRangeDays));
    auto list = Diary(db).range(from.startOfDay(), to.addDays(1).startOfDay());
    if (!list)
        return list.error();
    QList<Event> events;
    const QString clinic = ClinicSettings(db).clinicName();
    for (const Appointment& a : list.value()) {
        auto e = eventFor(db, a, clinic);
        if (!e)
            return e.error();
        events.append(e.value());
    }
    if (count)
        *count = int(events.size());
    return calendar(events);
}

Result<int> exportRange(Database& db, const QDate& from, const QDate& to, const QString& path)
{
    if (path.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Choose where to save the calendar file."));
    int count = 0;
    auto bytes = rangeIcs(db, from, to, &count);
    if (!bytes)
        return bytes.error();
    if (auto st = writeFile(path, bytes.value()); !st)
        return st.error();
    if (auto st = guarded([&]() -> Status {
            return AuditLog(db).append(QStringLiteral("diary-exported"), {},
                                       QStringLiteral("%1 from %2 to %3 as iCalendar")
                                           .arg(count == 1 ? QStringLiteral("1 appointment")
                                                           : QStringLiteral("%1 appointments").arg(count),
                                                from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
        });
        !st)
        return st.error();
    return count;
}

Result<QByteArray> appointmentIcs(Database& db, qint64 appointmentId)
{
    auto e = appointmentEvent(db, appointmentId);
    if (!e)
        return e.error();
    return calendar({e.value()});
}

Status exportAppointment(Database& db, qint64 appointmentId, const QString& path)
{
    if (path.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Choose where to save the calendar file."));
    auto bytes = appointmentIcs(db, appointmentId);
    if (!bytes)
        return bytes.error();
    if (auto st = writeFile(path, bytes.value()); !st)
        return st;
    auto a = Diary(db).get(appointmentId);
    return guarded([&]() -> Status {
        return AuditLog(db).append(QStringLiteral("appointment-exported"),
                                   client::subjectRefOf(db, a ? a->clientId : 0),
                                   QStringLiteral("appointment %1 as iCalendar").arg(appointmentId));
    });
}

} // namespace cd::ics
