#include "records/Money.h"

#include <QObject>
#include <QRegularExpression>

namespace cd::money {

QString format(qint64 pence)
{
    const bool negative = pence < 0;
    const quint64 abs = negative ? quint64(-(pence + 1)) + 1 : quint64(pence);
    QString pounds = QString::number(abs / 100);
    for (int i = int(pounds.size()) - 3; i > 0; i -= 3)
        pounds.insert(i, QLatin1Char(','));
    return QStringLiteral("%1£%2.%3")
        .arg(negative ? QStringLiteral("-") : QString(), pounds)
        .arg(abs % 100, 2, 10, QLatin1Char('0'));
}

Result<qint64> parse(const QString& text)
{
    QString t = text;
    t.remove(QLatin1Char(' ')).remove(QLatin1Char(',')).remove(QChar(0x00A3));
    static const QRegularExpression re(QStringLiteral("^(\\d{1,9})(?:\\.(\\d{1,2}))?$"));
    const auto m = re.match(t);
    if (!m.hasMatch())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("\"%1\" is not an amount of money: type pounds and pence, e.g. 149.50.")
                             .arg(text.trimmed()));
    const qint64 pounds = m.captured(1).toLongLong();
    const QString p = m.captured(2);
    const qint64 pence = p.isEmpty() ? 0 : p.size() == 1 ? p.toLongLong() * 10 : p.toLongLong();
    return pounds * 100 + pence;
}

} // namespace cd::money
