#include "images/ImageGalleryView.h"

#include "images/ImageGalleryDelegate.h"
#include "images/ImageGalleryModel.h"
#include "images/ImageInfo.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QResizeEvent>

namespace cd::ui {

ImageGalleryView::ImageGalleryView(QWidget* parent) : QListView(parent)
{
    setViewMode(QListView::IconMode);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setSpacing(6);
    setUniformItemSizes(false); // headers are as wide as the view, tiles are not
    setIconSize(QSize(kMaxThumbWidth, kThumbHeight));
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setMouseTracking(true);
    setItemDelegate(new ImageGalleryDelegate(this));
}

void ImageGalleryView::resizeEvent(QResizeEvent* event)
{
    QListView::resizeEvent(event);
    // Header widths follow the view's; lay out again even when only the width changed.
    if (event->size().width() != event->oldSize().width())
        scheduleDelayedItemsLayout();
}

bool ImageGalleryView::isImage(int row) const
{
    const QModelIndex i = model() ? model()->index(row, 0, rootIndex()) : QModelIndex();
    return i.isValid() && (i.flags() & Qt::ItemIsSelectable);
}

QModelIndex ImageGalleryView::step(int from, int direction) const
{
    for (int row = from + direction; row >= 0 && row < model()->rowCount(rootIndex()); row += direction)
        if (isImage(row))
            return model()->index(row, 0, rootIndex());
    return {};
}

QModelIndex ImageGalleryView::lineAboveOrBelow(const QModelIndex& from, bool below) const
{
    // Tiles on one line share their top edge; find the nearest line in that direction, then the
    // tile on it whose centre is closest to this one's.
    const QRect here = visualRect(from);
    int lineTop = below ? INT_MAX : INT_MIN;
    for (int row = 0; row < model()->rowCount(rootIndex()); ++row) {
        if (!isImage(row))
            continue;
        const int top = visualRect(model()->index(row, 0, rootIndex())).top();
        if (below ? (top > here.top() && top < lineTop) : (top < here.top() && top > lineTop))
            lineTop = top;
    }
    QModelIndex best;
    int bestDistance = INT_MAX;
    for (int row = 0; row < model()->rowCount(rootIndex()); ++row) {
        const QModelIndex i = model()->index(row, 0, rootIndex());
        if (!isImage(row) || visualRect(i).top() != lineTop)
            continue;
        const int distance = qAbs(visualRect(i).center().x() - here.center().x());
        if (distance < bestDistance) {
            bestDistance = distance;
            best = i;
        }
    }
    return best;
}

QModelIndex ImageGalleryView::moveCursor(CursorAction action, Qt::KeyboardModifiers modifiers)
{
    if (!model())
        return {};
    const QModelIndex current = currentIndex();
    const int rows = model()->rowCount(rootIndex());
    QModelIndex next;
    if (!current.isValid() || !isImage(current.row())) {
        next = step(-1, +1);
    } else {
        switch (action) {
        case MoveLeft:
        case MovePrevious:
            next = step(current.row(), -1);
            break;
        case MoveRight:
        case MoveNext:
            next = step(current.row(), +1);
            break;
        case MoveUp:
            next = lineAboveOrBelow(current, false);
            break;
        case MoveDown:
            next = lineAboveOrBelow(current, true);
            break;
        case MoveHome:
            next = step(-1, +1);
            break;
        case MoveEnd:
            next = step(rows, -1);
            break;
        case MovePageUp:
        case MovePageDown: {
            next = QListView::moveCursor(action, modifiers);
            if (next.isValid() && !isImage(next.row())) {
                const int direction = action == MovePageDown ? +1 : -1;
                QModelIndex snapped = step(next.row(), direction);
                next = snapped.isValid() ? snapped : step(next.row(), -direction);
            }
            break;
        }
        }
    }
    return next.isValid() ? next : current;
}

} // namespace cd::ui
