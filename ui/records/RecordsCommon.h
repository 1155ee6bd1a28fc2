#pragma once

#include <QDate>
#include <QString>
#include <QStringList>
#include <QWidget>
#include <functional>

namespace cd::ui::records {

QString dateText(const QDate& d); // dd/MM/yyyy, empty for an invalid date

} // namespace cd::ui::records
