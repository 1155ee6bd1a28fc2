#include "vault/Kdf.h"

#include <QElapsedTimer>
#include <QObject>
#include <algorithm>
#include <cmath>
#include <sodium.h>

namespace cd {

namespace {
// OWASP's Argon2id minimum: 19 MiB with 2 passes (or more memory with fewer passes).
constexpr quint64 kOwaspMinMem = 19ull * 1024 * 1024;
constexpr double kTargetSeconds = 0.5;
} // namespace

KdfParams KdfParams::calibrated()
{
    KdfParams p{1, crypto_pwhash_MEMLIMIT_MODERATE};
    SecretBytes probe = SecretBytes::random(16);
    const QByteArray salt(kSaltBytes, '\x5a');
    QElapsedTimer timer;
    timer.start();
    (void)deriveKey(probe, salt, p);
    const double onePass = std::max(0.001, double(timer.nsecsElapsed()) / 1e9);
    // Rounded up: the probe is the process's first derivation (its 256 MiB not yet mapped), slower
    // than the ones that follow, and rounding to nearest gave 2 passes that then took 0.28 s, under
    // the 0.3 s the unlock is meant to cost (clinicdesk-bench).
    p.opsLimit = quint64(std::clamp(std::lround(std::ceil(kTargetSeconds / onePass)), 1L, 10L));
    // 256 MiB with one pass already exceeds OWASP's floor; keep at least 2 passes anyway so a
    // fast machine does not fall to the bare minimum.
    p.opsLimit = std::max<quint64>(p.opsLimit, 2);
    return p;
}

KdfParams KdfParams::forTestsOnly()
{
    return KdfParams{1, 8ull * 1024};
}

bool KdfParams::meetsFloor() const
{
    if (memLimit >= 46ull * 1024 * 1024)
        return opsLimit >= 1;
    return memLimit >= kOwaspMinMem && opsLimit >= 2;
}

bool KdfParams::withinLimits() const
{
    return opsLimit >= crypto_pwhash_OPSLIMIT_MIN && opsLimit <= kMaxPasses &&
           memLimit >= crypto_pwhash_MEMLIMIT_MIN && memLimit <= kMaxMemory;
}

Result<SecretBytes> deriveKey(const SecretBytes& passphrase, const QByteArray& salt, const KdfParams& params)
{
    if (salt.size() != crypto_pwhash_SALTBYTES || !params.withinLimits())
        return makeError(Error::Kind::Damaged,
                         QObject::tr("A key slot has impossible parameters: the keyring is damaged."));
    SecretBytes key(kKeyBytes);
    if (crypto_pwhash(key.data(), key.size(), reinterpret_cast<const char*>(passphrase.data()),
                      passphrase.size(), reinterpret_cast<const unsigned char*>(salt.constData()),
                      params.opsLimit, std::size_t(params.memLimit), crypto_pwhash_ALG_ARGON2ID13) != 0)
        return makeError(Error::Kind::Failed,
                         QObject::tr("Not enough memory to derive the key (%1 MiB needed).")
                             .arg(params.memLimit / (1024 * 1024)));
    return key;
}

} // namespace cd
