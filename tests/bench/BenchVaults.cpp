#include "BenchVaults.h"

#include "CowVfs.h"
#include "Stats.h"
#include "clients/ClientStore.h"
#include "common/ClinicalSeal.h"
#include "demo/DemoGenerator.h"
#include "storage/Schema.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <mutex>
#include <thread>

namespace cd::bench {

namespace {

// Bump when the generator's output changes, or when a migration a cache may already have run changes
// before it ships, so stale cached vaults are generated again. A new schema version does not: the
// cache is upgraded in place by the program's own migrations, as a clinic's vault is, and the report
// says so with the upgrade's time (what a clinic waits at its first opening). Its indexes are then
// in the shape the migration left (a rebuilt index is denser than one its writers grew); bump this to
// measure the writers' shape again.
constexpr int kGeneratorStamp = 11; // 11: lots in proportion to the clinic (~380 records each); 10: at most
                                    // 10,000 galleries; 9: a controller address (reports need one); 8: titles
                                    // match first names; 7: search indexes compacted after the load

QJsonObject stampFor(const VaultSpec& spec)
{
    return QJsonObject{{QStringLiteral("clients"), spec.clients},
                       {QStringLiteral("seed"), QString::number(spec.seed)},
                       {QStringLiteral("interactions_per_client"), spec.interactionsPerClient},
                       {QStringLiteral("generator"), kGeneratorStamp},
                       {QStringLiteral("schema"), schema::latestVersion()}};
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

qint64 countOf(Database& db, const char* table)
{
    auto st = db.prepare(std::string("SELECT count(*) FROM ") + table);
    st.step();
    return st.int64(0);
}

// The plaintext twin: the same manager row Vault::create writes, then the same generator, so both
// databases hold the same rows.
Status generatePlain(const QString& path, const DemoOptions& options,
                     const std::function<void(int, int)>& progress, double& seconds)
{
    auto plain = Database::open(path, Database::Mode::Create, nullptr);
    if (!plain)
        return plain.error();
    if (auto st = schema::migrate(*plain.value()); !st)
        return st;
    // As Vault::create does: an empty vault's pending indexes are made at once.
    if (auto st = ClientStore(*plain.value()).rebuildSearchIndexesIfPending(); !st)
        return st;
    Stopwatch timer;
    const Status staff = guarded([&]() -> Status {
        plain.value()
            ->prepare("INSERT INTO staff (username, display_name, role, created_at) VALUES "
                      "('manager', 'Manager', 'manager', '2024-01-01T00:00:00Z')")
            .run();
        return {};
    });
    if (!staff)
        return staff;
    if (auto st = generateDemoData(*plain.value(), options, progress); !st)
        return st;
    seconds = timer.ms() / 1000;
    return {};
}

// Generates into `dir` (emptied first): the encrypted vault, the plaintext twin, the recovery key.
// The two are written at once, one per core: a million clients took 25 minutes each in turn.
Status generate(const QString& dir, const VaultSpec& spec, VaultPair& out, const VaultPair::Log& log)
{
    QDir(dir).removeRecursively();
    QDir().mkpath(dir);
    const DemoOptions options{spec.clients, spec.seed, spec.interactionsPerClient};
    std::mutex logLock;
    auto progress = [&](const char* which) {
        return [&log, &logLock, which](int done, int total) {
            if (done % 20000 == 0 || done == total) {
                const std::lock_guard<std::mutex> hold(logLock);
                log(QStringLiteral("  %1: %2 / %3 clients").arg(QLatin1String(which)).arg(done).arg(total));
            }
        };
    };
    Status plainStatus;
    std::thread plainThread([&] {
        plainStatus = generatePlain(dir + QStringLiteral("/plain.db"), options, progress("plain"),
                                    out.generateSecondsPlain);
    });
    const Status encStatus = [&]() -> Status {
        Vault::CreateOptions o;
        o.dir = dir + QStringLiteral("/enc");
        o.clinicName = QStringLiteral("Benchmark Clinic");
        // The slot's Argon2id cost does not matter here: the benchmark opens with the recovery key
        // and measures key derivation on its own with the calibrated parameters.
        o.kdf = KdfParams::forTestsOnly();
        QByteArray pass("benchmark-passphrase");
        auto created = Vault::create(o, SecretBytes::takeFrom(pass));
        if (!created)
            return created.error();
        Stopwatch encTimer;
        if (auto st = generateDemoData(created->vault->db(), options, progress("encrypted")); !st)
            return st;
        out.generateSecondsEnc = encTimer.ms() / 1000;
        // Fictional data; the key sits beside the cache so that reruns can open it.
        if (!writeFile(dir + QStringLiteral("/recovery-key.txt"), created->recoveryKey.toLatin1()))
            return makeError(Error::Kind::Io, QStringLiteral("cannot write the recovery key in %1").arg(dir));
        return {};
    }();
    plainThread.join();
    if (!encStatus)
        return encStatus;
    return plainStatus;
}

} // namespace

Result<std::unique_ptr<Database>> openDatabase(const QString& path, const SecretBytes* key)
{
    auto db = Database::open(path, Database::Mode::Open, key);
    if (!db)
        return db.error();
    if (auto st = schema::migrate(*db.value()); !st)
        return st.error();
    if (auto st = ClientStore(*db.value()).rebuildSearchIndexesIfPending(); !st)
        return st.error();
    return std::move(db.value());
}

Result<std::unique_ptr<VaultPair>> VaultPair::prepare(const QString& outDir, const VaultSpec& spec,
                                                      const Log& log)
{
    std::unique_ptr<VaultPair> pair(new VaultPair);
    const QString name =
        QStringLiteral("c%1-s%2-i%3").arg(spec.clients).arg(spec.seed).arg(spec.interactionsPerClient);
    const QString cache = outDir + QStringLiteral("/vaults/") + name;
    const QJsonObject wanted = stampFor(spec);
    const QJsonObject found =
        QJsonDocument::fromJson(readFile(cache + QStringLiteral("/stamp.json"))).object();
    const auto generatedAlike = [&] {
        for (auto it = wanted.constBegin(); it != wanted.constEnd(); ++it)
            if (it.key() != QLatin1String("schema") && found.value(it.key()) != it.value())
                return false;
        return true;
    };
    const int foundSchema = found.value(QStringLiteral("schema")).toInt();
    pair->reused = generatedAlike() && foundSchema > 0 && foundSchema <= schema::latestVersion();
    const bool upgrade = pair->reused && foundSchema < schema::latestVersion();
    if (!pair->reused) {
        log(QStringLiteral("Generating %1 clients (twice: encrypted and plain) in %2")
                .arg(spec.clients)
                .arg(cache));
        if (auto st = generate(cache, spec, *pair, log); !st)
            return st.error();
        // How long generation took is reported again when the cache is reused.
        writeFile(cache + QStringLiteral("/generated.json"),
                  QJsonDocument(QJsonObject{{QStringLiteral("encrypted_seconds"), pair->generateSecondsEnc},
                                            {QStringLiteral("plain_seconds"), pair->generateSecondsPlain}})
                      .toJson(QJsonDocument::Compact));
        // Written last: an interrupted generation is never mistaken for a finished one.
        if (!writeFile(cache + QStringLiteral("/stamp.json"),
                       QJsonDocument(wanted).toJson(QJsonDocument::Compact)))
            return makeError(Error::Kind::Io, QStringLiteral("cannot write %1/stamp.json").arg(cache));
    } else {
        log(QStringLiteral("Reusing the cached vaults in %1").arg(cache));
        const QJsonObject times =
            QJsonDocument::fromJson(readFile(cache + QStringLiteral("/generated.json"))).object();
        pair->generateSecondsEnc = times.value(QStringLiteral("encrypted_seconds")).toDouble();
        pair->generateSecondsPlain = times.value(QStringLiteral("plain_seconds")).toDouble();
        pair->upgradedFrom = times.value(QStringLiteral("upgraded_from_schema")).toInt();
        pair->upgradeSecondsEnc = times.value(QStringLiteral("upgrade_seconds_encrypted")).toDouble();
        pair->upgradeSecondsPlain = times.value(QStringLiteral("upgrade_seconds_plain")).toDouble();
        if (upgrade)
            log(QStringLiteral("Upgrading the cached vaults from schema %1 to %2 in place")
                    .arg(foundSchema)
                    .arg(schema::latestVersion()));
    }
    // The database key, from the recovery key (derived from it since key domains; the key itself in
    // a cache made before them).
    auto keys = Vault::keysFromRecoveryKey(
        cache + QStringLiteral("/enc"),
        QString::fromLatin1(readFile(cache + QStringLiteral("/recovery-key.txt"))));
    if (!keys)
        return makeError(
            Error::Kind::Damaged,
            QStringLiteral("%1/recovery-key.txt is missing or damaged (%2)").arg(cache, keys.message()));
    pair->m_key = std::move(keys->database);
    // The clinical key too, so the encrypted side opens photos and treatment records as a
    // practitioner's desk does (the sealing is part of what encryption costs).
    if (!keys->clinical.empty())
        pair->m_seal = std::make_shared<ClinicalSeal>(keys->clinicalPublic(), std::move(keys->clinical));
    // A cache made by an older schema is brought up to date once, by the program's own migrations
    // (tested from every earlier version), rather than generated again; then checkpointed so the
    // main files alone hold everything.
    for (const auto& [path, key] :
         {std::pair{cache + QStringLiteral("/enc/clinicdesk.db"),
                    static_cast<const SecretBytes*>(&pair->m_key)},
          std::pair{cache + QStringLiteral("/plain.db"), static_cast<const SecretBytes*>(nullptr)}}) {
        Stopwatch upgradeTimer;
        auto db = openDatabase(path, key);
        if (!db)
            return db.error();
        if (upgrade) {
            (key ? pair->upgradeSecondsEnc : pair->upgradeSecondsPlain) = upgradeTimer.ms() / 1000;
            pair->upgradedFrom = foundSchema;
        }
        if (auto st = guarded([&]() -> Status {
                db.value()->checkpointTruncate();
                return {};
            });
            !st)
            return st.error();
    }

    if (upgrade) {
        QJsonObject times =
            QJsonDocument::fromJson(readFile(cache + QStringLiteral("/generated.json"))).object();
        times.insert(QStringLiteral("upgraded_from_schema"), pair->upgradedFrom);
        times.insert(QStringLiteral("upgrade_seconds_encrypted"), pair->upgradeSecondsEnc);
        times.insert(QStringLiteral("upgrade_seconds_plain"), pair->upgradeSecondsPlain);
        writeFile(cache + QStringLiteral("/generated.json"),
                  QJsonDocument(times).toJson(QJsonDocument::Compact));
        if (!writeFile(cache + QStringLiteral("/stamp.json"),
                       QJsonDocument(wanted).toJson(QJsonDocument::Compact)))
            return makeError(Error::Kind::Io, QStringLiteral("cannot write %1/stamp.json").arg(cache));
    }

    pair->m_workDir = outDir + QStringLiteral("/work/") + name;
    QDir(pair->m_workDir).removeRecursively();
    QDir().mkpath(pair->m_workDir);
    pair->m_encPath = pair->m_workDir + QStringLiteral("/clinicdesk.db");
    pair->m_plainPath = pair->m_workDir + QStringLiteral("/plain.db");
    // Generation ends with a truncating checkpoint, so the main files alone hold everything: the
    // work copies are copy-on-write copies of them (CowVfs.h), which the cache never sees written.
    if (auto st = cow::make(cache + QStringLiteral("/enc/clinicdesk.db"), pair->m_encPath); !st)
        return st.error();
    if (auto st = cow::make(cache + QStringLiteral("/plain.db"), pair->m_plainPath); !st)
        return st.error();
    pair->bytesEnc = QFileInfo(pair->m_encPath).size();
    pair->bytesPlain = QFileInfo(pair->m_plainPath).size();
    if (auto st = pair->reopen(); !st)
        return st.error();
    const Status counted = guarded([&]() -> Status {
        pair->interactions = countOf(pair->enc(), "interactions");
        pair->images = countOf(pair->enc(), "images");
        if (countOf(pair->plain(), "interactions") != pair->interactions ||
            countOf(pair->plain(), "clients") != countOf(pair->enc(), "clients"))
            return makeError(Error::Kind::Failed, QStringLiteral("the encrypted and plain vaults differ"));
        return {};
    });
    if (!counted)
        return counted.error();
    return pair;
}

VaultPair::~VaultPair()
{
    close();
}

void VaultPair::close()
{
    m_enc.reset();
    m_plain.reset();
}

Status VaultPair::reopen()
{
    close();
    auto enc = openDatabase(m_encPath, &m_key);
    if (!enc)
        return enc.error();
    auto plain = openDatabase(m_plainPath, nullptr);
    if (!plain)
        return plain.error();
    m_enc = std::move(enc.value());
    m_enc->setClinical(m_seal);
    m_plain = std::move(plain.value());
    return {};
}

qint64 VaultPair::writtenBytes() const
{
    return cow::allocatedBytes(m_encPath) + cow::allocatedBytes(m_plainPath);
}

void VaultPair::removeWorkCopies()
{
    close();
    cow::remove(m_encPath);
    cow::remove(m_plainPath);
    QDir(m_workDir).removeRecursively();
}

} // namespace cd::bench
