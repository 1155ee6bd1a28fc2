#pragma once

#include "images/ImageInfo.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPixmap>

namespace cd {
class ImageStore;
}

namespace cd::ui {

// A client's images in sections, one per treatment area and month ("Lips — March 2026"), in the
// store's order (area as the clinic lists them, then newest first). A section starts with a header
// row that cannot be selected or made current; the rows after it are its images. Only metadata is
// read up front; each thumbnail is read from the vault the first time the view asks to paint it.
class ImageGalleryModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role {
        ImageIdRole = Qt::UserRole + 1,
        AreaRole, // the stored codes
        KindRole,
        KindLabelRole,
        TakenOnRole,
        HeaderRole,
        CaptionRole,
        PixelSizeRole /* the original's QSize: lays a tile out without reading its thumbnail */
    };

    explicit ImageGalleryModel(ImageStore& images, QObject* parent = nullptr);
    // Returns an error message, or empty. Reloading the same client keeps the thumbnails read so far.
    QString setClient(qint64 clientId);
    QString reload() { return setClient(m_clientId); }
    qint64 clientId() const { return m_clientId; }

    int imageCount() const { return int(m_images.size()); }
    bool isHeader(int row) const { return row >= 0 && row < m_rows.size() && m_rows.at(row).image < 0; }
    // Only for image rows.
    const ImageRecord& record(int row) const { return m_images.at(m_rows.at(row).image); }
    // Images in gallery order (what the viewer steps through), and where each one is.
    QList<qint64> imageIds() const;
    int rowOf(qint64 imageId) const;
    int imageNumber(int row) const
    {
        return isHeader(row) || row < 0 || row >= m_rows.size() ? -1 : m_rows.at(row).image;
    }
    int firstImageRow() const { return m_images.isEmpty() ? -1 : rowOf(m_images.constFirst().id); }
    // Headers in order, e.g. "Lips — March 2026"; for tests and the accessibility tree.
    QStringList sectionTitles() const;
    int thumbnailsLoaded() const { return int(m_thumbs.size()); }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    struct Row
    {
        int image = -1; // index into m_images, or -1 for a section header
        QString title;  // header rows only
        int count = 0;  // header rows only: images in the section
    };
    QPixmap thumbnail(qint64 id) const;

    ImageStore& m_store;
    qint64 m_clientId = 0;
    QList<ImageRecord> m_images;
    QList<Row> m_rows;
    mutable QHash<qint64, QPixmap> m_thumbs;
};

// "Lips · Before · 14/03/2026": how an image is named on screen.
QString imageTitle(const ImageRecord& r);
// "Lips — March 2026": the gallery section an image is in.
QString sectionTitle(const ImageRecord& r);

} // namespace cd::ui
