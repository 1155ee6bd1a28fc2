#pragma once

// The audit log's head kept outside the database (internal to core/vault): the id and hash of the
// log's last entry when the vault last closed, in `audit-head.json` beside the keyring, with a MAC
// under a key derived from the database key. A log cut back inside the database no longer reaches
// the entry this file names (audit/AuditLog.h checks it); the file's MAC tells accidental damage and
// a file from before a re-key from a head someone rewrote without the database key.

#include "common/Result.h"
#include "common/Secret.h"

#include <QString>
#include <optional>

namespace cd::audithead {

struct Head
{
    qint64 id = 0;
    QString hash;
};

// No file: nullopt. A file whose MAC does not hold under `databaseKey`: Damaged.
Result<std::optional<Head>> read(const QString& path, const SecretBytes& databaseKey);
// Atomic, 0600.
Status write(const QString& path, const Head& head, const SecretBytes& databaseKey);

} // namespace cd::audithead
