#include "forms/SignaturePad.h"

#include <QBuffer>
#include <QImage>
#include <QMouseEvent>
#include <QPainter>
#include <QTabletEvent>
#include <QTouchEvent>

namespace cd::ui {

namespace {

constexpr qreal kMouseWidth = 2.5;

} // namespace

SignaturePad::SignaturePad(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("signaturePad"));
    setAccessibleName(tr("Signature"));
    setAttribute(Qt::WA_AcceptTouchEvents);
    setAttribute(Qt::WA_StaticContents);
    setCursor(Qt::CrossCursor);
    setMinimumSize(320, 120);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void SignaturePad::begin(const QPointF& at, qreal width)
{
    m_strokes.append({QPolygonF{at}, {width}});
    m_drawing = true;
    update();
}

void SignaturePad::extend(const QPointF& at, qreal width)
{
    if (!m_drawing || m_strokes.isEmpty())
        return;
    m_strokes.last().points.append(at);
    m_strokes.last().widths.append(width);
    update();
}

void SignaturePad::end()
{
    if (!m_drawing)
        return;
    m_drawing = false;
    Q_EMIT changed();
}

void SignaturePad::clear()
{
    m_strokes.clear();
    m_drawing = false;
    update();
    Q_EMIT changed();
}

void SignaturePad::draw(QPainter& p) const
{
    p.setRenderHint(QPainter::Antialiasing);
    for (const Stroke& s : m_strokes) {
        if (s.points.size() == 1) {
            p.setPen(Qt::NoPen);
            p.setBrush(QColor(0x10, 0x18, 0x30));
            p.drawEllipse(s.points.first(), s.widths.first() / 2, s.widths.first() / 2);
            continue;
        }
        for (qsizetype i = 1; i < s.points.size(); ++i) {
            p.setPen(
                QPen(QColor(0x10, 0x18, 0x30), s.widths.at(i), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            p.drawLine(s.points.at(i - 1), s.points.at(i));
        }
    }
}

void SignaturePad::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    // Always paper-white, whatever the scheme: it is what the client signs on, and what is kept.
    p.fillRect(rect(), Qt::white);
    p.setPen(QPen(QColor(0xb0, 0xb4, 0xbc), 1, Qt::DashLine));
    const int base = height() - 28;
    p.drawLine(16, base, width() - 16, base);
    p.setPen(QColor(0x6b, 0x70, 0x7a));
    p.drawText(QRect(16, base + 4, width() - 32, 20), Qt::AlignLeft | Qt::AlignTop,
               tr("Sign above the line"));
    draw(p);
    p.setPen(palette().color(QPalette::Mid));
    p.setBrush(Qt::NoBrush);
    p.drawRect(rect().adjusted(0, 0, -1, -1));
}

QByteArray SignaturePad::png() const
{
    if (m_strokes.isEmpty())
        return {};
    QImage image(size(), QImage::Format_RGB32);
    image.fill(Qt::white);
    {
        QPainter p(&image);
        draw(p);
    }
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return out;
}

void SignaturePad::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        begin(event->position(), kMouseWidth);
}

void SignaturePad::mouseMoveEvent(QMouseEvent* event)
{
    if (event->buttons() & Qt::LeftButton)
        extend(event->position(), kMouseWidth);
}

void SignaturePad::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton) {
        extend(event->position(), kMouseWidth);
        end();
    }
}

// A stylus: the pressure sets the width, 1 to 5 pixels.
void SignaturePad::tabletEvent(QTabletEvent* event)
{
    const qreal width = 1.0 + 4.0 * std::clamp(event->pressure(), 0.0, 1.0);
    switch (event->type()) {
    case QEvent::TabletPress:
        begin(event->position(), width);
        break;
    case QEvent::TabletMove:
        if (event->pressure() > 0)
            extend(event->position(), width);
        break;
    case QEvent::TabletRelease:
        end();
        break;
    default:
        break;
    }
    event->accept(); // no synthesized mouse events on top
}

// A finger on a touch screen: the first touch point draws.
bool SignaturePad::event(QEvent* e)
{
    switch (e->type()) {
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TouchEnd: {
        auto* touch = static_cast<QTouchEvent*>(e);
        if (touch->points().isEmpty())
            return true;
        // From the screen position: the one every touch event carries, however it was delivered.
        const QPointF at = mapFromGlobal(touch->points().first().globalPosition());
        if (e->type() == QEvent::TouchBegin)
            begin(at, 3.0);
        else
            extend(at, 3.0);
        if (e->type() == QEvent::TouchEnd)
            end();
        e->accept();
        return true;
    }
    default:
        return QWidget::event(e);
    }
}

} // namespace cd::ui
