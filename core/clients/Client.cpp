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
