#pragma once

#include <QString>
#include <QStringList>

namespace cd::text {

// Lower case without diacritics: "Zoë Ó Súilleabháin" → "zoe o suilleabhain".
QString fold(const QString& s);
// Folded words: runs of letters and digits ("O'Brien-Smith" → o, brien, smith).
QStringList words(const QString& s);
// Words plus each run joined where apostrophes or hyphens split it ("obrien", "obriensmith"), so
// a name is found however its punctuation is typed.
QStringList nameTokens(const QString& s);

} // namespace cd::text
