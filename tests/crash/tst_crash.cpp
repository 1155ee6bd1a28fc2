// Power-cut style crashes: a child process (crash_writer) saves clients, interactions and updates
// through core and is killed with SIGKILL at random moments, often in the middle of a COMMIT.
// After every kill the vault must open, pass integrity_check, hold every save the child reported as
// committed, and hold no half-written record.
//   CLINICDESK_CRASH_KILLS=5000  longer run (default 400)
//   CLINICDESK_CRASH_SEED=N      replay a run (the seed in use is printed)
#include "TestVault.h"
#include "VaultData.h"
#include "storage/Sql.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>
#include <QTest>
#include <QThread>

using namespace cd;
using namespace cd::test;

namespace {

struct Reported
{
    QList<std::pair<qint64, QString>> clients;     // id, subject_ref
    QList<std::pair<qint64, qint64>> interactions; // id, client id
    QList<std::pair<qint64, QString>> updates;     // client id, email the update added
};

Reported parse(const QByteArray& out)
{
    Reported r;
    for (const QByteArray& line : out.split('\n')) {
        const QList<QByteArray> w = line.split(' ');
        if (w.size() == 4 && w[0] == "committed" && w[1] == "client")
            r.clients.append({w[2].toLongLong(), QString::fromLatin1(w[3])});
        else if (w.size() == 4 && w[0] == "committed" && w[1] == "interaction")
            r.interactions.append({w[2].toLongLong(), w[3].toLongLong()});
        else if (w.size() == 4 && w[0] == "committed" && w[1] == "update")
            r.updates.append({w[2].toLongLong(), QString::fromLatin1(w[3])});
    }
    return r;
}

} // namespace

class TestCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void killedWritersLoseNothingCommitted()
    {
        const int kills = qEnvironmentVariableIsSet("CLINICDESK_CRASH_KILLS")
                              ? qEnvironmentVariableIntValue("CLINICDESK_CRASH_KILLS")
                              : 400;
        const quint32 seed = qEnvironmentVariableIsSet("CLINICDESK_CRASH_SEED")
                                 ? quint32(qEnvironmentVariableIntValue("CLINICDESK_CRASH_SEED"))
                                 : 20261125u;
        qInfo("crash run: %d kills, seed %u (CLINICDESK_CRASH_SEED replays it)", kills, seed);
        QRandomGenerator rng(seed);
        const QString writer = QCoreApplication::applicationDirPath() + QStringLiteral("/crash_writer");

        // A fresh vault every 500 kills keeps each check about as fast in the long run as in CI.
        constexpr int kKillsPerVault = 500;
        std::unique_ptr<TestVault> t;
        qint64 reportedClients = 0, killsOnThisVault = 0;
        qint64 verifiedClients = 0, verifiedInteractions = 0, verifiedUpdates = 0, killsWhileSaving = 0;
        QElapsedTimer timer;
        timer.start();
        for (int k = 0; k < kills; ++k) {
            if (k % kKillsPerVault == 0) {
                t = std::make_unique<TestVault>();
                t->close();
                reportedClients = killsOnThisVault = 0;
            }
            QProcess child;
            auto env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("CLINICDESK_RECOVERY_KEY"), t->recoveryKey());
            child.setProcessEnvironment(env);
            child.start(writer, {t->dir(), QString::number(k)});
            QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
            if (rng.bounded(8) == 0) {
                // Sometimes while it is still opening the vault (key, pragmas, migrations check).
                QThread::usleep(rng.bounded(30000));
            } else {
                QByteArray seen;
                while (!seen.contains("ready\n") && child.state() == QProcess::Running) {
                    child.waitForReadyRead(5000);
                    seen = child.peek(1 << 16);
                }
                QThread::usleep(rng.bounded(25000));
            }
            child.kill(); // SIGKILL
            QVERIFY(child.waitForFinished(10000));
            const QByteArray err = child.readAllStandardError();
            QVERIFY2(child.exitStatus() == QProcess::CrashExit, qPrintable(QString::fromUtf8(err)));
            const Reported r = parse(child.readAllStandardOutput());
            ++killsOnThisVault;
            killsWhileSaving += r.clients.size() + r.interactions.size() + r.updates.size() > 0 ? 1 : 0;

            auto v = Vault::openWithRecoveryKey(t->dir(), t->recoveryKey());
            QVERIFY2(
                v.ok(),
                qPrintable(QStringLiteral("after kill %1: %2").arg(k).arg(v.ok() ? QString() : v.message())));
            Database& db = v.value()->db();
            QCOMPARE(integrityCheck(db), QStringList{QStringLiteral("ok")});
            const QStringList half = halfWrittenRecords(db);
            QVERIFY2(half.isEmpty(),
                     qPrintable(QStringLiteral("after kill %1: ").arg(k) + half.join(QStringLiteral("; "))));
            auto clientRef = db.prepare("SELECT subject_ref FROM clients WHERE id = ?");
            for (const auto& [id, ref] : r.clients) {
                clientRef.bind(1, id);
                QVERIFY2(clientRef.step() && clientRef.text(0) == ref,
                         qPrintable(QStringLiteral("after kill %1: committed client %2 %3 is missing")
                                        .arg(k)
                                        .arg(id)
                                        .arg(ref)));
                clientRef.reset();
            }
            auto interaction = db.prepare("SELECT client_id FROM interactions WHERE id = ?");
            for (const auto& [id, clientId] : r.interactions) {
                interaction.bind(1, id);
                QVERIFY2(
                    interaction.step() && interaction.int64(0) == clientId,
                    qPrintable(
                        QStringLiteral("after kill %1: committed interaction %2 is missing").arg(k).arg(id)));
                interaction.reset();
            }
            auto updated = db.prepare("SELECT 1 FROM client_emails WHERE client_id = ? AND address = ?");
            for (const auto& [id, email] : r.updates) {
                updated.bind(1, id).bind(2, email);
                QVERIFY2(updated.step(),
                         qPrintable(
                             QStringLiteral("after kill %1: update of client %2 is missing").arg(k).arg(id)));
                updated.reset();
            }
            // Nothing reported is lost, and at most one save per kill landed without being reported
            // (killed between COMMIT and the line).
            reportedClients += r.clients.size();
            auto count = db.prepare("SELECT count(*) FROM clients");
            count.step();
            QVERIFY2(count.int64(0) >= reportedClients &&
                         count.int64(0) <= reportedClients + killsOnThisVault,
                     qPrintable(QStringLiteral("after kill %1: %2 clients, %3 reported")
                                    .arg(k)
                                    .arg(count.int64(0))
                                    .arg(reportedClients)));
            verifiedClients += r.clients.size();
            verifiedInteractions += r.interactions.size();
            verifiedUpdates += r.updates.size();
        }
        qInfo("crash run: %d kills survived in %.1f s (%lld of them after at least one save), %lld commits "
              "verified "
              "(%lld clients, %lld interactions, %lld updates): nothing committed was lost, nothing "
              "half-written",
              kills, double(timer.elapsed()) / 1000.0, killsWhileSaving,
              verifiedClients + verifiedInteractions + verifiedUpdates, verifiedClients, verifiedInteractions,
              verifiedUpdates);
    }
};

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
