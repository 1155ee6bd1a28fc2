#pragma once

#include <QDate>
#include <QSet>
#include <functional>
#include <optional>
#include <string_view>

namespace cd {

// What kind of data a committed transaction changed. Windows show these and reload what they show
// of the kinds that changed (ui/Workspace turns a ChangeSet into one signal per kind).
enum class DataKind : quint8 {
    Clients,          // details, contact lists, tags; a new, merged, erased or restricted client
    Interactions,     // calls, notes, follow-ups, complaints
    Consent,          // marketing consent given or withdrawn
    Images,           // photos and their details
    Appointments,     // the diary
    Rooms,            // treatment rooms
    TreatmentRecords, // clinical records and their batch numbers
    Quotes,           // quotes, their lines and images
    Payments,         // payments and refunds
    Privacy,          // the request register, tombstones, bank holiday changes
    Staff,            // accounts and roles
    Settings,         // the clinic's settings
    Stock,            // batches received, used and counted
    Forms,            // form templates and signed forms
};

// One committed transaction's changes: what kinds of data, about which clients, on which days.
// An empty client or day set means "not narrowed down": any client or day may be affected (a CSV
// import, a merge, the demo generator), and a window showing one of them reloads it.
struct ChangeSet
{
    QSet<DataKind> kinds;
    QSet<qint64> clients;
    QSet<QDate> days;
    bool remote = false; // made elsewhere (another desk): fed in from outside, not by this connection

    bool touches(DataKind k) const { return kinds.contains(k); }
    bool touches(DataKind k, qint64 clientId) const
    {
        return touches(k) && (clients.isEmpty() || clients.contains(clientId));
    }
    bool touchesDay(const QDate& d) const { return days.isEmpty() || days.contains(d); }
    bool isEmpty() const { return kinds.isEmpty(); }
};

// Called after each committed transaction that changed something, on the thread that committed it.
using ChangeListener = std::function<void(const ChangeSet&)>;

namespace changes {
// The kind of data a table holds; nullopt for tables no window shows (search indexes, the audit
// log, merge snapshots). Every table of the schema is named here or deliberately left out
// (tst_schema checks the list against the schema).
std::optional<DataKind> kindOfTable(std::string_view table);
} // namespace changes

} // namespace cd
