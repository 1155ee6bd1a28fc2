#pragma once

#include "common/Result.h"
#include "common/Secret.h"
#include "vault/Kdf.h"
#include "vault/Keyring.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

namespace cd {

class Database;

// A vault is a folder: the SQLCipher database and the keyring beside it.
class Vault final
{
public:
    static constexpr const char* kDatabaseFile = "clinicdesk.db";
    static constexpr const char* kKeyringFile = "keyring.json";

    struct CreateOptions
    {
        QString dir;
        QString username = QStringLiteral("manager");
        QString displayName = QStringLiteral("Manager");
        QString clinicName;
        KdfParams kdf;
    };
    struct Created
    {
        std::unique_ptr<Vault> vault;
        QString recoveryKey; // shown once; 64 hex digits in dash-separated groups of four (every key
                             // of the vault is derived from it: KeySet::fromRecoveryKey)
    };

    ~Vault();
    Q_DISABLE_COPY_MOVE(Vault)

    static bool exists(const QString& dir);
    // Why `dir` cannot be opened as a vault, before any passphrase is asked: no such folder, a desk
    // folder of the clinic server, not a vault.
    static Status checkFolder(const QString& dir);
    static Result<Created> create(const CreateOptions& options, const SecretBytes& passphrase);
    static Result<std::unique_ptr<Vault>> open(const QString& dir, const QString& user,
                                               const SecretBytes& passphrase);
    static Result<std::unique_ptr<Vault>> openWithRecoveryKey(const QString& dir, const QString& recoveryKey);
    // What an opening reports while it upgrades the vault for this version (the search indexes made
    // again: seconds at 100,000 clients, minutes at a million), set by the sign-in around its call
    // to open on the UI thread; empty: nothing reported. done/total/step, as often as a step ends.
    using OpeningProgress = std::function<void(qint64 done, qint64 total, const QString& step)>;
    static void setOpeningProgress(OpeningProgress progress);
    // Opens with keys already unwrapped: restore holds them (from the recovery key or the backup's
    // keyring) before any vault is open. The keyring beside it is used if its MAC verifies. An empty
    // user: the session acts as the recovery key's holder.
    static Result<std::unique_ptr<Vault>> openWithKeys(const QString& dir, KeySet keys);
    // The keys a recovery key gives for the vault in dir: derived from it for a vault with key
    // domains; for one made before them, the recovery key is the database key itself (and then a
    // database that has key domains refuses it: that is a staff slot's key, not the recovery key).
    static Result<KeySet> keysFromRecoveryKey(const QString& dir, const QString& recoveryKey);
    // What the standard sqlcipher shell needs, from the recovery key: one (file, hex key) per
    // database file of the vault (`clinicdesk-cli keys`).
    static Result<QList<std::pair<QString, QString>>> rawKeys(const QString& dir, const QString& recoveryKey);
    static Result<QStringList> accounts(const QString& dir);
    // Parses a recovery key typed or pasted in any grouping; empty on malformed input.
    static SecretBytes parseRecoveryKey(const QString& text);

    // Key slots (the accounts service adds roles on top of these). A slot of `scope` can be given only
    // by a session that holds that scope's keys.
    Status addSlot(const QString& user, const SecretBytes& passphrase, const KdfParams& kdf, KeyScope scope);
    // The audit log's last entry, kept outside the database (vault/AuditHeadFile.h, `audit-head.json`):
    // written at the end of every session and after a re-key. recordedAuditHead() gives the id and
    // hash written last ({0, ""} when none was), or Damaged when the file does not match the key.
    static constexpr const char* kAuditHeadFile = "audit-head.json";
    Status recordAuditHead();
    Result<std::pair<qint64, QString>> recordedAuditHead() const;
    // Puts a slot read before a change back as it was (when what followed the change failed).
    Status restoreSlot(const KeySlot& slot);
    // The same, replacing the slot `user` may already have (a role that needs other keys).
    Status setSlot(const QString& user, const SecretBytes& passphrase, const KdfParams& kdf, KeyScope scope);
    Status removeSlot(const QString& user);
    Status changePassphrase(const QString& user, const SecretBytes& oldPassphrase,
                            const SecretBytes& newPassphrase, const KdfParams& kdf);

    // Re-keys the vault: a new random database key, the database copied into a file encrypted with
    // it (sqlcipher_export) and checked, a new keyring holding exactly `slots` (user → passphrase),
    // the erasure ledger sealed again; then the files are swapped in, the database file last-but-one
    // so that an interruption leaves either the old vault whole or the new one finishable at the next
    // sign-in. An old copy of the keyring, and every old passphrase, opens nothing afterwards. The
    // new recovery key is returned (show it once). progress(done, total, step).
    struct NewSlot
    {
        QString user;
        SecretBytes passphrase;
        KeyScope scope = KeyScope::FrontDesk;
    };
    Result<QString> rekey(const std::vector<NewSlot>& slots, const KdfParams& kdf,
                          const std::function<void(int, int, const QString&)>& progress = {});
    static constexpr const char* kRekeySuffix = ".rekey"; // the files of a re-key not yet swapped in

    // The erasure ledger: pseudonymous ids of erased clients, kept beside the database (encrypted
    // under a key derived from the database key) so that erasures are applied again when an older
    // backup is restored.
    static constexpr const char* kLedgerFile = "erasures.ledger";
    struct LedgerEntry
    {
        QString subjectRef;
        QString erasedAt;
    };
    Status recordErasure(const QString& subjectRef);
    // Appends the entries whose subject the ledger does not name yet, in one write.
    Status recordErasures(const QList<LedgerEntry>& entries);
    Result<QList<LedgerEntry>> erasureLedger() const;

    Database& db() { return *m_db; }
    const QString& dir() const { return m_dir; }
    const QString& user() const { return m_user; }
    bool openedWithRecoveryKey() const { return m_user.isEmpty(); }
    const Keyring& keyring() const { return m_keyring; }
    // Backups authenticate their container under a key derived from this one (core/backup); it never
    // leaves guarded memory.
    const SecretBytes& databaseKey() const { return m_keys.database; }
    // What this session's slot opened (the recovery key: everything).
    const KeySet& keys() const { return m_keys; }
    bool hasKeyDomains() const { return m_keyring.hasDomains(); }
    QString databasePath() const;
    QString keyringPath() const;
    static QString databasePath(const QString& dir);
    static QString keyringPath(const QString& dir);

private:
    // A slot written before signed rosters is written again in today's form (it then carries the
    // management public key) at its owner's sign-in, with the passphrase just typed.
    void rewrapOlderSlot(const SecretBytes& passphrase);
    // After a re-key was interrupted: finishes it when the database already has the new key
    // (committed), or removes its leftovers when it never got that far.
    static void settleRekey(const QString& dir, bool committed);
    Vault(QString dir, QString user, KeySet keys, Keyring keyring, std::unique_ptr<Database> db);
    static Result<std::unique_ptr<Vault>> finishOpen(const QString& dir, const QString& user, KeySet keys,
                                                     Keyring keyring);

    QString m_dir;
    QString m_user;
    KeySet m_keys;
    Keyring m_keyring;
    std::unique_ptr<Database> m_db;
};

QString formatRecoveryKey(const SecretBytes& key);

} // namespace cd
