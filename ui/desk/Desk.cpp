#include "desk/Desk.h"

#include "audit/AuditLog.h"
#include "desk/IdleWatcher.h"
#include "desk/MainWindow.h"
#include "desk/TaskRunner.h"
#include "desk/Workspace.h"
#include "settings/Settings.h"
#include "signin/ChangePassphraseDialog.h"
#include "signin/UnlockDialog.h"
#include "staff/Accounts.h"

#include <QApplication>
#include <QClipboard>
#include <QDialog>
#include <QTimer>

namespace cd::ui {

Desk::Desk(QString vaultDir, std::unique_ptr<Workspace> workspace, QObject* parent)
    : QObject(parent), m_dir(std::move(vaultDir)), m_idle(new IdleWatcher(5, this))
{
    connect(m_idle, &IdleWatcher::idle, this, [this] {
        m_lockScreenWanted = true;
        lock();
    });
    // A copy made in the program while someone is signed in: the program has a focused window
    // (a copy in another program leaves this one without focus).
    connect(QGuiApplication::clipboard(), &QClipboard::dataChanged, this, [this] {
        if (m_window && QGuiApplication::focusWindow())
            m_copied = QGuiApplication::clipboard()->text();
    });
    openWindow(std::move(workspace));
}

Desk::~Desk()
{
    delete m_window.data();
}

void Desk::openWindow(std::unique_ptr<Workspace> workspace)
{
    m_lastUser = workspace->vault().user();
    m_idle->setMinutes(workspace->settings().idleLockMinutes());
    auto* w = new MainWindow(std::move(workspace));
    m_window = w;
    // A new idle-lock time saved in Clinic settings (here or on another desk) applies at once, not
    // at the next sign-in.
    connect(&w->workspace(), &Workspace::settingsChanged, this,
            [this, w] { m_idle->setMinutes(w->workspace().settings().idleLockMinutes()); });
    connect(w, &MainWindow::lockRequested, this, [this] {
        m_lockScreenWanted = true;
        lock();
    });
    if (m_place.clientId > 0)
        w->openClient(m_place.clientId);
    if (!m_place.search.isEmpty())
        w->setSearchText(m_place.search);
    w->setCurrentTab(m_place.tab);
    w->show();
    m_idle->reset();
    Q_EMIT lockedChanged(false);
}

void Desk::lock()
{
    if (!m_window)
        return;
    m_place = {m_window->currentClientId(), m_window->searchText(), m_window->currentTab()};
    // Long work is asked to stop at its next step (an export); what cannot stop (an erasure, a
    // re-key) is waited for: the vault closes only once no worker uses it.
    m_window->workspace().tasks().cancelAll();
    (void)m_window->workspace().audit().append(QStringLiteral("lock"));
    // Nothing personal stays on screen: every dialog and extra window closes now, without the
    // "discard changes?" questions (an unsaved edit is lost, as a locked screen must not wait).
    for (QWidget* top : QApplication::topLevelWidgets()) {
        if (top == m_window.data() || !top->isVisible())
            continue;
        if (auto* dialog = qobject_cast<QDialog*>(top))
            dialog->done(QDialog::Rejected);
        else
            top->close();
    }
    m_window->hide();
    // What was copied from the program goes with the lock (the next person at the desk, or whoever
    // pastes into another program, does not find a client's number there).
    if (!m_copied.isEmpty() && QGuiApplication::clipboard()->text() == m_copied)
        QGuiApplication::clipboard()->clear();
    m_copied.fill(QLatin1Char(' '));
    m_copied.clear();
    teardown();
}

void Desk::teardown()
{
    // The dialogs closed by lock() still have their exec() on the stack (they live in the window's
    // methods): the window (and with it the workspace, the database connection and the key in
    // guarded memory) goes once they have returned and been destroyed.
    if (m_window && (m_window->workspace().tasks().busy() ||
                     (!m_window->findChildren<QDialog*>().isEmpty() && ++m_teardownTries < 2000))) {
        QTimer::singleShot(5, this, &Desk::teardown);
        return;
    }
    m_teardownTries = 0;
    delete m_window.data();
    m_window = nullptr;
    Q_EMIT lockedChanged(true);
    if (m_lockScreenWanted) {
        m_lockScreenWanted = false;
        QTimer::singleShot(0, this, [this] {
            if (!showLockScreen())
                QApplication::quit();
        });
    }
}

Status Desk::unlockWith(const QString& user, const QByteArray& passphrase)
{
    QByteArray copy = passphrase;
    auto vault = Vault::open(m_dir, user, SecretBytes::takeFrom(copy));
    if (!vault)
        return vault.error();
    if (m_window) {
        // A lock still waiting for long work to end: it ends first (it was asked to stop).
        while (m_window && m_window->workspace().tasks().busy())
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
        m_teardownTries = 2000; // finish a pending teardown now
        teardown();
    }
    openWindow(std::make_unique<Workspace>(std::move(vault.value())));
    return {};
}

bool Desk::showLockScreen()
{
    UnlockDialog unlock(m_dir, m_lastUser);
    unlock.setWindowTitle(tr("Clinicdesk is locked"));
    if (unlock.exec() != QDialog::Accepted)
        return false;
    auto workspace = std::make_unique<Workspace>(unlock.takeVault());
    SecretBytes oneTime = unlock.takeOneTimePassphrase();
    if (workspace->me().username != m_lastUser)
        m_place = {}; // a colleague signs in: start from the front page, not where the other left off
    auto mustChange = Accounts(workspace->vault()).mustChangePassphrase();
    if (mustChange && mustChange.value()) {
        ChangePassphraseDialog change(workspace->vault(), std::move(oneTime));
        if (change.exec() != QDialog::Accepted)
            return showLockScreen();
    }
    openWindow(std::move(workspace));
    return true;
}

} // namespace cd::ui
