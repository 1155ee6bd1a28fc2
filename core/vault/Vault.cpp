#include "vault/Vault.h"

#include "accounts/Roster.h"
#include "accounts/Staff.h"
#include "audit/AuditLog.h"
#include "clients/ClientStore.h"
#include "common/ClinicalSeal.h"
#include "common/Clock.h"
#include "common/Durable.h"
#include "common/ManagementKey.h"
#include "common/Text.h"
#include "forms/Forms.h"
#include "settings/Settings.h"
#include "signin/SignInThrottle.h"
#include "storage/Schema.h"
#include "storage/Sql.h"
#include "vault/AuditHeadFile.h"
#include "vault/LedgerFile.h"
#include "vault/PassphraseStrength.h"
#include "vault/VaultImpl.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QObject>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <sodium.h>

namespace cd {

namespace vaultimpl {

QString pending(const QString& path)
{
    return path + QLatin1String(Vault::kRekeySuffix);
}

void removeDatabaseFiles(const QString& path)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

// rename(2) replaces the target in one step (QFile::rename refuses an existing target).
bool replaceFile(const QString& from, const QString& to)
{
    return std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
}

// The clinic's public keys, kept in the database too (table key_domains, owned here), so that a
// vault opened without its keyring (the recovery key) still knows it has key domains.
void writeKeyDomainsInTransaction(Database& d, const KeySet& keys)
{
    d.prepare("DELETE FROM key_domains").run();
    d.prepare("INSERT INTO key_domains (id, clinical_public, management_public, created_at) VALUES (1,?,?,?)")
        .bindBlob(1, keys.clinicalPublic())
        .bindBlob(2, keys.managementPublic())
        .bind(3, Clock::nowIso())
        .run();
}

QByteArray clinicalPublicInDatabase(Database& d)
{
    auto st = d.prepare("SELECT clinical_public FROM key_domains WHERE id = 1");
    return st.step() ? st.blob(0) : QByteArray();
}

// What the session may seal and open (common/ClinicalSeal.h).
ClinicalSealPtr sealFor(Database& d, const Keyring& ring, const KeySet& keys)
{
    QByteArray pub = keys.holds(KeyScope::Clinical) ? keys.clinicalPublic() : ring.clinicalPublic();
    if (pub.isEmpty())
        pub = clinicalPublicInDatabase(d);
    if (pub.isEmpty())
        return std::make_shared<ClinicalSeal>();
    return std::make_shared<ClinicalSeal>(pub, keys.clinical.copy());
}

constexpr const char* kFormerKeyContext = "clinicdesk-former-management-key-v1";

QByteArray endorsementMessage(const QByteArray& publicKey, const QString& retiredAt)
{
    return publicKey.toHex() + '\n' + retiredAt.toUtf8();
}

// What the session may sign and check (common/ManagementKey.h): the public key from the person's
// own slot (or derived from the secret they hold), and the management keys earlier re-keys retired,
// each counted only if the current key endorsed it (table former_management_keys, owned here).
ManagementKeyPtr managementFor(Database& d, const KeySet& keys)
{
    auto key = std::make_shared<ManagementKey>(keys.managementPublic(), keys.management.copy());
    if (key->active() && schema::currentVersion(d) >= 13) {
        QList<QByteArray> former;
        for (auto st = d.prepare("SELECT public_key, retired_at, endorsement FROM former_management_keys");
             st.step();)
            if (key->verify(kFormerKeyContext, endorsementMessage(st.blob(0), st.text(1)), st.blob(2)))
                former << st.blob(0);
        key->setFormerKeys(former);
    }
    return key;
}

// A re-key's copy: the management key being retired joins the former keys, and every former key is
// endorsed again by the new one. Throws StorageError.
void retireManagementKeyInTransaction(Database& copy, const ManagementKey& old, const ManagementKey& next)
{
    if (!old.active())
        return;
    const QString now = Clock::nowIso();
    QList<std::pair<QByteArray, QString>> keys{{old.publicKey(), now}};
    for (auto st = copy.prepare("SELECT public_key, retired_at FROM former_management_keys"); st.step();)
        if (old.formerKeys().contains(st.blob(0)))
            keys.append({st.blob(0), st.text(1)});
    copy.exec("DELETE FROM former_management_keys");
    for (const auto& [publicKey, retiredAt] : keys)
        copy.prepare("INSERT OR IGNORE INTO former_management_keys (public_key, retired_at, endorsement) "
                     "VALUES (?,?,?)")
            .bindBlob(1, publicKey)
            .bind(2, retiredAt)
            .bindBlob(3, next.sign(kFormerKeyContext, endorsementMessage(publicKey, retiredAt)))
            .run();
}

} // namespace vaultimpl

using namespace vaultimpl;

namespace {

// The highest role a set of keys allows: what the signed roster's role is capped at. Before key
// domains every slot held the same key, so the keys cap nothing.
Role ceilingOf(const Keyring& ring, const KeySet& keys)
{
    if (!ring.hasDomains() && keys.managementPublic().isEmpty())
        return Role::Manager;
    switch (keys.scope) {
    case KeyScope::Management:
        return Role::Manager;
    case KeyScope::Clinical:
        return Role::Practitioner;
    case KeyScope::FrontDesk:
        break;
    }
    return Role::Receptionist;
}

} // namespace

Vault::Vault(QString dir, QString user, KeySet keys, Keyring keyring, std::unique_ptr<Database> db)
    : m_dir(std::move(dir)), m_user(std::move(user)), m_keys(std::move(keys)), m_keyring(std::move(keyring)),
      m_db(std::move(db))
{
}

Vault::~Vault()
{
    // A session that wrote nothing still leaves its sign-in in the log, unless the vault was damaged.
    if (m_db) {
        (void)AuditLog(*m_db).flushDeferred();
        (void)recordAuditHead();
    }
}

Status Vault::recordAuditHead()
{
    if (!m_db || m_db->damaged())
        return {};
    auto head =
        guarded([&]() -> Result<std::pair<qint64, QString>> { return AuditLog(*m_db).headInTransaction(); });
    if (!head)
        return head.error();
    if (head->first == 0)
        return {};
    const QString path = QDir(m_dir).filePath(QLatin1String(kAuditHeadFile));
    if (auto recorded = audithead::read(path, m_keys.database); recorded && recorded.value() &&
                                                                recorded.value()->id == head->first &&
                                                                recorded.value()->hash == head->second)
        return {};
    return audithead::write(path, {head->first, head->second}, m_keys.database);
}

Result<std::pair<qint64, QString>> Vault::recordedAuditHead() const
{
    auto recorded = audithead::read(QDir(m_dir).filePath(QLatin1String(kAuditHeadFile)), m_keys.database);
    if (!recorded)
        return recorded.error();
    if (!recorded.value())
        return std::pair<qint64, QString>{0, QString()};
    return std::pair<qint64, QString>{recorded.value()->id, recorded.value()->hash};
}

QString Vault::databasePath(const QString& dir)
{
    return QDir(dir).filePath(QLatin1String(kDatabaseFile));
}

QString Vault::keyringPath(const QString& dir)
{
    return QDir(dir).filePath(QLatin1String(kKeyringFile));
}

QString Vault::databasePath() const
{
    return databasePath(m_dir);
}

QString Vault::keyringPath() const
{
    return keyringPath(m_dir);
}

bool Vault::exists(const QString& dir)
{
    return QFile::exists(keyringPath(dir)) || QFile::exists(databasePath(dir));
}

QString formatRecoveryKey(const SecretBytes& key)
{
    static const char hex[] = "0123456789ABCDEF";
    QString out;
    for (std::size_t i = 0; i < key.size(); ++i) {
        if (i > 0 && i % 2 == 0)
            out += QLatin1Char('-');
        out += QLatin1Char(hex[key.data()[i] >> 4]);
        out += QLatin1Char(hex[key.data()[i] & 0xf]);
    }
    return out;
}

SecretBytes Vault::parseRecoveryKey(const QString& text)
{
    QByteArray digits;
    for (const QChar c : text) {
        if (c.isSpace() || c == QLatin1Char('-'))
            continue;
        if (!isxdigit(c.toLatin1()))
            return {};
        digits += c.toLatin1();
    }
    if (digits.size() != kKeyBytes * 2)
        return {};
    QByteArray raw = QByteArray::fromHex(digits);
    wipe(digits);
    return SecretBytes::takeFrom(raw);
}

Result<Vault::Created> Vault::create(const CreateOptions& options, const SecretBytes& passphrase)
{
    if (!sodiumReady())
        return makeError(Error::Kind::Failed, QObject::tr("The cryptography library could not start."));
    if (options.username.trimmed().isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Choose an account name."));
    if (auto st = requireAcceptable(passphrase, {options.username, options.displayName, options.clinicName,
                                                 QStringLiteral("clinicdesk")});
        !st)
        return st.error();
    if (exists(options.dir))
        return makeError(Error::Kind::Conflict,
                         QObject::tr("A vault already exists in %1. Open it, or choose an empty folder.")
                             .arg(options.dir));
    if (!QDir().mkpath(options.dir))
        return makeError(Error::Kind::Io, QObject::tr("Cannot create the folder %1.").arg(options.dir));
    QFile::setPermissions(options.dir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    // Every key comes from the recovery key; the manager's slot holds the management set.
    SecretBytes recovery = SecretBytes::random(kKeyBytes);
    KeySet keys = KeySet::fromRecoveryKey(recovery);
    Keyring ring = Keyring::createFor(keys);
    if (auto st = ring.setSlot(options.username, passphrase, options.kdf, keys); !st)
        return st.error();

    auto db = Database::open(databasePath(options.dir), Database::Mode::Create, &keys.database);
    if (!db)
        return db.error();
    Database& d = *db.value();
    d.setManagement(std::make_shared<ManagementKey>(keys.managementPublic(), keys.management.copy()));
    const Status built = guarded([&]() -> Status {
        if (auto st = schema::migrate(d); !st)
            return st;
        if (auto st = ClientStore(d).rebuildSearchIndexesIfPending(); !st)
            return st;
        Transaction tx(d);
        staff::addInTransaction(d, options.username,
                                options.displayName.isEmpty() ? options.username : options.displayName,
                                Role::Manager, false);
        ClinicSettings::setClinicNameInTransaction(d, options.clinicName);
        Forms::seedInTransaction(d);
        writeKeyDomainsInTransaction(d, keys);
        tx.commit();
        d.checkpointTruncate();
        return ring.save(keyringPath(options.dir));
    });
    if (!built) {
        // Nothing half-made stays behind: a vault is either whole or absent.
        db.value().reset();
        for (const char* suffix : {"", "-wal", "-shm"})
            QFile::remove(databasePath(options.dir) + QLatin1String(suffix));
        return built.error();
    }

    if (auto me = staff::byUsername(d, options.username))
        d.setActor(Actor{me->id, me->username, me->role});
    d.setClinical(sealFor(d, ring, keys));
    (void)AuditLog(d).append(QStringLiteral("vault-created"));
    Created created;
    created.recoveryKey = formatRecoveryKey(recovery);
    created.vault.reset(
        new Vault(options.dir, options.username, std::move(keys), std::move(ring), std::move(db.value())));
    return created;
}

namespace {
Vault::OpeningProgress& openingProgress()
{
    static Vault::OpeningProgress progress;
    return progress;
}
} // namespace

void Vault::setOpeningProgress(OpeningProgress progress)
{
    openingProgress() = std::move(progress);
}

Result<std::unique_ptr<Vault>> Vault::finishOpen(const QString& dir, const QString& user, KeySet keys,
                                                 Keyring keyring)
{
    auto db = Database::open(databasePath(dir), Database::Mode::Open, &keys.database);
    if (!db)
        return db.error();
    Database& d = *db.value();
    if (auto st = schema::migrate(d); !st)
        return st.error();
    // A vault from before forms gets the shipped templates once (a read when it has them).
    if (auto st = guarded([&]() -> Status {
            if (Forms::seeded(d))
                return {}; // a read: no write lock at every opening
            Transaction tx(d);
            Forms::seedInTransaction(d);
            tx.commit();
            return {};
        });
        !st)
        return st.error();
    // A vault from before schema 19 or 20 gets its search indexes back from the clients and notes.
    if (auto st = ClientStore(d).rebuildSearchIndexesIfPending(openingProgress()); !st)
        return st.error();
    // An erasure whose WAL purge another program held up is finished here: the erased rows' old
    // page images leave the WAL (best effort: a reader still there keeps them until the next time).
    if (QFileInfo(databasePath(dir) + QLatin1String("-wal")).size() > 0)
        (void)guarded([&]() -> Status {
            (void)d.tryCheckpointTruncate(0);
            return {};
        });
    if (auto sealed = guarded([&]() -> Status {
            d.setClinical(sealFor(d, keyring, keys));
            return {};
        });
        !sealed)
        return sealed.error();
    if (auto management = guarded([&]() -> Status {
            d.setManagement(managementFor(d, keys));
            return {};
        });
        !management)
        return management.error();
    // Who is signing in decides what core lets them do (accounts/Access.h): the role the signed
    // roster gives them, within what their keys allow.
    auto actor = guarded([&]() -> Result<Actor> {
        if (user.isEmpty()) {
            // The recovery key's holder comes in whatever the roster says, and the log says it.
            if (const roster::State state = roster::checkInTransaction(d).state;
                state == roster::State::Missing || state == roster::State::Invalid)
                d.deferAudit(QStringLiteral("roster-invalid"),
                             state == roster::State::Missing
                                 ? QStringLiteral("the signed roster is missing")
                                 : QStringLiteral("the roster's signature does not match its accounts"));
            return Actor{0, QStringLiteral("recovery-key"), Role::Manager};
        }
        return roster::signInActorInTransaction(d, user, ceilingOf(keyring, keys), keys.olderSlot);
    });
    if (!actor)
        return actor.error();
    d.setActor(actor.value());
    // The log's head as the vault last closed: if that entry is gone or changed, the log was cut or
    // rewritten outside Clinicdesk since. Said in the log itself, before this session's own entries
    // move the head on (verify lists the details).
    if (auto recorded = audithead::read(QDir(dir).filePath(QLatin1String(kAuditHeadFile)), keys.database);
        !recorded)
        d.deferAudit(
            QStringLiteral("audit-log-tampered"),
            QStringLiteral("audit-head.json does not match the vault's key (altered since it was written)"));
    else if (recorded.value())
        if (auto tail = guarded([&]() -> Result<AuditLog::Tail> {
                return AuditLog(d).tailAfterInTransaction(recorded.value()->id, recorded.value()->hash);
            });
            tail && !tail->found)
            d.deferAudit(
                QStringLiteral("audit-log-tampered"),
                QStringLiteral("entry %1, the last when the vault closed, is gone or changed: the log "
                               "was cut or rewritten outside Clinicdesk")
                    .arg(recorded.value()->id));
    const int failures = user.isEmpty() ? 0 : throttle::takeFailures(dir, user);
    if (failures > 0)
        d.deferAudit(QStringLiteral("sign-in-failed"),
                     QStringLiteral("%1 before this sign-in")
                         .arg(text::count(failures, "wrong passphrase", "wrong passphrases")));
    d.deferAudit(user.isEmpty() ? QStringLiteral("sign-in-recovery-key") : QStringLiteral("sign-in"), {});
    return std::unique_ptr<Vault>(
        new Vault(dir, user, std::move(keys), std::move(keyring), std::move(db.value())));
}

Status Vault::checkFolder(const QString& dir)
{
    if (!QFileInfo(dir).isDir())
        return makeError(Error::Kind::NotFound,
                         QObject::tr("There is no vault at %1: the folder does not exist.").arg(dir));
    // A desk folder of the clinic server (server/DeskConnection.h) is not a vault: say what it is.
    if (QFileInfo::exists(QDir(dir).filePath(QStringLiteral("desk.json"))))
        return makeError(
            Error::Kind::Failed,
            QObject::tr("%1 is a desk folder for the clinic server. This version checks the "
                        "connection (clinicdesk-cli verify --vault %1) but does not yet keep the "
                        "clinic's records on the server: keep using the clinic's vault meanwhile.")
                .arg(dir));
    if (!exists(dir))
        return makeError(
            Error::Kind::NotFound,
            QObject::tr("%1 is not a Clinicdesk vault (it has no keyring.json or clinicdesk.db).").arg(dir));
    return {};
}

Result<std::unique_ptr<Vault>> Vault::open(const QString& dir, const QString& user,
                                           const SecretBytes& passphrase)
{
    if (!sodiumReady())
        return makeError(Error::Kind::Failed, QObject::tr("The cryptography library could not start."));
    if (auto st = checkFolder(dir); !st)
        return st.error();
    auto ring = Keyring::load(keyringPath(dir));
    if (!ring)
        return ring.error();
    if (const int wait = throttle::secondsToWait(dir, user); wait > 0)
        return makeError(Error::Kind::WrongSecret,
                         QObject::tr("Too many wrong passphrases for \"%1\". Wait %2 and try again.")
                             .arg(user, text::count(wait, "second", "seconds")));
    auto key = ring->unwrap(user, passphrase);
    if (!key) {
        // Only an account's own failures are counted: a name that is no account (a phone number
        // typed in the wrong box) is not kept in the file beside the keyring, which is plain text.
        // Nothing is derived for it, so there is nothing to slow down.
        if (key.error().kind == Error::Kind::WrongSecret)
            throttle::recordFailure(dir, user);
        return key.error();
    }
    if (!ring->macValid(key->database))
        return makeError(Error::Kind::Damaged,
                         QObject::tr("The keyring has been altered since Clinicdesk last wrote it. Restore "
                                     "keyring.json from a backup, or open the vault with the recovery key."));
    const bool rekeyPending = QFile::exists(pending(keyringPath(dir)));
    auto opened = finishOpen(dir, user, std::move(key.value()), std::move(ring.value()));
    if (opened)
        opened.value()->rewrapOlderSlot(passphrase);
    if (!rekeyPending)
        return opened;
    if (opened) {
        settleRekey(dir, false); // the re-key stopped before the database changed key
        return opened;
    }
    // The re-key stopped after the database got its new key: the pending keyring opens it.
    auto next = Keyring::load(pending(keyringPath(dir)));
    if (!next)
        return opened;
    auto newKey = next->unwrap(user, passphrase);
    if (!newKey || !next->macValid(newKey->database))
        return opened;
    auto finished = finishOpen(dir, user, std::move(newKey.value()), std::move(next.value()));
    if (finished)
        settleRekey(dir, true);
    return finished;
}

Result<std::unique_ptr<Vault>> Vault::openWithKeys(const QString& dir, KeySet keys)
{
    // The keyring is optional here: the recovery key is the way back in when it is lost.
    Keyring ring;
    bool committedRekey = false;
    if (auto loaded = Keyring::load(keyringPath(dir)); loaded && loaded->macValid(keys.database))
        ring = std::move(loaded.value());
    else if (auto next = Keyring::load(pending(keyringPath(dir))); next && next->macValid(keys.database)) {
        ring = std::move(next.value()); // a re-key that stopped after the database got this key
        committedRekey = true;
    }
    auto opened = finishOpen(dir, QString(), std::move(keys), std::move(ring));
    if (opened && QFile::exists(pending(keyringPath(dir))))
        settleRekey(dir, committedRekey);
    return opened;
}

Result<KeySet> Vault::keysFromRecoveryKey(const QString& dir, const QString& recoveryKey)
{
    if (!sodiumReady())
        return makeError(Error::Kind::Failed, QObject::tr("The cryptography library could not start."));
    SecretBytes root = parseRecoveryKey(recoveryKey);
    if (root.empty())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("A recovery key has 64 hexadecimal digits (0-9, A-F); "
                                     "check what you typed."));
    const auto opens = [&](const SecretBytes& key) -> std::optional<bool> {
        // Which file the key opens: the database itself, or a re-key's copy not yet swapped in.
        for (const QString& path : {databasePath(dir), pending(databasePath(dir))}) {
            if (!QFile::exists(path))
                continue;
            auto db = Database::open(path, Database::Mode::Open, &key);
            if (!db)
                continue;
            bool domains = false;
            (void)guarded([&]() -> Status {
                if (schema::currentVersion(*db.value()) >= schema::kKeyDomainsVersion)
                    domains = !clinicalPublicInDatabase(*db.value()).isEmpty();
                return {};
            });
            return domains;
        }
        return std::nullopt;
    };
    KeySet derived = KeySet::fromRecoveryKey(root);
    if (opens(derived.database))
        return derived;
    // Before key domains the recovery key was the database key. Every staff slot of a vault with
    // key domains holds that key too, so there it is not a recovery key.
    if (const std::optional<bool> domains = opens(root); domains && !*domains) {
        KeySet legacy;
        legacy.database = std::move(root);
        return legacy;
    }
    return makeError(Error::Kind::WrongSecret,
                     QObject::tr("This recovery key does not open the vault in %1, or its database is "
                                 "damaged.")
                         .arg(dir));
}

Result<std::unique_ptr<Vault>> Vault::openWithRecoveryKey(const QString& dir, const QString& recoveryKey)
{
    auto keys = keysFromRecoveryKey(dir, recoveryKey);
    if (!keys)
        return keys.error();
    auto vault = openWithKeys(dir, std::move(keys.value()));
    if (!vault && vault.error().kind == Error::Kind::Damaged)
        return makeError(Error::Kind::WrongSecret,
                         QObject::tr("This recovery key does not open the vault in %1, "
                                     "or its database is damaged.")
                             .arg(dir));
    return vault;
}

Result<QList<std::pair<QString, QString>>> Vault::rawKeys(const QString& dir, const QString& recoveryKey)
{
    auto keys = keysFromRecoveryKey(dir, recoveryKey);
    if (!keys)
        return keys.error();
    QByteArray hex =
        QByteArray(reinterpret_cast<const char*>(keys->database.data()), qsizetype(keys->database.size()))
            .toHex();
    QList<std::pair<QString, QString>> out{{QLatin1String(kDatabaseFile), QString::fromLatin1(hex)}};
    wipe(hex);
    return out;
}

Result<QStringList> Vault::accounts(const QString& dir)
{
    auto ring = Keyring::load(keyringPath(dir));
    if (!ring)
        return ring.error();
    return ring->users();
}

void Vault::rewrapOlderSlot(const SecretBytes& passphrase)
{
    const KeySlot* slot = m_keyring.slot(m_user);
    if (!m_keys.olderSlot || !m_keyring.hasDomains() || !slot)
        return;
    // Best effort: a read-only folder leaves the slot as it was, to be written next time.
    Keyring updated = m_keyring;
    if (!updated.setSlot(m_user, passphrase, slot->kdf, m_keys) || !updated.save(keyringPath()))
        return;
    m_keyring = std::move(updated);
    m_keys.olderSlot = false;
}

Status Vault::addSlot(const QString& user, const SecretBytes& passphrase, const KdfParams& kdf,
                      KeyScope scope)
{
    if (m_keyring.slot(user))
        return makeError(Error::Kind::Conflict,
                         QObject::tr("An account named \"%1\" already exists.").arg(user));
    return setSlot(user, passphrase, kdf, scope);
}

Status Vault::setSlot(const QString& user, const SecretBytes& passphrase, const KdfParams& kdf,
                      KeyScope scope)
{
    if (m_keyring.hasDomains() && !m_keys.holds(scope))
        return makeError(
            Error::Kind::Permission,
            QObject::tr("Your key cannot give the keys of a %1 account.")
                .arg(scope == KeyScope::Management ? QObject::tr("manager") : QObject::tr("practitioner")));
    if (m_keyring.vaultId().isEmpty())
        return makeError(Error::Kind::Failed,
                         QObject::tr("The keyring is missing; restore it before adding accounts."));
    Keyring updated = m_keyring;
    if (auto st = updated.setSlot(user, passphrase, kdf, m_keys.restrictedTo(scope)); !st)
        return st;
    if (auto st = updated.save(keyringPath()); !st)
        return st;
    m_keyring = std::move(updated);
    return {};
}

Status Vault::restoreSlot(const KeySlot& slot)
{
    Keyring updated = m_keyring;
    updated.restoreSlot(slot, m_keys.database);
    if (auto st = updated.save(keyringPath()); !st)
        return st;
    m_keyring = std::move(updated);
    return {};
}

Status Vault::removeSlot(const QString& user)
{
    Keyring updated = m_keyring;
    if (!updated.removeSlot(user, m_keys.database))
        return makeError(Error::Kind::NotFound,
                         QObject::tr("There is no account named \"%1\" in this vault.").arg(user));
    if (updated.slots().isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("The last account cannot be removed."));
    if (auto st = updated.save(keyringPath()); !st)
        return st;
    m_keyring = std::move(updated);
    return {};
}

Status Vault::changePassphrase(const QString& user, const SecretBytes& oldPassphrase,
                               const SecretBytes& newPassphrase, const KdfParams& kdf)
{
    if (newPassphrase.size() < 8)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("The new passphrase must be at least 8 characters long."));
    auto check = m_keyring.unwrap(user, oldPassphrase);
    if (!check)
        return check.error();
    Keyring updated = m_keyring;
    // The slot keeps the keys it had.
    if (auto st = updated.setSlot(user, newPassphrase, kdf, check.value()); !st)
        return st;
    if (auto st = updated.save(keyringPath()); !st)
        return st;
    m_keyring = std::move(updated);
    return {};
}

} // namespace cd
