#include "signin/SignInThrottle.h"

#include "common/Clock.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <algorithm>

namespace cd::throttle {

namespace {

QString path(const QString& dir)
{
    return QDir(dir).filePath(QLatin1String(kFile));
}

QJsonObject load(const QString& dir)
{
    QFile f(path(dir));
    if (!f.open(QIODevice::ReadOnly) || f.size() > 64 * 1024)
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

void save(const QString& dir, const QJsonObject& o)
{
    QSaveFile f(path(dir));
    if (f.open(QIODevice::WriteOnly)) {
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        f.write(QJsonDocument(o).toJson(QJsonDocument::Compact));
        f.commit();
    }
}

int delayFor(int failures)
{
    if (failures < 2)
        return 0;
    return std::min(kMaxDelaySeconds, 1 << std::min(failures - 1, 16));
}

} // namespace

int secondsToWait(const QString& dir, const QString& user)
{
    const QJsonObject entry = load(dir).value(user).toObject();
    const int failures = entry.value(QStringLiteral("count")).toInt();
    const QDateTime last = QDateTime::fromString(entry.value(QStringLiteral("last")).toString(), Qt::ISODate);
    if (failures < 2 || !last.isValid())
        return 0;
    const qint64 elapsed = last.secsTo(Clock::now());
    return int(std::max<qint64>(0, delayFor(failures) - elapsed));
}

void recordFailure(const QString& dir, const QString& user)
{
    QJsonObject all = load(dir);
    if (all.size() > 200 && !all.contains(user))
        return; // names typed at random must not grow the file without bound
    QJsonObject entry = all.value(user).toObject();
    entry.insert(QStringLiteral("count"), entry.value(QStringLiteral("count")).toInt() + 1);
    entry.insert(QStringLiteral("last"), Clock::nowIso());
    all.insert(user, entry);
    save(dir, all);
}

int takeFailures(const QString& dir, const QString& user)
{
    QJsonObject all = load(dir);
    if (!all.contains(user))
        return 0;
    const int n = all.value(user).toObject().value(QStringLiteral("count")).toInt();
    all.remove(user);
    if (all.isEmpty())
        QFile::remove(path(dir));
    else
        save(dir, all);
    return n;
}

} // namespace cd::throttle
