// server: the clinic server on PostgreSQL 15 (core/server/ClinicServer.h): init, start, stop,
// status, add-desk, remove-desk. Run as root on the server machine.
#include "cli/Cli.h"
#include "cli/Terminal.h"
#include "server/ClinicServer.h"

namespace cd::cli {

namespace {

const QCommandLineOption kPgdata(QStringLiteral("pgdata"),
                                 QStringLiteral("The server's folder (its data directory)."),
                                 QStringLiteral("DIR"));
const QCommandLineOption kName(QStringLiteral("name"), QStringLiteral("The desk's name (e.g. reception-1)."),
                               QStringLiteral("NAME"));

bool needPgdata(Context& ctx, const QCommandLineParser& p)
{
    if (p.isSet(kPgdata))
        return true;
    ctx.fail(QStringLiteral("Give the server's folder: --pgdata DIR."));
    return false;
}

int init(Context& ctx)
{
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("The port desks connect to."),
                                  QStringLiteral("PORT"));
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("The addresses to listen on (default: localhost)."),
                                    QStringLiteral("ADDR"), QStringLiteral("localhost"));
    QCommandLineParser p;
    if (!ctx.parse(p, {kPgdata, port, listen}, false))
        return ctx.parseExitCode();
    if (!needPgdata(ctx, p))
        return 1;
    server::InitOptions o;
    o.pgdata = p.value(kPgdata);
    o.port = p.value(port).toInt();
    o.listen = p.value(listen);
    o.manager = p.value(QStringLiteral("user"));
    const SecretBytes pass = passphrase(QStringLiteral("New passphrase for %1: ").arg(o.manager), true);
    if (pass.empty())
        return ctx.fail(QStringLiteral(
            "No passphrase (or the two did not match): set CLINICDESK_PASSPHRASE or run in a terminal."));
    ctx.err() << "Making the clinic server in " << o.pgdata << " (PostgreSQL 15, TLS only)..." << Qt::endl;
    auto key = server::init(o, pass);
    if (!key)
        return ctx.fail(key.error());
    ctx.err() << "Server running on port " << o.port
              << ". Add each desk with `clinicdesk-cli server add-desk`.\n"
              << "This is the recovery key, shown once: keep it in the clinic's safe.\n"
                 "It is the only way in if every passphrase is lost.\n";
    ctx.out() << key.value() << '\n';
    return 0;
}

int simple(Context& ctx, Status (*action)(const QString&), const char* done)
{
    QCommandLineParser p;
    if (!ctx.parse(p, {kPgdata}, false))
        return ctx.parseExitCode();
    if (!needPgdata(ctx, p))
        return 1;
    if (auto st = action(p.value(kPgdata)); !st)
        return ctx.fail(st.error());
    ctx.out() << done << '\n';
    return 0;
}

int start(Context& ctx)
{
    return simple(ctx, &server::start, "started");
}

int stop(Context& ctx)
{
    return simple(ctx, &server::stop, "stopped");
}

int status(Context& ctx)
{
    QCommandLineParser p;
    if (!ctx.parse(p, {kPgdata}, false))
        return ctx.parseExitCode();
    if (!needPgdata(ctx, p))
        return 1;
    auto s = server::status(p.value(kPgdata));
    if (!s)
        return ctx.fail(s.error());
    ctx.out() << s.value() << '\n';
    return 0;
}

int addDesk(Context& ctx)
{
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The desk folder to write."),
                                 QStringLiteral("DESKDIR"));
    const QCommandLineOption host(QStringLiteral("host"),
                                  QStringLiteral("The name or address the desk reaches the server by."),
                                  QStringLiteral("HOST"));
    QCommandLineParser p;
    if (!ctx.parse(p, {kPgdata, kName, out, host}, false))
        return ctx.parseExitCode();
    if (!needPgdata(ctx, p))
        return 1;
    if (!p.isSet(kName) || !p.isSet(out))
        return ctx.fail(QStringLiteral("Give --name NAME --out DESKDIR."));
    if (auto st = server::addDesk(p.value(kPgdata), p.value(kName), p.value(out), p.value(host)); !st)
        return ctx.fail(st.error());
    ctx.out() << "Desk " << p.value(kName) << " written to " << p.value(out)
              << ": copy the folder to the desk (it holds the desk's key: keep it private).\n";
    return 0;
}

int removeDesk(Context& ctx)
{
    QCommandLineParser p;
    if (!ctx.parse(p, {kPgdata, kName}, false))
        return ctx.parseExitCode();
    if (!needPgdata(ctx, p))
        return 1;
    if (!p.isSet(kName))
        return ctx.fail(QStringLiteral("Give --name NAME (server status counts the desks)."));
    if (auto st = server::removeDesk(p.value(kPgdata), p.value(kName)); !st)
        return ctx.fail(st.error());
    ctx.out() << "Desk " << p.value(kName) << " removed: the server turns its certificate away.\n";
    return 0;
}

} // namespace

int cmdServer(Context& ctx)
{
    if (auto done = ctx.subcommand({{"init", init},
                                    {"start", start},
                                    {"stop", stop},
                                    {"status", status},
                                    {"add-desk", addDesk},
                                    {"remove-desk", removeDesk}}))
        return *done;
    const QString sub = ctx.args().value(1);
    for (const char* later : {"migrate", "add-standby", "promote"})
        if (sub == QLatin1String(later))
            return ctx.fail(
                QStringLiteral("`server %1` is not in this version yet: the clinic server is being "
                               "built in steps (init, start, stop, status, add-desk, remove-desk "
                               "work now).")
                    .arg(sub));
    return ctx.fail(QStringLiteral("Use server init|start|stop|status|add-desk|remove-desk --pgdata DIR."));
}

} // namespace cd::cli
