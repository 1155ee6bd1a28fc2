#include "common/ClinicalSeal.h"

#include <QJsonDocument>
#include <QObject>
#include <cstring>
#include <sodium.h>

namespace cd {

namespace {

// Four bytes before every sealed value say which kind it is; neither a JPEG nor a PNG starts so.
const QByteArray kBoxTag = QByteArrayLiteral("cdb1");
const QByteArray kValueTag = QByteArrayLiteral("cdv1");
constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES + 1] = "CDclinic";
constexpr int kTokenBytes = 16;

const unsigned char* u(const QByteArray& b)
{
    return reinterpret_cast<const unsigned char*>(b.constData());
}

unsigned char* u(QByteArray& b)
{
    return reinterpret_cast<unsigned char*>(b.data());
}

SecretBytes derived(const SecretBytes& secret, quint64 id)
{
    SecretBytes k(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    crypto_kdf_derive_from_key(k.data(), k.size(), id, kKdfContext, secret.data());
    return k;
}

Error damaged()
{
    return makeError(Error::Kind::Damaged,
                     QObject::tr("A sealed clinical value does not open with the clinic's clinical key: it "
                                 "was altered or damaged. Restore the vault from a backup."));
}

} // namespace

ClinicalSeal::ClinicalSeal(QByteArray publicKey, SecretBytes secretKey)
    : m_public(std::move(publicKey)), m_secret(std::move(secretKey))
{
    if (!m_secret.empty()) {
        m_valueKey = derived(m_secret, 1);
        m_tokenKey = derived(m_secret, 2);
    }
}

ClinicalSeal::~ClinicalSeal() = default;

Error ClinicalSeal::noClinicalKey()
{
    return makeError(Error::Kind::Permission,
                     QObject::tr("Your key does not open clinical records or full-size photos (a front-desk "
                                 "account). Ask a practitioner or a manager."));
}

std::pair<QByteArray, SecretBytes> ClinicalSeal::generate()
{
    QByteArray pk(crypto_box_PUBLICKEYBYTES, '\0');
    SecretBytes sk(crypto_box_SECRETKEYBYTES);
    crypto_box_keypair(u(pk), sk.data());
    return {pk, std::move(sk)};
}

QByteArray ClinicalSeal::publicOf(const SecretBytes& secretKey)
{
    QByteArray pk(crypto_box_PUBLICKEYBYTES, '\0');
    if (secretKey.size() != crypto_box_SECRETKEYBYTES || crypto_scalarmult_base(u(pk), secretKey.data()) != 0)
        return {};
    return pk;
}

QByteArray ClinicalSeal::sealForClinic(const QByteArray& plain) const
{
    if (!active())
        return plain;
    QByteArray out(kBoxTag.size() + crypto_box_SEALBYTES + plain.size(), '\0');
    std::memcpy(out.data(), kBoxTag.constData(), std::size_t(kBoxTag.size()));
    crypto_box_seal(u(out) + kBoxTag.size(), u(plain), std::size_t(plain.size()), u(m_public));
    return out;
}

Result<QByteArray> ClinicalSeal::sealValue(const QByteArray& plain, const QByteArray& context) const
{
    if (!active())
        return plain;
    if (m_secret.empty())
        return noClinicalKey();
    constexpr int kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    QByteArray out(kValueTag.size() + kNonce + plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES,
                   '\0');
    std::memcpy(out.data(), kValueTag.constData(), std::size_t(kValueTag.size()));
    unsigned char* nonce = u(out) + kValueTag.size();
    randombytes_buf(nonce, kNonce);
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + kNonce, &len, u(plain), std::size_t(plain.size()),
                                               u(context), std::size_t(context.size()), nullptr, nonce,
                                               m_valueKey.data());
    return out;
}

Result<QByteArray> ClinicalSeal::sealColumns(const QJsonObject& values, const QString& table) const
{
    if (!active())
        return QByteArray();
    QByteArray json = QJsonDocument(values).toJson(QJsonDocument::Compact);
    auto sealed = sealValue(json, table.toUtf8() + '.' + kSealedColumn);
    sodium_memzero(json.data(), std::size_t(json.size()));
    return sealed;
}

Result<QJsonObject> ClinicalSeal::openColumns(const QByteArray& stored, const QString& table) const
{
    auto json = open(stored, table.toUtf8() + '.' + kSealedColumn);
    if (!json)
        return json.error();
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json.value(), &err);
    sodium_memzero(json.value().data(), std::size_t(json.value().size()));
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return damaged();
    return doc.object();
}

bool ClinicalSeal::isSealed(const QByteArray& stored)
{
    return (stored.startsWith(kBoxTag) && stored.size() >= kBoxTag.size() + int(crypto_box_SEALBYTES)) ||
           (stored.startsWith(kValueTag) &&
            stored.size() >= kValueTag.size() + int(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES +
                                                    crypto_aead_xchacha20poly1305_ietf_ABYTES));
}

Result<QByteArray> ClinicalSeal::open(const QByteArray& stored, const QByteArray& context) const
{
    // Stored as it is only in a vault without a clinical domain; in one with it, an unsealed value
    // was put there by someone writing to the database directly.
    if (!isSealed(stored))
        return active() ? Result<QByteArray>(damaged()) : Result<QByteArray>(stored);
    if (m_secret.empty())
        return noClinicalKey();
    if (stored.startsWith(kBoxTag)) {
        const int n = stored.size() - kBoxTag.size();
        QByteArray out(n - int(crypto_box_SEALBYTES), '\0');
        if (crypto_box_seal_open(u(out), u(stored) + kBoxTag.size(), std::size_t(n), u(m_public),
                                 m_secret.data()) != 0)
            return damaged();
        return out;
    }
    constexpr int kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    const unsigned char* nonce = u(stored) + kValueTag.size();
    const int n = stored.size() - kValueTag.size() - kNonce;
    QByteArray out(n - int(crypto_aead_xchacha20poly1305_ietf_ABYTES), '\0');
    unsigned long long len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(u(out), &len, nullptr, nonce + kNonce, std::size_t(n),
                                                   u(context), std::size_t(context.size()), nonce,
                                                   m_valueKey.data()) != 0)
        return damaged();
    return out;
}

Result<QByteArray> ClinicalSeal::token(const QByteArray& purpose, const QByteArray& value) const
{
    if (!active())
        return makeError(Error::Kind::Invalid, QStringLiteral("no clinical domain"));
    if (m_secret.empty())
        return noClinicalKey();
    const QByteArray message = purpose + '\0' + value;
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, m_tokenKey.data(), m_tokenKey.size());
    crypto_auth_hmacsha256_update(&st, u(message), std::size_t(message.size()));
    crypto_auth_hmacsha256_final(&st, mac);
    return QByteArray(reinterpret_cast<const char*>(mac), kTokenBytes).toHex();
}

} // namespace cd
