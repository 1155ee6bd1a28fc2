// A backup file comes back from a USB stick, a NAS or an email years later: any bytes at all. This
// feeds them to restoreBackup() (core/backup: BackupFile parsing, checksum, HMAC, keyring, the
// database opened and integrity-checked in a staging folder, the erasure ledger) with a live vault
// in place, the way `clinicdesk-cli restore` does.
//
// A random mutation almost never survives the SHA-256 and the HMAC, so each input is restored twice:
//   1. exactly as given;
//   2. re-signed: its sections (as far as they parse) written again by backup::Writer under the key
//      of the seed vault, so that changed META, KRNG, LDGR and DBSE bytes reach the keyring MAC,
//      SQLCipher, integrity_check and the ledger.
// Beyond not crashing, leaking or invoking UB:
//   - a refusal explains itself and leaves the live vault byte for byte as it was, with no staging
//     folder beside it;
//   - an accepted backup leaves a vault that opens with the key and passes integrity_check, and the
//     previous vault kept aside whole. (The live vault is then put back for the next input.)
//
// The seed vault's recovery key is in tests/fuzz/corpus-keys/backup.key: a fuzzing fixture with
// made-up clients, nothing else opens with it.
// CLINICDESK_FUZZ_VERBOSE=1 prints what each restore said (to triage a corpus).
// CLINICDESK_FUZZ_WRITE_SEEDS=DIR fuzz_backup_restore  makes a fresh seed vault, writes its backup and
// variants into DIR and its recovery key into DIR/../../corpus-keys/backup.key, and exits
// (tests/fuzz/make-seeds).
#include "Files.h"
#include "backup/Backup.h"
#include "backup/BackupFile.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "privacy/Erasure.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtEndian>
#include <cstdio>
#include <cstdlib>

#ifndef CLINICDESK_FUZZ_DIR
#error "CLINICDESK_FUZZ_DIR (tests/fuzz in the source tree) is set by tests/fuzz/CMakeLists.txt"
#endif

namespace {

const QString kFuzzDir = QStringLiteral(CLINICDESK_FUZZ_DIR);
const char* const kPassphrase = "fuzzing seed passphrase";

QString g_root;     // temporary folder: live vault, pristine copy, input file
QString g_live;     // the vault a restore would replace
QString g_pristine; // its files, to put it back after an accepted restore
QString g_input;
QString g_recoveryKey;
cd::SecretBytes* g_key = nullptr;
QMap<QString, QByteArray> g_liveFiles;

[[noreturn]] void fail(const char* what, const QString& detail = {})
{
    std::fprintf(stderr, "fuzz_backup_restore: %s %s\n", what, qPrintable(detail));
    std::abort();
}

cd::SecretBytes secret(const char* text)
{
    QByteArray b(text);
    return cd::SecretBytes::takeFrom(b);
}

QStringList siblings()
{
    return QDir(g_root).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
}

// Every file of the vault, byte for byte (Files.h's snapshot leaves out the sign-in throttle file).
QMap<QString, QByteArray> liveFiles()
{
    QMap<QString, QByteArray> out;
    for (const QFileInfo& fi : QDir(g_live).entryInfoList(QDir::Files | QDir::Hidden | QDir::System))
        out.insert(fi.fileName(), cd::test::readAll(fi.filePath()));
    return out;
}

void writeSeeds(const QString& dir)
{
    using namespace cd;
    QDir().mkpath(dir);
    QTemporaryDir tmp;
    Vault::CreateOptions o;
    o.dir = QDir(tmp.path()).filePath(QStringLiteral("vault"));
    o.clinicName = QStringLiteral("Fuzz Clinic");
    o.kdf = KdfParams::forTestsOnly(); // cheap Argon2id: the passphrase path is fuzzed too
    auto created = Vault::create(o, secret(kPassphrase));
    if (!created)
        fail("cannot create the seed vault:", created.message());
    Vault& v = *created->vault;
    if (!v.addSlot(QStringLiteral("reception"), secret(kPassphrase), KdfParams::forTestsOnly(),
                   KeyScope::FrontDesk))
        fail("cannot add a second slot");
    ClientStore clients(v.db());
    qint64 ids[3] = {};
    const char* people[][3] = {{"Amara", "Okafor", "07700 900123"},
                               {"Zoë", "O'Brien", "07700 900456"},
                               {"Siobhán", "Walsh", "020 7946 0018"}};
    for (int i = 0; i < 3; ++i) {
        Client c;
        c.firstName = QString::fromUtf8(people[i][0]);
        c.lastName = QString::fromUtf8(people[i][1]);
        c.phones.append({QStringLiteral("mobile"), QString::fromUtf8(people[i][2]), QString()});
        ids[i] = clients.create(c).value();
    }
    Interaction note;
    note.clientId = ids[0];
    note.body = QStringLiteral("Asked about lip filler prices, call back Thursday");
    (void)InteractionStore(v.db()).add(note).value();
    const QString ref = clients.get(ids[2])->subjectRef;
    if (!Erasure(v.db()).erase(ids[2], QStringLiteral("Siobhán Walsh"), 0, 1) || !v.recordErasure(ref))
        fail("cannot erase the seed client");
    v.db().exec("VACUUM");
    const QString full = QDir(dir).filePath(QStringLiteral("seed.cdbackup"));
    auto made = makeBackup(v, full);
    if (!made)
        fail("cannot make the seed backup:", made.message());
    const QByteArray bytes = test::readAll(full);
    test::writeAll(QDir(dir).filePath(QStringLiteral("truncated-half.cdbackup")),
                   bytes.left(bytes.size() / 2));
    test::writeAll(QDir(dir).filePath(QStringLiteral("truncated-header.cdbackup")), bytes.left(30));
    QByteArray flipped = bytes;
    flipped[flipped.size() / 3] = char(flipped.at(flipped.size() / 3) ^ 0x10);
    test::writeAll(QDir(dir).filePath(QStringLiteral("bit-flipped.cdbackup")), flipped);
    QByteArray version = bytes.left(64); // refused on its header: the rest need not be there
    version[11] = 2;
    test::writeAll(QDir(dir).filePath(QStringLiteral("version-2.cdbackup")), version);
    const QString keys = QDir(dir).filePath(QStringLiteral("../../corpus-keys"));
    QDir().mkpath(keys);
    test::writeAll(QDir(keys).filePath(QStringLiteral("backup.key")), created->recoveryKey.toLatin1() + '\n');
    std::fprintf(stderr, "fuzz_backup_restore: %lld-byte seed backup written\n",
                 static_cast<long long>(bytes.size()));
}

void putLiveVaultBack()
{
    QDir(g_live).removeRecursively();
    if (!cd::test::copyFolder(g_pristine, g_live))
        fail("cannot put the live vault back");
    for (const QString& d : siblings())
        if (d != QLatin1String("live") && d != QLatin1String("pristine"))
            QDir(QDir(g_root).filePath(d)).removeRecursively();
}

// Section by section as far as the bytes go; the container's own SUM_ and HMAC are dropped.
QList<std::pair<QByteArray, QByteArray>> looseSections(const QByteArray& bytes)
{
    QList<std::pair<QByteArray, QByteArray>> out;
    if (!bytes.startsWith(QByteArray(cd::backup::kMagic, 8)))
        return out;
    qsizetype at = 12;
    while (at + 12 <= bytes.size()) {
        const QByteArray tag = bytes.mid(at, 4);
        const quint64 length = qFromBigEndian<quint64>(bytes.constData() + at + 4);
        at += 12;
        if (length > quint64(bytes.size() - at))
            break;
        if (tag != "SUM_" && tag != "HMAC")
            out.append({tag, bytes.mid(at, qsizetype(length))});
        at += qsizetype(length);
    }
    return out;
}

QByteArray resigned(const QByteArray& bytes)
{
    const auto sections = looseSections(bytes);
    if (sections.isEmpty())
        return {};
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    cd::backup::Writer w(buffer, *g_key);
    for (const auto& [tag, body] : sections)
        if (!w.section(tag.constData(), body))
            fail("the writer failed in memory");
    if (!w.finish())
        fail("the writer failed in memory");
    return out;
}

void restore(const QByteArray& backup, bool withPassphrase)
{
    cd::test::writeAll(g_input, backup);
    cd::RestoreOptions o;
    o.vaultDir = g_live;
    o.backupPath = g_input;
    const cd::SecretBytes pass = secret(kPassphrase);
    if (withPassphrase) {
        o.user = QStringLiteral("manager");
        o.passphrase = &pass;
    } else {
        o.recoveryKey = g_recoveryKey;
    }
    auto r = cd::restoreBackup(o);
    static const bool verbose = qEnvironmentVariableIsSet("CLINICDESK_FUZZ_VERBOSE");
    if (verbose)
        std::fprintf(stderr, "%s, %s: %s\n", withPassphrase ? "passphrase" : "recovery key",
                     r ? "restored" : "refused", r ? "" : qPrintable(r.message()));
    if (!r) {
        if (r.message().isEmpty())
            fail("a refusal without a message");
        if (liveFiles() != g_liveFiles)
            fail("a refused restore changed the live vault:", r.message());
        if (siblings() != QStringList{QStringLiteral("live"), QStringLiteral("pristine")})
            fail("a refused restore left a folder behind:", siblings().join(QLatin1Char(' ')));
        return;
    }
    // Accepted: the vault now in place opens and is whole, and the one before it was kept aside as it was.
    {
        auto v = cd::Vault::openWithRecoveryKey(g_live, g_recoveryKey);
        if (!v)
            fail("an accepted backup does not open:", v.message());
        auto check = v.value()->db().prepare("PRAGMA integrity_check");
        if (!check.step() || check.text(0) != QLatin1String("ok"))
            fail("an accepted backup fails integrity_check");
    }
    const QString aside = r->keptAside;
    if (aside.isEmpty() || !QDir(aside).exists())
        fail("the replaced vault was not kept aside");
    const QString before = g_live;
    g_live = aside;
    const bool keptWhole = liveFiles() == g_liveFiles;
    g_live = before;
    if (!keptWhole)
        fail("the vault kept aside differs from the one replaced");
    putLiveVaultBack();
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    if (const QByteArray seeds = qgetenv("CLINICDESK_FUZZ_WRITE_SEEDS"); !seeds.isEmpty()) {
        writeSeeds(QString::fromLocal8Bit(seeds));
        std::exit(0);
    }
    if (!cd::sodiumReady())
        fail("libsodium does not start");
    g_recoveryKey =
        QString::fromLatin1(cd::test::readAll(kFuzzDir + QStringLiteral("/corpus-keys/backup.key")))
            .trimmed();
    g_key = new cd::SecretBytes(cd::Vault::parseRecoveryKey(g_recoveryKey));
    if (g_key->empty())
        fail("no recovery key in tests/fuzz/corpus-keys/backup.key");
    // /dev/shm when there is one: every input is written to disk and a restore writes a staging copy.
    static QTemporaryDir tmp(QDir(QStringLiteral("/dev/shm")).exists()
                                 ? QStringLiteral("/dev/shm/fuzz_backup_XXXXXX")
                                 : QDir::tempPath() + QStringLiteral("/fuzz_backup_XXXXXX"));
    g_root = QDir(tmp.path()).filePath(QStringLiteral("vaults"));
    QDir().mkpath(g_root);
    g_live = QDir(g_root).filePath(QStringLiteral("live"));
    g_pristine = QDir(g_root).filePath(QStringLiteral("pristine"));
    g_input = QDir(tmp.path()).filePath(QStringLiteral("input.cdbackup"));
    // The live vault is the seed backup restored by the code under test, into an empty folder.
    cd::RestoreOptions o;
    o.vaultDir = g_live;
    o.backupPath = kFuzzDir + QStringLiteral("/corpus/backup/seed.cdbackup");
    o.recoveryKey = g_recoveryKey;
    if (auto r = cd::restoreBackup(o); !r)
        fail("cannot restore the seed backup:", r.message());
    if (!cd::test::copyFolder(g_live, g_pristine))
        fail("cannot copy the live vault");
    g_liveFiles = liveFiles();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char*>(data), qsizetype(size));
    // One input in four also takes the passphrase path (the backup's and the live keyring's slots).
    const bool passphrase = size % 4 == 1;
    restore(bytes, passphrase);
    if (const QByteArray again = resigned(bytes); !again.isEmpty())
        restore(again, passphrase);
    return 0;
}
