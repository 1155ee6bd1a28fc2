#pragma once

#include <QApplication>
#include <QPointer>
#include <QTimer>

namespace cd::test {

// The widget named `name` under `parent`; the test program stops with the name when there is none.
template <typename T> T* child(QObject* parent, const char* name)
{
    T* w = parent->findChild<T*>(QString::fromLatin1(name));
    if (!w)
        qFatal("no %s", name);
    return w;
}

template <typename T> T* modal()
{
    return qobject_cast<T*>(QApplication::activeModalWidget());
}

// Runs `drive` on the next modal dialog of type T once it is up. A dialog that a failed check left
// open is closed, so a failure reports instead of hanging until the watchdog. The poll belongs to
// the application, so one that never met its dialog (a test checking that none appears) is freed
// with it rather than leaked.
template <typename T, typename Fn> void whenModal(Fn drive)
{
    auto* timer = new QTimer(qApp);
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, drive] {
        if (T* d = modal<T>()) {
            timer->stop();
            timer->deleteLater();
            QPointer<T> guard(d);
            drive(d);
            if (guard && guard->isVisible())
                guard->reject();
        }
    });
    timer->start();
}

} // namespace cd::test
