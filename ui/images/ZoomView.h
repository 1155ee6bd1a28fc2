#pragma once

#include <QGraphicsView>

class QGraphicsPixmapItem;

namespace cd::ui {

// One picture that can be fitted, zoomed (wheel, +/-, 0 to fit, 1 for 100 % of the original) and
// panned by dragging. It usually shows a screen-size preview; told the original's size, it knows
// when the user has zoomed past what the preview holds, and replaceImage() swaps in the original
// without moving the view.
// Every picture is laid out in the scene at the same width, so two views showing pictures of
// different resolutions line up when they share a transform and a centre (see follow()).
class ZoomView final : public QGraphicsView
{
    Q_OBJECT
public:
    static constexpr double kSceneWidth = 1000.0;

    explicit ZoomView(QWidget* parent = nullptr);
    // `fullSize` is the original's size in pixels when `image` is a smaller preview of it.
    void setImage(const QImage& image, QSize fullSize = {});
    // The same picture at another resolution: zoom and centre stay where they are.
    void replaceImage(const QImage& image);
    // The pixels on screen now: the preview's, or the original's once swapped in.
    QSize imagePixelSize() const;
    QSize fullSize() const { return m_fullSize; }
    // Screen pixels per pixel of the original: 1.0 is 100 %.
    double originalScale() const;
    // Zoomed in so far that the preview's pixels are being enlarged, and the original has more.
    bool wantsOriginal() const;
    // 100 %: one pixel of the original per screen pixel, around the same centre.
    void zoomToActualSize();
    // A second picture drawn over the first (overlay comparison); opacity 0..1.
    void setOverlay(const QImage& image);
    void setOverlayOpacity(double opacity);
    double overlayOpacity() const;
    // Where the picture and the overlay lie in the scene (the overlay is fitted inside the picture and
    // centred on it, so that two photos of different shapes line up on their middles).
    QRectF imageRect() const;
    QRectF overlayRect() const;
    void zoomBy(double factor);
    void fit();
    double zoom() const { return transform().m11(); }
    QPointF sceneCentre() const;
    // Takes the other view's zoom and centre, so both show the same part of their pictures.
    void follow(const ZoomView& other);
    bool isFitted() const { return m_fitted; }

Q_SIGNALS:
    void viewChanged();

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    QGraphicsPixmapItem* m_item = nullptr;
    QGraphicsPixmapItem* m_overlay = nullptr;
    bool m_fitted = true;
    QSize m_fullSize;
};

} // namespace cd::ui
