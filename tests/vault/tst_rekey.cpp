// Re-keying a vault after a leaver goes: a new database key, so a copy of the old keyring (and the
// last day before leaving in it) opens nothing; the manager keeps their passphrase, colleagues get
// one-time passphrases, a new recovery key replaces the old, and nothing of the data is lost. An
// interrupted re-key is finished, or cleaned away, at the next sign-in.
#include "Files.h"
#include "TestVault.h"
#include "VaultData.h"
#include "audit/AuditLog.h"
#include "backup/Backup.h"
#include "clients/ClientGuard.h"
#include "clients/ClientStore.h"
#include "privacy/Erasure.h"
#include "staff/Accounts.h"
#include "storage/Sql.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace cd;
using namespace cd::test;

namespace {

void must(const Status& st)
{
    if (!st)
        qFatal("%s", qPrintable(st.message()));
}

struct Clinic
{
    TestVault t;
    QString oldRecoveryKey;
    QByteArray oldKeyring;
    Clinic()
    {
        oldRecoveryKey = t.recoveryKey();
        for (const char* name : {"ria", "lee"})
            if (!Accounts(t.vault()).add(
                    QString::fromLatin1(name), {}, QStringLiteral("receptionist"),
                    secret(name == QByteArray("ria") ? "ria one-time pass" : "lee one-time pass"),
                    KdfParams::forTestsOnly()))
                qFatal("cannot add %s", name);
        t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900123"),
                    QStringLiteral("amara@example.com"));
        t.addClient(QStringLiteral("Zoë"), QStringLiteral("O'Brien"));
        must(t.vault().recordErasure(QStringLiteral("subj-erased-before")));
        must(Accounts(t.vault()).remove(QStringLiteral("lee")));
        oldKeyring = readAll(t.vault().keyringPath());
    }
};

QString shellCount(const QString& db, const QString& recoveryKey)
{
    QProcess p;
    p.start(QStandardPaths::findExecutable(QStringLiteral("sqlcipher")), {db});
    const QString hex = databaseKeyHex(recoveryKey); // what `clinicdesk-cli keys` prints
    p.write(QStringLiteral(
                "PRAGMA key = \"x'%1'\";\nPRAGMA cipher_page_size = 4096;\nSELECT count(*) FROM clients;\n")
                .arg(hex)
                .toUtf8());
    p.closeWriteChannel();
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

} // namespace

class TestRekey : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rekeyAfterALeaverLocksOldCopiesOut()
    {
        Clinic c;
        // Before: the old keyring still holds what it held (lee's slot is gone from the live one, but a
        // copy taken earlier — or this one — still opens the database for anyone in it).
        const QString before = dumpData(c.t.db());
        Database* const sameObject = &c.t.db(); // windows and models hold it; it must stay valid
        QList<int> steps;
        auto r = Accounts(c.t.vault())
                     .rekey(secret(kPassphrase), KdfParams::forTestsOnly(),
                            [&steps](int done, int, const QString&) { steps << done; });
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QVERIFY(steps.size() >= 4);
        QVERIFY(r->recoveryKey != c.oldRecoveryKey);
        QCOMPARE(r->oneTimePassphrases.size(), 1);
        QCOMPARE(r->oneTimePassphrases.first().first, QStringLiteral("ria"));

        QCOMPARE(&c.t.db(), sameObject);
        // Same data (audit log aside), chain intact, ledger readable under the new key.
        QCOMPARE(dumpData(c.t.db()), before);
        QVERIFY(AuditLog(c.t.db()).verify()->intact);
        QCOMPARE(c.t.vault().erasureLedger()->size(), 1);
        QVERIFY(
            QDir(c.t.dir()).entryList({QStringLiteral("*.rekey*")}, QDir::Files | QDir::Hidden).isEmpty());
        c.t.close();

        // The manager's passphrase still works; ria must use the one-time passphrase and change it.
        QVERIFY(c.t.reopen().ok());
        QVERIFY(!Accounts(c.t.vault()).mustChangePassphrase().value());
        c.t.close();
        QVERIFY(!c.t.reopen("ria one-time pass", QStringLiteral("ria")).ok());
        QVERIFY(c.t.reopen(r->oneTimePassphrases.first().second.constData(), QStringLiteral("ria")).ok());
        QVERIFY(Accounts(c.t.vault()).mustChangePassphrase().value());
        c.t.close();

        // A copy of the old keyring, with the leaver's or anyone's old passphrase, opens nothing now.
        writeAll(Vault::keyringPath(c.t.dir()), c.oldKeyring);
        const Status oldRing = c.t.reopen();
        QVERIFY(!oldRing.ok());
        const Status oldRia = c.t.reopen("ria one-time pass", QStringLiteral("ria"));
        QVERIFY(!oldRia.ok());

        // The old recovery key opens nothing; the new one does, in the real sqlcipher shell too.
        QVERIFY(!Vault::openWithRecoveryKey(c.t.dir(), c.oldRecoveryKey).ok());
        QCOMPARE(shellCount(Vault::databasePath(c.t.dir()), r->recoveryKey), QStringLiteral("2"));
        QVERIFY(shellCount(Vault::databasePath(c.t.dir()), c.oldRecoveryKey) != QStringLiteral("2"));
    }

    void refusedWithoutTheManagersPassphraseOrRole()
    {
        Clinic c;
        auto wrong = Accounts(c.t.vault()).rekey(secret("not my passphrase"), KdfParams::forTestsOnly());
        QVERIFY(!wrong.ok());
        QVERIFY(wrong.message().contains(QStringLiteral("passphrase")));
        c.t.close();
        // Nothing changed: the same keyring, no leftovers, the old recovery key still opens it.
        QCOMPARE(readAll(Vault::keyringPath(c.t.dir())), c.oldKeyring);
        QVERIFY(
            QDir(c.t.dir()).entryList({QStringLiteral("*.rekey*")}, QDir::Files | QDir::Hidden).isEmpty());
        QVERIFY(Vault::openWithRecoveryKey(c.t.dir(), c.oldRecoveryKey).ok());

        QVERIFY(c.t.reopen("ria one-time pass", QStringLiteral("ria")).ok());
        auto forbidden = Accounts(c.t.vault()).rekey(secret("ria one-time pass"), KdfParams::forTestsOnly());
        QCOMPARE(forbidden.error().kind, Error::Kind::Permission);
    }

    void interruptedAfterTheDatabaseSwapIsFinishedAtSignIn()
    {
        Clinic c;
        auto r = Accounts(c.t.vault()).rekey(secret(kPassphrase), KdfParams::forTestsOnly());
        QVERIFY(r.ok());
        c.t.close();
        // The state a power cut leaves between the database swap and the keyring's: the database has
        // the new key, keyring.json is still the old one, the new one waits beside it.
        const QString ring = Vault::keyringPath(c.t.dir());
        const QByteArray newRing = readAll(ring);
        writeAll(ring + QStringLiteral(".rekey"), newRing);
        writeAll(ring, c.oldKeyring);
        QVERIFY(c.t.reopen().ok()); // the manager signs in as usual
        QCOMPARE(readAll(ring), newRing);
        QVERIFY(!QFile::exists(ring + QStringLiteral(".rekey")));
        QCOMPARE(c.t.vault().erasureLedger()->size(), 1);
    }

    void interruptedBeforeTheSwapLeavesTheOldVaultAndIsCleanedAway()
    {
        Clinic c;
        c.t.close();
        const QString ring = Vault::keyringPath(c.t.dir());
        writeAll(ring + QStringLiteral(".rekey"), QByteArray("half-written"));
        writeAll(Vault::databasePath(c.t.dir()) + QStringLiteral(".rekey"), QByteArray(4096, 'x'));
        QVERIFY(c.t.reopen().ok());
        QCOMPARE(readAll(ring), c.oldKeyring);
        QVERIFY(
            QDir(c.t.dir()).entryList({QStringLiteral("*.rekey*")}, QDir::Files | QDir::Hidden).isEmpty());
        QCOMPARE(shellCount(Vault::databasePath(c.t.dir()), c.oldRecoveryKey), QStringLiteral("2"));
    }

    void aBackupFromBeforeTheRekeyStillRestoresAndErasuresStay()
    {
        Clinic c;
        const QString backup = QDir(c.t.root()).filePath(QStringLiteral("before-rekey.cdbackup"));
        QVERIFY(makeBackup(c.t.vault(), backup).ok());
        auto r = Accounts(c.t.vault()).rekey(secret(kPassphrase), KdfParams::forTestsOnly());
        QVERIFY(r.ok());
        // After the re-key Zoë is erased: the ledger, now sealed for the new key too, names her.
        qint64 zoe = 0;
        {
            auto st = c.t.db().prepare("SELECT id FROM clients WHERE last_name = 'O''Brien'");
            QVERIFY(st.step());
            zoe = st.int64(0);
        }
        const QString ref = client::subjectRefOf(c.t.db(), zoe);
        QVERIFY(Erasure(c.t.db()).erase(zoe, QStringLiteral("Zoë O'Brien"), 0, 1).ok());
        QVERIFY(c.t.vault().recordErasure(ref).ok());
        QCOMPARE(c.t.vault().erasureLedger()->size(), 2);
        c.t.close();

        // Restoring last week's backup (old key, old recovery key) over it works ...
        RestoreOptions o;
        o.vaultDir = c.t.dir();
        o.backupPath = backup;
        o.recoveryKey = c.oldRecoveryKey;
        auto restored = restoreBackup(o);
        QVERIFY2(restored.ok(), qPrintable(restored.ok() ? QString() : restored.message()));
        // ... and Zoë, erased after it was made, is erased again.
        auto v = Vault::openWithRecoveryKey(c.t.dir(), c.oldRecoveryKey);
        QVERIFY2(v.ok(), qPrintable(v.ok() ? QString() : v.message()));
        auto st = v.value()->db().prepare(
            "SELECT count(*) FROM clients WHERE last_name = 'O''Brien' AND erased_at IS NULL");
        st.step();
        QCOMPARE(st.int64(0), 0);
        QVERIFY(v.value()->erasureLedger()->size() >= 2);
    }
};

QTEST_MAIN(TestRekey)
#include "tst_rekey.moc"
