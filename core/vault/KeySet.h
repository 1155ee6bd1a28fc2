#pragma once

#include "common/Actor.h"
#include "common/Secret.h"

#include <QByteArray>
#include <optional>

namespace cd {

// How much of the vault a key slot opens (design.md, "Key domains"). Every slot opens the front desk
// (the SQLCipher key: contacts, calls, diary, quotes, payments, thumbnails); a clinical slot also
// holds the clinical secret key (treatment records, photo previews and originals); a management slot
// also holds the management key (Ed25519: the roster's signature, audit checkpoints). The recovery
// key opens a management set. A slot of a vault made before key domains opens the database key only.
enum class KeyScope { FrontDesk = 1, Clinical = 2, Management = 3 };

KeyScope scopeFor(Role role);
QString scopeCode(KeyScope scope); // front_desk, clinical, management
std::optional<KeyScope> scopeFromCode(const QString& code);

struct KeySet
{
    KeyScope scope = KeyScope::FrontDesk;
    SecretBytes database;   // 32 bytes, the SQLCipher raw key
    SecretBytes clinical;   // X25519 secret key (Clinical and Management)
    SecretBytes management; // Ed25519 seed (Management)
    // The management public key, which a front-desk or clinical slot carries sealed under its
    // passphrase: what that person's session checks the signed roster with (a key in a file the
    // database key can rewrite would prove nothing). Empty in a slot written before signed rosters.
    QByteArray managementPublicKey;
    // The slot was written before signed rosters (no management public key, or a manager's slot
    // written before then): it is written again in today's form at its next sign-in.
    bool olderSlot = false;

    // Every key of a vault with key domains comes from its recovery key (32 random bytes, shown once
    // to the manager who made the vault): each is derived from it with its own label, so the
    // recovery key opens everything with no keyring at all, and none of the keys it gives (the
    // database key least of all, which every slot holds) leads back to it.
    static KeySet fromRecoveryKey(const SecretBytes& recoveryKey);
    // The keys a slot of `scope` holds, copied out of this set (which must hold them).
    KeySet restrictedTo(KeyScope scope) const;
    KeySet copy() const { return restrictedTo(scope); }
    bool holds(KeyScope wanted) const { return int(scope) >= int(wanted); }

    // What a slot wraps: a form byte (the scope, plus kSignedRosters), then the keys, then (below
    // management) the management public key. A 32-byte payload (vaults before key domains) is a
    // database key alone; a form byte without kSignedRosters, a slot from before signed rosters.
    SecretBytes serialize() const;
    static std::optional<KeySet> parse(const SecretBytes& payload);
    static constexpr std::size_t kLegacyBytes = 32;
    static constexpr unsigned char kSignedRosters = 0x80;
    static std::size_t serializedSize(KeyScope scope, bool signedRosters = true);

    QByteArray clinicalPublic() const; // empty without the clinical key
    // Derived from the seed when the set holds it, else the one the slot carried.
    QByteArray managementPublic() const;
};

} // namespace cd
