#pragma once

#include "common/Result.h"
#include "common/Secret.h"

#include <QByteArray>

namespace cd {

// Argon2id parameters, stored in each key slot so they can be raised without breaking old slots.
struct KdfParams
{
    quint64 opsLimit = 0; // passes
    quint64 memLimit = 0; // bytes

    // The product's parameters: 256 MiB (libsodium's MODERATE) with passes tuned on this machine so
    // that one derivation takes about half a second; never below OWASP's floor.
    static KdfParams calibrated();
    // Small parameters for tests only; the product never calls this.
    static KdfParams forTestsOnly();
    bool meetsFloor() const;
};

constexpr int kKeyBytes = 32;
constexpr int kSaltBytes = 16;

// Derives a 256-bit key-encryption key from a passphrase (UTF-8) with Argon2id.
Result<SecretBytes> deriveKey(const SecretBytes& passphrase, const QByteArray& salt, const KdfParams& params);

} // namespace cd
