#pragma once

#include "common/Result.h"

namespace cd {

class Database;

// Numbered, forward-only migrations; each runs in one transaction and sets PRAGMA user_version.
namespace schema {

int latestVersion();
// The first schema with key domains (the key_domains table, sealed treatment values).
constexpr int kKeyDomainsVersion = 11;
int currentVersion(Database& db);
// Brings db to `target` (default: latest). A database newer than this program is refused.
Status migrate(Database& db, int target = -1);

} // namespace schema
} // namespace cd
