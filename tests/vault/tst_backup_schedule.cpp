// The daily backup: one per day however often the vault is unlocked, the newest N kept, nothing else
// in the folder touched, and the backup it keeps restores.
#include "Files.h"
#include "TestVault.h"
#include "backup/Backup.h"
#include "backup/BackupSchedule.h"
#include "common/Clock.h"
#include "staff/Accounts.h"

#include <QDir>
#include <QScopeGuard>
#include <QTest>

using namespace cd;
using namespace cd::test;

class TestBackupSchedule : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void namesKeepVaultsApart()
    {
        QCOMPARE(BackupSchedule::defaultFolder(QStringLiteral("/home/desk/.local/share/clinicdesk/vault/")),
                 QStringLiteral("/home/desk/.local/share/clinicdesk/clinicdesk-backups"));
        const QDate day(2026, 12, 24);
        QCOMPARE(BackupSchedule::fileNameFor(QStringLiteral("/x/vault"), day),
                 QStringLiteral("vault-2026-12-24.cdbackup"));
        QCOMPARE(BackupSchedule::fileNameFor(QStringLiteral("/x/demo-vault"), day),
                 QStringLiteral("demo-vault-2026-12-24.cdbackup"));
    }

    void dailyBackupsRotateKeepingTheNewest()
    {
        TestVault t;
        t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const QString folder = BackupSchedule::defaultFolder(t.dir());
        QCOMPARE(folder, t.root() + QStringLiteral("/clinicdesk-backups"));
        QVERIFY(QDir().mkpath(folder));
        writeAll(folder + QStringLiteral("/notes.txt"), "not a backup");
        writeAll(folder + QStringLiteral("/demo-vault-2020-01-01.cdbackup"), "another vault's");
        QDate day(2026, 3, 1);
        Clock::setSource([&] { return QDateTime(day, QTime(9, 0)); });
        const auto restoreClock = qScopeGuard([] { Clock::setSource(nullptr); });
        const BackupSchedule schedule(folder, 3);
        int made = 0, removed = 0;
        for (int i = 0; i < 5; ++i, day = day.addDays(1)) {
            for (int unlock = 0; unlock < 2; ++unlock) { // a second unlock the same day makes none
                auto r = schedule.runAfterUnlock(t.vault());
                QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
                QCOMPARE(r->made, unlock == 0);
                made += r->made ? 1 : 0;
                removed += r->removed;
            }
        }
        QCOMPARE(made, 5);
        QCOMPARE(removed, 2);
        QCOMPARE(QDir(folder).entryList(QDir::Files, QDir::Name),
                 (QStringList{"demo-vault-2020-01-01.cdbackup", "notes.txt", "vault-2026-03-03.cdbackup",
                              "vault-2026-03-04.cdbackup", "vault-2026-03-05.cdbackup"}));
        QTemporaryDir elsewhere;
        RestoreOptions o;
        o.vaultDir = elsewhere.filePath(QStringLiteral("v"));
        o.backupPath = folder + QStringLiteral("/vault-2026-03-05.cdbackup");
        o.recoveryKey = t.recoveryKey();
        auto r = restoreBackup(o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
    }

    // A manager left and the vault was re-keyed: the daily backups made before it open with the old
    // recovery key and her old passphrase, so they go, and one under the new keys takes their place.
    void aRekeyReplacesTheDailyBackups()
    {
        TestVault t;
        t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const QString folder = BackupSchedule::defaultFolder(t.dir());
        QVERIFY(QDir().mkpath(folder));
        writeAll(folder + QStringLiteral("/demo-vault-2020-01-01.cdbackup"), "another vault's");
        QDate day(2026, 3, 1);
        Clock::setSource([&] { return QDateTime(day, QTime(9, 0)); });
        const auto restoreClock = qScopeGuard([] { Clock::setSource(nullptr); });
        const BackupSchedule schedule(folder);
        for (int i = 0; i < 3; ++i, day = day.addDays(1))
            QVERIFY(schedule.runAfterUnlock(t.vault()).ok());
        day = day.addDays(-1); // the re-key happens on the third day, after that day's backup
        const QString oldKey = t.recoveryKey();
        auto rekeyed = Accounts(t.vault()).rekey(secret(kPassphrase), KdfParams::forTestsOnly());
        QVERIFY(rekeyed.ok());
        auto r = schedule.runAfterRekey(t.vault());
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QCOMPARE(r->removed, 2);
        QCOMPARE(QDir(folder).entryList(QDir::Files, QDir::Name),
                 (QStringList{"demo-vault-2020-01-01.cdbackup", "vault-2026-03-03.cdbackup"}));
        QTemporaryDir elsewhere;
        RestoreOptions o;
        o.vaultDir = elsewhere.filePath(QStringLiteral("v"));
        o.backupPath = r->path;
        o.recoveryKey = oldKey;
        auto refused = restoreBackup(o);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message().contains(QStringLiteral("does not open")), qPrintable(refused.message()));
        o.recoveryKey = rekeyed->recoveryKey;
        auto restored = restoreBackup(o);
        QVERIFY2(restored.ok(), qPrintable(restored.ok() ? QString() : restored.message()));
    }
};

QTEST_MAIN(TestBackupSchedule)
#include "tst_backup_schedule.moc"
