#pragma once

#include "diary/DiaryModel.h"

#include <QAbstractScrollArea>
#include <QPoint>
#include <functional>
#include <optional>

class QMimeData;

namespace cd::ui {

// Where an appointment would go: a new start and, when the column says so, another practitioner or
// room (as Diary::move takes them).
struct DiaryMove
{
    qint64 id = 0;
    QDateTime start;
    std::optional<qint64> practitionerId, roomId;
};

// Paints a DiaryModel as a time grid and takes the keyboard and the mouse:
//   arrows move the cursor (landing on an appointment selects it), Enter books at an empty slot or
//   opens the appointment, Ctrl+←/→ and PgUp/PgDn page, T goes to today, Delete asks to cancel;
//   Alt+↑/↓ moves the selected appointment by 15 minutes, Alt+←/→ to the neighbouring column (the
//   next practitioner or room in the day view, the next day in the week view);
//   dragging an appointment shows, at every slot, whether it is free (checkMove) before the drop.
class DiaryView final : public QAbstractScrollArea
{
    Q_OBJECT
public:
    static constexpr const char* kMimeType = "application/x-clinicdesk-appointment";
    explicit DiaryView(QWidget* parent = nullptr);
    void setModel(DiaryModel* model);
    DiaryModel* model() const { return m_model; }

    // Returns why a slot is taken (empty when free); asked while dragging.
    std::function<QString(const DiaryMove&)> checkMove;

    int cursorRow() const { return m_row; }
    int cursorColumn() const { return m_col; }
    void setCursor(int row, int column);
    qint64 selectedId() const { return m_selected; }
    void selectAppointment(qint64 id); // also puts the cursor on it
    // Geometry, for painting and for tests that point at a slot.
    QRect slotRect(int row, int column) const; // in viewport coordinates
    QRect blockRect(const DiaryModel::Block& b) const;
    // The text of the drag feedback ("Free" or why it is taken); empty when no drag is under way.
    QString dragFeedback() const { return m_dragText; }
    // The appointment dropped here would go to (for tests of the drop path and the ghost).
    std::optional<DiaryMove> moveForDrop(const QMimeData* mime, const QPoint& viewportPos) const;
    static QMimeData* mimeFor(qint64 id, int grabRowOffset);
    // The font for a name in a narrow lane: a little smaller (down to three quarters) until it fits.
    static QFont fitted(QFont font, const QString& text, int width);

Q_SIGNALS:
    void activated(qint64 appointmentId);
    void bookRequested(const QDateTime& start, int column);
    void moveRequested(const DiaryMove& move);
    void cancelRequested(qint64 appointmentId);
    void pageRequested(int step); // -1 / +1 day or week
    void todayRequested();
    void selectionChanged(qint64 appointmentId); // 0: none

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    bool viewportEvent(QEvent* event) override;

private:
    void relayout();
    void ensureCursorVisible();
    int columnWidth() const;
    std::pair<int, int> cellAt(const QPoint& viewportPos) const; // row, column; -1 when outside
    const DiaryModel::Block* blockAtPoint(const QPoint& viewportPos) const;
    std::optional<DiaryMove> keyboardMove(int key) const;
    void paintBlock(QPainter& p, const DiaryModel::Block& b, const QRect& r) const;

    DiaryModel* m_model = nullptr;
    int m_row = 0, m_col = 0;
    qint64 m_selected = 0;
    QPoint m_pressPos;
    int m_pressRowOffset = 0;
    // The drag under way: the ghost's slot and what checkMove said.
    int m_ghostRow = -1, m_ghostCol = -1, m_ghostSpan = 1;
    QString m_dragText;
    bool m_ghostFree = true;
    int m_header = 40, m_gutter = 56, m_rowHeight = 20;
    static constexpr int kMinColumnWidth = 150;
};

} // namespace cd::ui
