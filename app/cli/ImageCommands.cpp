// add-images, images: a client's quote and treatment photos from the command line.
#include "accounts/Staff.h"
#include "cli/Cli.h"
#include "common/Text.h"
#include "images/ImageStore.h"
#include "vault/Vault.h"

#include <QFileInfo>
#include <QJsonObject>

namespace cd::cli {

namespace {

const QCommandLineOption kClient(QStringLiteral("client"), QStringLiteral("The client's id."),
                                 QStringLiteral("ID"));

qint64 clientId(const QCommandLineParser& p)
{
    bool ok = false;
    const qint64 id = p.value(kClient).toLongLong(&ok);
    return ok && id > 0 ? id : 0;
}

} // namespace

int cmdAddImages(Context& ctx)
{
    const QCommandLineOption kind(
        QStringLiteral("kind"),
        QStringLiteral("quote_request, mockup, before, after, progress or other (default)."),
        QStringLiteral("K"), QStringLiteral("other"));
    const QCommandLineOption area(
        QStringLiteral("area"),
        QStringLiteral("forehead, glabella, crows_feet, lips, cheeks, jawline, neck or other (default)."),
        QStringLiteral("A"), QStringLiteral("other"));
    const QCommandLineOption takenOn(QStringLiteral("taken-on"),
                                     QStringLiteral("Date taken, YYYY-MM-DD (default: today)."),
                                     QStringLiteral("DATE"));
    const QCommandLineOption caption(QStringLiteral("caption"), QStringLiteral("A caption for every file."),
                                     QStringLiteral("TEXT"));
    const QCommandLineOption consent(QStringLiteral("consent"),
                                     QStringLiteral("clinical_only (default) or marketing."),
                                     QStringLiteral("C"), QStringLiteral("clinical_only"));
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("JPEG, PNG, WebP or HEIC files."),
                            QStringLiteral("FILE..."));
    if (!ctx.parse(p, {kClient, kind, area, takenOn, caption, consent}))
        return ctx.parseExitCode();
    const qint64 client = clientId(p);
    if (client == 0)
        return ctx.fail(QStringLiteral("--client ID is required (a number; `search` shows ids)."));
    if (p.positionalArguments().isEmpty())
        return ctx.fail(QStringLiteral(
            "Name at least one file: clinicdesk-cli add-images --vault DIR --client ID FILE..."));
    ImageDetails d;
    const auto k = imaging::parseKind(p.value(kind));
    if (!k)
        return ctx.fail(QStringLiteral("Unknown image kind \"%1\". Use one of: %2.")
                            .arg(p.value(kind), vocab::codes<ImageKind>().join(QStringLiteral(", "))));
    const auto a = imaging::parseArea(p.value(area));
    if (!a)
        return ctx.fail(QStringLiteral("Unknown treatment area \"%1\". Use one of: %2.")
                            .arg(p.value(area), vocab::codes<FaceArea>().join(QStringLiteral(", "))));
    const auto c = vocab::fromCode<ImageConsent>(p.value(consent));
    if (!c)
        return ctx.fail(QStringLiteral("Unknown photo consent \"%1\". Use clinical_only or marketing.")
                            .arg(p.value(consent)));
    d.kind = *k;
    d.area = *a;
    d.consent = *c;
    d.caption = p.value(caption);
    if (p.isSet(takenOn)) {
        d.takenOn = QDate::fromString(p.value(takenOn), Qt::ISODate);
        if (!d.takenOn.isValid())
            return ctx.fail(
                QStringLiteral("--taken-on needs a date as YYYY-MM-DD, not \"%1\".").arg(p.value(takenOn)));
    }
    if (auto st = ImageStore::validate(d); !st)
        return ctx.fail(st.error());
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    Database& db = vault.value()->db();
    auto me = staff::byUsername(db, vault.value()->user());
    ImageStore store(db);
    int failed = 0;
    for (const QString& path : p.positionalArguments()) {
        auto id = store.importFile(client, path, d, me ? me->id : 0);
        if (id) {
            auto rec = store.get(id.value());
            ctx.out() << path << ": added as image " << id.value();
            if (rec)
                ctx.out() << QStringLiteral(" (%1×%2)").arg(rec->width).arg(rec->height);
            ctx.out() << '\n';
        } else {
            ++failed;
            ctx.err() << path << ": error: " << id.message() << '\n';
        }
        ctx.out().flush();
        ctx.err().flush();
    }
    if (failed > 0)
        return ctx.fail(QStringLiteral("%1 of %2 not added.")
                            .arg(failed)
                            .arg(text::count(p.positionalArguments().size(), "file", "files")));
    return 0;
}

int cmdImages(Context& ctx)
{
    QCommandLineParser p;
    if (!ctx.parse(p, {kClient}))
        return ctx.parseExitCode();
    const qint64 client = clientId(p);
    if (client == 0)
        return ctx.fail(QStringLiteral("--client ID is required (a number; `search` shows ids)."));
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    auto images = ImageStore(vault.value()->db()).list(client);
    if (!images)
        return ctx.fail(images.error());
    for (const ImageRecord& r : images.value())
        ctx.printJsonLine({{QStringLiteral("id"), double(r.id)},
                           {QStringLiteral("kind"), vocab::code(r.details.kind)},
                           {QStringLiteral("area"), vocab::code(r.details.area)},
                           {QStringLiteral("taken_on"), r.details.takenOn.toString(Qt::ISODate)},
                           {QStringLiteral("caption"), r.details.caption},
                           {QStringLiteral("consent"), vocab::code(r.details.consent)},
                           {QStringLiteral("original_name"), r.originalName},
                           {QStringLiteral("mime_type"), r.mimeType},
                           {QStringLiteral("width"), r.width},
                           {QStringLiteral("height"), r.height},
                           {QStringLiteral("sha256"), r.sha256}});
    return 0;
}

} // namespace cd::cli
