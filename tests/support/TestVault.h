#pragma once

#include "clients/Client.h"
#include "vault/Vault.h"

#include <QTemporaryDir>
#include <memory>

namespace cd::test {

inline const char* const kPassphrase = "correct horse battery staple";

SecretBytes secret(const char* text);

// A real encrypted vault in a temporary folder, made with small Argon2id parameters so tests run
// fast (the product itself always calibrates).
class TestVault
{
public:
    TestVault();
    QString dir() const { return m_tmp.path() + QStringLiteral("/vault"); }
    Vault& vault() { return *m_vault; }
    Database& db() { return m_vault->db(); }
    const QString& recoveryKey() const { return m_recoveryKey; }
    void close() { m_vault.reset(); }
    // Closes and opens again with a passphrase; on success the fixture holds the new vault.
    Status reopen(const char* passphrase = kPassphrase, const QString& user = QStringLiteral("manager"));
    qint64 addClient(const QString& first, const QString& last, const QString& phone = {},
                     const QString& email = {});
    QString root() const { return m_tmp.path(); }

private:
    QTemporaryDir m_tmp;
    std::unique_ptr<Vault> m_vault;
    QString m_recoveryKey;
};

} // namespace cd::test
