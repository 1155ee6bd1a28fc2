#pragma once

#include "common/Result.h"
#include "common/Secret.h"
#include "vault/Kdf.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace cd {

// One staff member's way in: Argon2id(passphrase) wraps the database key with XChaCha20-Poly1305.
struct KeySlot
{
    QString user;
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
    static constexpr int kFormatVersion = 1;

    static Result<Keyring> parse(const QByteArray& bytes);
    static Result<Keyring> load(const QString& path);
    QByteArray serialize() const;
    Status save(const QString& path) const; // atomic, 0600

    static Keyring createFor(const SecretBytes& databaseKey);
    // An empty ring for a new database key (a re-key) that keeps this vault's identity.
    Keyring emptyFor(const SecretBytes& newDatabaseKey) const;

    const QByteArray& vaultId() const { return m_vaultId; }
    const QList<KeySlot>& slots() const { return m_slots; }
    const KeySlot* slot(const QString& user) const;
    QStringList users() const;

    // Adds or replaces the slot of `user` and re-signs the ring.
    Status setSlot(const QString& user, const SecretBytes& passphrase, const KdfParams& kdf,
                   const SecretBytes& databaseKey);
    bool removeSlot(const QString& user, const SecretBytes& databaseKey);

    Result<SecretBytes> unwrap(const QString& user, const SecretBytes& passphrase) const;
    bool macValid(const SecretBytes& databaseKey) const;

private:
    QByteArray signedPayload() const;
    QByteArray checksum() const;
    void sign(const SecretBytes& databaseKey);
    QByteArray slotAssociatedData(const QString& user) const;

    QByteArray m_vaultId;
    QList<KeySlot> m_slots;
    QByteArray m_mac;
};

} // namespace cd
