#include "cli/Cli.h"

#include "cli/Terminal.h"
#include "privacy/Ledger.h"
#include "staff/Accounts.h"
#include "vault/Vault.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <functional>
#include <map>

namespace cd::cli {

namespace {

const QCommandLineOption kVault(QStringLiteral("vault"), QStringLiteral("The vault folder."),
                                QStringLiteral("DIR"));
const QCommandLineOption kUser(QStringLiteral("user"), QStringLiteral("Account name (default: manager)."),
                               QStringLiteral("NAME"), QStringLiteral("manager"));

struct Command
{
    std::function<int(Context&)> run;
    const char* summary;
};

const std::map<QString, Command>& commands()
{
    static const std::map<QString, Command> table{
        {QStringLiteral("init"), {cmdInit, "create a vault and print its recovery key"}},
        {QStringLiteral("demo"), {cmdDemo, "create or fill a vault with synthetic clients"}},
        {QStringLiteral("verify"), {cmdVerify, "check the keyring, the database and the audit chain"}},
        {QStringLiteral("keys"),
         {cmdKeys, "print each database file's raw SQLCipher key, from the recovery key"}},
        {QStringLiteral("search"), {cmdSearch, "find clients, best first, one JSON object per line"}},
        {QStringLiteral("import-clients"), {cmdImportClients, "import clients from a CSV file"}},
        {QStringLiteral("requests"),
         {cmdRequests, "the privacy register (managers); `requests add` records one (any role)"}},
        {QStringLiteral("export-sar"),
         {cmdExportSar, "subject-access export: report PDF, data JSON in a ZIP"}},
        {QStringLiteral("export-all"),
         {cmdExportAll, "the clinic's own exit: every client as JSON, CSV tables and images (managers)"}},
        {QStringLiteral("erase"), {cmdErase, "erase a client (shows what goes and what stays first)"}},
        {QStringLiteral("restrict"),
         {cmdRestrict, "restrict processing of a client's record, or --lift it (managers)"}},
        {QStringLiteral("retention"),
         {cmdRetention, "records past their retention rule; `retention erase` erases them (managers)"}},
        {QStringLiteral("passphrase"),
         {cmdPassphrase, "change your own passphrase (the way out of a one-time passphrase)"}},
        {QStringLiteral("staff"), {cmdStaff, "staff accounts: staff add|list|remove|role (managers)"}},
        {QStringLiteral("add-images"), {cmdAddImages, "add photos (JPEG, PNG, WebP, HEIC) to a client"}},
        {QStringLiteral("images"), {cmdImages, "list a client's photos, one JSON object per line"}},
        {QStringLiteral("backup"), {cmdBackup, "write an encrypted backup of the vault to one file"}},
        {QStringLiteral("restore"),
         {cmdRestore, "restore a backup (checked first; the current vault is kept aside)"}},
        {QStringLiteral("appointments"),
         {cmdAppointments, "appointments of a day (--date) or a range (--from --to), as JSON lines or "
                           "an iCalendar file (--ics FILE)"}},
        {QStringLiteral("batch"), {cmdBatch, "who received batch LOT (recall), one JSON object per line"}},
        {QStringLiteral("log"),
         {cmdLog, "log a call, email, message, visit or complaint for a client (--follow-up DATE)"}},
        {QStringLiteral("stock"),
         {cmdStock, "stock by batch, one JSON object per line; `stock receive` records a delivery"}},
        {QStringLiteral("forms"),
         {cmdForms,
          "a client's signed forms (--client ID); `forms templates`, `forms sign`, `forms template`"}},
        {QStringLiteral("treatments"),
         {cmdTreatments,
          "a client's treatment records with their face charts (--client ID); `treatments pdf` prints one"}},
        {QStringLiteral("server"),
         {cmdServer, "the clinic server (as root): server init|start|stop|status|add-desk|remove-desk"}},
        {QStringLiteral("settings"),
         {cmdSettings, "the clinic's settings as JSON; KEY=VALUE ... sets them, all or none (managers)"}},
    };
    return table;
}

void usage(QTextStream& s)
{
    s << "usage: clinicdesk-cli COMMAND --vault DIR [options]\n"
         "The passphrase is read from CLINICDESK_PASSPHRASE or asked on the terminal.\n\ncommands:\n";
    for (const auto& [name, c] : commands())
        s << "  " << name.leftJustified(16) << c.summary << '\n';
}

} // namespace

bool Context::parse(QCommandLineParser& parser, const QList<QCommandLineOption>& extra, bool vaultRequired)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOption(kVault);
    parser.addOption(kUser);
    parser.addOptions(extra);
    parser.addHelpOption();
    if (!parser.parse(m_args)) {
        fail(parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        m_out << parser.helpText();
        m_parseExit = 0;
        return false;
    }
    if (vaultRequired && parser.value(kVault).isEmpty()) {
        fail(QStringLiteral("--vault DIR is required."));
        return false;
    }
    return true;
}

Result<std::unique_ptr<Vault>> Context::openVault(const QCommandLineParser& parser, Opening how)
{
    const QString dir = parser.value(kVault);
    const QString user = parser.value(kUser);
    if (auto st = Vault::checkFolder(dir); !st)
        return st.error();
    const SecretBytes pass = passphrase(QStringLiteral("Passphrase for %1: ").arg(user));
    if (pass.empty())
        return makeError(Error::Kind::Invalid,
                         QStringLiteral("No passphrase: set CLINICDESK_PASSPHRASE or run in a terminal."));
    auto vault = Vault::open(dir, user, pass);
    if (vault && how == Opening::Normal)
        if (auto once = Accounts(*vault.value()).mustChangePassphrase(); once && once.value())
            return makeError(
                Error::Kind::Permission,
                QStringLiteral("%1 still has the one-time passphrase they were given: choose your "
                               "own first with clinicdesk-cli passphrase --vault %2 --user %1 "
                               "(the new one in CLINICDESK_NEW_PASSPHRASE).")
                    .arg(user, dir));
    if (vault)
        (void)syncErasureLedger(
            *vault.value()); // an erasure whose ledger entry a crash lost (privacy/Ledger.h)
    return vault;
}

int Context::fail(const QString& message)
{
    QString line = message;
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    m_err << "clinicdesk-cli: " << line << '\n';
    m_err.flush();
    return 1;
}

void Context::printJsonLine(const QJsonObject& o)
{
    m_out << QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact)) << '\n';
}

std::optional<int> Context::subcommand(std::initializer_list<std::pair<const char*, Handler>> handlers)
{
    const QString word = m_args.value(1);
    for (const auto& [name, handler] : handlers)
        if (word == QLatin1String(name)) {
            QStringList rest = m_args;
            rest.removeAt(1);
            Context inner(rest, m_out, m_err);
            return handler(inner);
        }
    return std::nullopt;
}

int run(const QStringList& args, QTextStream& out, QTextStream& err)
{
    if (args.size() < 2 || args.at(1) == QLatin1String("--help") || args.at(1) == QLatin1String("-h") ||
        args.at(1) == QLatin1String("help")) {
        usage(args.size() < 2 ? err : out);
        return args.size() < 2 ? 2 : 0;
    }
    if (args.at(1) == QLatin1String("--version")) {
        out << "clinicdesk-cli " << CLINICDESK_VERSION << '\n';
        return 0;
    }
    const auto it = commands().find(args.at(1));
    if (it == commands().end()) {
        err << "clinicdesk-cli: unknown command \"" << args.at(1) << "\". Run clinicdesk-cli --help.\n";
        return 2;
    }
    QStringList rest = args.mid(1);
    rest[0] = args.at(0) + QLatin1Char(' ') + args.at(1);
    Context ctx(rest, out, err);
    return it->second.run(ctx);
}

} // namespace cd::cli
