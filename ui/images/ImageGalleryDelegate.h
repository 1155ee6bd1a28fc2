#pragma once

#include <QListView>
#include <QStyledItemDelegate>

namespace cd::ui {

// Paints a section header (title and count over a rule) across the view, and an image tile:
// the thumbnail at its aspect, its kind and date, and the caption if there is one.
class ImageGalleryDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ImageGalleryDelegate(QListView* view) : QStyledItemDelegate(view), m_view(view) {}
    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    // Where the picture goes in a tile of this size for an image of this shape.
    static QRect pictureRect(const QRect& tile, QSize pixels);

private:
    QListView* m_view;
};

} // namespace cd::ui
