#include "records/RecordsCommon.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStandardPaths>

namespace cd::ui::records {

QString dateText(const QDate& d)
{
    return d.isValid() ? QLocale().toString(d, QStringLiteral("dd/MM/yyyy")) : QString();
}

QString methodLabel(const QString& method)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("card"), QCoreApplication::translate("records", "Card")},
        {QStringLiteral("cash"), QCoreApplication::translate("records", "Cash")},
        {QStringLiteral("bank_transfer"), QCoreApplication::translate("records", "Bank transfer")},
        {QStringLiteral("voucher"), QCoreApplication::translate("records", "Voucher")},
        {QStringLiteral("other"), QCoreApplication::translate("records", "Other")}};
    return names.value(method, method);
}

QString paymentKindLabel(const QString& kind)
{
    return kind == QLatin1String("refund") ? QCoreApplication::translate("records", "Refund")
                                           : QCoreApplication::translate("records", "Payment");
}

QString quoteStatusLabel(const QString& status)
{
    static const QHash<QString, QString> names{
        {QStringLiteral("draft"), QCoreApplication::translate("records", "Draft")},
        {QStringLiteral("sent"), QCoreApplication::translate("records", "Sent")},
        {QStringLiteral("accepted"), QCoreApplication::translate("records", "Accepted")},
        {QStringLiteral("declined"), QCoreApplication::translate("records", "Declined")},
        {QStringLiteral("expired"), QCoreApplication::translate("records", "Expired")}};
    return names.value(status, status);
}

} // namespace cd::ui::records
