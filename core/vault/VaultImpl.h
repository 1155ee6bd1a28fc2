#pragma once

// What Vault.cpp and Rekey.cpp share (internal to core/vault). The SQL on the vault's own tables
// (key_domains, former_management_keys) stays in Vault.cpp, their owner.

#include "common/ClinicalSeal.h"
#include "common/ManagementKey.h"
#include "vault/KeySet.h"
#include "vault/Keyring.h"

#include <QString>

namespace cd {
class Database;
namespace vaultimpl {

// A re-key's file beside `path` (the new database, keyring or ledger until the swap).
QString pending(const QString& path);
void removeDatabaseFiles(const QString& path);
// rename(2): replaces the target in one step.
bool replaceFile(const QString& from, const QString& to);
// The clinic's public keys in the database (table key_domains). Throws StorageError.
void writeKeyDomainsInTransaction(Database& d, const KeySet& keys);
QByteArray clinicalPublicInDatabase(Database& d);
// What a session with `keys` may seal and open, and sign and check. Throw StorageError.
ClinicalSealPtr sealFor(Database& d, const Keyring& ring, const KeySet& keys);
ManagementKeyPtr managementFor(Database& d, const KeySet& keys);
// A re-key's copy: the retiring management key endorsed by the next one. Throws StorageError.
void retireManagementKeyInTransaction(Database& copy, const ManagementKey& old, const ManagementKey& next);

} // namespace vaultimpl
} // namespace cd
