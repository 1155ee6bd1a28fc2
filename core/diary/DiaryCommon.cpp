#include "diary/DiaryCommon.h"

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
    auto st = db.prepare("SELECT display_name, role, active FROM staff WHERE id = ?");
    if (staffId <= 0 || !st.bind(1, staffId).step())
        return makeError(Error::Kind::Invalid, QObject::tr("Choose the practitioner."));
    if (st.int64(2) == 0)
        return makeError(
            Error::Kind::Invalid,
            QObject::tr("%1 no longer works here: choose another practitioner.").arg(st.text(0)));
    if (st.text(1) != QLatin1String("practitioner") && st.text(1) != QLatin1String("manager"))
        return makeError(Error::Kind::Invalid,
                         QObject::tr("%1 is a %2, not a practitioner: choose a practitioner.")
                             .arg(st.text(0), st.text(1)));
    return st.text(0);
}

QString clientDisplaySql(const char* alias)
{
    const QString a = QString::fromLatin1(alias);
    return QStringLiteral("COALESCE(NULLIF(%1.preferred_name, ''), %1.first_name) || ' ' || %1.last_name")
        .arg(a);
}

} // namespace cd::diary_detail
