#include "privacy/BankHolidays.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "common/Text.h"
#include "privacy/Register.h"
#include "privacy/UkCalendar.h"
#include "settings/Settings.h"
#include "storage/Sql.h"

#include <QObject>
#include <algorithm>

namespace cd {

namespace {

const QStringList kNations{QStringLiteral("england-wales"), QStringLiteral("scotland"),
                           QStringLiteral("northern-ireland")};

UkCalendar calendarFor(Database& db, const QString& nation)
{
    QList<UkCalendar::Change> changes;
    auto st = db.prepare("SELECT day, change FROM bank_holiday_changes WHERE nation = ?");
    for (st.bind(1, nation); st.step();)
        changes.append({QDate::fromString(st.text(0), Qt::ISODate), st.text(1) == QLatin1String("add")});
    return UkCalendar(UkCalendar::nationFromKey(nation), changes);
}

} // namespace

Result<QList<BankHolidayChange>> BankHolidayChanges::list()
{
    return guarded([&]() -> Result<QList<BankHolidayChange>> {
        QList<BankHolidayChange> out;
        for (auto st = m_db.prepare(
                 "SELECT day, nation, change, note FROM bank_holiday_changes ORDER BY day DESC, nation");
             st.step();)
            out.append({QDate::fromString(st.text(0), Qt::ISODate), st.text(1),
                        st.text(2) == QLatin1String("add"), st.text(3)});
        return out;
    });
}

Result<QList<QDate>> BankHolidayChanges::holidays(int year, const QString& nation)
{
    if (!kNations.contains(nation))
        return makeError(Error::Kind::Invalid, QObject::tr("Unknown nation \"%1\".").arg(nation));
    return guarded([&]() -> Result<QList<QDate>> {
        const QSet<QDate> days = calendarFor(m_db, nation).bankHolidays(year);
        QList<QDate> out(days.cbegin(), days.cend());
        std::sort(out.begin(), out.end());
        return out;
    });
}

Status BankHolidayChanges::set(const BankHolidayChange& c)
{
    if (auto st = access::require(m_db, Action::Settings); !st)
        return st;
    if (!c.day.isValid())
        return makeError(Error::Kind::Invalid, QObject::tr("Choose the day."));
    if (!kNations.contains(c.nation))
        return makeError(Error::Kind::Invalid,
                         QObject::tr("Choose England and Wales, Scotland or Northern Ireland."));
    if (c.note.trimmed().isEmpty())
        return makeError(
            Error::Kind::Invalid,
            QObject::tr("Say what the change is (for example: \"Coronation of King Charles III\")."));
    if (c.day.dayOfWeek() > 5 && c.add)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("%1 is a weekend day: it is not a working day anyway.")
                             .arg(c.day.toString(QStringLiteral("dddd d MMMM yyyy"))));
    auto current = holidays(c.day.year(), c.nation);
    if (!current)
        return current.error();
    if (!c.add && !current->contains(c.day))
        return makeError(Error::Kind::Invalid,
                         QObject::tr("%1 is not a bank holiday in %2, so there is nothing to remove.")
                             .arg(c.day.toString(QStringLiteral("d MMMM yyyy")), c.nation));
    return guarded([&]() -> Status {
        Transaction tx(m_db);
        m_db.prepare("DELETE FROM bank_holiday_changes WHERE day = ? AND nation = ?")
            .bind(1, c.day.toString(Qt::ISODate))
            .bind(2, c.nation)
            .run();
        m_db.prepare("INSERT INTO bank_holiday_changes (day, nation, change, note) VALUES (?,?,?,?)")
            .bind(1, c.day.toString(Qt::ISODate))
            .bind(2, c.nation)
            .bind(3, c.add ? "add" : "remove")
            .bind(4, c.note.trimmed())
            .run();
        if (auto st = afterChange(QStringLiteral("bank-holiday-set"), c); !st)
            return st;
        tx.commit();
        return {};
    });
}

Status BankHolidayChanges::remove(const QDate& day, const QString& nation)
{
    if (auto st = access::require(m_db, Action::Settings); !st)
        return st;
    return guarded([&]() -> Status {
        Transaction tx(m_db);
        auto found = m_db.prepare("SELECT change FROM bank_holiday_changes WHERE day = ? AND nation = ?");
        if (!found.bind(1, day.toString(Qt::ISODate)).bind(2, nation).step())
            return makeError(Error::Kind::NotFound, QObject::tr("There is no change on that day."));
        const bool wasAdd = found.text(0) == QLatin1String("add");
        m_db.prepare("DELETE FROM bank_holiday_changes WHERE day = ? AND nation = ?")
            .bind(1, day.toString(Qt::ISODate))
            .bind(2, nation)
            .run();
        if (auto st = afterChange(QStringLiteral("bank-holiday-removed"), {day, nation, wasAdd, {}}); !st)
            return st;
        tx.commit();
        return {};
    });
}

QList<UkCalendar::Change> BankHolidayChanges::changesFor(const QString& nation)
{
    QList<UkCalendar::Change> changes;
    auto st = m_db.prepare("SELECT day, change FROM bank_holiday_changes WHERE nation = ?");
    for (st.bind(1, nation); st.step();)
        changes.append({QDate::fromString(st.text(0), Qt::ISODate), st.text(1) == QLatin1String("add")});
    return changes;
}

Status BankHolidayChanges::afterChange(const QString& action, const BankHolidayChange& c)
{
    // Deadlines of open requests follow the clinic's own calendar.
    int moved = 0;
    if (c.nation == ClinicSettings(m_db).nation()) {
        moved = PrivacyRegister(m_db).recomputeOpenDeadlinesInTransaction();
    }
    return AuditLog(m_db).append(action, QString(),
                                 QStringLiteral("%1 %2 %3; %4 moved")
                                     .arg(c.day.toString(Qt::ISODate), c.nation,
                                          c.add ? QStringLiteral("add") : QStringLiteral("remove"),
                                          text::count(moved, "due date", "due dates")));
}

} // namespace cd
