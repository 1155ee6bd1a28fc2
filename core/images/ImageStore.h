#pragma once

#include "common/Result.h"
#include "images/ImageInfo.h"
#include "images/PreparedImage.h"

#include <QList>

namespace cd {

class Database;
class ClinicalSeal;

// A client's quote and treatment images. Every image is written in one transaction (metadata and
// its three renditions) so a failure never leaves half an image behind. Use from one thread at a
// time, like the Database it wraps; the decoding work (imaging::prepareFile) can run anywhere.
class ImageStore final
{
public:
    explicit ImageStore(Database& db) : m_db(db) {}

    static Status validate(const ImageDetails& d);

    // Reads, checks, converts and stores one file: what the CLI calls and what gets timed.
    Result<qint64> importFile(qint64 clientId, const QString& path, const ImageDetails& d, qint64 staffId);
    // Stores an image prepared elsewhere (e.g. in a worker thread).
    Result<qint64> add(qint64 clientId, const imaging::PreparedImage& img, const ImageDetails& d,
                       qint64 staffId);

    // For bulk writers (the demo generator) that already hold a transaction; throws StorageError.
    qint64 insertInTransaction(qint64 clientId, const imaging::PreparedImage& img, const ImageDetails& d,
                               qint64 staffId);
    // The treatment record an image belongs to (0: none). Throws StorageError; checks nothing:
    // callers (treatment records, the demo) hold the transaction and have asked the write guard.
    void setTreatmentRefInTransaction(qint64 imageId, qint64 treatmentRef);
    // The same for every image of the client of these kinds (the demo's before/after series).
    void setTreatmentRefInTransaction(qint64 clientId, const QStringList& kinds, qint64 treatmentRef);
    // Which client an image is of (0: no such image), and its treatment record (0: none).
    std::pair<qint64, qint64> ownerOf(qint64 imageId);
    // The photos of a treatment record, before ones first, by date. Throws StorageError.
    QList<qint64> photosOfTreatmentInTransaction(qint64 recordId, qint64 clientId);

    // A client's images grouped by area (in the order of FaceArea), newest first within an area.
    Result<QList<ImageRecord>> list(qint64 clientId);
    Result<ImageRecord> get(qint64 id);
    Result<QByteArray> data(qint64 id, Rendition r);
    // The full-resolution original for a viewer zoomed beyond the preview: practitioners and
    // managers only, and audited ("images-viewed", like recordViewed) in the same transaction as
    // the read, so no original is handed out unrecorded. Bytes only: decode them off the UI thread
    // with imaging::decodeStored, and never write them to disk.
    Result<QByteArray> viewOriginal(qint64 id);
    // A re-key's copy of the database (core/vault): every preview and original opened with the old
    // clinical key and sealed again to the new one, one at a time. Throws StorageError.
    static void resealInTransaction(Database& db, const ClinicalSeal& from, const ClinicalSeal& to);
    // Kind, area, date, caption, consent and link; audited with the names of the fields changed.
    Status updateDetails(qint64 id, const ImageDetails& d);
    // The viewer and the comparison call this when they open: who looked at whose photos.
    Status recordViewed(qint64 clientId, const QString& how);
    // Deleting needs what seeing the full pictures needs (practitioner and up). All or nothing:
    // the images, their three renditions and one audit entry each, in one transaction.
    Status remove(qint64 id);
    Status remove(const QList<qint64>& ids);
    Result<qint64> count(qint64 clientId);

private:
    Database& m_db;
};

} // namespace cd
