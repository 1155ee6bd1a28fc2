#pragma once

#include "privacy/Erasure.h"

#include <QDialog>
#include <QHash>
#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace cd {
class Vault;
} // namespace cd

namespace cd::ui {

class TaskRunner;

// Erase: what goes, what stays and why; typing the client's name enables the button.
class EraseDialog final : public QDialog
{
    Q_OBJECT
public:
    EraseDialog(Vault& vault, qint64 clientId, qint64 requestId, qint64 staffId, TaskRunner* tasks = nullptr,
                QWidget* parent = nullptr);
    bool erased() const { return m_erased; }

private:
    void erase();
    Vault& m_vault;
    TaskRunner* m_tasks;
    qint64 m_clientId, m_requestId, m_staffId;
    ErasurePlan m_plan;
    QLineEdit* m_confirm;
    QPushButton* m_erase;
    QLabel* m_error;
    bool m_erased = false;
};

} // namespace cd::ui
