#include "common/ManagementKey.h"

#include <algorithm>
#include <sodium.h>

namespace cd {

namespace {

QByteArray signedText(const QByteArray& context, const QByteArray& message)
{
    // The context and its length first: "a" + "bc" and "ab" + "c" sign differently.
    return QByteArray::number(context.size()) + ':' + context + '\n' + message;
}

bool verifyWith(const QByteArray& publicKey, const QByteArray& text, const QByteArray& signature)
{
    if (publicKey.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.constData()),
                                       reinterpret_cast<const unsigned char*>(text.constData()),
                                       quint64(text.size()),
                                       reinterpret_cast<const unsigned char*>(publicKey.constData())) == 0;
}

} // namespace

ManagementKey::ManagementKey(QByteArray publicKey, SecretBytes seed) : m_public(std::move(publicKey))
{
    if (seed.size() != crypto_sign_SEEDBYTES)
        return;
    QByteArray pk(crypto_sign_PUBLICKEYBYTES, '\0');
    m_secret = SecretBytes(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(pk.data()), m_secret.data(), seed.data());
    if (m_public.isEmpty())
        m_public = pk;
}

QByteArray ManagementKey::sign(const QByteArray& context, const QByteArray& message) const
{
    if (!canSign())
        return {};
    const QByteArray text = signedText(context, message);
    QByteArray sig(crypto_sign_BYTES, '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                         reinterpret_cast<const unsigned char*>(text.constData()), quint64(text.size()),
                         m_secret.data());
    return sig;
}

bool ManagementKey::verify(const QByteArray& context, const QByteArray& message,
                           const QByteArray& signature) const
{
    return verifyWith(m_public, signedText(context, message), signature);
}

bool ManagementKey::verifyAny(const QByteArray& context, const QByteArray& message,
                              const QByteArray& signature) const
{
    const QByteArray text = signedText(context, message);
    if (verifyWith(m_public, text, signature))
        return true;
    return std::any_of(m_former.cbegin(), m_former.cend(),
                       [&](const QByteArray& former) { return verifyWith(former, text, signature); });
}

QByteArray ManagementKey::publicOf(const SecretBytes& seed)
{
    if (seed.size() != crypto_sign_SEEDBYTES)
        return {};
    QByteArray pk(crypto_sign_PUBLICKEYBYTES, '\0');
    SecretBytes sk(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(pk.data()), sk.data(), seed.data());
    return pk;
}

} // namespace cd
