// search, import-clients, log: the front desk from the command line.
#include "accounts/Staff.h"
#include "cli/Cli.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "clients/Phone.h"
#include "common/Text.h"
#include "importing/ClientImport.h"
#include "search/ClientSearch.h"
#include "vault/Vault.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

namespace cd::cli {

int cmdLog(Context& ctx)
{
    const QCommandLineOption client(QStringLiteral("client"), QStringLiteral("The client's number."),
                                    QStringLiteral("ID"));
    const QCommandLineOption kind(QStringLiteral("kind"),
                                  QStringLiteral("call, email, social, visit or complaint."),
                                  QStringLiteral("KIND"));
    const QCommandLineOption note(QStringLiteral("note"), QStringLiteral("What was said or asked."),
                                  QStringLiteral("TEXT"));
    const QCommandLineOption followUp(QStringLiteral("follow-up"),
                                      QStringLiteral("When to get back to them (today or later)."),
                                      QStringLiteral("YYYY-MM-DD"));
    QCommandLineParser p;
    if (!ctx.parse(p, {client, kind, note, followUp}))
        return ctx.parseExitCode();
    bool idOk = false;
    const qint64 id = p.value(client).toLongLong(&idOk);
    if (!idOk || id <= 0)
        return ctx.fail(
            QStringLiteral("Give the client's number with --client ID (clinicdesk-cli search finds it)."));
    // The command line's words for the kinds a desk logs by hand.
    static const QList<std::pair<QString, InteractionKind>> kinds{
        {QStringLiteral("call"), InteractionKind::Call},
        {QStringLiteral("email"), InteractionKind::Email},
        {QStringLiteral("social"), InteractionKind::Social},
        {QStringLiteral("visit"), InteractionKind::InPerson},
        {QStringLiteral("complaint"), InteractionKind::Complaint}};
    Interaction i;
    i.clientId = id;
    const auto k =
        std::find_if(kinds.cbegin(), kinds.cend(), [&](const auto& e) { return e.first == p.value(kind); });
    if (k == kinds.cend())
        return ctx.fail(QStringLiteral("--kind is call, email, social, visit or complaint, not \"%1\".")
                            .arg(p.value(kind)));
    i.kind = k->second;
    i.body = p.value(note);
    if (p.isSet(followUp)) {
        i.followUpOn = QDate::fromString(p.value(followUp), Qt::ISODate);
        if (!i.followUpOn.isValid() || p.value(followUp).size() != 10)
            return ctx.fail(QStringLiteral("\"%1\" is not a date: use YYYY-MM-DD, e.g. 2025-03-04.")
                                .arg(p.value(followUp)));
    }
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    auto added = InteractionStore(vault.value()->db()).add(i);
    if (!added)
        return ctx.fail(added.error());
    ctx.printJsonLine(
        {{QStringLiteral("id"), double(added.value())},
         {QStringLiteral("client_id"), double(id)},
         {QStringLiteral("kind"), k->first},
         {QStringLiteral("follow_up"), i.followUpOn.isValid() ? QJsonValue(i.followUpOn.toString(Qt::ISODate))
                                                              : QJsonValue(QJsonValue::Null)}});
    return 0;
}

int cmdSearch(Context& ctx)
{
    const QCommandLineOption limitOpt(QStringLiteral("limit"), QStringLiteral("At most N results."),
                                      QStringLiteral("N"), QStringLiteral("20"));
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("TEXT"),
                            QStringLiteral("Name, phone, email, postcode or note words."));
    if (!ctx.parse(p, {limitOpt}))
        return ctx.parseExitCode();
    const QString text = p.positionalArguments().join(QLatin1Char(' '));
    if (text.trimmed().isEmpty())
        return ctx.fail(QStringLiteral("Say what to search for: clinicdesk-cli search --vault DIR TEXT"));
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    auto hits = ClientSearch(vault.value()->db()).search(text, p.value(limitOpt).toInt());
    if (!hits)
        return ctx.fail(hits.error());
    auto full = ClientStore(vault.value()->db());
    for (const SearchHit& h : hits.value()) {
        auto c = full.get(h.client.id);
        if (!c)
            return ctx.fail(c.error());
        QJsonArray emails, phones;
        for (const EmailAddress& e : c->emails)
            emails.append(e.address);
        for (const PhoneNumber& ph : c->phones)
            phones.append(ph.e164.isEmpty() ? ph.number : ph.e164);
        ctx.printJsonLine(
            {{QStringLiteral("id"), double(c->id)},
             {QStringLiteral("first_name"), c->firstName},
             {QStringLiteral("last_name"), c->lastName},
             {QStringLiteral("preferred_name"), c->preferredName},
             {QStringLiteral("emails"), emails},
             {QStringLiteral("phones"), phones},
             {QStringLiteral("postcode"), c->addresses.isEmpty() ? QString() : c->addresses.first().postcode},
             {QStringLiteral("status"), vocab::code(c->status)},
             {QStringLiteral("matched_by"), h.matchedBy},
             {QStringLiteral("score"), h.score}});
    }
    return 0;
}

int cmdImportClients(Context& ctx)
{
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    QStringLiteral("Check the file and report; import nothing."));
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("FILE.csv"), QStringLiteral("CSV with a header line."));
    if (!ctx.parse(p, {dryRun}))
        return ctx.parseExitCode();
    if (p.positionalArguments().size() != 1)
        return ctx.fail(
            QStringLiteral("Name one CSV file: clinicdesk-cli import-clients --vault DIR FILE.csv"));
    const QString path = p.positionalArguments().constFirst();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return ctx.fail(QStringLiteral("Cannot read %1: %2").arg(path, f.errorString()));
    if (f.size() > 200 * 1024 * 1024)
        return ctx.fail(QStringLiteral("%1 is larger than 200 MB; split it into smaller files.").arg(path));
    auto table = csv::parse(f.readAll());
    if (!table)
        return ctx.fail(QStringLiteral("%1: %2").arg(path, table.message()));
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    Database& db = vault.value()->db();
    auto me = staff::byUsername(db, vault.value()->user());
    const QList<ImportField> mapping = ClientImport::guessMapping(table->header);
    QStringList mapped;
    for (int i = 0; i < mapping.size(); ++i)
        if (mapping.at(i) != ImportField::Ignore)
            mapped << QStringLiteral("%1 → %2").arg(table->header.at(i),
                                                    ClientImport::fieldName(mapping.at(i)));
    ctx.err() << "columns: " << mapped.join(QStringLiteral(", ")) << '\n';
    if (table->encoding == csv::Encoding::Windows1252)
        ctx.err() << "encoding: not UTF-8, read as Windows-1252 (what Excel on Windows saves as CSV); if "
                     "accented names look wrong, save the file as \"CSV UTF-8\" and import it again\n";
    auto report = ClientImport::run(db, table.value(), mapping, me ? me->id : 0, p.isSet(dryRun));
    if (!report)
        return ctx.fail(report.error());
    for (const ImportIssue& issue : report->rejected)
        ctx.err() << path << ":" << issue.line << ": rejected: " << issue.reason << '\n';
    ctx.out() << (p.isSet(dryRun) ? "would import " : "imported ")
              << text::count(report->imported, "client", "clients") << "; rejected "
              << text::count(report->rejected.size(), "row", "rows") << '\n';
    return 0;
}

} // namespace cd::cli
