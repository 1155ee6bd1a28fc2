#pragma once

#include "diary/Payments.h"

#include <QDialog>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace cd {
class Database;
}

namespace cd::ui {

// Records a payment or a refund (never edited afterwards: a mistake is put right with a refund).
class PaymentDialog final : public QDialog
{
    Q_OBJECT
public:
    PaymentDialog(Database& db, qint64 clientId, const QString& kind, QWidget* parent = nullptr);
    qint64 savedId() const { return m_saved; }

private:
    bool save();
    Database& m_db;
    qint64 m_client;
    qint64 m_saved = 0;
    QComboBox* m_kind;
    QLineEdit* m_amount;
    QComboBox* m_method;
    QLineEdit* m_for;
    QComboBox* m_quote;
    QDateEdit* m_date;
    QLabel* m_error;
};

// The client's balance (accepted quotes less what was paid, net of refunds) and their payments.
class PaymentsTab final : public QWidget
{
    Q_OBJECT
public:
    explicit PaymentsTab(Database& db, QWidget* parent = nullptr);
    void setClient(qint64 clientId);
    void reload();
    void record(const QString& kind);

Q_SIGNALS:
    void countChanged(int payments);

private:
    Database& m_db;
    qint64 m_client = 0;
    QLabel* m_balance;
    QLabel* m_breakdown;
    QTreeWidget* m_list;
    QLabel* m_message;
    QPushButton* m_refund;
};

// A day's takings for the front desk: totals per method and every payment and refund of the day,
// printable and exportable as CSV.
class TakingsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit TakingsDialog(Database& db, QWidget* parent = nullptr);
    void setDay(const QDate& day);
    void exportCsv();
    void print();
    QString reportHtml() const;

private:
    void reload();
    Database& m_db;
    QDateEdit* m_date;
    QTreeWidget* m_totals;
    QTreeWidget* m_list;
    QLabel* m_summary;
    QLabel* m_message;
    DayTakings m_takings;
    QList<std::pair<Payment, QString>> m_lines;
};

} // namespace cd::ui
