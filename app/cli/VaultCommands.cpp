// init, demo, verify, keys: the vault's life cycle from the command line.
#include "accounts/Roster.h"
#include "audit/AuditLog.h"
#include "cli/Cli.h"
#include "cli/Terminal.h"
#include "common/Durable.h"
#include "common/Text.h"
#include "demo/DemoGenerator.h"
#include "forms/Forms.h"
#include "privacy/Erasure.h"
#include "server/DeskConnection.h"
#include "storage/Schema.h"
#include "storage/Sql.h"
#include "vault/Keyring.h"
#include "vault/Vault.h"

#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace cd::cli {

namespace {

const QCommandLineOption
    kRecoveryOut(QStringLiteral("recovery-key-out"),
                 QStringLiteral("Write the recovery key to FILE (0600) instead of stdout."),
                 QStringLiteral("FILE"));
const QCommandLineOption kClinic(QStringLiteral("clinic-name"), QStringLiteral("The clinic's name."),
                                 QStringLiteral("NAME"), QStringLiteral("My clinic"));

Result<Vault::Created> createVault(Context& ctx, const QCommandLineParser& p, const QString& clinicName)
{
    if (Vault::exists(p.value(QStringLiteral("vault"))))
        return makeError(Error::Kind::Conflict,
                         QStringLiteral("A vault already exists in %1. Open it, or choose an empty folder.")
                             .arg(p.value(QStringLiteral("vault"))));
    const SecretBytes pass =
        passphrase(QStringLiteral("New passphrase for %1: ").arg(p.value(QStringLiteral("user"))), true);
    if (pass.empty())
        return makeError(
            Error::Kind::Invalid,
            QStringLiteral(
                "No passphrase (or the two did not match): set CLINICDESK_PASSPHRASE or run in a terminal."));
    Vault::CreateOptions o;
    o.dir = p.value(QStringLiteral("vault"));
    o.username = p.value(QStringLiteral("user"));
    o.displayName = o.username == QLatin1String("manager") ? QStringLiteral("Manager") : o.username;
    o.clinicName = clinicName;
    ctx.err() << "Tuning the key derivation for this machine..." << Qt::endl;
    o.kdf = KdfParams::calibrated();
    return Vault::create(o, pass);
}

Status writeRecoveryKey(const QString& path, const QString& key)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
        return makeError(Error::Kind::Io, QStringLiteral("Cannot write %1: %2").arg(path, f.errorString()));
    f.write(key.toLatin1() + '\n');
    if (QString why; !files::commit(f, &why))
        return makeError(Error::Kind::Io, QStringLiteral("Cannot write %1: %2").arg(path, why));
    return {};
}

} // namespace

int cmdInit(Context& ctx)
{
    QCommandLineParser p;
    if (!ctx.parse(p, {kRecoveryOut, kClinic}))
        return ctx.parseExitCode();
    auto created = createVault(ctx, p, p.value(kClinic));
    if (!created)
        return ctx.fail(created.error());
    const QString key = created->recoveryKey;
    if (p.isSet(kRecoveryOut)) {
        if (auto st = writeRecoveryKey(p.value(kRecoveryOut), key); !st)
            return ctx.fail(st.error());
        ctx.err() << "Vault created in " << p.value(QStringLiteral("vault")) << ". Recovery key written to "
                  << p.value(kRecoveryOut)
                  << ": print it, keep it in the clinic's safe, then delete the file.\n";
    } else {
        ctx.err() << "Vault created. This is the recovery key, shown once: keep it in the clinic's safe.\n"
                     "It is the only way in if every passphrase is lost.\n";
        ctx.out() << key << '\n';
    }
    return 0;
}

int cmdDemo(Context& ctx)
{
    const QCommandLineOption clientsOpt(QStringLiteral("clients"), QStringLiteral("How many clients to add."),
                                        QStringLiteral("N"), QStringLiteral("200"));
    const QCommandLineOption seedOpt(QStringLiteral("seed"),
                                     QStringLiteral("Random seed (same seed, same people)."),
                                     QStringLiteral("S"), QStringLiteral("1"));
    const QCommandLineOption perClient(QStringLiteral("interactions"),
                                       QStringLiteral("Average interactions per client."),
                                       QStringLiteral("N"), QStringLiteral("3"));
    QCommandLineParser p;
    if (!ctx.parse(p, {clientsOpt, seedOpt, perClient, kRecoveryOut}))
        return ctx.parseExitCode();
    bool okN = false, okS = false, okI = false;
    DemoOptions o;
    o.clients = p.value(clientsOpt).toInt(&okN);
    o.seed = p.value(seedOpt).toULongLong(&okS);
    o.interactionsPerClient = p.value(perClient).toInt(&okI);
    if (!okN || o.clients < 0 || o.clients > 10000000 || !okS || !okI || o.interactionsPerClient < 0)
        return ctx.fail(
            QStringLiteral("--clients, --seed and --interactions take whole numbers (e.g. --clients 500)."));

    std::unique_ptr<Vault> vault;
    const QString dir = p.value(QStringLiteral("vault"));
    if (Vault::exists(dir)) {
        auto opened = ctx.openVault(p);
        if (!opened)
            return ctx.fail(opened.error());
        vault = std::move(opened.value());
    } else {
        auto created = createVault(ctx, p, QStringLiteral("Demo Aesthetics Clinic"));
        if (!created)
            return ctx.fail(created.error());
        if (p.isSet(kRecoveryOut)) {
            if (auto st = writeRecoveryKey(p.value(kRecoveryOut), created->recoveryKey); !st)
                return ctx.fail(st.error());
        } else {
            ctx.err() << "Demo vault created; its recovery key: " << created->recoveryKey << '\n';
        }
        vault = std::move(created->vault);
    }
    const Status st = generateDemoData(vault->db(), o, [&](int done, int total) {
        ctx.err() << "\rAdding demo clients: " << done << " / " << total << Qt::flush;
    });
    ctx.err() << '\n';
    if (!st)
        return ctx.fail(st.error());
    ctx.out() << "Added " << o.clients << " demo clients to " << dir << '\n';
    return 0;
}

namespace {

// `verify` on a desk folder: the clinic server as this desk and this login reach it.
int verifyDesk(Context& ctx, const QCommandLineParser& p)
{
    auto desk = server::Desk::load(p.value(QStringLiteral("vault")));
    if (!desk)
        return ctx.fail(desk.error());
    const QString user = p.value(QStringLiteral("user"));
    const SecretBytes pass = passphrase(QStringLiteral("Passphrase for %1: ").arg(user));
    if (pass.empty())
        return ctx.fail(QStringLiteral("No passphrase: set CLINICDESK_PASSPHRASE or run in a terminal."));
    auto conn = server::DeskConnection::open(desk.value(), user, pass);
    if (!conn)
        return ctx.fail(conn.error());
    QTextStream& out = ctx.out();
    bool allOk = true;
    out << "server: " << desk->address() << ", database " << desk->database << ", desk " << desk->name << ", "
        << conn.value()->tlsVersion() << " (" << conn.value()->cipher()
        << "), the server's certificate checked against the clinic's CA\n";
    auto bytes = conn.value()->keyring();
    auto ring = bytes ? Keyring::parse(bytes.value()) : Result<Keyring>(bytes.error());
    if (!ring) {
        allOk = false;
        out << "keyring: UNREADABLE (" << ring.message() << ")\n";
    } else {
        const bool opens = ring->unwrap(user, pass).ok();
        allOk = allOk && opens;
        out << "keyring: " << text::count(ring->slots().size(), "key slot", "key slots") << ", signature ok; "
            << (opens ? QStringLiteral("%1's slot opens").arg(user)
                      : QStringLiteral("%1's slot DOES NOT OPEN").arg(user))
            << '\n';
    }
    auto entries = conn.value()->auditEntries();
    auto rewrite = conn.value()->mayRewriteAuditLog();
    if (!entries || !rewrite) {
        allOk = false;
        out << "audit log: UNREADABLE (" << (!entries ? entries.message() : rewrite.message()) << ")\n";
    } else {
        allOk = allOk && !rewrite.value();
        out << "audit log: " << text::count(entries.value(), "entry", "entries") << ", "
            << (rewrite.value() ? "THIS LOGIN MAY CHANGE IT" : "append-only for this login") << '\n';
    }
    out << (allOk ? "desk ok\n" : "DESK NOT OK\n");
    out.flush();
    return allOk ? 0 : 1;
}

} // namespace

int cmdVerify(Context& ctx)
{
    QCommandLineParser p;
    if (!ctx.parse(p, {}))
        return ctx.parseExitCode();
    if (server::Desk::isDeskFolder(p.value(QStringLiteral("vault"))))
        return verifyDesk(ctx, p);
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    Vault& v = *vault.value();
    QTextStream& out = ctx.out();
    bool allOk = true;
    out << "keyring: ok (" << text::count(v.keyring().slots().size(), "key slot", "key slots") << ":";
    for (const KeySlot& s : v.keyring().slots())
        out << ' ' << s.user << " [Argon2id " << s.kdf.memLimit / (1024 * 1024) << " MiB, " << s.kdf.opsLimit
            << " passes" << (s.kdf.meetsFloor() ? "" : ", BELOW OWASP FLOOR") << ']';
    out << "); signature ok\n";
    QFile db(v.databasePath());
    const bool plainHeader = db.open(QIODevice::ReadOnly) && db.read(16).startsWith("SQLite format 3");
    allOk = allOk && !plainHeader;
    const Status checks = guarded([&]() -> Status {
        out << "encryption: SQLCipher " << v.db().pragma("cipher_version") << ", page size "
            << v.db().pragma("cipher_page_size") << ", file header "
            << (plainHeader ? "PLAINTEXT — NOT ENCRYPTED" : "encrypted") << '\n';
        const int version = schema::currentVersion(v.db());
        out << "schema: version " << version << " of " << schema::latestVersion() << '\n';
        auto st = v.db().prepare("PRAGMA integrity_check");
        QStringList problems;
        while (st.step())
            problems << st.text(0);
        const bool intact = problems == QStringList{QStringLiteral("ok")};
        allOk = allOk && intact;
        // A damaged file is read, never written: not even this session's sign-in goes into it.
        if (!intact)
            markDamaged(v.db().handle());
        out << "integrity_check: " << (intact ? QStringLiteral("ok") : problems.join(QStringLiteral("; ")))
            << '\n';
        auto fk = v.db().prepare("PRAGMA foreign_key_check");
        const bool fkOk = !fk.step();
        allOk = allOk && fkOk;
        out << "foreign_key_check: " << (fkOk ? "ok" : "FAILED") << '\n';
        return {};
    });
    if (!checks) {
        markDamaged(v.db().handle());
        out << "checks stopped: " << checks.message() << '\n' << "VAULT DAMAGED: restore from a backup\n";
        out.flush();
        return 1;
    }
    // From here on a check that cannot read its pages says so and the others still run: the report
    // is what someone restoring from a backup needs.
    auto signedRoster = roster::check(v.db());
    if (!signedRoster) {
        allOk = false;
        out << "roster: UNREADABLE (" << signedRoster.message() << ")\n";
    } else
        switch (signedRoster->state) {
        case roster::State::NotSigned:
            out << "roster: not signed (a vault from before key domains; a re-key gives it a signed "
                   "roster)\n";
            break;
        case roster::State::Signed:
            allOk = allOk && signedRoster->differences.isEmpty();
            out << "roster: signed by " << signedRoster->signedBy << " at " << signedRoster->signedAt << " ("
                << text::count(signedRoster->entries.size(), "account", "accounts") << ")";
            if (!signedRoster->differences.isEmpty())
                out << "; STAFF TABLE CHANGED OUTSIDE CLINICDESK: "
                    << signedRoster->differences.join(QStringLiteral("; "))
                    << " (the signed roster counts; check, then `staff sign`)";
            out << '\n';
            break;
        case roster::State::Missing:
        case roster::State::Invalid:
            allOk = false;
            out << "roster: "
                << (signedRoster->state == roster::State::Missing ? "MISSING" : "SIGNATURE DOES NOT MATCH")
                << " (only managers can sign in: check the accounts with `staff list`, then `staff sign`)\n";
            break;
        }
    const auto head = v.recordedAuditHead();
    auto chain = AuditLog(v.db()).verify(head ? head->first : 0, head ? head->second : QString());
    if (!chain) {
        out << "audit chain: UNREADABLE (" << chain.message() << ")\n";
        out << "VAULT DAMAGED: restore from a backup\n";
        out.flush();
        return 1;
    }
    if (!head)
        chain->anchorProblems << head.message();
    allOk = allOk && chain->intact && chain->anchored();
    out << "audit chain: "
        << (chain->intact ? QStringLiteral("intact (%1 entries)").arg(chain->entries)
                          : QStringLiteral("BROKEN at %1: %2").arg(chain->firstBrokenId).arg(chain->problem))
        << '\n';
    out << "audit anchors: ";
    if (!chain->anchored()) {
        out << "TAMPERED: " << chain->anchorProblems.join(QStringLiteral("; ")) << '\n';
    } else {
        out << "ok (ids without gaps; append-only triggers in place; ";
        if (!chain->signing)
            out << "no signed checkpoints: a vault from before key domains, re-key it to have them; ";
        else if (chain->checkpoints == 0)
            out << "no manager has written to the log yet; ";
        else
            out << text::count(chain->checkpoints, "signed checkpoint", "signed checkpoints")
                << ", the last at entry " << chain->lastCheckpointEntry << " by " << chain->lastCheckpointBy
                << " on " << chain->lastCheckpointAt << ", " << chain->sinceLastCheckpoint
                << " entries since; ";
        out << (chain->headChecked
                    ? QStringLiteral("the head recorded when the vault last closed, entry %1, is in the log)")
                          .arg(head->first)
                    : QStringLiteral("no head recorded yet)"))
            << '\n';
    }
    // Signed forms against the audit entries that recorded them: one put in, swapped or deleted
    // outside Clinicdesk. A client erased, or whose forms' years passed, takes their forms away.
    QSet<QString> gone;
    if (auto erased = Erasure::erasedSubjects(v.db()))
        for (const auto& [subject, at] : erased.value())
            gone.insert(subject);
    const Status read = guarded([&]() -> Status {
        gone.unite(AuditLog::subjectsOfInTransaction(v.db(), QStringLiteral("retention-erased")));
        return {};
    });
    auto forms = read ? Forms(v.db()).checkAgainstAuditLog(gone) : Result<Forms::AuditCheck>(read.error());
    if (!forms) {
        allOk = false;
        out << "forms: UNREADABLE (" << forms.message() << ")\n";
    } else {
        allOk = allOk && forms->problems.isEmpty();
        out << "forms: "
            << (forms->problems.isEmpty()
                    ? QStringLiteral("ok (%1, each as the audit log recorded it)")
                          .arg(text::count(forms->forms, "signed form", "signed forms"))
                    : QStringLiteral("TAMPERED: %1").arg(forms->problems.join(QStringLiteral("; "))))
            << '\n';
    }
    // Found damaged or tampered with: nothing of this session goes into it (it stays as evidence).
    if (!allOk)
        markDamaged(v.db().handle());
    out << (allOk ? "vault ok\n" : "VAULT DAMAGED: restore from a backup\n");
    out.flush();
    return allOk ? 0 : 1;
}

int cmdKeys(Context& ctx)
{
    const QCommandLineOption keyEnvOpt(QStringLiteral("recovery-key-env"),
                                       QStringLiteral("Environment variable holding the recovery key."),
                                       QStringLiteral("VAR"));
    QCommandLineParser p;
    if (!ctx.parse(p, {keyEnvOpt}))
        return ctx.parseExitCode();
    if (!p.isSet(keyEnvOpt))
        return ctx.fail(QStringLiteral("--recovery-key-env VAR is required: the raw keys come from the "
                                       "recovery key only, never from a staff passphrase."));
    const QString var = p.value(keyEnvOpt);
    QByteArray text = qgetenv(var.toLocal8Bit().constData());
    qunsetenv(var.toLocal8Bit().constData());
    if (text.trimmed().isEmpty())
        return ctx.fail(
            QStringLiteral("The environment variable %1 is empty or not set: it must hold the recovery key.")
                .arg(var));
    const QString dir = p.value(QStringLiteral("vault"));
    const QString typed = QString::fromLatin1(text);
    wipe(text);
    auto keys = Vault::rawKeys(dir, typed);
    if (!keys)
        return ctx.fail(keys.error());
    // Who asked is in the log: the recovery key's holder, that day.
    auto vault = Vault::openWithRecoveryKey(dir, typed);
    if (!vault)
        return ctx.fail(vault.error());
    if (auto st = AuditLog(vault.value()->db()).append(QStringLiteral("raw-keys-shown")); !st)
        return ctx.fail(st.error());
    for (const auto& [file, hex] : keys.value())
        ctx.out() << file << ' ' << hex << '\n';
    ctx.out().flush();
    return 0;
}

} // namespace cd::cli
