#pragma once

#include "common/Secret.h"

#include <QDialog>

class QLabel;
class QLineEdit;

namespace cd {
class Vault;
}

namespace cd::ui {

// First sign-in with a one-time passphrase (or any time from the File menu): choose your own.
class ChangePassphraseDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit ChangePassphraseDialog(Vault& vault, QWidget* parent = nullptr);
    // First sign-in: the one-time passphrase was typed a moment ago at the unlock, and is not asked again.
    ChangePassphraseDialog(Vault& vault, SecretBytes oneTimePassphrase, QWidget* parent = nullptr);

private:
    void save();
    Vault& m_vault;
    SecretBytes m_oneTime;
    QLineEdit* m_current;
    QLineEdit* m_next;
    QLineEdit* m_repeat;
    QLabel* m_hint;
    QLabel* m_error;
};

} // namespace cd::ui
