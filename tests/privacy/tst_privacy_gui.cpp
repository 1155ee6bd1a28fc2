// Stories 5 and 6 in the real window: a subject-access request recorded with its deadline and
// answered with an export; "please delete everything" answered with an erasure confirmed by name.
#include "Answers.h"
#include "GuiHelpers.h"
#include "TestVault.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "common/Clock.h"
#include "desk/MainWindow.h"
#include "privacy/BankHolidayDialog.h"
#include "privacy/BankHolidays.h"
#include "privacy/EraseDialog.h"
#include "privacy/ExportDialog.h"
#include "privacy/NewRequestDialog.h"
#include "privacy/Register.h"
#include "privacy/RegisterDialog.h"
#include "privacy/RetentionDialog.h"
#include "storage/Sql.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
#include <QTreeWidget>

using namespace cd;
using namespace cd::test;
using namespace cd::ui;

class TestPrivacyGui : public QObject
{
    Q_OBJECT
    QTemporaryDir m_out;

    std::unique_ptr<MainWindow> window(TestVault& t)
    {
        auto opened = Vault::open(t.dir(), QStringLiteral("manager"), secret(kPassphrase));
        t.close();
        auto w = std::make_unique<MainWindow>(std::make_unique<Workspace>(std::move(opened.value())));
        w->show();
        return w;
    }

private Q_SLOTS:
    void accessRequestAnsweredWithAnExport()
    {
        TestVault t;
        const qint64 id =
            t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900123"));
        auto w = window(t);
        w->openClient(id);
        w->findChild<QTabWidget*>(QStringLiteral("clientTabs"))
            ->setCurrentWidget(w->findChild<QWidget*>(QStringLiteral("privacyTab")));

        const QDate due = PrivacyRegister(w->workspace().db()).dueFor(QDate::currentDate());
        auto* extend = w->findChild<QPushButton*>(QStringLiteral("extendRequest"));
        auto* done = w->findChild<QPushButton*>(QStringLiteral("completeRequest"));
        QVERIFY(!extend->isEnabled() && !done->isEnabled()); // no request to act on yet
        whenModal<NewRequestDialog>([&](NewRequestDialog* d) {
            auto* type = d->findChild<QComboBox*>(QStringLiteral("requestType"));
            type->setCurrentIndex(type->findData(QStringLiteral("access")));
            QVERIFY(d->findChild<QLabel*>(QStringLiteral("requestDue"))
                        ->text()
                        .contains(QString::number(due.day())));
            // How identity was checked is picked from the methods; there is nowhere to type a document.
            auto* identity = d->findChild<QComboBox*>(QStringLiteral("requestIdentity"));
            QVERIFY(identity && !identity->isEditable());
            identity->setCurrentIndex(identity->findData(QStringLiteral("called_back_on_file")));
            QCOMPARE(identity->currentText(), QStringLiteral("Called back on the number on file"));
            QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("requestSave")), Qt::LeftButton);
        });
        QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("newRequest")), Qt::LeftButton);
        auto* requests = w->findChild<QTreeWidget*>(QStringLiteral("clientRequests"));
        QCOMPARE(requests->topLevelItemCount(), 1);
        QVERIFY(requests->topLevelItem(0)->text(3).contains(QStringLiteral("day(s) left")) ||
                requests->topLevelItem(0)->text(3).contains(QStringLiteral("days left")));
        QVERIFY(extend->isEnabled() && done->isEnabled());
        // OK with no reason is refused with the reason why; one extension is all the law allows.
        QString reasonTyped;
        Answers answers([&](const Answers::Question& q) {
            return q.kind == Answers::Question::Kind::Text ? Answers::text(reasonTyped) : Answers::no();
        });
        const auto extendWith = [&](const QString& reason) {
            reasonTyped = reason;
            QTest::mouseClick(extend, Qt::LeftButton);
        };
        extendWith(QString());
        QVERIFY(w->findChild<QLabel*>(QStringLiteral("privacyMessage"))
                    ->text()
                    .contains(QStringLiteral("needs a reason")));
        QVERIFY(extend->isEnabled());
        extendWith(QStringLiteral("complex: three years of records"));
        QVERIFY(!extend->isEnabled());
        QVERIFY(done->isEnabled());
        const QDate extended = PrivacyRegister(w->workspace().db()).list()->first().due;
        QVERIFY(extended > due.addMonths(1));

        const QString zip = m_out.filePath(QStringLiteral("amara-sar.zip"));
        Answers saveTo([zip](const Answers::Question& q) {
            return q.kind == Answers::Question::Kind::SaveFile ? Answers::file(zip) : Answers::no();
        });
        whenModal<ExportDialog>([](ExportDialog* d) {
            QTest::mouseClick(d->findChild<QPushButton*>(QStringLiteral("exportRun")), Qt::LeftButton);
        });
        QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("exportData")), Qt::LeftButton);
        QTRY_VERIFY(QFile::exists(zip));
        QProcess unzip;
        unzip.start(QStringLiteral("unzip"), {QStringLiteral("-t"), zip});
        QVERIFY(unzip.waitForFinished());
        QCOMPARE(unzip.exitCode(), 0);
        auto r = PrivacyRegister(w->workspace().db()).list();
        QCOMPARE(r->first().files.size(), 1);
        QCOMPARE(r->first().due, extended);
        // The export answered the request: the desk says so, naming the file, and marks it answered.
        QCOMPARE(r->first().status, RequestStatus::Done);
        const QString said = w->findChild<QLabel*>(QStringLiteral("privacyMessage"))->text();
        QVERIFY2(said.contains(QStringLiteral("amara-sar.zip")) &&
                     said.contains(QStringLiteral("marked answered")),
                 qPrintable(said));
        QVERIFY(requests->topLevelItem(0)->text(3).startsWith(QStringLiteral("answered")));

        RegisterDialog reg(w->workspace().privacy());
        auto* list = reg.findChild<QTreeWidget*>(QStringLiteral("register"));
        QCOMPARE(list->topLevelItemCount(), 1);
        QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("Amara Okafor"));
        QCOMPARE(list->topLevelItem(0)->text(6), QStringLiteral("amara-sar.zip"));

        // Answered: nothing left to extend or mark.
        QVERIFY(!requests->topLevelItem(0)->text(3).contains(QStringLiteral("left")));
        QVERIFY(!extend->isEnabled() && !done->isEnabled());
    }

    // A password typo is said, and the message goes as soon as the two agree; messages coming and
    // going do not change the dialog's width.
    void aPasswordMismatchClearsOnceMended()
    {
        TestVault t;
        const qint64 id = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        auto w = window(t);
        ExportDialog d(w->workspace(), id, 0);
        d.show();
        QVERIFY(QTest::qWaitForWindowExposed(&d));
        const int width = d.width();
        auto* password = d.findChild<QLineEdit*>(QStringLiteral("exportPassword"));
        auto* repeat = d.findChild<QLineEdit*>(QStringLiteral("exportRepeat"));
        auto* status = d.findChild<QLabel*>(QStringLiteral("exportStatus"));
        QTest::keyClicks(password, QStringLiteral("correct horse"));
        QTest::keyClicks(repeat, QStringLiteral("correct hose"));
        QTest::mouseClick(d.findChild<QPushButton*>(QStringLiteral("exportRun")), Qt::LeftButton);
        QCOMPARE(status->text(), QStringLiteral("The two passwords differ."));
        QCOMPARE(d.width(), width);
        repeat->clear();
        QTest::keyClicks(repeat, QStringLiteral("correct horse"));
        QCOMPARE(status->text(), QString());
        // A long message wraps in place.
        status->setText(QString(300, QLatin1Char('x')).replace(QLatin1Char('x'), QStringLiteral("word ")));
        QApplication::processEvents();
        QCOMPARE(d.width(), width);
    }

    void deleteEverythingConfirmedByName()
    {
        TestVault t;
        const qint64 id =
            t.addClient(QStringLiteral("Zoë"), QStringLiteral("O'Brien"), QStringLiteral("07700 900789"));
        t.addClient(QStringLiteral("Someone"), QStringLiteral("Else"));
        auto w = window(t);
        w->openClient(id);
        whenModal<EraseDialog>([](EraseDialog* d) {
            const QString preview = d->findChild<QLabel*>(QStringLiteral("erasePreview"))->text();
            QVERIFY(preview.contains(QStringLiteral("Contact details")));
            QCOMPARE(preview.count(QStringLiteral("Contact details")), 1); // one line per category
            QVERIFY(preview.contains(QStringLiteral("register will record this as an erasure request")));
            auto* run = d->findChild<QPushButton*>(QStringLiteral("eraseRun"));
            auto* confirm = d->findChild<QLineEdit*>(QStringLiteral("eraseConfirm"));
            QTest::keyClicks(confirm, QStringLiteral("Zoe"));
            QVERIFY(!run->isEnabled());
            QTest::keyClicks(confirm, QStringLiteral(" OBrien"));
            QVERIFY(run->isEnabled()); // accents and apostrophes do not matter
            QTest::mouseClick(run, Qt::LeftButton);
        });
        QTest::mouseClick(w->findChild<QPushButton*>(QStringLiteral("eraseClient")), Qt::LeftButton);
        QTRY_VERIFY(!ClientStore(w->workspace().db()).get(id).ok());
        QCOMPARE(w->currentClientId(), qint64(0));
        QCOMPARE(ClientStore(w->workspace().db()).count().value(), qint64(1));
        QCOMPARE(w->workspace().vault().erasureLedger()->size(), 1);
        // Story 6: the register shows the erasure request, done today.
        auto reg = PrivacyRegister(w->workspace().db()).list().value();
        QCOMPARE(reg.size(), 1);
        QCOMPARE(reg.first().type, RequestType::Erasure);
        QCOMPARE(reg.first().status, RequestStatus::Done);
        QCOMPARE(reg.first().completed, QDate::currentDate());
    }

    void retentionReviewErasesTheTickedRecords()
    {
        TestVault t;
        // Two enquiries last heard from three years ago, one last week.
        QList<qint64> ids;
        const QDateTime real = QDateTime::currentDateTimeUtc();
        for (const auto& [first, last, ago] :
             {std::tuple{"Olive", "Oldest", 3 * 365}, std::tuple{"Peter", "Past", 3 * 365 + 20},
              std::tuple{"Nina", "Newer", 7}}) {
            Clock::setSource([real, ago = ago] { return real.addDays(-ago); });
            ids << t.addClient(QString::fromUtf8(first), QString::fromUtf8(last));
        }
        Clock::setSource(nullptr);
        auto w = window(t);
        int shown = 0;
        whenModal<RetentionDialog>([&](RetentionDialog* d) {
            auto* list = d->findChild<QTreeWidget*>(QStringLiteral("retentionList"));
            shown = list->topLevelItemCount();
            QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("Peter Past")); // oldest first
            QCOMPARE(list->topLevelItem(0)->checkState(0), Qt::Checked);
            list->topLevelItem(0)->setCheckState(0, Qt::Unchecked); // keep Peter for now
            auto* confirm = d->findChild<QLineEdit*>(QStringLiteral("retentionConfirm"));
            auto* erase = d->findChild<QPushButton*>(QStringLiteral("retentionErase"));
            QTest::keyClicks(confirm, QStringLiteral("2"));
            QVERIFY(!erase->isEnabled()); // one is ticked: "2" does not confirm
            confirm->clear();
            QTest::keyClicks(confirm, QStringLiteral("1"));
            QVERIFY(erase->isEnabled());
            QTest::mouseClick(erase, Qt::LeftButton);
            QCOMPARE(list->topLevelItemCount(), 1);
            QCOMPARE(list->topLevelItem(0)->text(0), QStringLiteral("Peter Past"));
            QVERIFY(d->findChild<QLabel*>(QStringLiteral("retentionSummary"))
                        ->text()
                        .contains(QStringLiteral("Erased 1")));
            d->accept();
        });
        auto* action = w->findChild<QAction*>(QStringLiteral("actionRetention"));
        QVERIFY(action && action->isEnabled());
        action->trigger();
        QCOMPARE(shown, 2);
        auto left = w->workspace().db().prepare("SELECT first_name FROM clients ORDER BY id");
        QStringList names;
        while (left.step())
            names << left.text(0);
        QCOMPARE(names, (QStringList{"Peter", "Nina"}));
    }

    void bankHolidayChangeShowsInTheYearAndCanBeTakenBack()
    {
        TestVault t;
        BankHolidayChanges store(t.db());
        BankHolidayDialog d(store, QStringLiteral("england-wales"));
        d.show();
        auto* year = d.findChild<QSpinBox*>(QStringLiteral("holidayYear"));
        year->setValue(2027);
        auto* holidays = d.findChild<QListWidget*>(QStringLiteral("holidayList"));
        QCOMPARE(holidays->count(), 8); // England and Wales: eight a year
        auto* changes = d.findChild<QTreeWidget*>(QStringLiteral("holidayChanges"));
        const int before = changes->topLevelItemCount();

        d.findChild<QDateEdit*>(QStringLiteral("holidayDay"))->setDate(QDate(2027, 6, 4));
        QTest::mouseClick(d.findChild<QPushButton*>(QStringLiteral("holidayAdd")), Qt::LeftButton);
        QVERIFY(d.findChild<QLabel*>(QStringLiteral("holidayError"))
                    ->text()
                    .contains(QStringLiteral("Say what")));
        QTest::keyClicks(d.findChild<QLineEdit*>(QStringLiteral("holidayNote")),
                         QStringLiteral("A royal occasion"));
        QTest::mouseClick(d.findChild<QPushButton*>(QStringLiteral("holidayAdd")), Qt::LeftButton);
        QCOMPARE(d.findChild<QLabel*>(QStringLiteral("holidayError"))->text(), QString());
        QCOMPARE(changes->topLevelItemCount(), before + 1);
        QCOMPARE(holidays->count(), 9);
        QVERIFY(!holidays->findItems(QStringLiteral("Friday 4 June"), Qt::MatchExactly).isEmpty());

        changes->setCurrentItem(changes->topLevelItem(0)); // newest first
        QTest::mouseClick(d.findChild<QPushButton*>(QStringLiteral("holidayRemove")), Qt::LeftButton);
        QCOMPARE(changes->topLevelItemCount(), before);
        QCOMPARE(holidays->count(), 8);
    }
};

QTEST_MAIN(TestPrivacyGui)
#include "tst_privacy_gui.moc"
