#pragma once

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QSpinBox;
class QTreeWidget;

namespace cd {
class BankHolidayChanges;
}

namespace cd::ui {

// Clinic settings → Bank holidays: the year's bank holidays as the deadlines count them, and the
// one-off changes (an extra holiday for a royal occasion, a holiday moved) the manager keeps.
class BankHolidayDialog final : public QDialog
{
    Q_OBJECT
public:
    BankHolidayDialog(BankHolidayChanges& bankHolidays, const QString& nation, QWidget* parent = nullptr);

private:
    void refresh();
    void addChange();
    void removeChange();

    BankHolidayChanges& m_bankHolidays;
    QSpinBox* m_year;
    QComboBox* m_viewNation;
    QListWidget* m_holidays;
    QTreeWidget* m_changes;
    QDateEdit* m_day;
    QComboBox* m_nation;
    QComboBox* m_kind;
    QLineEdit* m_note;
    QLabel* m_error;
};

} // namespace cd::ui
