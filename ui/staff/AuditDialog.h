#pragma once

#include <QDialog>
#include <functional>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTreeWidget;

namespace cd::ui {

class Workspace;

// The manager's audit view: who did what and when, filtered by member of staff, action, client
// reference and dates; the chain is verified on opening; the rows on screen export as CSV.
class AuditDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit AuditDialog(Workspace& workspace, QWidget* parent = nullptr);
    void refresh();

private:
    void exportCsv();
    Workspace& m_workspace;
    QComboBox* m_staff;
    QComboBox* m_action;
    QLineEdit* m_subject;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QLabel* m_chain;
    QTreeWidget* m_list;
};

} // namespace cd::ui
