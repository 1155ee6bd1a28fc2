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

// Staff → "Re-key the vault", and Staff → "Remove the selected (a leaver)": a new database key so
// that a copy of the old keyring (a laptop, a USB stick) opens nothing. With a leaver named, the
// account is removed and the vault re-keyed in one step, which is the default; "Remove without
// re-keying" says what stays possible. The manager confirms with their passphrase (checked before the
// account is removed); the new recovery key and the colleagues' one-time passphrases are shown once,
// at the end. The daily backups made under the old keys are replaced by one under the new keys.
class RekeyDialog final : public QDialog
{
    Q_OBJECT
public:
    RekeyDialog(Vault& vault, const QString& leaver, TaskRunner* tasks = nullptr, QWidget* parent = nullptr);
    bool rekeyed() const { return m_done; }
    bool removed() const { return m_removed; } // the leaver's account (re-keyed or not)
    // A manager signing in to a vault made before key domains is offered the re-key that upgrades it.
    static bool offersUpgrade(Vault& vault);

private:
    void run();
    void removeOnly();

    Vault& m_vault;
    QString m_leaver;
    TaskRunner* m_tasks;
    QWidget* m_ask;
    QLineEdit* m_passphrase;
    QProgressBar* m_progress;
    QLabel* m_result;
    QLabel* m_error;
    QPushButton* m_run;
    QPushButton* m_close;
    QPushButton* m_skip;
    bool m_done = false;
    bool m_removed = false;
};

} // namespace cd::ui
