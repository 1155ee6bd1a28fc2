// What a client record must be before it is stored: a name, every field within its length limit
// (common/Limits.h), email addresses and phone numbers that parse, no birthday in the future. The
// desktop, the command line and the CSV import all meet these rules here.
#include "clients/ClientStore.h"
#include "clients/Phone.h"
#include "common/Clock.h"
#include "common/Limits.h"

#include <QObject>

namespace cd {

namespace {

// Every text field of a client within its limit (common/Limits.h), the first one over named.
Status checkLengths(const Client& c)
{
    using namespace limits;
    const std::pair<const QString*, std::pair<int, const char*>> fields[] = {
        {&c.title, {kShort, QT_TRANSLATE_NOOP("QObject", "The title")}},
        {&c.firstName, {kName, QT_TRANSLATE_NOOP("QObject", "The first name")}},
        {&c.lastName, {kName, QT_TRANSLATE_NOOP("QObject", "The last name")}},
        {&c.preferredName, {kName, QT_TRANSLATE_NOOP("QObject", "The preferred name")}},
        {&c.pronouns, {kShort, QT_TRANSLATE_NOOP("QObject", "The pronouns")}},
        {&c.source, {kShort, QT_TRANSLATE_NOOP("QObject", "Where they came from")}},
    };
    for (const auto& [value, limit] : fields)
        if (auto st = check(*value, limit.first, QObject::tr(limit.second)); !st)
            return st;
    for (const PhoneNumber& p : c.phones) {
        if (auto st = check(p.number, kPhone, QObject::tr("A phone number")); !st)
            return st;
        if (auto st = check(p.label, kShort, QObject::tr("A phone number's label")); !st)
            return st;
    }
    for (const EmailAddress& e : c.emails)
        if (auto st = check(e.address, kEmail, QObject::tr("An email address")); !st)
            return st;
    for (const PostalAddress& a : c.addresses)
        for (const auto& [value, what] :
             {std::pair{&a.line1, QT_TRANSLATE_NOOP("QObject", "An address's first line")},
              std::pair{&a.line2, QT_TRANSLATE_NOOP("QObject", "An address's second line")},
              std::pair{&a.town, QT_TRANSLATE_NOOP("QObject", "A town")},
              std::pair{&a.county, QT_TRANSLATE_NOOP("QObject", "A county")},
              std::pair{&a.country, QT_TRANSLATE_NOOP("QObject", "A country")}})
            if (auto st = check(*value, kAddressLine, QObject::tr(what)); !st)
                return st;
    for (const PostalAddress& a : c.addresses)
        if (auto st = check(a.postcode, kPostcode, QObject::tr("A postcode")); !st)
            return st;
    for (const MessagingHandle& h : c.handles) {
        if (auto st = check(h.service, kShort, QObject::tr("A messaging service")); !st)
            return st;
        if (auto st = check(h.handle, kHandle, QObject::tr("A messaging handle")); !st)
            return st;
    }
    for (const QString& tag : c.tags)
        if (auto st = check(tag, kTag, QObject::tr("A tag")); !st)
            return st;
    return {};
}

} // namespace

Status ClientStore::validate(Client& c)
{
    c.firstName = c.firstName.simplified();
    c.lastName = c.lastName.simplified();
    if (c.firstName.isEmpty() && c.lastName.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Enter a first or last name."));
    if (auto st = checkLengths(c); !st)
        return st;
    for (EmailAddress& e : c.emails) {
        e.address = e.address.trimmed();
        if (!client::isValidEmail(e.address))
            return makeError(Error::Kind::Invalid,
                             QObject::tr("\"%1\" is not an email address (it needs a name, @ and a domain).")
                                 .arg(e.address));
    }
    for (PhoneNumber& p : c.phones) {
        p.number = p.number.trimmed();
        p.e164 = phone::toE164(p.number);
        if (p.e164.isEmpty())
            return makeError(
                Error::Kind::Invalid,
                QObject::tr("\"%1\" is not a valid phone number. UK numbers start with 0 or +44; "
                            "others need their country code (+33 ...).")
                    .arg(p.number));
    }
    if (c.dateOfBirth.isValid() && c.dateOfBirth > Clock::today())
        return makeError(Error::Kind::Invalid, QObject::tr("The date of birth is in the future."));
    return {};
}

} // namespace cd
