// stock: batches received, what is left and their status; `stock receive` records a delivery.
#include "cli/Cli.h"
#include "stock/Stock.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

#include <QJsonObject>

namespace cd::cli {

namespace {

int receive(Context& ctx)
{
    const QCommandLineOption product(QStringLiteral("product"), QStringLiteral("The product's name."),
                                     QStringLiteral("NAME"));
    const QCommandLineOption batch(QStringLiteral("batch"),
                                   QStringLiteral("The batch (lot) number on the pack."),
                                   QStringLiteral("LOT"));
    const QCommandLineOption expiry(QStringLiteral("expiry"),
                                    QStringLiteral("The batch's expiry date, YYYY-MM-DD."),
                                    QStringLiteral("DATE"));
    const QCommandLineOption quantity(QStringLiteral("quantity"), QStringLiteral("How much came in."),
                                      QStringLiteral("N"));
    const QCommandLineOption unit(QStringLiteral("unit"), QStringLiteral("units (default) or ml."),
                                  QStringLiteral("UNIT"), QStringLiteral("units"));
    QCommandLineParser p;
    if (!ctx.parse(p, {product, batch, expiry, quantity, unit}))
        return ctx.parseExitCode();
    bool ok = false;
    const double n = p.value(quantity).toDouble(&ok);
    const QDate day = QDate::fromString(p.value(expiry), Qt::ISODate);
    if (!p.isSet(product) || !p.isSet(batch) || !day.isValid() || !ok)
        return ctx.fail(QStringLiteral(
            "Give --product NAME --batch LOT --expiry YYYY-MM-DD --quantity N [--unit units|ml]."));
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    Stock stock(vault.value()->db());
    auto id = stock.receive(p.value(product), p.value(batch), day, n, p.value(unit));
    if (!id)
        return ctx.fail(id.error());
    auto b = stock.get(id.value());
    if (!b)
        return ctx.fail(b.error());
    ctx.printJsonLine(stockJson(b.value()));
    return 0;
}

} // namespace

QJsonObject stockJson(const StockBatch& b)
{
    return QJsonObject{{QStringLiteral("product"), b.product},
                       {QStringLiteral("batch"), b.batchNumber},
                       {QStringLiteral("expiry"), b.expiry.toString(Qt::ISODate)},
                       {QStringLiteral("received"), b.received},
                       {QStringLiteral("remaining"), b.remaining},
                       {QStringLiteral("unit"), b.unit},
                       {QStringLiteral("status"), vocab::code(b.status)}};
}

int cmdStock(Context& ctx)
{
    if (ctx.args().value(1) == QLatin1String("receive")) {
        QStringList rest = ctx.args();
        rest.removeAt(1);
        Context sub(rest, ctx.out(), ctx.err());
        return receive(sub);
    }
    QCommandLineParser p;
    if (!ctx.parse(p, {}))
        return ctx.parseExitCode();
    auto vault = ctx.openVault(p);
    if (!vault)
        return ctx.fail(vault.error());
    auto batches = Stock(vault.value()->db()).list();
    if (!batches)
        return ctx.fail(batches.error());
    for (const StockBatch& b : batches.value())
        ctx.printJsonLine(stockJson(b));
    return 0;
}

} // namespace cd::cli
