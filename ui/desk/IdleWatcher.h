#pragma once

#include <QDateTime>
#include <QObject>
#include <QTimer>

namespace cd::ui {

// Watches keyboard and mouse input for the whole application (an event filter on qApp) and says
// when the desk has been idle for the clinic's lock time. Time comes from core's Clock, so tests
// move a fake clock instead of sleeping.
class IdleWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit IdleWatcher(int minutes, QObject* parent = nullptr);
    void setMinutes(int minutes) { m_minutes = minutes; }
    void reset();
    // Called every few seconds by the timer; public so tests can call it after moving the clock.
    void check();

Q_SIGNALS:
    void idle();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    int m_minutes;
    QDateTime m_last;
    QTimer m_timer;
    bool m_fired = false;
};

} // namespace cd::ui
