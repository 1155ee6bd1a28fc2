#include "privacy/NewRequestDialog.h"

#include "clients/Interaction.h"
#include "common/Clock.h"
#include "common/Style.h"
#include "desk/TaskRunner.h"
#include "desk/Workspace.h"
#include "privacy/Ledger.h"
#include "privacy/Register.h"
#include "privacy/SubjectExport.h"
#include "vault/Vault.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QEventLoop>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHash>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPointer>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardPaths>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>
#include <atomic>

namespace cd::ui {

NewRequestDialog::NewRequestDialog(PrivacyRegister& privacy, qint64 clientId, qint64 staffId, QWidget* parent)
    : QDialog(parent), m_privacy(privacy), m_clientId(clientId), m_staffId(staffId)
{
    setWindowTitle(tr("New privacy request"));
    m_type = new QComboBox;
    m_type->setObjectName(QStringLiteral("requestType"));
    // What each right means, in the words the desk uses with the person asking.
    const QHash<RequestType, QString> names{
        {RequestType::Access, tr("Access (a copy of their data)")},
        {RequestType::Portability, tr("Portability (their data, machine-readable)")},
        {RequestType::Erasure, tr("Erasure")},
        {RequestType::Rectification, tr("Rectification (correct their data)")},
        {RequestType::Restriction, tr("Restriction of processing")},
        {RequestType::Objection, tr("Objection to marketing")}};
    for (RequestType t : vocab::all<RequestType>())
        m_type->addItem(names.value(t, vocab::label(t)), vocab::code(t));
    m_received = new QDateEdit(QDate::currentDate());
    m_received->setObjectName(QStringLiteral("requestReceived"));
    m_received->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_received->setCalendarPopup(true);
    m_received->setMaximumDate(QDate::currentDate());
    // A method, never the document: the register outlives the client's record by six years.
    m_identity = new QComboBox;
    m_identity->setObjectName(QStringLiteral("requestIdentity"));
    m_identity->addItem(tr("Not checked yet"), QString());
    for (IdentityCheck c : vocab::all<IdentityCheck>())
        m_identity->addItem(vocab::label(c), vocab::code(c));
    m_identity->setToolTip(tr("How you made sure the request is from the person. Write no document "
                              "number anywhere: the register keeps only the method."));
    m_due = new QLabel;
    m_due->setObjectName(QStringLiteral("requestDue"));
    m_error = style::errorLabel(QStringLiteral("requestError"));
    auto* form = new QFormLayout;
    form->addRow(tr("&Request:"), m_type);
    form->addRow(tr("&Received on:"), m_received);
    form->addRow(tr("&Identity checked by:"), m_identity);
    form->addRow(tr("Answer due:"), m_due);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("requestSave"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        tr("The clock starts on the day the request (or the proof of identity asked for) arrives.")));
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(m_received, &QDateEdit::dateChanged, this, &NewRequestDialog::updateDue);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewRequestDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateDue();
}

void NewRequestDialog::updateDue()
{
    const QDate due = m_privacy.dueFor(m_received->date());
    const qint64 left = QDate::currentDate().daysTo(due);
    m_due->setText(tr("%1 (%2)").arg(QLocale().toString(due, QStringLiteral("ddd d MMM yyyy")),
                                     left >= 0 ? tr("%n day(s) left", nullptr, int(left))
                                               : tr("%n day(s) overdue", nullptr, int(-left))));
}

void NewRequestDialog::save()
{
    auto r = m_privacy.add(m_clientId, m_type->currentData().toString(), m_received->date(),
                           m_identity->currentData().toString(), m_staffId);
    if (!r)
        return m_error->setText(r.message());
    m_requestId = r->id;
    accept();
}

} // namespace cd::ui
