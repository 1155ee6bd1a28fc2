#include "images/ImageStore.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "common/ClinicalSeal.h"
#include "common/Clock.h"
#include "storage/Sql.h"

#include <QObject>

namespace cd {

namespace {

const char* renditionName(Rendition r)
{
    switch (r) {
    case Rendition::Thumbnail:
        return "thumbnail";
    case Rendition::Preview:
        return "preview";
    case Rendition::Original:
        break;
    }
    return "original";
}

constexpr const char* kSelect =
    "SELECT id, client_id, kind, area, taken_on, caption, consent, treatment_ref, original_name, mime_type, "
    "width, height, sha256, byte_size, created_at, added_by FROM images ";

ImageRecord readRecord(const Statement& st)
{
    ImageRecord r;
    r.id = st.int64(0);
    r.clientId = st.int64(1);
    r.details.kind = vocab::fromCode<ImageKind>(st.text(2)).value_or(ImageKind::Other);
    r.details.area = vocab::fromCode<FaceArea>(st.text(3)).value_or(FaceArea::Other);
    r.details.takenOn = QDate::fromString(st.text(4), Qt::ISODate);
    r.details.caption = st.text(5);
    r.details.consent = vocab::fromCode<ImageConsent>(st.text(6)).value_or(ImageConsent::ClinicalOnly);
    r.details.treatmentRef = st.int64(7);
    r.originalName = st.text(8);
    r.mimeType = st.text(9);
    r.width = int(st.int64(10));
    r.height = int(st.int64(11));
    r.sha256 = st.text(12);
    r.byteSize = st.int64(13);
    r.createdAt = st.text(14);
    r.addedBy = st.int64(15);
    return r;
}

// Orders areas as the clinic lists them, not alphabetically.
std::string areaOrder()
{
    std::string sql = "CASE area";
    const QStringList areas = vocab::codes<FaceArea>();
    for (int i = 0; i < areas.size(); ++i)
        sql += " WHEN '" + areas.at(i).toStdString() + "' THEN " + std::to_string(i);
    return sql + " END";
}

} // namespace

Status ImageStore::validate(const ImageDetails& d)
{
    if (d.takenOn.isValid() && d.takenOn > Clock::today())
        return makeError(Error::Kind::Invalid, QObject::tr("The date the photo was taken is in the future."));
    return {};
}

Result<qint64> ImageStore::importFile(qint64 clientId, const QString& path, const ImageDetails& d,
                                      qint64 staffId)
{
    if (auto st = validate(d); !st)
        return st.error();
    // Refused before the file is decoded: an erased or restricted client takes no photo.
    if (auto st = client::mayWrite(m_db, clientId, Action::AddImages, ClientWrite::Add); !st)
        return st.error();
    auto prepared = imaging::prepareFile(path);
    if (!prepared)
        return prepared.error();
    return add(clientId, prepared.value(), d, staffId);
}

Result<qint64> ImageStore::add(qint64 clientId, const imaging::PreparedImage& img, const ImageDetails& d,
                               qint64 staffId)
{
    if (auto st = access::require(m_db, Action::AddImages); !st)
        return st.error();
    if (auto st = validate(d); !st)
        return st.error();
    return guarded([&]() -> Result<qint64> {
        Transaction tx(m_db);
        if (auto st = client::mayWrite(m_db, clientId, Action::AddImages, ClientWrite::Add); !st)
            return st.error();
        auto same = m_db.prepare("SELECT id FROM images WHERE client_id = ? AND sha256 = ?");
        if (same.bind(1, clientId).bind(2, img.sha256).step())
            return makeError(Error::Kind::Conflict,
                             QObject::tr("%1 is already in this client's images (image %2).")
                                 .arg(img.fileName)
                                 .arg(same.int64(0)));
        const qint64 id = insertInTransaction(clientId, img, d, staffId);
        if (auto st = AuditLog(m_db).append(
                QStringLiteral("image-added"), client::subjectRefOf(m_db, clientId),
                QStringLiteral("image %1, %2, %3").arg(id).arg(vocab::code(d.kind), vocab::code(d.area)));
            !st)
            return st.error();
        tx.commit();
        return id;
    });
}

qint64 ImageStore::insertInTransaction(qint64 clientId, const imaging::PreparedImage& img,
                                       const ImageDetails& d, qint64 staffId)
{
    auto ins =
        m_db.prepare("INSERT INTO images (client_id, kind, area, taken_on, caption, consent, treatment_ref, "
                     "original_name, mime_type, width, height, byte_size, sha256, created_at, added_by) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    ins.bind(1, clientId)
        .bind(2, vocab::code(d.kind))
        .bind(3, vocab::code(d.area))
        .bind(4, (d.takenOn.isValid() ? d.takenOn : Clock::today()).toString(Qt::ISODate))
        .bindOptional(5, d.caption.trimmed())
        .bind(6, vocab::code(d.consent));
    d.treatmentRef > 0 ? ins.bind(7, d.treatmentRef) : ins.bindNull(7);
    ins.bind(8, img.fileName)
        .bind(9, img.mimeType)
        .bind(10, img.width)
        .bind(11, img.height)
        .bind(12, qint64(img.original.size()))
        .bind(13, img.sha256)
        .bind(14, Clock::nowIso());
    staffId > 0 ? ins.bind(15, staffId) : ins.bindNull(15);
    const qint64 id = ins.runInsert();
    auto blob =
        m_db.prepare("INSERT INTO image_blobs (image_id, client_id, rendition, data) VALUES (?,?,?,?)");
    // The preview and the original are clinical (sealed to the clinic's clinical key: whoever adds
    // them, a receptionist included, cannot read them back); the thumbnail is for the front desk.
    const ClinicalSeal& seal = m_db.clinical();
    blob.bind(1, id)
        .bind(2, clientId)
        .bind(3, renditionName(Rendition::Thumbnail))
        .bindBlob(4, img.thumbnail)
        .run();
    for (const auto& [r, bytes] :
         {std::pair{Rendition::Preview, &img.preview}, std::pair{Rendition::Original, &img.original}})
        blob.bind(1, id)
            .bind(2, clientId)
            .bind(3, renditionName(r))
            .bindBlob(4, seal.sealForClinic(*bytes))
            .run();
    return id;
}

Result<QList<ImageRecord>> ImageStore::list(qint64 clientId)
{
    return guarded([&]() -> Result<QList<ImageRecord>> {
        static const std::string sql =
            std::string(kSelect) + "WHERE client_id = ? ORDER BY " + areaOrder() + ", taken_on DESC, id DESC";
        auto st = m_db.prepare(sql);
        st.bind(1, clientId);
        QList<ImageRecord> out;
        while (st.step())
            out.append(readRecord(st));
        return out;
    });
}

Result<ImageRecord> ImageStore::get(qint64 id)
{
    return guarded([&]() -> Result<ImageRecord> {
        auto st = m_db.prepare(std::string(kSelect) + "WHERE id = ?");
        if (!st.bind(1, id).step())
            return makeError(Error::Kind::NotFound, QObject::tr("There is no image with id %1.").arg(id));
        return readRecord(st);
    });
}

Result<QByteArray> ImageStore::data(qint64 id, Rendition r)
{
    // Thumbnails are for the whole front desk; the full picture is for practitioners and managers.
    if (r != Rendition::Thumbnail)
        if (auto st = access::require(m_db, Action::ViewFullImages); !st)
            return st.error();
    return guarded([&]() -> Result<QByteArray> {
        auto st = m_db.prepare("SELECT data FROM image_blobs WHERE image_id = ? AND rendition = ?");
        if (!st.bind(1, id).bind(2, renditionName(r)).step())
            return makeError(Error::Kind::NotFound, QObject::tr("There is no image with id %1.").arg(id));
        if (r == Rendition::Thumbnail)
            return st.blob(0);
        return m_db.clinical().open(st.blob(0));
    });
}

Result<QByteArray> ImageStore::viewOriginal(qint64 id)
{
    if (auto st = access::require(m_db, Action::ViewFullImages); !st)
        return st.error();
    return guarded([&]() -> Result<QByteArray> {
        Transaction tx(m_db);
        auto st = m_db.prepare(
            "SELECT b.data, b.client_id FROM image_blobs b WHERE b.image_id = ? AND b.rendition = ?");
        if (!st.bind(1, id).bind(2, renditionName(Rendition::Original)).step())
            return makeError(Error::Kind::NotFound, QObject::tr("There is no image with id %1.").arg(id));
        auto bytes = m_db.clinical().open(st.blob(0));
        if (!bytes)
            return bytes.error();
        const qint64 clientId = st.int64(1);
        if (auto logged =
                AuditLog(m_db).append(QStringLiteral("images-viewed"), client::subjectRefOf(m_db, clientId),
                                      QStringLiteral("original of image %1").arg(id));
            !logged)
            return logged.error();
        tx.commit();
        return bytes;
    });
}

void ImageStore::resealInTransaction(Database& db, const ClinicalSeal& from, const ClinicalSeal& to)
{
    auto read = db.prepare("SELECT id, data FROM image_blobs WHERE rendition <> 'thumbnail' AND id > ? "
                           "ORDER BY id LIMIT 1");
    auto write = db.prepare("UPDATE image_blobs SET data = ? WHERE id = ?");
    for (qint64 last = 0;;) {
        read.bind(1, last);
        if (!read.step())
            break;
        last = read.int64(0);
        auto plain = from.open(read.blob(1));
        read.reset();
        if (!plain)
            throw StorageError(11 /* SQLITE_CORRUPT */, plain.message());
        write.bindBlob(1, to.sealForClinic(plain.value())).bind(2, last).run();
    }
}

void ImageStore::setTreatmentRefInTransaction(qint64 imageId, qint64 treatmentRef)
{
    auto up = m_db.prepare("UPDATE images SET treatment_ref = ? WHERE id = ?");
    treatmentRef > 0 ? up.bind(1, treatmentRef) : up.bindNull(1);
    up.bind(2, imageId).run();
}

void ImageStore::setTreatmentRefInTransaction(qint64 clientId, const QStringList& kinds, qint64 treatmentRef)
{
    auto up = m_db.prepare("UPDATE images SET treatment_ref = ? WHERE client_id = ? AND kind = ?");
    for (const QString& kind : kinds) {
        treatmentRef > 0 ? up.bind(1, treatmentRef) : up.bindNull(1);
        up.bind(2, clientId).bind(3, kind).run();
        up.reset();
    }
}

QList<qint64> ImageStore::photosOfTreatmentInTransaction(qint64 recordId, qint64 clientId)
{
    QList<qint64> out;
    auto st = m_db.prepare("SELECT id FROM images WHERE treatment_ref = ? AND client_id = ? ORDER BY kind = "
                           "'after', taken_on, id");
    for (st.bind(1, recordId).bind(2, clientId); st.step();)
        out.append(st.int64(0));
    return out;
}

std::pair<qint64, qint64> ImageStore::ownerOf(qint64 imageId)
{
    auto st = m_db.prepare("SELECT client_id, treatment_ref FROM images WHERE id = ?");
    if (!st.bind(1, imageId).step())
        return {0, 0};
    return {st.int64(0), st.int64(1)};
}

Status ImageStore::recordViewed(qint64 clientId, const QString& how)
{
    if (auto st = access::require(m_db, Action::ViewFullImages); !st)
        return st;
    return AuditLog(m_db).append(QStringLiteral("images-viewed"), client::subjectRefOf(m_db, clientId), how);
}

Status ImageStore::updateDetails(qint64 id, const ImageDetails& d)
{
    if (auto st = access::require(m_db, Action::AddImages); !st)
        return st;
    if (auto st = validate(d); !st)
        return st;
    return guarded([&]() -> Status {
        Transaction tx(m_db);
        auto old = m_db.prepare(std::string(kSelect) + "WHERE id = ?");
        if (!old.bind(1, id).step())
            return makeError(Error::Kind::NotFound, QObject::tr("There is no image with id %1.").arg(id));
        const ImageRecord before = readRecord(old);
        old.reset();
        if (auto st = client::mayWrite(m_db, before.clientId, Action::AddImages, ClientWrite::Change); !st)
            return st;
        // Field names only: a caption may say something personal.
        QStringList changed;
        if (before.details.kind != d.kind)
            changed << QStringLiteral("kind");
        if (before.details.area != d.area)
            changed << QStringLiteral("area");
        if (d.takenOn.isValid() && before.details.takenOn != d.takenOn)
            changed << QStringLiteral("taken_on");
        if (before.details.caption != d.caption.trimmed())
            changed << QStringLiteral("caption");
        if (before.details.consent != d.consent)
            changed << QStringLiteral("consent");
        if (before.details.treatmentRef != std::max<qint64>(d.treatmentRef, 0))
            changed << QStringLiteral("treatment_ref");
        if (changed.isEmpty())
            return {};
        auto st = m_db.prepare(
            "UPDATE images SET kind=?, area=?, taken_on=COALESCE(?, taken_on), caption=?, consent=?, "
            "treatment_ref=? WHERE id=?");
        st.bind(1, vocab::code(d.kind))
            .bind(2, vocab::code(d.area))
            .bindOptional(3, d.takenOn.isValid() ? d.takenOn.toString(Qt::ISODate) : QString())
            .bindOptional(4, d.caption.trimmed())
            .bind(5, vocab::code(d.consent));
        d.treatmentRef > 0 ? st.bind(6, d.treatmentRef) : st.bindNull(6);
        st.bind(7, id).run();
        if (auto logged = AuditLog(m_db).append(
                QStringLiteral("image-edited"), client::subjectRefOf(m_db, before.clientId),
                QStringLiteral("image %1: %2").arg(id).arg(changed.join(QLatin1Char(' '))));
            !logged)
            return logged;
        tx.commit();
        return {};
    });
}

Status ImageStore::remove(qint64 id)
{
    return remove(QList<qint64>{id});
}

Status ImageStore::remove(const QList<qint64>& ids)
{
    if (auto st = access::require(m_db, Action::ViewFullImages); !st)
        return st;
    return guarded([&]() -> Status {
        Transaction tx(m_db);
        for (const qint64 id : ids) {
            auto owner = m_db.prepare("SELECT client_id FROM images WHERE id = ?");
            if (!owner.bind(1, id).step())
                return makeError(Error::Kind::NotFound, QObject::tr("There is no image with id %1.").arg(id));
            const qint64 clientId = owner.int64(0);
            owner.reset();
            // A restricted record is kept as it is (perhaps for a legal claim): no photo leaves it.
            if (auto st = client::mayWrite(m_db, clientId, Action::ViewFullImages, ClientWrite::Change); !st)
                return st;
            m_db.prepare("DELETE FROM image_blobs WHERE image_id = ?").bind(1, id).run();
            m_db.prepare("DELETE FROM images WHERE id = ?").bind(1, id).run();
            if (auto st = AuditLog(m_db).append(QStringLiteral("image-removed"),
                                                client::subjectRefOf(m_db, clientId),
                                                QStringLiteral("image %1").arg(id));
                !st)
                return st;
        }
        tx.commit();
        return {};
    });
}

Result<qint64> ImageStore::count(qint64 clientId)
{
    return guarded([&]() -> Result<qint64> {
        auto st = m_db.prepare("SELECT count(*) FROM images WHERE client_id = ?");
        st.bind(1, clientId).step();
        return st.int64(0);
    });
}

} // namespace cd
