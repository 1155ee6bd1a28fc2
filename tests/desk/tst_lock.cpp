// Story 7: Ctrl+Shift+L locks, nothing personal stays on screen, unlocking returns to where the
// user was; an idle desk locks itself (fake clock); a colleague can sign in from the lock screen.
#include "Answers.h"
#include "Files.h"
#include "GuiHelpers.h"
#include "ImageFixtures.h"
#include "OldVaults.h"
#include "TestVault.h"
#include "audit/AuditLog.h"
#include "clients/ClientEditor.h"
#include "common/Clock.h"
#include "desk/Desk.h"
#include "desk/IdleWatcher.h"
#include "desk/MainWindow.h"
#include "desk/TaskRunner.h"
#include "images/ImageStore.h"
#include "privacy/ExportDialog.h"
#include "settings/Settings.h"
#include "signin/ChangePassphraseDialog.h"
#include "signin/UnlockDialog.h"
#include "staff/Accounts.h"
#include "storage/Sql.h"

#include <QAction>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QProcess>
#include <QProgressDialog>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <atomic>

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

    // Locking while a subject-access export runs in a worker: the export is asked to stop at its
    // next step, the vault is closed only once the worker has let go of it, and the ZIP is either
    // whole or absent (never half-written), with nothing else left in the folder.
    void lockingDuringALongExportWaitsForTheWorker()
    {
        TestVault t;
        const qint64 id =
            t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900123"));
        QTemporaryDir photos, out;
        for (int i = 0; i < 24; ++i) {
            const QString file = photos.filePath(QStringLiteral("p%1.jpg").arg(i));
            writeAll(file, encoded(markedImage(1600 + i, 1200), "JPEG"));
            QVERIFY(ImageStore(t.db()).importFile(id, file, ImageDetails{}, 1).ok());
        }
        const QString dir = t.dir();
        t.close();
        Desk desk(dir, std::make_unique<Workspace>(std::move(
                           Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase)).value())));
        desk.window()->openClient(id);
        const QString zip = out.filePath(QStringLiteral("amara-sar.zip"));
        Answers answers([zip](const Answers::Question&) { return Answers::file(zip); });
        bool busyAtLock = false;
        whenModal<ExportDialog>([&](ExportDialog* d) {
            QTimer::singleShot(30, &desk, [&] {
                busyAtLock = desk.window()->workspace().tasks().busy();
                desk.lock();
            });
            QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("exportRun")), Qt::LeftButton);
        });
        QTest::mouseClick(desk.window()->findChild<QPushButton*>(QStringLiteral("exportData")),
                          Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(desk.locked(), 120000);
        QVERIFY2(busyAtLock, "the lock came while the export was running");
        QVERIFY(!anythingPersonalShown());
        // Cancelled at its next step (24 photos and a PDF take far longer than the 30 ms before the
        // lock): nothing at all is left in the folder, not even a temporary file.
        const QStringList left =
            QDir(out.path()).entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(QLatin1Char(' '))));
        // The vault was closed cleanly after the worker: it opens, whole, with the lock audited.
        auto again = Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase));
        QVERIFY(again.ok());
        auto check = again.value()->db().prepare("PRAGMA integrity_check");
        QVERIFY(check.step());
        QCOMPARE(check.text(0), QStringLiteral("ok"));
        AuditFilter f;
        f.action = QStringLiteral("lock");
        QCOMPARE(AuditLog(again.value()->db()).query(f)->size(), 1);
    }

    // Work that cannot stop half way (an erasure, a re-key) is waited for: the vault stays open
    // under the worker until it ends, then the desk locks.
    void lockWaitsForWorkThatCannotStop()
    {
        TestVault t;
        t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const QString dir = t.dir();
        t.close();
        Desk desk(dir, std::make_unique<Workspace>(std::move(
                           Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase)).value())));
        Workspace& w = desk.window()->workspace();
        Database& db = w.db();
        std::atomic_bool lockAsked = false;
        QTimer::singleShot(20, &desk, [&] {
            desk.lock();
            lockAsked = true;
        });
        int readsAfterLock = 0;
        const int failures = w.tasks().run<int>(
            desk.window(), QStringLiteral("Working…"), false, [&](const TaskRunner::Progress& progress) {
                int bad = 0;
                QElapsedTimer e;
                e.start();
                while (e.elapsed() < 600 || readsAfterLock < 10) {
                    auto n = guarded([&]() -> Result<qint64> {
                        auto st = db.prepare("SELECT count(*) FROM clients");
                        st.step();
                        return st.int64(0);
                    });
                    bad += !n || n.value() != 1;
                    readsAfterLock += lockAsked ? 1 : 0;
                    (void)progress(1, 2, QStringLiteral("still here"));
                    QThread::msleep(5);
                }
                return bad;
            });
        QCOMPARE(failures, 0);
        QVERIFY(readsAfterLock >= 10); // the lock came while the work went on reading
        QTRY_VERIFY(desk.locked());
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
        Answers answers([](const Answers::Question&) { return Answers::no(); });
        const auto& questions = answers.asked;
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
        QVERIFY(questions.isEmpty());
        QCOMPARE(desk.window()->currentClientId(), id);
        QCOMPARE(desk.window()->searchText(), QStringLiteral("okafor"));
        QCOMPARE(desk.window()->currentTab(), 1);
        AuditFilter f;
        f.action = QStringLiteral("lock");
        QCOMPARE(AuditLog(desk.window()->workspace().db()).query(f)->size(), 1);
    }

    // A phone number copied at the desk does not stay on the clipboard through the lock.
    void theLockClearsWhatTheDeskCopied()
    {
        TestVault t;
        const QString dir = t.dir();
        t.close();
        Desk desk(dir, std::make_unique<Workspace>(std::move(
                           Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase)).value())));
        desk.window()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(desk.window()));
        QApplication::clipboard()->setText(QStringLiteral("07700 900123"));
        whenModal<UnlockDialog>([&](UnlockDialog* d) {
            QVERIFY(QApplication::clipboard()->text().isEmpty());
            signIn(d, QStringLiteral("manager"), QString::fromUtf8(kPassphrase));
        });
        desk.window()->findChild<QAction*>(QStringLiteral("actionLock"))->trigger();
        QTRY_VERIFY(!desk.locked());
        QVERIFY(QApplication::clipboard()->text().isEmpty());
    }

    // Clinic settings → Lock the desk after: 1 minute, saved while signed in, applies at once.
    void aNewIdleLockTimeAppliesAtOnce()
    {
        QDateTime now(QDate(2026, 11, 25), QTime(17, 0), Qt::UTC);
        Clock::setSource([&now] { return now; });
        TestVault t;
        const QString dir = t.dir();
        t.close();
        Desk desk(dir, std::make_unique<Workspace>(std::move(
                           Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase)).value())));
        Database& db = desk.window()->workspace().db();
        ClinicSettings::Values v = ClinicSettings(db).values();
        QCOMPARE(v.idleLockMinutes, 5);
        v.idleLockMinutes = 1;
        QVERIFY(ClinicSettings(db).save(v).ok());
        QTest::qWait(50); // the change feed delivers after the commit, through the event loop
        desk.idleWatcher()->reset();
        now = now.addSecs(61);
        bool locked = false;
        whenModal<UnlockDialog>([&](UnlockDialog*) { locked = desk.locked(); });
        desk.idleWatcher()->check();
        QTRY_VERIFY(locked); // a minute and a second, not the five minutes it was at sign-in
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
            // Tom was given a one-time passphrase: he must choose his own before anything else, and is
            // not asked for the one-time passphrase he has just typed a second time.
            whenModal<ChangePassphraseDialog>([&](ChangePassphraseDialog* c) {
                QVERIFY(!c->findChild<QLineEdit*>(QStringLiteral("currentPassphrase"))->isVisible());
                QTest::keyClicks(c->findChild<QLineEdit*>(QStringLiteral("newPassphrase")),
                                 QStringLiteral("violet tractor lemon harbour"));
                // A typo in the repeat is said, and the message goes once the two agree.
                auto* repeat = c->findChild<QLineEdit*>(QStringLiteral("repeatPassphrase"));
                QTest::keyClicks(repeat, QStringLiteral("violet tractor lemon harbou"));
                QTest::mouseClick(c->findChild<QPushButton*>(QStringLiteral("changeSave")), Qt::LeftButton);
                auto* error = c->findChild<QLabel*>(QStringLiteral("changeError"));
                QCOMPARE(error->text(), QStringLiteral("The two new passphrases differ."));
                QTest::keyClicks(repeat, QStringLiteral("r"));
                QCOMPARE(error->text(), QString());
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

    // The first sign-in after an upgrade of the program makes the search indexes again (minutes at a
    // million clients): the window shows what it is doing and how far, rather than looking hung.
    void signingInToAnOlderVaultShowsTheUpgrade()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("old"));
        QVERIFY(!makeVaultBeforeKeyDomains(dir, secret("an old vault passphrase")).empty());
        UnlockDialog d(dir);
        d.show();
        QStringList seen; // what the progress dialog said while the vault opened
        QTimer watch;
        watch.setInterval(0);
        connect(&watch, &QTimer::timeout, &d, [&] {
            if (auto* p = d.findChild<QProgressDialog*>(QStringLiteral("upgradeProgress"));
                p && p->isVisible())
                if (!seen.contains(p->labelText()))
                    seen << p->labelText();
        });
        watch.start();
        auto* pass = d.findChild<QLineEdit*>(QStringLiteral("passphrase"));
        QTest::keyClicks(pass, QStringLiteral("an old vault passphrase"));
        QTest::keyClick(pass, Qt::Key_Return);
        watch.stop();
        QCOMPARE(d.result(), int(QDialog::Accepted));
        QVERIFY2(seen.join(QLatin1Char('|')).contains(QStringLiteral("client names")),
                 qPrintable(seen.join('|')));
        QVERIFY2(seen.join(QLatin1Char('|')).contains(QStringLiteral("notes")), qPrintable(seen.join('|')));
        // Opened: the dialog went with the opening, and the next sign-in shows none.
        QVERIFY(!d.findChild<QProgressDialog*>(QStringLiteral("upgradeProgress")));
    }
};

QTEST_MAIN(TestLock)
#include "tst_lock.moc"
