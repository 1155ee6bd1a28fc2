#include "privacy/UkCalendar.h"

#include <algorithm>

namespace cd {

namespace {

bool weekend(const QDate& d)
{
    return d.dayOfWeek() >= 6;
}

QDate firstMonday(int year, int month)
{
    QDate d(year, month, 1);
    while (d.dayOfWeek() != 1)
        d = d.addDays(1);
    return d;
}

QDate lastMonday(int year, int month)
{
    QDate d(year, month, QDate(year, month, 1).daysInMonth());
    while (d.dayOfWeek() != 1)
        d = d.addDays(-1);
    return d;
}

} // namespace

UkCalendar::UkCalendar(Nation nation, QList<Change> changes) : m_nation(nation), m_changes(std::move(changes))
{
}

QDate UkCalendar::easterSunday(int year)
{
    // Anonymous Gregorian algorithm (Meeus/Jones/Butcher).
    const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
    const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31, day = ((h + l - 7 * m + 114) % 31) + 1;
    return {year, month, day};
}

QString UkCalendar::nationKey(Nation n)
{
    switch (n) {
    case Nation::EnglandWales:
        return QStringLiteral("england-wales");
    case Nation::Scotland:
        return QStringLiteral("scotland");
    case Nation::NorthernIreland:
        return QStringLiteral("northern-ireland");
    }
    return {};
}

UkCalendar::Nation UkCalendar::nationFromKey(const QString& key)
{
    if (key == QLatin1String("scotland"))
        return Nation::Scotland;
    if (key == QLatin1String("northern-ireland"))
        return Nation::NorthernIreland;
    return Nation::EnglandWales;
}

QSet<QDate> UkCalendar::bankHolidays(int year) const
{
    // Fixed-date holidays in calendar order; one that falls on a weekend moves to the next weekday
    // that is not already a holiday (so Christmas on Saturday gives Monday 27th, Boxing Day Tuesday 28th).
    QList<QDate> fixed{QDate(year, 1, 1)};
    if (m_nation == Nation::Scotland)
        fixed << QDate(year, 1, 2);
    if (m_nation == Nation::NorthernIreland)
        fixed << QDate(year, 3, 17) << QDate(year, 7, 12);
    if (m_nation == Nation::Scotland)
        fixed << QDate(year, 11, 30);
    fixed << QDate(year, 12, 25) << QDate(year, 12, 26);

    const QDate easter = easterSunday(year);
    QSet<QDate> days{easter.addDays(-2), firstMonday(year, 5), lastMonday(year, 5)};
    if (m_nation != Nation::Scotland)
        days << easter.addDays(1) << lastMonday(year, 8);
    else
        days << firstMonday(year, 8);
    for (const QDate& d : fixed)
        if (!weekend(d))
            days << d;
    for (const QDate& d : fixed) {
        if (!weekend(d))
            continue;
        QDate s = d;
        while (weekend(s) || days.contains(s))
            s = s.addDays(1);
        days << s;
    }
    for (const Change& c : m_changes) {
        if (c.day.year() != year)
            continue;
        if (c.add)
            days << c.day;
        else
            days.remove(c.day);
    }
    return days;
}

bool UkCalendar::isBankHoliday(const QDate& d) const
{
    return bankHolidays(d.year()).contains(d);
}

bool UkCalendar::isWorkingDay(const QDate& d) const
{
    return !weekend(d) && !isBankHoliday(d);
}

QDate UkCalendar::onOrAfterWorkingDay(const QDate& d) const
{
    QDate s = d;
    while (!isWorkingDay(s))
        s = s.addDays(1);
    return s;
}

QDate addMonthsIco(const QDate& from, int months)
{
    const QDate firstOfTarget = QDate(from.year(), from.month(), 1).addMonths(months);
    return {firstOfTarget.year(), firstOfTarget.month(), std::min(from.day(), firstOfTarget.daysInMonth())};
}

} // namespace cd
