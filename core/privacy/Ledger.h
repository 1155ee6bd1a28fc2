#pragma once

#include "common/Result.h"

namespace cd {

class Vault;

// Erases again every client named in the vault's erasure ledger that is present in its database:
// after an older backup is restored, people erased since that backup stay erased. Returns how many.
Result<int> reapplyErasureLedger(Vault& vault);

// Adds to the vault's erasure ledger every erased client whose tombstone it does not name yet. The
// tombstone is committed with the erasure itself, so calling this after any erasure, and at every
// sign-in, keeps the ledger complete even when the program stopped between the two (or a
// checkpoint failed after the commit).
Status syncErasureLedger(Vault& vault);

} // namespace cd
