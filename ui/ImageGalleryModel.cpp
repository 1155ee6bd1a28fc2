#include "ImageGalleryModel.h"

#include "imaging/ImageStore.h"

#include <QIcon>
#include <QLocale>

namespace cd::ui {

QString imageTitle(const ImageRecord& r)
{
    return QStringLiteral("%1 · %2 · %3")
        .arg(imaging::areaLabel(r.details.area), imaging::kindLabel(r.details.kind),
             QLocale().toString(r.details.takenOn, QStringLiteral("dd/MM/yyyy")));
}

ImageGalleryModel::ImageGalleryModel(Database& db, QObject* parent) : QAbstractListModel(parent), m_db(db) {}

QString ImageGalleryModel::setClient(qint64 clientId)
{
    beginResetModel();
    m_clientId = clientId;
    m_rows.clear();
    m_thumbs.clear();
    QString error;
    if (clientId > 0) {
        auto list = ImageStore(m_db).list(clientId);
        if (list)
            m_rows = std::move(list.value());
        else
            error = list.message();
    }
    endResetModel();
    return error;
}

int ImageGalleryModel::rowOf(qint64 imageId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).id == imageId)
            return i;
    return -1;
}

int ImageGalleryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QPixmap ImageGalleryModel::thumbnail(qint64 id) const
{
    auto it = m_thumbs.constFind(id);
    if (it != m_thumbs.constEnd())
        return *it;
    QPixmap pm;
    auto bytes = ImageStore(m_db).data(id, Rendition::Thumbnail);
    if (bytes)
        pm.loadFromData(bytes.value(), "JPEG");
    m_thumbs.insert(id, pm);
    return pm;
}

QVariant ImageGalleryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ImageRecord& r = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1\n%2 · %3")
            .arg(imaging::areaLabel(r.details.area), imaging::kindLabel(r.details.kind),
                 QLocale().toString(r.details.takenOn, QStringLiteral("dd/MM/yy")));
    case Qt::AccessibleTextRole:
        return imageTitle(r) + (r.details.caption.isEmpty() ? QString() : QStringLiteral(" · ") + r.details.caption);
    case Qt::ToolTipRole:
        return tr("%1<br>%2<br>%3 × %4 pixels · %5<br>%6")
            .arg(imageTitle(r).toHtmlEscaped(), r.details.caption.toHtmlEscaped())
            .arg(r.width)
            .arg(r.height)
            .arg(imaging::consentLabel(r.details.consent), r.originalName.toHtmlEscaped());
    case Qt::DecorationRole:
        // An icon, not a pixmap: the view then draws it at its icon size, keeping the aspect.
        return QIcon(thumbnail(r.id));
    case ImageIdRole:
        return r.id;
    case AreaRole:
        return r.details.area;
    case KindRole:
        return r.details.kind;
    case TakenOnRole:
        return r.details.takenOn;
    default:
        return {};
    }
}

} // namespace cd::ui
