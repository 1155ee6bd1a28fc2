#pragma once

#include "common/Result.h"
#include "imaging/ImageInfo.h"
#include "imaging/PreparedImage.h"

#include <QList>

namespace cd {

class Database;

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
    Result<qint64> add(qint64 clientId, const imaging::PreparedImage& img, const ImageDetails& d, qint64 staffId);

    // For bulk writers (the demo generator) that already hold a transaction; throws StorageError.
    qint64 insertInTransaction(qint64 clientId, const imaging::PreparedImage& img, const ImageDetails& d, qint64 staffId);

    // A client's images grouped by area (in the order of imaging::areas()), newest first within an area.
    Result<QList<ImageRecord>> list(qint64 clientId);
    Result<ImageRecord> get(qint64 id);
    Result<QByteArray> data(qint64 id, Rendition r);
    Status updateDetails(qint64 id, const ImageDetails& d);
    // The viewer and the comparison call this when they open: who looked at whose photos.
    Status recordViewed(qint64 clientId, const QString& how);
    Status remove(qint64 id);
    Result<qint64> count(qint64 clientId);

private:
    Database& m_db;
};

} // namespace cd
