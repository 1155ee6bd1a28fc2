#pragma once

#include "accounts/Staff.h"
#include "common/Result.h"
#include "common/Secret.h"
#include "vault/Kdf.h"

#include <QList>
#include <functional>
#include <utility>

namespace cd {

class Vault;

// Staff accounts on top of key slots: each account has a role (in the encrypted database) and a
// key slot (in the keyring). Managers add staff with a one-time passphrase that must be changed
// at first sign-in, change roles, and remove leavers: the slot goes (the passphrase opens nothing),
// the account stays closed so the audit log keeps their name.
class Accounts final
{
public:
    explicit Accounts(Vault& vault) : m_vault(vault) {}
    // Four groups of four letters and digits without look-alikes ("upxy-294k-am6v-cdd6"): easy to
    // read out to a new colleague, about 80 bits.
    static QByteArray generateOneTimePassphrase();

    Result<StaffMember> add(const QString& username, const QString& displayName, const QString& role,
                            const SecretBytes& oneTimePassphrase, const KdfParams& kdf);
    // A new role. When it needs other keys (a receptionist made practitioner, a practitioner made
    // receptionist), the account gets a new slot with a one-time passphrase, returned (empty when
    // the keys stay as they were); the old passphrase then opens nothing.
    Result<QByteArray> changeRole(const QString& username, const QString& role,
                                  const KdfParams& kdf = KdfParams::calibrated());
    Status remove(const QString& username);
    // Re-keys the vault (after a leaver is removed, so an old copy of the keyring opens nothing):
    // the signed-in manager keeps their passphrase (checked first), every other active account gets
    // a new one-time passphrase to change at first sign-in. Returns the new recovery key and the
    // one-time passphrases, to be shown once.
    struct Rekeyed
    {
        QString recoveryKey;
        QList<std::pair<QString, QByteArray>> oneTimePassphrases; // username → passphrase
    };
    Result<Rekeyed> rekey(const SecretBytes& myPassphrase, const KdfParams& kdf,
                          const std::function<void(int, int, const QString&)>& progress = {});
    Result<QList<StaffMember>> list();
    // Signs the accounts as the staff table now lists them (accounts/Roster.h): what a manager does
    // after checking them when the roster was found altered or missing. Managers only; audited.
    Status signRoster();
    // The signed-in person's own passphrase; clears the "must change" flag.
    Status changeOwnPassphrase(const SecretBytes& current, const SecretBytes& next, const KdfParams& kdf);
    Result<bool> mustChangePassphrase();

private:
    Vault& m_vault;
};

} // namespace cd
