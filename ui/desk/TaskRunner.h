#pragma once

#include <QEventLoop>
#include <QFutureWatcher>
#include <QObject>
#include <QPointer>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentRun>
#include <atomic>
#include <functional>
#include <memory>

namespace cd::ui {

// The owner of long work (export, erasure, import, re-key, backup): one per Workspace. A task runs
// on a worker thread while a modal progress dialog shows its steps; the desk's lock asks every
// cancellable task to stop at its next step and waits until all have ended before it closes the
// vault, so no worker ever has the database closed under it. While a task runs, the Workspace holds
// the change feed's signals back (the windows do not read the connection the worker is using) and
// delivers them when the last task ends.
class TaskRunner final : public QObject
{
    Q_OBJECT
public:
    // What a task reports between its steps; returns false once the task is asked to stop.
    using Progress = std::function<bool(int done, int total, const QString& step)>;

    explicit TaskRunner(QObject* parent = nullptr) : QObject(parent) {}

    bool busy() const { return m_running > 0; }
    // Asks every cancellable task to stop at its next step (the desk is locking).
    void cancelAll() { *m_cancel = true; }

    // Runs `work` on a worker thread and returns its result; `parent`'s progress dialog shows
    // `label` and, when `cancellable`, a Cancel button. A task that is not cancellable (an erasure,
    // a re-key) is waited for, whoever asks it to stop.
    template <typename T>
    T run(QWidget* parent, const QString& label, bool cancellable, std::function<T(const Progress&)> work)
    {
        QProgressDialog dialog(label, cancellable ? tr("Cancel") : QString(), 0, 0, parent);
        dialog.setObjectName(QStringLiteral("taskProgress"));
        dialog.setWindowModality(Qt::WindowModal);
        dialog.setMinimumDuration(0);
        dialog.setAutoReset(false);
        dialog.setAutoClose(false);
        auto cancel = m_cancel;
        auto asked = std::make_shared<std::atomic_bool>(false);
        if (cancellable)
            connect(&dialog, &QProgressDialog::canceled, this, [asked] { *asked = true; });
        QPointer<QProgressDialog> bar(&dialog);
        Progress progress = [bar, cancel, asked, cancellable](int done, int total, const QString& step) {
            QMetaObject::invokeMethod(
                bar,
                [bar, done, total, step] {
                    if (bar) {
                        bar->setMaximum(total);
                        bar->setValue(done);
                        bar->setLabelText(step);
                    }
                },
                Qt::QueuedConnection);
            return !cancellable || !(*asked || *cancel);
        };
        begin();
        QFutureWatcher<T> watcher;
        QEventLoop loop;
        connect(&watcher, &QFutureWatcher<T>::finished, &loop, &QEventLoop::quit);
        watcher.setFuture(QtConcurrent::run([work = std::move(work), progress] { return work(progress); }));
        loop.exec(); // even when the dialog is closed by a lock: the worker's end is what ends this
        dialog.reset();
        end();
        return watcher.result();
    }

    // The same through a session's runner, or here on this thread when there is none (a dialog
    // made on its own, as some tests do).
    template <typename T>
    static T runWith(TaskRunner* runner, QWidget* parent, const QString& label, bool cancellable,
                     std::function<T(const Progress&)> work)
    {
        if (runner)
            return runner->run<T>(parent, label, cancellable, std::move(work));
        return work([](int, int, const QString&) { return true; });
    }

Q_SIGNALS:
    void started();
    void idle(); // the last running task has ended

private:
    void begin()
    {
        if (m_running++ == 0) {
            *m_cancel = false;
            Q_EMIT started();
        }
    }
    void end()
    {
        if (--m_running == 0)
            Q_EMIT idle();
    }
    int m_running = 0;
    std::shared_ptr<std::atomic_bool> m_cancel = std::make_shared<std::atomic_bool>(false);
};

} // namespace cd::ui
