// forms: the clinic's form templates, a client's signed forms, and `forms sign` for scripts and for
// forms signed elsewhere; `forms template` saves a template's next version.
#include "cli/Cli.h"
#include "forms/Forms.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace cd::cli {

namespace {

const QCommandLineOption kClient(QStringLiteral("client"), QStringLiteral("The client's number."),
                                 QStringLiteral("ID"));

QJsonObject templateJson(const FormTemplate& t)
{
    return t.toJson(); // name, version, kind, intro, questions (id, kind, text, required, options ...)
}

QJsonObject formJson(const SignedForm& f)
{
    QJsonObject o{{QStringLiteral("id"), double(f.id)},
                  {QStringLiteral("client_id"), double(f.clientId)},
                  {QStringLiteral("template"), f.form.name},
                  {QStringLiteral("version"), f.form.version},
                  {QStringLiteral("signed_at"), f.signedAt.toUTC().toString(Qt::ISODate)},
                  {QStringLiteral("signed_by"), f.signedByName},
                  {QStringLiteral("sha256"), f.sha256},
                  // Locked from signing; false when what is stored no longer hashes to what was signed;
                  // null when this session cannot open the form to check (the front desk).
                  {QStringLiteral("locked"), f.contentRead ? QJsonValue(f.intact) : QJsonValue()},
                  // Whether the content was opened and its hash checked (the clinical key).
                  {QStringLiteral("checked"), f.contentRead}};
    if (f.replaces > 0)
        o.insert(QStringLiteral("replaces"), double(f.replaces));
    if (!f.problem.isEmpty())
        o.insert(QStringLiteral("problem"), f.problem); // why it is not as signed, in words
    return o;
}

Result<QByteArray> readFile(const QString& path, const char* what)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(
            Error::Kind::Invalid,
            QStringLiteral("Cannot read the %1 file %2: %3").arg(QLatin1String(what), path, f.errorString()));
    return f.readAll();
}

// The answers file: {"question_id": "yes" | true | "text" | {"value": ..., "detail": ...}, ...}.
Result<QHash<QString, FormAnswer>> readAnswers(const QByteArray& bytes)
{
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return makeError(
            Error::Kind::Invalid,
            QStringLiteral("The answers file is not a JSON object of question ids to answers%1.")
                .arg(error.error != QJsonParseError::NoError
                         ? QStringLiteral(" (%1 at byte %2)").arg(error.errorString()).arg(error.offset)
                         : QString()));
    QHash<QString, FormAnswer> out;
    const QJsonObject o = doc.object();
    for (auto it = o.begin(); it != o.end(); ++it) {
        FormAnswer a;
        const QJsonValue v = it.value();
        if (v.isObject()) {
            a.value = v.toObject().value(QStringLiteral("value")).toVariant().toString();
            a.detail = v.toObject().value(QStringLiteral("detail")).toString();
            if (v.toObject().value(QStringLiteral("value")).isBool())
                a.value = v.toObject().value(QStringLiteral("value")).toBool() ? QStringLiteral("yes")
                                                                               : QStringLiteral("no");
        } else if (v.isBool()) {
            a.value = v.toBool() ? QStringLiteral("yes") : QStringLiteral("no");
        } else if (v.isString() || v.isDouble()) {
            a.value = v.toVariant().toString();
        } else {
            return makeError(Error::Kind::Invalid,
                             QStringLiteral("The answer to “%1” should be text, true/false, or "
                                            "{\"value\": ..., \"detail\": ...}.")
                                 .arg(it.key()));
        }
        out.insert(it.key(), a);
    }
    return out;
}

int sign(Context& ctx)
{
    const QCommandLineOption templ(QStringLiteral("template"), QStringLiteral("The form's name."),
                                   QStringLiteral("NAME"));
    const QCommandLineOption answers(QStringLiteral("answers"),
                                     QStringLiteral("A JSON file mapping question ids to answers."),
                                     QStringLiteral("FILE.json"));
    const QCommandLineOption signature(QStringLiteral("signature"),
                                       QStringLiteral("The client's signature, a PNG image."),
                                       QStringLiteral("FILE.png"));
    const QCommandLineOption replaces(QStringLiteral("replaces"),
                                      QStringLiteral("The id of the form this one corrects."),
                                      QStringLiteral("ID"));
    const QCommandLineOption signedAt(QStringLiteral("signed-at"),
                                      QStringLiteral("When a form signed elsewhere was signed (ISO 8601)."),
                                      QStringLiteral("TIME"));
    QCommandLineParser p;
    if (!ctx.parse(p, {kClient, templ, answers, signature, replaces, signedAt}))
        return ctx.parseExitCode();
    bool idOk = false;
    const qint64 client = p.value(kClient).toLongLong(&idOk);
    if (!idOk || !p.isSet(templ) || !p.isSet(answers) || !p.isSet(signature))
        return ctx.fail(
            QStringLiteral("Give --client ID --template NAME --answers FILE.json --signature FILE.png."));
    Forms::Signing s;
    s.clientId = client;
    s.templateName = p.value(templ);
    if (p.isSet(replaces)) {
        s.replaces = p.value(replaces).toLongLong(&idOk);
        if (!idOk)
            return ctx.fail(
                QStringLiteral("--replaces takes the id of a form (forms --client ID lists them)."));
    }
    if (p.isSet(signedAt)) {
        s.signedAt = QDateTime::fromString(p.value(signedAt), Qt::ISODate);
        if (!s.signedAt.isValid())
            return ctx.fail(QStringLiteral("--signed-at takes a time such as 2026-03-04T10:30:00Z."));
    }
    auto answerBytes = readFile(p.value(answers), "answers");
    if (!answerBytes)
        return ctx.fail(answerBytes.error());
    auto parsed = readAnswers(answerBytes.value());
    if (!parsed)
        return ctx.fail(parsed.error());
    s.answers = parsed.value();
    auto png = readFile(p.value(signature), "signature");
    if (!png)
        return ctx.fail(png.error());
    s.signaturePng = png.value();
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    auto form = Forms(vault.value()->db()).sign(s);
    if (!form)
        return ctx.fail(form.error());
    ctx.printJsonLine(formJson(form.value()));
    return 0;
}

int saveTemplate(Context& ctx)
{
    const QCommandLineOption file(QStringLiteral("file"),
                                  QStringLiteral("The template as JSON (as `forms templates` prints it)."),
                                  QStringLiteral("FILE.json"));
    QCommandLineParser p;
    if (!ctx.parse(p, {file}))
        return ctx.parseExitCode();
    if (!p.isSet(file))
        return ctx.fail(QStringLiteral("Give --file FILE.json (start from a line of `forms templates`)."));
    auto bytes = readFile(p.value(file), "template");
    if (!bytes)
        return ctx.fail(bytes.error());
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.value());
    if (!doc.isObject())
        return ctx.fail(QStringLiteral("The template file is not a JSON object."));
    auto t = FormTemplate::fromJson(doc.object());
    if (!t)
        return ctx.fail(t.error());
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    auto saved = Forms(vault.value()->db()).saveTemplate(t.value());
    if (!saved)
        return ctx.fail(saved.error());
    ctx.printJsonLine(templateJson(saved.value()));
    return 0;
}

int templates(Context& ctx)
{
    QCommandLineParser p;
    if (!ctx.parse(p, {}))
        return ctx.parseExitCode();
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    auto list = Forms(vault.value()->db()).templates();
    if (!list)
        return ctx.fail(list.error());
    for (const FormTemplate& t : list.value())
        ctx.printJsonLine(templateJson(t));
    return 0;
}

} // namespace

int cmdForms(Context& ctx)
{
    if (auto done = ctx.subcommand({{"templates", templates}, {"sign", sign}, {"template", saveTemplate}}))
        return *done;
    QCommandLineParser p;
    if (!ctx.parse(p, {kClient}))
        return ctx.parseExitCode();
    bool idOk = false;
    const qint64 client = p.value(kClient).toLongLong(&idOk);
    if (!idOk)
        return ctx.fail(
            QStringLiteral("Give --client ID for a client's forms; `forms templates` lists the forms, "
                           "`forms sign` signs one."));
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    auto forms = Forms(vault.value()->db()).forClient(client);
    if (!forms)
        return ctx.fail(forms.error());
    for (const SignedForm& f : forms.value())
        ctx.printJsonLine(formJson(f));
    return 0;
}

} // namespace cd::cli
