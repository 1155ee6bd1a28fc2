#include "signin/UnlockDialog.h"

#include "common/Secret.h"
#include "common/Style.h"
#include "staff/Accounts.h"

#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressDialog>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>
#include <memory>

namespace cd::ui {

UnlockDialog::UnlockDialog(QString vaultDir, const QString& preferredUser, QWidget* parent)
    : QDialog(parent), m_dir(std::move(vaultDir))
{
    setWindowTitle(tr("Unlock Clinicdesk"));
    auto* title = new QLabel(tr("<h2>Clinicdesk is locked</h2>"));
    m_account = new QComboBox;
    m_account->setObjectName(QStringLiteral("account"));
    m_account->setEditable(true);
    m_pass = new QLineEdit;
    m_pass->setObjectName(QStringLiteral("passphrase"));
    m_pass->setEchoMode(QLineEdit::Password);
    m_recovery = new QLineEdit;
    m_recovery->setObjectName(QStringLiteral("recoveryKey"));
    m_recovery->setPlaceholderText(tr("64 characters, 0-9 and A-F; dashes and spaces are ignored"));
    m_recoveryLabel = new QLabel(tr("Recovery key:"));
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("unlockError"));
    style::setTone(m_error, style::Tone::Error);
    m_error->setWordWrap(true);
    m_unlock = new QPushButton(tr("Unlock"));
    m_unlock->setObjectName(QStringLiteral("unlock"));
    m_unlock->setDefault(true);
    auto* useRecovery = new QPushButton(tr("Use the recovery key…"));
    useRecovery->setFlat(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Account:"), m_account);
    form->addRow(tr("Passphrase:"), m_pass);
    form->addRow(m_recoveryLabel, m_recovery);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(useRecovery, 0, Qt::AlignLeft);
    layout->addWidget(m_unlock, 0, Qt::AlignRight);
    m_recovery->hide();
    m_recoveryLabel->hide();
    resize(460, 260);

    auto users = Vault::accounts(m_dir);
    if (users) {
        m_account->addItems(users.value());
        if (!preferredUser.isEmpty())
            m_account->setCurrentText(preferredUser);
    } else
        m_error->setText(users.message());
    m_pass->setFocus();
    connect(m_unlock, &QPushButton::clicked, this, &UnlockDialog::unlock);
    connect(useRecovery, &QPushButton::clicked, this, &UnlockDialog::toggleRecovery);
}

void UnlockDialog::toggleRecovery()
{
    const bool show = m_recovery->isHidden();
    m_recovery->setVisible(show);
    m_recoveryLabel->setVisible(show);
    m_pass->setEnabled(!show);
    m_account->setEnabled(!show);
    (show ? m_recovery : m_pass)->setFocus();
}

namespace {
// While the vault opens: the first opening after an upgrade of the program makes the search indexes
// again (seconds at 100,000 clients, minutes at a million), shown in a progress dialog that appears
// only then, with the step and how far it is. The opening runs on this thread: the dialog is
// repainted between steps (typing and clicks wait), so the window does not look hung.
class UpgradeProgress final
{
public:
    explicit UpgradeProgress(QWidget* parent)
    {
        Vault::setOpeningProgress([this, parent](qint64 done, qint64 total, const QString& step) {
            if (!m_dialog) {
                m_dialog = std::make_unique<QProgressDialog>(step, QString(), 0, 1, parent);
                m_dialog->setObjectName(QStringLiteral("upgradeProgress"));
                m_dialog->setWindowTitle(QObject::tr("Updating the vault"));
                m_dialog->setWindowModality(Qt::WindowModal);
                m_dialog->setMinimumDuration(0);
                m_dialog->setAutoClose(false);
                m_dialog->setAutoReset(false);
                m_dialog->show();
            }
            constexpr qint64 kMost = std::numeric_limits<int>::max();
            m_dialog->setLabelText(step);
            m_dialog->setMaximum(int(std::clamp<qint64>(total, 1, kMost)));
            m_dialog->setValue(int(std::clamp<qint64>(done, 0, kMost)));
            QCoreApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
        });
    }
    ~UpgradeProgress() { Vault::setOpeningProgress({}); }
    Q_DISABLE_COPY_MOVE(UpgradeProgress)

private:
    std::unique_ptr<QProgressDialog> m_dialog;
};
} // namespace

void UnlockDialog::unlock()
{
    m_error->clear();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    const UpgradeProgress upgrade(this);
    Result<std::unique_ptr<Vault>> opened = makeError(Error::Kind::Failed, QString());
    // What was typed is taken out of the line edit and wiped once used (the widget's own buffer is
    // released first, so the copy here is the only one left to zero).
    QString typedKey;
    if (m_recovery->isVisible()) {
        typedKey = m_recovery->text();
        opened = Vault::openWithRecoveryKey(m_dir, typedKey);
    } else {
        QString typed = m_pass->text();
        m_pass->clear();
        QByteArray utf8 = typed.toUtf8();
        wipeShared(typed);
        SecretBytes secret = SecretBytes::takeFrom(utf8);
        m_oneTime = secret.copy();
        opened = Vault::open(m_dir, m_account->currentText().trimmed(), std::move(secret));
        auto mustChange = opened ? Accounts(*opened.value()).mustChangePassphrase() : Result<bool>(false);
        if (!mustChange || !mustChange.value())
            m_oneTime.clear();
    }
    QApplication::restoreOverrideCursor();
    if (!opened) {
        m_error->setText(opened.message());
        m_pass->setFocus();
        return; // a mistyped recovery key stays in the field to be corrected
    }
    m_recovery->clear();
    wipeShared(typedKey);
    m_vault = std::move(opened.value());
    accept();
}

} // namespace cd::ui
