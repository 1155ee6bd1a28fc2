#pragma once

#include "common/Result.h"
#include "common/Secret.h"
#include "vault/Kdf.h"
#include "vault/KeySet.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace cd {

// One staff member's way in: Argon2id(passphrase) wraps the keys of the slot's scope (KeySet.h) with
// XChaCha20-Poly1305. A slot written before key domains wraps the database key alone.
struct KeySlot
{
    QString user;
    KeyScope scope = KeyScope::FrontDesk;
    KdfParams kdf;
    QByteArray salt;
    QByteArray nonce;
    QByteArray wrappedKey;
};

// The keyring file beside the database. Its slots are authenticated one by one by their AEAD tag,
// and the whole file by a MAC under a key derived from the database key, so a slot added, removed
// or swapped by anyone without the database key is detected. An unkeyed SHA-256 of the same payload
// tells accidental damage (a flipped bit, a bad sector) from a wrong passphrase before any key is known.
class Keyring final
{
public:
    // 1: slots wrap the database key (before key domains). 2: slots wrap a key set by scope and the
    // ring names the clinical and management public keys.
    static constexpr int kFormatVersion = 2;

    static Result<Keyring> parse(const QByteArray& bytes);
    static Result<Keyring> load(const QString& path);
    QByteArray serialize() const;
    Status save(const QString& path) const; // atomic, 0600

    // A ring for `keys` (a full set: its public keys are written in the ring).
    static Keyring createFor(const KeySet& keys);
    // An empty ring for new keys (a re-key) that keeps this vault's identity.
    Keyring emptyFor(const KeySet& keys) const;

    const QByteArray& vaultId() const { return m_vaultId; }
    const QList<KeySlot>& slots() const { return m_slots; }
    const KeySlot* slot(const QString& user) const;
    QStringList users() const;

    // True once the ring has key domains (format 2): its slots wrap key sets, and it names the
    // clinical and management public keys.
    bool hasDomains() const { return !m_clinicalPublic.isEmpty(); }
    const QByteArray& clinicalPublic() const { return m_clinicalPublic; }
    const QByteArray& managementPublic() const { return m_managementPublic; }

    // Adds or replaces the slot of `user`, wrapping exactly `keys` (already restricted to the
    // slot's scope), and re-signs the ring.
    Status setSlot(const QString& user, const SecretBytes& passphrase, const KdfParams& kdf,
                   const KeySet& keys);
    bool removeSlot(const QString& user, const SecretBytes& databaseKey);
    // Puts back a slot as it was (one read before a change that then failed) and signs the ring.
    void restoreSlot(const KeySlot& slot, const SecretBytes& databaseKey);

    // Opens a slot. The public keys in the ring are checked against the secrets it gives.
    Result<KeySet> unwrap(const QString& user, const SecretBytes& passphrase) const;
    bool macValid(const SecretBytes& databaseKey) const;

private:
    QByteArray signedPayload() const;
    QByteArray checksum() const;
    void sign(const SecretBytes& databaseKey);
    QByteArray slotAssociatedData(const QString& user) const;
    Status checkPublicKeys(const KeySet& keys) const;

    QByteArray m_vaultId;
    QByteArray m_clinicalPublic;
    QByteArray m_managementPublic;
    QList<KeySlot> m_slots;
    QByteArray m_mac;
};

} // namespace cd
