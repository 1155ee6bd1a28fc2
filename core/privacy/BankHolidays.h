#pragma once

#include "common/Result.h"
#include "privacy/UkCalendar.h"

#include <QDate>
#include <QList>
#include <QString>

namespace cd {

class Database;

// One-off changes to the UK bank holidays the rules make (a moved holiday, a royal occasion), per
// nation: the manager keeps them up to date so privacy-request deadlines land on working days.
struct BankHolidayChange
{
    QDate day;
    QString nation;  // england-wales | scotland | northern-ireland
    bool add = true; // false: a rule-made holiday that does not happen that year
    QString note;
};

class BankHolidayChanges final
{
public:
    explicit BankHolidayChanges(Database& db) : m_db(db) {}
    // All nations, newest first.
    Result<QList<BankHolidayChange>> list();
    // Adds or replaces the change for that day and nation. Manager only, audited; the due dates of
    // open privacy requests are computed again, in the same transaction.
    Status set(const BankHolidayChange& change);
    Status remove(const QDate& day, const QString& nation);
    // The bank holidays of a year for a nation, rules and changes together, in date order.
    Result<QList<QDate>> holidays(int year, const QString& nation);
    // The clinic's own additions and removals for a nation (the deadlines' calendar). Throws StorageError.
    QList<UkCalendar::Change> changesFor(const QString& nation);

private:
    Status afterChange(const QString& action, const BankHolidayChange& change);
    Database& m_db;
};

} // namespace cd
