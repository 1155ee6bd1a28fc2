#include "signin/SetupDialog.h"

#include "common/Ask.h"
#include "common/Durable.h"
#include "common/Secret.h"
#include "common/Style.h"
#include "vault/PassphraseStrength.h"

#include <QApplication>
#include <QCheckBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace cd::ui {

SetupDialog::SetupDialog(QString vaultDir, QWidget* parent) : QDialog(parent), m_dir(std::move(vaultDir))
{
    setWindowTitle(tr("Set up Clinicdesk"));
    m_pages = new QStackedWidget(this);

    auto* first = new QWidget;
    auto* intro =
        new QLabel(tr("<h2>Welcome to Clinicdesk</h2><p>Client records are kept encrypted in a vault "
                      "on this computer:<br><tt>%1</tt></p><p>Create the first manager account. "
                      "Other staff get their own accounts later.</p>")
                       .arg(m_dir.toHtmlEscaped()));
    intro->setWordWrap(true);
    m_clinic = new QLineEdit;
    m_clinic->setObjectName(QStringLiteral("clinicName"));
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("displayName"));
    m_user = new QLineEdit(QStringLiteral("manager"));
    m_user->setObjectName(QStringLiteral("accountName"));
    m_pass = new QLineEdit;
    m_pass->setObjectName(QStringLiteral("passphrase"));
    m_pass->setEchoMode(QLineEdit::Password);
    m_repeat = new QLineEdit;
    m_repeat->setObjectName(QStringLiteral("repeatPassphrase"));
    m_repeat->setEchoMode(QLineEdit::Password);
    m_strength = new QLabel;
    m_strength->setObjectName(QStringLiteral("strengthHint"));
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("setupError"));
    style::setTone(m_error, style::Tone::Error);
    m_error->setWordWrap(true);
    m_create = new QPushButton(tr("Create vault"));
    m_create->setObjectName(QStringLiteral("createVault"));
    m_create->setDefault(true);
    auto* form = new QFormLayout;
    form->addRow(tr("Clinic name:"), m_clinic);
    form->addRow(tr("Your name:"), m_name);
    form->addRow(tr("Account name:"), m_user);
    form->addRow(tr("Passphrase:"), m_pass);
    form->addRow(QString(), m_strength);
    form->addRow(tr("Repeat passphrase:"), m_repeat);
    auto* firstLayout = new QVBoxLayout(first);
    firstLayout->addWidget(intro);
    firstLayout->addLayout(form);
    firstLayout->addWidget(m_error);
    firstLayout->addStretch();
    firstLayout->addWidget(m_create, 0, Qt::AlignRight);

    auto* second = new QWidget;
    auto* warn = new QLabel(
        tr("<h2>Your recovery key</h2><p>This key opens the vault if every passphrase is "
           "forgotten. It is shown <b>only now</b>. Print it or save it, and keep it in the "
           "clinic's safe, away from this computer.</p><p><b>Without it, a lost passphrase "
           "means the records are gone for good: nobody, including us, can recover them.</b></p>"));
    warn->setWordWrap(true);
    m_key = new QLabel;
    m_key->setObjectName(QStringLiteral("recoveryKey"));
    m_key->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::TypeWriter);
    mono.setPointSize(mono.pointSize() + 2);
    m_key->setFont(mono);
    m_key->setWordWrap(true);
    auto* save = new QPushButton(tr("Save to file…"));
    auto* print = new QPushButton(tr("Print…"));
    m_stored = new QCheckBox(tr("I have stored the recovery key safely"));
    m_stored->setObjectName(QStringLiteral("keyStored"));
    m_finish = new QPushButton(tr("Start using Clinicdesk"));
    m_finish->setObjectName(QStringLiteral("finishSetup"));
    m_finish->setEnabled(false);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(save);
    buttons->addWidget(print);
    buttons->addStretch();
    auto* secondLayout = new QVBoxLayout(second);
    secondLayout->addWidget(warn);
    secondLayout->addWidget(m_key);
    secondLayout->addLayout(buttons);
    secondLayout->addWidget(m_stored);
    secondLayout->addStretch();
    secondLayout->addWidget(m_finish, 0, Qt::AlignRight);

    m_pages->addWidget(first);
    m_pages->addWidget(second);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_pages);
    resize(560, 460);

    connect(m_pass, &QLineEdit::textChanged, this, &SetupDialog::updateStrength);
    connect(m_create, &QPushButton::clicked, this, &SetupDialog::createVault);
    connect(save, &QPushButton::clicked, this, &SetupDialog::saveKey);
    connect(print, &QPushButton::clicked, this, &SetupDialog::printKey);
    connect(m_stored, &QCheckBox::toggled, m_finish, &QPushButton::setEnabled);
    connect(m_finish, &QPushButton::clicked, this, &QDialog::accept);
    updateStrength();
}

SetupDialog::~SetupDialog()
{
    wipeShared(m_recoveryKey);
}

void SetupDialog::updateStrength()
{
    const PassphraseStrength s = assessPassphrase(m_pass->text(), {m_user->text(), m_clinic->text()});
    static const style::Tone tones[] = {style::Tone::Error, style::Tone::Error, style::Tone::Warning,
                                        style::Tone::Success};
    style::setTone(m_strength, tones[int(s.level)]);
    m_strength->setText(
        m_pass->text().isEmpty() ? tr("Four or more unrelated words make a strong passphrase.") : s.hint);
}

void SetupDialog::createVault()
{
    m_error->clear();
    if (m_clinic->text().trimmed().isEmpty())
        return m_error->setText(tr("Enter the clinic's name (it appears on reports to clients)."));
    if (m_user->text().trimmed().isEmpty())
        return m_error->setText(tr("Choose an account name, for example your first name."));
    if (!assessPassphrase(m_pass->text(), {m_user->text(), m_clinic->text()}).acceptable())
        return m_error->setText(assessPassphrase(m_pass->text(), {m_user->text(), m_clinic->text()}).hint);
    if (m_pass->text() != m_repeat->text()) {
        m_pass->clear();
        m_repeat->clear();
        m_pass->setFocus();
        return m_error->setText(tr("The two passphrases differ. Type them again."));
    }
    QByteArray utf8 = m_pass->text().toUtf8();
    const SecretBytes pass = SecretBytes::takeFrom(utf8);
    Vault::CreateOptions o;
    o.dir = m_dir;
    o.username = m_user->text().trimmed();
    o.displayName = m_name->text().trimmed().isEmpty() ? o.username : m_name->text().trimmed();
    o.clinicName = m_clinic->text().trimmed();
    QApplication::setOverrideCursor(Qt::WaitCursor);
    o.kdf = KdfParams::calibrated();
    auto created = Vault::create(o, pass);
    QApplication::restoreOverrideCursor();
    m_pass->clear();
    m_repeat->clear();
    if (!created)
        return m_error->setText(created.message());
    m_vault = std::move(created->vault);
    m_recoveryKey = created->recoveryKey;
    m_key->setText(m_recoveryKey);
    m_pages->setCurrentIndex(1);
}

void SetupDialog::saveKey()
{
    const QString path =
        ask::saveFile(this, tr("Save recovery key"), QStringLiteral("clinicdesk-recovery-key.txt"),
                      tr("Text files (*.txt)"));
    if (path.isEmpty())
        return;
    QSaveFile f(path);
    QString why;
    if (f.open(QIODevice::WriteOnly)) {
        f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        f.write(tr("Clinicdesk recovery key for %1\n%2\n").arg(m_dir, m_recoveryKey).toUtf8());
        if (files::commit(f, &why)) // a full disk must not leave a cut-off key that looks saved
            return;
    }
    m_error->setText(tr("Could not save the key to %1: %2").arg(path, why.isEmpty() ? f.errorString() : why));
}

void SetupDialog::printKey()
{
    QPrinter printer;
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QPainter p(&printer);
    p.drawText(QRect(0, 0, printer.width(), printer.height()), Qt::AlignTop | Qt::TextWordWrap,
               tr("Clinicdesk recovery key\n\nVault: %1\n\n%2\n\nKeep this in the clinic's safe.")
                   .arg(m_dir, m_recoveryKey));
}

} // namespace cd::ui
