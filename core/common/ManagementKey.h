#pragma once

#include "common/Secret.h"

#include <QByteArray>
#include <QList>
#include <memory>

namespace cd {

// The management key domain (design.md, "Key domains"): an Ed25519 key pair whose secret half only
// manager slots and the recovery key hold. What it signs (the staff roster, accounts/Roster.h) counts
// only with its signature, so a member of staff who writes to the database with the database key
// (every slot's) changes what she sees in the table, not what Clinicdesk lets anyone do.
// The public key a session checks with comes from the signed-in person's own slot (sealed under
// their passphrase), never from a file that the database key alone can rewrite.
class ManagementKey final
{
public:
    // No management domain (a vault from before key domains, a test database): nothing is signed.
    ManagementKey() = default;
    // publicKey: Ed25519, 32 bytes. seed: the 32-byte secret seed, empty when the session may only check.
    ManagementKey(QByteArray publicKey, SecretBytes seed);
    Q_DISABLE_COPY_MOVE(ManagementKey)

    bool active() const { return !m_public.isEmpty(); }
    bool canSign() const { return !m_secret.empty(); }
    const QByteArray& publicKey() const { return m_public; }

    // A detached signature of `message` under `context` (which binds it to what it is, so a
    // signature made for one purpose is never accepted for another); empty without the secret key.
    QByteArray sign(const QByteArray& context, const QByteArray& message) const;
    bool verify(const QByteArray& context, const QByteArray& message, const QByteArray& signature) const;
    // The same, also accepting a signature by one of the vault's former management keys (a re-key
    // makes a new one), each endorsed by the current key: what was signed before a re-key still counts.
    bool verifyAny(const QByteArray& context, const QByteArray& message, const QByteArray& signature) const;
    void setFormerKeys(QList<QByteArray> publicKeys) { m_former = std::move(publicKeys); }
    const QList<QByteArray>& formerKeys() const { return m_former; }

    // The public key of a seed.
    static QByteArray publicOf(const SecretBytes& seed);

private:
    QByteArray m_public;
    SecretBytes m_secret; // the 64-byte Ed25519 secret key
    QList<QByteArray> m_former;
};

using ManagementKeyPtr = std::shared_ptr<const ManagementKey>;

} // namespace cd
