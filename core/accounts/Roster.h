#pragma once

#include "common/Actor.h"
#include "common/Result.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace cd {

class Database;

// The signed roster (table staff_roster, owned here): every account's name, role and whether it is
// open, signed with the management key (common/ManagementKey.h). Sign-in takes a person's role
// and whether they may come in from the signed roster, never from the staff table, which anyone
// holding the database key (every member of staff) can rewrite. Every write to the staff table
// signs the roster again in the same transaction (accounts/Staff.cpp), so the two agree unless
// someone wrote to the database outside Clinicdesk.
namespace roster {

struct Entry
{
    Role role = Role::None;
    bool active = false;
};

enum class State {
    NotSigned, // a vault without a management key domain (from before key domains): nothing signs
    Signed,    // the signature holds
    Missing,   // a vault with key domains and no signed roster
    Invalid,   // a signed roster whose signature does not hold (altered outside Clinicdesk)
};

struct Checked
{
    State state = State::NotSigned;
    QHash<QString, Entry> entries; // by account name; only when Signed
    qint64 serial = 0;             // how many times it has been signed
    QString signedBy;
    QString signedAt;
    // Accounts whose row in the staff table says otherwise than the signed roster, in words.
    QStringList differences;
};

// Reads and checks the roster with this session's management public key. Throws StorageError.
Checked checkInTransaction(Database& db);
Result<Checked> check(Database& db);

// Signs the staff table's accounts as they now are. A vault without a management domain has nothing
// to sign with and keeps no roster; a session without the management key (not a manager) throws
// StorageError (SQLITE_AUTH): only a manager changes who may do what. Throws StorageError.
void signInTransaction(Database& db);

// Who `user` is for this session, from the signed roster: their account, its role (never above
// `ceiling`, what the keys of their slot allow) and whether it is open. In a vault with key domains
// whose roster is missing or altered, a manager still signs in (and the entry in the log says what
// was wrong); anyone else is refused until a manager has looked. A roster missing because the vault
// comes from before signed rosters (`olderSlot`: the slot was written then) is signed at the first
// manager's sign-in; until then the staff table counts, capped at `ceiling`. Throws StorageError.
Result<Actor> signInActorInTransaction(Database& db, const QString& user, Role ceiling, bool olderSlot);

// The context bound into the signature: a roster signature is never taken for anything else.
inline constexpr const char* kContext = "clinicdesk-roster-v1";

} // namespace roster
} // namespace cd
