#include "backup/BackupSchedule.h"

#include "backup/Backup.h"
#include "common/Clock.h"
#include "vault/Vault.h"

#include <QDir>
#include <QFile>
#include <QObject>
#include <QRegularExpression>

namespace cd {

QString BackupSchedule::defaultFolder(const QString& vaultDir)
{
    return QDir::cleanPath(QDir(vaultDir).absoluteFilePath(QStringLiteral("../clinicdesk-backups")));
}

namespace {
QString prefixOf(const QString& vaultDir)
{
    const QString name = QDir(QDir::cleanPath(QDir(vaultDir).absolutePath())).dirName();
    return name.isEmpty() ? QStringLiteral("clinicdesk") : name;
}
} // namespace

QString BackupSchedule::fileNameFor(const QString& vaultDir, const QDate& day)
{
    return QStringLiteral("%1-%2.cdbackup").arg(prefixOf(vaultDir), day.toString(Qt::ISODate));
}

Result<ScheduledBackup> BackupSchedule::runAfterUnlock(Vault& vault) const
{
    if (m_keep < 1)
        return makeError(Error::Kind::Invalid, QObject::tr("Keep at least one daily backup."));
    if (!QDir().mkpath(m_folder))
        return makeError(Error::Kind::Io, QObject::tr("Cannot create the backups folder %1.").arg(m_folder));
    QFile::setPermissions(m_folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    ScheduledBackup done;
    done.path = QDir(m_folder).filePath(fileNameFor(vault.dir(), Clock::today()));
    if (!QFile::exists(done.path)) {
        auto made = makeBackup(vault, done.path);
        if (!made)
            return made.error();
        done.made = true;
    }
    auto removed = rotate(vault.dir());
    if (!removed)
        return removed.error();
    done.removed = removed.value();
    return done;
}

Result<ScheduledBackup> BackupSchedule::runAfterRekey(Vault& vault) const
{
    if (!QDir().mkpath(m_folder))
        return makeError(Error::Kind::Io, QObject::tr("Cannot create the backups folder %1.").arg(m_folder));
    QFile::setPermissions(m_folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    ScheduledBackup done;
    const QString today = fileNameFor(vault.dir(), Clock::today());
    done.path = QDir(m_folder).filePath(today);
    // Written first (replacing today's atomically), so the vault is never without a backup.
    auto made = makeBackup(vault, done.path);
    if (!made)
        return made.error();
    done.made = true;
    for (const QString& name : dailyBackups(vault.dir())) {
        if (name == today)
            continue;
        if (QFile::remove(QDir(m_folder).filePath(name)))
            ++done.removed;
        else
            done.notRemoved << QDir(m_folder).filePath(name);
    }
    return done;
}

QStringList BackupSchedule::dailyBackups(const QString& vaultDir) const
{
    const QRegularExpression daily(QStringLiteral("^%1-\\d{4}-\\d{2}-\\d{2}\\.cdbackup$")
                                       .arg(QRegularExpression::escape(prefixOf(vaultDir))));
    // ISO dates sort as text in calendar order, so the name alone says which is oldest.
    return QDir(m_folder).entryList(QDir::Files, QDir::Name).filter(daily);
}

Result<int> BackupSchedule::rotate(const QString& vaultDir) const
{
    QStringList names = dailyBackups(vaultDir);
    int removed = 0;
    while (names.size() > m_keep) {
        const QString oldest = names.takeFirst();
        if (!QFile::remove(QDir(m_folder).filePath(oldest)))
            return makeError(Error::Kind::Io,
                             QObject::tr("Cannot delete the old backup %1 in %2.").arg(oldest, m_folder));
        ++removed;
    }
    return removed;
}

} // namespace cd
