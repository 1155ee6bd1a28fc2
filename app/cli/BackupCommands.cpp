// backup, restore: the vault's safety net from the command line.
#include "backup/Backup.h"
#include "cli/Cli.h"
#include "cli/Terminal.h"
#include "common/Text.h"
#include "vault/Vault.h"

#include <QFileInfo>

namespace cd::cli {

int cmdBackup(Context& ctx)
{
    const QCommandLineOption outOpt(QStringLiteral("out"),
                                    QStringLiteral("The backup file to write (replaced atomically)."),
                                    QStringLiteral("FILE"));
    QCommandLineParser p;
    if (!ctx.parse(p, {outOpt}))
        return ctx.parseExitCode();
    if (p.value(outOpt).isEmpty())
        return ctx.fail(QStringLiteral("--out FILE is required."));
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    auto made = makeBackup(*vault.value(), p.value(outOpt));
    if (!made)
        return ctx.fail(made.error());
    ctx.out()
        << "Backup written to " << made->path << " ("
        << QString::number(double(made->bytes) / (1024 * 1024), 'f', 1)
        << " MiB, encrypted). It holds the managers' keys only: restoring it needs a manager's passphrase "
           "of today or the recovery key.\n";
    return 0;
}

int cmdRestore(Context& ctx)
{
    const QCommandLineOption fromOpt(QStringLiteral("from"), QStringLiteral("The backup file."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption keyEnvOpt(QStringLiteral("recovery-key-env"),
                                       QStringLiteral("Read the recovery key from environment variable VAR."),
                                       QStringLiteral("VAR"));
    QCommandLineParser p;
    if (!ctx.parse(p, {fromOpt, keyEnvOpt}))
        return ctx.parseExitCode();
    if (p.value(fromOpt).isEmpty())
        return ctx.fail(QStringLiteral("--from FILE is required."));
    RestoreOptions o;
    o.vaultDir = p.value(QStringLiteral("vault"));
    o.backupPath = p.value(fromOpt);
    o.user = p.value(QStringLiteral("user"));
    SecretBytes pass;
    if (p.isSet(keyEnvOpt)) {
        o.recoveryKey = qEnvironmentVariable(p.value(keyEnvOpt).toLocal8Bit().constData());
        if (o.recoveryKey.trimmed().isEmpty())
            return ctx.fail(
                QStringLiteral(
                    "The environment variable %1 is empty or not set: it must hold the recovery key.")
                    .arg(p.value(keyEnvOpt)));
    } else if (passphraseInEnvironment() || p.isSet(QStringLiteral("user"))) {
        pass = passphrase(QStringLiteral("Passphrase of %1 when the backup was made: ").arg(o.user));
        if (pass.empty())
            return ctx.fail(QStringLiteral("No passphrase: set CLINICDESK_PASSPHRASE or run in a terminal."));
        o.passphrase = &pass;
    } else {
        const SecretBytes typed = askHidden(QStringLiteral("Recovery key: "));
        if (typed.empty())
            return ctx.fail(QStringLiteral(
                "No key: give --recovery-key-env VAR, or CLINICDESK_PASSPHRASE with --user NAME, "
                "or run in a terminal to type the recovery key."));
        o.recoveryKey =
            QString::fromLatin1(reinterpret_cast<const char*>(typed.data()), qsizetype(typed.size()));
    }
    auto r = restoreBackup(o);
    if (!r)
        return ctx.fail(r.error());
    const QString dir = QFileInfo(o.vaultDir).absoluteFilePath();
    QTextStream& out = ctx.out();
    out << "Restored " << o.backupPath << " (made " << r->backupCreatedAt << ") into " << dir << ".\n";
    if (r->hadCurrentVault) {
        out << "The vault that was there is kept in " << r->keptAside
            << ": delete it once you have checked the restored vault.\n";
        out << "Erased again: " << text::count(r->erasedAgain, "client", "clients")
            << " erased after this backup was made (" << text::count(r->ledgerEntries, "erasure", "erasures")
            << " in the ledger).\n";
        if (!r->removedAgain.isEmpty())
            out << "Removed again: " << r->removedAgain.join(QStringLiteral(", "))
                << " (accounts removed after this backup was made; their old passphrases no longer open the "
                   "vault).\n";
        if (!r->addedSince.isEmpty())
            out << "Not in the backup: " << r->addedSince.join(QStringLiteral(", "))
                << " (accounts added after it was made): add them again with staff add.\n";
        if (r->keptCurrentSlots)
            out << "Passphrases: everyone signs in with the passphrase they have today.\n";
    } else {
        out << "Erased again: " << r->erasedAgain << ". There was no vault in " << dir
            << ", so no erasure ledger newer than the backup to apply: erasures made after this backup must "
               "be made again.\n";
    }
    if (!r->oneTimePassphrases.isEmpty()) {
        out << "A backup keeps the managers' keys only. Give each of these people their one-time "
               "passphrase; they choose their own at first sign-in:\n";
        for (const auto& [user, otp] : r->oneTimePassphrases)
            out << "one-time passphrase for " << user << ": " << otp << '\n';
    }
    if (!r->withoutKey.isEmpty())
        out << "No key given to: " << r->withoutKey.join(QStringLiteral(", "))
            << " (no keyring in the backup, or a role the managers never signed): check them in Staff and "
               "give them a passphrase there.\n";
    out.flush();
    return 0;
}

} // namespace cd::cli
