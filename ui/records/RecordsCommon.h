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

// Asks where to save an export (suggested file name, filter); tests replace it. Empty: cancelled.
extern std::function<QString(QWidget*, const QString& suggested, const QString& filter)> chooseFile;

QString dateText(const QDate& d); // dd/MM/yyyy, empty for an invalid date
QString methodLabel(const QString& method);
QString paymentKindLabel(const QString& kind); // "Payment", "Refund"
QString quoteStatusLabel(const QString& status);

} // namespace cd::ui::records
