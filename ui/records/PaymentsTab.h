#pragma once

#include "records/Payments.h"

#include <QDialog>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace cd::ui {

class Workspace;

// The client's balance (accepted quotes less what was paid, net of refunds) and their payments.
class PaymentsTab final : public QWidget
{
    Q_OBJECT
public:
    explicit PaymentsTab(Workspace& workspace, QWidget* parent = nullptr);
    void setClient(qint64 clientId);
    void reload();
    void record(PaymentKind kind);

Q_SIGNALS:
    void countChanged(int payments);

private:
    Workspace& m_workspace;
    qint64 m_client = 0;
    QLabel* m_balance;
    QLabel* m_breakdown;
    QTreeWidget* m_list;
    QLabel* m_message;
    QPushButton* m_refund;
};

} // namespace cd::ui
