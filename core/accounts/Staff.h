#pragma once

#include "common/Actor.h"
#include "common/Result.h"

#include <QHash>
#include <QList>
#include <QString>

namespace cd {

class Database;

struct StaffMember
{
    qint64 id = 0;
    QString username;
    QString displayName;
    Role role = Role::Receptionist;
    bool active = true;
};

namespace staff {
Result<StaffMember> byUsername(Database& db, const QString& username);
Result<QList<StaffMember>> all(Database& db);
// For bulk writers holding a transaction (the demo generator): the account's id, added without a
// key slot if it is not there yet. Throws StorageError.
qint64 ensureInTransaction(Database& db, const QString& username, const QString& displayName, Role role);
Result<StaffMember> byId(Database& db, qint64 id);
// Every account's display name by id, closed ones included (who wrote a note years ago). Throws
// StorageError.
QHash<qint64, QString> namesInTransaction(Database& db);

// Writes for the accounts service, the vault's creation and restore, inside the caller's
// transaction (they check roles and audit). Each signs the roster again (accounts/Roster.h), so
// only a session holding the management key can make them in a vault with key domains. Throw
// StorageError.
// A new account, or a closed one opened again, with a one-time passphrase to change.
qint64 addInTransaction(Database& db, const QString& username, const QString& displayName, Role role,
                        bool mustChangePassphrase);
void reopenInTransaction(Database& db, qint64 id, const QString& displayName, Role role);
bool setRoleInTransaction(Database& db, const QString& username,
                          Role role); // false: no open account
void closeInTransaction(Database& db, const QString& username);
void setMustChangePassphraseInTransaction(Database& db, const QString& username, bool mustChange);
// Signs the roster as the staff table holds it, once any role or open state changed outside
// Clinicdesk is put back as last signed (a manager's "sign the accounts as listed").
void signRosterInTransaction(Database& db);
Result<bool> mustChangePassphrase(Database& db, const QString& username);
} // namespace staff

} // namespace cd
