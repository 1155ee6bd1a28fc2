#pragma once

#include "common/Result.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <optional>
#include <utility>

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
    bool intact = true; // the hash chain: every entry follows the one before and is as written
    int entries = 0;
    qint64 firstBrokenId = 0;
    QString problem;
    // What holds the log beyond its own hashes (which anyone with the database key can recompute):
    // ids without gaps, the append-only triggers, the manager-signed checkpoints, the head carried
    // in the keyring. Each problem found, in words.
    QStringList anchorProblems;
    bool anchored() const { return anchorProblems.isEmpty(); }
    bool signing = false; // the vault has a management key (checkpoints are signed)
    int checkpoints = 0;  // checkpoints whose entry holds, up to the newest validly signed one
    qint64 lastCheckpointEntry = 0;
    QString lastCheckpointBy, lastCheckpointAt;
    int sinceLastCheckpoint = 0; // entries after the last checkpoint (written by non-managers)
    bool headChecked = false;    // the keyring named a head, and it was looked for
};

// Append-only and hash-chained: each entry's hash covers its content and the previous entry's
// hash, so an edited, deleted or re-ordered entry breaks the chain from that point on. Entries name
// staff and pseudonymous subject references, never a client's name, number or note text, so an
// erasure never has to rewrite the log.
// The chain alone holds only against someone without the database key. Against an insider (every
// member of staff holds that key) it is anchored: every entry a manager's session writes comes with
// a checkpoint (table audit_checkpoints, owned here, append-only too), the entry's id and hash signed
// with the management key that only managers hold, so rewriting or cutting what a manager has seen
// is found; and the last entry's id and hash are carried outside the database, in the keyring and
// every backup (vault/Keyring.h), so a tail cut since is found too.
class AuditLog final
{
public:
    explicit AuditLog(Database& db) : m_db(db) {}
    // Written by whoever is signed in (the database's actor). Joins the caller's transaction if any.
    Status append(const QString& action, const QString& subjectRef = {}, const QString& detail = {});
    // Writes entries deferred with Database::deferAudit (the sign-in), unless the vault was found damaged.
    Status flushDeferred();
    // headId/headHash: the last entry the keyring saw (0: none known).
    Result<AuditVerification> verify(qint64 headId = 0, const QString& headHash = {});
    // The last entry's id and hash (0 and empty for an empty log). Throws StorageError.
    std::pair<qint64, QString> headInTransaction();
    // The entry that recorded form `formId` as signed ("form-signed", detail "form N: …, sha256 H"),
    // nullopt when the log has none; and every such entry by form id (for `verify`). A partial index
    // serves both. Throw StorageError.
    static std::optional<AuditEntry> formSignedInTransaction(Database& db, qint64 formId);
    static QHash<qint64, AuditEntry> formsSignedInTransaction(Database& db);
    // The subjects of every entry of `action` (read only: for checks that must not write, `verify`).
    static QSet<QString> subjectsOfInTransaction(Database& db, const QString& action);
    // The sha256 a form-signed entry's detail names (empty when it names none).
    static QString formHashOf(const AuditEntry& entry);
    // What another copy of this log (the vault a restore replaces) holds after entry `id` with
    // `hash`: how many entries, their ids and the last one's hash (which the chain ties to all of
    // them). found is false when this log does not hold that entry at all (the two have diverged).
    struct Tail
    {
        bool found = false;
        int entries = 0;
        qint64 firstId = 0, lastId = 0;
        QString lastHash;
    };
    Tail tailAfterInTransaction(qint64 id, const QString& hash);
    // The context bound into a checkpoint's signature.
    static constexpr const char* kCheckpointContext = "clinicdesk-audit-checkpoint-v1";
    Result<QList<AuditEntry>> query(const AuditFilter& filter);
    Status exportCsv(const QString& path, const AuditFilter& filter);

private:
    Status appendNow(const QString& action, const QString& subjectRef, const QString& detail);
    Database& m_db;
};

} // namespace cd
