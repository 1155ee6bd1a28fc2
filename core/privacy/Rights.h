#pragma once

#include "common/Result.h"

namespace cd {

class Database;

// Restriction and objection, the two rights that change how a record may be used.
namespace rights {

// Restricted: the record is kept but not used: no edits, no marketing (the program shows a banner).
Status setRestricted(Database& db, qint64 clientId, bool restricted);
Result<bool> isRestricted(Database& db, qint64 clientId);
// Objection to marketing: every channel's consent withdrawn at once, recorded in the history.
Status objectToMarketing(Database& db, qint64 clientId, qint64 staffId);

} // namespace rights
} // namespace cd
