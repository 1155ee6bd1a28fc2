#include "images/ImageGalleryDelegate.h"

#include "images/ImageGalleryModel.h"
#include "images/ImageGalleryView.h"
#include "images/ImageInfo.h"

#include <QApplication>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QResizeEvent>

namespace cd::ui {

namespace {

int thumbWidthFor(QSize pixels)
{
    if (pixels.width() <= 0 || pixels.height() <= 0)
        return ImageGalleryView::kThumbHeight;
    const int w = int(std::lround(double(pixels.width()) * ImageGalleryView::kThumbHeight / pixels.height()));
    return std::clamp(w, ImageGalleryView::kMinThumbWidth, ImageGalleryView::kMaxThumbWidth);
}

} // namespace

QRect ImageGalleryDelegate::pictureRect(const QRect& tile, QSize pixels)
{
    const QRect box(tile.left() + ImageGalleryView::kPadding, tile.top() + ImageGalleryView::kPadding,
                    tile.width() - 2 * ImageGalleryView::kPadding, ImageGalleryView::kThumbHeight);
    if (pixels.isEmpty())
        return box;
    // Very tall or very wide pictures keep their shape inside the clamped box.
    const QSize shown = pixels.scaled(box.size(), Qt::KeepAspectRatio);
    return {QPoint(box.center().x() - shown.width() / 2 + 1, box.bottom() + 1 - shown.height()), shown};
}

QSize ImageGalleryDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    if (index.data(ImageGalleryModel::HeaderRole).toBool()) {
        // Wider than what is left of any line, narrower than a line of its own: the layout then
        // puts the header alone on a new line.
        const int width = m_view->viewport()->width() - 2 * m_view->spacing() - 1;
        return {std::max(width, ImageGalleryView::kMaxThumbWidth), ImageGalleryView::kHeaderHeight};
    }
    Q_UNUSED(option);
    // From the stored size, not the thumbnail: laying out never reads a picture.
    const QSize pixels = index.data(ImageGalleryModel::PixelSizeRole).toSize();
    return {thumbWidthFor(pixels) + 2 * ImageGalleryView::kPadding, ImageGalleryView::kTileHeight};
}

void ImageGalleryDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                 const QModelIndex& index) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    // Headers are not enabled items (so they cannot be chosen); paint them in the normal colours.
    QPalette pal = option.palette;
    pal.setCurrentColorGroup(QPalette::Active);
    const QRect r = option.rect;
    if (index.data(ImageGalleryModel::HeaderRole).toBool()) {
        QFont title = option.font;
        title.setBold(true);
        title.setPointSizeF(title.pointSizeF() * 1.2);
        const QFontMetrics fm(title);
        const int baseline = r.bottom() - 10;
        painter->setFont(title);
        painter->setPen(pal.color(QPalette::WindowText));
        const QString text = index.data(Qt::DisplayRole).toString();
        painter->drawText(QPoint(r.left() + 4, baseline), text);
        painter->setFont(option.font);
        painter->setPen(pal.color(QPalette::PlaceholderText));
        painter->drawText(QPoint(r.left() + 4 + fm.horizontalAdvance(text) + 12, baseline),
                          index.data(ImageGalleryModel::CaptionRole).toString());
        painter->setPen(QPen(pal.color(QPalette::Mid), 1));
        painter->drawLine(r.left() + 2, r.bottom() - 3, r.right() - 2, r.bottom() - 3);
        painter->restore();
        return;
    }

    const bool selected = option.state & QStyle::State_Selected;
    const bool hovered = option.state & QStyle::State_MouseOver;
    const QRectF tile = QRectF(r).adjusted(1.5, 1.5, -1.5, -1.5);
    if (selected || hovered) {
        QColor fill = pal.color(QPalette::Highlight);
        fill.setAlpha(selected ? 60 : 22);
        painter->setBrush(fill);
        painter->setPen(selected ? QPen(pal.color(QPalette::Highlight), 2) : Qt::NoPen);
        painter->drawRoundedRect(tile, 6, 6);
    }

    const QPixmap pm = index.data(Qt::DecorationRole)
                           .value<QIcon>()
                           .pixmap(QSize(ImageGalleryView::kMaxThumbWidth, ImageGalleryView::kThumbHeight));
    const QRect picture = pictureRect(r, index.data(ImageGalleryModel::PixelSizeRole).toSize());
    if (!pm.isNull())
        painter->drawPixmap(picture, pm);
    else
        painter->fillRect(picture, pal.color(QPalette::AlternateBase));
    const QRect box = picture;

    const int line = option.fontMetrics.height();
    QRect text(r.left() + 4, box.bottom() + 6, r.width() - 8, line);
    QFont bold = option.font;
    bold.setBold(true);
    const auto draw = [&](const QFont& font, const QColor& colour, const QString& s) {
        painter->setFont(font);
        painter->setPen(colour);
        painter->drawText(text, Qt::AlignHCenter | Qt::AlignVCenter,
                          QFontMetrics(font).elidedText(s, Qt::ElideRight, text.width()));
        text.translate(0, line + 1);
    };
    draw(bold, pal.color(QPalette::Text), index.data(ImageGalleryModel::KindLabelRole).toString());
    draw(option.font, pal.color(QPalette::Text),
         QLocale().toString(index.data(ImageGalleryModel::TakenOnRole).toDate(),
                            QStringLiteral("d MMM yyyy")));
    const QString caption = index.data(ImageGalleryModel::CaptionRole).toString();
    if (!caption.isEmpty())
        draw(option.font, pal.color(QPalette::PlaceholderText), caption);
    if (option.state & QStyle::State_HasFocus) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
        painter->drawRoundedRect(tile.adjusted(2, 2, -2, -2), 5, 5);
    }
    painter->restore();
}

} // namespace cd::ui
