#pragma once

#include <QDate>
#include <QList>
#include <QSet>
#include <QString>

namespace cd {

// UK bank holidays computed from their rules (Easter, first/last Mondays, substitute days), per
// nation, with one-off changes (a moved or extra holiday) applied on top.
class UkCalendar final
{
public:
    enum class Nation { EnglandWales, Scotland, NorthernIreland };
    struct Change
    {
        QDate day;
        bool add = true; // false: a rule-made holiday that did not happen that year
    };

    explicit UkCalendar(Nation nation = Nation::EnglandWales, QList<Change> changes = {});
    static QDate easterSunday(int year);
    static QString nationKey(Nation n); // "england-wales", "scotland", "northern-ireland"
    static Nation nationFromKey(const QString& key);

    QSet<QDate> bankHolidays(int year) const;
    bool isBankHoliday(const QDate& d) const;
    bool isWorkingDay(const QDate& d) const;
    QDate onOrAfterWorkingDay(const QDate& d) const; // d when it is a working day

private:
    Nation m_nation;
    QList<Change> m_changes;
};

// The ICO's month: the corresponding date `months` later, or that month's last day when there is
// none (31 January + 1 month = 28 or 29 February).
QDate addMonthsIco(const QDate& from, int months);

} // namespace cd
