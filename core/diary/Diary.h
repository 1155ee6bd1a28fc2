#pragma once

#include "common/Actor.h"
#include "common/Result.h"
#include "common/Vocabulary.h"

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace cd {

class Database;

enum class AppointmentKind { Consultation, Treatment };
enum class AppointmentStatus { Booked, Attended, NoShow, Cancelled };

template <> inline std::span<const vocab::Term<AppointmentKind>> vocab::terms()
{
    static constexpr Term<AppointmentKind> t[] = {
        {AppointmentKind::Consultation, "consultation", QT_TRANSLATE_NOOP("vocabulary", "Consultation")},
        {AppointmentKind::Treatment, "treatment", QT_TRANSLATE_NOOP("vocabulary", "Treatment")}};
    return t;
}

template <> inline std::span<const vocab::Term<AppointmentStatus>> vocab::terms()
{
    static constexpr Term<AppointmentStatus> t[] = {
        {AppointmentStatus::Booked, "booked", QT_TRANSLATE_NOOP("vocabulary", "Booked")},
        {AppointmentStatus::Attended, "attended", QT_TRANSLATE_NOOP("vocabulary", "Attended")},
        {AppointmentStatus::NoShow, "no_show", QT_TRANSLATE_NOOP("vocabulary", "No-show")},
        {AppointmentStatus::Cancelled, "cancelled", QT_TRANSLATE_NOOP("vocabulary", "Cancelled")}};
    return t;
}

// One booking in the diary.
struct Appointment
{
    qint64 id = 0;
    qint64 clientId = 0;
    AppointmentKind kind = AppointmentKind::Consultation;
    QDateTime startsAt; // any time spec; stored in UTC, read back as local time
    int durationMinutes = 30;
    qint64 practitionerId = 0; // a staff account (practitioner or manager)
    qint64 roomId = 0;         // 0: no room (e.g. a phone consultation)
    QString treatment;         // what is planned, e.g. "Lip filler"
    QString notes;
    AppointmentStatus status = AppointmentStatus::Booked;
    QString cancelReason;
    int sequence = 0; // bumped by every move or cancellation (iCalendar SEQUENCE)
    // A booking that starts before now is refused (Kind::Conflict, saying so) unless the desk asked
    // first and the answer was yes: a walk-in recorded after the fact, not a slip of the date.
    bool pastConfirmed = false;
    QString createdAt, updatedAt; // UTC ISO, read-only
    qint64 createdBy = 0;         // read-only

    // Filled by queries for display, ignored on writes.
    QString clientName; // preferred or first name + last name
    QString practitionerName;
    QString roomName;

    QDateTime endsAt() const { return startsAt.addSecs(qint64(durationMinutes) * 60); }
    bool isCancelled() const { return status == AppointmentStatus::Cancelled; }
    // What the appointment is for, in words: "Consultation: lip filler", said once when the treatment
    // already names the kind ("Consultation: cheek filler"), and the kind alone when nothing is named.
    QString what() const;
};

struct Room
{
    qint64 id = 0;
    QString name;
    bool active = true;
};

struct Practitioner
{
    qint64 id = 0;
    QString displayName;
    Role role = Role::Practitioner;
};

// Narrows a diary query. 0 means "any".
struct DiaryFilter
{
    qint64 practitionerId = 0;
    qint64 roomId = 0;
    bool includeCancelled = true;
};

// The appointments diary: book, move, cancel, mark attended or no-show; day and week views; a
// client's appointments.
//
// Clash rule: an appointment occupies the half-open interval [start, start + duration). Booking,
// moving or editing is refused (Error::Kind::Conflict) when the same practitioner, or the same room,
// already has a non-cancelled appointment whose interval overlaps; back-to-back (one ends at 10:30,
// the next starts at 10:30) is fine. The message names the clash: who or which room, kind, time
// and the other appointment's id, never the other client's name.
//
// Rights: ViewDiary for queries, BookAppointments for every change (receptionist and up); rooms are
// clinic settings (manager). Every change is audited with the fields changed, never their values.
// Restricted or erased clients cannot be booked (their record is frozen); cancelling still works.
class Diary final
{
public:
    explicit Diary(Database& db) : m_db(db) {}

    static constexpr int kMinDurationMinutes = 5;
    static constexpr int kMaxDurationMinutes = 12 * 60;

    // Books a (new) appointment; a.id, status, sequence and read-only fields are ignored.
    // staffId: who books it (0: the signed-in account). Returns the new id.
    Result<qint64> book(const Appointment& a, qint64 staffId = 0);
    // Changes the booking's details (kind, time, duration, practitioner, room, treatment, notes).
    // A cancelled appointment cannot be edited. A changed time, duration, practitioner or room is
    // checked for clashes first; a refused change leaves the appointment as it was.
    Status update(const Appointment& a);
    // Drag and drop / keyboard move: a new start, optionally another practitioner or room
    // (std::nullopt keeps them; a room of 0 means no room). Duration is kept.
    Status move(qint64 id, const QDateTime& newStart, std::optional<qint64> practitionerId = std::nullopt,
                std::optional<qint64> roomId = std::nullopt);
    // A reason is required ("client unwell", "practitioner off sick" ...). Cancelled is final: book again.
    Status cancel(qint64 id, const QString& reason);
    // Only for appointments that started today or earlier; attended and no-show may correct each other.
    Status markAttended(qint64 id);
    Status markNoShow(qint64 id);

    // The first non-cancelled appointment that would clash with [start, start + minutes) for this
    // practitioner or room, ignoring `ignoreId`; an empty optional when the slot is free. Lets the UI
    // show "taken" while dragging, before calling move().
    Result<std::optional<Appointment>> findClash(const QDateTime& start, int minutes, qint64 practitionerId,
                                                 qint64 roomId, qint64 ignoreId = 0);

    Result<Appointment> get(qint64 id);
    // Appointments overlapping the local calendar day, ordered by start then id.
    Result<QList<Appointment>> day(const QDate& day, const DiaryFilter& filter = {});
    // The seven local days from the Monday of `anyDay`'s week, ordered by start then id.
    Result<QList<Appointment>> week(const QDate& anyDay, const DiaryFilter& filter = {});
    // Appointments overlapping [from, to), ordered by start then id.
    Result<QList<Appointment>> range(const QDateTime& from, const QDateTime& to,
                                     const DiaryFilter& filter = {});
    // A client's appointments, newest first (the client's timeline).
    Result<QList<Appointment>> forClient(qint64 clientId);

    // Who can be booked: active practitioners and managers, by name.
    Result<QList<Practitioner>> practitioners();
    // The clinic's rooms, by name.
    Result<QList<Room>> rooms(bool activeOnly = true);
    Result<qint64> addRoom(const QString& name);      // manager (Settings)
    Status setRoomActive(qint64 roomId, bool active); // manager (Settings); history keeps the room

    // The Monday of the week holding `day`.
    static QDate weekStart(const QDate& day);

    // For bulk writers holding a transaction (the demo generator): the appointment as given, its
    // status and history included; the caller keeps the diary free of clashes. Throws StorageError.
    qint64 insertInTransaction(const Appointment& a, const QString& createdAt, qint64 createdBy);
    qint64 ensureRoomInTransaction(const QString& name); // the room's id, added if it is not there
    qint64 countInTransaction();                         // appointments of every status

private:
    Status validate(const Appointment& a);
    Status checkClash(const Appointment& a);
    Status setStatus(qint64 id, AppointmentStatus status, const QString& reason);
    Database& m_db;
};

} // namespace cd
