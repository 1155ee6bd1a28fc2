#pragma once

#include "common/Result.h"
#include "common/Secret.h"
#include "vault/Kdf.h"

#include <QString>
#include <QStringList>
#include <optional>
#include <utility>

namespace cd {

class Vault;

struct BackupInfo
{
    QString path;
    qint64 bytes = 0;
    QString createdAt;
};

// Writes an encrypted backup of an open vault to `outPath` (atomically, 0600): the database is copied
// with SQLite's backup API into a copy keyed alike (a consistent snapshot taken while the vault stays
// open), then packed with the keyring and the erasure ledger into one file (see backup/BackupFile.h).
// On failure no file is left at outPath and the vault is unchanged.
Result<BackupInfo> makeBackup(Vault& vault, const QString& outPath);

struct RestoreOptions
{
    QString vaultDir;
    QString backupPath;
    // Either the recovery key (any grouping) ...
    QString recoveryKey;
    // ... or an account of the backup with the passphrase it had when the backup was made.
    QString user;
    const SecretBytes* passphrase = nullptr;
    // For the one-time passphrases a restore hands out (unset: calibrated on this machine).
    std::optional<KdfParams> kdf;
};

struct RestoreReport
{
    QString backupCreatedAt;
    QString keptAside; // where the vault that was at vaultDir now is; empty if there was none
    bool hadCurrentVault = false;
    int erasedAgain = 0;   // clients in the ledger who were back in the backup and were erased again
    int ledgerEntries = 0; // erasures the restored vault's ledger now lists
    // Open accounts of the backup that the vault it replaced had removed (a leaver): closed again,
    // with no key.
    QStringList removedAgain;
    // Accounts of the vault it replaced that the backup does not have: added after it, to add again.
    QStringList addedSince;
    // A backup carries the managers' key slots only. Over the same vault (not re-keyed since) the
    // restored one keeps the slots of the vault it replaces, so everyone keeps today's passphrase;
    // otherwise every other open account gets a one-time passphrase (to change at first sign-in),
    // listed here to be shown once.
    bool keptCurrentSlots = false;
    QList<std::pair<QString, QByteArray>> oneTimePassphrases; // username → passphrase
    // Open accounts given no key: the backup had no keyring, or their role is not in the signed
    // roster (a row anyone with the database key could have added). A manager gives them a
    // passphrase in Staff, after checking them.
    QStringList withoutKey;
};

// Verifies the backup before anything is replaced (format and checksum, the key against the
// container's HMAC and the keyring's MAC, the database opened with the key and integrity_check),
// carries the current vault's erasure ledger into the restored copy and erases again everyone it
// names, and only then moves the current vault aside (DIR.before-restore-<time>) and the restored one
// into DIR. On any failure DIR is as it was.
Result<RestoreReport> restoreBackup(const RestoreOptions& options);

} // namespace cd
