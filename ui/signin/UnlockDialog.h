#pragma once

#include "common/Secret.h"
#include "vault/Vault.h"

#include <QDialog>
#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace cd::ui {

// Account and passphrase, or the recovery key; errors shown in place, never in a popup.
class UnlockDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit UnlockDialog(QString vaultDir, const QString& preferredUser = {}, QWidget* parent = nullptr);
    std::unique_ptr<Vault> takeVault() { return std::move(m_vault); }
    // The one-time passphrase just typed, kept (in guarded memory) only when the account must choose
    // its own now: the change dialog then does not ask for it a second time. Empty otherwise.
    SecretBytes takeOneTimePassphrase() { return std::move(m_oneTime); }

private:
    void unlock();
    void toggleRecovery();

    QString m_dir;
    QComboBox* m_account;
    QLineEdit* m_pass;
    QLineEdit* m_recovery;
    QLabel* m_recoveryLabel;
    QLabel* m_error;
    QPushButton* m_unlock;
    std::unique_ptr<Vault> m_vault;
    SecretBytes m_oneTime;
};

} // namespace cd::ui
