#include "diary/DiaryView.h"

#include "common/Clock.h"
#include "common/Style.h"

#include <QApplication>
#include <QDrag>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QScrollBar>

namespace cd::ui {

namespace {

struct Palette
{
    QColor fill, border;
};

Palette blockColours(const Appointment& a)
{
    if (a.isCancelled())
        return {QColor(palette::now().inactiveBackground), QColor(palette::now().inactive)};
    if (a.status == AppointmentStatus::NoShow)
        return {QColor(palette::now().errorBackground), QColor(palette::now().error)};
    if (a.kind == AppointmentKind::Treatment)
        return {QColor(palette::now().successBackground), QColor(palette::now().success)};
    return {QColor(palette::now().accentBackground), QColor(palette::now().accent)};
}

} // namespace

DiaryView::DiaryView(QWidget* parent) : QAbstractScrollArea(parent)
{
    setObjectName(QStringLiteral("diaryView"));
    setAccessibleName(tr("Diary"));
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setAcceptDrops(true);
    viewport()->setMouseTracking(false);
    const QFontMetrics fm(font());
    m_rowHeight = std::max(20, fm.height() + 6);
    m_header = fm.height() * 2 + 10;
    m_gutter = fm.horizontalAdvance(QStringLiteral("00:00")) + 16;
    setViewportMargins(0, 0, 0, 0);
}

void DiaryView::setModel(DiaryModel* model)
{
    m_model = model;
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_selected && !m_model->blockFor(m_selected)) {
            m_selected = 0;
            Q_EMIT selectionChanged(0);
        }
        m_row = std::clamp(m_row, 0, std::max(0, m_model->rowCount() - 1));
        m_col = std::clamp(m_col, 0, std::max(0, m_model->columnCount() - 1));
        relayout();
    });
    relayout();
}

int DiaryView::columnWidth() const
{
    const int cols = m_model ? std::max(1, m_model->columnCount()) : 1;
    return std::max(kMinColumnWidth, (viewport()->width() - m_gutter) / cols);
}

void DiaryView::relayout()
{
    if (!m_model)
        return;
    const int contentH = m_model->rowCount() * m_rowHeight;
    verticalScrollBar()->setRange(0, std::max(0, contentH - (viewport()->height() - m_header)));
    verticalScrollBar()->setPageStep(viewport()->height() - m_header);
    verticalScrollBar()->setSingleStep(m_rowHeight);
    const int contentW = m_model->columnCount() * columnWidth();
    horizontalScrollBar()->setRange(0, std::max(0, contentW - (viewport()->width() - m_gutter)));
    horizontalScrollBar()->setPageStep(viewport()->width() - m_gutter);
    viewport()->update();
}

void DiaryView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    relayout();
}

QRect DiaryView::slotRect(int row, int column) const
{
    const int w = columnWidth();
    return QRect(m_gutter + column * w - horizontalScrollBar()->value(),
                 m_header + row * m_rowHeight - verticalScrollBar()->value(), w, m_rowHeight);
}

QRect DiaryView::blockRect(const DiaryModel::Block& b) const
{
    const QRect top = slotRect(b.row, b.column);
    const int laneW = (top.width() - 6) / std::max(1, b.lanes);
    return QRect(top.left() + 2 + b.lane * laneW, top.top() + 1, laneW - 1, b.rowSpan * m_rowHeight - 2);
}

std::pair<int, int> DiaryView::cellAt(const QPoint& pos) const
{
    if (!m_model || pos.x() < m_gutter || pos.y() < m_header)
        return {-1, -1};
    const int row = (pos.y() - m_header + verticalScrollBar()->value()) / m_rowHeight;
    const int col = (pos.x() - m_gutter + horizontalScrollBar()->value()) / columnWidth();
    if (row >= m_model->rowCount() || col >= m_model->columnCount())
        return {-1, -1};
    return {row, col};
}

const DiaryModel::Block* DiaryView::blockAtPoint(const QPoint& pos) const
{
    if (!m_model || pos.x() < m_gutter || pos.y() < m_header)
        return nullptr;
    for (const DiaryModel::Block& b : m_model->blocks())
        if (blockRect(b).contains(pos))
            return &b;
    return nullptr;
}

void DiaryView::setCursor(int row, int column)
{
    if (!m_model || m_model->rowCount() == 0 || m_model->columnCount() == 0)
        return;
    m_row = std::clamp(row, 0, m_model->rowCount() - 1);
    m_col = std::clamp(column, 0, m_model->columnCount() - 1);
    const auto here = m_model->blocksAt(m_row, m_col);
    qint64 id = 0;
    for (const auto* b : here)
        if (b->a.id == m_selected)
            id = m_selected; // stay on the selected one when lanes overlap
    if (!id && !here.isEmpty())
        id = here.first()->a.id;
    if (id != m_selected) {
        m_selected = id;
        Q_EMIT selectionChanged(id);
    }
    ensureCursorVisible();
    viewport()->update();
}

void DiaryView::selectAppointment(qint64 id)
{
    const DiaryModel::Block* b = m_model ? m_model->blockFor(id) : nullptr;
    if (!b)
        return;
    m_selected = id;
    m_row = b->row;
    m_col = b->column;
    Q_EMIT selectionChanged(id);
    ensureCursorVisible();
    viewport()->update();
}

void DiaryView::ensureCursorVisible()
{
    const int top = m_row * m_rowHeight, visible = viewport()->height() - m_header;
    int span = 1;
    if (const auto* b = m_selected ? m_model->blockFor(m_selected) : nullptr; b && b->column == m_col)
        span = std::min(b->rowSpan, std::max(1, visible / m_rowHeight));
    if (top < verticalScrollBar()->value())
        verticalScrollBar()->setValue(top);
    else if (top + span * m_rowHeight > verticalScrollBar()->value() + visible)
        verticalScrollBar()->setValue(top + span * m_rowHeight - visible);
    const int w = columnWidth(), left = m_col * w, visibleW = viewport()->width() - m_gutter;
    if (left < horizontalScrollBar()->value())
        horizontalScrollBar()->setValue(left);
    else if (left + w > horizontalScrollBar()->value() + visibleW)
        horizontalScrollBar()->setValue(left + w - visibleW);
}

std::optional<DiaryMove> DiaryView::keyboardMove(int key) const
{
    const DiaryModel::Block* b = m_selected ? m_model->blockFor(m_selected) : nullptr;
    if (!b)
        return std::nullopt;
    DiaryMove m{b->a.id, b->a.startsAt.toLocalTime(), std::nullopt, std::nullopt};
    if (key == Qt::Key_Up || key == Qt::Key_Down) {
        m.start = m.start.addSecs((key == Qt::Key_Up ? -1 : 1) * DiaryModel::kSlotMinutes * 60);
        return m;
    }
    const int step = key == Qt::Key_Left ? -1 : 1;
    if (m_model->span() == DiaryModel::Span::Week) {
        m.start = m.start.addDays(step);
        return m;
    }
    const int target = b->column + step;
    if (target < 0 || target >= m_model->columnCount())
        return std::nullopt;
    (m_model->columnsBy() == DiaryModel::Columns::Practitioners ? m.practitionerId : m.roomId) =
        m_model->column(target).resourceId;
    return m;
}

void DiaryView::keyPressEvent(QKeyEvent* event)
{
    if (!m_model)
        return QAbstractScrollArea::keyPressEvent(event);
    const auto mods = event->modifiers() & ~Qt::KeypadModifier;
    const int key = event->key();
    const bool arrow =
        key == Qt::Key_Up || key == Qt::Key_Down || key == Qt::Key_Left || key == Qt::Key_Right;
    if (arrow && mods == Qt::AltModifier) {
        if (auto m = keyboardMove(key))
            Q_EMIT moveRequested(*m);
        return event->accept();
    }
    if ((mods == Qt::ControlModifier && (key == Qt::Key_Left || key == Qt::Key_Right)) ||
        (mods == Qt::NoModifier && (key == Qt::Key_PageUp || key == Qt::Key_PageDown))) {
        Q_EMIT pageRequested(key == Qt::Key_Left || key == Qt::Key_PageUp ? -1 : 1);
        return event->accept();
    }
    if (mods != Qt::NoModifier)
        return QAbstractScrollArea::keyPressEvent(event);
    const DiaryModel::Block* sel = m_selected ? m_model->blockFor(m_selected) : nullptr;
    if (sel && sel->column != m_col)
        sel = nullptr;
    switch (key) {
    case Qt::Key_Up:
        setCursor(sel ? sel->row - 1 : m_row - 1, m_col);
        break;
    case Qt::Key_Down:
        setCursor(sel ? sel->row + sel->rowSpan : m_row + 1, m_col);
        break;
    case Qt::Key_Left:
        setCursor(m_row, m_col - 1);
        break;
    case Qt::Key_Right:
        setCursor(m_row, m_col + 1);
        break;
    case Qt::Key_Home:
        setCursor(0, m_col);
        break;
    case Qt::Key_End:
        setCursor(m_model->rowCount() - 1, m_col);
        break;
    case Qt::Key_T:
        Q_EMIT todayRequested();
        break;
    case Qt::Key_Delete:
        if (m_selected)
            Q_EMIT cancelRequested(m_selected);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (m_selected)
            Q_EMIT activated(m_selected);
        else
            Q_EMIT bookRequested(m_model->slotStart(m_row, m_col), m_col);
        break;
    default:
        return QAbstractScrollArea::keyPressEvent(event);
    }
    event->accept();
}

void DiaryView::mousePressEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    const auto [row, col] = cellAt(pos);
    if (row < 0)
        return;
    m_pressPos = event->button() == Qt::LeftButton ? pos : QPoint();
    if (const DiaryModel::Block* b = blockAtPoint(pos)) {
        m_pressRowOffset = row - b->row;
        m_selected = b->a.id;
        m_row = row;
        m_col = col;
        Q_EMIT selectionChanged(m_selected);
        viewport()->update();
    } else {
        m_pressPos = QPoint();
        m_selected = 0;
        setCursor(row, col);
        Q_EMIT selectionChanged(0);
    }
}

void DiaryView::mouseMoveEvent(QMouseEvent* event)
{
    if (!(event->buttons() & Qt::LeftButton) || m_pressPos.isNull() || !m_selected ||
        (event->position().toPoint() - m_pressPos).manhattanLength() < QApplication::startDragDistance())
        return;
    m_pressPos = QPoint();
    auto* drag = new QDrag(this);
    drag->setMimeData(mimeFor(m_selected, m_pressRowOffset));
    drag->exec(Qt::MoveAction);
}

void DiaryView::mouseDoubleClickEvent(QMouseEvent* event)
{
    const QPoint pos = event->position().toPoint();
    if (const DiaryModel::Block* b = blockAtPoint(pos))
        return Q_EMIT activated(b->a.id);
    const auto [row, col] = cellAt(pos);
    if (row >= 0)
        Q_EMIT bookRequested(m_model->slotStart(row, col), col);
}

QMimeData* DiaryView::mimeFor(qint64 id, int grabRowOffset)
{
    auto* mime = new QMimeData;
    mime->setData(QString::fromLatin1(kMimeType),
                  QByteArray::number(id) + ' ' + QByteArray::number(grabRowOffset));
    return mime;
}

std::optional<DiaryMove> DiaryView::moveForDrop(const QMimeData* mime, const QPoint& pos) const
{
    if (!m_model || !mime || !mime->hasFormat(QString::fromLatin1(kMimeType)))
        return std::nullopt;
    const QList<QByteArray> parts = mime->data(QString::fromLatin1(kMimeType)).split(' ');
    const qint64 id = parts.value(0).toLongLong();
    const int offset = parts.value(1).toInt();
    const DiaryModel::Block* b = m_model->blockFor(id);
    const auto [row, col] = cellAt(pos);
    if (!b || row < 0)
        return std::nullopt;
    DiaryMove m{id, m_model->slotStart(std::max(0, row - offset), col), std::nullopt, std::nullopt};
    if (m_model->span() == DiaryModel::Span::Day) {
        const qint64 resource = m_model->column(col).resourceId;
        if (m_model->columnsBy() == DiaryModel::Columns::Practitioners && resource != b->a.practitionerId)
            m.practitionerId = resource;
        else if (m_model->columnsBy() == DiaryModel::Columns::Rooms && resource != b->a.roomId)
            m.roomId = resource;
    }
    return m;
}

void DiaryView::dragEnterEvent(QDragEnterEvent* event)
{
    if (event->mimeData()->hasFormat(QString::fromLatin1(kMimeType)))
        event->acceptProposedAction();
}

void DiaryView::dragMoveEvent(QDragMoveEvent* event)
{
    const auto move = moveForDrop(event->mimeData(), event->position().toPoint());
    if (!move) {
        m_ghostRow = -1;
        m_dragText.clear();
        event->ignore();
        viewport()->update();
        return;
    }
    const DiaryModel::Block* b = m_model->blockFor(move->id);
    const auto [row, col] = cellAt(event->position().toPoint());
    m_ghostRow = m_model->rowOf(move->start.time());
    m_ghostCol = col;
    m_ghostSpan = b->rowSpan;
    const QString taken = checkMove ? checkMove(*move) : QString();
    m_ghostFree = taken.isEmpty();
    m_dragText = m_ghostFree ? tr("Free: %1").arg(move->start.toString(QStringLiteral("HH:mm"))) : taken;
    Q_UNUSED(row);
    event->acceptProposedAction();
    viewport()->update();
}

void DiaryView::dragLeaveEvent(QDragLeaveEvent* event)
{
    m_ghostRow = -1;
    m_dragText.clear();
    viewport()->update();
    QAbstractScrollArea::dragLeaveEvent(event);
}

void DiaryView::dropEvent(QDropEvent* event)
{
    const auto move = moveForDrop(event->mimeData(), event->position().toPoint());
    m_ghostRow = -1;
    m_dragText.clear();
    viewport()->update();
    if (!move)
        return;
    event->acceptProposedAction();
    Q_EMIT moveRequested(*move);
}

bool DiaryView::viewportEvent(QEvent* event)
{
    if (event->type() == QEvent::ToolTip && m_model) {
        auto* help = static_cast<QHelpEvent*>(event);
        if (const DiaryModel::Block* b = blockAtPoint(help->pos())) {
            const Appointment& a = b->a;
            setToolTip(tr("%1–%2 %3\n%4\nWith %5%6\n%7%8")
                           .arg(a.startsAt.toLocalTime().toString(QStringLiteral("HH:mm")),
                                a.endsAt().toLocalTime().toString(QStringLiteral("HH:mm")), a.clientName,
                                a.what(), a.practitionerName,
                                a.roomName.isEmpty() ? QString() : tr(", %1").arg(a.roomName),
                                vocab::label(a.status),
                                a.cancelReason.isEmpty() ? QString() : tr(": %1").arg(a.cancelReason)));
        } else {
            setToolTip(QString());
        }
    }
    return QAbstractScrollArea::viewportEvent(event);
}

void DiaryView::paintBlock(QPainter& p, const DiaryModel::Block& b, const QRect& r) const
{
    const Appointment& a = b.a;
    const Palette pal = blockColours(a);
    p.setPen(QPen(pal.border, 1));
    p.setBrush(pal.fill);
    p.drawRoundedRect(r, 3, 3);
    if (a.isCancelled() || a.status == AppointmentStatus::NoShow) {
        // The hatch sits between the fill and the edge, so the text on it stays readable in either scheme.
        const QColor hatch = palette::now().dark
                                 ? QColor::fromRgbF(0.7f * pal.fill.redF() + 0.3f * pal.border.redF(),
                                                    0.7f * pal.fill.greenF() + 0.3f * pal.border.greenF(),
                                                    0.7f * pal.fill.blueF() + 0.3f * pal.border.blueF())
                                 : pal.border.lighter(160);
        p.setBrush(QBrush(hatch, Qt::BDiagPattern));
        p.drawRoundedRect(r, 3, 3);
    }
    p.fillRect(QRect(r.left(), r.top(), 4, r.height()), pal.border);
    if (a.id == m_selected) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 3));
        p.setBrush(Qt::NoBrush);
        p.drawRoundedRect(r.adjusted(1, 1, -1, -1), 3, 3);
    }
    const QRect text = r.adjusted(8, 2, -4, -2);
    p.save();
    p.setClipRect(text, Qt::IntersectClip);
    QFont bold = font();
    bold.setBold(true);
    bold.setStrikeOut(a.isCancelled());
    QFont normal = font();
    normal.setStrikeOut(a.isCancelled());
    const QFontMetrics fm(normal);
    // Narrow blocks (lanes in the week view) keep the client's name visible: start time only.
    const bool narrow = r.width() < fm.horizontalAdvance(QStringLiteral("00:00–00:00  Firstname Lastname"));
    const QString time =
        (b.startsBefore ? QStringLiteral("… ") : QString()) +
        a.startsAt.toLocalTime().toString(QStringLiteral("HH:mm")) +
        (narrow ? QString()
                : QStringLiteral("–") + a.endsAt().toLocalTime().toString(QStringLiteral("HH:mm"))) +
        (b.endsAfter ? QStringLiteral(" …") : QString());
    // Lanes too narrow for a time and a name (two practitioners sharing a day of the week view): the
    // block's place on the time axis says when, so the line is the name, shortened to "Charlotte W."
    // when the whole name would not fit; the tooltip has the rest.
    const bool tight =
        narrow &&
        r.width() < QFontMetrics(bold).horizontalAdvance(time + QStringLiteral(" ") + a.clientName) + 12;
    QString name = a.clientName;
    if (tight) {
        const int space = name.lastIndexOf(QLatin1Char(' '));
        if (QFontMetrics(bold).horizontalAdvance(name) > text.width() && space > 0)
            name = name.left(space + 2) + QLatin1Char('.');
    }
    const QString head = tight ? name : time + (narrow ? QStringLiteral(" ") : QStringLiteral("  ")) + name;
    QString status = vocab::label(a.kind);
    if (a.status != AppointmentStatus::Booked)
        status += QStringLiteral(" · ") + vocab::label(a.status).toUpper();
    QStringList lines;
    if (r.height() < fm.height() * 2 + 4) {
        lines << (tight ? name
                        : time + QStringLiteral("  ") + a.clientName + QStringLiteral(" · ") + a.treatment);
    } else {
        lines << head << a.treatment;
        if (r.height() >= fm.height() * 3 + 4)
            lines << status + (m_model->span() == DiaryModel::Span::Week
                                   ? QStringLiteral(" · ") + a.practitionerName
                                   : QString());
    }
    // A name still too wide for its lane ("Agnieszka O." in a shared day of the week view) is set a
    // little smaller, down to three quarters of the size, before anything is cut off.
    const QFont headFont = tight ? fitted(bold, lines.value(0), text.width()) : bold;
    int y = text.top();
    for (int i = 0; i < lines.size() && y + fm.height() <= text.bottom() + 4; ++i) {
        p.setFont(i == 0 ? headFont : normal);
        p.setPen(a.isCancelled()                                   ? QColor(palette::now().muted)
                 : i == 2 && a.status == AppointmentStatus::NoShow ? pal.border
                                                                   : QColor(palette::now().text));
        p.drawText(QRect(text.left(), y, text.width(), fm.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   QFontMetrics(p.font()).elidedText(lines.at(i), Qt::ElideRight, text.width()));
        y += fm.height();
    }
    p.restore();
}

QFont DiaryView::fitted(QFont font, const QString& text, int width)
{
    const double full = font.pointSizeF();
    if (full <= 0)
        return font; // sized in pixels: left as it is
    while (QFontMetrics(font).horizontalAdvance(text) > width && font.pointSizeF() - 0.5 >= full * 0.75)
        font.setPointSizeF(font.pointSizeF() - 0.5);
    return font;
}

void DiaryView::paintEvent(QPaintEvent*)
{
    QPainter p(viewport());
    const QRect vp = viewport()->rect();
    p.fillRect(vp, palette().color(QPalette::Base));
    if (!m_model)
        return;
    const int rows = m_model->rowCount(), cols = m_model->columnCount(), w = columnWidth();
    const QDate today = Clock::today();
    const QColor line(palette::now().line), hourLine(palette::now().strongLine),
        text(palette::now().gutterText);

    // Grid: the body is clipped below the header and right of the time gutter.
    p.save();
    p.setClipRect(QRect(m_gutter, m_header, vp.width() - m_gutter, vp.height() - m_header));
    for (int c = 0; c < cols; ++c) {
        const QRect colRect(slotRect(0, c).left(), m_header, w, vp.height());
        if (m_model->column(c).date == today && m_model->span() == DiaryModel::Span::Week)
            p.fillRect(colRect, QColor(palette::now().todayBackground));
        if (m_model->column(c).date.dayOfWeek() == 7)
            p.fillRect(colRect, QColor(palette::now().closedHours));
    }
    for (int r = 0; r <= rows; ++r) {
        const int y = slotRect(r, 0).top();
        const bool hour = (m_model->firstHour() * 60 + r * DiaryModel::kSlotMinutes) % 60 == 0;
        p.setPen(hour ? hourLine : line);
        p.drawLine(m_gutter, y, m_gutter + cols * w, y);
    }
    p.setPen(hourLine);
    for (int c = 0; c <= cols; ++c) {
        const int x = slotRect(0, c).left();
        p.drawLine(x, m_header, x, slotRect(rows, 0).top());
    }
    // The cursor.
    if (hasFocus() || !m_selected) {
        p.setPen(QPen(palette().color(QPalette::Highlight), 2, Qt::DashLine));
        p.setBrush(palette::withAlpha(palette::now().accent, 30));
        p.drawRect(slotRect(m_row, m_col).adjusted(1, 1, -1, -1));
    }
    // Now.
    const QDateTime now = Clock::now().toLocalTime();
    const bool week = m_model->span() == DiaryModel::Span::Week;
    const int nowCol = week                                                ? m_model->columnFor(now.date(), 0)
                       : cols > 0 && m_model->column(0).date == now.date() ? 0
                                                                           : -1;
    if (nowCol >= 0) {
        if (m_model->rowOf(now.time()) >= 0) {
            const int minutes = now.time().msecsSinceStartOfDay() / 60000 - m_model->firstHour() * 60;
            const int y =
                m_header + minutes * m_rowHeight / DiaryModel::kSlotMinutes - verticalScrollBar()->value();
            const int x0 = week ? slotRect(0, nowCol).left() : slotRect(0, 0).left();
            const int x1 = week ? x0 + w : x0 + cols * w;
            p.setPen(QPen(QColor(palette::now().nowLine), 2));
            p.drawLine(x0, y, x1, y);
        }
    }
    for (const DiaryModel::Block& b : m_model->blocks())
        if (b.a.isCancelled())
            paintBlock(p, b, blockRect(b)); // under whatever replaced them
    for (const DiaryModel::Block& b : m_model->blocks())
        if (!b.a.isCancelled())
            paintBlock(p, b, blockRect(b));
    // The drag ghost.
    if (m_ghostRow >= 0 && m_ghostCol >= 0) {
        const QRect top = slotRect(m_ghostRow, m_ghostCol);
        const QRect g(top.left() + 2, top.top(), top.width() - 4, m_ghostSpan * m_rowHeight);
        const QColor c = m_ghostFree ? QColor(palette::now().success) : QColor(palette::now().error);
        p.setPen(QPen(c, 2, Qt::DashLine));
        p.setBrush(QColor(c.red(), c.green(), c.blue(), 40));
        p.drawRect(g);
        p.setPen(c);
        QFont f = font();
        f.setBold(true);
        p.setFont(f);
        p.drawText(g.adjusted(6, 2, -4, -2), Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_dragText);
    }
    p.restore();

    // Time gutter.
    p.save();
    p.setClipRect(QRect(0, m_header, m_gutter, vp.height() - m_header));
    p.fillRect(QRect(0, m_header, m_gutter, vp.height()), palette().color(QPalette::Window));
    p.setPen(text);
    for (int r = 0; r < rows; ++r) {
        const int minutes = m_model->firstHour() * 60 + r * DiaryModel::kSlotMinutes;
        if (minutes % 30)
            continue;
        QFont f = font();
        f.setBold(minutes % 60 == 0);
        p.setFont(f);
        p.drawText(QRect(0, slotRect(r, 0).top() - 1, m_gutter - 8, m_rowHeight),
                   Qt::AlignRight | Qt::AlignTop, m_model->headerData(r, Qt::Vertical).toString());
    }
    p.restore();

    // Column headers.
    p.save();
    p.setClipRect(QRect(m_gutter, 0, vp.width() - m_gutter, m_header));
    p.fillRect(QRect(0, 0, vp.width(), m_header), palette().color(QPalette::Window));
    for (int c = 0; c < cols; ++c) {
        const QRect h(slotRect(0, c).left(), 0, w, m_header);
        const bool isToday = m_model->column(c).date == today && m_model->span() == DiaryModel::Span::Week;
        QFont f = font();
        f.setBold(true);
        p.setFont(f);
        p.setPen(isToday ? QColor(palette::now().accent) : QColor(palette::now().text));
        int booked = 0;
        for (const DiaryModel::Block& b : m_model->blocks())
            booked += b.column == c && !b.a.isCancelled();
        p.drawText(
            h.adjusted(6, 4, -6, -h.height() / 2), Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(f).elidedText(m_model->column(c).title + (isToday ? tr(" · today") : QString()),
                                       Qt::ElideRight, w - 12));
        p.setFont(font());
        p.setPen(text);
        p.drawText(h.adjusted(6, h.height() / 2, -6, -4), Qt::AlignLeft | Qt::AlignVCenter,
                   tr("%n appointment(s)", nullptr, booked));
        p.setPen(hourLine);
        p.drawLine(h.left(), 0, h.left(), m_header);
    }
    p.setPen(hourLine);
    p.drawLine(0, m_header - 1, vp.width(), m_header - 1);
    p.restore();
    if (rows == 0 || cols == 0) {
        p.setPen(text);
        p.drawText(vp.adjusted(m_gutter, m_header, 0, 0), Qt::AlignCenter,
                   tr("Nobody to show: add a practitioner (Staff → Staff accounts) or a room (File → Clinic "
                      "settings)."));
    }
}

} // namespace cd::ui
