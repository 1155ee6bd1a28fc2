#include "records/TreatmentRecords.h"

#include "accounts/Access.h"
#include "accounts/Staff.h"
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "clients/ClientStore.h"
#include "common/Clock.h"
#include "diary/Diary.h"
#include "diary/DiaryCommon.h"
#include "images/ImageStore.h"
#include "importing/Csv.h"
#include "storage/Sql.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace cd {

using namespace diary_detail;

namespace {

const QString kSelect =
    QStringLiteral("SELECT t.id, t.client_id, t.appointment_id, t.given_on, t.practitioner_id, t.treatment, "
                   "t.areas, t.product, t.batch_number, "
                   "t.expiry_date, t.quantity, t.quantity_unit, t.consent_form_ref, t.aftercare_given, "
                   "t.notes, NULL, t.created_at, "
                   "t.updated_at FROM treatment_records t ");

TreatmentRecord read(const Statement& st)
{
    TreatmentRecord r;
    r.id = st.int64(0);
    r.clientId = st.int64(1);
    r.appointmentId = st.isNull(2) ? 0 : st.int64(2);
    r.givenOn = QDate::fromString(st.text(3), Qt::ISODate);
    r.practitionerId = st.isNull(4) ? 0 : st.int64(4);
    r.treatment = st.text(5);
    r.areas = st.text(6);
    r.product = st.text(7);
    r.batchNumber = st.text(8);
    r.expiryDate = QDate::fromString(st.text(9), Qt::ISODate);
    r.quantity = st.isNull(10) ? 0 : st.text(10).toDouble();
    r.quantityUnit = st.text(11);
    r.consentFormRef = st.text(12);
    r.aftercareGiven = st.int64(13) != 0;
    r.notes = st.text(14);
    r.practitionerName = st.text(15);
    r.createdAt = st.text(16);
    r.updatedAt = st.text(17);
    return r;
}

void bindFields(Statement& st, const TreatmentRecord& r)
{
    r.appointmentId > 0 ? st.bind(1, r.appointmentId) : st.bindNull(1);
    st.bind(2, r.givenOn.toString(Qt::ISODate));
    r.practitionerId > 0 ? st.bind(3, r.practitionerId) : st.bindNull(3);
    st.bind(4, r.treatment)
        .bindOptional(5, r.areas)
        .bindOptional(6, r.product)
        .bindOptional(7, r.batchNumber);
    r.expiryDate.isValid() ? st.bind(8, r.expiryDate.toString(Qt::ISODate)) : st.bindNull(8);
    r.quantity > 0 ? st.bind(9, QString::number(r.quantity)) : st.bindNull(9);
    st.bindOptional(10, r.quantity > 0 ? r.quantityUnit : QString()).bindOptional(11, r.consentFormRef);
    st.bind(12, r.aftercareGiven ? 1 : 0).bindOptional(13, r.notes);
}

QList<qint64> photosOf(Database& db, qint64 recordId, qint64 clientId)
{
    return ImageStore(db).photosOfTreatmentInTransaction(recordId, clientId);
}

} // namespace

QStringList TreatmentRecords::units()
{
    return {QStringLiteral("units"), QStringLiteral("ml")};
}

Status TreatmentRecords::validate(TreatmentRecord& r)
{
    r.treatment = r.treatment.trimmed();
    r.areas = r.areas.trimmed();
    r.product = r.product.trimmed();
    r.batchNumber = r.batchNumber.trimmed();
    r.consentFormRef = r.consentFormRef.trimmed();
    r.notes = r.notes.trimmed();
    if (!r.givenOn.isValid())
        return makeError(Error::Kind::Invalid, QObject::tr("Give the date of the treatment."));
    if (r.givenOn > Clock::today())
        return makeError(
            Error::Kind::Invalid,
            QObject::tr("A treatment record is written for a treatment given: the date is in the future."));
    if (r.treatment.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Say which treatment was given."));
    if (r.quantity < 0 || (r.quantity > 0 && !units().contains(r.quantityUnit)))
        return makeError(Error::Kind::Invalid, QObject::tr("Give the quantity in units or ml."));
    if (!r.batchNumber.isEmpty() && r.product.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Name the product the batch number belongs to."));
    if (r.practitionerId > 0)
        if (auto p = requirePractitioner(m_db, r.practitionerId); !p)
            return p.error();
    if (r.appointmentId > 0) {
        auto a = Diary(m_db).get(r.appointmentId);
        if (!a || a->clientId != r.clientId)
            return makeError(Error::Kind::Invalid,
                             QObject::tr("Appointment %1 is not this client's.").arg(r.appointmentId));
    }
    return {};
}

qint64 TreatmentRecords::insertInTransaction(const TreatmentRecord& r, const QString& createdAt,
                                             qint64 createdBy)
{
    auto ins = m_db.prepare(
        "INSERT INTO treatment_records (appointment_id, given_on, practitioner_id, treatment, areas, "
        "product, "
        "batch_number, expiry_date, quantity, quantity_unit, consent_form_ref, aftercare_given, notes, "
        "client_id, created_at, updated_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bindFields(ins, r);
    ins.bind(14, r.clientId).bind(15, createdAt).bind(16, createdAt);
    createdBy > 0 ? ins.bind(17, createdBy) : ins.bindNull(17);
    ins.run();
    return m_db.lastInsertId();
}

Result<qint64> TreatmentRecords::add(const TreatmentRecord& in, qint64 staffId)
{
    if (auto st = access::require(m_db, Action::TreatmentNotes); !st)
        return st.error();
    return guarded([&]() -> Result<qint64> {
        TreatmentRecord r = in;
        if (auto st = client::mayWrite(m_db, r.clientId, Action::TreatmentNotes, ClientWrite::Add); !st)
            return st.error();
        if (auto st = validate(r); !st)
            return st.error();
        Transaction tx(m_db);
        const qint64 id = insertInTransaction(r, Clock::nowIso(), staffOrActor(m_db, staffId));
        if (auto st = AuditLog(m_db).append(QStringLiteral("treatment-recorded"),
                                            client::subjectRefOf(m_db, r.clientId),
                                            QStringLiteral("treatment record %1").arg(id));
            !st)
            return st.error();
        tx.commit();
        return id;
    });
}

Status TreatmentRecords::update(const TreatmentRecord& in)
{
    if (auto st = access::require(m_db, Action::TreatmentNotes); !st)
        return st;
    return guarded([&]() -> Status {
        auto old = get(in.id);
        if (!old)
            return old.error();
        TreatmentRecord r = in;
        r.clientId = old->clientId;
        if (auto st = client::mayWrite(m_db, r.clientId, Action::TreatmentNotes, ClientWrite::Change); !st)
            return st;
        if (auto st = validate(r); !st)
            return st;
        QStringList changed;
        const auto diff = [&](bool differs, const char* name) {
            if (differs)
                changed << QString::fromLatin1(name);
        };
        diff(r.appointmentId != old->appointmentId, "appointment_id");
        diff(r.givenOn != old->givenOn, "given_on");
        diff(r.practitionerId != old->practitionerId, "practitioner_id");
        diff(r.treatment != old->treatment, "treatment");
        diff(r.areas != old->areas, "areas");
        diff(r.product != old->product, "product");
        diff(r.batchNumber != old->batchNumber, "batch_number");
        diff(r.expiryDate != old->expiryDate, "expiry_date");
        diff(r.quantity != old->quantity || (r.quantity > 0 && r.quantityUnit != old->quantityUnit),
             "quantity");
        diff(r.consentFormRef != old->consentFormRef, "consent_form_ref");
        diff(r.aftercareGiven != old->aftercareGiven, "aftercare_given");
        diff(r.notes != old->notes, "notes");
        if (changed.isEmpty())
            return {};
        Transaction tx(m_db);
        auto up = m_db.prepare(
            "UPDATE treatment_records SET appointment_id=?, given_on=?, practitioner_id=?, treatment=?, "
            "areas=?, "
            "product=?, batch_number=?, expiry_date=?, quantity=?, quantity_unit=?, consent_form_ref=?, "
            "aftercare_given=?, notes=?, updated_at=? WHERE id=?");
        bindFields(up, r);
        up.bind(14, Clock::nowIso()).bind(15, r.id).run();
        if (auto st = AuditLog(m_db).append(
                QStringLiteral("treatment-record-changed"), client::subjectRefOf(m_db, r.clientId),
                QStringLiteral("treatment record %1: %2").arg(r.id).arg(changed.join(QLatin1Char(' '))));
            !st)
            return st;
        tx.commit();
        return {};
    });
}

Result<TreatmentRecord> TreatmentRecords::get(qint64 id)
{
    if (auto st = access::require(m_db, Action::TreatmentNotes); !st)
        return st.error();
    return guarded([&]() -> Result<TreatmentRecord> {
        auto st = m_db.prepare((kSelect + QStringLiteral("WHERE t.id = ?")).toStdString());
        if (!st.bind(1, id).step())
            return makeError(Error::Kind::NotFound, QObject::tr("There is no treatment record %1.").arg(id));
        TreatmentRecord r = read(st);
        st.reset();
        r.photoIds = photosOf(m_db, r.id, r.clientId);
        r.practitionerName = staff::namesInTransaction(m_db).value(r.practitionerId);
        return r;
    });
}

Result<QList<TreatmentRecord>> TreatmentRecords::forClient(qint64 clientId)
{
    if (auto st = access::require(m_db, Action::TreatmentNotes); !st)
        return st.error();
    return guarded([&]() -> Result<QList<TreatmentRecord>> {
        auto st = m_db.prepare(
            (kSelect + QStringLiteral("WHERE t.client_id = ? ORDER BY t.given_on DESC, t.id DESC"))
                .toStdString());
        QList<TreatmentRecord> out;
        for (st.bind(1, clientId); st.step();)
            out.append(read(st));
        const QHash<qint64, QString> staffNames = staff::namesInTransaction(m_db);
        for (TreatmentRecord& r : out) {
            r.photoIds = photosOf(m_db, r.id, r.clientId);
            r.practitionerName = staffNames.value(r.practitionerId);
        }
        return out;
    });
}

Status TreatmentRecords::linkPhoto(qint64 recordId, qint64 imageId)
{
    if (auto st = access::require(m_db, Action::TreatmentNotes); !st)
        return st;
    return guarded([&]() -> Status {
        auto rec = m_db.prepare("SELECT client_id FROM treatment_records WHERE id = ?");
        if (!rec.bind(1, recordId).step())
            return makeError(Error::Kind::NotFound,
                             QObject::tr("There is no treatment record %1.").arg(recordId));
        ImageStore images(m_db);
        const auto [imageClient, ignored] = images.ownerOf(imageId);
        if (imageClient == 0)
            return makeError(Error::Kind::NotFound, QObject::tr("There is no image %1.").arg(imageId));
        if (imageClient != rec.int64(0))
            return makeError(
                Error::Kind::Invalid,
                QObject::tr("That photo is another client's: only the client's own photos can be linked."));
        if (auto st = client::mayWrite(m_db, rec.int64(0), Action::TreatmentNotes, ClientWrite::Change); !st)
            return st;
        Transaction tx(m_db);
        images.setTreatmentRefInTransaction(imageId, recordId);
        if (auto st = AuditLog(m_db).append(
                QStringLiteral("treatment-photo-linked"), client::subjectRefOf(m_db, rec.int64(0)),
                QStringLiteral("image %1 to treatment record %2").arg(imageId).arg(recordId));
            !st)
            return st;
        tx.commit();
        return {};
    });
}

Status TreatmentRecords::unlinkPhoto(qint64 imageId)
{
    if (auto st = access::require(m_db, Action::TreatmentNotes); !st)
        return st;
    return guarded([&]() -> Status {
        ImageStore images(m_db);
        const auto [clientId, record] = images.ownerOf(imageId);
        if (clientId == 0)
            return makeError(Error::Kind::NotFound, QObject::tr("There is no image %1.").arg(imageId));
        if (record == 0)
            return {};
        if (auto st = client::mayWrite(m_db, clientId, Action::TreatmentNotes, ClientWrite::Change); !st)
            return st;
        Transaction tx(m_db);
        images.setTreatmentRefInTransaction(imageId, 0);
        if (auto st = AuditLog(m_db).append(
                QStringLiteral("treatment-photo-unlinked"), client::subjectRefOf(m_db, clientId),
                QStringLiteral("image %1 from treatment record %2").arg(imageId).arg(record));
            !st)
            return st;
        tx.commit();
        return {};
    });
}

Result<QList<BatchRecipient>> TreatmentRecords::whoReceivedBatch(const QString& lot, BatchMatch match)
{
    if (auto st = access::require(m_db, Action::BatchRecall); !st)
        return st.error();
    const QString key = lot.trimmed();
    if (key.isEmpty())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("Type the batch (lot) number printed on the pack."));
    return guarded([&]() -> Result<QList<BatchRecipient>> {
        // Both forms are ranges of treatment_records_batch (NOCASE): "= ? COLLATE NOCASE" and, for a
        // prefix, [key, key + U+10FFFF) under the same collation (NOCASE folds ASCII only, which is
        // what batch numbers are made of).
        const std::string sql =
            "SELECT t.id, t.client_id, t.given_on, t.treatment, t.product, t.batch_number, t.expiry_date "
            "FROM treatment_records t WHERE " +
            (match == BatchMatch::Exact
                 ? std::string("t.batch_number = ?1 COLLATE NOCASE")
                 : std::string(
                       "t.batch_number >= ?1 COLLATE NOCASE AND t.batch_number < ?2 COLLATE NOCASE")) +
            " ORDER BY t.given_on DESC, t.id DESC";
        auto st = m_db.prepare(sql);
        st.bind(1, key);
        if (match == BatchMatch::Prefix)
            st.bind(2, key + QString::fromUcs4(U"\U0010FFFF"));
        QList<BatchRecipient> out;
        QSet<qint64> clients;
        while (st.step()) {
            BatchRecipient b;
            b.recordId = st.int64(0);
            b.clientId = st.int64(1);
            b.givenOn = QDate::fromString(st.text(2), Qt::ISODate);
            b.treatment = st.text(3);
            b.product = st.text(4);
            b.batchNumber = st.text(5);
            b.expiryDate = QDate::fromString(st.text(6), Qt::ISODate);
            out.append(b);
            clients.insert(b.clientId);
        }
        st.reset();
        // Who they are and how to reach them, once per client, from the client store.
        const QHash<qint64, ClientStore::Contact> contacts = ClientStore(m_db).contactsInTransaction(clients);
        for (BatchRecipient& b : out) {
            const ClientStore::Contact c = contacts.value(b.clientId);
            b.subjectRef = c.subjectRef;
            b.name = c.name;
            b.erased = c.erased;
            b.phones = c.phones;
            b.emails = c.emails;
        }
        if (auto a = AuditLog(m_db).append(
                QStringLiteral("batch-recall-search"), {},
                QStringLiteral("%1 batch %2: %3 records")
                    .arg(match == BatchMatch::Exact ? QStringLiteral("exact") : QStringLiteral("prefix"), key)
                    .arg(out.size()));
            !a)
            return a.error();
        return out;
    });
}

Result<int> TreatmentRecords::exportRecallCsv(const QString& lot, BatchMatch match, const QString& path)
{
    if (path.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Choose where to save the recall list."));
    auto found = whoReceivedBatch(lot, match);
    if (!found)
        return found.error();
    QList<QStringList> rows{{QStringLiteral("client"), QStringLiteral("subject_ref"),
                             QStringLiteral("treated_on"), QStringLiteral("treatment"),
                             QStringLiteral("product"), QStringLiteral("batch"), QStringLiteral("expiry"),
                             QStringLiteral("phones"), QStringLiteral("emails")}};
    for (const BatchRecipient& b : found.value())
        rows.append({b.erased ? QObject::tr("(erased client)") : b.name, b.subjectRef,
                     b.givenOn.toString(Qt::ISODate), b.treatment, b.product, b.batchNumber,
                     b.expiryDate.toString(Qt::ISODate), b.phones.join(QStringLiteral("; ")),
                     b.emails.join(QStringLiteral("; "))});
    if (auto st = csv::writeFile(path, rows); !st)
        return st.error();
    return guarded([&]() -> Result<int> {
        if (auto a = AuditLog(m_db).append(
                QStringLiteral("batch-recall-exported"), {},
                QStringLiteral("%1 batch %2: %3 records as CSV")
                    .arg(match == BatchMatch::Exact ? QStringLiteral("exact") : QStringLiteral("prefix"),
                         lot.trimmed())
                    .arg(found->size()));
            !a)
            return a.error();
        return int(found->size());
    });
}

} // namespace cd
