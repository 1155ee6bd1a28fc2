// keyring.json is read before any key is known, so its parser meets whatever is on the disk.
// Beyond not crashing: whatever it accepts, it writes back in a form it accepts again, unchanged.
#include "vault/Keyring.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    auto ring = cd::Keyring::parse(bytes);
    if (!ring) {
        if (ring.error().kind != cd::Error::Kind::Damaged || ring.message().isEmpty())
            std::abort();
        return 0;
    }
    const QByteArray written = ring->serialize();
    auto again = cd::Keyring::parse(written);
    if (!again || again->serialize() != written || again->users() != ring->users())
        std::abort();
    return 0;
}
