// Roles are enforced in core, not only by hidden buttons; the audit log detects an edited, deleted
// or re-ordered entry; wrong passphrases slow down; a last day before leaving opens nothing.
#include "Files.h"
#include "FormFixtures.h"
#include "TestVault.h"
#include "audit/AuditLog.h"
#include "clients/ClientMerge.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "common/Clock.h"
#include "diary/Diary.h"
#include "images/ImageStore.h"
#include "privacy/Erasure.h"
#include "privacy/Register.h"
#include "privacy/Rights.h"
#include "privacy/SubjectExport.h"
#include "records/Payments.h"
#include "records/Quotes.h"
#include "records/TreatmentRecords.h"
#include "settings/Settings.h"
#include "signin/SignInThrottle.h"
#include "staff/Accounts.h"
#include "storage/Sql.h"

#include <QTemporaryDir>
#include <QTest>

using namespace cd;
using namespace cd::test;

namespace {

// One vault with a client, an image and a staff member of each role.
struct Desk
{
    TestVault t;
    qint64 client = 0;
    qint64 request = 0;
    qint64 image = 0;
    qint64 practitioner = 0; // a staff row to book with (no sign-in of its own)
    Desk()
    {
        client =
            t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900123"));
        request = PrivacyRegister(t.db())
                      .add(client, QStringLiteral("access"), QDate::currentDate(), {}, 1)
                      .value()
                      .id;
        QImage img(64, 48, QImage::Format_RGB32);
        img.fill(Qt::red);
        const QString path = t.root() + QStringLiteral("/lips.png");
        img.save(path);
        image = ImageStore(t.db()).importFile(client, path, ImageDetails{}, 1).value();
        t.db()
            .prepare("INSERT INTO staff (username, display_name, role, created_at) VALUES ('drpriya', 'Dr "
                     "Priya Shah', 'practitioner', "
                     "'2025-01-01T00:00:00Z')")
            .run();
        practitioner = t.db().lastInsertId();
        for (const char* role : {"receptionist", "practitioner", "manager"}) {
            auto added = Accounts(t.vault()).add(QString::fromLatin1(role).left(5) + QStringLiteral("x"),
                                                 QString::fromLatin1(role), QString::fromLatin1(role),
                                                 secret("one-time passphrase"), KdfParams::forTestsOnly());
            if (!added)
                qFatal("%s", qPrintable(added.message()));
        }
    }
    Status as(const char* role)
    {
        return t.reopen("one-time passphrase", QString::fromLatin1(role).left(5) + QStringLiteral("x"));
    }
};

} // namespace

class TestAccounts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { Clock::setSource(nullptr); }

    void rolesAreEnforcedInCore_data()
    {
        QTest::addColumn<QString>("role");
        QTest::addColumn<QString>("action");
        QTest::addColumn<bool>("allowed");
        const QStringList managerOnly{"list register", "extend", "export",   "erase preview", "erase",
                                      "restrict",      "object", "settings", "add staff",     "read audit"};
        for (const QString& a : managerOnly) {
            QTest::addRow("receptionist: %s", qPrintable(a)) << "receptionist" << a << false;
            QTest::addRow("practitioner: %s", qPrintable(a)) << "practitioner" << a << false;
            QTest::addRow("manager: %s", qPrintable(a)) << "manager" << a << true;
        }
        // A request arrives at the desk, and the month starts that day: whoever is there records it
        // (and sees the client's own requests), without reading the rest of the register.
        for (const char* role : {"receptionist", "practitioner", "manager"}) {
            QTest::addRow("%s: request", role) << role << "request" << true;
            QTest::addRow("%s: client's requests", role) << role << "client's requests" << true;
        }
        QTest::newRow("receptionist: full image") << "receptionist"
                                                  << "full image" << false;
        QTest::newRow("practitioner: full image") << "practitioner"
                                                  << "full image" << true;
        QTest::newRow("receptionist: thumbnail") << "receptionist"
                                                 << "thumbnail" << true;
        QTest::newRow("receptionist: log call") << "receptionist"
                                                << "log call" << true;
        QTest::newRow("receptionist: edit client") << "receptionist"
                                                   << "edit client" << true;
        QTest::newRow("receptionist: merge") << "receptionist"
                                             << "merge" << true;
        // The diary, quotes and payments belong to the front desk; clinical records to practitioners;
        // the recall search (every client who had a batch, with contact details) to managers.
        for (const char* a : {"book", "view diary", "quote", "payment"})
            for (const char* role : {"receptionist", "practitioner", "manager"})
                QTest::addRow("%s: %s", role, a) << role << a << true;
        QTest::newRow("receptionist: treatment record") << "receptionist"
                                                        << "treatment record" << false;
        QTest::newRow("receptionist: read treatment records") << "receptionist"
                                                              << "read treatment records" << false;
        QTest::newRow("practitioner: treatment record") << "practitioner"
                                                        << "treatment record" << true;
        QTest::newRow("practitioner: read treatment records") << "practitioner"
                                                              << "read treatment records" << true;
        QTest::newRow("manager: treatment record") << "manager"
                                                   << "treatment record" << true;
        QTest::newRow("receptionist: batch recall") << "receptionist"
                                                    << "batch recall" << false;
        QTest::newRow("practitioner: batch recall") << "practitioner"
                                                    << "batch recall" << false;
        QTest::newRow("manager: batch recall") << "manager"
                                               << "batch recall" << true;
        QTest::newRow("receptionist: add room") << "receptionist"
                                                << "add room" << false;
        QTest::newRow("manager: add room") << "manager"
                                           << "add room" << true;
    }
    void rolesAreEnforcedInCore()
    {
        QFETCH(QString, role);
        QFETCH(QString, action);
        QFETCH(bool, allowed);
        Desk d;
        QVERIFY(d.as(role.toLatin1().constData()).ok());
        Database& db = d.t.db();
        QTemporaryDir out;
        Status st;
        if (action == QLatin1String("request")) {
            auto r =
                PrivacyRegister(db).add(d.client, QStringLiteral("erasure"), QDate::currentDate(), {}, 0);
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("list register")) {
            auto r = PrivacyRegister(db).list();
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("client's requests")) {
            auto r = PrivacyRegister(db).forClient(d.client);
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("erase preview")) {
            auto r = Erasure(db).plan(d.client);
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("extend"))
            st = PrivacyRegister(db).extend(d.request, QStringLiteral("complex"));
        else if (action == QLatin1String("export")) {
            SubjectExportOptions o;
            o.outPath = out.filePath(QStringLiteral("x.zip"));
            auto r = exportSubject(db, d.client, o);
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("erase")) {
            auto r = Erasure(db).erase(d.client, QStringLiteral("Amara Okafor"), 0, 0);
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("restrict"))
            st = rights::setRestricted(db, d.client, true);
        else if (action == QLatin1String("object"))
            st = rights::objectToMarketing(db, d.client, 0);
        else if (action == QLatin1String("settings"))
            st = ClinicSettings(db).setClinicName(QStringLiteral("Renamed"));
        else if (action == QLatin1String("add staff")) {
            auto r = Accounts(d.t.vault())
                         .add(QStringLiteral("newbie"), {}, QStringLiteral("receptionist"),
                              secret("one-time passphrase"), KdfParams::forTestsOnly());
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("read audit")) {
            auto r = AuditLog(db).query({});
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("full image") || action == QLatin1String("thumbnail")) {
            auto r = ImageStore(db).data(d.image, action == QLatin1String("thumbnail") ? Rendition::Thumbnail
                                                                                       : Rendition::Preview);
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("log call")) {
            Interaction i;
            i.clientId = d.client;
            i.body = QStringLiteral("called");
            auto r = InteractionStore(db).add(i);
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("edit client")) {
            Client c = ClientStore(db).get(d.client).value();
            c.pronouns = QStringLiteral("she/her");
            st = ClientStore(db).update(c);
        } else if (action == QLatin1String("merge")) {
            Client dup;
            dup.firstName = QStringLiteral("A");
            dup.lastName = QStringLiteral("Okafor");
            const qint64 other = ClientStore(db).create(dup).value();
            auto r = ClientMerge(db).merge(d.client, other, 0);
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("book")) {
            Appointment a;
            a.clientId = d.client;
            a.startsAt = QDateTime(QDate::currentDate().addDays(1), QTime(10, 0));
            a.practitionerId = d.practitioner;
            auto r = Diary(db).book(a);
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("view diary")) {
            auto r = Diary(db).day(QDate::currentDate());
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("quote")) {
            Quote q;
            q.clientId = d.client;
            q.items = {{0, QStringLiteral("Lip filler"), 32000, 1}};
            auto r = Quotes(db).create(q);
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("payment")) {
            Payment p;
            p.clientId = d.client;
            p.amountPence = 5000;
            p.description = QStringLiteral("Consultation fee");
            auto r = Payments(db).record(p);
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("treatment record")) {
            TreatmentRecord t;
            t.clientId = d.client;
            t.givenOn = QDate::currentDate();
            t.treatment = QStringLiteral("Lip filler");
            test::signConsent(db, d.client);
            auto r = TreatmentRecords(db).add(t);
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("read treatment records")) {
            auto r = TreatmentRecords(db).forClient(d.client);
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("batch recall")) {
            auto r = TreatmentRecords(db).whoReceivedBatch(QStringLiteral("C3125C3"));
            st = r ? Status{} : Status(r.error());
        } else if (action == QLatin1String("add room")) {
            auto r = Diary(db).addRoom(QStringLiteral("Room 9"));
            st = r ? Status{} : Status(r.error());
        } else
            QFAIL(qPrintable(QStringLiteral("no such action in the test: ") + action));
        QCOMPARE(st.ok(), allowed);
        if (!allowed) {
            QCOMPARE(st.error().kind, Error::Kind::Permission);
            QVERIFY2(st.message().contains(QStringLiteral("ask a manager")), qPrintable(st.message()));
        }
    }

    void auditNamesStaffAndPseudonymsOnly()
    {
        Desk d;
        QVERIFY(d.as("receptionist").ok());
        Client c = ClientStore(d.t.db()).get(d.client).value();
        c.phones.first().number = QStringLiteral("07700 900999");
        QVERIFY(ClientStore(d.t.db()).update(c).ok());
        QVERIFY(d.as("manager").ok());
        auto entries = AuditLog(d.t.db()).query({});
        QVERIFY(entries.ok());
        bool sawEdit = false, sawSignIn = false;
        for (const AuditEntry& e : entries.value()) {
            for (const QString& part : {e.detail, e.subjectRef, e.action})
                QVERIFY2(!part.contains(QStringLiteral("Okafor")) && !part.contains(QStringLiteral("900999")),
                         qPrintable(part));
            if (e.action == QLatin1String("client-edited")) {
                sawEdit = true;
                QCOMPARE(e.staff, QStringLiteral("recepx"));
                QCOMPARE(e.detail, QStringLiteral("phones"));
                QCOMPARE(e.subjectRef, c.subjectRef);
            }
            sawSignIn =
                sawSignIn || (e.action == QLatin1String("sign-in") && e.staff == QLatin1String("recepx"));
        }
        QVERIFY(sawEdit);
        QVERIFY(sawSignIn);
        AuditFilter f;
        f.subjectRef = c.subjectRef;
        for (const AuditEntry& e : AuditLog(d.t.db()).query(f).value())
            QCOMPARE(e.subjectRef, c.subjectRef);
    }

    void tamperingBreaksTheChain_data()
    {
        QTest::addColumn<QString>("tamper");
        QTest::newRow("edit") << "edit";
        QTest::newRow("delete") << "delete";
        QTest::newRow("swap") << "swap";
    }
    void tamperingBreaksTheChain()
    {
        QFETCH(QString, tamper);
        Desk d;
        Database& db = d.t.db();
        auto before = AuditLog(db).verify();
        QVERIFY(before->intact);
        QVERIFY(before->entries >= 6);
        // Someone with the database key and the sqlcipher shell: the triggers are no obstacle to them.
        db.exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete");
        if (tamper == QLatin1String("edit"))
            db.exec("UPDATE audit_log SET staff = 'someone-else' WHERE id = 3");
        else if (tamper == QLatin1String("delete"))
            db.exec("DELETE FROM audit_log WHERE id = 3");
        else
            db.exec("UPDATE audit_log SET id = -1 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = 4; "
                    "UPDATE audit_log SET id = 4 WHERE id = -1");
        auto after = AuditLog(db).verify();
        QVERIFY(!after->intact);
        QVERIFY(after->firstBrokenId == 3 || after->firstBrokenId == 4);
        QVERIFY(!after->problem.isEmpty());
    }

    void theLogIsAppendOnly()
    {
        Desk d;
        QVERIFY_THROWS_EXCEPTION(StorageError, d.t.db().exec("DELETE FROM audit_log"));
        QVERIFY_THROWS_EXCEPTION(StorageError, d.t.db().exec("UPDATE audit_log SET detail = 'x'"));
    }

    void wrongPassphrasesSlowDown()
    {
        QDateTime now(QDate(2026, 11, 25), QTime(9, 0), Qt::UTC);
        Clock::setSource([&now] { return now; });
        TestVault t;
        t.close();
        const QString dir = t.dir();
        for (int i = 0; i < 2; ++i)
            QCOMPARE(Vault::open(dir, QStringLiteral("manager"), secret("wrong one")).error().kind,
                     Error::Kind::WrongSecret);
        QCOMPARE(throttle::secondsToWait(dir, QStringLiteral("manager")), 2);
        auto blocked =
            Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase)); // even the right one waits
        QVERIFY(!blocked.ok());
        QVERIFY(blocked.message().contains(QStringLiteral("Wait 2 second")));
        now = now.addSecs(3);
        QVERIFY(!Vault::open(dir, QStringLiteral("manager"), secret("wrong again")).ok());
        QCOMPARE(throttle::secondsToWait(dir, QStringLiteral("manager")), 4);
        now = now.addSecs(5);
        auto in = Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase));
        QVERIFY(in.ok());
        QCOMPARE(throttle::secondsToWait(dir, QStringLiteral("manager")), 0);
        QVERIFY(AuditLog(in.value()->db()).append(QStringLiteral("test")).ok());
        bool logged = false;
        for (const AuditEntry& e : AuditLog(in.value()->db()).query({}).value())
            logged = logged ||
                     (e.action == QLatin1String("sign-in-failed") && e.detail.startsWith(QLatin1Char('3')));
        QVERIFY(logged);
    }

    void whatIsTypedAsAnAccountNameIsNotKept()
    {
        // A phone number or a client's name typed into the account box by mistake is no account:
        // refused, and not written beside the keyring in plain text. A real account's failures are.
        TestVault t;
        t.close();
        const QString dir = t.dir();
        const QString file = dir + QLatin1Char('/') + QLatin1String(throttle::kFile);
        for (const QString& typed : {QStringLiteral("07700 900123"), QStringLiteral("amara okafor")})
            QCOMPARE(Vault::open(dir, typed, secret("wrong one")).error().kind, Error::Kind::NotFound);
        QVERIFY(!QFile::exists(file) || !readAll(file).contains("07700"));
        QVERIFY(!QFile::exists(file) || !readAll(file).contains("okafor"));
        QCOMPARE(Vault::open(dir, QStringLiteral("manager"), secret("wrong one")).error().kind,
                 Error::Kind::WrongSecret);
        QVERIFY(readAll(file).contains("manager"));
        QVERIFY(!readAll(file).contains("07700") && !readAll(file).contains("okafor"));
    }

    void aLeaverIsLockedOutButStaysInTheLog()
    {
        Desk d;
        QVERIFY(d.as("receptionist").ok());
        QVERIFY(d.as("manager").ok());
        QVERIFY(Accounts(d.t.vault()).remove(QStringLiteral("recepx")).ok());
        auto gone = Vault::open(d.t.dir(), QStringLiteral("recepx"), secret("one-time passphrase"));
        QVERIFY(!gone.ok());
        auto list = Accounts(d.t.vault()).list();
        bool closed = false;
        for (const StaffMember& m : list.value())
            closed = closed || (m.username == QLatin1String("recepx") && !m.active);
        QVERIFY(closed);
        AuditFilter f;
        f.staff = QStringLiteral("recepx");
        QVERIFY(!AuditLog(d.t.db()).query(f)->isEmpty());
        QVERIFY(!Accounts(d.t.vault()).remove(QStringLiteral("managx")).ok()); // not yourself
    }

    void firstSignInMustChangeTheOneTimePassphrase()
    {
        Desk d;
        QVERIFY(d.as("practitioner").ok());
        QVERIFY(Accounts(d.t.vault()).mustChangePassphrase().value());
        QVERIFY(!Accounts(d.t.vault())
                     .changeOwnPassphrase(secret("one-time passphrase"), secret("one-time passphrase"),
                                          KdfParams::forTestsOnly())
                     .ok());
        QVERIFY(Accounts(d.t.vault())
                    .changeOwnPassphrase(secret("one-time passphrase"), secret("my own passphrase"),
                                         KdfParams::forTestsOnly())
                    .ok());
        QVERIFY(!Accounts(d.t.vault()).mustChangePassphrase().value());
        QVERIFY(d.t.reopen("my own passphrase", QStringLiteral("practitioner")).ok() ==
                false); // account names are as created
        QVERIFY(d.t.reopen("my own passphrase", QStringLiteral("practx")).ok());
    }

    void guessablePassphrasesAreRefusedWhereverOneIsSet_data()
    {
        // Given to the new account "newbie" (and the new vault's first account), chosen by "practx".
        QTest::addColumn<QString>("forNewbie");
        QTest::addColumn<QString>("forPractx");
        QTest::newRow("a common password") << QStringLiteral("password") << QStringLiteral("password");
        QTest::newRow("with a capital and a digit")
            << QStringLiteral("Password1") << QStringLiteral("Password1");
        QTest::newRow("a keyboard row") << QStringLiteral("qwertyuiop") << QStringLiteral("qwertyuiop");
        // Strong as text (65 bits), guessed at once by someone who knows whose it is.
        QTest::newRow("the account name twice")
            << QStringLiteral("Newbie&Newbie") << QStringLiteral("Practx&Practx");
        QTest::newRow("the program's name") << QStringLiteral("clinicdesk1") << QStringLiteral("clinicdesk1");
        QTest::newRow("too short") << QStringLiteral("Zq9!x") << QStringLiteral("Zq9!x");
    }

    void guessablePassphrasesAreRefusedWhereverOneIsSet()
    {
        QFETCH(QString, forNewbie);
        QFETCH(QString, forPractx);
        const QByteArray bytes = forNewbie.toUtf8(), own = forPractx.toUtf8();
        // A manager giving a colleague one, a colleague choosing her own, a new vault: all refused,
        // with the reason, and nothing written.
        Desk d;
        auto added =
            Accounts(d.t.vault())
                .add(QStringLiteral("newbie"), QStringLiteral("New Bie"), QStringLiteral("receptionist"),
                     secret(bytes.constData()), KdfParams::forTestsOnly());
        QVERIFY(!added.ok());
        QVERIFY2(added.message().contains(QStringLiteral("refused")), qPrintable(added.message()));
        QVERIFY(!staff::byUsername(d.t.db(), QStringLiteral("newbie")).ok());

        QVERIFY(d.as("practitioner").ok());
        const Status changed = Accounts(d.t.vault())
                                   .changeOwnPassphrase(secret("one-time passphrase"),
                                                        secret(own.constData()), KdfParams::forTestsOnly());
        QVERIFY(!changed.ok());
        QVERIFY2(changed.message().contains(QStringLiteral("refused")), qPrintable(changed.message()));
        QVERIFY(Accounts(d.t.vault()).mustChangePassphrase().value());
        QVERIFY(d.t.reopen("one-time passphrase", QStringLiteral("practx")).ok()); // still hers

        QTemporaryDir dir;
        Vault::CreateOptions o;
        o.dir = dir.filePath(QStringLiteral("vault"));
        o.username = QStringLiteral("newbie");
        o.kdf = KdfParams::forTestsOnly();
        auto created = Vault::create(o, secret(bytes.constData()));
        QVERIFY(!created.ok());
        QVERIFY2(created.message().contains(QStringLiteral("refused")), qPrintable(created.message()));
        QVERIFY(!Vault::exists(o.dir));
    }
};

QTEST_MAIN(TestAccounts) // the export draws a PDF: QtGui needs an application object
#include "tst_accounts.moc"
