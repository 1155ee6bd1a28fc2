#pragma once

#include "common/Result.h"

namespace cd {

class Vault;

// Erases again every client named in the vault's erasure ledger that is present in its database:
// after an older backup is restored, people erased since that backup stay erased. Returns how many.
Result<int> reapplyErasureLedger(Vault& vault);

} // namespace cd
