// Restoring a backup. Everything is checked and prepared in a staging folder beside the vault (same
// file system, so the final step is two renames); the current vault is only moved aside at the very
// end, when the restored copy has opened, passed integrity_check and had the erasure ledger applied.
#include "accounts/Roster.h"
#include "accounts/Staff.h"
#include "audit/AuditLog.h"
#include "backup/Backup.h"
#include "backup/BackupFile.h"
#include "common/Clock.h"
#include "privacy/Ledger.h"
#include "staff/Accounts.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QObject>
#include <QScopeGuard>
#include <algorithm>
#include <cstring>
#include <optional>

namespace cd {

namespace {

Error refused(Error::Kind kind, const QString& message)
{
    return makeError(kind, message + QLatin1Char(' ') +
                               QObject::tr("Nothing was restored; the vault is unchanged."));
}

QString freeName(const QString& base)
{
    QString name = base;
    for (int i = 2; QFileInfo::exists(name); ++i)
        name = base + QLatin1Char('-') + QString::number(i);
    return name;
}

// The keys a recovery key gives for this backup: derived from it when the vault has key domains,
// the key itself before them (backup/Backup.h keeps the keyring that says which; without one, the
// backup's own MAC does).
Result<KeySet> recoveryKeys(const RestoreOptions& o, const backup::Contents& c,
                            const std::optional<Keyring>& ring)
{
    SecretBytes root = Vault::parseRecoveryKey(o.recoveryKey);
    if (root.empty())
        return refused(Error::Kind::Invalid,
                       QObject::tr("A recovery key has 64 hexadecimal digits (0-9, A-F); "
                                   "check what you typed."));
    KeySet derived = KeySet::fromRecoveryKey(root);
    if (ring && ring->hasDomains())
        return derived;
    if (!ring)
        if (auto matches = backup::macMatches(o.backupPath, c, derived.database); matches && matches.value())
            return derived;
    KeySet legacy;
    legacy.database = std::move(root);
    return legacy;
}

Result<KeySet> keyFor(const RestoreOptions& o, const backup::Contents& c, const std::optional<Keyring>& ring)
{
    if (!o.recoveryKey.isEmpty())
        return recoveryKeys(o, c, ring);
    if (!o.passphrase || o.passphrase->empty())
        return refused(Error::Kind::Invalid, QObject::tr("Give the recovery key or a manager's passphrase."));
    if (!ring)
        return refused(Error::Kind::Invalid,
                       QObject::tr("This backup holds no accounts: restore it with the recovery key."));
    auto key = ring->unwrap(o.user, *o.passphrase);
    if (!key && key.error().kind == Error::Kind::WrongSecret)
        return refused(
            Error::Kind::WrongSecret,
            QObject::tr("Wrong passphrase for \"%1\" in this backup. A backup keeps the passphrases of the "
                        "day it was made: use the one you had then, or the recovery key.")
                .arg(o.user));
    if (!key)
        return refused(key.error().kind,
                       QObject::tr("There is no account \"%1\" in this backup: use another account "
                                   "or the recovery key.")
                           .arg(o.user));
    return key;
}

// The vault now at dir may only be replaced by a backup of the same vault, and, when a passphrase is
// used, by someone whose passphrase opens it today (a leaver's old passphrase still opens old backups).
Status mayReplace(const RestoreOptions& o, const QString& dir, const std::optional<Keyring>& ring,
                  const KeySet& keys)
{
    auto current = Keyring::load(Vault::keyringPath(dir));
    if (current && ring && current->vaultId() != ring->vaultId())
        return refused(Error::Kind::Conflict,
                       QObject::tr("The backup is of another vault than the one in %1. Restore it "
                                   "into a new or empty folder instead.")
                           .arg(dir));
    if (o.recoveryKey.isEmpty()) {
        if (!current)
            return refused(current.error().kind,
                           QObject::tr("The keyring of the vault in %1 cannot be read (%2), so a "
                                       "passphrase cannot be checked: restore with the recovery key.")
                               .arg(dir, current.message()));
        auto today = current->unwrap(o.user, *o.passphrase);
        if (!today || !today->database.equals(keys.database))
            return refused(Error::Kind::WrongSecret,
                           QObject::tr("The passphrase of \"%1\" does not open the vault now in "
                                       "%2 (it changed since the backup, or the account was "
                                       "removed): restore with the recovery key.")
                               .arg(o.user, dir));
    }
    return {};
}

// Who signs in to the restored vault, and with what. The restored keyring is the replaced vault's
// when it had the same keys (everyone keeps today's passphrase), else the backup's (managers only).
// Then: a slot whose account is not open in the restored database goes; an open account the replaced
// vault had removed (a leaver) is closed again; any other open account without a slot gets a
// one-time passphrase. `currentUsers`: the replaced vault's accounts, when there was one to read.
Status settleAccounts(Vault& restored, const std::optional<QStringList>& currentUsers,
                      const QString& restoringUser, std::optional<KdfParams> kdf, RestoreReport& report)
{
    auto listed = Accounts(restored).list(); // roles and open states as signed
    if (!listed)
        return refused(listed.error().kind, listed.message());
    // A one-time passphrase gives the keys of a role: only a role the managers signed counts (anyone
    // with the database key can add a row to the staff table). Before signed rosters (a vault made
    // before key domains) the table is all there is.
    auto signedRoster = roster::check(restored.db());
    const bool rolesSigned = signedRoster && signedRoster->state == roster::State::Signed;
    QHash<QString, StaffMember> open;
    for (const StaffMember& m : listed.value())
        if (m.active)
            open.insert(m.username, m);
    const auto fail = [](const QString& user, const Status& st) {
        return refused(st.error().kind, QObject::tr("The account \"%1\" could not be settled in the restored "
                                                    "copy: %2")
                                            .arg(user, st.message()));
    };
    if (currentUsers)
        for (const QString& user : *currentUsers)
            if (!open.contains(user))
                report.addedSince << user;
    for (const QString& user : restored.keyring().users())
        if (!open.contains(user) && restored.keyring().slots().size() > 1)
            if (auto st = restored.removeSlot(user); !st)
                return fail(user, st);
    QStringList closed, issued;
    for (const StaffMember& m : std::as_const(open)) {
        if (currentUsers && !currentUsers->contains(m.username) && m.username != restoringUser) {
            if (restored.keyring().slot(m.username))
                if (auto st = restored.removeSlot(m.username); !st)
                    return fail(m.username, st);
            closed << m.username;
        } else if (!restored.keyring().slot(m.username)) {
            // Without a keyring in the backup (a vault whose keyring was lost) there is nothing to add
            // slots to; without a signed role there is no role to give: named, for the Staff dialog.
            if (restored.keyring().vaultId().isEmpty() ||
                (restored.hasKeyDomains() && !(rolesSigned && signedRoster->entries.contains(m.username)))) {
                report.withoutKey << m.username;
                continue;
            }
            if (!kdf)
                kdf = KdfParams::calibrated(); // only when a slot is written: it takes a derivation
            const QByteArray otp = Accounts::generateOneTimePassphrase();
            QByteArray sealed = otp;
            if (auto st = restored.setSlot(m.username, SecretBytes::takeFrom(sealed), *kdf, scopeFor(m.role));
                !st)
                return fail(m.username, st);
            issued << m.username;
            report.oneTimePassphrases.append({m.username, otp});
        }
    }
    std::sort(closed.begin(), closed.end());
    std::sort(report.withoutKey.begin(), report.withoutKey.end());
    std::sort(issued.begin(), issued.end());
    std::sort(report.oneTimePassphrases.begin(), report.oneTimePassphrases.end());
    auto st = guarded([&]() -> Status {
        Transaction tx(restored.db());
        AuditLog log(restored.db());
        for (const QString& user : std::as_const(closed)) {
            staff::closeInTransaction(restored.db(), user);
            if (auto a = log.append(QStringLiteral("staff-removed"), {},
                                    user + QStringLiteral("; removed after the backup, again on restore"));
                !a)
                return a;
        }
        for (const QString& user : std::as_const(issued))
            staff::setMustChangePassphraseInTransaction(restored.db(), user, true);
        if (!issued.isEmpty())
            if (auto a = log.append(QStringLiteral("staff-passphrases-issued"), {},
                                    QStringLiteral("on restore, one-time passphrases for: %1")
                                        .arg(issued.join(QStringLiteral(", "))));
                !a)
                return a;
        tx.commit();
        return {};
    });
    if (!st)
        return refused(st.error().kind, st.message());
    report.removedAgain = closed;
    return {};
}

// Unpacks the backup into `staging` and opens it with the key.
Result<std::unique_ptr<Vault>> unpack(const RestoreOptions& o, const backup::Contents& c,
                                      const QString& staging, const KeySet& keys, const QByteArray& keyring)
{
    QFile db(Vault::databasePath(staging));
    if (!db.open(QIODevice::WriteOnly) ||
        !db.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return refused(Error::Kind::Io,
                       QObject::tr("Cannot write in %1: %2.").arg(staging, db.errorString()));
    auto st = backup::extractDatabase(o.backupPath, c, db);
    if (st && !db.flush())
        st = makeError(Error::Kind::Io, db.errorString());
    db.close();
    if (st && !keyring.isEmpty())
        st = backup::writePrivateFile(Vault::keyringPath(staging), keyring);
    if (st && !c.ledger.isEmpty())
        st = backup::writePrivateFile(QDir(staging).filePath(QLatin1String(Vault::kLedgerFile)), c.ledger);
    if (!st)
        return refused(Error::Kind::Io,
                       QObject::tr("The backup could not be unpacked beside the vault (the disk may be "
                                   "full): %1")
                           .arg(st.message()));
    auto vault = Vault::openWithKeys(staging, keys.copy());
    if (!vault)
        return refused(Error::Kind::Damaged,
                       QObject::tr("The database in the backup does not open: %1").arg(vault.message()));
    const auto problems = guarded([&]() -> Result<QStringList> {
        QStringList lines;
        for (auto check = vault.value()->db().prepare("PRAGMA integrity_check"); check.step();)
            lines << check.text(0);
        return lines;
    });
    if (!problems || problems.value() != QStringList{QStringLiteral("ok")})
        return refused(Error::Kind::Damaged,
                       QObject::tr("The database in the backup fails its integrity check (%1): use "
                                   "another backup.")
                           .arg(problems ? problems.value().join(QStringLiteral("; ")) : problems.message()));
    return vault;
}

// Carries the current vault's ledger (a superset of the backup's unless the backup is newer) into the
// restored copy, keeps any entry only the backup had, then erases again everyone it names.
Result<int> applyLedger(Vault& restored, const QString& currentLedger)
{
    auto fromBackup = restored.erasureLedger();
    if (!fromBackup)
        return refused(
            fromBackup.error().kind,
            QObject::tr("The backup's erasure ledger cannot be read: %1").arg(fromBackup.message()));
    if (QFile cur(currentLedger); cur.exists()) {
        if (!cur.open(QIODevice::ReadOnly))
            return refused(
                Error::Kind::Io,
                QObject::tr("Cannot read the erasure ledger %1: %2").arg(currentLedger, cur.errorString()));
        const QString target = QDir(restored.dir()).filePath(QLatin1String(Vault::kLedgerFile));
        if (auto st = backup::writePrivateFile(target, cur.readAll()); !st)
            return refused(st.error().kind, st.message());
        auto carried = restored.erasureLedger();
        if (!carried)
            return refused(Error::Kind::Damaged,
                           QObject::tr("The erasure ledger of the vault being replaced cannot be read "
                                       "with this backup's key (%1).")
                               .arg(carried.message()));
        for (const Vault::LedgerEntry& e : fromBackup.value()) {
            const bool known =
                std::any_of(carried->cbegin(), carried->cend(),
                            [&](const Vault::LedgerEntry& c) { return c.subjectRef == e.subjectRef; });
            if (!known)
                if (auto st = restored.recordErasure(e.subjectRef); !st)
                    return refused(st.error().kind, st.message());
        }
    }
    auto again = reapplyErasureLedger(restored);
    if (!again)
        return refused(
            again.error().kind,
            QObject::tr("Erasing again the clients in the erasure ledger failed: %1").arg(again.message()));
    return again;
}

// The restored log says it was restored, and what it no longer holds: the entries the replaced
// vault had written after the backup (their number and the last one's hash, which the chain ties to
// every one of them; that vault itself is kept aside).
Status recordRestore(Vault& restored, const RestoreOptions& o, const backup::Contents& c,
                     const QString& replacedDir, const KeySet& keys)
{
    QString detail =
        QStringLiteral("from %1 made %2 by %3")
            .arg(QFileInfo(o.backupPath).fileName(), c.meta.value(QStringLiteral("created_at")).toString(),
                 o.recoveryKey.isEmpty() ? o.user : QStringLiteral("the recovery key"));
    return guarded([&]() -> Status {
        const auto [headId, headHash] = AuditLog(restored.db()).headInTransaction();
        if (!replacedDir.isEmpty()) {
            auto current =
                Database::open(Vault::databasePath(replacedDir), Database::Mode::Open, &keys.database);
            if (!current) {
                detail += QStringLiteral("; the log of the vault replaced could not be read with this "
                                         "backup's key (re-keyed since?), so what it held after the "
                                         "backup is not counted here");
            } else {
                const AuditLog::Tail tail =
                    AuditLog(*current.value()).tailAfterInTransaction(headId, headHash);
                if (!tail.found)
                    detail += QStringLiteral("; the vault replaced does not hold this backup's last entry "
                                             "(%1): its log of %2 entries, last hash %3, went another way")
                                  .arg(headId)
                                  .arg(tail.entries)
                                  .arg(tail.lastHash);
                else if (tail.entries > 0)
                    detail += QStringLiteral("; discarded %1 later entries of the vault replaced (ids %2 to "
                                             "%3, last hash %4)")
                                  .arg(tail.entries)
                                  .arg(tail.firstId)
                                  .arg(tail.lastId)
                                  .arg(tail.lastHash);
                else
                    detail += QStringLiteral("; the vault replaced had no later entries");
            }
        }
        return AuditLog(restored.db()).append(QStringLiteral("vault-restored"), {}, detail);
    });
}

} // namespace

Result<RestoreReport> restoreBackup(const RestoreOptions& o)
{
    if (!sodiumReady())
        return makeError(Error::Kind::Failed, QObject::tr("The cryptography library could not start."));
    auto contents = backup::read(o.backupPath);
    if (!contents)
        return contents.error();
    const backup::Contents& c = contents.value();
    std::optional<Keyring> ring;
    if (!c.keyring.isEmpty()) {
        auto parsed = Keyring::parse(c.keyring);
        if (!parsed)
            return refused(Error::Kind::Damaged, QObject::tr("The keyring inside the backup is damaged."));
        ring = std::move(parsed.value());
    }
    auto key = keyFor(o, c, ring);
    if (!key)
        return key.error();
    auto macOk = backup::macMatches(o.backupPath, c, key->database);
    if (!macOk)
        return macOk.error();
    // The keyring's own MAC tells whose key this is: if it verifies, the key is right and the file changed.
    if (!macOk.value())
        return o.recoveryKey.isEmpty() || (ring && ring->macValid(key->database))
                   ? refused(Error::Kind::Damaged,
                             QObject::tr("The backup %1 was altered after it was written.").arg(o.backupPath))
                   : refused(Error::Kind::WrongSecret,
                             QObject::tr("This recovery key does not open the backup %1: it "
                                         "belongs to another vault, or a digit is mistyped.")
                                 .arg(o.backupPath));
    if (ring && !ring->macValid(key->database))
        return refused(Error::Kind::Damaged, QObject::tr("The keyring inside the backup was altered."));

    const QString dir = QDir::cleanPath(QDir(o.vaultDir).absolutePath());
    const bool hadVault = Vault::exists(dir);
    const QDir target(dir);
    if (!hadVault && target.exists() &&
        !target.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        return refused(Error::Kind::Conflict,
                       QObject::tr("%1 is a folder with other files in it, not a Clinicdesk vault: "
                                   "restore into a new or empty folder.")
                           .arg(dir));
    if (hadVault)
        if (auto st = mayReplace(o, dir, ring, key.value()); !st)
            return st.error();

    const QString parent = QFileInfo(dir).absolutePath();
    const QString stamp = Clock::now().toLocalTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    const QString staging = freeName(dir + QStringLiteral(".restoring-") + stamp);
    if (!QDir().mkpath(staging))
        return refused(Error::Kind::Io, QObject::tr("Cannot create a folder in %1.").arg(parent));
    QFile::setPermissions(staging, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    auto dropStaging = qScopeGuard([&] { QDir(staging).removeRecursively(); });

    RestoreReport report;
    report.backupCreatedAt = c.meta.value(QStringLiteral("created_at")).toString();
    report.hadCurrentVault = hadVault;
    {
        // The replaced vault's keyring, when it wraps the same keys (not re-keyed since the backup):
        // its slots are today's, leavers gone and newcomers in.
        std::optional<QStringList> currentUsers;
        QByteArray keyring = c.keyring;
        if (hadVault)
            if (auto current = Keyring::load(Vault::keyringPath(dir))) {
                currentUsers = current->users();
                if (ring && current->vaultId() == ring->vaultId() && current->macValid(key->database) &&
                    current->hasDomains() == ring->hasDomains()) {
                    keyring = current->serialize();
                    report.keptCurrentSlots = true;
                }
            }
        auto restored = unpack(o, c, staging, key.value(), keyring);
        if (!restored)
            return restored.error();
        Vault& v = *restored.value();
        if (o.recoveryKey.isEmpty()) {
            auto who = guarded([&] { return staff::byUsername(v.db(), o.user); });
            if (!who || who->role != Role::Manager)
                return refused(Error::Kind::Permission,
                               QObject::tr("Only a manager can restore a backup; \"%1\" is not "
                                           "a manager in it.")
                                   .arg(o.user));
        }
        auto again =
            applyLedger(v, hadVault ? QDir(dir).filePath(QLatin1String(Vault::kLedgerFile)) : QString());
        if (!again)
            return again.error();
        report.erasedAgain = again.value();
        report.ledgerEntries = int(v.erasureLedger().value().size());
        if (auto st = recordRestore(v, o, c, hadVault ? dir : QString(), key.value()); !st)
            return st.error();
        if (auto st = settleAccounts(v, currentUsers, o.user, o.kdf, report); !st)
            return st.error();
    } // the restored copy closes here, its WAL folded into the file

    if (hadVault) {
        report.keptAside = freeName(dir + QStringLiteral(".before-restore-") + stamp);
        if (!QDir().rename(dir, report.keptAside))
            return refused(Error::Kind::Io,
                           QObject::tr("The vault in %1 could not be moved aside: close Clinicdesk and "
                                       "anything else using it, then try again.")
                               .arg(dir));
        if (!QDir().rename(staging, dir)) {
            QDir().rename(report.keptAside, dir);
            return refused(Error::Kind::Io,
                           QObject::tr("The restored vault could not be moved into %1.").arg(dir));
        }
    } else {
        if (target.exists())
            QDir().rmdir(dir); // empty, checked above
        if (!QDir().rename(staging, dir))
            return refused(Error::Kind::Io,
                           QObject::tr("The restored vault could not be moved into %1.").arg(dir));
    }
    dropStaging.dismiss();
    return report;
}

} // namespace cd
