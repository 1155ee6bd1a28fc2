#include "records/TreatmentRecords.h"

#include "accounts/Access.h"
#include "accounts/Staff.h"
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "clients/ClientStore.h"
#include "common/ClinicalSeal.h"
#include "common/Clock.h"
#include "common/Limits.h"
#include "diary/Diary.h"
#include "diary/DiaryCommon.h"
#include "forms/Forms.h"
#include "images/ImageStore.h"
#include "importing/Csv.h"
#include "stock/Stock.h"
#include "storage/Sql.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <algorithm>
#include <optional>

namespace cd {

using namespace diary_detail;

namespace {

const QString kSelect =
    QStringLiteral("SELECT t.id, t.client_id, t.appointment_id, t.given_on, t.practitioner_id, t.treatment, "
                   "t.areas, t.product, t.batch_number, "
                   "t.expiry_date, t.quantity, t.quantity_unit, t.consent_form_ref, t.aftercare_given, "
                   "t.notes, NULL, t.created_at, "
                   "t.updated_at, t.sealed FROM treatment_records t ");

const QString kTable = QStringLiteral("treatment_records");

// Batch numbers are compared as NOCASE does: ASCII letters folded, nothing else.
QByteArray batchKey(const QString& lot)
{
    QByteArray k = lot.trimmed().toUtf8();
    for (char& c : k)
        if (c >= 'a' && c <= 'z')
            c = char(c - 'a' + 'A');
    return k;
}

// What a treatment record holds that is clinical (design.md, "Key domains"): sealed together in
// treatment_records.sealed once the vault has a clinical key; the plain columns are then empty.
QJsonObject clinicalColumns(const TreatmentRecord& r)
{
    QJsonObject o{{QStringLiteral("treatment"), r.treatment},
                  {QStringLiteral("areas"), r.areas},
                  {QStringLiteral("product"), r.product},
                  {QStringLiteral("batch_number"), r.batchNumber},
                  {QStringLiteral("notes"), r.notes}};
    if (r.expiryDate.isValid())
        o.insert(QStringLiteral("expiry_date"), r.expiryDate.toString(Qt::ISODate));
    if (r.quantity > 0) {
        o.insert(QStringLiteral("quantity"), r.quantity);
        o.insert(QStringLiteral("quantity_unit"), r.quantityUnit);
    }
    return o;
}

void takeClinicalColumns(TreatmentRecord& r, const QJsonObject& o)
{
    r.treatment = o.value(QStringLiteral("treatment")).toString();
    r.areas = o.value(QStringLiteral("areas")).toString();
    r.product = o.value(QStringLiteral("product")).toString();
    r.batchNumber = o.value(QStringLiteral("batch_number")).toString();
    r.notes = o.value(QStringLiteral("notes")).toString();
    r.expiryDate = QDate::fromString(o.value(QStringLiteral("expiry_date")).toString(), Qt::ISODate);
    r.quantity = o.value(QStringLiteral("quantity")).toDouble();
    r.quantityUnit = r.quantity > 0 ? o.value(QStringLiteral("quantity_unit")).toString() : QString();
}

Result<TreatmentRecord> read(const Statement& st, const ClinicalSeal& seal)
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
    if (!st.isNull(18)) {
        auto clinical = seal.openColumns(st.blob(18), kTable);
        if (!clinical)
            return clinical.error();
        takeClinicalColumns(r, clinical.value());
    }
    return r;
}

// Binds parameters 1-13 (the record's columns) and `sealedAt` (its sealed clinical columns, or NULL
// in a vault without a clinical key, where they stay in their own columns). Throws StorageError.
void bindFields(Statement& st, const TreatmentRecord& in, const ClinicalSeal& seal, int sealedAt)
{
    TreatmentRecord r = in;
    if (seal.active()) {
        auto sealed = seal.sealColumns(clinicalColumns(in), kTable);
        if (!sealed)
            throw StorageError(0, sealed.message());
        st.bindBlob(sealedAt, sealed.value());
        TreatmentRecord plain;
        plain.appointmentId = in.appointmentId;
        plain.givenOn = in.givenOn;
        plain.practitionerId = in.practitionerId;
        plain.consentFormRef = in.consentFormRef;
        plain.aftercareGiven = in.aftercareGiven;
        r = plain;
    } else {
        st.bindNull(sealedAt);
    }
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

// The blind tokens a recall finds a sealed record by: the whole batch number, and each of its
// prefixes (a recall by prefix), keyed under the clinical key. Throws StorageError.
void writeBatchTokens(Database& db, qint64 recordId, qint64 clientId, const TreatmentRecord& r,
                      const ClinicalSeal& seal)
{
    db.prepare("DELETE FROM treatment_batch_tokens WHERE record_id = ?").bind(1, recordId).run();
    if (!seal.active())
        return;
    QList<QByteArray> keys{batchKey(r.batchNumber)};
    for (const ChartPoint& p : r.chart)
        if (!keys.contains(batchKey(p.batchNumber)))
            keys.append(batchKey(p.batchNumber));
    auto ins = db.prepare(
        "INSERT OR IGNORE INTO treatment_batch_tokens (record_id, client_id, token) VALUES (?,?,?)");
    const auto put = [&](const QByteArray& purpose, const QByteArray& value) {
        auto token = seal.token(purpose, value);
        if (!token)
            throw StorageError(0, token.message());
        ins.bind(1, recordId).bind(2, clientId).bind(3, QString::fromLatin1(token.value())).run();
    };
    for (const QByteArray& key : keys) {
        if (key.isEmpty())
            continue;
        put(QByteArrayLiteral("batch"), key);
        for (int n = 1; n <= key.size(); ++n)
            put(QByteArrayLiteral("batch-prefix"), key.left(n));
    }
}

// What the treatment takes from stock: its chart's points when they name batches and amounts, the
// record's own batch and quantity otherwise.
QList<Stock::Use> stockUses(const TreatmentRecord& r)
{
    QList<Stock::Use> out;
    for (const facechart::Use& u : facechart::uses(r.chart))
        out.append({u.product, u.batchNumber, u.unit, u.quantity});
    if (out.isEmpty())
        out.append({r.product, r.batchNumber, r.quantityUnit, r.quantity});
    return out;
}

QList<qint64> photosOf(Database& db, qint64 recordId, qint64 clientId)
{
    return ImageStore(db).photosOfTreatmentInTransaction(recordId, clientId);
}

// The consent a treatment needs (core/forms): linked to the record when it is signed; without it
// only a manager may record the treatment, giving a reason. Returns the form's name that was
// missing (empty when none was).
Result<QString> checkConsent(Database& db, TreatmentRecord& r)
{
    const Forms::ConsentCheck consent =
        Forms::consentForTreatmentInTransaction(db, r.clientId, r.treatment, r.givenOn);
    if (consent.missing.isEmpty()) {
        if (r.consentFormRef.isEmpty() && consent.formId > 0)
            r.consentFormRef = QStringLiteral("form %1").arg(consent.formId);
        return QString();
    }
    r.consentOverride = r.consentOverride.trimmed();
    if (r.consentOverride.isEmpty())
        return makeError(
            Error::Kind::Invalid,
            QObject::tr("%1 needs the client's signed “%2” from the year before the treatment. "
                        "Ask the client to sign it (the record's Forms tab), or a manager can record "
                        "the treatment without it, giving a reason.")
                .arg(r.treatment, consent.missing));
    const Role role = db.actor().role;
    if (role != Role::Manager && role != Role::System)
        return makeError(Error::Kind::Permission,
                         QObject::tr("Only a manager can record a treatment without its signed “%1”.")
                             .arg(consent.missing));
    if (auto st = limits::check(r.consentOverride, limits::kLine, QObject::tr("The reason")); !st)
        return st.error();
    return consent.missing;
}

// A manager's reason for a treatment recorded without its consent, sealed like the record's
// clinical values, and audited (the form's name; the reason stays with the record). Throws
// StorageError.
Status writeOverride(Database& db, qint64 recordId, qint64 clientId, const QString& formName,
                     const QString& reason)
{
    QByteArray stored = reason.toUtf8();
    if (db.clinical().active()) {
        auto sealed = db.clinical().sealValue(stored, TreatmentRecords::overrideContext(recordId));
        if (!sealed)
            return sealed.error();
        stored = sealed.value();
    }
    auto ins =
        db.prepare("INSERT OR REPLACE INTO treatment_consent_overrides (record_id, client_id, form_name, "
                   "reason, staff_id, created_at) VALUES (?,?,?,?,?,?)");
    ins.bind(1, recordId).bind(2, clientId).bind(3, formName).bindBlob(4, stored);
    db.actor().staffId > 0 ? ins.bind(5, db.actor().staffId) : ins.bindNull(5);
    ins.bind(6, Clock::nowIso()).run();
    return AuditLog(db).append(
        QStringLiteral("treatment-consent-overridden"), client::subjectRefOf(db, clientId),
        QStringLiteral("treatment record %1: recorded without a signed %2").arg(recordId).arg(formName));
}

void readOverride(Database& db, TreatmentRecord& r)
{
    auto st = db.prepare("SELECT form_name, reason FROM treatment_consent_overrides WHERE record_id = ?");
    if (!st.bind(1, r.id).step())
        return;
    r.overriddenForm = st.text(0);
    auto reason = db.clinical().open(st.blob(1), TreatmentRecords::overrideContext(r.id));
    r.overrideReason = reason ? QString::fromUtf8(reason.value()) : QObject::tr("(sealed)");
    st.reset();
}

} // namespace

QByteArray TreatmentRecords::overrideContext(qint64 recordId)
{
    return QByteArrayLiteral("treatment_consent_overrides.reason:") + QByteArray::number(recordId);
}

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
    if (auto st = facechart::validate(r.chart); !st)
        return st;
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
        "client_id, created_at, updated_at, created_by, sealed) VALUES "
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    bindFields(ins, r, m_db.clinical(), 18);
    ins.bind(14, r.clientId).bind(15, createdAt).bind(16, createdAt);
    createdBy > 0 ? ins.bind(17, createdBy) : ins.bindNull(17);
    const qint64 id = ins.runInsert();
    if (!r.chart.isEmpty())
        facechart::writeInTransaction(m_db, id, r.clientId, r.chart);
    writeBatchTokens(m_db, id, r.clientId, r, m_db.clinical());
    return id;
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
        auto missing = checkConsent(m_db, r);
        if (!missing)
            return missing.error();
        const qint64 id = insertInTransaction(r, Clock::nowIso(), staffOrActor(m_db, staffId));
        if (!missing->isEmpty())
            if (auto st = writeOverride(m_db, id, r.clientId, missing.value(), r.consentOverride); !st)
                return st.error();
        // The quantity given comes out of the batch's stock (when it was received through Clinicdesk).
        if (auto st = Stock::useForTreatmentInTransaction(m_db, id, stockUses(r)); !st)
            return st.error();
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
        // A new treatment or date needs its consent again, unless a manager already recorded why not.
        QString missing;
        if ((r.treatment != old->treatment || r.givenOn != old->givenOn) && old->overriddenForm.isEmpty()) {
            auto m = checkConsent(m_db, r);
            if (!m)
                return m.error();
            missing = m.value();
        }
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
        diff(r.chart != old->chart, "chart");
        if (changed.isEmpty())
            return {};
        Transaction tx(m_db);
        auto up = m_db.prepare(
            "UPDATE treatment_records SET appointment_id=?, given_on=?, practitioner_id=?, treatment=?, "
            "areas=?, "
            "product=?, batch_number=?, expiry_date=?, quantity=?, quantity_unit=?, consent_form_ref=?, "
            "aftercare_given=?, notes=?, updated_at=?, sealed=? WHERE id=?");
        bindFields(up, r, m_db.clinical(), 15);
        up.bind(14, Clock::nowIso()).bind(16, r.id).run();
        if (r.chart != old->chart)
            facechart::writeInTransaction(m_db, r.id, r.clientId, r.chart);
        writeBatchTokens(m_db, r.id, r.clientId, r, m_db.clinical());
        if (!missing.isEmpty())
            if (auto st = writeOverride(m_db, r.id, r.clientId, missing, r.consentOverride); !st)
                return st;
        // A corrected quantity or batch corrects the stock: the old use is given back, the new taken.
        if (auto st = Stock::useForTreatmentInTransaction(m_db, r.id, stockUses(r)); !st)
            return st;
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
        auto record = read(st, m_db.clinical());
        st.reset();
        if (!record)
            return record.error();
        TreatmentRecord& r = record.value();
        r.photoIds = photosOf(m_db, r.id, r.clientId);
        r.practitionerName = staff::namesInTransaction(m_db).value(r.practitionerId);
        readOverride(m_db, r);
        r.chart = facechart::readInTransaction(m_db, r.id);
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
        for (st.bind(1, clientId); st.step();) {
            auto r = read(st, m_db.clinical());
            if (!r)
                return r.error();
            out.append(r.value());
        }
        const QHash<qint64, QString> staffNames = staff::namesInTransaction(m_db);
        for (TreatmentRecord& r : out) {
            r.photoIds = photosOf(m_db, r.id, r.clientId);
            r.practitionerName = staffNames.value(r.practitionerId);
            readOverride(m_db, r);
            r.chart = facechart::readInTransaction(m_db, r.id);
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
        QList<BatchRecipient> out;
        QSet<qint64> clients;
        // The records and their clients' contacts as one snapshot under one read lock (hundreds of
        // look-ups); it ends before the audit entry is written.
        std::optional<ReadTransaction> read(std::in_place, m_db);
        const ClinicalSeal& seal = m_db.clinical();
        // A sealed record is found by its blind token (one index lookup), then opened.
        if (seal.active()) {
            auto token = seal.token(match == BatchMatch::Exact ? QByteArrayLiteral("batch")
                                                               : QByteArrayLiteral("batch-prefix"),
                                    batchKey(key));
            if (!token)
                return token.error();
            auto st =
                m_db.prepare("SELECT t.id, t.client_id, t.given_on, t.sealed FROM treatment_batch_tokens k "
                             "JOIN treatment_records t ON t.id = k.record_id WHERE k.token = ?");
            for (st.bind(1, QString::fromLatin1(token.value())); st.step();) {
                auto clinical = seal.openColumns(st.blob(3), kTable);
                if (!clinical)
                    return clinical.error();
                TreatmentRecord r;
                takeClinicalColumns(r, clinical.value());
                BatchRecipient b;
                b.recordId = st.int64(0);
                b.clientId = st.int64(1);
                b.givenOn = QDate::fromString(st.text(2), Qt::ISODate);
                b.treatment = r.treatment;
                b.product = r.product;
                b.batchNumber = r.batchNumber;
                b.expiryDate = r.expiryDate;
                out.append(b);
                clients.insert(b.clientId);
            }
        }
        // A record written before the vault had a clinical key keeps its batch in the clear until
        // a re-key seals it. Both forms are ranges of treatment_records_batch (NOCASE): "= ? COLLATE
        // NOCASE" and, for a prefix, [key, key + U+10FFFF) under the same collation (NOCASE folds
        // ASCII only, which is what batch numbers are made of).
        const std::string sql =
            "SELECT t.id, t.client_id, t.given_on, t.treatment, t.product, t.batch_number, t.expiry_date "
            "FROM treatment_records t WHERE " +
            (match == BatchMatch::Exact
                 ? std::string("t.batch_number = ?1 COLLATE NOCASE")
                 : std::string("t.batch_number >= ?1 COLLATE NOCASE AND t.batch_number < ?2 COLLATE NOCASE"));
        auto st = m_db.prepare(sql);
        st.bind(1, key);
        if (match == BatchMatch::Prefix)
            st.bind(2, key + QString::fromUcs4(U"\U0010FFFF"));
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
        std::sort(out.begin(), out.end(), [](const BatchRecipient& x, const BatchRecipient& y) {
            return x.givenOn != y.givenOn ? x.givenOn > y.givenOn : x.recordId > y.recordId;
        });
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
        read.reset();
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

void TreatmentRecords::resealInTransaction(Database& db, const ClinicalSeal& from, const ClinicalSeal& to)
{
    auto next = db.prepare((kSelect + QStringLiteral("WHERE t.id > ? ORDER BY t.id LIMIT 1")).toStdString());
    auto write =
        db.prepare("UPDATE treatment_records SET appointment_id=?, given_on=?, practitioner_id=?, "
                   "treatment=?, areas=?, product=?, batch_number=?, expiry_date=?, quantity=?, "
                   "quantity_unit=?, consent_form_ref=?, aftercare_given=?, notes=?, sealed=? WHERE id=?");
    for (qint64 last = 0;;) {
        next.bind(1, last);
        if (!next.step())
            break;
        auto r = read(next, from);
        next.reset();
        if (!r)
            throw StorageError(11 /* SQLITE_CORRUPT */, r.message());
        last = r->id;
        bindFields(write, r.value(), to, 14);
        write.bind(15, last).run();
        r->chart = facechart::readInTransaction(db, last, from);
        writeBatchTokens(db, last, r->clientId, r.value(), to);
    }
    auto reasons = db.prepare("SELECT record_id, reason FROM treatment_consent_overrides WHERE record_id > ? "
                              "ORDER BY record_id LIMIT 1");
    auto rewrite = db.prepare("UPDATE treatment_consent_overrides SET reason = ? WHERE record_id = ?");
    for (qint64 last = 0;;) {
        reasons.bind(1, last);
        if (!reasons.step())
            break;
        last = reasons.int64(0);
        auto plain = from.open(reasons.blob(1), TreatmentRecords::overrideContext(last));
        reasons.reset();
        if (!plain)
            throw StorageError(11 /* SQLITE_CORRUPT */, plain.message());
        QByteArray stored = plain.value();
        if (to.active()) {
            auto sealed = to.sealValue(stored, TreatmentRecords::overrideContext(last));
            if (!sealed)
                throw StorageError(0, sealed.message());
            stored = sealed.value();
        }
        rewrite.bindBlob(1, stored).bind(2, last).run();
    }
    facechart::resealInTransaction(db, from, to);
}

} // namespace cd
