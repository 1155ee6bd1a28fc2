// Story 7: Ctrl+Shift+L locks, nothing personal stays on screen, unlocking returns to where the
// user was; an idle desk locks itself (fake clock); a colleague can sign in from the lock screen.
#include "ChangePassphraseDialog.h"
#include "ClientEditor.h"
#include "Desk.h"
#include "GuiHelpers.h"
#include "IdleWatcher.h"
#include "MainWindow.h"
#include "TestVault.h"
#include "UnlockDialog.h"
#include "audit/AuditLog.h"
#include "common/Clock.h"
#include "staff/Accounts.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace cd;
using namespace cd::test;
using namespace cd::ui;

namespace {

bool anythingPersonalShown()
{
    for (QWidget* w : QApplication::topLevelWidgets())
        if (w->isVisible() && !qobject_cast<UnlockDialog*>(w))
            return true;
    return false;
}

void signIn(UnlockDialog* d, const QString& user, const QString& passphrase)
{
    d->findChild<QComboBox*>(QStringLiteral("account"))->setCurrentText(user);
    auto* pass = d->findChild<QLineEdit*>(QStringLiteral("passphrase"));
    QTest::keyClicks(pass, passphrase);
    QTest::keyClick(pass, Qt::Key_Return);
}

} // namespace

class TestLock : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { Clock::setSource(nullptr); }

    void ctrlShiftLLocks()
    {
        TestVault t;
        const QString dir = t.dir();
        t.close();
        Desk desk(dir, std::make_unique<Workspace>(std::move(
                           Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase)).value())));
        bool locked = false;
        whenModal<UnlockDialog>([&](UnlockDialog* d) {
            locked = desk.locked() && !anythingPersonalShown();
            signIn(d, QStringLiteral("manager"), QString::fromUtf8(kPassphrase));
        });
        QVERIFY(QTest::qWaitForWindowExposed(desk.window()));
        auto* lockAction = desk.window()->findChild<QAction*>(QStringLiteral("actionLock"));
        QCOMPARE(lockAction->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
        lockAction->trigger();
        QTRY_VERIFY(locked);
        QTRY_VERIFY(!desk.locked());
    }

    void lockHidesEverythingAndUnlockReturns()
    {
        QDateTime now(QDate(2026, 11, 25), QTime(12, 0), Qt::UTC);
        Clock::setSource([&now] { return now; });
        TestVault t;
        const qint64 id =
            t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900123"));
        const QString dir = t.dir();
        t.close();
        Desk desk(dir, std::make_unique<Workspace>(std::move(
                           Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase)).value())));
        desk.window()->openClient(id);
        desk.window()->setSearchText(QStringLiteral("okafor"));
        desk.window()->setCurrentTab(1);

        // An edit half typed when the manager walks away: it closes without a question.
        bool asked = false;
        ClientEditor::confirmDiscard = [&asked](QWidget*) {
            asked = true;
            return false;
        };
        bool sawLockScreen = false;
        whenModal<ClientEditor>([&](ClientEditor* e) {
            QTest::keyClicks(e->findChild<QLineEdit*>(QStringLiteral("firstName")),
                             QStringLiteral("Half typed"));
            whenModal<UnlockDialog>([&](UnlockDialog* d) {
                sawLockScreen = true;
                QVERIFY(desk.locked());
                QVERIFY(!anythingPersonalShown());
                QCOMPARE(d->findChild<QComboBox*>(QStringLiteral("account"))->currentText(),
                         QStringLiteral("manager"));
                signIn(d, QStringLiteral("manager"), QString::fromUtf8("wrong"));
                QVERIFY(d->isVisible());
                signIn(d, QStringLiteral("manager"), QString::fromUtf8(kPassphrase));
            });
            now = now.addSecs(6 * 60); // the manager walks away with the edit open
            desk.idleWatcher()->check();
        });
        desk.window()->editClient(id);
        QTRY_VERIFY(sawLockScreen);
        QTRY_VERIFY(!desk.locked());
        QVERIFY(!asked);
        QCOMPARE(desk.window()->currentClientId(), id);
        QCOMPARE(desk.window()->searchText(), QStringLiteral("okafor"));
        QCOMPARE(desk.window()->currentTab(), 1);
        AuditFilter f;
        f.action = QStringLiteral("lock");
        QCOMPARE(AuditLog(desk.window()->workspace().db()).query(f)->size(), 1);
    }

    void anIdleDeskLocksItselfAndAColleagueSignsIn()
    {
        QDateTime now(QDate(2026, 11, 25), QTime(17, 0), Qt::UTC);
        Clock::setSource([&now] { return now; });
        TestVault t;
        const qint64 id = t.addClient(QStringLiteral("Zoë"), QStringLiteral("O'Brien"));
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("tom"), QStringLiteral("Tom Reed"), QStringLiteral("receptionist"),
                         secret("tom's own passphrase"), KdfParams::forTestsOnly())
                    .ok());
        const QString dir = t.dir();
        t.close();
        Desk desk(dir, std::make_unique<Workspace>(std::move(
                           Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase)).value())));
        desk.window()->openClient(id);
        now = now.addSecs(4 * 60);
        desk.idleWatcher()->check();
        QVERIFY(!desk.locked()); // four minutes is not five
        QTest::mouseMove(desk.window());
        now = now.addSecs(4 * 60);
        desk.idleWatcher()->check();
        QVERIFY(!desk.locked()); // the mouse moved: the five minutes start again
        bool switched = false, changed = false;
        whenModal<UnlockDialog>([&](UnlockDialog* d) {
            QVERIFY(desk.locked());
            switched = true;
            // Tom was given a one-time passphrase: he must choose his own before anything else.
            whenModal<ChangePassphraseDialog>([&](ChangePassphraseDialog* c) {
                QTest::keyClicks(c->findChild<QLineEdit*>(QStringLiteral("currentPassphrase")),
                                 QStringLiteral("tom's own passphrase"));
                QTest::keyClicks(c->findChild<QLineEdit*>(QStringLiteral("newPassphrase")),
                                 QStringLiteral("violet tractor lemon harbour"));
                QTest::keyClicks(c->findChild<QLineEdit*>(QStringLiteral("repeatPassphrase")),
                                 QStringLiteral("violet tractor lemon harbour"));
                QTest::mouseClick(c->findChild<QPushButton*>(QStringLiteral("changeSave")), Qt::LeftButton);
                changed = c->result() == QDialog::Accepted;
            });
            signIn(d, QStringLiteral("tom"), QStringLiteral("tom's own passphrase"));
        });
        now = now.addSecs(5 * 60 + 1);
        desk.idleWatcher()->check();
        QTRY_VERIFY(switched);
        QTRY_VERIFY(!desk.locked());
        QCOMPARE(desk.window()->workspace().me().username, QStringLiteral("tom"));
        QVERIFY(changed);
        QCOMPARE(desk.window()->currentClientId(), qint64(0)); // a colleague starts at the front page
    }
};

QTEST_MAIN(TestLock)
#include "tst_lock.moc"
