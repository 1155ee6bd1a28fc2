#pragma once

#include "diary/DiaryView.h"

#include <QWidget>
#include <functional>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;

namespace cd::ui {

class Workspace;

// The appointments diary, in a window of its own: a receptionist keeps it open beside the client's
// record (or on a second screen) and the grid gets the whole width it needs for several
// practitioners; the main window keeps today's list at a glance.
class DiaryWindow final : public QWidget
{
    Q_OBJECT
public:
    explicit DiaryWindow(Workspace& workspace, QWidget* parent = nullptr);

    // Asked for a cancellation reason (empty: do not cancel) and where to save an .ics; tests replace them.

    DiaryView* view() const { return m_view; }
    DiaryModel* model() const { return m_model; }
    QString message() const;
    void showDate(const QDate& day);
    void setSpan(DiaryModel::Span span);
    void setColumnsBy(DiaryModel::Columns columns);
    void reload();
    // Opens the diary on the appointment's day with it selected.
    void showAppointment(qint64 id);

    void bookAt(const QDateTime& start, int column);
    // Books at the cursor, or at the first free slot after it when the cursor's slot is taken or gone;
    // with the client already chosen when one is given (the one on screen in the main window).
    void book(qint64 clientId = 0);
    void edit(qint64 id);
    bool move(const DiaryMove& m);
    void cancelAppointment(qint64 id);
    void markAttended(qint64 id);
    void markNoShow(qint64 id);
    void exportIcs(qint64 id);
    // Puts the last move (dragged or with Alt+arrows) back where it was; Ctrl+Z.
    bool undoMove();
    bool canUndoMove() const { return !m_undo.isEmpty(); }

Q_SIGNALS:
    void openClientRequested(qint64 clientId);

private:
    struct UndoMove
    {
        qint64 id = 0;
        QDateTime start;
        qint64 practitionerId = 0, roomId = 0;
    };
    void placeOnScreen();
    void placeCursorAtStart();
    // The first slot at or after (row, column) in the column's day that is neither past nor taken;
    // -1 when there is none left on the grid.
    int freeRowFrom(int row, int column) const;
    void bookWith(const Appointment& a);
    void say(const QString& text, bool problem = false);
    void updateSelection(qint64 id);
    void updateTitle();
    QString describe(const Appointment& a) const;
    Workspace& m_workspace;
    DiaryModel* m_model;
    DiaryView* m_view;
    QLabel* m_date;
    QPushButton* m_dayButton;
    QPushButton* m_weekButton;
    QComboBox* m_columns;
    QComboBox* m_practitioner;
    QComboBox* m_room;
    QCheckBox* m_cancelled;
    QLabel* m_selection;
    QLabel* m_message;
    QList<QPushButton*> m_selectionButtons;
    QPushButton* m_attended;
    QPushButton* m_noShow;
    QPushButton* m_cancel;
    QPushButton* m_edit;
    QPushButton* m_undoButton;
    QList<UndoMove> m_undo;
};

} // namespace cd::ui
