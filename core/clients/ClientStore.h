#pragma once

#include "clients/Client.h"
#include "common/Result.h"

#include <QHash>
#include <QSet>
#include <functional>

namespace cd {

class Database;

struct DuplicateMatch
{
    qint64 clientId = 0;
    QString displayName;
    QString reason; // "same phone 07700 900123", "same email", "same name and date of birth"
};

// Clients and their contact details. Every write keeps the search index in the same transaction.
class ClientStore final
{
public:
    explicit ClientStore(Database& db) : m_db(db) {}

    // Checks a client as typed: names, email formats, phone numbers. Fills e164 of each phone.
    static Status validate(Client& c);

    Result<qint64> create(Client c);
    Status update(Client c);
    Result<Client> get(qint64 id);
    Result<QList<ClientSummary>> summaries(const QList<qint64>& ids);
    // Names and status only, without the contact details (three more lookups per client): enough
    // to rank hundreds of search candidates before the shown ones are read in full.
    Result<QList<ClientSummary>> nameSummaries(const QList<qint64>& ids);
    Result<QList<ClientSummary>> page(int offset, int limit); // by last name, first name
    Result<qint64> count();
    // The largest client id ever given out that is still in the table (0: none). Throws StorageError.
    qint64 highestIdInTransaction();
    // Whether a client is on file, erased (a minimal record kept) or restricted: what the write
    // guard (clients/ClientGuard.h) decides on. NotFound when there is no such client.
    struct RecordState
    {
        bool restricted = false;
        bool erased = false;
    };
    Result<RecordState> state(qint64 id);
    // The client's pseudonymous reference (registers, exports, the audit log). NotFound when none.
    Result<QString> subjectRef(qint64 id);
    // The names lists show for these clients ("Zoë Okafor": preferred or first name, then last),
    // for the stores that list rows of theirs (diary, payments, follow-ups, the register, recall).
    // Throws StorageError.
    // `liveOnly`: erased clients (their kept minimal record) are left out.
    QHash<qint64, QString> displayNamesInTransaction(const QSet<qint64>& ids, bool liveOnly = false);
    // What a batch recall needs to reach these clients: reference, name, erased or not, numbers as
    // typed and emails, in the order they were added. Throws StorageError.
    struct Contact
    {
        QString subjectRef, name;
        bool erased = false;
        QStringList phones, emails;
    };
    QHash<qint64, Contact> contactsInTransaction(const QSet<qint64>& ids);
    // Every client's id and reference, by id (the clinic's own export).
    Result<QList<std::pair<qint64, QString>>> allSubjects();
    // The client not erased who has this reference: 0 when there is none (the erasure ledger).
    Result<qint64> liveClientOf(const QString& subjectRef);
    // The erasure's two endings for the client's own row, inside its transaction: the minimal
    // record kept (name and date of birth, restricted, erased at `now`), or the row gone.
    void keepMinimalRecordInTransaction(qint64 id, const QString& now);
    void removeInTransaction(qint64 id);
    // A vault upgraded to schema 19 has an empty search index, marked pending: it is filled from the
    // clients' rows in one transaction (24 s at 100,000 clients, 5.6 minutes at a million;
    // clinicdesk-bench); then the notes index, when schema 20 left it to make again
    // (InteractionStore::rebuildNotesIndexIfPending). A read when nothing is pending. Called by the
    // vault as it opens.
    // progress(done, total, step) between steps, when given (the sign-in shows it: minutes at a million).
    using Progress = std::function<void(qint64 done, qint64 total, const QString& step)>;
    Status rebuildSearchIndexesIfPending(const Progress& progress = {});
    // The same, whether pending or not (the benchmark's cached vaults, after the index's words change).
    Status rebuildSearchIndex(const Progress& progress = {});
    // Sets or lifts the restriction of processing; NotFound for no client or an erased one.
    // The caller checks the role and audits (privacy/Rights.h).
    Status setRestrictedInTransaction(qint64 id, bool restricted);
    // Existing clients that share a phone number or email with c, or its name and date of birth.
    Result<QList<DuplicateMatch>> duplicatesOf(const Client& c);
    // The desk saved `id` as a different person from `otherId`, which shares a phone, an email or the
    // name and birthday, for a reason (a code: household, same_name, other): audited, so a later
    // "these are one person" can be traced to who decided otherwise, and why.
    Status recordKeptApart(qint64 id, qint64 otherId, const QString& why);
    // Pairs of clients on file that look like one person (first id < second id, each pair once per
    // reason): a shared phone or email with the last or first name in common, or the same name and
    // date of birth; then a shared mobile or email under other names ("names differ": a household, or
    // one person under another name). A shared landline under other names is not listed. At most
    // `limit` rows.
    struct LikelyPair
    {
        qint64 first = 0, second = 0;
        QString why; // "same phone", "same mobile", "same email", "same name and date of birth"
        bool namesDiffer = false;
    };
    QList<LikelyPair> likelyPairsInTransaction(int limit);
    // Clients with this phone number in E.164 form, or with one that starts with `prefix` (a
    // number still being typed), at most `cap` (search as you type). Throws StorageError.
    QList<qint64> clientsWithPhoneInTransaction(const QString& e164, int cap);
    QList<qint64> clientsWithPhonePrefixInTransaction(const QString& prefix, int cap);
    bool existsInTransaction(qint64 id);
    // What the retention review shows of a client: reference, names, restricted, erased.
    struct Head
    {
        qint64 id = 0;
        QString subjectRef, firstName, lastName, preferredName;
        bool restricted = false;
        bool erased = false;
        QString displayName() const; // preferred or first name, then last
    };
    // Enquirers not erased (status "enquiry"), by id; and the heads of these clients (those on file).
    // Throws StorageError.
    QList<Head> enquirersInTransaction();
    QHash<qint64, Head> headsInTransaction(const QList<qint64>& ids);

    // For writers that already hold a transaction (demo generator, CSV import, merge). A client with
    // an id keeps it (merge undo restores a record under its own id).
    qint64 insertInTransaction(Client& c);
    void updateInTransaction(Client& c); // throws StorageError; false ids are a no-op
    // The demo's quiet enquiries: created (and last changed) at `createdAt`. Throws StorageError.
    void backdateInTransaction(const QList<qint64>& ids, const QString& createdAt);

private:
    void writeDetails(const Client& c);
    void reindex(const Client& c);
    Database& m_db;
};

} // namespace cd
