#pragma once

#include "stock/Stock.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace cd::ui {

class Workspace;

// The clinic's stock by batch: what came in, what is left, and what needs acting on (expired first,
// then expiring, then low). Practitioners and managers receive deliveries and correct a count;
// everyone sees the stock.
class StockDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit StockDialog(Workspace& workspace, QWidget* parent = nullptr);
    void reload();
    void receive();
    void count();

private:
    Workspace& m_workspace;
    QTreeWidget* m_list;
    QLabel* m_summary;
    QPushButton* m_receive;
    QPushButton* m_count;
};

// "Stock: 1 expired, 2 expiring soon, 1 low" for the main window (empty when nothing needs acting on).
QString stockAlertText(const StockAlerts& a);

} // namespace cd::ui
