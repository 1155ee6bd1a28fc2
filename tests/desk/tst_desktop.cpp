// The desktop program's own pages: clinic settings (managers only, kept in the encrypted vault),
// Help → About and Help → Privacy, and the British English defaults (dates, pounds, plurals).
#include "GuiHelpers.h"
#include "TestVault.h"
#include "audit/AuditLog.h"
#include "backup/BackupSchedule.h"
#include "common/Ask.h"
#include "desk/Application.h"
#include "desk/InfoDialog.h"
#include "desk/Localisation.h"
#include "desk/MainWindow.h"
#include "desk/SettingsDialog.h"
#include "settings/Settings.h"
#include "staff/Accounts.h"
#include "storage/Sql.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace cd;
using namespace cd::test;
using namespace cd::ui;

class TestDesktop : public QObject
{
    Q_OBJECT

    std::unique_ptr<MainWindow> window(TestVault& t, const QString& role = QStringLiteral("manager"))
    {
        // Someone with `role` signs in: a real account of that role, added by the manager (the role
        // counts as the signed roster says, so a row edited in the staff table would not do).
        QString user = QStringLiteral("manager");
        const char* passphrase = kPassphrase;
        if (role != QLatin1String("manager")) {
            user = QStringLiteral("rita");
            passphrase = "rita works the front desk";
            if (!Accounts(t.vault()).add(user, QStringLiteral("Rita"), role, secret(passphrase),
                                         KdfParams::forTestsOnly()))
                qFatal("cannot add rita");
        }
        auto opened = Vault::open(t.dir(), user, secret(passphrase));
        t.close();
        auto workspace = std::make_unique<Workspace>(std::move(opened.value()));
        auto w = std::make_unique<MainWindow>(std::move(workspace));
        w->show();
        return w;
    }

    static QAction* action(MainWindow& w, const char* name)
    {
        auto* a = w.findChild<QAction*>(QString::fromLatin1(name));
        if (!a)
            qFatal("no action %s", name);
        return a;
    }

private Q_SLOTS:
    void managerChangesTheClinicSettings()
    {
        TestVault t;
        auto w = window(t);
        QVERIFY(action(*w, "actionClinicSettings")->isEnabled());
        whenModal<SettingsDialog>([](SettingsDialog* d) {
            auto* idle = d->findChild<QSpinBox*>(QStringLiteral("settingsIdleLockMinutes"));
            QCOMPARE(idle->value(), 5); // the default
            auto* name = d->findChild<QLineEdit*>(QStringLiteral("settingsClinicName"));
            name->selectAll();
            QTest::keyClicks(name, QStringLiteral("Harbour Skin Clinic"));
            auto* email = d->findChild<QLineEdit*>(QStringLiteral("settingsControllerEmail"));
            email->clear();
            QTest::keyClicks(email, QStringLiteral("privacy@harbourskin.example"));
            idle->setValue(12);
            QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("settingsSave")), Qt::LeftButton);
            QVERIFY(!d->isVisible());
        });
        action(*w, "actionClinicSettings")->trigger();
        QTRY_COMPARE(w->windowTitle(), QStringLiteral("Harbour Skin Clinic — Clinicdesk"));

        // Kept in the encrypted database: a fresh open of the vault reads them back.
        const QString dir = w->workspace().vault().dir();
        w.reset();
        auto again = Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase));
        QVERIFY(again);
        ClinicSettings settings(again.value()->db());
        QCOMPARE(settings.clinicName(), QStringLiteral("Harbour Skin Clinic"));
        QCOMPARE(settings.controllerEmail(), QStringLiteral("privacy@harbourskin.example"));
        QCOMPARE(settings.idleLockMinutes(), 12);
        AuditFilter changes;
        changes.action = QStringLiteral("settings.change");
        auto log = AuditLog(again.value()->db()).query(changes);
        QVERIFY(log);
        QCOMPARE(log->size(), 1);
        // Names what changed, never the values.
        QCOMPARE(log->first().detail,
                 QStringLiteral("clinic.name controller.email security.idle_lock_minutes"));
    }

    void aBadEmailIsRefusedAndNothingIsSaved()
    {
        TestVault t;
        const QString before = ClinicSettings(t.db()).clinicName();
        auto w = window(t);
        bool stillOpen = false;
        QString error;
        whenModal<SettingsDialog>([&](SettingsDialog* d) {
            QTest::keyClicks(d->findChild<QLineEdit*>(QStringLiteral("settingsClinicName")),
                             QStringLiteral(" & Spa"));
            QTest::keyClicks(d->findChild<QLineEdit*>(QStringLiteral("settingsControllerEmail")),
                             QStringLiteral("not an address"));
            QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("settingsSave")), Qt::LeftButton);
            stillOpen = d->isVisible();
            auto* label = d->findChild<QLabel*>(QStringLiteral("settingsError"));
            error = label->isVisible() ? label->text() : QString();
        });
        action(*w, "actionClinicSettings")->trigger();
        QVERIFY(stillOpen);
        QVERIFY2(error.contains(QLatin1String("email")), qPrintable(error));
        QCOMPARE(ClinicSettings(w->workspace().db()).clinicName(), before);
    }

    void onlyAManagerChangesSettings()
    {
        TestVault t;
        auto w = window(t, QStringLiteral("receptionist"));
        QVERIFY(!action(*w, "actionClinicSettings")->isEnabled());
        // Enforced in core too, not only by the greyed-out menu entry.
        Database& db = w->workspace().db();
        db.setActor(Actor{1, QStringLiteral("rita"), Role::Receptionist});
        ClinicSettings::Values v = ClinicSettings(db).values();
        v.idleLockMinutes = 60;
        QVERIFY(!ClinicSettings(db).save(v));
        QCOMPARE(ClinicSettings(db).idleLockMinutes(), 5);
    }

    // With no test answering, the seam shows the real dialogs: a question before something that
    // destroys data defaults to the safe answer (Enter keeps the data), another one to going ahead.
    void theRealQuestionsDefaultToTheSafeAnswer()
    {
        QString shown;
        whenModal<QMessageBox>([&](QMessageBox* box) {
            shown = box->text() + QLatin1Char(' ') + box->informativeText();
            QTest::keyClick(box, Qt::Key_Return);
        });
        ask::Question q;
        q.title = QStringLiteral("Delete images");
        q.text = QStringLiteral("Delete 2 image(s) of this client?");
        q.details = QStringLiteral("This cannot be undone.");
        q.yes = QStringLiteral("Delete 2 image(s)");
        q.destructive = true;
        QVERIFY(!ask::confirm(q));
        QCOMPARE(shown, QStringLiteral("Delete 2 image(s) of this client? This cannot be undone."));
        whenModal<QMessageBox>([](QMessageBox* box) { QTest::keyClick(box, Qt::Key_Return); });
        QVERIFY(ask::confirm(nullptr, QStringLiteral("Merge these records?"),
                             QStringLiteral("Amara is kept."), QStringLiteral("Merge")));
        whenModal<QInputDialog>([](QInputDialog* d) {
            QCOMPARE(d->okButtonText(), QStringLiteral("Cancel the appointment"));
            QCOMPARE(d->cancelButtonText(), QStringLiteral("Keep it"));
            d->setTextValue(QStringLiteral("Client unwell"));
            d->accept();
        });
        ask::Question why;
        why.title = QStringLiteral("Cancel the appointment");
        why.text = QStringLiteral("Why?");
        why.yes = QStringLiteral("Cancel the appointment");
        why.no = QStringLiteral("Keep it");
        QCOMPARE(ask::text(nullptr, why).value_or(QString()), QStringLiteral("Client unwell"));
        whenModal<QInputDialog>([](QInputDialog* d) { d->reject(); });
        QVERIFY(!ask::text(nullptr, why).has_value());
    }

    void aboutShowsTheVersions()
    {
        TestVault t;
        auto w = window(t);
        const QString cipher = w->workspace().db().cipherVersion();
        QVERIFY2(QRegularExpression(QStringLiteral("^\\d+\\.\\d+\\.\\d+")).match(cipher).hasMatch(),
                 qPrintable(cipher));
        QString text;
        whenModal<InfoDialog>([&](InfoDialog* d) { text = d->text(); });
        action(*w, "actionAbout")->trigger();
        QVERIFY2(text.contains(QStringLiteral("Clinicdesk %1").arg(QStringLiteral(CLINICDESK_VERSION))),
                 qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("SQLCipher %1").arg(cipher)), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("Qt:</td><td>%1").arg(QString::fromLatin1(qVersion()))),
                 qPrintable(text));
    }

    void privacyTellsWhereTheDataLives()
    {
        TestVault t;
        const QString dir = QDir::toNativeSeparators(t.dir());
        auto w = window(t);
        QString text;
        whenModal<InfoDialog>([&](InfoDialog* d) { text = d->text(); });
        action(*w, "actionPrivacyInfo")->trigger();
        for (const QString& expected :
             {dir, QStringLiteral("clinicdesk.db"), QStringLiteral("keyring.json"),
              QStringLiteral("recovery key"), QStringLiteral("Never written unencrypted")})
            QVERIFY2(text.contains(expected), qPrintable(expected));
    }

    void theLastVaultIsRememberedOutsideTheVault()
    {
        QStandardPaths::setTestModeEnabled(true); // ~/.qttest: never the real settings
        TestVault t;
        rememberVaultDir(t.dir());
        QCOMPARE(rememberedVaultDir(), QDir(t.dir()).absolutePath());
        // A vault that was moved away is forgotten rather than set up anew in its old place.
        rememberVaultDir(t.root() + QStringLiteral("/moved"));
        QCOMPARE(rememberedVaultDir(), defaultVaultDir());
        // The settings file holds the folder and nothing about the clinic or its clients.
        QSettings file(QStringLiteral("clinicdesk"), QStringLiteral("clinicdesk"));
        QCOMPARE(file.allKeys(), QStringList{QStringLiteral("vault/last")});
        file.clear();
    }

    // `clinicdesk --demo` is a vault like any other: each demo colleague can sign in to try a role (the
    // demo passphrase once, then their own, as a new colleague would), the first opening of the day
    // writes the daily backup, and the next plain `clinicdesk` offers the demo vault's unlock rather
    // than setting up a new one.
    void theDemoVaultIsOneToSignInToAndComeBackTo()
    {
        QStandardPaths::setTestModeEnabled(true);
        QTemporaryDir root;
        const QString dir = root.filePath(QStringLiteral("demo-vault"));
        {
            auto demo = openDemo(dir);
            if (!demo)
                QFAIL(qPrintable(demo.message()));
            QVERIFY(afterOpening(*demo.value()).startsWith(QStringLiteral("Daily backup written")));
        }
        QCOMPARE(rememberedVaultDir(), QDir(dir).absolutePath());
        QCOMPARE(QDir(BackupSchedule::defaultFolder(dir))
                     .entryList({QStringLiteral("*.cdbackup"), QStringLiteral("*")}, QDir::Files)
                     .size(),
                 1);
        for (const char* user : {"tom", "priya", "sam"}) {
            auto colleague = Vault::open(dir, QLatin1String(user), secret(kDemoPassphrase));
            if (!colleague)
                QFAIL(qPrintable(QLatin1String(user) + QStringLiteral(": ") + colleague.message()));
            QVERIFY(Accounts(*colleague.value()).mustChangePassphrase().value());
        }
        auto tom = Vault::open(dir, QStringLiteral("tom"), secret(kDemoPassphrase));
        QCOMPARE(Workspace(std::move(tom.value())).me().role, Role::Receptionist);
        // Opened again (the demo exists now): the manager, no second backup the same day.
        auto again = openDemo(dir);
        QVERIFY(again.ok());
        QVERIFY(afterOpening(*again.value()).isEmpty());
        // Skipping the unlock dialog does not skip the audit log: the manager's sign-in is there.
        AuditFilter signIns;
        signIns.action = QStringLiteral("sign-in");
        auto entries = AuditLog(again.value()->db()).query(signIns);
        QVERIFY(entries.ok());
        QStringList who;
        for (const AuditEntry& e : entries.value())
            who << e.staff;
        QVERIFY2(who.contains(QStringLiteral("manager")), qPrintable(who.join(u',')));
        QSettings(QStringLiteral("clinicdesk"), QStringLiteral("clinicdesk")).clear();
    }

    void aCLocaleGetsBritishDatesAndPounds()
    {
        const QLocale uk = effectiveLocale(QLocale::c());
        QCOMPARE(uk.toString(QDate(2026, 3, 7), QLocale::ShortFormat), QStringLiteral("07/03/2026"));
        QCOMPARE(uk.toCurrencyString(1250.5), QStringLiteral("£1,250.50"));
        const QLocale german(QLocale::German, QLocale::Germany);
        QCOMPARE(effectiveLocale(german), german); // a real system locale is kept
    }

    // Last: it installs the translation for the rest of the process.
    void theBritishTranslationSpeaksInProperPlurals()
    {
        QCOMPARE(QLocale::system().language(), QLocale::C); // LANG=C.UTF-8, as the tests run
        QCOMPARE(setUpLocaleAndTranslations(*qApp), QStringLiteral("en_GB"));
        QCOMPARE(QLocale().toString(QDate(2026, 3, 7), QLocale::ShortFormat), QStringLiteral("07/03/2026"));
        TestVault t;
        t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        auto w = window(t);
        QString status;
        for (const QLabel* label : w->statusBar()->findChildren<QLabel*>())
            if (label->text().startsWith(QLatin1String("Signed in as")))
                status = label->text();
        QVERIFY2(status.endsWith(QStringLiteral("· 1 client")), qPrintable(status));
    }
};

QTEST_MAIN(TestDesktop)
#include "tst_desktop.moc"
