#include "images/ZoomView.h"

#include "common/Style.h"

#include <QGraphicsPixmapItem>
#include <QKeyEvent>
#include <QScrollBar>
#include <QWheelEvent>

namespace cd::ui {

namespace {

constexpr double kMinZoom = 0.05;
constexpr double kMaxZoom = 40.0;

void placeScaled(QGraphicsPixmapItem* item, const QImage& image)
{
    item->setPixmap(QPixmap::fromImage(image));
    item->setTransformationMode(Qt::SmoothTransformation);
    item->setScale(image.width() > 0 ? ZoomView::kSceneWidth / image.width() : 1.0);
}

} // namespace

ZoomView::ZoomView(QWidget* parent) : QGraphicsView(parent)
{
    setScene(new QGraphicsScene(this));
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    // Scroll bars appearing as one zooms in shrink the viewport: keep its centre, not its corner.
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setRenderHint(QPainter::SmoothPixmapTransform);
    setBackgroundBrush(QColor(palette::now().photoBackground));
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    m_item = scene()->addPixmap({});
    connect(horizontalScrollBar(), &QScrollBar::valueChanged, this, &ZoomView::viewChanged);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &ZoomView::viewChanged);
}

void ZoomView::setImage(const QImage& image, QSize fullSize)
{
    m_fullSize = fullSize.isValid() ? fullSize : image.size();
    placeScaled(m_item, image);
    scene()->setSceneRect(m_item->sceneBoundingRect());
    fit();
}

void ZoomView::replaceImage(const QImage& image)
{
    if (image.isNull())
        return;
    // The scene is laid out in kSceneWidth units whatever the resolution, so the transform and
    // the scroll position still point at the same part of the picture.
    const QPointF centre = sceneCentre();
    placeScaled(m_item, image);
    centerOn(centre);
    Q_EMIT viewChanged();
}

QSize ZoomView::imagePixelSize() const
{
    return m_item->pixmap().size();
}

double ZoomView::originalScale() const
{
    return m_fullSize.width() > 0 ? zoom() * kSceneWidth / m_fullSize.width() : 0.0;
}

bool ZoomView::wantsOriginal() const
{
    const int shown = imagePixelSize().width();
    if (shown <= 0 || m_fullSize.width() <= shown)
        return false;
    return zoom() * kSceneWidth / shown > 1.001;
}

void ZoomView::zoomToActualSize()
{
    if (m_fullSize.width() <= 0)
        return;
    const QPointF centre = sceneCentre();
    const double target = std::clamp(m_fullSize.width() / kSceneWidth, kMinZoom, kMaxZoom);
    setTransform(QTransform::fromScale(target, target));
    centerOn(centre);
    m_fitted = false;
    Q_EMIT viewChanged();
}

void ZoomView::setOverlay(const QImage& image)
{
    if (!m_overlay)
        m_overlay = scene()->addPixmap({});
    placeScaled(m_overlay, image);
    // Fitted inside the first picture and centred on it: a portrait over a landscape (or a crop of a
    // different shape) lines up on its middle rather than hanging from the top-left corner.
    const QRectF base = m_item->sceneBoundingRect(), over = m_overlay->sceneBoundingRect();
    if (over.height() > base.height() && over.height() > 0)
        m_overlay->setScale(m_overlay->scale() * base.height() / over.height());
    const QRectF fitted = m_overlay->sceneBoundingRect();
    m_overlay->setPos(base.center() - QPointF(fitted.width() / 2, fitted.height() / 2));
    m_overlay->setOpacity(0.5);
    scene()->setSceneRect(m_item->sceneBoundingRect().united(m_overlay->sceneBoundingRect()));
}

void ZoomView::setOverlayOpacity(double opacity)
{
    if (m_overlay)
        m_overlay->setOpacity(opacity);
}

QRectF ZoomView::imageRect() const
{
    return m_item->sceneBoundingRect();
}

QRectF ZoomView::overlayRect() const
{
    return m_overlay ? m_overlay->sceneBoundingRect() : QRectF();
}

double ZoomView::overlayOpacity() const
{
    return m_overlay ? m_overlay->opacity() : 0.0;
}

void ZoomView::zoomBy(double factor)
{
    const double target = std::clamp(zoom() * factor, kMinZoom, kMaxZoom);
    scale(target / zoom(), target / zoom());
    m_fitted = false;
    Q_EMIT viewChanged();
}

void ZoomView::fit()
{
    if (scene()->sceneRect().isEmpty())
        return;
    fitInView(scene()->sceneRect(), Qt::KeepAspectRatio);
    m_fitted = true;
    Q_EMIT viewChanged();
}

QPointF ZoomView::sceneCentre() const
{
    return mapToScene(viewport()->rect().center());
}

void ZoomView::follow(const ZoomView& other)
{
    setTransform(other.transform());
    centerOn(other.sceneCentre());
    m_fitted = other.m_fitted;
    Q_EMIT viewChanged(); // the zoom may have changed without the scroll bars moving
}

void ZoomView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0)
        zoomBy(std::pow(1.25, steps));
    event->accept();
}

void ZoomView::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.25);
        return;
    case Qt::Key_Minus:
        zoomBy(0.8);
        return;
    case Qt::Key_0:
        fit();
        return;
    case Qt::Key_1:
        zoomToActualSize();
        return;
    case Qt::Key_Left:
    case Qt::Key_Right:
        event->ignore(); // next/previous belongs to the viewer around this view
        return;
    default:
        QGraphicsView::keyPressEvent(event);
    }
}

void ZoomView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    if (m_fitted)
        fit();
}

} // namespace cd::ui
