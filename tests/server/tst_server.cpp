// The clinic server, first step: a real PostgreSQL 15 cluster made by `clinicdesk-cli server init` in
// a temporary folder on a free loopback port (run as root: PostgreSQL runs as the postgres user),
// reached with psql exactly as a desk will reach it. It takes TLS with a desk certificate from the
// clinic's CA and a staff member's own login, and nothing else; a receptionist's login has no
// privilege on clinical tables; no login may change the audit log or write another's name in it; a
// removed desk is turned away while the others carry on; the keyring on the server opens with the
// manager's passphrase; and no file of the cluster holds the passphrase or the password it gives.
#include "CliRunner.h"
#include "Files.h"
#include "PgCluster.h"
#include "TestVault.h"
#include "server/ClinicServer.h"
#include "vault/KeySet.h"
#include "vault/Keyring.h"
#include "vault/Vault.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace cd;
using namespace cd::test;

namespace {

const char* const kManagerPassphrase = "harbourside manager 2026 spring";
const char* const kRitaPassphrase = "rita keeps the front desk tidy";

// psql as a desk connects: TLS verifying the server's name against the clinic's CA, the desk's
// certificate and key, a login and its password.
Psql psqlAsDesk(const QString& desk, int port, const QString& login, const QByteArray& password,
                const QString& sql, const QString& extra = {})
{
    QString conn = QStringLiteral("host=localhost port=%1 dbname=clinicdesk user=%2 sslmode=verify-full "
                                  "sslrootcert=%3/ca.crt connect_timeout=10")
                       .arg(port)
                       .arg(login, desk);
    if (!extra.contains(QLatin1String("sslcert=")))
        conn += QStringLiteral(" sslcert=%1/desk.crt sslkey=%1/desk.key").arg(desk);
    conn += QLatin1Char(' ') + extra;
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PGPASSWORD"), QString::fromLatin1(password));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    p.setProcessEnvironment(env);
    p.start(QStringLiteral("psql"),
            {QStringLiteral("-X"), QStringLiteral("-A"), QStringLiteral("-t"), QStringLiteral("-v"),
             QStringLiteral("ON_ERROR_STOP=1"), conn, QStringLiteral("-c"), sql});
    p.waitForFinished(60000);
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()).trimmed(),
            QString::fromUtf8(p.readAllStandardError()).trimmed()};
}

QByteArray password(const char* passphrase, const QString& clinicId, const QString& login)
{
    auto p = cd::server::loginPassword(secret(passphrase), clinicId, login);
    if (!p)
        qFatal("%s", qPrintable(p.message()));
    return p.value();
}

QByteArray allBytesUnder(const QString& dir)
{
    QByteArray all;
    for (QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories); it.hasNext();)
        all += readAll(it.next());
    return all;
}

CliResult cli(const QStringList& args, const char* passphrase = kManagerPassphrase)
{
    return runCli(QStringList{QStringLiteral("server")} + args, {},
                  cliEnvironment(QString::fromUtf8(passphrase)));
}

} // namespace

class TestServer : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // PostgreSQL runs as the postgres system user, which only root can act as (CI runs as root).
        QVERIFY2(::geteuid() == 0,
                 "the clinic server's tests run as root (PostgreSQL runs as the postgres user)");
    }

    void aServerTakesDesksOverTlsAndEachLoginHasItsOwnRights()
    {
        QTemporaryDir tmp;
        QFile::setPermissions(tmp.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                              QFileDevice::ExeOwner | QFileDevice::ExeGroup |
                                              QFileDevice::ExeOther);
        const QString pgdata = tmp.filePath(QStringLiteral("server"));
        const int port = freePort();
        const CliResult made = cli({QStringLiteral("init"), QStringLiteral("--pgdata"), pgdata,
                                    QStringLiteral("--port"), QString::number(port)});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        const QString recovery = made.out.trimmed();
        QVERIFY2(
            QRegularExpression(QStringLiteral("^([0-9A-F]{4}-){15}[0-9A-F]{4}$")).match(recovery).hasMatch(),
            qPrintable(recovery));
        const auto stopAtEnd = qScopeGuard([&] {
            cli({QStringLiteral("stop"), QStringLiteral("--pgdata"), pgdata});
        });
        const CliResult running = cli({QStringLiteral("status"), QStringLiteral("--pgdata"), pgdata});
        QVERIFY2(running.out.startsWith(QStringLiteral("running on port %1").arg(port)),
                 qPrintable(running.out));
        const QString clinicId =
            QString::fromLatin1(readAll(pgdata + QStringLiteral("/clinicdesk/clinic-id"))).trimmed();
        QVERIFY(!clinicId.isEmpty());

        const QString desk = tmp.filePath(QStringLiteral("reception-1"));
        const CliResult added =
            cli({QStringLiteral("add-desk"), QStringLiteral("--pgdata"), pgdata, QStringLiteral("--name"),
                 QStringLiteral("reception-1"), QStringLiteral("--out"), desk});
        QVERIFY2(added.exitCode == 0, qPrintable(added.err));
        for (const char* file : {"ca.crt", "desk.crt", "desk.key", "desk.json"})
            QCOMPARE(QFile::permissions(desk + QLatin1Char('/') + QLatin1String(file)),
                     QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser |
                         QFileDevice::WriteUser);

        // The manager, from the desk: TLS 1.3, her own login.
        const QByteArray managerPassword = password(kManagerPassphrase, clinicId, QStringLiteral("manager"));
        Psql r = psqlAsDesk(
            desk, port, QStringLiteral("manager"), managerPassword,
            QStringLiteral("SELECT current_user || ' ' || s.version FROM pg_stat_ssl s WHERE s.pid = "
                           "pg_backend_pid()"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out, QStringLiteral("manager TLSv1.3"));

        // Turned away: a wrong password, no desk certificate, no TLS.
        r = psqlAsDesk(desk, port, QStringLiteral("manager"),
                       password("not her passphrase", clinicId, "manager"), QStringLiteral("SELECT 1"));
        QVERIFY2(r.exitCode != 0 && r.err.contains(QStringLiteral("password authentication failed")),
                 qPrintable(r.err));
        r = psqlAsDesk(desk, port, QStringLiteral("manager"), managerPassword, QStringLiteral("SELECT 1"),
                       QStringLiteral("sslcert=/nonexistent sslkey=/nonexistent"));
        QVERIFY2(r.exitCode != 0 && r.err.contains(QStringLiteral("certificate")), qPrintable(r.err));
        r = psqlAsDesk(desk, port, QStringLiteral("manager"), managerPassword, QStringLiteral("SELECT 1"),
                       QStringLiteral("sslmode=disable"));
        QVERIFY2(r.exitCode != 0 && r.err.contains(QStringLiteral("no encryption")), qPrintable(r.err));

        // The keyring on the server opens with the manager's passphrase, and names the keys the
        // recovery key gives.
        r = psqlAsDesk(desk, port, QStringLiteral("manager"), managerPassword,
                       QStringLiteral("SELECT encode(keyring, 'base64') FROM clinicdesk.clinic"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        auto ring = Keyring::parse(QByteArray::fromBase64(r.out.remove(QLatin1Char('\n')).toLatin1()));
        QVERIFY2(ring.ok(), qPrintable(ring.ok() ? QString() : ring.message()));
        QVERIFY(ring->unwrap(QStringLiteral("manager"), secret(kManagerPassphrase)).ok());
        QVERIFY(!ring->unwrap(QStringLiteral("manager"), secret("not her passphrase")).ok());
        QCOMPARE(KeySet::fromRecoveryKey(Vault::parseRecoveryKey(recovery)).clinicalPublic(),
                 ring->clinicalPublic());

        // `verify` on the desk folder: the server, TLS, the keyring and the audit log as this desk sees
        // them; a wrong passphrase is refused in words; a command that needs the records says that a
        // desk folder is not a vault yet.
        const auto atDesk = [&](const QStringList& args, const char* passphrase) {
            return runCli(args + QStringList{QStringLiteral("--vault"), desk}, {},
                          cliEnvironment(QString::fromUtf8(passphrase)));
        };
        CliResult v = atDesk({QStringLiteral("verify")}, kManagerPassphrase);
        QVERIFY2(v.exitCode == 0, qPrintable(v.out + v.err));
        for (const QString& want :
             {QStringLiteral("server: localhost:%1, database clinicdesk, desk reception-1, TLSv1.3")
                  .arg(port),
              QStringLiteral("keyring: 1 key slot, signature ok; manager's slot opens"),
              QStringLiteral("append-only for this login"), QStringLiteral("desk ok")})
            QVERIFY2(v.out.contains(want), qPrintable(want + QStringLiteral(" not in:\n") + v.out));
        v = atDesk({QStringLiteral("verify")}, "not her passphrase");
        QVERIFY(v.exitCode != 0);
        QVERIFY2(v.err.contains(QStringLiteral("Wrong passphrase for manager")), qPrintable(v.err));
        v = atDesk({QStringLiteral("search"), QStringLiteral("Okafor")}, kManagerPassphrase);
        QVERIFY(v.exitCode != 0);
        QVERIFY2(v.err.contains(QStringLiteral("is a desk folder for the clinic server")), qPrintable(v.err));

        // Rita at reception: the administrator gives her a login (a manager's desk will, next step).
        const QByteArray ritaPassword = password(kRitaPassphrase, clinicId, QStringLiteral("rita"));
        r = psqlAsAdministrator(
            pgdata, port,
            QStringLiteral("CREATE ROLE rita LOGIN PASSWORD '%1' IN ROLE clinicdesk_reception")
                .arg(QString::fromLatin1(cd::server::scramVerifier(ritaPassword, "rita's salt 1234"))));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        r = psqlAsDesk(desk, port, QStringLiteral("rita"), ritaPassword,
                       QStringLiteral("SELECT count(*) FROM clinicdesk.treatment_records"));
        QVERIFY2(r.exitCode != 0 &&
                     r.err.contains(QStringLiteral("permission denied for table treatment_records")),
                 qPrintable(r.err));
        // She writes to the audit log under her own name and the server's time, and cannot rewrite it:
        // naming someone else, another time or an id of her choosing is refused.
        r = psqlAsDesk(
            desk, port, QStringLiteral("rita"), ritaPassword,
            QStringLiteral("INSERT INTO clinicdesk.audit_log (action) VALUES ('client-viewed') RETURNING "
                           "staff || ' ' || (now() - at < interval '1 minute')"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(r.out.section(QLatin1Char('\n'), 0, 0), QStringLiteral("rita true"));
        for (const char* sql : {"INSERT INTO clinicdesk.audit_log (staff, action) VALUES ('manager', 'x')",
                                "INSERT INTO clinicdesk.audit_log (at, action) VALUES ('2020-01-01', 'x')",
                                "INSERT INTO clinicdesk.audit_log (id, action) VALUES (999999, 'x')"}) {
            r = psqlAsDesk(desk, port, QStringLiteral("rita"), ritaPassword, QString::fromLatin1(sql));
            // (An id is the identity column's alone: PostgreSQL refuses it before privileges.)
            QVERIFY2(r.exitCode != 0 && (r.err.contains(QStringLiteral("permission denied")) ||
                                         r.err.contains(QStringLiteral("cannot insert a non-DEFAULT value"))),
                     qPrintable(QString::fromLatin1(sql) + QStringLiteral(": ") + r.err));
        }
        r = psqlAsAdministrator(
            pgdata, port, QStringLiteral("SELECT count(*) FROM clinicdesk.audit_log WHERE action = 'x'"));
        QCOMPARE(r.out, QStringLiteral("0"));
        for (const QString& login : {QStringLiteral("rita"), QStringLiteral("manager")})
            for (const char* sql : {"UPDATE clinicdesk.audit_log SET detail = 'nothing happened'",
                                    "DELETE FROM clinicdesk.audit_log", "TRUNCATE clinicdesk.audit_log"}) {
                r = psqlAsDesk(desk, port, login,
                               login == QLatin1String("rita") ? ritaPassword : managerPassword,
                               QString::fromLatin1(sql));
                QVERIFY2(r.exitCode != 0 && r.err.contains(QStringLiteral("permission denied")),
                         qPrintable(login + QStringLiteral(": ") + r.err));
            }
        r = psqlAsDesk(desk, port, QStringLiteral("manager"), managerPassword,
                       QStringLiteral("SELECT count(*) FROM clinicdesk.treatment_records"));
        QVERIFY2(r.exitCode == 0 && r.out == QStringLiteral("0"), qPrintable(r.err));

        // A stolen laptop: its desk is removed; the next connection from it is refused, and a new
        // desk works with the same passphrase.
        const QString room = tmp.filePath(QStringLiteral("room-2"));
        QCOMPARE(cli({QStringLiteral("add-desk"), QStringLiteral("--pgdata"), pgdata,
                      QStringLiteral("--name"), QStringLiteral("room-2"), QStringLiteral("--out"), room})
                     .exitCode,
                 0);
        const CliResult removed = cli({QStringLiteral("remove-desk"), QStringLiteral("--pgdata"), pgdata,
                                       QStringLiteral("--name"), QStringLiteral("reception-1")});
        QVERIFY2(removed.exitCode == 0, qPrintable(removed.err));
        r = psqlAsDesk(desk, port, QStringLiteral("manager"), managerPassword, QStringLiteral("SELECT 1"));
        QVERIFY2(r.exitCode != 0 && r.err.contains(QStringLiteral("revoked")), qPrintable(r.err));
        v = atDesk({QStringLiteral("verify")}, kManagerPassphrase);
        QVERIFY(v.exitCode != 0);
        QVERIFY2(v.err.contains(QStringLiteral("This desk (reception-1) was removed from the clinic server")),
                 qPrintable(v.err));
        r = psqlAsDesk(room, port, QStringLiteral("manager"), managerPassword, QStringLiteral("SELECT 1"));
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(cli({QStringLiteral("status"), QStringLiteral("--pgdata"), pgdata})
                     .out.contains(QStringLiteral("1 desks, 1 revoked")),
                 "status counts the desks");
        // Removing it again writes the list again (in case it failed last time) and keeps it away; a
        // desk that never was is named as such.
        QCOMPARE(cli({QStringLiteral("remove-desk"), QStringLiteral("--pgdata"), pgdata,
                      QStringLiteral("--name"), QStringLiteral("reception-1")})
                     .exitCode,
                 0);
        QVERIFY(psqlAsDesk(desk, port, QStringLiteral("manager"), managerPassword, QStringLiteral("SELECT 1"))
                    .err.contains(QStringLiteral("revoked")));
        QVERIFY(cli({QStringLiteral("remove-desk"), QStringLiteral("--pgdata"), pgdata,
                     QStringLiteral("--name"), QStringLiteral("reception-9")})
                    .err.contains(QStringLiteral("There is no desk named reception-9")));
        // A folder that exists already is not written into (its owner could read the desk's key).
        QVERIFY(cli({QStringLiteral("add-desk"), QStringLiteral("--pgdata"), pgdata, QStringLiteral("--name"),
                     QStringLiteral("room-3"), QStringLiteral("--out"), tmp.path()})
                    .err.contains(QStringLiteral("exists already")));

        // Stopped, nothing answers; started again, the desk carries on.
        QCOMPARE(cli({QStringLiteral("stop"), QStringLiteral("--pgdata"), pgdata}).exitCode, 0);
        QVERIFY(cli({QStringLiteral("status"), QStringLiteral("--pgdata"), pgdata})
                    .out.startsWith(QStringLiteral("stopped")));
        QVERIFY(psqlAsDesk(room, port, QStringLiteral("manager"), managerPassword, QStringLiteral("SELECT 1"))
                    .exitCode != 0);
        v = runCli({QStringLiteral("verify"), QStringLiteral("--vault"), room}, {},
                   cliEnvironment(QString::fromUtf8(kManagerPassphrase)));
        QVERIFY(v.exitCode != 0);
        QVERIFY2(
            v.err.contains(QStringLiteral("The clinic server at localhost:%1 does not answer").arg(port)),
            qPrintable(v.err));
        QCOMPARE(cli({QStringLiteral("start"), QStringLiteral("--pgdata"), pgdata}).exitCode, 0);
        QCOMPARE(
            psqlAsDesk(room, port, QStringLiteral("manager"), managerPassword, QStringLiteral("SELECT 1"))
                .out,
            QStringLiteral("1"));

        // The clinic's IT provider reads every file of the cluster (heap, WAL, logs): neither a
        // passphrase nor the password it gives is there.
        QCOMPARE(cli({QStringLiteral("stop"), QStringLiteral("--pgdata"), pgdata}).exitCode, 0);
        const QByteArray everything = allBytesUnder(pgdata);
        QVERIFY(everything.size() > 10 * 1024 * 1024);
        for (const QByteArray& secretText :
             {QByteArray(kManagerPassphrase), QByteArray(kRitaPassphrase), managerPassword, ritaPassword})
            QVERIFY2(!everything.contains(secretText), secretText.constData());
    }

    // A folder that holds anything (a hidden file too) is refused and left as it was; so is a bad port.
    void initRefusesWhatItCannotMake()
    {
        QTemporaryDir tmp;
        const QString pgdata = tmp.filePath(QStringLiteral("server"));
        QDir().mkpath(pgdata);
        writeAll(pgdata + QStringLiteral("/.notes"), "the clinic's own hidden file");
        CliResult r = cli({QStringLiteral("init"), QStringLiteral("--pgdata"), pgdata,
                           QStringLiteral("--port"), QString::number(freePort())});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("is not empty")), qPrintable(r.err));
        QCOMPARE(QDir(pgdata).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList{QStringLiteral(".notes")});
        r = cli({QStringLiteral("init"), QStringLiteral("--pgdata"), tmp.filePath(QStringLiteral("other")),
                 QStringLiteral("--port"), QStringLiteral("0")});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("--port")), qPrintable(r.err));
        QVERIFY(!QFile::exists(tmp.filePath(QStringLiteral("other"))));
        r = cli({QStringLiteral("status"), QStringLiteral("--pgdata"), tmp.path()});
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(QStringLiteral("is not a Clinicdesk server folder")), qPrintable(r.err));
    }
};

QTEST_MAIN(TestServer)
#include "tst_server.moc"
