// Front-desk housekeeping in the real windows: marketing consent, follow-ups done, complaints
// resolved, duplicates merged and the merge undone.
#include "Answers.h"
#include "TestVault.h"
#include "clients/ClientDetailView.h"
#include "clients/ClientMerge.h"
#include "clients/ClientOverview.h"
#include "clients/ClientStore.h"
#include "clients/ConsentDialog.h"
#include "clients/DuplicatesDialog.h"
#include "clients/Interaction.h"
#include "common/Clock.h"
#include "desk/MainWindow.h"
#include "diary/Diary.h"
#include "privacy/Register.h"
#include "privacy/Rights.h"
#include "records/Payments.h"
#include "staff/Accounts.h"
#include "storage/Sql.h"

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QTest>
#include <QTreeWidget>

using namespace cd;
using namespace cd::test;
using namespace cd::ui;

class TestFrontDesk : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { Clock::setSource(nullptr); }

    void consentChangesNeedAMethodAndKeepHistory()
    {
        TestVault t;
        const qint64 id = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        ConsentStore consent(t.db());
        ConsentDialog d(consent, id, 1);
        d.show();
        d.findChild<QCheckBox*>(QStringLiteral("consent_email"))->setChecked(true);
        QTest::mouseClick(d.findChild<QPushButton*>(QStringLiteral("consentSave")), Qt::LeftButton);
        QVERIFY(
            d.findChild<QLabel*>(QStringLiteral("consentError"))->text().contains(QStringLiteral("Say how")));
        QVERIFY(ConsentStore(t.db()).history(id)->isEmpty());
        QTest::keyClicks(d.findChild<QLineEdit*>(QStringLiteral("consentMethod")),
                         QStringLiteral("asked on the phone"));
        QTest::mouseClick(d.findChild<QPushButton*>(QStringLiteral("consentSave")), Qt::LeftButton);
        QCOMPARE(d.result(), int(QDialog::Accepted));
        auto history = ConsentStore(t.db()).history(id);
        QCOMPARE(history->size(), 1);
        QCOMPARE(history->first().method, QStringLiteral("asked on the phone"));
        QCOMPARE(history->first().staffName, QStringLiteral("Manager"));

        t.close();
        auto workspace = std::make_unique<Workspace>(
            std::move(Vault::open(t.dir(), QStringLiteral("manager"), secret(kPassphrase)).value()));
        ClientDetailView view(*workspace);
        view.showClient(id);
        const QString text = view.findChild<QLabel*>(QStringLiteral("consentSummary"))->text();
        QVERIFY(text.contains(QStringLiteral("Yes: Email")));
        QVERIFY(text.contains(QStringLiteral("given (asked on the phone, by Manager)")));
    }

    // The top of the record says what the desk needs before it says hello: the next appointment, the
    // balance, consent, the open request and its deadline, the restriction; the last treatment only for
    // those who may read clinical records.
    void theOverviewSaysWhatTheDeskNeeds()
    {
        Clock::setSource([] { return QDateTime(QDate(2025, 3, 4), QTime(9, 0), Qt::UTC); });
        TestVault t;
        const qint64 id = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 manager = [&] {
            auto st = t.db().prepare("SELECT id FROM staff WHERE username = 'manager'");
            return st.step() ? st.int64(0) : 0;
        }();
        Appointment a;
        a.clientId = id;
        a.treatment = QStringLiteral("Lip filler");
        a.startsAt = QDateTime(QDate(2025, 3, 6), QTime(10, 0));
        a.practitionerId = manager;
        QVERIFY(Diary(t.db()).book(a).ok());
        Payment p;
        p.clientId = id;
        p.amountPence = 4500;
        p.description = QStringLiteral("Deposit");
        QVERIFY(Payments(t.db()).record(p).ok());
        QVERIFY(PrivacyRegister(t.db()).add(id, QStringLiteral("access"), QDate(2025, 3, 1), {}, 0).ok());
        QVERIFY(rights::setRestricted(t.db(), id, true).ok());
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("rita"), QStringLiteral("Rita"), QStringLiteral("receptionist"),
                         secret("rita works the front desk"), KdfParams::forTestsOnly())
                    .ok());
        t.close();
        for (const char* user : {"manager", "rita"}) {
            const bool isManager = QLatin1String(user) == QLatin1String("manager");
            auto workspace = std::make_unique<Workspace>(
                std::move(Vault::open(t.dir(), QLatin1String(user),
                                      secret(isManager ? kPassphrase : "rita works the front desk"))
                              .value()));
            ClientDetailView view(*workspace);
            view.showClient(id);
            auto* o = view.findChild<ClientOverview*>(QStringLiteral("clientOverview"));
            QVERIFY(o->isVisibleTo(&view));
            using Card = ClientOverview::Card;
            QVERIFY2(o->text(Card::Next).startsWith(QStringLiteral("Thu 6 Mar 2025, 10:00")),
                     qPrintable(o->text(Card::Next)));
            QVERIFY(o->text(Card::Next).contains(QStringLiteral("Lip filler with Manager")));
            QVERIFY2(o->text(Card::Balance).startsWith(QStringLiteral("In credit £45.00")),
                     qPrintable(o->text(Card::Balance)));
            QVERIFY(o->text(Card::Consent).startsWith(QStringLiteral("No marketing")));
            QVERIFY2(o->text(Card::Requests).startsWith(QStringLiteral("1 open · Access due")),
                     qPrintable(o->text(Card::Requests)));
            QVERIFY(o->text(Card::Restriction).startsWith(QStringLiteral("Restricted")));
            QCOMPARE(o->text(Card::LastTreatment).section(QStringLiteral(" · "), 0, 0),
                     isManager ? QStringLiteral("None recorded") : QStringLiteral("Practitioners only"));
        }
    }

    void followUpDoneAndComplaintResolved()
    {
        // Logged on the 20th with a follow-up on the 24th: overdue on the 25th.
        Clock::setSource([] { return QDateTime(QDate(2026, 11, 20), QTime(10, 0), Qt::UTC); });
        TestVault t;
        const qint64 id = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        Interaction complaint;
        complaint.clientId = id;
        complaint.kind = InteractionKind::Complaint;
        complaint.body = QStringLiteral("Bruising after treatment");
        complaint.followUpOn = QDate(2026, 11, 24);
        const qint64 cid = InteractionStore(t.db()).add(complaint).value();
        Clock::setSource([] { return QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC); });
        auto opened = Vault::open(t.dir(), QStringLiteral("manager"), secret(kPassphrase));
        t.close();
        MainWindow w(std::make_unique<Workspace>(std::move(opened.value())));
        w.show();
        auto* follow = w.findChild<QTreeWidget*>(QStringLiteral("followUps"));
        QCOMPARE(follow->topLevelItemCount(), 1);
        QCOMPARE(follow->topLevelItem(0)->text(0), QStringLiteral("1 day overdue"));
        follow->setCurrentItem(follow->topLevelItem(0));
        QTest::mouseClick(w.findChild<QPushButton*>(QStringLiteral("followUpDone")), Qt::LeftButton);
        QTRY_COMPARE(follow->topLevelItemCount(), 0);

        w.openClient(id);
        auto* timeline = w.findChild<QTreeWidget*>(QStringLiteral("timeline"));
        auto* resolve = w.findChild<QPushButton*>(QStringLiteral("resolveComplaint"));
        QVERIFY(!resolve->isEnabled());
        timeline->setCurrentItem(timeline->topLevelItem(0));
        QVERIFY(resolve->isEnabled());
        Answers answers([](const Answers::Question& q) {
            return q.multiline ? Answers::text(QStringLiteral("Review appointment; client satisfied"))
                               : Answers::no();
        });
        QTest::mouseClick(resolve, Qt::LeftButton);
        auto items = InteractionStore(w.workspace().db()).timeline(id);
        QCOMPARE(items->first().id, cid);
        QCOMPARE(items->first().complaintStatus, ComplaintStatus::Resolved);
        QCOMPARE(items->first().complaintResolution, QStringLiteral("Review appointment; client satisfied"));
        QTRY_COMPARE(timeline->topLevelItem(0)->text(1), QStringLiteral("Complaint (resolved)"));
    }

    void mergeFromTheDuplicatesListAndUndo()
    {
        TestVault t;
        const qint64 a =
            t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900123"));
        const qint64 b = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor-Bello"),
                                     QStringLiteral("+447700900123"), QStringLiteral("amara@example.com"));
        ClientMerge merge(t.db());
        DuplicatesDialog d(merge, 1);
        d.show();
        auto* pairs = d.findChild<QTreeWidget*>(QStringLiteral("duplicatePairs"));
        QCOMPARE(pairs->topLevelItemCount(), 1);
        QCOMPARE(pairs->topLevelItem(0)->text(2), QStringLiteral("same phone"));
        auto* preview = d.findChild<QLabel*>(QStringLiteral("mergePreview"));
        QVERIFY(preview->text().contains(QStringLiteral("Email amara@example.com added")));
        d.findChild<QRadioButton*>(QStringLiteral("keepSecond"))->setChecked(true);
        QVERIFY(preview->text().startsWith(QStringLiteral("Amara Okafor-Bello is kept")));
        Answers answers([](const Answers::Question&) { return Answers::yes(); });
        QTest::mouseClick(d.findChild<QPushButton*>(QStringLiteral("mergeButton")), Qt::LeftButton);
        QCOMPARE(answers.asked.size(), 1);
        QVERIFY(answers.asked.first().text.contains(QStringLiteral("folded into it")));
        QVERIFY(d.changedSomething());
        QCOMPARE(pairs->topLevelItemCount(), 0);
        QVERIFY(!ClientStore(t.db()).get(a).ok());
        auto* history = d.findChild<QTreeWidget*>(QStringLiteral("mergeHistory"));
        QCOMPARE(history->topLevelItemCount(), 1);
        history->setCurrentItem(history->topLevelItem(0));
        QTest::mouseClick(d.findChild<QPushButton*>(QStringLiteral("undoMerge")), Qt::LeftButton);
        QVERIFY(ClientStore(t.db()).get(a).ok());
        QVERIFY(ClientStore(t.db()).get(b).ok());
        QCOMPARE(history->topLevelItem(0)->text(3), QStringLiteral("undone"));
        QCOMPARE(pairs->topLevelItemCount(), 1);
    }
};

QTEST_MAIN(TestFrontDesk)
#include "tst_frontdesk.moc"
