#include "diary/Diary.h"

#include "accounts/Access.h"
#include "accounts/Staff.h"
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "clients/ClientStore.h"
#include "common/Clock.h"
#include "diary/DiaryCommon.h"
#include "storage/Sql.h"

#include <QLocale>
#include <QObject>
#include <QSet>

namespace cd {

using namespace diary_detail;

namespace {

const QString kSelect = QStringLiteral(
    "SELECT a.id, a.client_id, a.kind, a.starts_at, a.duration_minutes, a.practitioner_id, a.room_id, "
    "a.treatment, a.notes, "
    "a.status, a.cancel_reason, a.sequence, a.created_at, a.updated_at, a.created_by, r.name "
    "FROM appointments a LEFT JOIN rooms r ON r.id = a.room_id ");

Appointment read(const Statement& st)
{
    Appointment a;
    a.id = st.int64(0);
    a.clientId = st.int64(1);
    a.kind = vocab::fromCode<AppointmentKind>(st.text(2)).value_or(AppointmentKind::Consultation);
    a.startsAt = fromDb(st.text(3));
    a.durationMinutes = int(st.int64(4));
    a.practitionerId = st.int64(5);
    a.roomId = st.isNull(6) ? 0 : st.int64(6);
    a.treatment = st.text(7);
    a.notes = st.text(8);
    a.status = vocab::fromCode<AppointmentStatus>(st.text(9)).value_or(AppointmentStatus::Booked);
    a.cancelReason = st.text(10);
    a.sequence = int(st.int64(11));
    a.createdAt = st.text(12);
    a.updatedAt = st.text(13);
    a.createdBy = st.isNull(14) ? 0 : st.int64(14);
    a.roomName = st.text(15);
    return a;
}

// The client's and the practitioner's names, from their owners (one lookup per list).
QList<Appointment> named(Database& db, QList<Appointment> list)
{
    QSet<qint64> clients;
    for (const Appointment& a : list)
        clients.insert(a.clientId);
    const QHash<qint64, QString> names = ClientStore(db).displayNamesInTransaction(clients);
    const QHash<qint64, QString> staffNames = staff::namesInTransaction(db);
    for (Appointment& a : list) {
        a.clientName = names.value(a.clientId);
        a.practitionerName = staffNames.value(a.practitionerId);
    }
    return list;
}

Appointment named(Database& db, const Appointment& a)
{
    return named(db, QList<Appointment>{a}).constFirst();
}

QString when(const Appointment& a)
{
    const QLocale uk(QLocale::English, QLocale::UnitedKingdom);
    return QStringLiteral("%1–%2 on %3")
        .arg(a.startsAt.time().toString(QStringLiteral("HH:mm")),
             a.endsAt().time().toString(QStringLiteral("HH:mm")),
             uk.toString(a.startsAt.date(), QStringLiteral("ddd d MMM yyyy")));
}

QString kindName(AppointmentKind kind)
{
    return vocab::label(kind).toLower();
}

} // namespace

QDate Diary::weekStart(const QDate& day)
{
    return day.addDays(1 - day.dayOfWeek());
}

Status Diary::validate(const Appointment& a)
{
    if (!vocab::all<AppointmentKind>().contains(a.kind))
        return makeError(Error::Kind::Invalid,
                         QObject::tr("An appointment is a consultation or a treatment."));
    if (!a.startsAt.isValid())
        return makeError(Error::Kind::Invalid, QObject::tr("Choose the day and time of the appointment."));
    if (a.durationMinutes < kMinDurationMinutes || a.durationMinutes > kMaxDurationMinutes)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("An appointment lasts between %1 minutes and %2 hours.")
                             .arg(kMinDurationMinutes)
                             .arg(kMaxDurationMinutes / 60));
    if (a.kind == AppointmentKind::Treatment && a.treatment.trimmed().isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Say which treatment is booked."));
    if (auto p = requirePractitioner(m_db, a.practitionerId); !p)
        return p.error();
    if (a.roomId != 0) {
        auto r = m_db.prepare("SELECT name, active FROM rooms WHERE id = ?");
        if (!r.bind(1, a.roomId).step())
            return makeError(Error::Kind::Invalid,
                             QObject::tr("There is no room with id %1: choose a room.").arg(a.roomId));
        if (r.int64(1) == 0)
            return makeError(Error::Kind::Invalid,
                             QObject::tr("%1 is no longer in use: choose another room.").arg(r.text(0)));
    }
    return {};
}

Result<std::optional<Appointment>> Diary::findClash(const QDateTime& start, int minutes,
                                                    qint64 practitionerId, qint64 roomId, qint64 ignoreId)
{
    if (auto st = access::require(m_db, Action::ViewDiary); !st)
        return st.error();
    return guarded([&]() -> Result<std::optional<Appointment>> {
        // Half-open intervals: other.start < end AND other.end > start. The lower bound on starts_at
        // (no appointment is longer than the maximum) keeps it an index range scan.
        auto st = m_db.prepare(
            (kSelect +
             QStringLiteral(
                 "WHERE a.status <> 'cancelled' AND a.id <> ? AND a.starts_at < ? AND a.ends_at > ? "
                 "AND a.starts_at >= ? AND (a.practitioner_id = ? OR (? <> 0 AND a.room_id = ?)) "
                 "ORDER BY a.starts_at, a.id LIMIT 1"))
                .toStdString());
        st.bind(1, ignoreId)
            .bind(2, toDb(start.addSecs(qint64(minutes) * 60)))
            .bind(3, toDb(start))
            .bind(4, toDb(start.addSecs(-qint64(kMaxDurationMinutes) * 60)))
            .bind(5, practitionerId)
            .bind(6, roomId)
            .bind(7, roomId);
        if (!st.step())
            return std::optional<Appointment>();
        const Appointment clash = read(st);
        st.reset();
        return std::optional<Appointment>(named(m_db, clash));
    });
}

Status Diary::checkClash(const Appointment& a)
{
    auto clash = findClash(a.startsAt, a.durationMinutes, a.practitionerId, a.roomId, a.id);
    if (!clash)
        return clash.error();
    if (!clash->has_value())
        return {};
    const Appointment& other = *clash.value();
    const QString who = other.practitionerId == a.practitionerId ? other.practitionerName : other.roomName;
    return makeError(Error::Kind::Conflict,
                     // The other booking by its time and kind: never the other client's name (the
                     // message may be read out at the desk), nor an id that means nothing to anyone.
                     QObject::tr("%1 is already booked %2 (a %3): choose another time, %4.")
                         .arg(who, when(other), kindName(other.kind))
                         .arg(other.practitionerId == a.practitionerId
                                  ? QObject::tr("or another practitioner")
                                  : QObject::tr("or another room")));
}

Result<qint64> Diary::book(const Appointment& in, qint64 staffId)
{
    if (auto st = access::require(m_db, Action::BookAppointments); !st)
        return st.error();
    return guarded([&]() -> Result<qint64> {
        Appointment a = in;
        a.id = 0;
        a.treatment = a.treatment.trimmed();
        a.notes = a.notes.trimmed();
        if (auto st = client::mayWrite(m_db, a.clientId, Action::BookAppointments, ClientWrite::Add); !st)
            return st.error();
        if (auto st = validate(a); !st)
            return st.error();
        if (a.startsAt < Clock::now() && !a.pastConfirmed)
            return makeError(Error::Kind::Conflict,
                             QObject::tr("The time %1 has already passed: book it only to record a visit "
                                         "that took place, and say so when asked.")
                                 .arg(when(a)));
        Transaction tx(m_db);
        if (auto st = checkClash(a); !st)
            return st.error();
        m_db.noteDay(a.startsAt.toLocalTime().date());
        a.status = AppointmentStatus::Booked;
        a.cancelReason.clear();
        const qint64 id = insertInTransaction(a, Clock::nowIso(), staffOrActor(m_db, staffId));
        if (auto st = AuditLog(m_db).append(
                QStringLiteral("appointment-booked"), client::subjectRefOf(m_db, a.clientId),
                QStringLiteral("appointment %1 (%2)").arg(id).arg(vocab::code(a.kind)));
            !st)
            return st.error();
        tx.commit();
        return id;
    });
}

Status Diary::update(const Appointment& in)
{
    if (auto st = access::require(m_db, Action::BookAppointments); !st)
        return st;
    return guarded([&]() -> Status {
        auto old = get(in.id);
        if (!old)
            return old.error();
        if (old->isCancelled())
            return makeError(Error::Kind::Conflict,
                             QObject::tr("This appointment was cancelled: book a new one instead."));
        Appointment a = in;
        a.clientId = old->clientId;
        a.treatment = a.treatment.trimmed();
        a.notes = a.notes.trimmed();
        if (auto st = client::mayWrite(m_db, a.clientId, Action::BookAppointments, ClientWrite::Change); !st)
            return st;
        if (auto st = validate(a); !st)
            return st;
        QStringList changed;
        const bool timeChanged =
            toDb(a.startsAt) != toDb(old->startsAt) || a.durationMinutes != old->durationMinutes;
        if (a.kind != old->kind)
            changed << QStringLiteral("kind");
        if (toDb(a.startsAt) != toDb(old->startsAt))
            changed << QStringLiteral("time");
        if (a.durationMinutes != old->durationMinutes)
            changed << QStringLiteral("length");
        if (a.practitionerId != old->practitionerId)
            changed << QStringLiteral("practitioner");
        if (a.roomId != old->roomId)
            changed << QStringLiteral("room");
        if (a.treatment != old->treatment)
            changed << QStringLiteral("treatment");
        if (a.notes != old->notes)
            changed << QStringLiteral("notes");
        if (changed.isEmpty())
            return {};
        if (toDb(a.startsAt) != toDb(old->startsAt) && a.startsAt < Clock::now() && !a.pastConfirmed)
            return makeError(Error::Kind::Conflict,
                             QObject::tr("The time %1 has already passed: an appointment is moved to a time "
                                         "still to come.")
                                 .arg(when(a)));
        Transaction tx(m_db);
        if (timeChanged || a.practitionerId != old->practitionerId || a.roomId != old->roomId)
            if (auto st = checkClash(a); !st)
                return st;
        const bool rescheduled =
            timeChanged || a.practitionerId != old->practitionerId || a.roomId != old->roomId;
        m_db.noteDay(old->startsAt.toLocalTime().date());
        m_db.noteDay(a.startsAt.toLocalTime().date());
        auto up = m_db.prepare(
            "UPDATE appointments SET kind=?, starts_at=?, ends_at=?, duration_minutes=?, practitioner_id=?, "
            "room_id=?, treatment=?, notes=?, sequence = sequence + ?, updated_at=? WHERE id=?");
        up.bind(1, vocab::code(a.kind))
            .bind(2, toDb(a.startsAt))
            .bind(3, toDb(a.endsAt()))
            .bind(4, a.durationMinutes)
            .bind(5, a.practitionerId);
        a.roomId != 0 ? up.bind(6, a.roomId) : up.bindNull(6);
        up.bindOptional(7, a.treatment)
            .bindOptional(8, a.notes)
            .bind(9, rescheduled ? 1 : 0)
            .bind(10, Clock::nowIso())
            .bind(11, a.id);
        up.run();
        if (auto st = AuditLog(m_db).append(QStringLiteral("appointment-changed"),
                                            client::subjectRefOf(m_db, a.clientId),
                                            QStringLiteral("appointment %1: changed %2")
                                                .arg(a.id)
                                                .arg(changed.join(QStringLiteral(", "))));
            !st)
            return st;
        tx.commit();
        return {};
    });
}

Status Diary::move(qint64 id, const QDateTime& newStart, std::optional<qint64> practitionerId,
                   std::optional<qint64> roomId)
{
    if (auto st = access::require(m_db, Action::BookAppointments); !st)
        return st;
    auto a = guarded([&] { return get(id); });
    if (!a)
        return a.error();
    Appointment moved = a.value();
    moved.startsAt = newStart;
    if (practitionerId)
        moved.practitionerId = *practitionerId;
    if (roomId)
        moved.roomId = *roomId;
    return update(moved);
}

Status Diary::setStatus(qint64 id, AppointmentStatus status, const QString& reason)
{
    if (auto st = access::require(m_db, Action::BookAppointments); !st)
        return st;
    return guarded([&]() -> Status {
        auto a = get(id);
        if (!a)
            return a.error();
        if (a->isCancelled())
            return makeError(Error::Kind::Conflict,
                             QObject::tr("This appointment was cancelled: book a new one instead."));
        if (a->status == status)
            return {};
        const bool cancelling = status == AppointmentStatus::Cancelled;
        if (auto st = client::mayWrite(m_db, a->clientId, Action::BookAppointments,
                                       cancelling ? ClientWrite::Less : ClientWrite::Change);
            !st)
            return st;
        if (cancelling && reason.trimmed().isEmpty())
            return makeError(Error::Kind::Invalid, QObject::tr("Say why the appointment is cancelled."));
        if (!cancelling && a->startsAt.toLocalTime().date() > Clock::today())
            return makeError(Error::Kind::Conflict,
                             QObject::tr("This appointment is on %1: it can be marked attended or "
                                         "no-show on the day.")
                                 .arg(a->startsAt.date().toString(QStringLiteral("dd/MM/yyyy"))));
        if (cancelling && a->status != AppointmentStatus::Booked)
            return makeError(Error::Kind::Conflict,
                             QObject::tr("Only a booked appointment can be cancelled; this one is marked %1.")
                                 .arg(vocab::label(a->status).toLower()));
        Transaction tx(m_db);
        m_db.noteDay(a->startsAt.toLocalTime().date());
        auto up = m_db.prepare("UPDATE appointments SET status = ?, cancel_reason = ?, sequence = sequence + "
                               "?, updated_at = ? WHERE id = ?");
        up.bind(1, vocab::code(status));
        cancelling ? up.bind(2, reason.trimmed()) : up.bindNull(2);
        up.bind(3, cancelling ? 1 : 0).bind(4, Clock::nowIso()).bind(5, id).run();
        const QString action = cancelling ? QStringLiteral("appointment-cancelled")
                               : status == AppointmentStatus::Attended
                                   ? QStringLiteral("appointment-attended")
                                   : QStringLiteral("appointment-no-show");
        if (auto st =
                AuditLog(m_db).append(action, client::subjectRefOf(m_db, a->clientId),
                                      QStringLiteral("appointment %1: status%2")
                                          .arg(id)
                                          .arg(cancelling ? QStringLiteral(" cancel_reason") : QString()));
            !st)
            return st;
        tx.commit();
        return {};
    });
}

Status Diary::cancel(qint64 id, const QString& reason)
{
    return setStatus(id, AppointmentStatus::Cancelled, reason);
}

Status Diary::markAttended(qint64 id)
{
    return setStatus(id, AppointmentStatus::Attended, {});
}

Status Diary::markNoShow(qint64 id)
{
    return setStatus(id, AppointmentStatus::NoShow, {});
}

Result<Appointment> Diary::get(qint64 id)
{
    if (auto st = access::require(m_db, Action::ViewDiary); !st)
        return st.error();
    return guarded([&]() -> Result<Appointment> {
        auto st = m_db.prepare((kSelect + QStringLiteral("WHERE a.id = ?")).toStdString());
        if (!st.bind(1, id).step())
            return makeError(Error::Kind::NotFound, QObject::tr("There is no appointment %1.").arg(id));
        const Appointment a = read(st);
        st.reset();
        return named(m_db, a);
    });
}

Result<QList<Appointment>> Diary::range(const QDateTime& from, const QDateTime& to, const DiaryFilter& f)
{
    if (auto st = access::require(m_db, Action::ViewDiary); !st)
        return st.error();
    return guarded([&]() -> Result<QList<Appointment>> {
        auto st = m_db.prepare(
            (kSelect + QStringLiteral("WHERE a.starts_at < ? AND a.ends_at > ? AND a.starts_at >= ? "
                                      "AND (? = 0 OR a.practitioner_id = ?) AND (? = 0 OR a.room_id = ?) "
                                      "AND (? OR a.status <> 'cancelled') ORDER BY a.starts_at, a.id"))
                .toStdString());
        st.bind(1, toDb(to))
            .bind(2, toDb(from))
            .bind(3, toDb(from.addSecs(-qint64(kMaxDurationMinutes) * 60)))
            .bind(4, f.practitionerId)
            .bind(5, f.practitionerId)
            .bind(6, f.roomId)
            .bind(7, f.roomId)
            .bind(8, f.includeCancelled ? 1 : 0);
        QList<Appointment> out;
        while (st.step())
            out.append(read(st));
        st.reset();
        return named(m_db, out);
    });
}

Result<QList<Appointment>> Diary::day(const QDate& d, const DiaryFilter& f)
{
    return range(d.startOfDay(), d.addDays(1).startOfDay(), f);
}

Result<QList<Appointment>> Diary::week(const QDate& anyDay, const DiaryFilter& f)
{
    const QDate monday = weekStart(anyDay);
    return range(monday.startOfDay(), monday.addDays(7).startOfDay(), f);
}

Result<QList<Appointment>> Diary::forClient(qint64 clientId)
{
    if (auto st = access::require(m_db, Action::ViewDiary); !st)
        return st.error();
    return guarded([&]() -> Result<QList<Appointment>> {
        auto st = m_db.prepare(
            (kSelect + QStringLiteral("WHERE a.client_id = ? ORDER BY a.starts_at DESC, a.id DESC"))
                .toStdString());
        QList<Appointment> out;
        for (st.bind(1, clientId); st.step();)
            out.append(read(st));
        return named(m_db, out);
    });
}

Result<QList<Practitioner>> Diary::practitioners()
{
    if (auto st = access::require(m_db, Action::ViewDiary); !st)
        return st.error();
    auto everyone = staff::all(m_db); // by name
    if (!everyone)
        return everyone.error();
    QList<Practitioner> out, managers;
    for (const StaffMember& m : everyone.value())
        if (m.active && (m.role == Role::Practitioner || m.role == Role::Manager))
            (m.role == Role::Manager ? managers : out).append({m.id, m.displayName, m.role});
    return out + managers; // practitioners first, then managers, each by name
}

Result<QList<Room>> Diary::rooms(bool activeOnly)
{
    if (auto st = access::require(m_db, Action::ViewDiary); !st)
        return st.error();
    return guarded([&]() -> Result<QList<Room>> {
        auto st = m_db.prepare("SELECT id, name, active FROM rooms WHERE ? = 0 OR active = 1 ORDER BY name");
        QList<Room> out;
        for (st.bind(1, activeOnly ? 1 : 0); st.step();)
            out.append({st.int64(0), st.text(1), st.int64(2) != 0});
        return out;
    });
}

qint64 Diary::insertInTransaction(const Appointment& a, const QString& createdAt, qint64 createdBy)
{
    auto ins =
        m_db.prepare("INSERT INTO appointments (client_id, kind, starts_at, ends_at, duration_minutes, "
                     "practitioner_id, room_id, treatment, notes, status, cancel_reason, created_at, "
                     "updated_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    ins.bind(1, a.clientId)
        .bind(2, vocab::code(a.kind))
        .bind(3, toDb(a.startsAt))
        .bind(4, toDb(a.endsAt()))
        .bind(5, a.durationMinutes)
        .bind(6, a.practitionerId);
    a.roomId != 0 ? ins.bind(7, a.roomId) : ins.bindNull(7);
    ins.bindOptional(8, a.treatment)
        .bindOptional(9, a.notes)
        .bind(10, vocab::code(a.status))
        .bindOptional(11, a.cancelReason)
        .bind(12, createdAt)
        .bind(13, createdAt);
    createdBy > 0 ? ins.bind(14, createdBy) : ins.bindNull(14);
    return ins.runInsert();
}

qint64 Diary::ensureRoomInTransaction(const QString& name)
{
    m_db.prepare("INSERT OR IGNORE INTO rooms (name, active, created_at) VALUES (?, 1, ?)")
        .bind(1, name)
        .bind(2, Clock::nowIso())
        .run();
    auto id = m_db.prepare("SELECT id FROM rooms WHERE name = ?");
    id.bind(1, name).step();
    return id.int64(0);
}

qint64 Diary::countInTransaction()
{
    auto n = m_db.prepare("SELECT count(*) FROM appointments");
    n.step();
    return n.int64(0);
}

Result<qint64> Diary::addRoom(const QString& name)
{
    if (auto st = access::require(m_db, Action::Settings); !st)
        return st.error();
    const QString n = name.simplified();
    if (n.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Give the room a name."));
    return guarded([&]() -> Result<qint64> {
        auto exists = m_db.prepare("SELECT id FROM rooms WHERE name = ?");
        if (exists.bind(1, n).step())
            return makeError(Error::Kind::Conflict, QObject::tr("There is already a room called %1.").arg(n));
        Transaction tx(m_db);
        const qint64 id = m_db.prepare("INSERT INTO rooms (name, active, created_at) VALUES (?, 1, ?)")
                              .bind(1, n)
                              .bind(2, Clock::nowIso())
                              .runInsert();
        if (auto st =
                AuditLog(m_db).append(QStringLiteral("room-added"), {}, QStringLiteral("room %1").arg(id));
            !st)
            return st.error();
        tx.commit();
        return id;
    });
}

Status Diary::setRoomActive(qint64 roomId, bool active)
{
    if (auto st = access::require(m_db, Action::Settings); !st)
        return st;
    return guarded([&]() -> Status {
        Transaction tx(m_db);
        m_db.prepare("UPDATE rooms SET active = ? WHERE id = ?")
            .bind(1, active ? 1 : 0)
            .bind(2, roomId)
            .run();
        if (m_db.changes() == 0)
            return makeError(Error::Kind::NotFound, QObject::tr("There is no room with id %1.").arg(roomId));
        if (auto st = AuditLog(m_db).append(QStringLiteral("room-changed"), {},
                                            QStringLiteral("room %1: active").arg(roomId));
            !st)
            return st;
        tx.commit();
        return {};
    });
}

QString Appointment::what() const
{
    const QString said = vocab::label(kind);
    const QString t = treatment.trimmed();
    if (t.isEmpty())
        return said;
    if (t.startsWith(said, Qt::CaseInsensitive))
        return t;
    return QCoreApplication::translate("vocabulary", "%1: %2").arg(said, t);
}

} // namespace cd
