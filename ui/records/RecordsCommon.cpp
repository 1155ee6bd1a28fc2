#include "records/RecordsCommon.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStandardPaths>

namespace cd::ui::records {

QString dateText(const QDate& d)
{
    return d.isValid() ? QLocale().toString(d, QStringLiteral("dd/MM/yyyy")) : QString();
}

} // namespace cd::ui::records
