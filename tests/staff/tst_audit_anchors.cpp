// The audit log against the insider who holds the database key (every member of staff): she drops
// the append-only triggers, cuts or rewrites entries, recomputes every hash so the chain still
// holds, forges checkpoints with a key of her own, and puts the triggers back. Each is found.
#include "CliRunner.h"
#include "Files.h"
#include "Insider.h"
#include "TestVault.h"
#include "audit/AuditLog.h"
#include "backup/Backup.h"
#include "common/ManagementKey.h"
#include "staff/Accounts.h"
#include "storage/Sql.h"
#include "vault/Keyring.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace cd;
using namespace cd::test;

namespace {

const char* const kTriggers =
    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit "
    "log is append-only'); END;"
    "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit "
    "log is append-only'); END;";

// The clinic of support/Insider.h after a day at the desk.
struct Clinic : StaffClinic
{
    Clinic()
    {
        // The manager's session (signed), then Tom's (not signed).
        t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        if (!t.reopen(kTom, QStringLiteral("tom")))
            qFatal("tom cannot sign in");
        t.addClient(QStringLiteral("Joy"), QStringLiteral("Okafor"));
        t.addClient(QStringLiteral("Ada"), QStringLiteral("Eze"));
        t.close(); // the log's last entry is recorded beside the database
    }
    // With the database key and the sqlcipher shell, then the triggers put back as they were.
    void asInsider(const std::function<void(Database&)>& act)
    {
        auto db = databaseAs(QStringLiteral("tom"), kTom);
        db->exec("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete");
        act(*db);
        db->exec(kTriggers);
    }
    AuditVerification verifyAsManager()
    {
        if (!t.reopen())
            qFatal("the manager cannot sign in");
        const auto head = t.vault().recordedAuditHead();
        if (!head)
            qFatal("no head: %s", qPrintable(head.message()));
        auto v = AuditLog(t.db()).verify(head->first, head->second);
        if (!v)
            qFatal("verify failed: %s", qPrintable(v.message()));
        return v.value();
    }
};

// The chain's hash as the log computes it: anyone can, which is why the chain alone is not enough.
QString chainHash(const QString& prev, const QStringList& fields)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const QString& part : QStringList{prev} + fields) {
        h.addData(part.toUtf8());
        h.addData(QByteArrayView("\x1f", 1));
    }
    return QString::fromLatin1(h.result().toHex());
}

// Recomputes every hash from the first entry on, so the chain holds again after a change.
void rechain(Database& db)
{
    QString prev(64, QLatin1Char('0'));
    QList<std::pair<qint64, QString>> hashes;
    for (auto st =
             db.prepare("SELECT id, at, staff, action, coalesce(subject_ref, ''), detail FROM audit_log "
                        "ORDER BY id");
         st.step();) {
        const QString h = chainHash(prev, {st.text(1), st.text(2), st.text(3), st.text(4), st.text(5)});
        hashes.append({st.int64(0), prev + QLatin1Char(' ') + h});
        prev = h;
    }
    for (const auto& [id, pair] : hashes)
        db.prepare("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?")
            .bind(1, pair.section(QLatin1Char(' '), 0, 0))
            .bind(2, pair.section(QLatin1Char(' '), 1, 1))
            .bind(3, id)
            .run();
}

bool mentions(const AuditVerification& v, const char* words)
{
    return v.anchorProblems.join(QLatin1Char(' ')).contains(QString::fromUtf8(words));
}

} // namespace

class TestAuditAnchors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void anUntouchedLogIsAnchored()
    {
        Clinic c;
        const AuditVerification v = c.verifyAsManager();
        QVERIFY(v.intact);
        QVERIFY2(v.anchored(), qPrintable(v.anchorProblems.join(QStringLiteral("; "))));
        QVERIFY(v.signing);
        QVERIFY(v.checkpoints >= 2);
        QVERIFY(v.sinceLastCheckpoint >= 3); // Tom's sign-in and his two clients
        QVERIFY(v.headChecked);
        c.t.close();
        const CliResult cli = runCli({QStringLiteral("verify"), QStringLiteral("--vault"), c.t.dir(),
                                      QStringLiteral("--user"), QStringLiteral("manager")},
                                     {}, cliEnvironment(QString::fromUtf8(kPassphrase)));
        QVERIFY2(cli.exitCode == 0, qPrintable(cli.out + cli.err));
        QVERIFY2(
            cli.out.contains(QStringLiteral("audit anchors: ok (ids without gaps; append-only triggers in "
                                            "place;")),
            qPrintable(cli.out));
        QVERIFY(cli.out.contains(QStringLiteral("roster: signed by manager")));
        QVERIFY(cli.out.contains(QStringLiteral("vault ok")));
    }

    // Tom's own entries, after the last checkpoint: cut from the end. The head file beside the
    // database still names the last entry as the vault closed.
    void aCutTailIsFound()
    {
        Clinic c;
        qint64 last = 0;
        c.asInsider([&](Database& db) {
            auto st = db.prepare("SELECT max(id) FROM audit_log");
            st.step();
            last = st.int64(0);
            db.prepare("DELETE FROM audit_log WHERE id > ?").bind(1, last - 3).run();
        });
        // What `clinicdesk-cli verify` says, before any session writes to the vault again.
        const CliResult cli = runCli({QStringLiteral("verify"), QStringLiteral("--vault"), c.t.dir(),
                                      QStringLiteral("--user"), QStringLiteral("manager")},
                                     {}, cliEnvironment(QString::fromUtf8(kPassphrase)));
        QVERIFY(cli.exitCode != 0);
        QVERIFY2(cli.out.contains(QStringLiteral("audit chain: intact")), qPrintable(cli.out));
        QVERIFY2(cli.out.contains(QStringLiteral("audit anchors: TAMPERED: the log ends at entry")),
                 qPrintable(cli.out));
        QVERIFY(cli.out.contains(QStringLiteral("VAULT DAMAGED")));
        const AuditVerification v = c.verifyAsManager();
        QVERIFY(v.intact); // what the chain alone would say
        QVERIFY2(mentions(v, "entries were removed from its end"), qPrintable(v.anchorProblems.join(';')));
        // The manager's session said so in the log itself, before its own entries moved the head on.
        c.t.close();
        QVERIFY(c.t.reopen().ok());
        AuditFilter f;
        f.action = QStringLiteral("audit-log-tampered");
        auto said = AuditLog(c.t.db()).query(f);
        QCOMPARE(said->size(), 1);
        QVERIFY2(said->first().detail.contains(QStringLiteral("cut or rewritten")),
                 qPrintable(said->first().detail));
    }

    // Entries a manager's session signed, cut too, and the head file deleted: the checkpoints name
    // what is gone.
    void aCutOfSignedEntriesIsFoundWithoutTheHeadFile()
    {
        Clinic c;
        c.asInsider([](Database& db) { db.exec("DELETE FROM audit_log WHERE id > 2"); });
        // The head file deleted too (anyone can delete a file): as if none was ever recorded.
        QVERIFY(QFile::remove(QDir(c.t.dir()).filePath(QLatin1String(Vault::kAuditHeadFile))));
        const AuditVerification v = c.verifyAsManager();
        QVERIFY(v.intact);
        QVERIFY2(mentions(v, "is gone from the log"), qPrintable(v.anchorProblems.join(';')));
    }

    // One entry rewritten and every hash after it recomputed: the chain holds, the checkpoint does not.
    void aConsistentlyRewrittenChainIsFound()
    {
        Clinic c;
        c.asInsider([](Database& db) {
            db.exec("UPDATE audit_log SET staff = 'tom' WHERE id = 2");
            rechain(db);
        });
        const AuditVerification v = c.verifyAsManager();
        QVERIFY(v.intact);
        QVERIFY2(mentions(v, "was rewritten since"), qPrintable(v.anchorProblems.join(';')));
    }

    // An entry taken out of the middle and the chain recomputed around it: the numbering shows it.
    void aGapInTheIdsIsFound()
    {
        Clinic c;
        c.asInsider([](Database& db) {
            db.exec("DELETE FROM audit_log WHERE id = (SELECT max(id) - 1 FROM audit_log)");
            rechain(db);
        });
        const AuditVerification v = c.verifyAsManager();
        QVERIFY(v.intact);
        QVERIFY2(mentions(v, "is missing"), qPrintable(v.anchorProblems.join(';')));
    }

    void missingOrDisarmedTriggersAreFound_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("both dropped")
            << QStringLiteral("DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete");
        QTest::newRow("a WHEN clause that never fires")
            << QStringLiteral("DROP TRIGGER audit_log_no_delete; CREATE TRIGGER audit_log_no_delete BEFORE "
                              "DELETE ON audit_log WHEN 0 BEGIN SELECT RAISE(ABORT, 'x'); END");
        QTest::newRow("the checkpoints' trigger dropped")
            << QStringLiteral("DROP TRIGGER audit_checkpoints_no_delete");
    }
    void missingOrDisarmedTriggersAreFound()
    {
        QFETCH(QString, sql);
        Clinic c;
        c.databaseAs(QStringLiteral("tom"), kTom)->exec(sql.toStdString());
        const AuditVerification v = c.verifyAsManager();
        QVERIFY2(mentions(v, "append-only trigger"), qPrintable(v.anchorProblems.join(';')));
    }

    // A checkpoint of her own over a rewritten entry, signed with a key she made.
    void aForgedCheckpointIsFound()
    {
        Clinic c;
        c.asInsider([](Database& db) {
            const ManagementKey mine(QByteArray(), SecretBytes::random(32));
            auto st = db.prepare("SELECT id, hash, at FROM audit_log ORDER BY id DESC LIMIT 1");
            st.step();
            const qint64 id = st.int64(0);
            const QString hash = st.text(1), at = st.text(2);
            db.prepare("INSERT INTO audit_checkpoints (entry_id, entry_hash, at, signed_by, signature) "
                       "VALUES (?,?,?,'manager',?)")
                .bind(1, id)
                .bind(2, hash)
                .bind(3, at)
                .bindBlob(4, mine.sign(AuditLog::kCheckpointContext, QByteArray::number(id) + '\n' +
                                                                         hash.toUtf8() + '\n' + at.toUtf8() +
                                                                         "\nmanager"))
                .run();
        });
        const AuditVerification v = c.verifyAsManager();
        QVERIFY2(mentions(v, "no valid manager's signature"), qPrintable(v.anchorProblems.join(';')));
    }

    // A re-key makes a new management key; what the old one signed still counts.
    void checkpointsOutliveARekey()
    {
        Clinic c;
        QVERIFY(c.t.reopen().ok());
        auto r = Accounts(c.t.vault()).rekey(secret(kPassphrase), KdfParams::forTestsOnly());
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.message()));
        const auto head = c.t.vault().recordedAuditHead();
        QVERIFY(head.ok());
        auto v = AuditLog(c.t.db()).verify(head->first, head->second);
        QVERIFY(v.ok());
        QVERIFY2(v->anchored(), qPrintable(v->anchorProblems.join(';')));
        QVERIFY(v->checkpoints >= 3);
    }

    // Restoring an older backup takes the log back; the restored log says so, with the number of
    // entries it no longer holds and the last one's hash.
    void aRestoreSaysWhatItDiscarded()
    {
        Clinic c;
        QVERIFY(c.t.reopen().ok());
        QTemporaryDir out;
        auto made = makeBackup(c.t.vault(), out.filePath(QStringLiteral("morning.cdbackup")));
        QVERIFY2(made.ok(), made.ok() ? "" : qPrintable(made.message()));
        c.t.addClient(QStringLiteral("Later"), QStringLiteral("Client"));
        c.t.addClient(QStringLiteral("Later"), QStringLiteral("Again"));
        c.t.close();
        RestoreOptions o;
        o.vaultDir = c.t.dir();
        o.backupPath = made->path;
        o.recoveryKey = c.t.recoveryKey();
        auto restored = restoreBackup(o);
        QVERIFY2(restored.ok(), restored.ok() ? "" : qPrintable(restored.message()));
        QVERIFY(c.t.reopen().ok());
        AuditFilter f;
        f.action = QStringLiteral("vault-restored");
        auto entries = AuditLog(c.t.db()).query(f);
        QVERIFY(entries.ok());
        QCOMPARE(entries->size(), 1);
        QVERIFY2(entries->first().detail.contains(QStringLiteral("morning.cdbackup")),
                 qPrintable(entries->first().detail));
        QVERIFY2(QRegularExpression(QStringLiteral("discarded [4-9] later entries .*last hash [0-9a-f]{64}"))
                     .match(entries->first().detail)
                     .hasMatch(),
                 qPrintable(entries->first().detail));
        const auto head = c.t.vault().recordedAuditHead();
        QVERIFY(head.ok());
        auto v = AuditLog(c.t.db()).verify(head->first, head->second);
        QVERIFY2(v->anchored(), qPrintable(v->anchorProblems.join(';')));
    }
};

QTEST_GUILESS_MAIN(TestAuditAnchors)
#include "tst_audit_anchors.moc"
