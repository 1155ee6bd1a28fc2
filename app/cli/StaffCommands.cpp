// staff add|list|remove|role|sign: staff accounts from the command line (managers only; core checks).
#include "audit/AuditLog.h"
#include "backup/BackupSchedule.h"
#include "cli/Cli.h"
#include "cli/Terminal.h"
#include "common/Text.h"
#include "staff/Accounts.h"
#include "vault/Vault.h"

#include <QJsonObject>

namespace cd::cli {

int cmdStaff(Context& ctx)
{
    const QString sub = ctx.args().value(1);
    if (!QStringList{QStringLiteral("add"), QStringLiteral("list"), QStringLiteral("remove"),
                     QStringLiteral("role"), QStringLiteral("sign")}
             .contains(sub))
        return ctx.fail(
            QStringLiteral("Say what to do: clinicdesk-cli staff add|list|remove|role|sign --vault DIR ..."));
    QStringList rest = ctx.args();
    rest.removeAt(1);
    Context c(rest, ctx.out(), ctx.err());
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("The account name."),
                                  QStringLiteral("USER"));
    const QCommandLineOption role(QStringLiteral("role"),
                                  QStringLiteral("receptionist, practitioner or manager."),
                                  QStringLiteral("ROLE"));
    const QCommandLineOption display(QStringLiteral("display-name"),
                                     QStringLiteral("The person's name as shown."), QStringLiteral("NAME"));
    const QCommandLineOption rekey(
        QStringLiteral("rekey"), QStringLiteral("With remove: re-key the vault (what remove does anyway)."));
    const QCommandLineOption noRekey(
        QStringLiteral("no-rekey"),
        QStringLiteral("With remove: do not re-key. A copy of the keyring made before today still "
                       "opens the database with the leaver's old passphrase until the vault is re-keyed."));
    QCommandLineParser p;
    if (!c.parse(p, {name, role, display, rekey, noRekey}))
        return c.parseExitCode();
    if (sub != QLatin1String("list") && sub != QLatin1String("sign") && !p.isSet(name))
        return c.fail(QStringLiteral("Give the account with --name USER."));
    auto vault = c.openVault(p);
    if (!vault)
        return c.fail(vault.error());
    Accounts accounts(*vault.value());
    if (sub == QLatin1String("list")) {
        auto all = accounts.list();
        if (!all)
            return c.fail(all.error());
        for (const StaffMember& m : all.value())
            c.printJsonLine({{QStringLiteral("username"), m.username},
                             {QStringLiteral("display_name"), m.displayName},
                             {QStringLiteral("role"), vocab::code(m.role)},
                             {QStringLiteral("active"), m.active}});
        return 0;
    }
    if (sub == QLatin1String("sign")) {
        if (auto st = accounts.signRoster(); !st)
            return c.fail(st.error());
        c.out() << "signed the staff roster as `staff list` shows it: these accounts and roles now count\n";
        return 0;
    }
    if (sub == QLatin1String("remove")) {
        if (auto st = accounts.remove(p.value(name)); !st)
            return c.fail(st.error());
        if (p.isSet(noRekey)) {
            c.out() << "removed " << p.value(name)
                    << ": their account is closed and their slot is gone from the keyring; their past "
                       "actions stay in the audit log\n";
            c.out()
                << "NOT re-keyed: any copy of the keyring made before today (a backup, a USB stick) "
                   "still opens the database with their old passphrase, and the database key it "
                   "gives reads everything at the front desk. Re-key soon (the desktop's Staff > Re-key the "
                   "vault)\n";
            return 0;
        }
        c.out() << "removed " << p.value(name) << ": their account is closed; their past actions stay in the "
                << "audit log\n";
        c.out().flush();
        const SecretBytes mine = passphrase(QStringLiteral("Your passphrase again, to re-key the vault: "));
        auto done = accounts.rekey(mine, KdfParams::calibrated(), [&c](int, int, const QString& step) {
            c.err() << step << '\n';
            c.err().flush();
        });
        if (!done)
            return c.fail(done.error());
        c.out() << "re-keyed: copies of the old keyring and the old recovery key open nothing now\n";
        c.out() << "new recovery key (keep it in the clinic's safe; shown once): " << done->recoveryKey
                << '\n';
        for (const auto& [user, otp] : done->oneTimePassphrases)
            c.out() << "one-time passphrase for " << user << ": " << otp << '\n';
        // The daily backups were made under the keys just retired.
        const BackupSchedule schedule(BackupSchedule::defaultFolder(vault.value()->dir()));
        auto backups = schedule.runAfterRekey(*vault.value());
        if (!backups) {
            // The re-key itself stands (its key and passphrases are printed above): a warning, not a failure.
            c.err() << "warning: no backup under the new key could be made (" << backups.message()
                    << "); the daily backups made before the re-key still open with the old recovery key\n";
            return 0;
        }
        c.out() << "backups: " << backups->path << " made under the new key; "
                << text::count(backups->removed, "daily backup", "daily backups")
                << " made under the old key deleted. Copies made elsewhere still open with "
                   "the old recovery key and the managers' passphrases of the day: destroy them, or keep "
                   "them in the safe with the old key\n";
        for (const QString& left : std::as_const(backups->notRemoved))
            c.err() << "warning: could not delete " << left
                    << " (made under the old key): delete it by hand\n";
        return 0;
    }
    if (sub == QLatin1String("role")) {
        auto changed = accounts.changeRole(p.value(name), p.value(role), KdfParams::calibrated());
        if (!changed)
            return c.fail(changed.error());
        c.out() << p.value(name) << " is now " << p.value(role) << '\n';
        if (!changed->isEmpty())
            c.out() << "one-time passphrase for " << p.value(name)
                    << " (the new role opens other records): " << changed.value() << '\n';
        return 0;
    }
    SecretBytes oneTime = newPassphraseFromEnvironment();
    const bool generated = oneTime.empty();
    QByteArray shown;
    if (generated) {
        QByteArray made = Accounts::generateOneTimePassphrase();
        shown = made;
        oneTime = SecretBytes::takeFrom(made);
    }
    auto added =
        accounts.add(p.value(name), p.value(display), p.value(role), oneTime, KdfParams::calibrated());
    if (!added)
        return c.fail(added.error());
    c.err() << "Added " << added->username << " (" << vocab::code(added->role)
            << "). Give them this one-time passphrase; they choose their own at first sign-in:\n";
    if (generated)
        c.out() << shown << '\n';
    return 0;
}

int cmdPassphrase(Context& ctx)
{
    QCommandLineParser p;
    if (!ctx.parse(p, {}))
        return ctx.parseExitCode();
    auto vault = ctx.openVault(p, Context::Opening::ToChangePassphrase);
    if (!vault)
        return ctx.fail(vault.error());
    const SecretBytes current = passphrase(QString());
    const SecretBytes next =
        newPassphrase(QStringLiteral("New passphrase for %1: ").arg(p.value(QStringLiteral("user"))));
    if (next.empty())
        return ctx.fail(
            QStringLiteral("No new passphrase: set CLINICDESK_NEW_PASSPHRASE or type it twice, the "
                           "same both times, in a terminal."));
    if (auto st = Accounts(*vault.value()).changeOwnPassphrase(current, next, KdfParams::calibrated()); !st)
        return ctx.fail(st.error());
    ctx.err() << "Passphrase changed for " << vault.value()->user()
              << ". The old one no longer opens the vault.\n";
    return 0;
}

} // namespace cd::cli
