#pragma once

#include "common/Result.h"
#include "privacy/UkCalendar.h"

#include <QDate>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace cd {

class Database;

struct SentFile
{
    QString fileName;
    QString sha256;
    QString sentAt;
};

struct PrivacyRequest
{
    qint64 id = 0;
    qint64 clientId = 0; // 0 once the client has been erased
    QString subjectRef;
    QString clientName; // empty once erased
    QString type;       // access, portability, erasure, rectification, restriction, objection
    QDate received;
    QString identityCheck;
    QDate due; // the deadline in force (extended when extended)
    QDate originalDue;
    QString extensionReason;
    QString status; // open, done, refused
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
    static QStringList types();

    UkCalendar calendar();
    QDate dueFor(const QDate& received);
    QDate extendedDueFor(const QDate& received);

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
    Database& m_db;
};

} // namespace cd
