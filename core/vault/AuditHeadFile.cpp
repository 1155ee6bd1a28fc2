#include "vault/AuditHeadFile.h"

#include "common/Durable.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSaveFile>
#include <sodium.h>

namespace cd::audithead {

namespace {

constexpr char kFormat[] = "clinicdesk-audit-head";
constexpr char kContext[crypto_kdf_CONTEXTBYTES + 1] = "CDaudhed";

QByteArray payload(const Head& h)
{
    return QByteArray(kFormat) + "|1|" + QByteArray::number(h.id) + '|' + h.hash.toLatin1();
}

QByteArray macOf(const Head& h, const SecretBytes& databaseKey)
{
    SecretBytes k(crypto_auth_hmacsha256_KEYBYTES);
    crypto_kdf_derive_from_key(k.data(), k.size(), 1, kContext, databaseKey.data());
    const QByteArray p = payload(h);
    QByteArray mac(crypto_auth_hmacsha256_BYTES, '\0');
    crypto_auth_hmacsha256(reinterpret_cast<unsigned char*>(mac.data()),
                           reinterpret_cast<const unsigned char*>(p.constData()), std::size_t(p.size()),
                           k.data());
    return mac;
}

Error damaged(const QString& path)
{
    return makeError(
        Error::Kind::Damaged,
        QObject::tr("%1 was altered or is damaged: it does not match the vault's key.").arg(path));
}

} // namespace

Result<std::optional<Head>> read(const QString& path, const SecretBytes& databaseKey)
{
    QFile f(path);
    if (!f.exists())
        return std::optional<Head>();
    if (!f.open(QIODevice::ReadOnly) || f.size() > 4096)
        return damaged(path);
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    Head h;
    const double id = o.value(QLatin1String("id")).toDouble(-1);
    if (!(id >= 1 && id <= 9007199254740992.0)) // a whole number a double holds exactly
        return damaged(path);
    h.id = qint64(id);
    h.hash = o.value(QLatin1String("hash")).toString();
    const QByteArray mac = QByteArray::fromBase64(o.value(QLatin1String("mac")).toString().toLatin1());
    if (o.value(QLatin1String("format")).toString() != QLatin1String(kFormat) || h.id < 1 ||
        h.hash.size() != 64 || mac.size() != crypto_auth_hmacsha256_BYTES ||
        sodium_memcmp(mac.constData(), macOf(h, databaseKey).constData(), std::size_t(mac.size())) != 0)
        return damaged(path);
    return std::optional<Head>(h);
}

Status write(const QString& path, const Head& head, const SecretBytes& databaseKey)
{
    const QJsonObject o{{QStringLiteral("format"), QLatin1String(kFormat)},
                        {QStringLiteral("version"), 1},
                        {QStringLiteral("id"), double(head.id)},
                        {QStringLiteral("hash"), head.hash},
                        {QStringLiteral("mac"), QString::fromLatin1(macOf(head, databaseKey).toBase64())}};
    const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Indented);
    QSaveFile f(path);
    QString why;
    if (f.open(QIODevice::WriteOnly) && f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) &&
        f.write(bytes) == bytes.size() && files::commit(f, &why))
        return {};
    return makeError(Error::Kind::Io,
                     QObject::tr("Cannot write %1: %2").arg(path, why.isEmpty() ? f.errorString() : why));
}

} // namespace cd::audithead
