#pragma once

#include "common/Result.h"

#include <QDate>
#include <QList>
#include <QString>

namespace cd {

class Database;

struct AuditEntry
{
    qint64 id = 0;
    QString at, staff, action, subjectRef, detail, prevHash, hash;
};

struct AuditFilter
{
    QString staff;
    QString action;
    QString subjectRef;
    QDate from, to; // inclusive, local dates
    int limit = 1000;
};

struct AuditVerification
{
    bool intact = true;
    int entries = 0;
    qint64 firstBrokenId = 0;
    QString problem;
};

// Append-only and hash-chained: each entry's hash covers its content and the previous entry's
// hash, so an edited, deleted or re-ordered entry breaks the chain from that point on. Entries name
// staff and pseudonymous subject references, never a client's name, number or note text, so an
// erasure never has to rewrite the log.
class AuditLog final
{
public:
    explicit AuditLog(Database& db) : m_db(db) {}
    // Written by whoever is signed in (the database's actor). Joins the caller's transaction if any.
    Status append(const QString& action, const QString& subjectRef = {}, const QString& detail = {});
    // Writes entries deferred with Database::deferAudit (the sign-in), unless the vault was found damaged.
    Status flushDeferred();
    Result<AuditVerification> verify();
    Result<QList<AuditEntry>> query(const AuditFilter& filter);
    Status exportCsv(const QString& path, const AuditFilter& filter);

private:
    Status appendNow(const QString& action, const QString& subjectRef, const QString& detail);
    Database& m_db;
};

} // namespace cd
