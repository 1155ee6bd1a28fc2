#pragma once

#include "privacy/Erasure.h"

#include <QDialog>
#include <QHash>
#include <functional>

class QLabel;
class QLineEdit;
class QPushButton;

namespace cd::ui {

class Workspace;

// Erase: what goes, what stays and why; typing the client's name enables the button.
class EraseDialog final : public QDialog
{
    Q_OBJECT
public:
    // Erases as the person signed in to the workspace, on its task runner.
    EraseDialog(Workspace& workspace, qint64 clientId, qint64 requestId, QWidget* parent = nullptr);
    bool erased() const { return m_erased; }

private:
    void erase();
    Workspace& m_workspace;
    qint64 m_clientId, m_requestId, m_staffId;
    ErasurePlan m_plan;
    QLineEdit* m_confirm;
    QPushButton* m_erase;
    QLabel* m_error;
    bool m_erased = false;
};

} // namespace cd::ui
