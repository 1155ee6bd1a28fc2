#pragma once

#include "common/Result.h"
#include "records/FaceChart.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace cd {

class Database;
class ClinicalSeal;

// One treatment given: what, where, with which product and batch, how much, consent and aftercare.
struct TreatmentRecord
{
    qint64 id = 0;
    qint64 clientId = 0;
    qint64 appointmentId = 0; // optional link to the diary (0: none); cleared if that appointment is erased
    QDate givenOn;
    qint64 practitionerId = 0; // who gave it (0: not recorded)
    QString treatment;         // e.g. "Anti-wrinkle injections"
    QString areas;             // free text, e.g. "forehead, glabella"
    QString product;           // e.g. "Botulinum toxin type A"
    QString batchNumber;       // lot number as printed on the pack; searched case-insensitively
    QDate expiryDate;          // of the batch
    double quantity = 0;       // 0: not recorded
    QString quantityUnit;      // units | ml (empty when quantity is 0)
    QString consentFormRef;    // reference of the signed consent form ("form 12" when signed in Clinicdesk)
    // Written only: a manager records a treatment whose consent form is missing, with this reason.
    QString consentOverride;
    // Read-only: the form a missing consent was overridden for, and why (empty when none was).
    QString overriddenForm, overrideReason;
    bool aftercareGiven = false;
    QString notes;
    // The injection points (records/FaceChart.h). When they name batches and amounts, they are what
    // the treatment takes from stock and what a recall finds, rather than the record's own batch.
    QList<ChartPoint> chart;

    // Read-only, filled by queries.
    QString practitionerName;
    QList<qint64> photoIds; // before/after images linked to this record (images.treatment_ref)
    QString createdAt, updatedAt;
};

// A client who received a batch, with what is needed to reach them in a recall.
struct BatchRecipient
{
    qint64 clientId = 0;
    QString subjectRef;
    QString name;       // preferred or first name + last name
    QStringList phones; // as typed
    QStringList emails;
    qint64 recordId = 0;
    QDate givenOn;
    QString treatment, product, batchNumber;
    QDate expiryDate;
    bool erased = false; // minimal record kept after erasure: no contact details left
};

enum class BatchMatch { Exact, Prefix };

// Treatment records (practitioner and manager: Action::TreatmentNotes, for reading too; the
// front desk does not see clinical detail). Kept for legal claims: erasure keeps them (and their
// linked photos) until the retention period after the client's LAST treatment has passed.
class TreatmentRecords final
{
public:
    explicit TreatmentRecords(Database& db) : m_db(db) {}

    static QStringList units(); // units, ml
    // What a manager's reason for recording a treatment without its consent is sealed to: bound to
    // its record, so a sealed reason cannot be moved to another record unnoticed.
    static QByteArray overrideContext(qint64 recordId);

    // staffId: who writes it (0: the signed-in account). Returns the new id.
    Result<qint64> add(const TreatmentRecord& r, qint64 staffId = 0);
    // For bulk writers holding a transaction (the demo generator): the record as given, dated
    // `createdAt`. Throws StorageError.
    qint64 insertInTransaction(const TreatmentRecord& r, const QString& createdAt, qint64 createdBy);
    // Corrects a record; the audit names the fields changed. Photos are linked separately.
    Status update(const TreatmentRecord& r);
    Result<TreatmentRecord> get(qint64 id);
    // A client's records, newest first, each with its linked photo ids.
    Result<QList<TreatmentRecord>> forClient(qint64 clientId);

    // Links a before/after photo (an image of the same client) to a record; an image belongs to at
    // most one record, so linking again moves it.
    Status linkPhoto(qint64 recordId, qint64 imageId);
    Status unlinkPhoto(qint64 imageId);

    // "Who received batch X" for a manufacturer or regulator recall (manager: Action::BatchRecall).
    // Case-insensitive; Prefix finds "AB12" in "ab1234". Ordered by treatment date, newest first;
    // one entry per treatment record. The search is audited (batch number and count, no client data).
    // The record printed for the client's file or a colleague: who gave what, where, with which batch,
    // the consent it rests on, the face chart and its points, the before/after photos the signed-in
    // role may see. A PDF made in memory.
    Result<QByteArray> renderPdf(qint64 id);
    // Writes renderPdf() to `path` (atomically); audited.
    Status exportPdf(qint64 id, const QString& path);

    Result<QList<BatchRecipient>> whoReceivedBatch(const QString& lot, BatchMatch match = BatchMatch::Exact);
    // The same search written as CSV (client, treatment date, treatment, product, batch, expiry,
    // phones, emails) to a file the manager chose, to work through the recall. Audited as an export
    // (batch number and count, no client data). Returns the number of records written.
    Result<int> exportRecallCsv(const QString& lot, BatchMatch match, const QString& path);

    // A re-key's copy of the database (core/vault): every record's clinical columns opened with the
    // old clinical key (or read from the plain columns, in a vault that had none) and sealed with
    // the new one; the batch tokens written again under it. Throws StorageError.
    static void resealInTransaction(Database& db, const ClinicalSeal& from, const ClinicalSeal& to);

private:
    Status validate(TreatmentRecord& r);
    Database& m_db;
};

} // namespace cd
