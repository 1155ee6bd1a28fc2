#include "vault/KeySet.h"

#include "common/ClinicalSeal.h"
#include "common/ManagementKey.h"

#include <cstring>
#include <sodium.h>

namespace cd {

namespace {

constexpr std::size_t kKey = 32;

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
    k.database = database.copy();
    if (k.holds(KeyScope::Clinical))
        k.clinical = clinical.copy();
    if (k.holds(KeyScope::Management))
        k.management = management.copy();
    else
        k.managementPublicKey = managementPublic();
    k.olderSlot = olderSlot && k.scope == scope;
    return k;
}

std::size_t KeySet::serializedSize(KeyScope scope, bool signedRosters)
{
    const bool carriesPublic = signedRosters && scope != KeyScope::Management;
    return 1 + kKey * std::size_t(int(scope)) + (carriesPublic ? kKey : 0);
}

SecretBytes KeySet::serialize() const
{
    // Always today's form. A set without the management public key (a front-desk slot of a vault
    // whose keyring lost it) cannot be written in it: the caller fills it in first.
    const QByteArray publicKey = managementPublic();
    SecretBytes out(serializedSize(scope));
    out.data()[0] = static_cast<unsigned char>(int(scope) | kSignedRosters);
    std::memcpy(out.data() + 1, database.data(), kKey);
    if (holds(KeyScope::Clinical))
        std::memcpy(out.data() + 1 + kKey, clinical.data(), kKey);
    if (holds(KeyScope::Management))
        std::memcpy(out.data() + 1 + 2 * kKey, management.data(), kKey);
    else if (publicKey.size() == qsizetype(kKey))
        std::memcpy(out.data() + 1 + kKey * std::size_t(int(scope)), publicKey.constData(), kKey);
    return out;
}

std::optional<KeySet> KeySet::parse(const SecretBytes& payload)
{
    KeySet k;
    if (payload.size() == kLegacyBytes) {
        k.database = payload.copy();
        k.olderSlot = true;
        return k;
    }
    if (payload.size() < 1)
        return std::nullopt;
    const bool signedRosters = (payload.data()[0] & kSignedRosters) != 0;
    const int s = payload.data()[0] & ~kSignedRosters;
    if (s < int(KeyScope::FrontDesk) || s > int(KeyScope::Management))
        return std::nullopt;
    k.scope = KeyScope(s);
    k.olderSlot = !signedRosters;
    if (payload.size() != serializedSize(k.scope, signedRosters))
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
    else if (signedRosters)
        k.managementPublicKey =
            QByteArray(reinterpret_cast<const char*>(payload.data()) + 1 + kKey * std::size_t(int(k.scope)),
                       qsizetype(kKey));
    return k;
}

QByteArray KeySet::clinicalPublic() const
{
    return clinical.empty() ? QByteArray() : ClinicalSeal::publicOf(clinical);
}

QByteArray KeySet::managementPublic() const
{
    return management.empty() ? managementPublicKey : ManagementKey::publicOf(management);
}

} // namespace cd
