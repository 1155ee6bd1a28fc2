#pragma once

// Helpers shared by the diary services (not part of the public API).

#include "common/Result.h"

#include <QDateTime>
#include <QString>

namespace cd {
class Database;
}

namespace cd::diary_detail {

// UTC "YYYY-MM-DDTHH:MM:SSZ" (seconds and milliseconds dropped to the minute).
QString toDb(const QDateTime& t);
QDateTime fromDb(const QString& s); // local time
// The signed-in account's staff id, or `given` when non-zero.
qint64 staffOrActor(Database& db, qint64 given);
// Display name of an active practitioner or manager; an error naming what to do otherwise.
Result<QString> requirePractitioner(Database& db, qint64 staffId);
// "Zoë Okafor" (preferred name first) for a client row.
QString clientDisplaySql(const char* alias);

} // namespace cd::diary_detail
