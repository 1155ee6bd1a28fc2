#include "records/PhotoPicker.h"

#include "images/ImageStore.h"
#include "images/PreparedImage.h"
#include "records/RecordsCommon.h"

#include <QPixmap>

namespace cd::ui::records {

PhotoPicker::PhotoPicker(QWidget* parent) : QListWidget(parent)
{
    setViewMode(QListView::IconMode);
    setFlow(QListView::LeftToRight);
    setWrapping(false);
    setIconSize(QSize(96, 96));
    setGridSize(QSize(128, 150));
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setWordWrap(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setFixedHeight(175);
    // Space or a click on the picture toggles it, not only the small box.
    connect(this, &QListWidget::itemActivated, this, [](QListWidgetItem* item) {
        item->setCheckState(item->checkState() == Qt::Checked ? Qt::Unchecked : Qt::Checked);
    });
}

int PhotoPicker::load(ImageStore& store, qint64 clientId, const QList<ImageKind>& kinds,
                      const QList<qint64>& checked)
{
    clear();
    auto images = store.list(clientId);
    if (!images)
        return 0;
    for (const ImageRecord& r : images.value()) {
        if (!kinds.contains(r.details.kind) && !checked.contains(r.id))
            continue;
        QPixmap pix;
        if (auto bytes = store.data(r.id, Rendition::Thumbnail))
            pix = QPixmap::fromImage(imaging::decodeStored(bytes.value()));
        const QString label =
            QStringLiteral("%1 · %2\n%3")
                .arg(vocab::label(r.details.kind), vocab::label(r.details.area), dateText(r.details.takenOn));
        auto* item = new QListWidgetItem(QIcon(pix), label, this);
        item->setData(Qt::UserRole, r.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.contains(r.id) ? Qt::Checked : Qt::Unchecked);
        item->setToolTip(r.details.caption.isEmpty() ? label : label + QLatin1Char('\n') + r.details.caption);
    }
    return count();
}

QList<qint64> PhotoPicker::checkedIds() const
{
    QList<qint64> out;
    for (int i = 0; i < count(); ++i)
        if (item(i)->checkState() == Qt::Checked)
            out << item(i)->data(Qt::UserRole).toLongLong();
    return out;
}

void PhotoPicker::setChecked(qint64 imageId, bool on)
{
    for (int i = 0; i < count(); ++i)
        if (item(i)->data(Qt::UserRole).toLongLong() == imageId)
            item(i)->setCheckState(on ? Qt::Checked : Qt::Unchecked);
}

} // namespace cd::ui::records
