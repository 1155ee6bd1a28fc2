#pragma once

#include "imaging/ImageInfo.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPixmap>

namespace cd {
class Database;
}

namespace cd::ui {

// A client's images, in the store's order (area, then newest first). Only metadata is read up
// front; each thumbnail is read from the vault the first time the view asks to paint it.
class ImageGalleryModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { ImageIdRole = Qt::UserRole + 1, AreaRole, KindRole, TakenOnRole };

    explicit ImageGalleryModel(Database& db, QObject* parent = nullptr);
    // Returns an error message, or empty.
    QString setClient(qint64 clientId);
    QString reload() { return setClient(m_clientId); }
    qint64 clientId() const { return m_clientId; }
    const ImageRecord& record(int row) const { return m_rows.at(row); }
    int rowOf(qint64 imageId) const;
    int thumbnailsLoaded() const { return int(m_thumbs.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    QPixmap thumbnail(qint64 id) const;

    Database& m_db;
    qint64 m_clientId = 0;
    QList<ImageRecord> m_rows;
    mutable QHash<qint64, QPixmap> m_thumbs;
};

// "Lips · Before · 14/03/2026": how an image is named on screen.
QString imageTitle(const ImageRecord& r);

} // namespace cd::ui
