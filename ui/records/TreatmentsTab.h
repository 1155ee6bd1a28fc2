#pragma once

#include "records/TreatmentRecords.h"

#include <QDialog>
#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace cd::ui {

class Workspace;

namespace records {
}

// The client's treatment records, newest first (practitioners and managers; the front desk sees
// a notice instead of clinical detail).
class TreatmentsTab final : public QWidget
{
    Q_OBJECT
public:
    explicit TreatmentsTab(Workspace& workspace, QWidget* parent = nullptr);
    void setClient(qint64 clientId);
    void reload(); // the same client's records again
    bool allowed() const { return m_allowed; }
    void addRecord();
    void editRecord(qint64 recordId);
    void exportPdf(); // the chosen record, as a PDF where the practitioner chooses

Q_SIGNALS:
    void countChanged(int records); // -1: not shown to this role

private:
    Workspace& m_workspace;
    bool m_allowed;
    qint64 m_client = 0;
    QStackedWidget* m_stack;
    QTreeWidget* m_list;
    QPushButton* m_add;
    QPushButton* m_edit;
    QPushButton* m_pdf;
    QLabel* m_problem;
};

} // namespace cd::ui
