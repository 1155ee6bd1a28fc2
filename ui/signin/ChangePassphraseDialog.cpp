#include "signin/ChangePassphraseDialog.h"

#include "common/Style.h"
#include "staff/Accounts.h"
#include "vault/PassphraseStrength.h"
#include "vault/Vault.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace cd::ui {

ChangePassphraseDialog::ChangePassphraseDialog(Vault& vault, QWidget* parent)
    : ChangePassphraseDialog(vault, SecretBytes(), parent)
{
}

ChangePassphraseDialog::ChangePassphraseDialog(Vault& vault, SecretBytes oneTimePassphrase, QWidget* parent)
    : QDialog(parent), m_vault(vault), m_oneTime(std::move(oneTimePassphrase))
{
    setWindowTitle(tr("Choose your passphrase"));
    auto pass = [](const QString& name) {
        auto* e = new QLineEdit;
        e->setEchoMode(QLineEdit::Password);
        e->setObjectName(name);
        return e;
    };
    m_current = pass(QStringLiteral("currentPassphrase"));
    m_next = pass(QStringLiteral("newPassphrase"));
    m_repeat = pass(QStringLiteral("repeatPassphrase"));
    m_hint = new QLabel;
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("changeError"));
    style::setTone(m_error, style::Tone::Error);
    m_error->setWordWrap(true);
    auto* form = new QFormLayout;
    if (m_oneTime.empty())
        form->addRow(tr("&Current passphrase:"), m_current);
    else {
        m_current->setParent(this);
        m_current->hide();
    }
    form->addRow(tr("&New passphrase:"), m_next);
    form->addRow(QString(), m_hint);
    form->addRow(tr("&Repeat it:"), m_repeat);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("changeSave"));
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        (m_oneTime.empty() ? tr("Signed in as <b>%1</b>. Choose a passphrase only you know; four or more "
                                "unrelated words are best.")
                           : tr("Signed in as <b>%1</b> with the one-time passphrase you were given. Now "
                                "choose a passphrase only you know; four or more unrelated words are best."))
            .arg(vault.user().toHtmlEscaped()));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(m_next, &QLineEdit::textChanged, this,
            [this](const QString& t) { m_hint->setText(assessPassphrase(t).hint); });
    // "The two new passphrases differ" goes as soon as they agree.
    for (QLineEdit* e : {m_next, m_repeat})
        connect(e, &QLineEdit::textChanged, this, [this] {
            if (m_error->text() == tr("The two new passphrases differ.") &&
                m_next->text() == m_repeat->text())
                m_error->clear();
        });
    setMinimumWidth(420);
    connect(buttons, &QDialogButtonBox::accepted, this, &ChangePassphraseDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ChangePassphraseDialog::save()
{
    if (m_next->text() != m_repeat->text())
        return m_error->setText(tr("The two new passphrases differ."));
    if (!assessPassphrase(m_next->text(), {m_vault.user()}).acceptable())
        return m_error->setText(assessPassphrase(m_next->text(), {m_vault.user()}).hint);
    QByteArray current = m_current->text().toUtf8(), next = m_next->text().toUtf8();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const Status st = Accounts(m_vault).changeOwnPassphrase(
        m_oneTime.empty() ? SecretBytes::takeFrom(current) : m_oneTime.copy(), SecretBytes::takeFrom(next),
        KdfParams::calibrated());
    QApplication::restoreOverrideCursor();
    m_current->clear();
    m_next->clear();
    m_repeat->clear();
    if (!st)
        return m_error->setText(st.message());
    accept();
}

} // namespace cd::ui
