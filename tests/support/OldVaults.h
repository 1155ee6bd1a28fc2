#pragma once

#include "common/Secret.h"

#include <QString>

namespace cd::test {

// A vault as Clinicdesk made it before key domains (keyring format 1): one manager slot, with
// `passphrase`, wrapping a random database key that is also the recovery key; the database at the
// schema just before key domains (opening it migrates the rest). Returns the database key.
SecretBytes makeVaultBeforeKeyDomains(const QString& dir, const SecretBytes& passphrase);

} // namespace cd::test
