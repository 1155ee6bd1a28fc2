// appointments, batch: the day's diary and batch recalls from the command line.
#include "cli/Cli.h"
#include "diary/Diary.h"
#include "records/TreatmentRecords.h"
#include "vault/Vault.h"

#include <QJsonArray>
#include <QJsonObject>

namespace cd::cli {

namespace {

QString localIso(const QDateTime& t)
{
    return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss"));
}

QJsonValue dateOrNull(const QDate& d)
{
    return d.isValid() ? QJsonValue(d.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

} // namespace

int cmdAppointments(Context& ctx)
{
    const QCommandLineOption date(QStringLiteral("date"), QStringLiteral("The day, YYYY-MM-DD (local time)."),
                                  QStringLiteral("YYYY-MM-DD"));
    QCommandLineParser p;
    if (!ctx.parse(p, {date}))
        return ctx.parseExitCode();
    if (!p.isSet(date))
        return ctx.fail(QStringLiteral("--date YYYY-MM-DD is required."));
    const QDate day = QDate::fromString(p.value(date), Qt::ISODate);
    if (!day.isValid() || p.value(date).size() != 10)
        return ctx.fail(
            QStringLiteral("\"%1\" is not a date: use YYYY-MM-DD, e.g. 2025-03-04.").arg(p.value(date)));
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    auto list = Diary(vault.value()->db()).day(day);
    if (!list)
        return ctx.fail(list.error());
    for (const Appointment& a : list.value())
        ctx.printJsonLine({{QStringLiteral("id"), double(a.id)},
                           {QStringLiteral("client_id"), double(a.clientId)},
                           {QStringLiteral("client"), a.clientName},
                           {QStringLiteral("starts"), localIso(a.startsAt)},
                           {QStringLiteral("ends"), localIso(a.endsAt())},
                           {QStringLiteral("duration"), a.durationMinutes},
                           {QStringLiteral("kind"), vocab::code(a.kind)},
                           {QStringLiteral("practitioner"), a.practitionerName},
                           {QStringLiteral("room"),
                            a.roomName.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(a.roomName)},
                           {QStringLiteral("treatment"), a.treatment},
                           {QStringLiteral("status"), vocab::code(a.status)}});
    return 0;
}

int cmdBatch(Context& ctx)
{
    const QCommandLineOption prefix(QStringLiteral("prefix"),
                                    QStringLiteral("Match batch numbers that start with LOT."));
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("LOT"), QStringLiteral("The batch (lot) number, any case."));
    if (!ctx.parse(p, {prefix}))
        return ctx.parseExitCode();
    if (p.positionalArguments().size() != 1 || p.positionalArguments().first().trimmed().isEmpty())
        return ctx.fail(QStringLiteral("Give one batch number: clinicdesk-cli batch --vault DIR LOT"));
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    auto found = TreatmentRecords(vault.value()->db())
                     .whoReceivedBatch(p.positionalArguments().first(),
                                       p.isSet(prefix) ? BatchMatch::Prefix : BatchMatch::Exact);
    if (!found)
        return ctx.fail(found.error());
    for (const BatchRecipient& b : found.value())
        ctx.printJsonLine({{QStringLiteral("client_id"), double(b.clientId)},
                           {QStringLiteral("name"), b.name},
                           {QStringLiteral("phones"), QJsonArray::fromStringList(b.phones)},
                           {QStringLiteral("emails"), QJsonArray::fromStringList(b.emails)},
                           {QStringLiteral("treatment_date"), dateOrNull(b.givenOn)},
                           {QStringLiteral("treatment"), b.treatment},
                           {QStringLiteral("product"), b.product},
                           {QStringLiteral("batch"), b.batchNumber},
                           {QStringLiteral("expiry"), dateOrNull(b.expiryDate)},
                           {QStringLiteral("erased"), b.erased}});
    if (found->isEmpty())
        ctx.err() << "clinicdesk-cli: no treatment record has batch "
                  << p.positionalArguments().first().trimmed() << ".\n";
    return 0;
}

} // namespace cd::cli
