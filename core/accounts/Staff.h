#pragma once

#include "common/Result.h"

#include <QList>
#include <QString>

namespace cd {

class Database;

struct StaffMember
{
    qint64 id = 0;
    QString username;
    QString displayName;
    QString role; // receptionist | practitioner | manager
    bool active = true;
};

namespace staff {
Result<StaffMember> byUsername(Database& db, const QString& username);
Result<QList<StaffMember>> all(Database& db);
} // namespace staff

} // namespace cd
