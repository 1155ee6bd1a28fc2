#include "desk/SettingsDialog.h"

#include "common/Ask.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "diary/RoomsDialog.h"
#include "privacy/BankHolidayDialog.h"
#include "vault/Vault.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace cd::ui {

namespace {

QPlainTextEdit* shortText(const QString& name)
{
    auto* edit = new QPlainTextEdit;
    edit->setObjectName(name);
    edit->setTabChangesFocus(true);
    edit->setFixedHeight(edit->fontMetrics().lineSpacing() * 4 + 12);
    return edit;
}

} // namespace

SettingsDialog::SettingsDialog(Workspace& workspace, QWidget* parent)
    : QDialog(parent), m_workspace(workspace)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Clinic settings"));
    const ClinicSettings::Values v = m_workspace.settings().values();

    m_name = new QLineEdit(v.clinicName);
    m_name->setObjectName(QStringLiteral("settingsClinicName"));
    m_nation = new QComboBox;
    m_nation->setObjectName(QStringLiteral("settingsNation"));
    m_nation->addItem(tr("England and Wales"), QStringLiteral("england-wales"));
    m_nation->addItem(tr("Scotland"), QStringLiteral("scotland"));
    m_nation->addItem(tr("Northern Ireland"), QStringLiteral("northern-ireland"));
    m_nation->setCurrentIndex(std::max(0, m_nation->findData(v.nation)));
    m_address = shortText(QStringLiteral("settingsControllerAddress"));
    m_address->setPlainText(v.controllerAddress);
    m_email = new QLineEdit(v.controllerEmail);
    m_email->setObjectName(QStringLiteral("settingsControllerEmail"));
    m_recipients = shortText(QStringLiteral("settingsRecipients"));
    m_recipients->setPlainText(v.recipients);
    m_retention = new QSpinBox;
    m_retention->setObjectName(QStringLiteral("settingsRetentionMonths"));
    m_retention->setRange(1, 240);
    m_retention->setSuffix(tr(" months"));
    m_retention->setValue(v.enquiryRetentionMonths);
    m_idleLock = new QSpinBox;
    m_idleLock->setObjectName(QStringLiteral("settingsIdleLockMinutes"));
    m_idleLock->setRange(ClinicSettings::kMinIdleLockMinutes, ClinicSettings::kMaxIdleLockMinutes);
    m_idleLock->setSuffix(tr(" min"));
    m_idleLock->setValue(v.idleLockMinutes);
    m_treatmentYears = new QSpinBox;
    m_treatmentYears->setObjectName(QStringLiteral("settingsTreatmentRetentionYears"));
    m_treatmentYears->setRange(1, 100);
    m_treatmentYears->setSuffix(tr(" years after the last treatment"));
    m_treatmentYears->setValue(v.treatmentRetentionYears);
    m_paymentYears = new QSpinBox;
    m_paymentYears->setObjectName(QStringLiteral("settingsPaymentRetentionYears"));
    m_paymentYears->setRange(1, 100);
    m_paymentYears->setSuffix(tr(" years after the payment"));
    m_paymentYears->setValue(v.paymentRetentionYears);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("settingsError"));
    m_error->setWordWrap(true);
    style::setTone(m_error, style::Tone::Error);
    m_error->hide();

    auto* form = new QFormLayout;
    form->addRow(tr("Clinic &name:"), m_name);
    auto* holidays = new QPushButton(tr("Bank &holidays…"));
    holidays->setObjectName(QStringLiteral("settingsBankHolidays"));
    connect(holidays, &QPushButton::clicked, this, [this] {
        BankHolidayDialog d(m_workspace.bankHolidays(), m_nation->currentData().toString(), this);
        d.exec();
    });
    auto* nationRow = new QHBoxLayout;
    nationRow->addWidget(m_nation, 1);
    nationRow->addWidget(holidays);
    form->addRow(tr("Bank holidays of:"), nationRow);
    form->addRow(tr("Controller's &address:"), m_address);
    form->addRow(tr("Controller's e&mail:"), m_email);
    form->addRow(tr("&Recipients of clients' data:"), m_recipients);
    form->addRow(tr("Keep &enquiries for:"), m_retention);
    form->addRow(tr("Keep treatment &records for:"), m_treatmentYears);
    form->addRow(tr("Keep pa&yments for:"), m_paymentYears);
    form->addRow(tr("&Lock the desk after:"), m_idleLock);
    auto* rooms = new QPushButton(tr("Treatment r&ooms…"));
    rooms->setObjectName(QStringLiteral("settingsRooms"));
    connect(rooms, &QPushButton::clicked, this, [this] {
        RoomsDialog d(m_workspace.diary(), this);
        d.exec();
    });
    form->addRow(tr("Diary:"), rooms);
    auto* note =
        new QLabel(tr("These settings are stored in the encrypted vault. The controller's details and the "
                      "recipients are printed on subject-access reports. Treatment records (with their "
                      "photos) are kept for "
                      "insurance and legal claims, payments for tax; erasure keeps them until then."));
    note->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("settingsSave"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(520, sizeHint().height());
}

bool SettingsDialog::save()
{
    ClinicSettings::Values v;
    v.clinicName = m_name->text();
    v.nation = m_nation->currentData().toString();
    v.controllerAddress = m_address->toPlainText();
    v.controllerEmail = m_email->text();
    v.recipients = m_recipients->toPlainText();
    v.enquiryRetentionMonths = m_retention->value();
    v.idleLockMinutes = m_idleLock->value();
    v.treatmentRetentionYears = m_treatmentYears->value();
    v.paymentRetentionYears = m_paymentYears->value();
    if (const Status st = m_workspace.settings().save(v); !st) {
        m_error->setText(st.message());
        m_error->show();
        return false;
    }
    return true;
}

bool editClinicSettings(Workspace& workspace, QWidget* parent)
{
    if (!workspace.may(Action::Settings)) {
        ask::inform(parent, SettingsDialog::tr("Clinic settings"),
                    SettingsDialog::tr("Only a manager can change the clinic's settings."));
        return false;
    }
    SettingsDialog dialog(workspace, parent);
    return dialog.exec() == QDialog::Accepted;
}

} // namespace cd::ui
