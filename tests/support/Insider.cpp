#include "Insider.h"

#include "Files.h"
#include "staff/Accounts.h"

#include <QJsonDocument>
#include <sodium.h>

namespace cd::test {

StaffClinic::StaffClinic()
{
    Accounts a(t.vault());
    if (!a.add(QStringLiteral("tom"), QStringLiteral("Tom Reed"), QStringLiteral("receptionist"),
               secret(kTom), KdfParams::forTestsOnly()) ||
        !a.add(QStringLiteral("priya"), QStringLiteral("Priya Shah"), QStringLiteral("practitioner"),
               secret(kPriya), KdfParams::forTestsOnly()))
        qFatal("cannot add staff");
}

Keyring StaffClinic::ring() const
{
    return Keyring::load(Vault::keyringPath(t.dir())).value();
}

KeySet StaffClinic::keysOf(const QString& user, const char* passphrase) const
{
    auto keys = ring().unwrap(user, secret(passphrase));
    if (!keys)
        qFatal("no keys for %s: %s", qPrintable(user), qPrintable(keys.message()));
    return std::move(keys.value());
}

std::unique_ptr<Database> StaffClinic::databaseAs(const QString& user, const char* passphrase)
{
    t.close();
    const KeySet keys = keysOf(user, passphrase);
    auto db = Database::open(Vault::databasePath(t.dir()), Database::Mode::Open, &keys.database);
    if (!db)
        qFatal("the key of %s does not open the database: %s", qPrintable(user), qPrintable(db.message()));
    return std::move(db.value());
}

void rewriteKeyringAs(const QString& path, const SecretBytes& databaseKey,
                      const std::function<void(QJsonObject&)>& change)
{
    QJsonObject o = QJsonDocument::fromJson(readAll(path)).object();
    o.remove(QStringLiteral("mac"));
    o.remove(QStringLiteral("sha256"));
    change(o);
    const QByteArray payload = QJsonDocument(o).toJson(QJsonDocument::Compact);
    unsigned char k[crypto_auth_hmacsha256_KEYBYTES];
    crypto_kdf_derive_from_key(k, sizeof k, 1, "CDkeyrng", databaseKey.data());
    QByteArray mac(crypto_auth_hmacsha256_BYTES, '\0');
    crypto_auth_hmacsha256(reinterpret_cast<unsigned char*>(mac.data()),
                           reinterpret_cast<const unsigned char*>(payload.constData()),
                           std::size_t(payload.size()), k);
    sodium_memzero(k, sizeof k);
    o.insert(QStringLiteral("mac"), QString::fromLatin1(mac.toBase64()));
    writeAll(path, QJsonDocument(o).toJson());
}

} // namespace cd::test
