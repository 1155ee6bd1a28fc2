#pragma once

#include "common/Result.h"

#include <QDate>
#include <QString>
#include <QStringList>

namespace cd {

class Vault;

struct ScheduledBackup
{
    bool made = false;      // false when today's backup already existed
    QString path;           // today's backup
    int removed = 0;        // old backups deleted by rotation
    QStringList notRemoved; // after a re-key: old backups that could not be deleted (delete by hand)
};

// The daily backup: the first unlock of a day writes <vault folder name>-YYYY-MM-DD.cdbackup in `folder`
// (created 0700 if missing), later unlocks that day find it and do nothing; then only the `keep`
// newest daily backups of that vault stay, the oldest deleted first. Only files named like ours are ever
// deleted; the folder name in the file name keeps two vaults side by side (vault, demo-vault) apart.
class BackupSchedule final
{
public:
    static constexpr int kDefaultKeep = 14;
    BackupSchedule(QString folder, int keep = kDefaultKeep) : m_folder(std::move(folder)), m_keep(keep) {}

    // Beside the vault folder, so a vault moved with its parent keeps its backups:
    // <vault>/../clinicdesk-backups.
    static QString defaultFolder(const QString& vaultDir);
    static QString fileNameFor(const QString& vaultDir, const QDate& day);

    Result<ScheduledBackup> runAfterUnlock(Vault& vault) const;
    // After a re-key: today's backup is made again under the new keys, then every earlier daily
    // backup of the vault is deleted (they open with the old recovery key and the passphrases
    // managers had, which the re-key was made to retire). `removed` counts them. Copies made
    // elsewhere (`clinicdesk-cli backup --out`) are out of reach: the caller says so.
    Result<ScheduledBackup> runAfterRekey(Vault& vault) const;
    // Deletes the vault's daily backups beyond the newest `keep`; returns how many.
    Result<int> rotate(const QString& vaultDir) const;

private:
    QStringList dailyBackups(const QString& vaultDir) const; // file names, oldest first

    QString m_folder;
    int m_keep;
};

} // namespace cd
