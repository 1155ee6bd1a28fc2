// appointments, batch: the day's diary and batch recalls from the command line.
#include "cli/Cli.h"
#include "diary/Diary.h"
#include "diary/ICalendar.h"
#include "records/TreatmentRecords.h"
#include "stock/Stock.h"
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

namespace {

// A day typed on the command line, or an invalid date after the message is printed.
QDate dayOption(Context& ctx, const QCommandLineParser& p, const QCommandLineOption& option)
{
    const QString text = p.value(option);
    const QDate day = QDate::fromString(text, Qt::ISODate);
    if (!day.isValid() || text.size() != 10) {
        ctx.fail(QStringLiteral("--%1 \"%2\" is not a date: use YYYY-MM-DD, e.g. 2025-03-04.")
                     .arg(option.names().constFirst(), text));
        return {};
    }
    return day;
}

} // namespace

int cmdAppointments(Context& ctx)
{
    const QCommandLineOption date(QStringLiteral("date"), QStringLiteral("One day, YYYY-MM-DD (local time)."),
                                  QStringLiteral("YYYY-MM-DD"));
    const QCommandLineOption from(QStringLiteral("from"), QStringLiteral("The first day of a range."),
                                  QStringLiteral("YYYY-MM-DD"));
    const QCommandLineOption to(QStringLiteral("to"), QStringLiteral("The last day of a range (included)."),
                                QStringLiteral("YYYY-MM-DD"));
    const QCommandLineOption ics(QStringLiteral("ics"),
                                 QStringLiteral("Write the appointments as an iCalendar file instead."),
                                 QStringLiteral("FILE"));
    QCommandLineParser p;
    if (!ctx.parse(p, {date, from, to, ics}))
        return ctx.parseExitCode();
    const bool oneDay = p.isSet(date);
    if (oneDay == (p.isSet(from) || p.isSet(to)) || (!oneDay && !(p.isSet(from) && p.isSet(to))))
        return ctx.fail(
            QStringLiteral("Give one day with --date YYYY-MM-DD, or a range with --from YYYY-MM-DD "
                           "--to YYYY-MM-DD."));
    const QDate first = dayOption(ctx, p, oneDay ? date : from);
    if (!first.isValid())
        return 1;
    const QDate last = oneDay ? first : dayOption(ctx, p, to);
    if (!last.isValid())
        return 1;
    if (last < first)
        return ctx.fail(QStringLiteral("--to %1 comes before --from %2.")
                            .arg(last.toString(Qt::ISODate), first.toString(Qt::ISODate)));
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    Database& db = vault.value()->db();
    if (p.isSet(ics)) {
        auto written = ics::exportRange(db, first, last, p.value(ics));
        if (!written)
            return ctx.fail(written.error());
        ctx.err() << "Wrote " << written.value() << (written.value() == 1 ? " appointment" : " appointments")
                  << " to " << p.value(ics)
                  << " (first names only: the file may end up in a shared calendar).\n";
        return 0;
    }
    auto list = Diary(db).range(first.startOfDay(), last.addDays(1).startOfDay());
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
    // What is left of it on the shelf, on stderr: the recipients stay the only lines on stdout.
    if (auto left = Stock(vault.value()->db()).leftOfLot(p.positionalArguments().first(), p.isSet(prefix));
        left && !left->isEmpty())
        ctx.err() << "clinicdesk-cli: " << Stock::setAsideText(left.value()) << '\n';
    return 0;
}

} // namespace cd::cli
