#include "accounts/Access.h"

#include "storage/Sql.h"

#include <QObject>

namespace cd::access {

QList<Role> staffRoles()
{
    return {Role::Receptionist, Role::Practitioner, Role::Manager};
}

bool allowed(Role role, Action action)
{
    if (role == Role::System || role == Role::Manager)
        return true;
    const int level = role == Role::Practitioner ? 2 : role == Role::Receptionist ? 1 : 0;
    switch (action) {
    case Action::ViewClients:
    case Action::EditClients:
    case Action::LogInteractions:
    case Action::MergeClients:
    case Action::ViewThumbnails:
    case Action::AddImages:
    case Action::ViewDiary:
    case Action::BookAppointments:
    case Action::ManageQuotes:
    case Action::RecordPayments:
    case Action::RecordRequests:
        return level >= 1;
    case Action::ViewFullImages:
    case Action::CompareImages:
    case Action::TreatmentNotes:
        return level >= 2;
    default:
        return false;
    }
}

QString actionName(Action a)
{
    switch (a) {
    case Action::ViewClients:
        return QObject::tr("see clients");
    case Action::EditClients:
        return QObject::tr("change clients");
    case Action::LogInteractions:
        return QObject::tr("log calls and notes");
    case Action::MergeClients:
        return QObject::tr("merge duplicates");
    case Action::ViewThumbnails:
        return QObject::tr("see image thumbnails");
    case Action::AddImages:
        return QObject::tr("add images");
    case Action::ViewFullImages:
        return QObject::tr("see full images");
    case Action::CompareImages:
        return QObject::tr("compare images");
    case Action::TreatmentNotes:
        return QObject::tr("see or write treatment records");
    case Action::RecordRequests:
        return QObject::tr("record privacy requests");
    case Action::PrivacyRequests:
        return QObject::tr("handle privacy requests");
    case Action::ExportData:
        return QObject::tr("export client data");
    case Action::EraseClients:
        return QObject::tr("erase clients");
    case Action::Retention:
        return QObject::tr("review retention");
    case Action::Settings:
        return QObject::tr("change the clinic's settings");
    case Action::ManageStaff:
        return QObject::tr("manage staff accounts");
    case Action::ReadAudit:
        return QObject::tr("read the audit log");
    case Action::ViewDiary:
        return QObject::tr("see the diary");
    case Action::BookAppointments:
        return QObject::tr("book appointments");
    case Action::ManageQuotes:
        return QObject::tr("write quotes");
    case Action::RecordPayments:
        return QObject::tr("record payments");
    case Action::BatchRecall:
        return QObject::tr("search who received a batch");
    }
    return {};
}

bool permitted(Database& db, Action action)
{
    return allowed(db.actor().role, action);
}

Status require(Database& db, Action action)
{
    const Actor& a = db.actor();
    if (allowed(a.role, action))
        return {};
    return makeError(Error::Kind::Permission, QObject::tr("A %1 may not %2: ask a manager.")
                                                  .arg(vocab::label(a.role).toLower(), actionName(action)));
}

} // namespace cd::access
