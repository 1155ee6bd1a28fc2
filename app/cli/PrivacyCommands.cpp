// requests, requests add, export-sar, erase: the privacy register from the command line.
#include "accounts/Staff.h"
#include "cli/Cli.h"
#include "cli/Terminal.h"
#include "clients/ClientStore.h"
#include "common/Text.h"
#include "privacy/ClinicExport.h"
#include "privacy/Erasure.h"
#include "privacy/Ledger.h"
#include "privacy/Register.h"
#include "privacy/Retention.h"
#include "privacy/Rights.h"
#include "privacy/SubjectExport.h"
#include "vault/Vault.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <algorithm>
#include <cstdlib>

namespace cd::cli {

namespace {

const QCommandLineOption kClient(QStringLiteral("client"), QStringLiteral("The client's id (from search)."),
                                 QStringLiteral("ID"));

QJsonObject requestJson(const PrivacyRequest& r)
{
    return {{QStringLiteral("id"), double(r.id)},
            {QStringLiteral("client"), r.clientId > 0 ? QJsonValue(double(r.clientId)) : QJsonValue()},
            {QStringLiteral("subject_ref"), r.subjectRef},
            {QStringLiteral("type"), vocab::code(r.type)},
            {QStringLiteral("received"), r.received.toString(Qt::ISODate)},
            {QStringLiteral("due"), r.due.toString(Qt::ISODate)},
            {QStringLiteral("status"), vocab::code(r.status)}};
}

qint64 clientId(const QCommandLineParser& p, bool* ok)
{
    return p.value(kClient).toLongLong(ok);
}

qint64 me(Vault& v)
{
    auto s = staff::byUsername(v.db(), v.user());
    return s ? s->id : 0;
}

} // namespace

int cmdRequests(Context& ctx)
{
    const bool adding = ctx.args().value(1) == QLatin1String("add");
    if (adding) {
        QStringList rest = ctx.args();
        rest.removeAt(1);
        Context sub(rest, ctx.out(), ctx.err());
        const QCommandLineOption type(
            QStringLiteral("type"),
            QStringLiteral("access|portability|erasure|rectification|restriction|objection"),
            QStringLiteral("TYPE"));
        const QCommandLineOption received(
            QStringLiteral("received"), QStringLiteral("Date received, YYYY-MM-DD."), QStringLiteral("DATE"));
        const QCommandLineOption identity(
            QStringLiteral("identity"),
            QStringLiteral("How identity was checked: photo_id_seen, called_back_on_file, email_on_file, "
                           "known_in_person or other (never a document number)."),
            QStringLiteral("METHOD"));
        QCommandLineParser p;
        if (!sub.parse(p, {kClient, type, received, identity}))
            return sub.parseExitCode();
        bool ok = false;
        const qint64 id = clientId(p, &ok);
        const QDate day = QDate::fromString(p.value(received), Qt::ISODate);
        if (!ok || !p.isSet(type) || !day.isValid())
            return sub.fail(QStringLiteral("Give --client ID --type TYPE --received YYYY-MM-DD."));
        auto vault = sub.openVault(p);
        if (!vault)
            return sub.fail(vault.error());
        auto r = PrivacyRegister(vault.value()->db())
                     .add(id, p.value(type), day, p.value(identity), me(*vault.value()));
        if (!r)
            return sub.fail(r.error());
        sub.printJsonLine(requestJson(r.value()));
        return 0;
    }
    QCommandLineParser p;
    const QCommandLineOption open(QStringLiteral("open"), QStringLiteral("Only open requests."));
    if (!ctx.parse(p, {open}))
        return ctx.parseExitCode();
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    auto list = PrivacyRegister(vault.value()->db()).list(p.isSet(open));
    if (!list)
        return ctx.fail(list.error());
    for (const PrivacyRequest& r : list.value())
        ctx.printJsonLine(requestJson(r));
    return 0;
}

int cmdExportSar(Context& ctx)
{
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("The ZIP to write."),
                                 QStringLiteral("FILE.zip"));
    const QCommandLineOption passwordEnv(
        QStringLiteral("password-env"),
        QStringLiteral("Encrypt the ZIP (AES-256) with the password in this environment variable."),
        QStringLiteral("VAR"));
    const QCommandLineOption pdf(
        QStringLiteral("protected-pdf"),
        QStringLiteral("Also write the report alone as an AES-256 protected PDF (needs --password-env)."),
        QStringLiteral("FILE.pdf"));
    const QCommandLineOption request(
        QStringLiteral("request"), QStringLiteral("The register entry this answers (records what was sent)."),
        QStringLiteral("ID"));
    const QCommandLineOption portability(QStringLiteral("portability"),
                                         QStringLiteral("The machine-readable data alone (data.json)."));
    QCommandLineParser p;
    if (!ctx.parse(p, {kClient, out, passwordEnv, pdf, request, portability}))
        return ctx.parseExitCode();
    bool ok = false;
    const qint64 id = clientId(p, &ok);
    if (!ok || !p.isSet(out))
        return ctx.fail(QStringLiteral("Give --client ID --out FILE.zip."));
    SubjectExportOptions o;
    o.outPath = p.value(out);
    o.kind =
        p.isSet(portability) ? SubjectExportOptions::Kind::Portability : SubjectExportOptions::Kind::Access;
    if (p.isSet(passwordEnv)) {
        o.zipPassword = qgetenv(p.value(passwordEnv).toLocal8Bit().constData());
        if (o.zipPassword.size() < 8)
            return ctx.fail(
                QStringLiteral("The environment variable %1 must hold a password of at least 8 characters.")
                    .arg(p.value(passwordEnv)));
        o.pdfPassword = o.zipPassword;
    }
    if (p.isSet(pdf)) {
        if (o.pdfPassword.isEmpty())
            return ctx.fail(QStringLiteral("--protected-pdf needs --password-env VAR."));
        o.protectedPdfPath = p.value(pdf);
    }
    o.data.requestId = p.value(request).toLongLong();
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    auto r = exportSubject(vault.value()->db(), id, o);
    if (!r)
        return ctx.fail(r.error());
    ctx.out() << r->zipPath << "  sha256 " << r->zipSha256 << '\n';
    if (!r->pdfPath.isEmpty())
        ctx.out() << r->pdfPath << "  sha256 " << r->pdfSha256 << '\n';
    if (r->answeredRequest > 0)
        ctx.err() << "request " << r->answeredRequest
                  << " marked answered; the register keeps what was sent\n";
    return 0;
}

int cmdExportAll(Context& ctx)
{
    const QCommandLineOption out(QStringLiteral("out"),
                                 QStringLiteral("A new folder to write everything into."),
                                 QStringLiteral("DIR"));
    QCommandLineParser p;
    if (!ctx.parse(p, {out}))
        return ctx.parseExitCode();
    if (!p.isSet(out))
        return ctx.fail(QStringLiteral("Give --out DIR (a new folder)."));
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    ClinicExportOptions o;
    o.outDir = p.value(out);
    auto r = exportClinic(vault.value()->db(), o);
    if (!r)
        return ctx.fail(r.error());
    ctx.printJsonLine({{QStringLiteral("out"), r->outDir},
                       {QStringLiteral("clients"), r->clients},
                       {QStringLiteral("images"), r->images},
                       {QStringLiteral("tables"), QJsonArray::fromStringList(r->tables)}});
    return 0;
}

int cmdRetention(Context& ctx)
{
    const bool erasing = ctx.args().value(1) == QLatin1String("erase");
    QStringList args = ctx.args();
    if (erasing)
        args.removeAt(1);
    Context sub(args, ctx.out(), ctx.err());
    const QCommandLineOption all(QStringLiteral("all"),
                                 QStringLiteral("Erase every record due (except those held back)."));
    const QCommandLineOption yes(QStringLiteral("yes"),
                                 QStringLiteral("Confirm without typing the count (for scripts)."));
    QCommandLineParser p;
    if (!sub.parse(p, erasing ? QList<QCommandLineOption>{kClient, all, yes} : QList<QCommandLineOption>{}))
        return sub.parseExitCode();
    auto vault = sub.openVault(p);
    if (!vault)
        return sub.fail(vault.error());
    auto due = RetentionReview(vault.value()->db()).due();
    if (!due)
        return sub.fail(due.error());
    if (!erasing) {
        for (const RetentionItem& i : due.value())
            sub.printJsonLine({{QStringLiteral("client"), double(i.clientId)},
                               {QStringLiteral("subject_ref"), i.subjectRef},
                               {QStringLiteral("rule"), i.rule},
                               {QStringLiteral("last_contact"), i.lastContact.toString(Qt::ISODate)},
                               {QStringLiteral("due_since"), i.dueSince.toString(Qt::ISODate)},
                               {QStringLiteral("records"), i.rows},
                               {QStringLiteral("held_back"),
                                i.blockedReason.isEmpty() ? QJsonValue() : QJsonValue(i.blockedReason)}});
        return 0;
    }
    QList<RetentionReview::Key> ids;
    QSet<qint64> wanted;
    for (const QString& v : p.values(kClient)) {
        bool ok = false;
        wanted << v.toLongLong(&ok);
        if (!ok)
            return sub.fail(QStringLiteral("--client takes a client id (a number), not \"%1\".").arg(v));
    }
    for (const RetentionItem& i : due.value())
        if ((p.isSet(all) && i.blockedReason.isEmpty()) || wanted.contains(i.clientId))
            ids << RetentionReview::Key{i.clientId, i.rule};
    if (!p.isSet(all))
        for (qint64 id : wanted)
            if (std::none_of(ids.cbegin(), ids.cend(),
                             [id](const RetentionReview::Key& k) { return k.clientId == id; }))
                return sub.fail(QStringLiteral("Client %1 has nothing past its retention rule.").arg(id));
    int count = int(ids.size());
    if (!p.isSet(yes)) {
        sub.out() << text::count(ids.size(), "record", "records")
                  << " past their retention rule will be erased, with what the law requires kept.\n";
        sub.out().flush();
        bool ok = false;
        count = askLine(QStringLiteral("Type %1 to confirm: ").arg(ids.size())).trimmed().toInt(&ok);
        if (!ok)
            return sub.fail(
                QStringLiteral("Not confirmed: nothing was erased. Run in a terminal, or pass --yes."));
    }
    auto erased = RetentionReview::eraseDue(*vault.value(), ids, count);
    if (!erased)
        return sub.fail(erased.error());
    sub.out() << "erased " << erased.value() << '\n';
    return 0;
}

int cmdErase(Context& ctx)
{
    const QCommandLineOption dryRun(QStringLiteral("dry-run"),
                                    QStringLiteral("Show what would be erased and kept; change nothing."));
    const QCommandLineOption yes(QStringLiteral("yes"),
                                 QStringLiteral("Confirm without typing the name (for scripts)."));
    const QCommandLineOption request(
        QStringLiteral("request"), QStringLiteral("The erasure request this answers."), QStringLiteral("ID"));
    QCommandLineParser p;
    if (!ctx.parse(p, {kClient, dryRun, yes, request}))
        return ctx.parseExitCode();
    bool ok = false;
    const qint64 id = clientId(p, &ok);
    if (!ok)
        return ctx.fail(QStringLiteral("Give --client ID."));
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    Database& db = vault.value()->db();
    auto plan = Erasure(db).plan(id);
    if (!plan)
        return ctx.fail(plan.error());
    QTextStream& o = ctx.out();
    o << "Erase " << plan->clientName << " (client " << id << ", " << plan->subjectRef << ")\n";
    o << "will be erased:\n";
    for (const ErasureItem& i : plan->erase)
        o << "  - " << i.category << ": " << i.table << " (" << i.rows << ")\n";
    o << "will be kept:\n";
    if (plan->keep.isEmpty())
        o << "  (nothing)\n";
    for (const ErasureItem& i : plan->keep)
        o << "  - " << i.category << ": " << i.table << " (" << i.rows << ") because " << i.reason << '\n';
    o.flush();
    if (p.isSet(dryRun))
        return 0;
    QString typed = plan->clientName;
    if (!p.isSet(yes)) {
        typed = askLine(QStringLiteral("Type the client's name to confirm: "));
        if (typed.isEmpty())
            return ctx.fail(
                QStringLiteral("Not confirmed: nothing was erased. Run in a terminal, or pass --yes."));
    }
    Erasure erasure(db);
    auto tomb = erasure.erase(id, typed, p.value(request).toLongLong(), me(*vault.value()));
    if (!tomb)
        return ctx.fail(tomb.error());
    o << "erased; tombstone " << tomb.value() << '\n';
    o.flush();
    if (auto st = syncErasureLedger(*vault.value()); !st)
        return ctx.fail(
            QStringLiteral("The client is erased, but the erasure ledger could not be written (%1): "
                           "it is written at the next sign-in. Make no restore before then.")
                .arg(st.message()));
    if (erasure.walPurgePending())
        ctx.err() << "clinicdesk-cli: note: another program is reading the vault, so the erased rows' old "
                     "pages stay in "
                     "its write-ahead log until that program closes; the next sign-in removes them.\n";
    return 0;
}

int cmdRestrict(Context& ctx)
{
    const QCommandLineOption lift(QStringLiteral("lift"), QStringLiteral("Lift the restriction instead."));
    QCommandLineParser p;
    if (!ctx.parse(p, {kClient, lift}))
        return ctx.parseExitCode();
    bool ok = false;
    const qint64 id = clientId(p, &ok);
    if (!ok)
        return ctx.fail(QStringLiteral("Give --client ID."));
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    const bool restricting = !p.isSet(lift);
    if (auto st = rights::setRestricted(vault.value()->db(), id, restricting); !st)
        return ctx.fail(st.error());
    ctx.out() << (restricting ? "restricted: client " : "restriction lifted: client ") << id
              << (restricting
                      ? " is only stored; nothing can be added or changed until the restriction is lifted\n"
                      : "\n");
    return 0;
}

} // namespace cd::cli
