#pragma once

#include <QList>
#include <QPolygonF>
#include <QWidget>

namespace cd::ui {

// Where the client signs: with a mouse, a finger (touch) or a stylus (tablet events, the pen's
// pressure widening the line). The strokes become a PNG of the pad, dark on white, when the form is
// signed.
class SignaturePad final : public QWidget
{
    Q_OBJECT
public:
    explicit SignaturePad(QWidget* parent = nullptr);
    bool isEmpty() const { return m_strokes.isEmpty(); }
    int strokeCount() const { return int(m_strokes.size()); }
    QByteArray png() const;
    void clear();
    QSize sizeHint() const override { return {460, 150}; }

Q_SIGNALS:
    void changed();

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void tabletEvent(QTabletEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Stroke
    {
        QPolygonF points;
        QList<qreal> widths;
    };
    void begin(const QPointF& at, qreal width);
    void extend(const QPointF& at, qreal width);
    void end();
    void draw(QPainter& p) const;

    QList<Stroke> m_strokes;
    bool m_drawing = false;
};

} // namespace cd::ui
