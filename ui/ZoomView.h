#pragma once

#include <QGraphicsView>

class QGraphicsPixmapItem;

namespace cd::ui {

// One picture that can be fitted, zoomed (wheel, +/-, 0 to fit) and panned by dragging.
// Every picture is laid out in the scene at the same width, so two views showing pictures of
// different resolutions line up when they share a transform and a centre (see follow()).
class ZoomView final : public QGraphicsView
{
    Q_OBJECT
public:
    static constexpr double kSceneWidth = 1000.0;

    explicit ZoomView(QWidget* parent = nullptr);
    void setImage(const QImage& image);
    // A second picture drawn over the first (overlay comparison); opacity 0..1.
    void setOverlay(const QImage& image);
    void setOverlayOpacity(double opacity);
    double overlayOpacity() const;
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
};

} // namespace cd::ui
