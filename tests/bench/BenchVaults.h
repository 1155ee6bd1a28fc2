#pragma once

#include "common/Result.h"
#include "common/Secret.h"

#include <QString>
#include <functional>
#include <memory>

namespace cd {
class Database;
}

namespace cd {
class ClinicalSeal;
}

namespace cd::bench {

struct VaultSpec
{
    int clients = 1000;
    quint64 seed = 8;
    int interactionsPerClient = 10;
};

// The same generated clinic twice: an encrypted vault (SQLCipher, raw key) and a plaintext
// database written by the same code. Generation is slow at 100,000 clients, so both are kept
// under <out>/vaults/ with a stamp of the parameters and reused; every run measures on fresh
// copy-on-write copies under <out>/work/ (CowVfs.h), because the measurements write (interactions,
// images, imports, erasures) and a rerun must start from the same data.
class VaultPair
{
public:
    using Log = std::function<void(const QString&)>;
    static Result<std::unique_ptr<VaultPair>> prepare(const QString& outDir, const VaultSpec& spec,
                                                      const Log& log);
    ~VaultPair();
    Q_DISABLE_COPY_MOVE(VaultPair)

    Database& enc() { return *m_enc; }
    Database& plain() { return *m_plain; }
    Database& db(bool encrypted) { return encrypted ? *m_enc : *m_plain; }
    const SecretBytes& key() const { return m_key; }
    QString path(bool encrypted) const { return encrypted ? m_encPath : m_plainPath; }
    // Closes both connections (the open measurement and the memory child open them themselves).
    void close();
    Status reopen();
    // What the run wrote into the work copies (both), in bytes on disk.
    qint64 writtenBytes() const;
    // Deletes the work copies (the cache stays).
    void removeWorkCopies();

    double generateSecondsEnc = 0;
    double generateSecondsPlain = 0;
    bool reused = false;
    // A cache from an earlier schema, upgraded in place by the program's migrations: from which
    // version (0: generated at this one) and how long each database took.
    int upgradedFrom = 0;
    double upgradeSecondsEnc = 0;
    double upgradeSecondsPlain = 0;
    qint64 interactions = 0;
    qint64 images = 0;
    qint64 bytesEnc = 0;
    qint64 bytesPlain = 0;

private:
    VaultPair() = default;
    SecretBytes m_key;
    std::shared_ptr<const ClinicalSeal> m_seal;
    QString m_encPath, m_plainPath, m_workDir;
    std::unique_ptr<Database> m_enc, m_plain;
};

// Opens an existing database the way the program does after the key is derived: the checked
// open (cipher settings read back, WAL ...) and the schema check. key == nullptr: plaintext.
Result<std::unique_ptr<Database>> openDatabase(const QString& path, const SecretBytes* key);

} // namespace cd::bench
