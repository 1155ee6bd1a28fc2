#pragma once

#include <QString>

namespace cd {

// Who is at the desk: carried by the database connection so every service can ask what this
// person may do (accounts/Access.h). A database opened outside a vault (tests, benchmark) acts as
// the system.
struct Actor
{
    qint64 staffId = 0;
    QString username = QStringLiteral("system");
    QString role = QStringLiteral("system"); // receptionist | practitioner | manager | system
};

} // namespace cd
