// Backups and restore on real encrypted vaults: the restored data equals what was backed up, a
// damaged or foreign backup is refused before anything is replaced, erasures made after the backup
// are applied again, and a full disk leaves nothing half-written.
#include "FaultVfs.h"
#include "Files.h"
#include "TestVault.h"
#include "VaultData.h"
#include "audit/AuditLog.h"
#include "backup/Backup.h"
#include "backup/BackupFile.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "privacy/Erasure.h"
#include "search/ClientSearch.h"
#include "staff/Accounts.h"
#include "storage/Sql.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QTest>
#include <sqlite3.h>

using namespace cd;
using namespace cd::test;

namespace {

qint64 amara(TestVault& t)
{
    const qint64 id = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"),
                                  QStringLiteral("07700 900123"), QStringLiteral("amara.okafor@example.com"));
    Interaction i;
    i.clientId = id;
    i.body = QStringLiteral("Asked about lip filler prices, call back Thursday");
    InteractionStore(t.db()).add(i).value();
    return id;
}

RestoreOptions withRecoveryKey(const QString& dir, const QString& from, const QString& key)
{
    RestoreOptions o;
    o.vaultDir = dir;
    o.backupPath = from;
    o.recoveryKey = key;
    return o;
}

QString dumpOf(const QString& dir, const QString& recoveryKey)
{
    auto v = Vault::openWithRecoveryKey(dir, recoveryKey);
    if (!v)
        return QStringLiteral("cannot open: ") + v.message();
    return dumpData(v.value()->db());
}

// Folders beside the vault: a failed restore must leave no staging folder behind.
QStringList siblings(const TestVault& t)
{
    return QDir(t.root()).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
}

} // namespace

class TestBackup : public QObject
{
    Q_OBJECT
    QTemporaryDir m_out;

    QString out(const QString& name) const { return m_out.filePath(name); }

private Q_SLOTS:
    void restoredVaultEqualsTheBackup()
    {
        TestVault t;
        amara(t);
        t.addClient(QStringLiteral("Zoë"), QStringLiteral("O'Brien"), QStringLiteral("07700 900456"));
        const QString before = dumpData(t.db());
        QElapsedTimer timer;
        timer.start();
        auto made = makeBackup(t.vault(), out(QStringLiteral("a.cdbackup")));
        QVERIFY2(made.ok(), qPrintable(made.ok() ? QString() : made.message()));
        qInfo("backup of a 2-client vault: %lld bytes in %lld ms", made->bytes, timer.elapsed());
        const auto perms = QFile::permissions(made->path);
        QVERIFY(perms & QFileDevice::ReadOwner);
        QVERIFY(!(perms & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther |
                           QFileDevice::WriteOther)));
        const QByteArray bytes = readAll(made->path);
        for (const char* plain :
             {"Okafor", "Amara", "amara.okafor@example.com", "900123", "filler", "SQLite format 3"})
            QVERIFY2(!bytes.contains(plain), plain);
        QCOMPARE(QDir(m_out.path()).entryList(QDir::Files | QDir::Hidden).filter(QStringLiteral(".copy")),
                 QStringList());
        // The copy is in the log: who made it, when, which file.
        AuditFilter made_;
        made_.action = QStringLiteral("backup-made");
        auto logged = AuditLog(t.db()).query(made_);
        QVERIFY(logged.ok());
        QCOMPARE(logged->size(), 1);
        QCOMPARE(logged->first().staff, QStringLiteral("manager"));
        QVERIFY(logged->first().detail.startsWith(QStringLiteral("a.cdbackup (")));

        // Work goes on after the backup, then the backup is restored over the vault.
        t.addClient(QStringLiteral("Late"), QStringLiteral("Arrival"));
        const QString after = dumpData(t.db());
        t.close();
        auto r = restoreBackup(withRecoveryKey(t.dir(), made->path, t.recoveryKey()));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QVERIFY(r->hadCurrentVault);
        QCOMPARE(r->erasedAgain, 0);
        QVERIFY(r->keptAside.startsWith(t.dir() + QStringLiteral(".before-restore-")));
        QCOMPARE(dumpOf(t.dir(), t.recoveryKey()), before);
        QCOMPARE(dumpOf(r->keptAside, t.recoveryKey()), after); // the vault that was there, kept aside whole
        QVERIFY(t.reopen().ok()); // the keyring came back too: the passphrase opens it
        QCOMPARE(integrityCheck(t.db()), QStringList{QStringLiteral("ok")});
        QCOMPARE(ClientStore(t.db()).count().value(), qint64(2));
        QCOMPARE(siblings(t).size(), 2); // the vault and the one kept aside; no staging folder
    }

    void recoveryKeyRestoresOnANewMachine()
    {
        TestVault t;
        amara(t);
        const QString before = dumpData(t.db());
        auto made = makeBackup(t.vault(), out(QStringLiteral("b.cdbackup")));
        QVERIFY(made.ok());
        const QString key = t.recoveryKey();
        t.close();
        QTemporaryDir machine; // nothing of the old vault here
        const QString empty = machine.filePath(QStringLiteral("empty"));
        QVERIFY(QDir().mkpath(empty));
        for (const QString& dir : {machine.filePath(QStringLiteral("new/vault")), empty}) {
            auto r = restoreBackup(withRecoveryKey(dir, made->path, key.toLower().remove(QLatin1Char('-'))));
            QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
            QVERIFY(!r->hadCurrentVault);
            QVERIFY(r->keptAside.isEmpty());
            QCOMPARE(dumpOf(dir, key), before);
            QVERIFY(Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase)).ok());
        }
    }

    void passphraseRestores()
    {
        TestVault t;
        amara(t);
        auto made = makeBackup(t.vault(), out(QStringLiteral("c.cdbackup")));
        QVERIFY(made.ok());
        t.addClient(QStringLiteral("Late"), QStringLiteral("Arrival"));
        t.close();
        const auto before = snapshot(t.dir());
        RestoreOptions o;
        o.vaultDir = t.dir();
        o.backupPath = made->path;
        o.user = QStringLiteral("manager");
        const SecretBytes wrong = secret("not the passphrase at all");
        o.passphrase = &wrong;
        auto refused = restoreBackup(o);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message().contains(QStringLiteral("Wrong passphrase")),
                 qPrintable(refused.message()));
        QVERIFY(refused.message().contains(QStringLiteral("Nothing was restored")));
        QCOMPARE(snapshot(t.dir()), before);

        const SecretBytes right = secret(kPassphrase);
        o.passphrase = &right;
        auto r = restoreBackup(o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QVERIFY(t.reopen().ok());
        QCOMPARE(ClientStore(t.db()).count().value(), qint64(1));
    }

    void badBackupsAreRefusedAndChangeNothing_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("truncated to half") << "half"
                                           << "incomplete";
        QTest::newRow("last byte missing") << "minus1"
                                           << "incomplete";
        QTest::newRow("header only") << "header"
                                     << "incomplete";
        QTest::newRow("a flipped bit") << "flip"
                                       << "checksum mismatch";
        QTest::newRow("altered, checksum redone") << "reforged"
                                                  << "altered";
        QTest::newRow("a byte appended") << "append"
                                         << "unexpected bytes";
        QTest::newRow("empty file") << "empty"
                                    << "not a Clinicdesk backup";
        QTest::newRow("a database, not a backup") << "database"
                                                  << "not a Clinicdesk backup";
        QTest::newRow("missing file") << "missing"
                                      << "There is no backup file";
        QTest::newRow("another vault, this key") << "foreign"
                                                 << "does not open the backup";
        QTest::newRow("another vault, its key") << "foreign-own-key"
                                                << "another vault";
    }
    void badBackupsAreRefusedAndChangeNothing()
    {
        QFETCH(QString, damage);
        QFETCH(QString, messagePart);
        TestVault t;
        amara(t);
        const QString path = out(damage + QStringLiteral(".cdbackup"));
        QVERIFY(makeBackup(t.vault(), path).ok());
        QString key = t.recoveryKey();
        QByteArray bytes = readAll(path);
        if (damage == QLatin1String("half"))
            bytes.truncate(bytes.size() / 2);
        else if (damage == QLatin1String("minus1"))
            bytes.chop(1);
        else if (damage == QLatin1String("header"))
            bytes.truncate(12);
        else if (damage == QLatin1String("flip"))
            bytes[bytes.size() / 2] = char(bytes.at(bytes.size() / 2) ^ 0x10);
        else if (damage == QLatin1String("reforged")) {
            // Someone changes a byte and recomputes the unkeyed checksum: only the keyed HMAC can tell.
            const qsizetype sumAt = bytes.size() - (12 + 32) - (12 + 32);
            bytes[sumAt / 2] = char(bytes.at(sumAt / 2) ^ 0x01);
            const QByteArray sum = QCryptographicHash::hash(bytes.left(sumAt), QCryptographicHash::Sha256);
            bytes.replace(sumAt + 12, 32, sum);
        } else if (damage == QLatin1String("append"))
            bytes.append('\0');
        else if (damage == QLatin1String("empty"))
            bytes.clear();
        else if (damage == QLatin1String("database"))
            bytes = readAll(Vault::databasePath(t.dir()));
        if (damage.startsWith(QLatin1String("foreign"))) {
            TestVault other;
            other.addClient(QStringLiteral("Someone"), QStringLiteral("Else"));
            QVERIFY(makeBackup(other.vault(), path).ok());
            if (damage == QLatin1String("foreign-own-key"))
                key = other.recoveryKey();
        } else if (damage == QLatin1String("missing")) {
            QFile::remove(path);
        } else {
            writeAll(path, bytes);
        }
        t.close();
        const auto before = snapshot(t.dir());
        const QStringList folders = siblings(t);
        auto r = restoreBackup(withRecoveryKey(t.dir(), path, key));
        QVERIFY(!r.ok());
        QVERIFY2(r.message().contains(messagePart), qPrintable(r.message()));
        QCOMPARE(snapshot(t.dir()), before);
        QCOMPARE(siblings(t), folders);
        QVERIFY(t.reopen().ok());
        QCOMPARE(ClientStore(t.db()).count().value(), qint64(1));
    }

    void erasureAfterTheBackupIsAppliedAgain()
    {
        TestVault t;
        const qint64 id = amara(t);
        t.addClient(QStringLiteral("Zoë"), QStringLiteral("O'Brien"), QStringLiteral("07700 900456"));
        auto made = makeBackup(t.vault(), out(QStringLiteral("e.cdbackup")));
        QVERIFY(made.ok());
        const QString ref = ClientStore(t.db()).get(id)->subjectRef;
        QVERIFY(Erasure(t.db()).erase(id, QStringLiteral("Amara Okafor"), 0, 1).ok());
        QVERIFY(t.vault().recordErasure(ref).ok());
        t.close();

        auto r = restoreBackup(withRecoveryKey(t.dir(), made->path, t.recoveryKey()));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QCOMPARE(r->erasedAgain, 1);
        QCOMPARE(r->ledgerEntries, 1);
        QVERIFY(t.reopen().ok());
        QVERIFY(!ClientStore(t.db()).get(id).ok());
        QCOMPARE(ClientStore(t.db()).count().value(), qint64(1));
        for (const char* typed : {"Okafor", "Amara", "07700 900123", "amara.okafor", "filler"})
            QVERIFY2(ClientSearch(t.db()).search(QString::fromUtf8(typed))->isEmpty(), typed);
        // Every row of every table, search index segments included, read back through the key.
        QString rows = dumpData(t.db());
        // The clinic's form templates speak of fillers too: they are the clinic's words, no one's data.
        const qsizetype templates = rows.indexOf(QStringLiteral("== form_templates\n"));
        QVERIFY(templates >= 0);
        rows.remove(templates, rows.indexOf(QStringLiteral("\n== "), templates + 1) - templates);
        for (const char* trace : {"Okafor", "Amara", "900123", "amara.okafor@example.com", "filler"})
            QVERIFY2(!rows.contains(QString::fromUtf8(trace)), trace);
        QVERIFY(rows.contains(QStringLiteral("O'Brien")));
        QCOMPARE(t.vault().erasureLedger()->size(), 1); // carried into the restored vault
        QVERIFY(!allBytes(t.dir()).contains("Okafor"));
        QCOMPARE(integrityCheck(t.db()), QStringList{QStringLiteral("ok")});
    }

    // A backup made while a leaver still worked here must not let her back in when it is restored.
    void aLeaverRemovedAfterTheBackupStaysRemoved()
    {
        TestVault t;
        const auto kdf = KdfParams::forTestsOnly();
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("leaver"), QStringLiteral("Lee Vere"), QStringLiteral("receptionist"),
                         secret("last day before leaving"), kdf)
                    .ok());
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("stayer"), QStringLiteral("Stacey Ayer"),
                         QStringLiteral("practitioner"), secret("staying on at the clinic"), kdf)
                    .ok());
        auto made = makeBackup(t.vault(), out(QStringLiteral("leaver.cdbackup")));
        QVERIFY(made.ok());
        QVERIFY(Accounts(t.vault()).remove(QStringLiteral("leaver")).ok());
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("newcomer"), QStringLiteral("New Comer"),
                         QStringLiteral("receptionist"), secret("joined the clinic this week"), kdf)
                    .ok());
        t.close();
        QVERIFY(
            Vault::open(t.dir(), QStringLiteral("leaver"), secret("last day before leaving")).error().kind ==
            Error::Kind::NotFound);

        auto r = restoreBackup(withRecoveryKey(t.dir(), made->path, t.recoveryKey()));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QCOMPARE(r->removedAgain, QStringList{QStringLiteral("leaver")});
        QCOMPARE(r->addedSince, QStringList{QStringLiteral("newcomer")});
        auto leaver = Vault::open(t.dir(), QStringLiteral("leaver"), secret("last day before leaving"));
        QVERIFY(!leaver.ok());
        QVERIFY(Vault::open(t.dir(), QStringLiteral("stayer"), secret("staying on at the clinic")).ok());
        QVERIFY(t.reopen().ok());
        auto st = t.db().prepare("SELECT active FROM staff WHERE username = 'leaver'");
        QVERIFY(st.step());
        QCOMPARE(st.int64(0), qint64(0));
        auto audit = AuditLog(t.db()).query({});
        QVERIFY(std::any_of(audit->cbegin(), audit->cend(), [](const AuditEntry& e) {
            return e.action == QStringLiteral("staff-removed") &&
                   e.detail.startsWith(QStringLiteral("leaver; removed after the backup"));
        }));
        QVERIFY(AuditLog(t.db()).verify()->intact);
    }

    // The receptionist copies last night's backup to a USB stick: her passphrase opens nothing in it,
    // and neither does the practitioner's. A restore on a new machine (the recovery key) names the
    // accounts it brings back and gives each a one-time passphrase for the keys of their role.
    void aBackupHoldsOnlyTheManagersKeys()
    {
        TestVault t;
        amara(t);
        const auto kdf = KdfParams::forTestsOnly();
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("rita"), QStringLiteral("Rita Desk"), QStringLiteral("receptionist"),
                         secret("rita at the front desk"), kdf)
                    .ok());
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("pat"), QStringLiteral("Pat Room"), QStringLiteral("practitioner"),
                         secret("pat in the treatment room"), kdf)
                    .ok());
        auto made = makeBackup(t.vault(), out(QStringLiteral("usb.cdbackup")));
        QVERIFY(made.ok());
        auto contents = backup::read(made->path);
        QVERIFY(contents.ok());
        auto ring = Keyring::parse(contents->keyring);
        QVERIFY(ring.ok());
        QCOMPARE(ring->users(), QStringList{QStringLiteral("manager")});
        QVERIFY(ring->macValid(t.vault().databaseKey())); // signed again, not just cut
        QVERIFY(!ring->unwrap(QStringLiteral("rita"), secret("rita at the front desk")).ok());
        QVERIFY(!ring->unwrap(QStringLiteral("pat"), secret("pat in the treatment room")).ok());
        const QString key = t.recoveryKey();
        t.close();

        QTemporaryDir machine;
        const QString dir = machine.filePath(QStringLiteral("vault"));
        for (const auto& [user, pass] :
             {std::pair{"rita", "rita at the front desk"}, std::pair{"pat", "pat in the treatment room"}}) {
            RestoreOptions o;
            o.vaultDir = dir;
            o.backupPath = made->path;
            o.user = QString::fromLatin1(user);
            const SecretBytes typed = secret(pass);
            o.passphrase = &typed;
            auto refused = restoreBackup(o);
            QVERIFY(!refused.ok());
            QVERIFY2(refused.message().contains(QStringLiteral("no account")), qPrintable(refused.message()));
            QVERIFY(!QFileInfo::exists(dir));
        }

        RestoreOptions o = withRecoveryKey(dir, made->path, key);
        o.kdf = kdf;
        auto r = restoreBackup(o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QVERIFY(!r->keptCurrentSlots);
        QCOMPARE(r->oneTimePassphrases.size(), 2);
        QCOMPARE(r->oneTimePassphrases[0].first, QStringLiteral("pat"));
        QCOMPARE(r->oneTimePassphrases[1].first, QStringLiteral("rita"));
        QVERIFY(!Vault::open(dir, QStringLiteral("rita"), secret("rita at the front desk")).ok());
        auto rita =
            Vault::open(dir, QStringLiteral("rita"), secret(r->oneTimePassphrases[1].second.constData()));
        QVERIFY2(rita.ok(), qPrintable(rita.ok() ? QString() : rita.message()));
        QVERIFY(!rita.value()->keys().holds(KeyScope::Clinical));
        QVERIFY(Accounts(*rita.value()).mustChangePassphrase().value());
        rita.value().reset();
        auto pat =
            Vault::open(dir, QStringLiteral("pat"), secret(r->oneTimePassphrases[0].second.constData()));
        QVERIFY2(pat.ok(), qPrintable(pat.ok() ? QString() : pat.message()));
        QVERIFY(pat.value()->keys().holds(KeyScope::Clinical));
        QVERIFY(!pat.value()->keys().holds(KeyScope::Management));
        pat.value().reset();
        auto manager = Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase));
        QVERIFY(manager.ok());
        auto audit = AuditLog(manager.value()->db()).query({});
        QVERIFY(std::any_of(audit->cbegin(), audit->cend(), [](const AuditEntry& e) {
            return e.action == QStringLiteral("staff-passphrases-issued") &&
                   e.detail.contains(QStringLiteral("pat, rita"));
        }));
    }

    // Someone with the database key adds a manager row to the staff table; a backup carries it. A
    // restore into a new folder gives one-time passphrases only for roles the managers signed: the
    // forged row gets no key, and is named for a manager to check.
    void aRestoreGivesKeysOnlyForSignedRoles()
    {
        TestVault t;
        const auto kdf = KdfParams::forTestsOnly();
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("rita"), {}, QStringLiteral("receptionist"),
                         secret("rita at the desk"), kdf)
                    .ok());
        t.db().exec("INSERT INTO staff (username, display_name, role, active, created_at) VALUES "
                    "('mallory', 'Mallory', 'manager', 1, '2026-01-01T00:00:00Z')");
        auto made = makeBackup(t.vault(), out(QStringLiteral("forged.cdbackup")));
        QVERIFY(made.ok());
        const QString key = t.recoveryKey();
        t.close();
        QTemporaryDir machine;
        RestoreOptions o = withRecoveryKey(machine.filePath(QStringLiteral("vault")), made->path, key);
        o.kdf = kdf;
        auto r = restoreBackup(o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QCOMPARE(r->oneTimePassphrases.size(), 1);
        QCOMPARE(r->oneTimePassphrases.first().first, QStringLiteral("rita"));
        QCOMPARE(r->withoutKey, QStringList{QStringLiteral("mallory")});
        QVERIFY(!Keyring::load(Vault::keyringPath(o.vaultDir))->slot(QStringLiteral("mallory")));
    }

    // Restored over the same vault (not re-keyed since), everyone keeps the passphrase they have today,
    // including one changed after the backup was made.
    void restoringOverTheVaultKeepsTodaysPassphrases()
    {
        TestVault t;
        amara(t);
        const auto kdf = KdfParams::forTestsOnly();
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("rita"), {}, QStringLiteral("receptionist"),
                         secret("rita on day one"), kdf)
                    .ok());
        auto made = makeBackup(t.vault(), out(QStringLiteral("same.cdbackup")));
        QVERIFY(made.ok());
        QVERIFY(t.vault()
                    .changePassphrase(QStringLiteral("rita"), secret("rita on day one"),
                                      secret("rita chose her own later"), kdf)
                    .ok());
        t.close();
        RestoreOptions o = withRecoveryKey(t.dir(), made->path, t.recoveryKey());
        o.kdf = kdf;
        auto r = restoreBackup(o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QVERIFY(r->keptCurrentSlots);
        QVERIFY(r->oneTimePassphrases.isEmpty());
        QVERIFY(r->removedAgain.isEmpty());
        QVERIFY(r->addedSince.isEmpty());
        QVERIFY(!Vault::open(t.dir(), QStringLiteral("rita"), secret("rita on day one")).ok());
        QVERIFY(Vault::open(t.dir(), QStringLiteral("rita"), secret("rita chose her own later")).ok());
    }

    void fullDiskWhileBackingUpLeavesNoFile()
    {
        TestVault t;
        amara(t);
        const auto before = snapshot(t.dir());
        const QString path = out(QStringLiteral("full.cdbackup"));
        {
            FaultVfsScope faults; // the vault stays on the real VFS; the copy goes through the failing one
            FaultVfs::failAt(FaultVfs::Op::Write, 1, SQLITE_FULL, true);
            auto r = makeBackup(t.vault(), path);
            QVERIFY(!r.ok());
            QVERIFY(FaultVfs::fired());
            QVERIFY2(r.message().contains(QStringLiteral("disk is full")), qPrintable(r.message()));
            QVERIFY(r.message().contains(QStringLiteral("was not written")));
        }
        QCOMPARE(
            QDir(m_out.path()).entryList(QDir::Files | QDir::Hidden).filter(QStringLiteral("full.cdbackup")),
            QStringList());
        QVERIFY(makeBackup(t.vault(), path).ok()); // space is back: the same call works
        t.close();
        auto after = snapshot(t.dir());
        QCOMPARE(after.value(QStringLiteral("keyring.json")), before.value(QStringLiteral("keyring.json")));
    }

    void fullDiskWhileRestoringReplacesNothing()
    {
        TestVault t;
        const qint64 id = amara(t);
        auto made = makeBackup(t.vault(), out(QStringLiteral("f.cdbackup")));
        QVERIFY(made.ok());
        const QString ref = ClientStore(t.db()).get(id)->subjectRef;
        QVERIFY(Erasure(t.db()).erase(id, QStringLiteral("Amara Okafor"), 0, 1).ok());
        QVERIFY(t.vault().recordErasure(ref).ok());
        t.close();
        const auto before = snapshot(t.dir());
        const QStringList folders = siblings(t);
        {
            FaultVfsScope faults; // erasing again must write: the disk is full by then
            FaultVfs::failAt(FaultVfs::Op::Write, 1, SQLITE_FULL, true);
            auto r = restoreBackup(withRecoveryKey(t.dir(), made->path, t.recoveryKey()));
            QVERIFY(!r.ok());
            QVERIFY(FaultVfs::fired());
            QVERIFY2(r.message().contains(QStringLiteral("disk is full")), qPrintable(r.message()));
            QVERIFY(r.message().contains(QStringLiteral("Nothing was restored")));
        }
        QCOMPARE(snapshot(t.dir()), before);
        QCOMPARE(siblings(t), folders);
        QVERIFY(restoreBackup(withRecoveryKey(t.dir(), made->path, t.recoveryKey())).ok());
    }
};

QTEST_MAIN(TestBackup)
#include "tst_backup.moc"
