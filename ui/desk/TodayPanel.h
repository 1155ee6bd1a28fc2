#pragma once

#include <QDate>
#include <QWidget>

class QTreeWidget;

namespace cd::ui {

class Workspace;

// The desk's day at a glance, under the client list: today's appointments and the follow-ups due
// today or overdue. It follows the change feed itself; the main window only hears which client to
// open and what to say in the status bar.
class TodayPanel final : public QWidget
{
    Q_OBJECT
public:
    // Follow-ups listed at once, oldest first (the rest appear as these are done).
    static constexpr int kFollowUpsShown = 200;
    explicit TodayPanel(Workspace& workspace, QWidget* parent = nullptr);

    void refresh();
    void refreshAppointments();
    void refreshFollowUps();
    void completeFollowUp();  // the chosen one
    void focusAppointments(); // on the first when none is chosen
    QDate dayShown() const { return m_dayShown; }

Q_SIGNALS:
    void openClientRequested(qint64 clientId);
    void openDiaryRequested();
    void message(const QString& text, int timeoutMs);

private:
    Workspace& m_workspace;
    QTreeWidget* m_today;
    QTreeWidget* m_followUps;
    QDate m_dayShown;
};

} // namespace cd::ui
