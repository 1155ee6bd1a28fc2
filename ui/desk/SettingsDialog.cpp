#include "desk/SettingsDialog.h"

#include "common/Ask.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "diary/RoomsDialog.h"
#include "privacy/BankHolidayDialog.h"
#include "vault/Vault.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFile>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPixmap>
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
    m_phone = new QLineEdit(v.clinicPhone);
    m_phone->setObjectName(QStringLiteral("settingsClinicPhone"));
    m_phone->setPlaceholderText(tr("printed on quotes and reports, e.g. 020 7946 0000"));
    // The logo on quotes and reports: chosen from a file, shrunk and kept in the vault.
    m_logo = v.clinicLogo;
    m_logoPreview = new QLabel;
    m_logoPreview->setObjectName(QStringLiteral("settingsLogoPreview"));
    m_logoPreview->setMinimumHeight(48);
    const auto showLogo = [this] {
        const QImage image = QImage::fromData(m_logo);
        if (image.isNull())
            return m_logoPreview->setText(
                style::mutedHtml(tr("No logo: quotes and reports show the name alone.")));
        m_logoPreview->setPixmap(
            QPixmap::fromImage(image.scaled(240, 48, Qt::KeepAspectRatio, Qt::SmoothTransformation)));
    };
    showLogo();
    auto* chooseLogo = new QPushButton(tr("Choose lo&go…"));
    chooseLogo->setObjectName(QStringLiteral("settingsChooseLogo"));
    auto* removeLogo = new QPushButton(tr("Remove"));
    removeLogo->setObjectName(QStringLiteral("settingsRemoveLogo"));
    connect(chooseLogo, &QPushButton::clicked, this, [this, showLogo] {
        const QString path = ask::openFile(this, tr("Choose the clinic's logo"),
                                           tr("Pictures (*.png *.jpg *.jpeg *.svg *.webp)"));
        if (path.isEmpty())
            return;
        QFile file(path);
        auto logo = file.open(QIODevice::ReadOnly)
                        ? ClinicSettings::prepareLogo(file.readAll())
                        : Result<QByteArray>(makeError(Error::Kind::Io, file.errorString()));
        if (!logo) {
            m_error->setText(logo.message());
            m_error->show();
            return;
        }
        m_error->hide();
        m_logo = logo.value();
        showLogo();
    });
    connect(removeLogo, &QPushButton::clicked, this, [this, showLogo] {
        m_logo.clear();
        showLogo();
    });
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
    form->addRow(tr("Clinic's &phone:"), m_phone);
    auto* logoRow = new QHBoxLayout;
    logoRow->addWidget(m_logoPreview, 1);
    logoRow->addWidget(chooseLogo);
    logoRow->addWidget(removeLogo);
    form->addRow(tr("Logo:"), logoRow);
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
    auto* note = new QLabel(
        tr("These settings are stored in the encrypted vault. The clinic's name, address, phone and "
           "logo head its quotes and subject-access reports; the recipients are named in the reports. "
           "Treatment records (with their "
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
    // What this dialog does not show (the stock alerts, set on the command line) is kept as it is.
    ClinicSettings::Values v = m_workspace.settings().values();
    v.clinicName = m_name->text();
    v.nation = m_nation->currentData().toString();
    v.controllerAddress = m_address->toPlainText();
    v.controllerEmail = m_email->text();
    v.clinicPhone = m_phone->text();
    v.clinicLogo = m_logo;
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
