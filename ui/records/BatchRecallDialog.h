#pragma once

#include "records/TreatmentRecords.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace cd::ui {

class Workspace;

// "Who received batch …": a manager's search for a manufacturer or regulator recall, with the
// clients' phones and emails to reach them. Enter on a row opens that client.
class BatchRecallDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit BatchRecallDialog(Workspace& workspace, QWidget* parent = nullptr);
    void search();
    void copyContacts();
    void exportCsv();
    QString contactList() const; // what "Copy contact list" puts on the clipboard
    qint64 chosenClient() const { return m_chosen; }

private:
    BatchMatch match() const;
    Workspace& m_workspace;
    QLineEdit* m_lot;
    QComboBox* m_match;
    QTreeWidget* m_list;
    QLabel* m_summary;
    QPushButton* m_open;
    QPushButton* m_copy;
    QPushButton* m_export;
    QList<BatchRecipient> m_found;
    QString m_searched;
    BatchMatch m_searchedMatch = BatchMatch::Exact;
    qint64 m_chosen = 0;
};

} // namespace cd::ui
