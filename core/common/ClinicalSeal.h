#pragma once

#include "common/Result.h"
#include "common/Secret.h"

#include <QByteArray>
#include <QJsonObject>
#include <memory>

namespace cd {

// The clinical key domain (design.md, "Key domains"). Treatment records' clinical values and the
// preview and original of every photo are sealed inside the SQLCipher database under keys the front
// desk does not hold, so the database key alone (every staff slot's) reads none of them:
// - photo bytes as a libsodium sealed box to the clinical public key, which every desk has: a
//   receptionist adds photos she cannot read back (thumbnails stay in the front-desk domain);
// - clinical values with XChaCha20-Poly1305 under a key derived from the clinical secret key, which
//   only practitioner and manager slots and the recovery key unwrap;
// - the batch-number index as keyed hashes under another key derived from it (blind tokens).
// A vault made before key domains has no clinical key: its values are stored as they are (only
// SQLCipher protects them) until a manager upgrades it.
class ClinicalSeal final
{
public:
    // No clinical domain (a vault from before key domains, a test database): values as they are.
    ClinicalSeal() = default;
    // publicKey: X25519, 32 bytes. secretKey: empty for a front-desk session.
    ClinicalSeal(QByteArray publicKey, SecretBytes secretKey);
    ~ClinicalSeal();
    Q_DISABLE_COPY_MOVE(ClinicalSeal)

    bool active() const { return !m_public.isEmpty(); }
    bool canOpen() const { return !active() || !m_secret.empty(); }
    const QByteArray& publicKey() const { return m_public; }

    // Photo bytes: anyone may seal, only the clinical key opens. Inactive: the bytes as they are.
    QByteArray sealForClinic(const QByteArray& plain) const;
    // A clinical value (needs the clinical key). `context` binds it to where it is stored.
    Result<QByteArray> sealValue(const QByteArray& plain, const QByteArray& context) const;
    // Opens either kind; a value stored before the vault had a clinical domain comes back as it is.
    Result<QByteArray> open(const QByteArray& stored, const QByteArray& context = {}) const;
    // A row's clinical columns, sealed together in the table's column named `sealed` (the one
    // convention every owner and the privacy walkers share): a JSON object of column name → value,
    // bound to the table's name. Inactive: empty (the values stay in their own columns).
    static constexpr const char* kSealedColumn = "sealed";
    Result<QByteArray> sealColumns(const QJsonObject& values, const QString& table) const;
    Result<QJsonObject> openColumns(const QByteArray& stored, const QString& table) const;
    // True when `stored` is sealed (starts with a seal's tag and has its length).
    static bool isSealed(const QByteArray& stored);
    // A blind index token of `value` for `purpose` (16 bytes, hex): equal values give equal tokens
    // under this vault's clinical key and nothing else. Needs the clinical key.
    Result<QByteArray> token(const QByteArray& purpose, const QByteArray& value) const;

    // The error a front-desk session gets when it asks for clinical data.
    static Error noClinicalKey();

    // A new clinical key pair (public, secret).
    static std::pair<QByteArray, SecretBytes> generate();
    // The public key of a secret key (to check a keyring's public key against a slot's secret).
    static QByteArray publicOf(const SecretBytes& secretKey);

private:
    QByteArray m_public;
    SecretBytes m_secret;
    SecretBytes m_valueKey;
    SecretBytes m_tokenKey;
};

using ClinicalSealPtr = std::shared_ptr<const ClinicalSeal>;

} // namespace cd
