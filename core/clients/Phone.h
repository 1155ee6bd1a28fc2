#pragma once

#include <QString>
#include <QStringList>

namespace cd::phone {

// libphonenumber with the clinic's default region (GB): "07700 900123", "+44 7700 900123" and
// "447700900123" are one number.
QString toE164(const QString& typed,
               const QString& region = QStringLiteral("GB")); // empty if not a valid number
QString formatNational(const QString& e164);                  // "07700 900123"
QString formatInternational(const QString& e164);             // "+44 7700 900123"
// The digit strings the search index holds for a number: E.164 digits, national and significant digits.
QStringList searchForms(const QString& e164);
// True when the text a user typed reads as (part of) a phone number rather than a name.
bool looksLikePhone(const QString& text);
QString digitsOnly(const QString& text);

} // namespace cd::phone
