#include "desk/IdleWatcher.h"

#include "common/Clock.h"

#include <QCoreApplication>
#include <QEvent>

namespace cd::ui {

IdleWatcher::IdleWatcher(int minutes, QObject* parent) : QObject(parent), m_minutes(minutes)
{
    reset();
    QCoreApplication::instance()->installEventFilter(this);
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &IdleWatcher::check);
    m_timer.start();
}

void IdleWatcher::reset()
{
    m_last = Clock::now();
    m_fired = false;
}

void IdleWatcher::check()
{
    if (!m_fired && m_minutes > 0 && m_last.secsTo(Clock::now()) >= qint64(m_minutes) * 60) {
        m_fired = true;
        Q_EMIT idle();
    }
}

bool IdleWatcher::eventFilter(QObject* watched, QEvent* event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
        m_last = Clock::now();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace cd::ui
