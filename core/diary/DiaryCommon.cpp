#include "diary/DiaryCommon.h"

#include "accounts/Staff.h"
#include "storage/Sql.h"

#include <QObject>
#include <QTimeZone>

namespace cd::diary_detail {

QString toDb(const QDateTime& t)
{
    QDateTime u = t.toUTC();
    u.setTime(QTime(u.time().hour(), u.time().minute()));
    return u.toString(Qt::ISODate);
}

QDateTime fromDb(const QString& s)
{
    QDateTime t = QDateTime::fromString(s, Qt::ISODate);
    t.setTimeZone(QTimeZone::utc());
    return t.toLocalTime();
}

qint64 staffOrActor(Database& db, qint64 given)
{
    return given > 0 ? given : db.actor().staffId;
}

Result<QString> requirePractitioner(Database& db, qint64 staffId)
{
    auto who = staff::byId(db, staffId);
    if (!who)
        return makeError(Error::Kind::Invalid, QObject::tr("Choose the practitioner."));
    if (!who->active)
        return makeError(
            Error::Kind::Invalid,
            QObject::tr("%1 no longer works here: choose another practitioner.").arg(who->displayName));
    if (who->role != Role::Practitioner && who->role != Role::Manager)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("%1 is a %2, not a practitioner: choose a practitioner.")
                             .arg(who->displayName, vocab::label(who->role).toLower()));
    return who->displayName;
}

QString clientDisplaySql(const char* alias)
{
    const QString a = QString::fromLatin1(alias);
    return QStringLiteral("COALESCE(NULLIF(%1.preferred_name, ''), %1.first_name) || ' ' || %1.last_name")
        .arg(a);
}

} // namespace cd::diary_detail
