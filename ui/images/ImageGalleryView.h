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
    // Pictures share one height and take the width their shape needs (within limits), so a line
    // of tiles has no gaps above or beside its pictures, whatever mix of portrait and landscape.
    static constexpr int kThumbHeight = 140;
    static constexpr int kMinThumbWidth = 112;
    static constexpr int kMaxThumbWidth = 250;
    static constexpr int kPadding = 8;
    static constexpr int kTileHeight = 212;

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

} // namespace cd::ui
