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
    // What this program ever asks for is at most 10 passes of 256 MiB. A keyring or backup asking
    // for more was crafted (to make a sign-in or a restore hang or run out of memory) or damaged:
    // it is refused before anything is derived, since its MAC can only be checked afterwards.
    static constexpr quint64 kMaxPasses = 10;
    static constexpr quint64 kMaxMemory = 1024ull * 1024 * 1024;
    bool withinLimits() const;
};

constexpr int kKeyBytes = 32;
constexpr int kSaltBytes = 16;

// Derives a 256-bit key-encryption key from a passphrase (UTF-8) with Argon2id.
Result<SecretBytes> deriveKey(const SecretBytes& passphrase, const QByteArray& salt, const KdfParams& params);

} // namespace cd
