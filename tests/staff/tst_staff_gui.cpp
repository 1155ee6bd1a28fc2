// Story 9, a leaver, in the real Staff dialog: remove her account, re-key the vault when offered,
// and hand the colleague the one-time passphrase shown once.
#include "Answers.h"
#include "Files.h"
#include "GuiHelpers.h"
#include "OldVaults.h"
#include "OpenWindow.h"
#include "TestVault.h"
#include "desk/MainWindow.h"
#include "records/Payments.h"
#include "staff/Accounts.h"
#include "staff/AuditDialog.h"
#include "staff/RekeyDialog.h"
#include "staff/StaffDialog.h"
#include "storage/Sql.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>
#include <QTreeWidget>

using namespace cd;
using namespace cd::test;
using namespace cd::ui;

namespace {

bool addLee(TestVault& t)
{
    return Accounts(t.vault())
        .add(QStringLiteral("lee"), {}, QStringLiteral("receptionist"), secret("first one-time pass"),
             KdfParams::forTestsOnly())
        .ok();
}

// Lee chosen in the Staff dialog, then Remove, answered in the dialog by pressing `answer` (a button's
// object name).
void removeLee(StaffDialog& dialog, const char* answer)
{
    dialog.show();
    auto* list = dialog.findChild<QTreeWidget*>(QStringLiteral("staffList"));
    list->setCurrentItem(list->findItems(QStringLiteral("lee"), Qt::MatchExactly).first());
    whenModal<RekeyDialog>([answer](RekeyDialog* d) {
        QTest::mouseClick(d->findChild<QPushButton*>(QString::fromLatin1(answer)), Qt::LeftButton);
    });
    QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("staffRemove")), Qt::LeftButton);
}

} // namespace

class TestStaffGui : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // The manager answering "what did you do with my data?": from the client's Privacy tab, the audit
    // log about her only, each row naming her and saying what happened in words; the box also takes a
    // name or a phone number, since the reference means nothing at the desk.
    void theAuditLogIsReadByClient()
    {
        TestVault t;
        const qint64 amara =
            t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900123"));
        const qint64 zoe =
            t.addClient(QStringLiteral("Zoë"), QStringLiteral("Bello"), QStringLiteral("07700 900456"));
        t.addClient(QStringLiteral("Chidi"), QStringLiteral("Okafor"), QStringLiteral("07700 900789"));
        for (qint64 client : {amara, zoe}) {
            Payment p;
            p.clientId = client;
            p.amountPence = client == amara ? 4500 : 9900;
            p.method = PaymentMethod::Card;
            p.description = QStringLiteral("Consultation");
            QVERIFY(Payments(t.db()).record(p).ok());
        }
        auto w = openWindow(t);
        w->openClient(amara);
        QVERIFY(
            w->findChild<QLabel*>(QStringLiteral("privacyReference"))->text().contains(QStringLiteral("S-")));
        QStringList clients, details, actions;
        QString who;
        whenModal<AuditDialog>([&](AuditDialog* d) {
            auto* list = d->findChild<QTreeWidget*>(QStringLiteral("auditList"));
            for (int i = 0; i < list->topLevelItemCount(); ++i) {
                clients << list->topLevelItem(i)->text(3);
                actions << list->topLevelItem(i)->text(2);
                details << list->topLevelItem(i)->text(4);
            }
            who = d->findChild<QLabel*>(QStringLiteral("auditWho"))->text();
            // A last name two clients share: the closest, and the other as a link to choose.
            auto* subjectBox = d->findChild<QLineEdit*>(QStringLiteral("auditSubject"));
            subjectBox->setText(QStringLiteral("Okafor"));
            auto* whoLabel = d->findChild<QLabel*>(QStringLiteral("auditWho"));
            QVERIFY2(whoLabel->text().contains(QStringLiteral("Others: <a href='S-")),
                     qPrintable(whoLabel->text()));
            const QString otherRef =
                whoLabel->text().section(QStringLiteral("href='"), 1, 1).section(QLatin1Char('\''), 0, 0);
            Q_EMIT whoLabel->linkActivated(otherRef);
            QCOMPARE(subjectBox->text(), otherRef);
            // By phone number, as typed at the desk: Zoë's entries.
            auto* box = d->findChild<QLineEdit*>(QStringLiteral("auditSubject"));
            box->clear();
            QTest::keyClicks(box, QStringLiteral("07700900456"));
            QVERIFY(list->topLevelItemCount() >= 2);
            for (int i = 0; i < list->topLevelItemCount(); ++i)
                QCOMPARE(list->topLevelItem(i)->text(3), QStringLiteral("Zoë Bello"));
            d->accept();
        });
        QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("auditClient")), Qt::LeftButton);
        QVERIFY2(clients.size() >= 2, qPrintable(clients.join(QLatin1Char('|'))));
        for (const QString& c : clients)
            QCOMPARE(c, QStringLiteral("Amara Okafor"));
        QVERIFY2(who.contains(QStringLiteral("Amara Okafor")), qPrintable(who));
        QVERIFY2(details.contains(QStringLiteral("£45.00 by card (payment 1)")),
                 qPrintable(details.join(QLatin1Char('|'))));
        QVERIFY2(actions.contains(QStringLiteral("Payment recorded")),
                 qPrintable(actions.join(QLatin1Char('|'))));
    }

    void removingALeaverReKeysByDefault()
    {
        TestVault t;
        for (const char* name : {"lee", "ria"})
            QVERIFY(Accounts(t.vault())
                        .add(QString::fromLatin1(name), {}, QStringLiteral("receptionist"),
                             secret("first one-time pass"), KdfParams::forTestsOnly())
                        .ok());
        StaffDialog dialog(t.vault());
        dialog.show();
        auto* list = dialog.findChild<QTreeWidget*>(QStringLiteral("staffList"));
        const auto lee = list->findItems(QStringLiteral("lee"), Qt::MatchExactly);
        QCOMPARE(lee.size(), 1);
        list->setCurrentItem(lee.first());

        QString shown;
        whenModal<RekeyDialog>([&](RekeyDialog* d) {
            QVERIFY(d->windowTitle().contains(QStringLiteral("Remove lee")));
            auto* run = d->findChild<QPushButton*>(QStringLiteral("rekeyRun"));
            QVERIFY(run->isDefault()); // Enter removes and re-keys
            QTest::keyClicks(d->findChild<QLineEdit*>(QStringLiteral("rekeyPassphrase")),
                             QStringLiteral("wrong passphrase"));
            QTest::mouseClick(run, Qt::LeftButton);
            const QString error = d->findChild<QLabel*>(QStringLiteral("rekeyError"))->text();
            QVERIFY2(error.contains(QStringLiteral("Nobody was removed")), qPrintable(error));
            QVERIFY(!d->rekeyed());
            QVERIFY(!d->removed());
            QVERIFY(Vault::open(t.dir(), QStringLiteral("lee"), secret("first one-time pass")).ok());
            QTest::keyClicks(d->findChild<QLineEdit*>(QStringLiteral("rekeyPassphrase")),
                             QString::fromLatin1(kPassphrase));
            QTest::mouseClick(run, Qt::LeftButton);
            QVERIFY2(d->rekeyed(), qPrintable(d->findChild<QLabel*>(QStringLiteral("rekeyError"))->text()));
            QVERIFY(d->removed());
            shown = d->findChild<QLabel*>(QStringLiteral("rekeyResult"))->text();
            QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("rekeyClose")), Qt::LeftButton);
        });
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("staffRemove")), Qt::LeftButton);
        QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("staffMessage"))
                    ->text()
                    .contains(QStringLiteral("re-keyed")));
        QVERIFY(shown.contains(QStringLiteral("recovery key")));
        QVERIFY2(shown.contains(QStringLiteral("A backup under the new key was made")), qPrintable(shown));
        QVERIFY(!shown.contains(QStringLiteral("lee"))); // the leaver gets nothing
        const auto otp =
            QRegularExpression(QStringLiteral("ria&nbsp;&nbsp;</td><td><tt>([a-z0-9-]+)</tt>")).match(shown);
        QVERIFY2(otp.hasMatch(), qPrintable(shown));
        // Written on two lines of eight groups, as it goes into the safe.
        const auto recovery = QRegularExpression(QStringLiteral("([0-9A-F]{4}(-[0-9A-F]{4}){15})"))
                                  .match(QString(shown).remove(QStringLiteral("<br>")));
        QVERIFY(recovery.hasMatch());
        QVERIFY(recovery.captured(1) != t.recoveryKey());

        // The program goes on working on the re-keyed vault; then ria signs in with what she was given.
        QVERIFY(Accounts(t.vault()).list().ok());
        QCOMPARE(list->topLevelItemCount(), 3);
        QCOMPARE(list->findItems(QStringLiteral("lee"), Qt::MatchExactly).first()->text(3),
                 QStringLiteral("left"));
        t.close();
        QVERIFY(!t.reopen("first one-time pass", QStringLiteral("ria")).ok());
        QVERIFY(t.reopen(otp.captured(1).toLatin1().constData(), QStringLiteral("ria")).ok());
        t.close();
        QVERIFY(Vault::openWithRecoveryKey(t.dir(), recovery.captured(1)).ok());
    }

    // The manager chooses not to re-key: the account goes, and the Staff dialog says plainly what an
    // old copy of the keyring still opens.
    void removingWithoutRekeyingSaysWhatStaysOpen()
    {
        TestVault t;
        QVERIFY(addLee(t));
        const QByteArray oldKeyring = readAll(t.vault().keyringPath());
        StaffDialog dialog(t.vault());
        removeLee(dialog, "rekeySkip");
        auto* list = dialog.findChild<QTreeWidget*>(QStringLiteral("staffList"));
        const QString message = dialog.findChild<QLabel*>(QStringLiteral("staffMessage"))->text();
        QVERIFY2(message.contains(QStringLiteral("NOT re-keyed")), qPrintable(message));
        QCOMPARE(list->findItems(QStringLiteral("lee"), Qt::MatchExactly).first()->text(3),
                 QStringLiteral("left"));
        t.close();
        QVERIFY(!Vault::open(t.dir(), QStringLiteral("lee"), secret("first one-time pass")).ok());
        // What the message warns of: her copy of the old keyring still yields the database key.
        auto old = Keyring::parse(oldKeyring);
        QVERIFY(old.ok());
        QVERIFY(old->unwrap(QStringLiteral("lee"), secret("first one-time pass")).ok());
    }

    // Cancel removes nobody.
    void cancellingTheRemovalKeepsTheAccount()
    {
        TestVault t;
        QVERIFY(addLee(t));
        StaffDialog dialog(t.vault());
        removeLee(dialog, "rekeyClose");
        QVERIFY(Vault::open(t.dir(), QStringLiteral("lee"), secret("first one-time pass")).ok());
    }

    // A manager signs in to a vault made before key domains: the re-key that upgrades it is offered,
    // saying why in words, and afterwards the vault has key domains and offers nothing more.
    void anOldVaultIsOfferedTheUpgradeAtAManagersSignIn()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("old"));
        QVERIFY(!makeVaultBeforeKeyDomains(dir, secret(kPassphrase)).empty());
        auto v = Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase));
        QVERIFY(v.ok());
        QVERIFY(RekeyDialog::offersUpgrade(*v.value()));
        RekeyDialog d(*v.value(), {});
        d.show();
        const auto labels = d.findChildren<QLabel*>();
        QVERIFY(std::any_of(labels.cbegin(), labels.cend(), [](const QLabel* l) {
            return l->text().contains(QStringLiteral("made before key domains"));
        }));
        QTest::keyClicks(d.findChild<QLineEdit*>(QStringLiteral("rekeyPassphrase")),
                         QString::fromLatin1(kPassphrase));
        QTest::mouseClick(d.findChild<QPushButton*>(QStringLiteral("rekeyRun")), Qt::LeftButton);
        QVERIFY2(d.rekeyed(), qPrintable(d.findChild<QLabel*>(QStringLiteral("rekeyError"))->text()));
        QVERIFY(v.value()->hasKeyDomains());
        QVERIFY(!RekeyDialog::offersUpgrade(*v.value()));
    }

    // Someone deleted the signed roster with the sqlcipher shell: the manager's Staff dialog says so
    // in words and offers to sign the accounts as listed; then colleagues sign in again.
    void anAlteredRosterIsShownAndSignedAgain()
    {
        TestVault t;
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("lee"), {}, QStringLiteral("receptionist"),
                         secret("first one-time pass"), KdfParams::forTestsOnly())
                    .ok());
        {
            StaffDialog dialog(t.vault());
            QVERIFY(dialog.findChild<QLabel*>(QStringLiteral("staffRosterWarning"))->isHidden());
            QVERIFY(dialog.findChild<QPushButton*>(QStringLiteral("staffSignRoster"))->isHidden());
        }
        t.db().exec("DELETE FROM staff_roster");
        QVERIFY(!Vault::open(t.dir(), QStringLiteral("lee"), secret("first one-time pass")).ok());
        StaffDialog dialog(t.vault());
        dialog.show();
        auto* warning = dialog.findChild<QLabel*>(QStringLiteral("staffRosterWarning"));
        QVERIFY(warning->isVisible());
        QVERIFY2(warning->text().contains(QStringLiteral("changed outside Clinicdesk")),
                 qPrintable(warning->text()));
        QTest::mouseClick(dialog.findChild<QPushButton*>(QStringLiteral("staffSignRoster")), Qt::LeftButton);
        QVERIFY(!warning->isVisible());
        QVERIFY(Vault::open(t.dir(), QStringLiteral("lee"), secret("first one-time pass")).ok());
    }
};

QTEST_MAIN(TestStaffGui)
#include "tst_staff_gui.moc"
