#include "common/Limits.h"

#include <QLocale>
#include <QObject>

namespace cd::limits {

Status check(const QString& value, int max, const QString& field)
{
    if (value.size() <= max)
        return {};
    return makeError(Error::Kind::Invalid,
                     QObject::tr("%1 is %2 characters long; it can hold at most %3. "
                                 "Shorten it.")
                         .arg(field, QLocale().toString(value.size()), QLocale().toString(max)));
}

} // namespace cd::limits
