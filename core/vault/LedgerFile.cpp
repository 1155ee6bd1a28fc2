#include "vault/LedgerFile.h"

#include "common/Clock.h"
#include "common/Durable.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSaveFile>
#include <QSet>
#include <optional>
#include <sodium.h>

namespace cd {

namespace ledger {

namespace {

// The erasure ledger file. Its entries are sealed under a ledger key L (XChaCha20-Poly1305, the
// header as associated data). Version 2 carries L wrapped under each database key the vault has
// had, so a re-key keeps it readable with an older backup's key (restore carries the ledger into
// an older copy); version 1, written before re-keying existed, used L = a key derived from the
// database key and is read as before.
constexpr char kLedgerMagic1[] = "CDLEDGER1";
constexpr char kLedgerMagic2[] = "CDLEDGER2";
constexpr char kLedgerContext[crypto_kdf_CONTEXTBYTES + 1] = "CDledger";
constexpr qsizetype kNonce = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr qsizetype kTag = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr qsizetype kLedgerKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr qsizetype kWrapping = kNonce + kLedgerKeyBytes + kTag;

SecretBytes derived(const SecretBytes& databaseKey, quint64 id)
{
    SecretBytes k(crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
    crypto_kdf_derive_from_key(k.data(), k.size(), id, kLedgerContext, databaseKey.data());
    return k;
}

const unsigned char* u(const QByteArray& b, qsizetype at = 0)
{
    return reinterpret_cast<const unsigned char*>(b.constData() + at);
}

Error damagedLedger()
{
    return makeError(Error::Kind::Damaged,
                     QObject::tr("The erasure ledger was altered or belongs to another vault."));
}

std::optional<SecretBytes> unwrap(const QByteArray& wrapping, const SecretBytes& databaseKey)
{
    const SecretBytes w = derived(databaseKey, 3);
    SecretBytes key{std::size_t(kLedgerKeyBytes)};
    unsigned long long len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(key.data(), &len, nullptr, u(wrapping, kNonce),
                                                   std::size_t(kLedgerKeyBytes + kTag), nullptr, 0,
                                                   u(wrapping), w.data()) != 0)
        return std::nullopt;
    return key;
}

} // namespace

void addWrapping(LedgerFile& f, const SecretBytes& databaseKey)
{
    for (const QByteArray& w : f.wrappings)
        if (unwrap(w, databaseKey))
            return;
    const SecretBytes w = derived(databaseKey, 3);
    QByteArray out(kWrapping, '\0');
    randombytes_buf(out.data(), std::size_t(kNonce));
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(out.data() + kNonce), &len,
                                               f.key.data(), f.key.size(), nullptr, 0, nullptr, u(out),
                                               w.data());
    f.wrappings.append(out);
}

Result<LedgerFile> read(const QString& path, const SecretBytes& databaseKey)
{
    LedgerFile lf;
    QFile f(path);
    if (!f.exists()) {
        lf.key = derived(databaseKey, 2);
        return lf;
    }
    if (!f.open(QIODevice::ReadOnly))
        return makeError(Error::Kind::Io,
                         QObject::tr("Cannot read the erasure ledger: %1").arg(f.errorString()));
    const QByteArray bytes = f.readAll();
    const qsizetype magic = qsizetype(sizeof kLedgerMagic1 - 1);
    qsizetype at = magic;
    if (bytes.startsWith(kLedgerMagic1)) {
        lf.key = derived(databaseKey, 2);
    } else if (bytes.startsWith(kLedgerMagic2) && bytes.size() > magic) {
        const int count = quint8(bytes.at(magic));
        at = magic + 1;
        if (bytes.size() < at + count * kWrapping)
            return makeError(Error::Kind::Damaged,
                             QObject::tr("The erasure ledger is damaged. Restore it from a backup."));
        for (int i = 0; i < count; ++i, at += kWrapping) {
            lf.wrappings.append(bytes.mid(at, kWrapping));
            if (lf.key.empty())
                if (auto k = unwrap(lf.wrappings.last(), databaseKey))
                    lf.key = std::move(*k);
        }
        if (lf.key.empty())
            return damagedLedger();
    } else {
        return makeError(Error::Kind::Damaged,
                         QObject::tr("The erasure ledger is damaged. Restore it from a backup."));
    }
    if (bytes.size() < at + kNonce + kTag)
        return makeError(Error::Kind::Damaged,
                         QObject::tr("The erasure ledger is damaged. Restore it from a backup."));
    const QByteArray header = bytes.left(at);
    QByteArray plain(bytes.size() - at - kNonce - kTag, '\0');
    unsigned long long len = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char*>(plain.data()), &len, nullptr, u(bytes, at + kNonce),
            std::size_t(bytes.size() - at - kNonce), header.startsWith(kLedgerMagic2) ? u(header) : nullptr,
            header.startsWith(kLedgerMagic2) ? std::size_t(header.size()) : 0, u(bytes, at),
            lf.key.data()) != 0)
        return damagedLedger();
    for (const QJsonValue& v : QJsonDocument::fromJson(plain).array())
        lf.entries.append({v.toObject().value(QStringLiteral("subject_ref")).toString(),
                           v.toObject().value(QStringLiteral("erased_at")).toString()});
    return lf;
}

// Always written as version 2, with a wrapping of L for `databaseKey` (the others kept).
Status write(const QString& path, LedgerFile& lf, const SecretBytes& databaseKey)
{
    addWrapping(lf, databaseKey);
    if (lf.wrappings.size() > 255)
        lf.wrappings = lf.wrappings.mid(lf.wrappings.size() - 255);
    QJsonArray list;
    for (const Vault::LedgerEntry& e : lf.entries)
        list.append(QJsonObject{{QStringLiteral("subject_ref"), e.subjectRef},
                                {QStringLiteral("erased_at"), e.erasedAt}});
    const QByteArray plain = QJsonDocument(list).toJson(QJsonDocument::Compact);
    QByteArray header = QByteArray(kLedgerMagic2) + char(quint8(lf.wrappings.size()));
    for (const QByteArray& w : lf.wrappings)
        header += w;
    QByteArray nonce(kNonce, '\0');
    randombytes_buf(nonce.data(), std::size_t(nonce.size()));
    QByteArray cipher(plain.size() + kTag, '\0');
    unsigned long long len = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(reinterpret_cast<unsigned char*>(cipher.data()), &len,
                                               u(plain), std::size_t(plain.size()), u(header),
                                               std::size_t(header.size()), nullptr, u(nonce), lf.key.data());
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return makeError(Error::Kind::Io,
                         QObject::tr("Cannot write the erasure ledger: %1").arg(f.errorString()));
    f.write(header + nonce + cipher);
    if (QString why; !files::commit(f, &why))
        return makeError(Error::Kind::Io, QObject::tr("Cannot write the erasure ledger: %1").arg(why));
    return {};
}

} // namespace ledger

Result<QList<Vault::LedgerEntry>> Vault::erasureLedger() const
{
    auto lf = ledger::read(QDir(m_dir).filePath(QLatin1String(kLedgerFile)), m_keys.database);
    if (!lf)
        return lf.error();
    return lf->entries;
}

Status Vault::recordErasure(const QString& subjectRef)
{
    return recordErasures({{subjectRef, Clock::nowIso()}});
}

Status Vault::recordErasures(const QList<LedgerEntry>& entries)
{
    auto lf = ledger::read(QDir(m_dir).filePath(QLatin1String(kLedgerFile)), m_keys.database);
    if (!lf)
        return lf.error();
    QSet<QString> known;
    for (const LedgerEntry& e : lf->entries)
        known.insert(e.subjectRef);
    const qsizetype before = lf->entries.size();
    for (const LedgerEntry& e : entries)
        if (!known.contains(e.subjectRef)) {
            lf->entries.append(e);
            known.insert(e.subjectRef);
        }
    if (lf->entries.size() == before)
        return {};
    return ledger::write(QDir(m_dir).filePath(QLatin1String(kLedgerFile)), lf.value(), m_keys.database);
}

} // namespace cd
