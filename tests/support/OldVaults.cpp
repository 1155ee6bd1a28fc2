#include "OldVaults.h"

#include "storage/Schema.h"
#include "storage/Sql.h"
#include "vault/Keyring.h"
#include "vault/Vault.h"

#include <QDir>

namespace cd::test {

SecretBytes makeVaultBeforeKeyDomains(const QString& dir, const SecretBytes& passphrase)
{
    QDir().mkpath(dir);
    KeySet legacy;
    legacy.database = SecretBytes::random(32);
    Keyring ring = Keyring::createFor(legacy);
    if (!ring.setSlot(QStringLiteral("manager"), passphrase, KdfParams::forTestsOnly(), legacy) ||
        !ring.save(Vault::keyringPath(dir)))
        return {};
    auto db = Database::open(Vault::databasePath(dir), Database::Mode::Create, &legacy.database);
    if (!db || !schema::migrate(*db.value(), schema::kKeyDomainsVersion - 1))
        return {};
    db.value()->exec("INSERT INTO staff (username, display_name, role, active, created_at) "
                     "VALUES ('manager', 'Manager', 'manager', 1, '2026-01-01T00:00:00Z')");
    return std::move(legacy.database);
}

} // namespace cd::test
