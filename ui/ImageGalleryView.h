#pragma once

#include <QListView>
#include <QStyledItemDelegate>

namespace cd::ui {

// Thumbnails flowing left to right, with each section's header on a line of its own across the
// whole width. The arrow keys, Home and End move between images only, never onto a header:
// ←/→ in gallery order, ↑/↓ to the nearest image on the line above or below.
class ImageGalleryView final : public QListView
{
    Q_OBJECT
public:
    static constexpr int kThumbSide = 160;
    static constexpr int kTileWidth = 184;
    static constexpr int kTileHeight = 226;
    static constexpr int kHeaderHeight = 40;

    explicit ImageGalleryView(QWidget* parent = nullptr);

protected:
    QModelIndex moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    bool isImage(int row) const;
    QModelIndex step(int from, int direction) const;
    QModelIndex lineAboveOrBelow(const QModelIndex& from, bool below) const;
};

// Paints a section header (title and count over a rule) across the view, and an image tile:
// the thumbnail at its aspect, its kind and date, and the caption if there is one.
class ImageGalleryDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ImageGalleryDelegate(QListView* view) : QStyledItemDelegate(view), m_view(view) {}
    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    QListView* m_view;
};

} // namespace cd::ui
