#pragma once

#include "audit/AuditLog.h"

#include <QDialog>
#include <QHash>
#include <functional>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTreeWidget;

namespace cd::ui {

class Workspace;

// The manager's audit view: who did what and when, filtered by member of staff, action, client
// (by name, phone or reference) and dates; each row names the client; the chain is verified on opening; the
// rows on screen export as CSV.
class AuditDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit AuditDialog(Workspace& workspace, QWidget* parent = nullptr);
    void refresh();
    // Only what was done about one client (from the client's record).
    void showClient(qint64 clientId);

private:
    void exportCsv();
    AuditFilter filter();
    // The client box takes a name, a phone number or the reference; the reference it stands for.
    QString chosenSubject();
    QString clientName(const QString& subjectRef);
    static QString actionLabel(const QString& code);
    Workspace& m_workspace;
    QComboBox* m_staff;
    QComboBox* m_action;
    QLineEdit* m_subject;
    QDateEdit* m_from;
    QDateEdit* m_to;
    QLabel* m_chain;
    QLabel* m_who;
    QHash<QString, QString> m_names; // subject reference → name (or "erased"), for this dialog's life
    QTreeWidget* m_list;
};

} // namespace cd::ui
