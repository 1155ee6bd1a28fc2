#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace cd {
class Vault;
}

namespace cd::ui {

class TaskRunner;

// Staff → a leaver removed → "Re-key the vault": a new database key so that a copy of the old
// keyring (a laptop, a USB stick) opens nothing. The manager confirms with their passphrase; the
// new recovery key and the colleagues' one-time passphrases are shown once, at the end.
class RekeyDialog final : public QDialog
{
    Q_OBJECT
public:
    RekeyDialog(Vault& vault, const QString& leaver, TaskRunner* tasks = nullptr, QWidget* parent = nullptr);
    bool rekeyed() const { return m_done; }

private:
    void run();

    Vault& m_vault;
    TaskRunner* m_tasks;
    QWidget* m_ask;
    QLineEdit* m_passphrase;
    QProgressBar* m_progress;
    QLabel* m_result;
    QLabel* m_error;
    QPushButton* m_run;
    QPushButton* m_close;
    bool m_done = false;
};

} // namespace cd::ui
