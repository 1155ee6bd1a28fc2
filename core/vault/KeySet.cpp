#include "vault/KeySet.h"

#include "common/ClinicalSeal.h"

#include <cstring>
#include <sodium.h>

namespace cd {

namespace {

constexpr std::size_t kKey = 32;

SecretBytes copyOf(const SecretBytes& s)
{
    SecretBytes c(s.size());
    if (s.size() > 0)
        std::memcpy(c.data(), s.data(), s.size());
    return c;
}

} // namespace

KeyScope scopeFor(Role role)
{
    switch (role) {
    case Role::Manager:
    case Role::System:
        return KeyScope::Management;
    case Role::Practitioner:
        return KeyScope::Clinical;
    default:
        return KeyScope::FrontDesk;
    }
}

QString scopeCode(KeyScope scope)
{
    switch (scope) {
    case KeyScope::Management:
        return QStringLiteral("management");
    case KeyScope::Clinical:
        return QStringLiteral("clinical");
    case KeyScope::FrontDesk:
        break;
    }
    return QStringLiteral("front_desk");
}

std::optional<KeyScope> scopeFromCode(const QString& code)
{
    for (KeyScope s : {KeyScope::FrontDesk, KeyScope::Clinical, KeyScope::Management})
        if (scopeCode(s) == code)
            return s;
    return std::nullopt;
}

KeySet KeySet::fromRecoveryKey(const SecretBytes& recoveryKey)
{
    static constexpr char kContext[crypto_kdf_CONTEXTBYTES + 1] = "CDvault2";
    const auto derive = [&](quint64 id) {
        SecretBytes k(kKey);
        crypto_kdf_derive_from_key(k.data(), k.size(), id, kContext, recoveryKey.data());
        return k;
    };
    KeySet k;
    k.scope = KeyScope::Management;
    k.database = derive(1);
    k.clinical = derive(2); // an X25519 secret key is any 32 bytes (clamped when used)
    k.management = derive(3);
    return k;
}

KeySet KeySet::restrictedTo(KeyScope wanted) const
{
    KeySet k;
    k.scope = holds(wanted) ? wanted : scope;
    k.database = copyOf(database);
    if (k.holds(KeyScope::Clinical))
        k.clinical = copyOf(clinical);
    if (k.holds(KeyScope::Management))
        k.management = copyOf(management);
    return k;
}

std::size_t KeySet::serializedSize(KeyScope scope)
{
    return 1 + kKey * std::size_t(int(scope));
}

SecretBytes KeySet::serialize() const
{
    SecretBytes out(serializedSize(scope));
    out.data()[0] = static_cast<unsigned char>(scope);
    std::memcpy(out.data() + 1, database.data(), kKey);
    if (holds(KeyScope::Clinical))
        std::memcpy(out.data() + 1 + kKey, clinical.data(), kKey);
    if (holds(KeyScope::Management))
        std::memcpy(out.data() + 1 + 2 * kKey, management.data(), kKey);
    return out;
}

std::optional<KeySet> KeySet::parse(const SecretBytes& payload)
{
    KeySet k;
    if (payload.size() == kLegacyBytes) {
        k.database = copyOf(payload);
        return k;
    }
    if (payload.size() < 1)
        return std::nullopt;
    const int s = payload.data()[0];
    if (s < int(KeyScope::FrontDesk) || s > int(KeyScope::Management))
        return std::nullopt;
    k.scope = KeyScope(s);
    if (payload.size() != serializedSize(k.scope))
        return std::nullopt;
    const auto take = [&](int index) {
        SecretBytes b(kKey);
        std::memcpy(b.data(), payload.data() + 1 + kKey * std::size_t(index), kKey);
        return b;
    };
    k.database = take(0);
    if (k.holds(KeyScope::Clinical))
        k.clinical = take(1);
    if (k.holds(KeyScope::Management))
        k.management = take(2);
    return k;
}

QByteArray KeySet::clinicalPublic() const
{
    return clinical.empty() ? QByteArray() : ClinicalSeal::publicOf(clinical);
}

QByteArray KeySet::managementPublic() const
{
    if (management.empty())
        return {};
    QByteArray pk(crypto_sign_PUBLICKEYBYTES, '\0');
    SecretBytes sk(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char*>(pk.data()), sk.data(), management.data());
    return pk;
}

} // namespace cd
