#include "vault/Vault.h"

#include "common/Clock.h"
#include "common/Durable.h"
#include "accounts/SignInThrottle.h"
#include "accounts/Staff.h"
#include "audit/AuditLog.h"
#include "storage/Schema.h"
#include "storage/Sql.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QObject>

#include <sodium.h>

namespace cd {

Vault::Vault(QString dir, QString user, SecretBytes key, Keyring keyring, std::unique_ptr<Database> db)
    : m_dir(std::move(dir)), m_user(std::move(user)), m_key(std::move(key)), m_keyring(std::move(keyring)),
      m_db(std::move(db))
{
}

Vault::~Vault()
{
    // A session that wrote nothing still leaves its sign-in in the log, unless the vault was damaged.
    if (m_db)
        (void)AuditLog(*m_db).flushDeferred();
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
    if (passphrase.size() < 8)
        return makeError(Error::Kind::Invalid, QObject::tr("The passphrase must be at least 8 characters long."));
    if (exists(options.dir))
        return makeError(Error::Kind::Conflict,
                         QObject::tr("A vault already exists in %1. Open it, or choose an empty folder.").arg(options.dir));
    if (!QDir().mkpath(options.dir))
        return makeError(Error::Kind::Io, QObject::tr("Cannot create the folder %1.").arg(options.dir));
    QFile::setPermissions(options.dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);

    SecretBytes key = SecretBytes::random(kKeyBytes);
    Keyring ring = Keyring::createFor(key);
    if (auto st = ring.setSlot(options.username, passphrase, options.kdf, key); !st)
        return st.error();

    auto db = Database::open(databasePath(options.dir), Database::Mode::Create, &key);
    if (!db)
        return db.error();
    Database& d = *db.value();
    const Status built = guarded([&]() -> Status {
        if (auto st = schema::migrate(d); !st)
            return st;
        Transaction tx(d);
        d.prepare("INSERT INTO staff (username, display_name, role, created_at) VALUES (?, ?, 'manager', ?)")
            .bind(1, options.username)
            .bind(2, options.displayName.isEmpty() ? options.username : options.displayName)
            .bind(3, Clock::nowIso())
            .run();
        d.prepare("INSERT INTO settings (key, value) VALUES ('clinic.name', ?)").bind(1, options.clinicName).run();
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
    (void)AuditLog(d).append(QStringLiteral("vault-created"));
    Created created;
    created.recoveryKey = formatRecoveryKey(key);
    created.vault.reset(new Vault(options.dir, options.username, std::move(key), std::move(ring), std::move(db.value())));
    return created;
}

Result<std::unique_ptr<Vault>> Vault::finishOpen(const QString& dir, const QString& user, SecretBytes key,
                                                 Keyring keyring)
{
    auto db = Database::open(databasePath(dir), Database::Mode::Open, &key);
    if (!db)
        return db.error();
    Database& d = *db.value();
    if (auto st = schema::migrate(d); !st)
        return st.error();
    // Who is signing in decides what core lets them do (accounts/Access.h).
    if (user.isEmpty()) {
        d.setActor(Actor{0, QStringLiteral("recovery-key"), QStringLiteral("manager")});
    } else {
        auto me = staff::byUsername(d, user);
        if (!me)
            return me.error();
        if (!me->active)
            return makeError(Error::Kind::Permission, QObject::tr("The account \"%1\" has been closed.").arg(user));
        d.setActor(Actor{me->id, me->username, me->role});
    }
    const int failures = user.isEmpty() ? 0 : throttle::takeFailures(dir, user);
    if (failures > 0)
        d.deferAudit(QStringLiteral("sign-in-failed"), QStringLiteral("%1 wrong passphrase(s) before this sign-in").arg(failures));
    d.deferAudit(user.isEmpty() ? QStringLiteral("sign-in-recovery-key") : QStringLiteral("sign-in"), {});
    return std::unique_ptr<Vault>(new Vault(dir, user, std::move(key), std::move(keyring), std::move(db.value())));
}

Result<std::unique_ptr<Vault>> Vault::open(const QString& dir, const QString& user, const SecretBytes& passphrase)
{
    if (!sodiumReady())
        return makeError(Error::Kind::Failed, QObject::tr("The cryptography library could not start."));
    if (!QFileInfo(dir).isDir())
        return makeError(Error::Kind::NotFound, QObject::tr("There is no vault at %1: the folder does not exist.").arg(dir));
    if (!exists(dir))
        return makeError(Error::Kind::NotFound,
                         QObject::tr("%1 is not a Clinicdesk vault (it has no keyring.json or clinicdesk.db).").arg(dir));
    auto ring = Keyring::load(keyringPath(dir));
    if (!ring)
        return ring.error();
    if (const int wait = throttle::secondsToWait(dir, user); wait > 0)
        return makeError(Error::Kind::WrongSecret, QObject::tr("Too many wrong passphrases for \"%1\". Wait %n second(s) and try again.",
                                                               nullptr, wait).arg(user));
    auto key = ring->unwrap(user, passphrase);
    if (!key) {
        if (key.error().kind == Error::Kind::WrongSecret || key.error().kind == Error::Kind::NotFound)
            throttle::recordFailure(dir, user);
        return key.error();
    }
    if (!ring->macValid(key.value()))
        return makeError(Error::Kind::Damaged,
                         QObject::tr("The keyring has been altered since Clinicdesk last wrote it. Restore "
                                     "keyring.json from a backup, or open the vault with the recovery key."));
    return finishOpen(dir, user, std::move(key.value()), std::move(ring.value()));
}

Result<std::unique_ptr<Vault>> Vault::openWithKey(const QString& dir, SecretBytes key)
{
    // The keyring is optional here: the recovery key is the way back in when it is lost.
    Keyring ring;
    if (auto loaded = Keyring::load(keyringPath(dir)); loaded && loaded->macValid(key))
        ring = std::move(loaded.value());
    return finishOpen(dir, QString(), std::move(key), std::move(ring));
}

Result<std::unique_ptr<Vault>> Vault::openWithRecoveryKey(const QString& dir, const QString& recoveryKey)
{
    if (!sodiumReady())
        return makeError(Error::Kind::Failed, QObject::tr("The cryptography library could not start."));
    SecretBytes key = parseRecoveryKey(recoveryKey);
    if (key.empty())
        return makeError(Error::Kind::Invalid, QObject::tr("A recovery key has 64 hexadecimal digits (0-9, A-F); "
                                                           "check what you typed."));
    auto vault = openWithKey(dir, std::move(key));
    if (!vault && vault.error().kind == Error::Kind::Damaged)
        return makeError(Error::Kind::WrongSecret, QObject::tr("This recovery key does not open the vault in %1, "
                                                               "or its database is damaged.").arg(dir));
    return vault;
}

Result<QStringList> Vault::accounts(const QString& dir)
{
    auto ring = Keyring::load(keyringPath(dir));
    if (!ring)
        return ring.error();
    return ring->users();
}

namespace {

constexpr char kLedgerMagic[] = "CDLEDGER1";
constexpr char kLedgerContext[crypto_kdf_CONTEXTBYTES + 1] = "CDledger";

SecretBytes ledgerKey(const SecretBytes& databaseKey)
{
    SecretBytes k(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    crypto_kdf_derive_from_key(k.data(), k.size(), 2, kLedgerContext, databaseKey.data());
    return k;
}

} // namespace

Result<QList<Vault::LedgerEntry>> Vault::erasureLedger() const
{
    QFile f(QDir(m_dir).filePath(QLatin1String(kLedgerFile)));
    if (!f.exists())
        return QList<LedgerEntry>{};
    if (!f.open(QIODevice::ReadOnly))
        return makeError(Error::Kind::Io, QObject::tr("Cannot read the erasure ledger: %1").arg(f.errorString()));
    const QByteArray bytes = f.readAll();
    const qsizetype head = qsizetype(sizeof kLedgerMagic - 1) + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    if (!bytes.startsWith(kLedgerMagic) || bytes.size() < head + crypto_aead_xchacha20poly1305_ietf_ABYTES)
        return makeError(Error::Kind::Damaged, QObject::tr("The erasure ledger is damaged. Restore it from a backup."));
    const SecretBytes key = ledgerKey(m_key);
    QByteArray plain(bytes.size() - head - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plain.data()), &len, nullptr,
            reinterpret_cast<const unsigned char*>(bytes.constData() + head), std::size_t(bytes.size() - head), nullptr, 0,
            reinterpret_cast<const unsigned char*>(bytes.constData() + sizeof kLedgerMagic - 1), key.data()) != 0)
        return makeError(Error::Kind::Damaged, QObject::tr("The erasure ledger was altered or belongs to another vault."));
    QList<LedgerEntry> out;
    for (const QJsonValue& v : QJsonDocument::fromJson(plain).array())
        out.append({v.toObject().value(QStringLiteral("subject_ref")).toString(), v.toObject().value(QStringLiteral("erased_at")).toString()});
    return out;
}

Status Vault::recordErasure(const QString& subjectRef)
{
    auto entries = erasureLedger();
    if (!entries)
        return entries.error();
    QJsonArray list;
    for (const LedgerEntry& e : entries.value())
        list.append(QJsonObject{{QStringLiteral("subject_ref"), e.subjectRef}, {QStringLiteral("erased_at"), e.erasedAt}});
    list.append(QJsonObject{{QStringLiteral("subject_ref"), subjectRef}, {QStringLiteral("erased_at"), Clock::nowIso()}});
    const QByteArray plain = QJsonDocument(list).toJson(QJsonDocument::Compact);
    QByteArray nonce(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, '\0');
    randombytes_buf(nonce.data(), std::size_t(nonce.size()));
    QByteArray cipher(plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
    unsigned long long len = 0;
    const SecretBytes key = ledgerKey(m_key);
    crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(cipher.data()), &len,
                                               reinterpret_cast<const unsigned char*>(plain.constData()), std::size_t(plain.size()),
                                               nullptr, 0, nullptr, reinterpret_cast<const unsigned char*>(nonce.constData()), key.data());
    QSaveFile f(QDir(m_dir).filePath(QLatin1String(kLedgerFile)));
    if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return makeError(Error::Kind::Io, QObject::tr("Cannot write the erasure ledger: %1").arg(f.errorString()));
    f.write(QByteArray(kLedgerMagic) + nonce + cipher);
    if (QString why; !files::commit(f, &why))
        return makeError(Error::Kind::Io, QObject::tr("Cannot write the erasure ledger: %1").arg(why));
    return {};
}

Status Vault::addSlot(const QString& user, const SecretBytes& passphrase, const KdfParams& kdf)
{
    if (m_keyring.slot(user))
        return makeError(Error::Kind::Conflict, QObject::tr("An account named \"%1\" already exists.").arg(user));
    if (m_keyring.vaultId().isEmpty())
        return makeError(Error::Kind::Failed, QObject::tr("The keyring is missing; restore it before adding accounts."));
    Keyring updated = m_keyring;
    if (auto st = updated.setSlot(user, passphrase, kdf, m_key); !st)
        return st;
    if (auto st = updated.save(keyringPath()); !st)
        return st;
    m_keyring = std::move(updated);
    return {};
}

Status Vault::removeSlot(const QString& user)
{
    Keyring updated = m_keyring;
    if (!updated.removeSlot(user, m_key))
        return makeError(Error::Kind::NotFound, QObject::tr("There is no account named \"%1\" in this vault.").arg(user));
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
        return makeError(Error::Kind::Invalid, QObject::tr("The new passphrase must be at least 8 characters long."));
    auto check = m_keyring.unwrap(user, oldPassphrase);
    if (!check)
        return check.error();
    Keyring updated = m_keyring;
    if (auto st = updated.setSlot(user, newPassphrase, kdf, m_key); !st)
        return st;
    if (auto st = updated.save(keyringPath()); !st)
        return st;
    m_keyring = std::move(updated);
    return {};
}

} // namespace cd
