#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QPushButton;
class QLineEdit;
class QTreeWidget;

namespace cd {
class Vault;
}

namespace cd::ui {

class TaskRunner;

// Staff accounts (managers): add with a one-time passphrase, change a role, remove a leaver.
class StaffDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit StaffDialog(Vault& vault, TaskRunner* tasks = nullptr, QWidget* parent = nullptr);
    void refresh();

private:
    void add();
    void changeRole();
    void removeSelected();
    QString selected() const;
    Vault& m_vault;
    TaskRunner* m_tasks;
    QTreeWidget* m_list;
    QLineEdit* m_username;
    QLineEdit* m_display;
    QComboBox* m_role;
    QLabel* m_message;
    QLabel* m_rosterWarning;
    QPushButton* m_signRoster;
};

} // namespace cd::ui
