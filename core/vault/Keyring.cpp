#include "vault/Keyring.h"

#include "common/Durable.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSaveFile>
#include <cmath>
#include <cstring>
#include <sodium.h>

namespace cd {

namespace {

constexpr char kFormat[] = "clinicdesk-keyring";
constexpr char kMacContext[crypto_kdf_CONTEXTBYTES + 1] = "CDkeyrng";
constexpr int kVaultIdBytes = 16;

Error damagedKeyring(const QString& why)
{
    return makeError(Error::Kind::Damaged,
                     QObject::tr("The keyring is damaged (%1). Restore keyring.json from a backup, "
                                 "or open the vault with the recovery key.")
                         .arg(why));
}

QByteArray b64(const QJsonValue& v)
{
    return QByteArray::fromBase64(v.toString().toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
}

// JSON numbers are doubles, and converting one that is negative, fractional or too large to an
// integer is undefined behaviour (found by tests/fuzz/fuzz_keyring): such a slot is damaged.
bool wholeNumber(const QJsonValue& v, quint64* out)
{
    constexpr double kMaxExact = 9007199254740992.0; // 2^53
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    if (!(d >= 0 && d <= kMaxExact) || d != std::floor(d))
        return false;
    *out = quint64(d);
    return true;
}

QString toB64(const QByteArray& b)
{
    return QString::fromLatin1(b.toBase64());
}

SecretBytes macKey(const SecretBytes& databaseKey)
{
    SecretBytes k(crypto_auth_hmacsha256_KEYBYTES);
    crypto_kdf_derive_from_key(k.data(), k.size(), 1, kMacContext, databaseKey.data());
    return k;
}

} // namespace

Result<Keyring> Keyring::parse(const QByteArray& bytes)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return damagedKeyring(QObject::tr("not a keyring file"));
    const QJsonObject o = doc.object();
    if (o.value(QLatin1String("format")).toString() != QLatin1String(kFormat))
        return damagedKeyring(QObject::tr("not a keyring file"));
    const QJsonValue versionValue = o.value(QLatin1String("version"));
    if (!versionValue.isDouble())
        return damagedKeyring(QObject::tr("no format version"));
    const int version = versionValue.toInt(-1);
    if (version < 1)
        return damagedKeyring(QObject::tr("format version %1, older than any Clinicdesk wrote").arg(version));
    if (version > kFormatVersion)
        return makeError(
            Error::Kind::Damaged,
            QObject::tr("The keyring has format version %1, which this version of Clinicdesk does not "
                        "know. Use the newer Clinicdesk that wrote it, restore keyring.json from a "
                        "backup, or open the vault with the recovery key.")
                .arg(version));
    Keyring ring;
    ring.m_vaultId = b64(o.value(QLatin1String("vault_id")));
    ring.m_mac = b64(o.value(QLatin1String("mac")));
    if (ring.m_vaultId.size() != kVaultIdBytes || ring.m_mac.size() != crypto_auth_hmacsha256_BYTES)
        return damagedKeyring(QObject::tr("bad header"));
    if (version >= 2) {
        ring.m_clinicalPublic = b64(o.value(QLatin1String("clinical_public")));
        ring.m_managementPublic = b64(o.value(QLatin1String("management_public")));
        if (ring.m_clinicalPublic.size() != crypto_box_PUBLICKEYBYTES ||
            ring.m_managementPublic.size() != crypto_sign_PUBLICKEYBYTES)
            return damagedKeyring(QObject::tr("bad key domains"));
    }
    const QJsonArray slots = o.value(QLatin1String("slots")).toArray();
    if (slots.isEmpty())
        return damagedKeyring(QObject::tr("no key slots"));
    for (const QJsonValue& v : slots) {
        const QJsonObject s = v.toObject();
        KeySlot slot;
        slot.user = s.value(QLatin1String("user")).toString();
        const bool paramsRead = wholeNumber(s.value(QLatin1String("ops")), &slot.kdf.opsLimit) &&
                                wholeNumber(s.value(QLatin1String("mem")), &slot.kdf.memLimit);
        slot.salt = b64(s.value(QLatin1String("salt")));
        slot.nonce = b64(s.value(QLatin1String("nonce")));
        slot.wrappedKey = b64(s.value(QLatin1String("wrapped_key")));
        // The size a slot's payload may have: one key (format 1), or the keys of its scope in today's
        // form or the form written before signed rosters.
        std::size_t payload = KeySet::kLegacyBytes;
        std::size_t olderPayload = KeySet::kLegacyBytes;
        bool scopeRead = true;
        if (version >= 2) {
            const std::optional<KeyScope> scope = scopeFromCode(s.value(QLatin1String("scope")).toString());
            scopeRead = scope.has_value();
            slot.scope = scope.value_or(KeyScope::FrontDesk);
            payload = KeySet::serializedSize(slot.scope);
            olderPayload = KeySet::serializedSize(slot.scope, false);
        }
        const auto wrappedSize = [&](std::size_t payloadBytes) {
            return qsizetype(payloadBytes + crypto_aead_xchacha20poly1305_ietf_ABYTES);
        };
        if (!paramsRead || !scopeRead || slot.user.isEmpty() ||
            s.value(QLatin1String("kdf")).toString() != QLatin1String("argon2id13") ||
            slot.salt.size() != crypto_pwhash_SALTBYTES ||
            slot.nonce.size() != crypto_aead_xchacha20poly1305_ietf_NPUBBYTES ||
            (slot.wrappedKey.size() != wrappedSize(payload) &&
             slot.wrappedKey.size() != wrappedSize(olderPayload)) ||
            ring.slot(slot.user) != nullptr)
            return damagedKeyring(QObject::tr("bad key slot"));
        if (!slot.kdf.withinLimits())
            return damagedKeyring(QObject::tr("a key slot asks for more than %1 passes or %2 MiB")
                                      .arg(KdfParams::kMaxPasses)
                                      .arg(KdfParams::kMaxMemory / (1024 * 1024)));
        ring.m_slots.append(slot);
    }
    // The MAC needs the database key, so without this a damaged salt or wrapped key would read as
    // "wrong passphrase". Keyrings written before the checksum existed have none and rely on the MAC.
    if (o.contains(QLatin1String("sha256")) && b64(o.value(QLatin1String("sha256"))) != ring.checksum())
        return damagedKeyring(QObject::tr("checksum mismatch"));
    return ring;
}

Result<Keyring> Keyring::load(const QString& path)
{
    QFile f(path);
    if (!f.exists())
        return makeError(Error::Kind::NotFound,
                         QObject::tr("The keyring %1 is missing. Restore it from a backup, "
                                     "or open the vault with the recovery key.")
                             .arg(path));
    if (!f.open(QIODevice::ReadOnly))
        return makeError(Error::Kind::Io, QObject::tr("Cannot read %1: %2").arg(path, f.errorString()));
    constexpr qint64 kMaxKeyringBytes = 1 << 20;
    if (f.size() > kMaxKeyringBytes)
        return damagedKeyring(QObject::tr("too large"));
    return parse(f.readAll());
}

QByteArray Keyring::signedPayload() const
{
    QJsonArray slots;
    for (const KeySlot& s : m_slots) {
        QJsonObject slot{{QStringLiteral("user"), s.user},
                         {QStringLiteral("kdf"), QStringLiteral("argon2id13")},
                         {QStringLiteral("ops"), double(s.kdf.opsLimit)},
                         {QStringLiteral("mem"), double(s.kdf.memLimit)},
                         {QStringLiteral("salt"), toB64(s.salt)},
                         {QStringLiteral("nonce"), toB64(s.nonce)},
                         {QStringLiteral("wrapped_key"), toB64(s.wrappedKey)}};
        if (hasDomains())
            slot.insert(QStringLiteral("scope"), scopeCode(s.scope));
        slots.append(slot);
    }
    // A ring without key domains is written as format 1, so it reads the same as before.
    QJsonObject o{{QStringLiteral("format"), QLatin1String(kFormat)},
                  {QStringLiteral("version"), hasDomains() ? kFormatVersion : 1},
                  {QStringLiteral("vault_id"), toB64(m_vaultId)},
                  {QStringLiteral("slots"), slots}};
    if (hasDomains()) {
        o.insert(QStringLiteral("clinical_public"), toB64(m_clinicalPublic));
        o.insert(QStringLiteral("management_public"), toB64(m_managementPublic));
    }
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray Keyring::checksum() const
{
    return QCryptographicHash::hash(signedPayload(), QCryptographicHash::Sha256);
}

QByteArray Keyring::serialize() const
{
    QJsonObject o = QJsonDocument::fromJson(signedPayload()).object();
    o.insert(QStringLiteral("mac"), toB64(m_mac));
    o.insert(QStringLiteral("sha256"), toB64(checksum()));
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

Status Keyring::save(const QString& path) const
{
    // A temporary file in the same folder (unnamed, O_TMPFILE, where the file system has it), flushed
    // and fsynced with errors checked, then renamed over keyring.json (common/Durable.h). Until the
    // rename the old keyring is untouched; on any failure the temporary file is discarded.
    const QByteArray bytes = serialize();
    QSaveFile f(path);
    QString why;
    if (f.open(QIODevice::WriteOnly) && f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) &&
        f.write(bytes) == bytes.size() && files::commit(f, &why))
        return {};
    if (why.isEmpty())
        why = f.errorString();
    return makeError(Error::Kind::Io,
                     QObject::tr("Cannot save the keyring %1 (%2). Nothing was changed: every account still "
                                 "signs in with the passphrase it had. Check that the vault folder can be "
                                 "written to and that the disk is not full, then try again.")
                         .arg(path, why));
}

Keyring Keyring::createFor(const KeySet& keys)
{
    Keyring ring;
    ring.m_vaultId.resize(kVaultIdBytes);
    randombytes_buf(ring.m_vaultId.data(), std::size_t(ring.m_vaultId.size()));
    ring.m_clinicalPublic = keys.clinicalPublic();
    ring.m_managementPublic = keys.managementPublic();
    ring.sign(keys.database);
    return ring;
}

Keyring Keyring::emptyFor(const KeySet& keys) const
{
    Keyring ring;
    ring.m_vaultId = m_vaultId;
    ring.m_clinicalPublic = keys.clinicalPublic();
    ring.m_managementPublic = keys.managementPublic();
    ring.sign(keys.database);
    return ring;
}

const KeySlot* Keyring::slot(const QString& user) const
{
    for (const KeySlot& s : m_slots)
        if (s.user == user)
            return &s;
    return nullptr;
}

QStringList Keyring::users() const
{
    QStringList out;
    for (const KeySlot& s : m_slots)
        out << s.user;
    return out;
}

QByteArray Keyring::slotAssociatedData(const QString& user) const
{
    return QByteArrayLiteral("clinicdesk-slot-v1|") + m_vaultId + '|' + user.toUtf8();
}

Status Keyring::setSlot(const QString& user, const SecretBytes& passphrase, const KdfParams& kdf,
                        const KeySet& keys)
{
    KeySlot s;
    s.user = user;
    s.scope = hasDomains() ? keys.scope : KeyScope::FrontDesk;
    s.kdf = kdf;
    s.salt.resize(crypto_pwhash_SALTBYTES);
    randombytes_buf(s.salt.data(), std::size_t(s.salt.size()));
    s.nonce.resize(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    randombytes_buf(s.nonce.data(), std::size_t(s.nonce.size()));
    auto kek = deriveKey(passphrase, s.salt, kdf);
    if (!kek)
        return kek.error();
    // A ring without key domains (format 1) wraps the database key alone. A slot below management
    // carries the management public key: one re-wrapped from a slot written before signed rosters
    // takes the ring's (checked by the manager who wrote that slot's keys).
    KeySet filled = keys.copy();
    if (hasDomains() && filled.managementPublic().isEmpty())
        filled.managementPublicKey = m_managementPublic;
    const SecretBytes payload = hasDomains() ? filled.serialize() : keys.database.copy();
    s.wrappedKey.resize(qsizetype(payload.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES));
    const QByteArray ad = slotAssociatedData(user);
    unsigned long long outLen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        reinterpret_cast<unsigned char*>(s.wrappedKey.data()), &outLen, payload.data(), payload.size(),
        reinterpret_cast<const unsigned char*>(ad.constData()), std::size_t(ad.size()), nullptr,
        reinterpret_cast<const unsigned char*>(s.nonce.constData()), kek->data());
    bool replaced = false;
    for (KeySlot& existing : m_slots) {
        if (existing.user == user) {
            existing = s;
            replaced = true;
        }
    }
    if (!replaced)
        m_slots.append(s);
    sign(keys.database);
    return {};
}

bool Keyring::removeSlot(const QString& user, const SecretBytes& databaseKey)
{
    const auto removed = m_slots.removeIf([&](const KeySlot& s) { return s.user == user; });
    if (removed)
        sign(databaseKey);
    return removed > 0;
}

void Keyring::restoreSlot(const KeySlot& slot, const SecretBytes& databaseKey)
{
    m_slots.removeIf([&](const KeySlot& s) { return s.user == slot.user; });
    m_slots.append(slot);
    sign(databaseKey);
}

Result<KeySet> Keyring::unwrap(const QString& user, const SecretBytes& passphrase) const
{
    const KeySlot* s = slot(user);
    if (!s)
        return makeError(Error::Kind::NotFound,
                         QObject::tr("There is no account named \"%1\" in this vault (check the spelling; an "
                                     "account a manager has removed opens nothing).")
                             .arg(user));
    auto kek = deriveKey(passphrase, s->salt, s->kdf);
    if (!kek)
        return kek.error();
    SecretBytes payload(std::size_t(s->wrappedKey.size()) - crypto_aead_xchacha20poly1305_ietf_ABYTES);
    const QByteArray ad = slotAssociatedData(user);
    unsigned long long outLen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            payload.data(), &outLen, nullptr,
            reinterpret_cast<const unsigned char*>(s->wrappedKey.constData()),
            std::size_t(s->wrappedKey.size()), reinterpret_cast<const unsigned char*>(ad.constData()),
            std::size_t(ad.size()), reinterpret_cast<const unsigned char*>(s->nonce.constData()),
            kek->data()) != 0)
        return makeError(
            Error::Kind::WrongSecret,
            QObject::tr("Wrong passphrase for \"%1\". Check Caps Lock and try again.").arg(user));
    std::optional<KeySet> keys = KeySet::parse(payload);
    if (!keys || (hasDomains() && keys->scope != s->scope))
        return damagedKeyring(QObject::tr("a key slot holds other keys than its scope says"));
    if (auto st = checkPublicKeys(*keys); !st)
        return st.error();
    if (hasDomains() && keys->managementPublic().isEmpty())
        keys->managementPublicKey = m_managementPublic; // a slot from before signed rosters
    return std::move(*keys);
}

// Whoever holds only the database key can rewrite the ring (its MAC is under that key): a public
// key swapped for one of their own would have photos sealed to them. The secrets a slot gives are
// checked against the ring's public keys, so a clinical or management session notices.
Status Keyring::checkPublicKeys(const KeySet& keys) const
{
    if (!hasDomains())
        return {};
    if ((keys.holds(KeyScope::Clinical) && keys.clinicalPublic() != m_clinicalPublic) ||
        (!keys.managementPublic().isEmpty() && keys.managementPublic() != m_managementPublic))
        return makeError(
            Error::Kind::Damaged,
            QObject::tr("The keyring's public keys have been altered since Clinicdesk last wrote "
                        "it. Restore keyring.json from a backup, or open the vault with the "
                        "recovery key."));
    return {};
}

bool Keyring::macValid(const SecretBytes& databaseKey) const
{
    const SecretBytes k = macKey(databaseKey);
    const QByteArray payload = signedPayload();
    return crypto_auth_hmacsha256_verify(reinterpret_cast<const unsigned char*>(m_mac.constData()),
                                         reinterpret_cast<const unsigned char*>(payload.constData()),
                                         std::size_t(payload.size()), k.data()) == 0;
}

void Keyring::sign(const SecretBytes& databaseKey)
{
    const SecretBytes k = macKey(databaseKey);
    const QByteArray payload = signedPayload();
    m_mac.resize(crypto_auth_hmacsha256_BYTES);
    crypto_auth_hmacsha256(reinterpret_cast<unsigned char*>(m_mac.data()),
                           reinterpret_cast<const unsigned char*>(payload.constData()),
                           std::size_t(payload.size()), k.data());
}

} // namespace cd
