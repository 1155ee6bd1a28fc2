#include "clients/Phone.h"

#include <phonenumbers/phonenumberutil.h>

namespace cd::phone {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

namespace {

bool parse(const QString& text, const QString& region, PhoneNumber* out)
{
    const auto* util = PhoneNumberUtil::GetInstance();
    QString t = text.trimmed();
    // "447700900123" without a plus is a number in international form, not a GB national one.
    if (!t.startsWith(QLatin1Char('+')) && !digitsOnly(t).startsWith(QLatin1Char('0')) &&
        digitsOnly(t).size() > 10)
        t.prepend(QLatin1Char('+'));
    return util->Parse(t.toStdString(), region.toStdString(), out) == PhoneNumberUtil::NO_PARSING_ERROR;
}

QString format(const QString& e164, PhoneNumberUtil::PhoneNumberFormat fmt)
{
    PhoneNumber pn;
    if (e164.isEmpty() || !parse(e164, QStringLiteral("GB"), &pn))
        return e164;
    std::string out;
    PhoneNumberUtil::GetInstance()->Format(pn, fmt, &out);
    return QString::fromStdString(out);
}

} // namespace

QString digitsOnly(const QString& text)
{
    QString d;
    for (const QChar c : text)
        if (c.isDigit())
            d += c;
    return d;
}

namespace {

QString e164Of(const QString& typed, const QString& region)
{
    PhoneNumber pn;
    // "Possible" (right length for its country) rather than "valid": libphonenumber's ranges lag
    // Ofcom's allocations (and its drama range 07700 900xxx), and a clinic must keep the number it was given.
    // Numbers only diallable locally (no area code) are refused: a clinic calls back from anywhere.
    if (!parse(typed, region, &pn) ||
        PhoneNumberUtil::GetInstance()->IsPossibleNumberWithReason(pn) != PhoneNumberUtil::IS_POSSIBLE)
        return {};
    std::string out;
    PhoneNumberUtil::GetInstance()->Format(pn, PhoneNumberUtil::E164, &out);
    return QString::fromStdString(out);
}

} // namespace

QString toE164(const QString& typed, const QString& region)
{
    // A stored number must read back as itself, or searching for it would miss it. Junk such as
    // "0000000002" passes the length test but comes back as another number (found by fuzz_search).
    const QString e164 = e164Of(typed, region);
    if (e164.isEmpty() || e164Of(e164, region) != e164)
        return {};
    return e164;
}

QString formatNational(const QString& e164)
{
    return format(e164, PhoneNumberUtil::NATIONAL);
}

QString formatInternational(const QString& e164)
{
    return format(e164, PhoneNumberUtil::INTERNATIONAL);
}

QStringList searchForms(const QString& e164)
{
    PhoneNumber pn;
    if (e164.isEmpty() || !parse(e164, QStringLiteral("GB"), &pn))
        return {};
    std::string nsn;
    PhoneNumberUtil::GetInstance()->GetNationalSignificantNumber(pn, &nsn);
    const QString significant = QString::fromStdString(nsn);
    QStringList forms{digitsOnly(e164), significant};
    if (pn.country_code() == 44)
        forms << QLatin1Char('0') + significant;
    forms.removeDuplicates();
    return forms;
}

bool looksLikePhone(const QString& text)
{
    int digits = 0;
    for (const QChar c : text) {
        if (c.isDigit())
            ++digits;
        else if (!c.isSpace() && c != QLatin1Char('+') && c != QLatin1Char('(') && c != QLatin1Char(')') &&
                 c != QLatin1Char('-'))
            return false;
    }
    return digits >= 3;
}

} // namespace cd::phone
