#pragma once

#include "common/Result.h"
#include "common/Vocabulary.h"
#include "privacy/UkCalendar.h"

#include <QDate>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>

namespace cd {

class Database;

struct SentFile
{
    QString fileName;
    QString sha256;
    QString sentAt;
};

// The rights of UK GDPR a request exercises (Articles 15, 20, 17, 16, 18, 21).
enum class RequestType { Access, Portability, Erasure, Rectification, Restriction, Objection };
enum class RequestStatus { Open, Done, Refused };
// How the requester's identity was checked: a method, never the document or its number (the
// register is kept for six years, after an erasure too, so it must hold nothing about the person).
enum class IdentityCheck { PhotoIdSeen, CalledBackOnFileNumber, EmailOnFile, KnownInPerson, Other };

template <> inline std::span<const vocab::Term<IdentityCheck>> vocab::terms()
{
    static constexpr Term<IdentityCheck> t[] = {
        {IdentityCheck::PhotoIdSeen, "photo_id_seen",
         QT_TRANSLATE_NOOP("vocabulary", "Photo ID seen (nothing of it written down)")},
        {IdentityCheck::CalledBackOnFileNumber, "called_back_on_file",
         QT_TRANSLATE_NOOP("vocabulary", "Called back on the number on file")},
        {IdentityCheck::EmailOnFile, "email_on_file",
         QT_TRANSLATE_NOOP("vocabulary", "Answered from the email address on file")},
        {IdentityCheck::KnownInPerson, "known_in_person",
         QT_TRANSLATE_NOOP("vocabulary", "Known to staff, in person")},
        {IdentityCheck::Other, "other", QT_TRANSLATE_NOOP("vocabulary", "Another way (no details kept)")}};
    return t;
}

template <> inline std::span<const vocab::Term<RequestType>> vocab::terms()
{
    static constexpr Term<RequestType> t[] = {
        {RequestType::Access, "access", QT_TRANSLATE_NOOP("vocabulary", "Access")},
        {RequestType::Portability, "portability", QT_TRANSLATE_NOOP("vocabulary", "Portability")},
        {RequestType::Erasure, "erasure", QT_TRANSLATE_NOOP("vocabulary", "Erasure")},
        {RequestType::Rectification, "rectification", QT_TRANSLATE_NOOP("vocabulary", "Rectification")},
        {RequestType::Restriction, "restriction", QT_TRANSLATE_NOOP("vocabulary", "Restriction")},
        {RequestType::Objection, "objection", QT_TRANSLATE_NOOP("vocabulary", "Objection")}};
    return t;
}

template <> inline std::span<const vocab::Term<RequestStatus>> vocab::terms()
{
    static constexpr Term<RequestStatus> t[] = {
        {RequestStatus::Open, "open", QT_TRANSLATE_NOOP("vocabulary", "Open")},
        {RequestStatus::Done, "done", QT_TRANSLATE_NOOP("vocabulary", "Answered")},
        {RequestStatus::Refused, "refused", QT_TRANSLATE_NOOP("vocabulary", "Refused")}};
    return t;
}

struct PrivacyRequest
{
    qint64 id = 0;
    qint64 clientId = 0; // 0 once the client has been erased
    QString subjectRef;
    QString clientName; // empty once erased
    RequestType type = RequestType::Access;
    QDate received;
    std::optional<IdentityCheck> identityCheck; // none: not checked yet
    QDate due;                                  // the deadline in force (extended when extended)
    QDate originalDue;
    QString extensionReason;
    RequestStatus status = RequestStatus::Open;
    QDate completed;
    QList<SentFile> files;
    int daysLeft(const QDate& today) const { return int(today.daysTo(due)); }
};

// The register of privacy requests with their legal deadlines: one calendar month from receipt
// (the ICO's rule), moved to the next working day of the clinic's UK nation, extendable by two
// further months with a recorded reason.
class PrivacyRegister final
{
public:
    explicit PrivacyRegister(Database& db) : m_db(db) {}

    UkCalendar calendar();
    QDate dueFor(const QDate& received);
    QDate extendedDueFor(const QDate& received);

    // `type` as typed (CLI, the New request dialog): one of the RequestType codes; `identityCheck`
    // one of the IdentityCheck codes, or empty when identity is still to be checked.
    Result<PrivacyRequest> add(qint64 clientId, const QString& type, const QDate& received,
                               const QString& identityCheck, qint64 staffId);
    Result<PrivacyRequest> get(qint64 id);
    // Open requests first, overdue before due-soon; then closed ones, newest first.
    Result<QList<PrivacyRequest>> list(bool openOnly = false);
    Result<QList<PrivacyRequest>> forClient(qint64 clientId);
    Status extend(qint64 id, const QString& reason);
    Status complete(qint64 id, const QDate& on, bool refused = false);
    // The erasure that answers an open request marks it done today, in the erasure's transaction.
    // Throws StorageError.
    void completeInTransaction(qint64 id);
    // After the clinic's bank holidays changed: the due dates of open requests computed again.
    // Returns how many dates moved. Throws StorageError.
    int recomputeOpenDeadlinesInTransaction();
    // The clients with a request still open (the retention review holds them back). Throws StorageError.
    QSet<qint64> clientsWithOpenRequestsInTransaction();
    Status recordSentFile(qint64 id, const QString& fileName, const QString& sha256);

private:
    Result<QList<PrivacyRequest>> query(const std::string& where, qint64 arg);
    Result<PrivacyRequest> one(qint64 id); // get() without its permission check
    Database& m_db;
};

} // namespace cd
