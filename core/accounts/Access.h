#pragma once

#include "common/Actor.h"
#include "common/Result.h"

#include <QString>

namespace cd {

class Database;

// What each role may do. Enforced in core services (not only by hiding buttons): a service called
// by a receptionist for a manager action returns a Permission error.
enum class Action {
    ViewClients,
    EditClients,
    LogInteractions,
    MergeClients,
    ViewThumbnails,
    AddImages, // receptionist and up
    ViewDiary,
    BookAppointments,
    ManageQuotes,
    RecordPayments, // receptionist and up
    ViewFullImages,
    CompareImages,
    TreatmentNotes, // practitioner and up
    RecordRequests, // receptionist and up: a request for the client at the desk, and theirs
    PrivacyRequests,
    ExportData,
    EraseClients,
    Retention,
    Settings,
    ManageStaff,
    ReadAudit,  // manager
    BatchRecall // manager
};
// TreatmentNotes covers reading and writing treatment records (clinical detail); BatchRecall is the
// "who received batch X" search across all clients, with their contact details.

namespace access {
bool allowed(Role role, Action action);
Status require(Database& db, Action action); // checks the database's current actor
// For screens that grey out what the signed-in person may not do (core still enforces it).
bool permitted(Database& db, Action action);
QString actionName(Action action);
// The roles a staff account can have (not System).
QList<Role> staffRoles();
} // namespace access

} // namespace cd
