#include "images/ImageGalleryModel.h"

#include "images/ImageStore.h"

#include <QIcon>
#include <QLocale>

namespace cd::ui {

QString imageTitle(const ImageRecord& r)
{
    return QStringLiteral("%1 · %2 · %3")
        .arg(vocab::label(r.details.area), vocab::label(r.details.kind),
             QLocale().toString(r.details.takenOn, QStringLiteral("dd/MM/yyyy")));
}

QString sectionTitle(const ImageRecord& r)
{
    const QDate d = r.details.takenOn;
    const QString when =
        d.isValid() ? QLocale().standaloneMonthName(d.month()) + QLatin1Char(' ') + QString::number(d.year())
                    : ImageGalleryModel::tr("date unknown");
    return ImageGalleryModel::tr("%1 — %2").arg(vocab::label(r.details.area), when);
}

ImageGalleryModel::ImageGalleryModel(ImageStore& images, QObject* parent)
    : QAbstractListModel(parent), m_store(images)
{
}

QString ImageGalleryModel::setClient(qint64 clientId)
{
    beginResetModel();
    const bool sameClient = clientId == m_clientId;
    m_clientId = clientId;
    m_images.clear();
    m_rows.clear();
    QString error;
    if (clientId > 0) {
        auto list = m_store.list(clientId);
        if (list)
            m_images = std::move(list.value());
        else
            error = list.message();
    }
    // The store's order already keeps an area's months together, newest first.
    QHash<qint64, QPixmap> kept;
    int header = -1;
    for (int i = 0; i < m_images.size(); ++i) {
        const ImageRecord& r = m_images.at(i);
        const QString title = sectionTitle(r);
        if (header < 0 || m_rows.at(header).title != title) {
            header = int(m_rows.size());
            m_rows.append(Row{-1, title, 0});
        }
        ++m_rows[header].count;
        m_rows.append(Row{i, {}, 0});
        if (sameClient && m_thumbs.contains(r.id))
            kept.insert(r.id, m_thumbs.value(r.id));
    }
    m_thumbs = std::move(kept);
    endResetModel();
    return error;
}

QList<qint64> ImageGalleryModel::imageIds() const
{
    QList<qint64> ids;
    for (const ImageRecord& r : m_images)
        ids << r.id;
    return ids;
}

int ImageGalleryModel::rowOf(qint64 imageId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).image >= 0 && m_images.at(m_rows.at(i).image).id == imageId)
            return i;
    return -1;
}

QStringList ImageGalleryModel::sectionTitles() const
{
    QStringList out;
    for (const Row& r : m_rows)
        if (r.image < 0)
            out << r.title;
    return out;
}

int ImageGalleryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

Qt::ItemFlags ImageGalleryModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    // A header can be neither selected nor made current, by mouse or keyboard.
    return isHeader(index.row()) ? Qt::NoItemFlags
                                 : Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QPixmap ImageGalleryModel::thumbnail(qint64 id) const
{
    auto it = m_thumbs.constFind(id);
    if (it != m_thumbs.constEnd())
        return *it;
    QPixmap pm;
    auto bytes = m_store.data(id, Rendition::Thumbnail);
    if (bytes)
        pm.loadFromData(bytes.value(), "JPEG");
    m_thumbs.insert(id, pm);
    return pm;
}

QVariant ImageGalleryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows.at(index.row());
    if (row.image < 0) {
        switch (role) {
        case Qt::DisplayRole:
            return row.title;
        case Qt::AccessibleTextRole:
            return tr("%1, %n image(s)", nullptr, row.count).arg(row.title);
        case HeaderRole:
            return true;
        case CaptionRole:
            return tr("%n image(s)", nullptr, row.count);
        default:
            return {};
        }
    }
    const ImageRecord& r = m_images.at(row.image);
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1 · %2").arg(
            vocab::label(r.details.kind),
            QLocale().toString(r.details.takenOn, QStringLiteral("d MMM yyyy")));
    case Qt::AccessibleTextRole:
        return imageTitle(r) +
               (r.details.caption.isEmpty() ? QString() : QStringLiteral(" · ") + r.details.caption);
    case Qt::ToolTipRole:
        return tr("%1<br>%2<br>%3 × %4 pixels · %5<br>%6")
            .arg(imageTitle(r).toHtmlEscaped(), r.details.caption.toHtmlEscaped())
            .arg(r.width)
            .arg(r.height)
            .arg(vocab::label(r.details.consent), r.originalName.toHtmlEscaped());
    case Qt::DecorationRole:
        // An icon, not a pixmap: the view then draws it at its icon size, keeping the aspect.
        return QIcon(thumbnail(r.id));
    case ImageIdRole:
        return r.id;
    case AreaRole:
        return vocab::code(r.details.area);
    case KindRole:
        return vocab::code(r.details.kind);
    case KindLabelRole:
        return vocab::label(r.details.kind);
    case TakenOnRole:
        return r.details.takenOn;
    case HeaderRole:
        return false;
    case CaptionRole:
        return r.details.caption;
    case PixelSizeRole:
        return QSize(r.width, r.height);
    default:
        return {};
    }
}

} // namespace cd::ui
