#include "TestVault.h"

#include "clients/ClientStore.h"
#include "settings/Settings.h"
#include "storage/Sql.h"

#include <QTest>

namespace cd::test {

SecretBytes secret(const char* text)
{
    QByteArray b(text);
    return SecretBytes::takeFrom(b);
}

TestVault::TestVault()
{
    Vault::CreateOptions o;
    o.dir = dir();
    o.clinicName = QStringLiteral("Test Clinic");
    o.kdf = KdfParams::forTestsOnly();
    auto created = Vault::create(o, secret(kPassphrase));
    if (!created)
        qFatal("cannot create test vault: %s", qPrintable(created.message()));
    m_vault = std::move(created->vault);
    m_recoveryKey = created->recoveryKey;
    // A clinic set up as the product asks before a subject-access report: its controller details.
    Transaction tx(m_vault->db());
    ClinicSettings::setDemoControllerInTransaction(m_vault->db());
    tx.commit();
}

Status TestVault::reopen(const char* passphrase, const QString& user)
{
    m_vault.reset();
    auto v = Vault::open(dir(), user, secret(passphrase));
    if (!v)
        return v.error();
    m_vault = std::move(v.value());
    return {};
}

qint64 TestVault::addClient(const QString& first, const QString& last, const QString& phone,
                            const QString& email)
{
    Client c;
    c.firstName = first;
    c.lastName = last;
    if (!phone.isEmpty())
        c.phones.append({QStringLiteral("mobile"), phone, QString()});
    if (!email.isEmpty())
        c.emails.append({QStringLiteral("personal"), email});
    auto id = ClientStore(db()).create(c);
    if (!id)
        qFatal("cannot add client: %s", qPrintable(id.message()));
    return id.value();
}

} // namespace cd::test
