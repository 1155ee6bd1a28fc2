// The re-key (Vault::rekey): a copy of the database under new keys, checked, then swapped in; and
// what a sign-in does when a re-key stopped half way (settleRekey).
#include "accounts/Roster.h"
#include "audit/AuditLog.h"
#include "common/Durable.h"
#include "forms/Forms.h"
#include "images/ImageStore.h"
#include "records/TreatmentRecords.h"
#include "storage/Schema.h"
#include "storage/Sql.h"
#include "vault/LedgerFile.h"
#include "vault/Vault.h"
#include "vault/VaultImpl.h"

#include <QDir>
#include <QFile>
#include <QObject>
#include <cerrno>
#include <cstring>

namespace cd {

using namespace vaultimpl;

void Vault::settleRekey(const QString& dir, bool committed)
{
    const QString ring = keyringPath(dir);
    const QString ledger = QDir(dir).filePath(QLatin1String(kLedgerFile));
    if (committed) {
        // The database already has the new key: the new keyring and ledger take the old ones' place.
        if (QFile::exists(pending(ledger)))
            replaceFile(pending(ledger), ledger);
        replaceFile(pending(ring), ring);
    } else {
        QFile::remove(pending(ring));
        QFile::remove(pending(ledger));
    }
    removeDatabaseFiles(pending(databasePath(dir)));
    files::syncFolderOf(ring);
}

Result<QString> Vault::rekey(const std::vector<NewSlot>& slots, const KdfParams& kdf,
                             const std::function<void(int, int, const QString&)>& progress)
{
    if (slots.empty())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("A re-key needs at least one account to open the vault afterwards."));
    const int total = int(slots.size()) + 4;
    int done = 0;
    const auto step = [&](const QString& what) {
        if (progress)
            progress(done++, total, what);
    };
    const QString dbPath = databasePath();
    const QString newDb = pending(dbPath);
    const QString ringPath = keyringPath();
    const QString ledgerPath = QDir(m_dir).filePath(QLatin1String(kLedgerFile));
    const auto abandon = [&](const Error& e) {
        removeDatabaseFiles(newDb);
        QFile::remove(pending(ringPath));
        QFile::remove(pending(ledgerPath));
        return e;
    };
    removeDatabaseFiles(newDb);
    // A new recovery key and every key derived from it. A vault from before key domains gets them
    // here: its photos are sealed in the copy like those of a vault that had them.
    if (m_keyring.hasDomains() && !m_keys.holds(KeyScope::Management))
        return makeError(Error::Kind::Permission,
                         QObject::tr("Only a manager's key or the recovery key can re-key the vault."));
    SecretBytes newRoot = SecretBytes::random(kKeyBytes);
    KeySet newKeys = KeySet::fromRecoveryKey(newRoot);
    const SecretBytes& newKey = newKeys.database;

    // 1. The database, copied into a file under the new key and checked.
    step(QObject::tr("Encrypting a copy of the database with the new key"));
    const int version = schema::currentVersion(*m_db);
    const Status copied = guarded([&]() -> Status {
        m_db->checkpointTruncate();
        // The vault's connection may open files but not create them: the new one starts empty here.
        if (QFile f(newDb); !f.open(QIODevice::WriteOnly) ||
                            !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return makeError(Error::Kind::Io,
                             QObject::tr("Cannot write in the vault folder: %1").arg(f.errorString()));
        m_db->attachEncrypted(newDb, "rekeyed", newKey);
        struct Detach
        {
            Database& db;
            ~Detach()
            {
                try {
                    db.exec("DETACH DATABASE rekeyed");
                } catch (const StorageError&) {
                }
            }
        } detach{*m_db};
        m_db->exec("PRAGMA rekeyed.cipher_page_size = 4096");
        m_db->prepare("SELECT sqlcipher_export('rekeyed')").step();
        m_db->exec("PRAGMA rekeyed.user_version = " + std::to_string(version));
        return {};
    });
    if (!copied)
        return abandon(copied.error());
    {
        // Opened the way every later sign-in opens it: settings read back, integrity checked.
        auto check = Database::open(newDb, Database::Mode::Open, &newKey);
        if (!check)
            return abandon(check.error());
        const Status checked = guarded([&]() -> Status {
            if (check.value()->pragma("integrity_check") != QLatin1String("ok") ||
                schema::currentVersion(*check.value()) != version)
                return makeError(
                    Error::Kind::Damaged,
                    QObject::tr(
                        "The re-keyed copy of the database did not check out; the vault is unchanged."));
            if (check.value()->rowsInEveryTable() != m_db->rowsInEveryTable())
                return makeError(
                    Error::Kind::Damaged,
                    QObject::tr("The re-keyed copy of the database is incomplete; the vault is unchanged."));
            // The clinical values move from the old clinical key to the new one.
            const ClinicalSeal to(newKeys.clinicalPublic(), newKeys.clinical.copy());
            Database& copy = *check.value();
            Transaction tx(copy);
            ImageStore::resealInTransaction(copy, m_db->clinical(), to);
            TreatmentRecords::resealInTransaction(copy, m_db->clinical(), to);
            Forms::resealInTransaction(copy, m_db->clinical(), to);
            writeKeyDomainsInTransaction(copy, newKeys);
            // The roster is signed again with the new management key, by whoever re-keys; the old
            // key is endorsed by the new one, so the audit checkpoints it signed still count.
            const auto next =
                std::make_shared<ManagementKey>(newKeys.managementPublic(), newKeys.management.copy());
            retireManagementKeyInTransaction(copy, m_db->management(), *next);
            copy.setManagement(next);
            copy.setActor(m_db->actor());
            roster::signInTransaction(copy);
            tx.commit();
            check.value()->checkpointTruncate();
            return {};
        });
        if (!checked)
            return abandon(checked.error());
    }

    // 2. The new keyring (same vault identity, one slot per account) and the ledger, beside the old.
    Keyring ring = m_keyring.vaultId().isEmpty() ? Keyring::createFor(newKeys) : m_keyring.emptyFor(newKeys);
    for (const NewSlot& slot : slots) {
        step(QObject::tr("Sealing the key for %1").arg(slot.user));
        if (auto st = ring.setSlot(slot.user, slot.passphrase, kdf, newKeys.restrictedTo(slot.scope)); !st)
            return abandon(st.error());
    }
    step(QObject::tr("Writing the new keyring"));
    if (auto st = ring.save(pending(ringPath)); !st)
        return abandon(st.error());
    // The ledger keeps its key; it gains a wrapping under the new database key and keeps the old
    // ones, so a backup made before this re-key can still be restored (restore carries the ledger).
    if (QFile::exists(ledgerPath)) {
        auto ledger = ledger::read(ledgerPath, m_keys.database);
        if (!ledger)
            return abandon(ledger.error());
        ledger::addWrapping(ledger.value(), m_keys.database);
        if (auto st = ledger::write(pending(ledgerPath), ledger.value(), newKey); !st)
            return abandon(st.error());
    }

    // 3. The swap. The database file is the commit point: before it the old vault is whole; after
    // it the next sign-in finishes the job from the pending keyring (settleRekey).
    step(QObject::tr("Putting the re-keyed vault in place"));
    (void)AuditLog(*m_db).flushDeferred();
    m_db->checkpointTruncate();
    m_db->closeConnection(); // the same object is re-opened below: the rest of the program holds it
    const auto reopen = [this](const SecretBytes& key) -> Status {
        auto db = Database::open(databasePath(), Database::Mode::Open, &key);
        if (!db)
            return db.error();
        m_db->adopt(*db.value());
        return {};
    };
    for (const char* suffix : {"-wal", "-shm"})
        QFile::remove(dbPath + QLatin1String(suffix));
    if (!replaceFile(newDb, dbPath)) {
        const Error e = makeError(Error::Kind::Io,
                                  QObject::tr("Cannot replace the database file: %1. The vault is unchanged.")
                                      .arg(QString::fromLocal8Bit(std::strerror(errno))));
        (void)reopen(m_keys.database);
        return abandon(e);
    }
    files::syncFolderOf(dbPath);
    settleRekey(m_dir, true);
    if (auto st = reopen(newKey); !st)
        return makeError(
            st.error().kind,
            QObject::tr("The vault was re-keyed but could not be opened again (%1). Sign in again.")
                .arg(st.error().message));
    m_keys = std::move(newKeys);
    m_keyring = std::move(ring);
    m_db->setClinical(sealFor(*m_db, m_keyring, m_keys));
    if (auto management = guarded([&]() -> Status {
            m_db->setManagement(managementFor(*m_db, m_keys));
            return {};
        });
        !management)
        return management.error();
    // The log's head, written again under the new database key (best effort: the end of the
    // session writes it too).
    (void)recordAuditHead();
    step(QObject::tr("Done"));
    return formatRecoveryKey(newRoot);
}

} // namespace cd
