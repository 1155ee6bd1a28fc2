#pragma once

#include "common/Vocabulary.h"

#include <QString>

namespace cd {

// What a member of staff is at the clinic; what each role may do is in accounts/Access.h. System:
// a database opened outside a vault (tests, the benchmark), never a staff account. None: a role the
// program does not know (a vault edited by hand), which may do nothing.
enum class Role { Receptionist, Practitioner, Manager, System, None };

template <> inline std::span<const vocab::Term<Role>> vocab::terms()
{
    static constexpr Term<Role> t[] = {
        {Role::Receptionist, "receptionist", QT_TRANSLATE_NOOP("vocabulary", "Receptionist")},
        {Role::Practitioner, "practitioner", QT_TRANSLATE_NOOP("vocabulary", "Practitioner")},
        {Role::Manager, "manager", QT_TRANSLATE_NOOP("vocabulary", "Manager")},
        {Role::System, "system", QT_TRANSLATE_NOOP("vocabulary", "System")},
        {Role::None, "none", QT_TRANSLATE_NOOP("vocabulary", "No role")}};
    return t;
}

// Who is at the desk: carried by the database connection so every service can ask what this
// person may do (accounts/Access.h). A database opened outside a vault (tests, benchmark) acts as
// the system.
struct Actor
{
    qint64 staffId = 0;
    QString username = QStringLiteral("system");
    Role role = Role::System;
};

} // namespace cd
