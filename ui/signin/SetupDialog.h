#pragma once

#include "vault/Vault.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QCheckBox;

namespace cd::ui {

// First start: the clinic's name, the first manager account, then the recovery key, shown once.
class SetupDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit SetupDialog(QString vaultDir, QWidget* parent = nullptr);
    ~SetupDialog() override; // zeroes the recovery key it showed
    std::unique_ptr<Vault> takeVault() { return std::move(m_vault); }
    QString recoveryKey() const { return m_recoveryKey; }

private:
    void updateStrength();
    void createVault();
    void saveKey();
    void printKey();

    QString m_dir;
    QStackedWidget* m_pages;
    QLineEdit* m_clinic;
    QLineEdit* m_name;
    QLineEdit* m_user;
    QLineEdit* m_pass;
    QLineEdit* m_repeat;
    QLabel* m_strength;
    QLabel* m_error;
    QPushButton* m_create;
    QLabel* m_key;
    QCheckBox* m_stored;
    QPushButton* m_finish;
    std::unique_ptr<Vault> m_vault;
    QString m_recoveryKey;
};

} // namespace cd::ui
