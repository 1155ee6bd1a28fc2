#pragma once

#include "common/Result.h"
#include "common/Vocabulary.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace cd {

class Database;

enum class InteractionKind { Call, Enquiry, Email, Social, InPerson, Complaint, Availability };
// Calls, emails and messages have a direction; None: the others.
enum class Direction { None, In, Out };
// Complaints only; None: any other interaction.
enum class ComplaintStatus { None, Open, Resolved };

template <> inline std::span<const vocab::Term<InteractionKind>> vocab::terms()
{
    static constexpr Term<InteractionKind> t[] = {
        {InteractionKind::Call, "call", QT_TRANSLATE_NOOP("vocabulary", "Call")},
        {InteractionKind::Enquiry, "enquiry", QT_TRANSLATE_NOOP("vocabulary", "Enquiry")},
        {InteractionKind::Email, "email", QT_TRANSLATE_NOOP("vocabulary", "Email")},
        {InteractionKind::Social, "social", QT_TRANSLATE_NOOP("vocabulary", "Social message")},
        {InteractionKind::InPerson, "in_person", QT_TRANSLATE_NOOP("vocabulary", "In person")},
        {InteractionKind::Complaint, "complaint", QT_TRANSLATE_NOOP("vocabulary", "Complaint")},
        {InteractionKind::Availability, "availability", QT_TRANSLATE_NOOP("vocabulary", "Availability")}};
    return t;
}

template <> inline std::span<const vocab::Term<Direction>> vocab::terms()
{
    static constexpr Term<Direction> t[] = {{Direction::In, "in", QT_TRANSLATE_NOOP("vocabulary", "In")},
                                            {Direction::Out, "out", QT_TRANSLATE_NOOP("vocabulary", "Out")}};
    return t;
}

template <> inline std::span<const vocab::Term<ComplaintStatus>> vocab::terms()
{
    static constexpr Term<ComplaintStatus> t[] = {
        {ComplaintStatus::Open, "open", QT_TRANSLATE_NOOP("vocabulary", "Open")},
        {ComplaintStatus::Resolved, "resolved", QT_TRANSLATE_NOOP("vocabulary", "Resolved")}};
    return t;
}

struct Interaction
{
    qint64 id = 0;
    qint64 clientId = 0;
    InteractionKind kind = InteractionKind::Call;
    Direction direction = Direction::None;
    int durationSeconds = 0;
    QString occurredAt;  // ISO UTC; now when empty
    qint64 authorId = 0; // staff id
    QString authorName;  // filled when read
    QString body;
    QDate followUpOn;
    QString followUpDoneAt;
    ComplaintStatus complaintStatus = ComplaintStatus::None;
    QString complaintResolution;
};

struct FollowUp
{
    qint64 interactionId = 0;
    qint64 clientId = 0;
    QString clientName;
    QDate due;
    InteractionKind kind = InteractionKind::Call;
    QString body;
};

// A way of contacting a client for marketing, consented to (or not) one by one.
enum class ContactChannel { Email, Sms, Phone, Post };

template <> inline std::span<const vocab::Term<ContactChannel>> vocab::terms()
{
    static constexpr Term<ContactChannel> t[] = {
        {ContactChannel::Email, "email", QT_TRANSLATE_NOOP("vocabulary", "Email")},
        {ContactChannel::Sms, "sms", QT_TRANSLATE_NOOP("vocabulary", "Text messages")},
        {ContactChannel::Phone, "phone", QT_TRANSLATE_NOOP("vocabulary", "Phone calls")},
        {ContactChannel::Post, "post", QT_TRANSLATE_NOOP("vocabulary", "Post")}};
    return t;
}

struct ConsentEvent
{
    ContactChannel channel = ContactChannel::Email;
    bool granted = false;
    QString recordedAt;
    QString method; // "website form", "verbally on the phone", ...
    QString staffName;
    QString note;
};

class InteractionStore final
{
public:
    explicit InteractionStore(Database& db) : m_db(db) {}

    Result<qint64> add(Interaction i);
    // Schema 20's notes index made again from the notes, when the vault's upgrade left it to do
    // (clients/NotesIndex.h); one read otherwise. At opening, before the vault is used.
    Status rebuildNotesIndexIfPending(
        const std::function<void(qint64 done, qint64 total, const QString& step)>& progress = {});
    qint64 addInTransaction(Interaction& i); // for bulk writers holding a transaction
    // The demo's quiet enquiries: every note dated `at`, no follow-up left. Throws StorageError.
    void backdateInTransaction(const QList<qint64>& clientIds, const QString& at);
    Result<QList<Interaction>> timeline(qint64 clientId); // newest first
    // Open follow-ups due on or before `day`, oldest first; at most `limit` of them (0: all).
    Result<QList<FollowUp>> followUpsDue(const QDate& day, int limit = 0);
    Status completeFollowUp(qint64 interactionId);
    Status resolveComplaint(qint64 interactionId, const QString& resolution);
    // The clients whose notes hold these words (an FTS query over the notes index), at most `cap`:
    // search as you type. Throws StorageError.
    QList<qint64> clientsWithNotesMatchingInTransaction(const QString& ftsQuery, int cap);

private:
    Database& m_db;
};

class ConsentStore final
{
public:
    explicit ConsentStore(Database& db) : m_db(db) {}
    Status record(qint64 clientId, ContactChannel channel, bool granted, const QString& method,
                  qint64 staffId, const QString& note = {});
    Result<QList<ConsentEvent>> history(qint64 clientId); // newest first
    // Current state per channel (the latest event wins; no event means no consent).
    Result<QList<std::pair<ContactChannel, bool>>> current(qint64 clientId);
    // For writers holding a transaction (the demo generator, an objection to marketing): one event
    // as given. Throws StorageError.
    void recordInTransaction(qint64 clientId, ContactChannel channel, bool granted, const QString& recordedAt,
                             const QString& method, qint64 staffId, const QString& note = {});
    // The demo's quiet enquiries: their consent dated `recordedAt`. Throws StorageError.
    void backdateInTransaction(const QList<qint64>& clientIds, const QString& recordedAt);

private:
    Database& m_db;
};

} // namespace cd
