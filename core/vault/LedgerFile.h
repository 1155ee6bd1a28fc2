#pragma once

// The erasure ledger's file format (internal to core/vault: Vault reads and writes it, and its
// re-key carries it to the new database key). See LedgerFile.cpp for the format.

#include "common/Result.h"
#include "common/Secret.h"
#include "vault/Vault.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace cd::ledger {

struct LedgerFile
{
    SecretBytes key;             // L
    QList<QByteArray> wrappings; // nonce | L sealed under a database key's wrapping key
    QList<Vault::LedgerEntry> entries;
};

// The ledger at `path` opened with a database key the vault has had (an absent file is an empty
// ledger whose key comes from `databaseKey`).
Result<LedgerFile> read(const QString& path, const SecretBytes& databaseKey);
// Lets `databaseKey` open the ledger too (after a re-key, the old keys keep their wrappings).
void addWrapping(LedgerFile& f, const SecretBytes& databaseKey);
// Writes the ledger (version 2) atomically, with a wrapping for `databaseKey`.
Status write(const QString& path, LedgerFile& f, const SecretBytes& databaseKey);

} // namespace cd::ledger
