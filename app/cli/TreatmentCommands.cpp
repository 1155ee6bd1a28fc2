// treatments: a client's treatment records with their face charts, one JSON object per line, and
// `treatments pdf` to print one.
#include "cli/Cli.h"
#include "records/TreatmentRecords.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

#include <QJsonArray>
#include <QJsonObject>

namespace cd::cli {

namespace {

const QCommandLineOption kClient(QStringLiteral("client"), QStringLiteral("The client's number."),
                                 QStringLiteral("ID"));

QJsonValue orNull(const QString& s)
{
    return s.isEmpty() ? QJsonValue() : QJsonValue(s);
}

QJsonObject recordJson(const TreatmentRecord& r)
{
    QJsonArray chart;
    for (const ChartPoint& p : r.chart)
        chart.append(
            QJsonObject{{QStringLiteral("view"), vocab::code(p.view)},
                        {QStringLiteral("x"), p.x},
                        {QStringLiteral("y"), p.y},
                        {QStringLiteral("product"), orNull(p.product)},
                        {QStringLiteral("batch"), orNull(p.batchNumber)},
                        {QStringLiteral("amount"), p.amount > 0 ? QJsonValue(p.amount) : QJsonValue()},
                        {QStringLiteral("unit"), orNull(p.unit)},
                        {QStringLiteral("note"), orNull(p.note)}});
    QJsonArray photos;
    for (qint64 id : r.photoIds)
        photos.append(double(id));
    return {{QStringLiteral("id"), double(r.id)},
            {QStringLiteral("client_id"), double(r.clientId)},
            {QStringLiteral("given_on"), r.givenOn.toString(Qt::ISODate)},
            {QStringLiteral("practitioner"), orNull(r.practitionerName)},
            {QStringLiteral("treatment"), r.treatment},
            {QStringLiteral("areas"), orNull(r.areas)},
            {QStringLiteral("product"), orNull(r.product)},
            {QStringLiteral("batch"), orNull(r.batchNumber)},
            {QStringLiteral("expiry"),
             r.expiryDate.isValid() ? QJsonValue(r.expiryDate.toString(Qt::ISODate)) : QJsonValue()},
            {QStringLiteral("quantity"), r.quantity > 0 ? QJsonValue(r.quantity) : QJsonValue()},
            {QStringLiteral("unit"), orNull(r.quantityUnit)},
            {QStringLiteral("consent"), orNull(r.consentFormRef)},
            {QStringLiteral("aftercare_given"), r.aftercareGiven},
            {QStringLiteral("chart"), chart},
            {QStringLiteral("photos"), photos}};
}

int pdf(Context& ctx)
{
    const QCommandLineOption record(QStringLiteral("record"),
                                    QStringLiteral("The treatment record's number."), QStringLiteral("ID"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Where to write the PDF."),
                                 QStringLiteral("FILE.pdf"));
    QCommandLineParser p;
    if (!ctx.parse(p, {record, out}))
        return ctx.parseExitCode();
    bool idOk = false;
    const qint64 id = p.value(record).toLongLong(&idOk);
    if (!idOk || !p.isSet(out))
        return ctx.fail(QStringLiteral("Give --record ID --out FILE.pdf (treatments --client ID lists the "
                                       "records)."));
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    if (auto st = TreatmentRecords(vault.value()->db()).exportPdf(id, p.value(out)); !st)
        return ctx.fail(st.error());
    ctx.out() << "Wrote treatment record " << id << " to " << p.value(out) << "\n";
    return 0;
}

} // namespace

int cmdTreatments(Context& ctx)
{
    if (auto done = ctx.subcommand({{"pdf", pdf}}))
        return *done;
    QCommandLineParser p;
    if (!ctx.parse(p, {kClient}))
        return ctx.parseExitCode();
    bool idOk = false;
    const qint64 client = p.value(kClient).toLongLong(&idOk);
    if (!idOk)
        return ctx.fail(QStringLiteral("Give --client ID for a client's treatment records; `treatments pdf "
                                       "--record ID --out FILE.pdf` prints one."));
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    auto records = TreatmentRecords(vault.value()->db()).forClient(client);
    if (!records)
        return ctx.fail(records.error());
    for (const TreatmentRecord& r : records.value())
        ctx.printJsonLine(recordJson(r));
    return 0;
}

} // namespace cd::cli
