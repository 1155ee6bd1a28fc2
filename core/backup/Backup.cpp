// Making a backup. The database is never copied byte for byte from the live file (a write between two
// reads would give a torn copy, and the WAL holds committed pages the main file does not have yet):
// SQLite's backup API copies it page by page under one read transaction into a database keyed alike.
#include "backup/Backup.h"

#include "accounts/Staff.h"
#include "audit/AuditLog.h"
#include "backup/BackupFile.h"
#include "common/Clock.h"
#include "common/Durable.h"
#include "storage/Schema.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSaveFile>
#include <QScopeGuard>

namespace cd {

namespace {

Error notWritten(const QString& outPath, const QString& why)
{
    return makeError(
        Error::Kind::Io,
        QObject::tr("The backup %1 was not written: %2 The vault is unchanged.").arg(outPath, why));
}

// A consistent encrypted copy of the vault's database at copyPath, checked before it is packed.
Status copyDatabase(Vault& vault, const QString& copyPath)
{
    auto dest = Database::open(copyPath, Database::Mode::Create, &vault.databaseKey());
    if (!dest)
        return dest.error();
    return guarded([&]() -> Status {
        vault.db().copyInto(*dest.value());
        // Pages land in the copy's WAL; fold them into its file now so a failing write shows here,
        // not silently when the connection closes.
        dest.value()->checkpointTruncate();
        const QString check = dest.value()->pragma("quick_check");
        if (check != QLatin1String("ok"))
            return makeError(Error::Kind::Damaged,
                             QObject::tr("The vault database is damaged (%1): a backup of it would "
                                         "not restore. Restore the vault from an earlier backup.")
                                 .arg(check));
        return {};
    });
}

QByteArray metaJson(Vault& vault)
{
    QJsonObject meta{{QStringLiteral("created_at"), Clock::nowIso()},
                     {QStringLiteral("vault_id"), QString::fromLatin1(vault.keyring().vaultId().toBase64())},
                     {QStringLiteral("app_version"), QStringLiteral(CLINICDESK_VERSION)}};
    if (auto v = guarded([&]() -> Result<int> { return schema::currentVersion(vault.db()); }))
        meta.insert(QStringLiteral("schema_version"), v.value());
    // The audit log's last entry in the copy (the backup was copied just before): a log cut back
    // later no longer reaches it, which comparing with any earlier backup shows.
    if (auto head = guarded(
            [&]() -> Result<std::pair<qint64, QString>> { return AuditLog(vault.db()).headInTransaction(); });
        head && head->first > 0)
        meta.insert(QStringLiteral("audit_head"), QJsonObject{{QStringLiteral("id"), double(head->first)},
                                                              {QStringLiteral("hash"), head->second}});
    return QJsonDocument(meta).toJson(QJsonDocument::Compact);
}

// The keyring a backup carries: the managers' slots alone. A backup is a copy of every client taken
// off the desk (a USB stick, the clinic's file server), so only those who may restore one open it,
// with the recovery key; a receptionist's or a practitioner's passphrase opens nothing in it, and
// nobody's slot there outlives a leaver's removal (restore keeps the slots of the vault it replaces,
// or hands out one-time passphrases: backup/Backup.h).
Result<QByteArray> managersOnly(Vault& vault)
{
    Keyring ring = vault.keyring();
    QStringList managers;
    if (!ring.hasDomains()) {
        // Before key domains every slot wraps the one key: the roster says who is a manager.
        auto all = staff::all(vault.db());
        if (!all)
            return all.error();
        for (const StaffMember& m : all.value())
            if (m.active && m.role == Role::Manager)
                managers << m.username;
    }
    for (const KeySlot& slot : vault.keyring().slots()) {
        const bool manager =
            ring.hasDomains() ? slot.scope == KeyScope::Management : managers.contains(slot.user);
        if (!manager)
            ring.removeSlot(slot.user, vault.databaseKey());
    }
    return ring.serialize();
}

} // namespace

Result<BackupInfo> makeBackup(Vault& vault, const QString& outPath)
{
    const QFileInfo out(outPath);
    if (!QFileInfo(out.absolutePath()).isDir())
        return notWritten(outPath, QObject::tr("the folder %1 does not exist.").arg(out.absolutePath()));
    if (out.isDir())
        return notWritten(outPath, QObject::tr("it is a folder; name a file."));
    // The copy is encrypted like the vault; it sits beside the output, never in /tmp, and goes when done.
    const QString copyPath =
        QDir(out.absolutePath()).filePath(QStringLiteral(".%1.copy").arg(out.fileName()));
    backup::removeDatabaseFiles(copyPath);
    const auto dropCopy = qScopeGuard([&] { backup::removeDatabaseFiles(copyPath); });
    if (auto st = copyDatabase(vault, copyPath); !st)
        return st.error().kind == Error::Kind::Damaged ? st.error() : notWritten(outPath, st.message());

    QFile db(copyPath);
    if (!db.open(QIODevice::ReadOnly))
        return notWritten(outPath, db.errorString());
    QByteArray ledger;
    if (QFile l(QDir(vault.dir()).filePath(QLatin1String(Vault::kLedgerFile))); l.exists()) {
        if (!l.open(QIODevice::ReadOnly))
            return notWritten(outPath,
                              QObject::tr("the erasure ledger cannot be read (%1).").arg(l.errorString()));
        ledger = l.readAll();
    }

    QSaveFile f(outPath);
    if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return notWritten(outPath, f.errorString());
    const QByteArray meta = metaJson(vault);
    auto keyring = managersOnly(vault);
    if (!keyring)
        return notWritten(outPath, keyring.message());
    backup::Writer w(f, vault.databaseKey());
    bool ok = w.section("META", meta);
    if (ok && !vault.keyring().vaultId().isEmpty())
        ok = w.section("KRNG", keyring.value());
    if (ok && !ledger.isEmpty())
        ok = w.section("LDGR", ledger);
    ok = ok && w.sectionFrom("DBSE", db, db.size()) && w.finish();
    QString why;
    if (!ok || !files::commit(f, &why)) {
        if (why.isEmpty())
            why = f.errorString();
        f.cancelWriting();
        return notWritten(outPath, why.isEmpty() ? QObject::tr("write error.") : why + QLatin1Char('.'));
    }
    BackupInfo info{out.absoluteFilePath(), QFileInfo(outPath).size(),
                    QJsonDocument::fromJson(meta).object().value(QStringLiteral("created_at")).toString()};
    // Who took a copy of every client's data, when, and where to: in the log of the vault (the
    // backup itself was copied just before this entry).
    if (auto st = AuditLog(vault.db())
                      .append(QStringLiteral("backup-made"), {},
                              QStringLiteral("%1 (%2 bytes)").arg(out.fileName()).arg(info.bytes));
        !st)
        return makeError(st.error().kind,
                         QObject::tr("The backup %1 was written, but it could not be recorded "
                                     "in the audit log (%2). Delete it, check the vault with "
                                     "clinicdesk-cli verify, and make it again.")
                             .arg(info.path, st.message()));
    return info;
}

} // namespace cd
