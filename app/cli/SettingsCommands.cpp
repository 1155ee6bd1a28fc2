// settings: the clinic's settings from the command line (managers; core checks and audits).
#include "cli/Cli.h"
#include "settings/Settings.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

#include <QJsonObject>

namespace cd::cli {

int cmdSettings(Context& ctx)
{
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("KEY=VALUE"),
                            QStringLiteral("Settings to change, all or none (none given: list them)."));
    if (!ctx.parse(p, {}))
        return ctx.parseExitCode();
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    ClinicSettings settings(vault.value()->db());
    ClinicSettings::Values values = settings.values();
    const QStringList changes = p.positionalArguments();
    if (!changes.isEmpty()) {
        for (const QString& change : changes) {
            const qsizetype eq = change.indexOf(QLatin1Char('='));
            if (eq <= 0)
                return ctx.fail(QStringLiteral("\"%1\" is not KEY=VALUE (for example clinic.name=\"Bloom "
                                               "Aesthetics\"). Nothing was changed.")
                                    .arg(change));
            if (auto st = ClinicSettings::assign(values, change.left(eq).trimmed(), change.mid(eq + 1)); !st)
                return ctx.fail(st.message() + QStringLiteral(" Nothing was changed."));
        }
        if (auto st = settings.save(values); !st)
            return ctx.fail(st.message() + QStringLiteral(" Nothing was changed."));
        values = settings.values();
    } else if (auto st = settings.checkMayRead(); !st) {
        return ctx.fail(st.error());
    }
    QJsonObject o;
    for (const auto& [key, value] : ClinicSettings::entries(values))
        o.insert(key, QJsonValue::fromVariant(value));
    ctx.printJsonLine(o);
    return 0;
}

} // namespace cd::cli
