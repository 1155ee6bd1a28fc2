// A disk that fails or fills up in the middle of a save. For every write operation the front desk
// can do, each read, write and sync it performs is made to fail in turn (N = 1..k); every time the
// user gets a message saying what happened and that nothing was saved, the vault is exactly as it
// was, it opens again and passes integrity_check, and trying again once the disk is back works.
#include "FaultVfs.h"
#include "Files.h"
#include "TestVault.h"
#include "VaultData.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "importing/ClientImport.h"
#include "staff/Accounts.h"
#include "storage/Sql.h"

#include <QDir>
#include <QProcess>
#include <QTest>
#include <csignal>
#include <grp.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace cd;
using namespace cd::test;

namespace {

constexpr uid_t kNobody = 65534;

Client sampleClient()
{
    Client c;
    c.firstName = QStringLiteral("Maëlle");
    c.lastName = QStringLiteral("Durand");
    c.phones.append({QStringLiteral("mobile"), QStringLiteral("07700 900321"), QString()});
    c.emails.append({QStringLiteral("personal"), QStringLiteral("maelle@example.com")});
    PostalAddress a;
    a.line1 = QStringLiteral("4 Harbour Row");
    a.postcode = QStringLiteral("BS1 4RB");
    c.addresses.append(a);
    c.tags << QStringLiteral("lips");
    return c;
}

// One save the front desk can make; `existing` is a client already in the vault.
Status runOperation(const QString& op, Vault& v, qint64 existing)
{
    Database& db = v.db();
    if (op == QLatin1String("create client")) {
        auto id = ClientStore(db).create(sampleClient());
        return id ? Status() : id.error();
    }
    if (op == QLatin1String("update client")) {
        auto c = ClientStore(db).get(existing);
        if (!c)
            return c.error();
        c->lastName = QStringLiteral("Okafor-Hale");
        c->phones = {{QStringLiteral("work"), QStringLiteral("020 7946 0018"), QString()}};
        c->emails.append({QStringLiteral("work"), QStringLiteral("amara@work.example")});
        return ClientStore(db).update(c.value());
    }
    if (op == QLatin1String("add interaction")) {
        Interaction i;
        i.clientId = existing;
        i.body = QStringLiteral("Called about tear trough filler; sending prices by email.");
        i.followUpOn = QDate(2030, 1, 7);
        auto id = InteractionStore(db).add(i);
        return id ? Status() : id.error();
    }
    if (op == QLatin1String("record consent"))
        return ConsentStore(db).record(existing, ContactChannel::Sms, true,
                                       QStringLiteral("verbally on the phone"), 1);
    if (op == QLatin1String("import csv")) {
        auto table = csv::parse("Name,Email,Mobile,Message\n"
                                "Ines Carvalho,ines@example.com,07700 900401,Lip filler prices?\n"
                                "Tom Reid,tom.reid@example.com,07700 900402,\n"
                                "Hana Sato,hana@example.com,+44 7700 900403,Booked a consultation\n");
        if (!table)
            return table.error();
        auto report = ClientImport::run(db, table.value(), ClientImport::guessMapping(table->header), 1);
        if (!report)
            return report.error();
        return report->imported == 3 ? Status()
                                     : makeError(Error::Kind::Failed, QStringLiteral("import rejected rows"));
    }
    qFatal("unknown operation %s", qPrintable(op));
}

std::unique_ptr<Vault> openVault(const QString& dir)
{
    auto v = Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase));
    if (!v)
        qFatal("cannot open %s: %s", qPrintable(dir), qPrintable(v.message()));
    return std::move(v.value());
}

// The keyring is a plain file written by Qt, outside the fault VFS. Its writes are the three
// account operations a manager or a colleague makes; `tom` is a second account.
const char* const kTomPassphrase = "tom's own passphrase 7";

Status runKeyringOperation(const QString& op, Vault& v)
{
    Accounts accounts(v);
    if (op == QLatin1String("add account")) {
        auto added = accounts.add(QStringLiteral("priya"), QStringLiteral("Priya Shah"),
                                  QStringLiteral("receptionist"), secret("one-time-pass-1234"),
                                  KdfParams::forTestsOnly());
        return added ? Status() : Status(added.error());
    }
    if (op == QLatin1String("remove account"))
        return accounts.remove(QStringLiteral("tom"));
    if (op == QLatin1String("change passphrase"))
        return accounts.changeOwnPassphrase(secret(kPassphrase), secret("a brand new passphrase 9"),
                                            KdfParams::forTestsOnly());
    qFatal("unknown keyring operation %s", qPrintable(op));
}

// A vault with two accounts, closed: manager (kPassphrase) and tom (kTomPassphrase).
void addTom(TestVault& t)
{
    auto tom = Accounts(t.vault()).add(QStringLiteral("tom"), QStringLiteral("Tom Reid"),
                                       QStringLiteral("practitioner"), secret(kTomPassphrase),
                                       KdfParams::forTestsOnly());
    if (!tom)
        qFatal("cannot add tom: %s", qPrintable(tom.message()));
    t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900123"));
    t.close();
}

QStringList keyringFolderFiles(const QString& dir)
{
    QStringList files = QDir(dir).entryList(QDir::Files | QDir::Hidden);
    files.removeAll(QStringLiteral("clinicdesk.db-wal"));
    files.removeAll(QStringLiteral("clinicdesk.db-shm"));
    return files;
}

// What a failed keyring write must leave: the same keyring, no temporary file beside it, both old
// passphrases opening the vault, tom still an open account, no priya.
void checkKeyringUnchanged(TestVault& t, const QByteArray& keyringBefore, const QStringList& filesBefore)
{
    QCOMPARE(readAll(Vault::keyringPath(t.dir())), keyringBefore);
    QCOMPARE(keyringFolderFiles(t.dir()), filesBefore);
    QVERIFY(Vault::open(t.dir(), QStringLiteral("tom"), secret(kTomPassphrase)).ok());
    QVERIFY(t.reopen().ok());
    auto staff = Accounts(t.vault()).list();
    QVERIFY(staff.ok());
    QStringList open;
    for (const StaffMember& m : staff.value())
        if (m.active)
            open << m.username;
    open.sort();
    QCOMPARE(open, (QStringList{QStringLiteral("manager"), QStringLiteral("tom")}));
    QCOMPARE(Vault::accounts(t.dir()).value(),
             (QStringList{QStringLiteral("manager"), QStringLiteral("tom")}));
}

void checkKeyringMessage(const Status& st)
{
    QVERIFY(!st.ok());
    QCOMPARE(st.error().kind, Error::Kind::Io);
    QVERIFY2(st.message().contains(QStringLiteral("Cannot save the keyring")) &&
                 st.message().contains(QStringLiteral("Nothing was changed")) &&
                 st.message().contains(QStringLiteral("passphrase it had")) &&
                 st.message().contains(QStringLiteral("disk is not full")),
             qPrintable(st.message()));
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT
    int m_trials = 0;

private Q_SLOTS:
    void cleanupTestCase()
    {
        qInfo("faults injected: %d in %d failed saves, every one reported and rolled back",
              FaultVfs::injectedTotal(), m_trials);
    }

    void everyFailingStepIsReportedAndRolledBack_data()
    {
        QTest::addColumn<QString>("op");
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("code");
        QTest::addColumn<bool>("sticky");
        QTest::addColumn<QString>("says");
        const QStringList ops{"create client", "update client", "add interaction", "record consent",
                              "import csv"};
        for (const QString& op : ops) {
            const QByteArray o = op.toUtf8();
            QTest::newRow(o + ": disk full")
                << op << int(FaultVfs::Op::Write) << SQLITE_FULL << true << "disk is full";
            QTest::newRow(o + ": write error")
                << op << int(FaultVfs::Op::Write) << SQLITE_IOERR_WRITE << false << "input/output error";
            QTest::newRow(o + ": sync error")
                << op << int(FaultVfs::Op::Sync) << SQLITE_IOERR_FSYNC << false << "input/output error";
            QTest::newRow(o + ": read error")
                << op << int(FaultVfs::Op::Read) << SQLITE_IOERR_READ << false << "input/output error";
        }
    }

    void everyFailingStepIsReportedAndRolledBack()
    {
        QFETCH(QString, op);
        QFETCH(int, kind);
        QFETCH(int, code);
        QFETCH(bool, sticky);
        QFETCH(QString, says);
        const auto faultOp = FaultVfs::Op(kind);

        TestVault seed;
        const qint64 amara =
            seed.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900123"),
                           QStringLiteral("amara@example.com"));
        seed.addClient(QStringLiteral("Zoë"), QStringLiteral("O'Brien"), QStringLiteral("07700 900456"));
        seed.close();
        FaultVfsScope vfs;

        // How many of these steps the operation takes when nothing fails.
        QTemporaryDir counting;
        QVERIFY(copyFolder(seed.dir(), counting.path()));
        int steps = 0;
        {
            auto v = openVault(counting.path());
            FaultVfs::clear();
            const Status st = runOperation(op, *v, amara);
            QVERIFY2(st.ok(), qPrintable(st.ok() ? QString() : st.message()));
            steps = FaultVfs::count(faultOp);
        }
        if (faultOp != FaultVfs::Op::Read)
            QVERIFY2(steps > 0, "a save that never writes or syncs cannot have been saved");

        for (int n = 1; n <= steps + 1; ++n) {
            const QByteArray where = QStringLiteral("%1 of %2 steps failing").arg(n).arg(steps).toUtf8();
            QTemporaryDir work;
            QVERIFY(copyFolder(seed.dir(), work.path()));
            // Read on a connection of its own, so the one that saves starts as cold as when counting.
            QString before;
            {
                auto reader = openVault(work.path());
                before = dumpData(reader->db());
            }
            auto v = openVault(work.path());
            FaultVfs::failAt(faultOp, n, code, sticky);
            const Status st = runOperation(op, *v, amara);
            const bool fired = FaultVfs::fired();
            FaultVfs::clear(); // the disk is back
            if (n > steps) {
                // One past the last step: nothing fails, so the save must go through.
                QVERIFY2(!fired && st.ok(), where);
                break;
            }
            QVERIFY2(fired, where);
            ++m_trials;
            QVERIFY2(!st.ok(), where);
            QCOMPARE(st.error().kind, Error::Kind::Io);
            QVERIFY2(st.message().contains(says) &&
                         st.message().contains(QStringLiteral("Nothing was saved")),
                     qPrintable(QString::fromUtf8(where) + QStringLiteral(": ") + st.message()));
            // What the open program shows now is what was there before.
            QCOMPARE(dumpData(v->db()), before);
            // Closed and opened again, the file is sound and holds the same data.
            v.reset();
            v = openVault(work.path());
            QCOMPARE(integrityCheck(v->db()), QStringList{QStringLiteral("ok")});
            QCOMPARE(dumpData(v->db()), before);
            // The message said "try again": it works.
            const Status retry = runOperation(op, *v, amara);
            QVERIFY2(retry.ok(), qPrintable(retry.ok() ? QString() : retry.message()));
            QVERIFY(dumpData(v->db()) != before);
        }
    }

    void readOnlyVaultIsRefusedWithAClearMessage()
    {
        TestVault t;
        t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900123"));
        t.close();
        const auto before = snapshot(t.dir());
        FaultVfsScope vfs;
        // Permission bits do not stop root (CI runs as root), so there the fault VFS plays the read-only
        // folder: existing files open read-only and nothing can be created, as the unix VFS does on EACCES.
        // The real chmod path is checked by readOnlyFolderForAnOrdinaryUser below.
        const bool root = ::geteuid() == 0;
        if (root) {
            FaultVfs::setReadOnly(true);
        } else {
            QVERIFY(QFile::setPermissions(Vault::databasePath(t.dir()), QFileDevice::ReadOwner));
            QVERIFY(QFile::setPermissions(t.dir(), QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        }
        auto v = Vault::open(t.dir(), QStringLiteral("manager"), secret(kPassphrase));
        if (!root)
            QFile::setPermissions(t.dir(),
                                  QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        FaultVfs::setReadOnly(false);
        QVERIFY(!v.ok());
        QCOMPARE(v.error().kind, Error::Kind::Io);
        QVERIFY2(v.message().contains(QStringLiteral("read-only")) &&
                     v.message().contains(QStringLiteral("folder you can write to")),
                 qPrintable(v.message()));
        QCOMPARE(snapshot(t.dir()), before);
    }

    void readOnlyFolderForAnOrdinaryUser()
    {
        // The real thing: folder 0500, files 0400, and the real clinicdesk-cli run by a user the bits
        // apply to. As root (CI) the child process drops to "nobody" before it starts.
        TestVault t;
        t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900123"));
        t.close();
        const QByteArray dir = QFile::encodeName(t.dir());
        const bool root = ::geteuid() == 0;
        for (const QFileInfo& fi : QDir(t.dir()).entryInfoList(QDir::Files)) {
            QVERIFY(::chmod(QFile::encodeName(fi.filePath()).constData(), 0400) == 0);
            if (root)
                QVERIFY(::chown(QFile::encodeName(fi.filePath()).constData(), kNobody, kNobody) == 0);
        }
        QVERIFY(::chmod(dir.constData(), 0500) == 0);
        if (root) {
            QVERIFY(::chown(dir.constData(), kNobody, kNobody) == 0);
            QVERIFY(::chown(QFile::encodeName(t.root()).constData(), kNobody, kNobody) == 0);
        }
        const auto before = snapshot(t.dir());
        QProcess cli;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("CLINICDESK_PASSPHRASE"), QString::fromUtf8(kPassphrase));
        cli.setProcessEnvironment(env);
        if (root)
            cli.setChildProcessModifier([] {
                if (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)
                    ::_exit(97);
            });
        cli.start(qEnvironmentVariable("CLINICDESK_CLI"),
                  {QStringLiteral("verify"), QStringLiteral("--vault"), t.dir()});
        QVERIFY2(cli.waitForStarted(10000),
                 qPrintable(QStringLiteral("CLINICDESK_CLI=%1: %2")
                                .arg(qEnvironmentVariable("CLINICDESK_CLI"), cli.errorString())));
        QVERIFY(cli.waitForFinished(30000));
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        ::chmod(dir.constData(), 0700); // so the temporary folder can be removed
        QCOMPARE(cli.exitCode(), 1);
        QVERIFY2(err.contains(QStringLiteral("is read-only")) &&
                     err.contains(QStringLiteral("folder you can write to")),
                 qPrintable(err));
        QCOMPARE(snapshot(t.dir()), before);
    }
    void keyringWriteOnAFullDiskChangesNothing_data()
    {
        QTest::addColumn<QString>("op");
        for (const char* op : {"add account", "remove account", "change passphrase"})
            QTest::newRow(op) << QString::fromLatin1(op);
    }

    void keyringWriteOnAFullDiskChangesNothing()
    {
        // The disk fills up in the middle of writing the new keyring: the process may not make any
        // file longer than 100 bytes (RLIMIT_FSIZE applies to root too), so the write fails with
        // EFBIG after the temporary file exists, as it would with ENOSPC.
        QFETCH(QString, op);
        TestVault t;
        addTom(t);
        const QByteArray before = readAll(Vault::keyringPath(t.dir()));
        const QStringList files = keyringFolderFiles(t.dir());
        QVERIFY(t.reopen().ok());
        struct rlimit old
        {
        };
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &old), 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        struct rlimit small = old;
        small.rlim_cur = 100;
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        const Status st = runKeyringOperation(op, t.vault());
        ::setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, previousHandler);
        checkKeyringMessage(st);
        t.close();
        checkKeyringUnchanged(t, before, files);
        // Once the disk has room again the same operation works.
        QVERIFY2(runKeyringOperation(op, t.vault()).ok(), qPrintable(op));
    }

    void keyringWriteInAReadOnlyFolderChangesNothing_data() { keyringWriteOnAFullDiskChangesNothing_data(); }

    void keyringWriteInAReadOnlyFolderChangesNothing()
    {
        // The folder turns read-only while the vault is open (a share remounted, permissions changed):
        // the database files are still writable, but no new file can be made beside them. Permission
        // bits do not stop root, so the operation runs in a child process as "nobody" that owns the vault.
        QFETCH(QString, op);
        TestVault t;
        addTom(t);
        const QByteArray before = readAll(Vault::keyringPath(t.dir()));
        const QStringList files = keyringFolderFiles(t.dir());
        const bool root = ::geteuid() == 0;
        const QByteArray dir = QFile::encodeName(t.dir());
        if (root) {
            QVERIFY(::chown(dir.constData(), kNobody, kNobody) == 0);
            for (const QFileInfo& fi : QDir(t.dir()).entryInfoList(QDir::Files | QDir::Hidden))
                QVERIFY(::chown(QFile::encodeName(fi.filePath()).constData(), kNobody, kNobody) == 0);
        }
        const QString messageFile = QDir(t.root()).filePath(QStringLiteral("message.txt"));
        if (root)
            QVERIFY(::chmod(QFile::encodeName(t.root()).constData(), 0777) == 0);
        std::fflush(nullptr);
        const pid_t child = ::fork();
        QVERIFY(child >= 0);
        if (child == 0) {
            if (root && (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0))
                ::_exit(97);
            auto v = Vault::open(t.dir(), QStringLiteral("manager"), secret(kPassphrase));
            if (!v)
                ::_exit(98);
            if (::chmod(dir.constData(), 0500) != 0)
                ::_exit(99);
            const Status st = runKeyringOperation(op, *v.value());
            {
                QFile out(messageFile);
                if (out.open(QIODevice::WriteOnly))
                    out.write(st.ok()
                                  ? QByteArray("ok")
                                  : (QByteArray::number(int(st.error().kind)) + ' ' + st.message().toUtf8()));
            }
            v.value().reset();
            ::_exit(0);
        }
        int status = 0;
        QCOMPARE(::waitpid(child, &status, 0), child);
        ::chmod(dir.constData(), 0700);
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
        const QString said = QString::fromUtf8(readAll(messageFile));
        QVERIFY2(said.startsWith(QString::number(int(Error::Kind::Io)) + QLatin1Char(' ')), qPrintable(said));
        checkKeyringMessage(makeError(Error::Kind::Io, said.section(QLatin1Char(' '), 1)));
        QVERIFY2(said.contains(QStringLiteral("Permission denied")), qPrintable(said));
        checkKeyringUnchanged(t, before, files);
        QVERIFY2(runKeyringOperation(op, t.vault()).ok(), qPrintable(op));
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
