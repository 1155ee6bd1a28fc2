#pragma once

#include "records/Payments.h"

#include <QDialog>
#include <QWidget>

class QDateEdit;
class QLabel;
class QTreeWidget;

namespace cd::ui {

// A day's takings for the front desk: totals per method and every payment and refund of the day,
// printable and exportable as CSV.
class TakingsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit TakingsDialog(Payments& payments, QWidget* parent = nullptr);
    void setDay(const QDate& day);
    void exportCsv();
    void print();
    QString reportHtml() const;

private:
    void reload();
    Payments& m_payments;
    QDateEdit* m_date;
    QTreeWidget* m_totals;
    QTreeWidget* m_list;
    QLabel* m_summary;
    QLabel* m_message;
    DayTakings m_takings;
    QList<std::pair<Payment, QString>> m_lines;
};

} // namespace cd::ui
