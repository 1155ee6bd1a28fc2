#pragma once

#include <QDate>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <functional>

namespace cd {
class Database;
}

namespace cd::ui::records {

QString dateText(const QDate& d); // dd/MM/yyyy, empty for an invalid date
QString methodLabel(const QString& method);
QString paymentKindLabel(const QString& kind); // "Payment", "Refund"
QString quoteStatusLabel(const QString& status);

} // namespace cd::ui::records
