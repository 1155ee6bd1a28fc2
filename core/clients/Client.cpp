#include "clients/Client.h"

#include <QRegularExpression>

namespace cd {

QString Client::displayName() const
{
    const QString first = preferredName.isEmpty() ? firstName : preferredName;
    return (first + QLatin1Char(' ') + lastName).trimmed();
}

QString ClientSummary::displayName() const
{
    const QString first = preferredName.isEmpty() ? firstName : preferredName;
    return (first + QLatin1Char(' ') + lastName).trimmed();
}

namespace client {

QStringList changedFields(const Client& a, const Client& b)
{
    QStringList out;
    auto check = [&](bool differs, const char* name) {
        if (differs)
            out << QLatin1String(name);
    };
    check(a.title != b.title, "title");
    check(a.firstName != b.firstName, "first_name");
    check(a.lastName != b.lastName, "last_name");
    check(a.preferredName != b.preferredName, "preferred_name");
    check(a.pronouns != b.pronouns, "pronouns");
    check(a.dateOfBirth != b.dateOfBirth, "date_of_birth");
    check(a.status != b.status, "status");
    check(a.source != b.source, "source");
    auto phones = [](const Client& c) {
        QStringList l;
        for (const auto& p : c.phones)
            l << p.label + p.e164;
        return l;
    };
    auto emails = [](const Client& c) {
        QStringList l;
        for (const auto& e : c.emails)
            l << e.label + e.address.toLower();
        return l;
    };
    auto places = [](const Client& c) {
        QStringList l;
        for (const auto& x : c.addresses)
            l << x.line1 + x.line2 + x.town + x.county + x.postcode.toUpper() + x.country;
        return l;
    };
    auto handles = [](const Client& c) {
        QStringList l;
        for (const auto& h : c.handles)
            l << h.service + h.handle;
        return l;
    };
    check(phones(a) != phones(b), "phones");
    check(emails(a) != emails(b), "emails");
    check(places(a) != places(b), "addresses");
    check(handles(a) != handles(b), "handles");
    check(a.tags != b.tags, "tags");
    return out;
}

std::pair<QString, QString> splitName(const QString& full)
{
    QStringList parts = full.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (parts.isEmpty())
        return {};
    if (parts.size() == 1)
        return {parts.first(), QString()};
    static const QStringList particles{QStringLiteral("de"),  QStringLiteral("da"),  QStringLiteral("van"),
                                       QStringLiteral("von"), QStringLiteral("le"),  QStringLiteral("la"),
                                       QStringLiteral("del"), QStringLiteral("di"),  QStringLiteral("du"),
                                       QStringLiteral("mac"), QStringLiteral("bin"), QStringLiteral("al")};
    int lastStart = int(parts.size()) - 1;
    while (lastStart > 1 && particles.contains(parts.at(lastStart - 1).toLower()))
        --lastStart;
    return {parts.mid(0, lastStart).join(QLatin1Char(' ')), parts.mid(lastStart).join(QLatin1Char(' '))};
}

bool isValidEmail(const QString& address)
{
    static const QRegularExpression re(QStringLiteral(R"(^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$)"));
    return re.match(address.trimmed()).hasMatch();
}

QStringList sources()
{
    return {QStringLiteral("website"),  QStringLiteral("phone"),  QStringLiteral("walk-in"),
            QStringLiteral("referral"), QStringLiteral("social"), QStringLiteral("advert")};
}

} // namespace client
} // namespace cd
