#pragma once

#include "desk/Workspace.h"

#include <QObject>
#include <QPointer>
#include <memory>

namespace cd::ui {

class IdleWatcher;
class MainWindow;

// The desk's life cycle: the main window while someone is signed in; on Lock (Ctrl+Shift+L) or
// after the idle time, every window with personal data closes, the key is wiped and the database
// closed; the lock screen lets the same person (or a colleague) sign in, and the desk comes back
// where it was.
class Desk final : public QObject
{
    Q_OBJECT
public:
    Desk(QString vaultDir, std::unique_ptr<Workspace> workspace, QObject* parent = nullptr);
    ~Desk() override;
    MainWindow* window() const { return m_window.data(); }
    bool locked() const { return m_window.isNull(); }
    IdleWatcher* idleWatcher() const { return m_idle; }
    void lock();
    // Shows the lock screen; returns false if the person chose to quit. Tests call unlockWith directly.
    bool showLockScreen();
    Status unlockWith(const QString& user, const QByteArray& passphrase);

Q_SIGNALS:
    void lockedChanged(bool locked);

private:
    void openWindow(std::unique_ptr<Workspace> workspace);
    void teardown();

    QString m_dir;
    QString m_lastUser;
    QPointer<MainWindow> m_window;
    IdleWatcher* m_idle;
    // What this program last put on the clipboard while signed in (a phone number, a recall's
    // contact list): cleared at the lock if it is still there.
    QString m_copied;
    bool m_lockScreenWanted = false;
    int m_teardownTries = 0;
    struct Place
    {
        qint64 clientId = 0;
        QString search;
        int tab = 0;
    } m_place;
};

} // namespace cd::ui
