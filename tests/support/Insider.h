#pragma once

// What the insider tests share: a clinic with a receptionist and a practitioner holding real key
// slots, and what someone holding the database key (every member of staff) can do to the files
// beside the database with it.

#include "TestVault.h"
#include "storage/Sql.h"
#include "vault/Keyring.h"

#include <QJsonObject>
#include <functional>
#include <memory>

namespace cd::test {

inline const char* const kTom = "tom keeps the front desk";         // receptionist
inline const char* const kPriya = "priya reads the treatment room"; // practitioner

// The test vault's manager, tom (receptionist) and priya (practitioner), added by the manager.
struct StaffClinic
{
    TestVault t;
    StaffClinic();
    Keyring ring() const;
    // The keys a slot gives, read from the keyring on disk with the passphrase.
    KeySet keysOf(const QString& user, const char* passphrase) const;
    // The database opened with the key `user`'s slot gives, as she would with the sqlcipher shell
    // (the vault is closed first).
    std::unique_ptr<Database> databaseAs(const QString& user, const char* passphrase);
};

// Rewrites keyring.json with `change` and signs it again, as anyone holding the database key can
// (its MAC is under a key derived from that key).
void rewriteKeyringAs(const QString& path, const SecretBytes& databaseKey,
                      const std::function<void(QJsonObject&)>& change);

} // namespace cd::test
