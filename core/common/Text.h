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
// A count in English words, for text that no translation reaches (the audit log, the command line):
// count(1, "record", "records") → "1 record", count(3, …) → "3 records". Never "record(s)".
QString count(qint64 n, const char* one, const char* many);

} // namespace cd::text
