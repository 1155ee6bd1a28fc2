#include "Files.h"

#include "vault/KeySet.h"
#include "vault/Vault.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

namespace cd::test {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

void writeAll(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    f.write(bytes);
}

QMap<QString, QByteArray> snapshot(const QString& dir)
{
    QMap<QString, QByteArray> out;
    for (const QFileInfo& fi : QDir(dir).entryInfoList(QDir::Files)) {
        // A wrong passphrase is counted on purpose (the growing delay); that file is not vault data.
        if (fi.fileName() == QLatin1String("signin-failures.json"))
            continue;
        out.insert(fi.fileName(),
                   QCryptographicHash::hash(readAll(fi.filePath()), QCryptographicHash::Sha256).toHex());
    }
    return out;
}

QByteArray allBytes(const QString& dir)
{
    QByteArray out;
    for (const QFileInfo& fi : QDir(dir).entryInfoList(QDir::Files))
        out += readAll(fi.filePath());
    return out;
}

bool copyFolder(const QString& from, const QString& to)
{
    if (!QDir().mkpath(to))
        return false;
    for (const QFileInfo& fi : QDir(from).entryInfoList(QDir::Files))
        if (!QFile::copy(fi.filePath(), QDir(to).filePath(fi.fileName())))
            return false;
    return true;
}

QString databaseKeyHex(const QString& recoveryKey)
{
    const KeySet keys = KeySet::fromRecoveryKey(Vault::parseRecoveryKey(recoveryKey));
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(keys.database.data()), qsizetype(keys.database.size()))
            .toHex());
}

} // namespace cd::test
