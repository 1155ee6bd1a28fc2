#pragma once

#include "common/Result.h"

#include <QString>

namespace cd::money {

// Money is whole pence (qint64) everywhere in core; these turn it into and out of words.
// "£1,234.50"; negative amounts as "-£5.00".
QString format(qint64 pence);
// Accepts "12", "12.5", "12.50", "£1,234.50" (spaces ignored); at most two decimals, not negative.
Result<qint64> parse(const QString& text);

} // namespace cd::money
