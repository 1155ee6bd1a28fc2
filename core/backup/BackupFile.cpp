#include "backup/BackupFile.h"

#include "common/Durable.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QObject>
#include <QSaveFile>
#include <QtEndian>
#include <sodium.h>

namespace cd::backup {

namespace {

constexpr char kMacContext[crypto_kdf_CONTEXTBYTES + 1] = "CDbackup";
constexpr qint64 kChunk = 1 << 20;
// META, KRNG and LDGR are small; a larger one means the file is not what it says.
constexpr qint64 kMaxSmallSection = 16 << 20;
constexpr qint64 kHeaderBytes = 8 + 4;
constexpr qint64 kSectionHead = 4 + 8;

QByteArray sectionHead(const char tag[5], qint64 length)
{
    QByteArray head(tag, 4);
    head.resize(kSectionHead);
    qToBigEndian(quint64(length), head.data() + 4);
    return head;
}

Error notABackup(const QString& path)
{
    return makeError(Error::Kind::Invalid,
                     QObject::tr("%1 is not a Clinicdesk backup. Nothing was restored.").arg(path));
}

Error damaged(const QString& path, const QString& why)
{
    return makeError(Error::Kind::Damaged,
                     QObject::tr("The backup %1 is damaged or incomplete (%2). Nothing was restored: "
                                 "use another backup.")
                         .arg(path, why));
}

// Feeds bytes [from, from + length) of the file to `sink`, a chunk at a time.
bool stream(QFile& f, qint64 from, qint64 length, const std::function<bool(const QByteArray&)>& sink)
{
    if (!f.seek(from))
        return false;
    for (qint64 left = length; left > 0;) {
        const QByteArray chunk = f.read(qMin(left, kChunk));
        if (chunk.isEmpty() || !sink(chunk))
            return false;
        left -= chunk.size();
    }
    return true;
}

} // namespace

SecretBytes macKey(const SecretBytes& databaseKey)
{
    SecretBytes k(crypto_auth_hmacsha256_KEYBYTES);
    crypto_kdf_derive_from_key(k.data(), k.size(), 3, kMacContext, databaseKey.data());
    return k;
}

struct Writer::State
{
    QCryptographicHash sha{QCryptographicHash::Sha256};
    crypto_auth_hmacsha256_state hmac{};
};

Writer::Writer(QIODevice& out, const SecretBytes& databaseKey) : m_out(out), m_state(new State)
{
    const SecretBytes key = macKey(databaseKey);
    crypto_auth_hmacsha256_init(&m_state->hmac, key.data(), key.size());
    QByteArray head(kMagic, 8);
    head.resize(kHeaderBytes);
    qToBigEndian(kFormatVersion, head.data() + 8);
    put(head);
}

Writer::~Writer()
{
    sodium_memzero(&m_state->hmac, sizeof m_state->hmac);
    delete m_state;
}

bool Writer::put(const QByteArray& bytes)
{
    m_state->sha.addData(bytes);
    crypto_auth_hmacsha256_update(&m_state->hmac, reinterpret_cast<const unsigned char*>(bytes.constData()),
                                  quint64(bytes.size()));
    return m_out.write(bytes) == bytes.size();
}

bool Writer::section(const char tag[5], const QByteArray& bytes)
{
    return put(sectionHead(tag, bytes.size())) && put(bytes);
}

bool Writer::sectionFrom(const char tag[5], QIODevice& source, qint64 length)
{
    if (!put(sectionHead(tag, length)))
        return false;
    for (qint64 left = length; left > 0;) {
        const QByteArray chunk = source.read(qMin(left, kChunk));
        if (chunk.isEmpty() || !put(chunk))
            return false;
        left -= chunk.size();
    }
    return true;
}

bool Writer::finish()
{
    if (!section("SUM_", m_state->sha.result()))
        return false;
    QByteArray mac(crypto_auth_hmacsha256_BYTES, '\0');
    crypto_auth_hmacsha256_final(&m_state->hmac, reinterpret_cast<unsigned char*>(mac.data()));
    const QByteArray head = sectionHead("HMAC", mac.size());
    return m_out.write(head + mac) == head.size() + mac.size();
}

Result<Contents> read(const QString& path)
{
    QFile f(path);
    if (!f.exists())
        return makeError(Error::Kind::NotFound, QObject::tr("There is no backup file %1.").arg(path));
    if (!f.open(QIODevice::ReadOnly))
        return makeError(Error::Kind::Io,
                         QObject::tr("Cannot read the backup %1: %2").arg(path, f.errorString()));
    const QByteArray head = f.read(kHeaderBytes);
    if (!head.startsWith(QByteArray(kMagic, 8)))
        return notABackup(path);
    if (head.size() < kHeaderBytes)
        return damaged(path, QObject::tr("it ends early"));
    const quint32 version = qFromBigEndian<quint32>(head.constData() + 8);
    if (version != kFormatVersion)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("The backup %1 has format version %2, which this version of "
                                     "Clinicdesk does not know. Restore it with the Clinicdesk "
                                     "that made it.")
                             .arg(path)
                             .arg(version));
    Contents c;
    QByteArray sum;
    qint64 sumOffset = 0;
    const qint64 size = f.size();
    qint64 at = kHeaderBytes;
    while (c.mac.isEmpty()) {
        const QByteArray sh = f.seek(at) ? f.read(kSectionHead) : QByteArray();
        if (sh.size() < kSectionHead)
            return damaged(path, QObject::tr("it ends early"));
        const QByteArray tag = sh.left(4);
        const quint64 length = qFromBigEndian<quint64>(sh.constData() + 4);
        const qint64 body = at + kSectionHead;
        if (length > quint64(size - body))
            return damaged(path, QObject::tr("it ends early"));
        if (tag == "DBSE") {
            c.databaseOffset = body;
            c.databaseLength = qint64(length);
        } else if (qint64(length) > kMaxSmallSection) {
            return damaged(path, QObject::tr("a section is too large"));
        } else {
            const QByteArray bytes = f.read(qint64(length));
            if (tag == "META")
                c.meta = QJsonDocument::fromJson(bytes).object();
            else if (tag == "KRNG")
                c.keyring = bytes;
            else if (tag == "LDGR")
                c.ledger = bytes;
            else if (tag == "SUM_")
                sum = bytes, sumOffset = at;
            else if (tag == "HMAC" && !bytes.isEmpty())
                c.mac = bytes, c.macOffset = at;
            else
                return damaged(path, QObject::tr("unknown section"));
        }
        at = body + qint64(length);
    }
    if (at != size)
        return damaged(path, QObject::tr("unexpected bytes at the end"));
    QCryptographicHash sha(QCryptographicHash::Sha256);
    if (!stream(f, 0, sumOffset, [&](const QByteArray& b) {
            sha.addData(b);
            return true;
        }))
        return damaged(path, QObject::tr("it cannot be read"));
    if (sum.isEmpty() || sha.result() != sum)
        return damaged(path, QObject::tr("checksum mismatch"));
    if (sum.isEmpty() || c.databaseLength == 0 || c.meta.isEmpty() ||
        c.mac.size() != crypto_auth_hmacsha256_BYTES)
        return damaged(path, QObject::tr("a part is missing"));
    return c;
}

Result<bool> macMatches(const QString& path, const Contents& c, const SecretBytes& databaseKey)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(Error::Kind::Io,
                         QObject::tr("Cannot read the backup %1: %2").arg(path, f.errorString()));
    const SecretBytes key = macKey(databaseKey);
    crypto_auth_hmacsha256_state st{};
    crypto_auth_hmacsha256_init(&st, key.data(), key.size());
    const bool read = stream(f, 0, c.macOffset, [&](const QByteArray& b) {
        crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(b.constData()),
                                      quint64(b.size()));
        return true;
    });
    QByteArray mac(crypto_auth_hmacsha256_BYTES, '\0');
    crypto_auth_hmacsha256_final(&st, reinterpret_cast<unsigned char*>(mac.data()));
    if (!read)
        return makeError(Error::Kind::Io,
                         QObject::tr("Cannot read the backup %1: %2").arg(path, f.errorString()));
    return sodium_memcmp(mac.constData(), c.mac.constData(), std::size_t(mac.size())) == 0;
}

void removeDatabaseFiles(const QString& dbPath)
{
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(dbPath + QLatin1String(suffix));
}

Status writePrivateFile(const QString& path, const QByteArray& bytes)
{
    QSaveFile f(path);
    QString why;
    if (!f.open(QIODevice::WriteOnly) ||
        !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        f.write(bytes) != bytes.size() || !files::commit(f, &why))
        return makeError(Error::Kind::Io,
                         QObject::tr("Cannot write %1: %2").arg(path, why.isEmpty() ? f.errorString() : why));
    return {};
}

Status extractDatabase(const QString& path, const Contents& c, QIODevice& to)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(Error::Kind::Io,
                         QObject::tr("Cannot read the backup %1: %2").arg(path, f.errorString()));
    if (!stream(f, c.databaseOffset, c.databaseLength,
                [&](const QByteArray& b) { return to.write(b) == b.size(); }))
        return makeError(
            Error::Kind::Io,
            QObject::tr("Cannot unpack the backup: %1 %2").arg(f.errorString(), to.errorString()));
    return {};
}

} // namespace cd::backup
