#include "privacy/ExportDialog.h"

#include "clients/Interaction.h"
#include "common/Ask.h"
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
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
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

ExportDialog::ExportDialog(Workspace& workspace, qint64 clientId, qint64 requestId, QWidget* parent)
    : QDialog(parent), m_workspace(workspace), m_clientId(clientId), m_requestId(requestId)
{
    setWindowTitle(tr("Export the client's data"));
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("exportKind"));
    m_kind->addItem(tr("Subject access: report (PDF) and data (JSON) in a ZIP"), 0);
    m_kind->addItem(tr("Portability: data (JSON) only"), 1);
    m_password = new QLineEdit;
    m_password->setObjectName(QStringLiteral("exportPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("leave empty for a plain ZIP"));
    m_repeat = new QLineEdit;
    m_repeat->setObjectName(QStringLiteral("exportRepeat"));
    m_repeat->setEchoMode(QLineEdit::Password);
    m_pdf = new QCheckBox(tr("Also save the report alone as a password-protected PDF"));
    m_pdf->setObjectName(QStringLiteral("exportPdf"));
    auto* help = new QLabel(tr(
        "<small>With a password the ZIP is AES-256 encrypted: 7-Zip and most archivers open it, but not "
        "every built-in unzip (Windows Explorer cannot). The protected PDF opens in any PDF reader or phone. "
        "Send the password separately, for example by text message.</small>"));
    help->setWordWrap(true);
    m_notes = new QTreeWidget;
    m_notes->setObjectName(QStringLiteral("exportNotes"));
    m_notes->setHeaderLabels({tr("When"), tr("Note")});
    m_notes->setRootIsDecorated(false);
    m_notes->header()->setStretchLastSection(true);
    auto notes = m_workspace.interactions().timeline(clientId);
    if (notes)
        for (const Interaction& i : notes.value()) {
            auto* item = new QTreeWidgetItem(m_notes, {QDateTime::fromString(i.occurredAt, Qt::ISODate)
                                                           .toLocalTime()
                                                           .toString(QStringLiteral("dd/MM/yyyy")),
                                                       i.body});
            item->setData(0, Qt::UserRole, i.id);
        }
    auto* redact = new QPushButton(tr("&Redact selected note…"));
    m_status = style::errorLabel(QStringLiteral("exportStatus"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    auto* run = buttons->addButton(tr("&Export…"), QDialogButtonBox::AcceptRole);
    run->setObjectName(QStringLiteral("exportRun"));
    auto* form = new QFormLayout;
    form->addRow(tr("&What:"), m_kind);
    form->addRow(tr("&Password:"), m_password);
    form->addRow(tr("Re&peat password:"), m_repeat);
    form->addRow(QString(), m_pdf);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(help);
    layout->addWidget(
        new QLabel(tr("Review the notes: remove what is about other people before it is sent.")));
    layout->addWidget(m_notes, 1);
    layout->addWidget(redact, 0, Qt::AlignRight);
    layout->addWidget(m_status);
    layout->addWidget(buttons);
    resize(720, 560);
    // A password problem goes as soon as it is mended (or is replaced by the one still left).
    const auto recheck = [this] {
        if (!m_status->text().isEmpty() && m_status->property("passwordProblem").toBool())
            m_status->setText(passwordProblem());
    };
    connect(m_password, &QLineEdit::textChanged, this, recheck);
    connect(m_repeat, &QLineEdit::textChanged, this, recheck);
    connect(m_pdf, &QCheckBox::toggled, this, recheck);
    connect(redact, &QPushButton::clicked, this, &ExportDialog::redactSelected);
    connect(run, &QPushButton::clicked, this, &ExportDialog::runExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ExportDialog::redactSelected()
{
    QTreeWidgetItem* item = m_notes->currentItem();
    if (!item)
        return;
    ask::Question q;
    q.title = tr("Redact");
    q.text = tr("Replace what is about other people with [redacted]:");
    q.suggested = item->text(1);
    q.multiline = true;
    const std::optional<QString> answer = ask::text(this, q);
    if (!answer || *answer == item->text(1))
        return;
    const QString text = *answer;
    m_redacted.insert(item->data(0, Qt::UserRole).toLongLong(), text);
    item->setText(1, text);
    item->setText(0, item->text(0) + tr(" (redacted)"));
}

QString ExportDialog::passwordProblem() const
{
    if (m_password->text() != m_repeat->text())
        return tr("The two passwords differ.");
    if (!m_password->text().isEmpty() && m_password->text().size() < 8)
        return tr("Use a password of at least 8 characters, or none.");
    if (m_pdf->isChecked() && m_password->text().isEmpty())
        return tr("A protected PDF needs a password.");
    return {};
}

void ExportDialog::runExport()
{
    const QString problem = passwordProblem();
    m_status->setProperty("passwordProblem", !problem.isEmpty());
    if (!problem.isEmpty())
        return m_status->setText(problem);
    const QString path =
        ask::saveFile(this, tr("Save the export"), QStringLiteral("subject-access-%1.zip").arg(m_clientId),
                      tr("ZIP archives (*.zip)"));
    if (path.isEmpty())
        return;
    SubjectExportOptions o;
    o.kind = m_kind->currentData().toInt() == 0 ? SubjectExportOptions::Kind::Access
                                                : SubjectExportOptions::Kind::Portability;
    o.outPath = path;
    o.zipPassword = m_password->text().toUtf8();
    if (m_pdf->isChecked()) {
        o.protectedPdfPath = QFileInfo(path).path() + QLatin1Char('/') + QFileInfo(path).completeBaseName() +
                             QStringLiteral("-report.pdf");
        o.pdfPassword = o.zipPassword;
    }
    o.data.requestId = m_requestId;
    o.data.redactedNotes = m_redacted;

    // In a worker, owned by the session's task runner: Cancel, or locking the desk, stops it at
    // its next step and nothing is left half-written; the vault stays open until it has ended.
    Database& db = m_workspace.db();
    const qint64 client = m_clientId;
    Result<SubjectExportResult> r = m_workspace.tasks().run<Result<SubjectExportResult>>(
        this, tr("Exporting…"), true, [&db, client, o](const TaskRunner::Progress& progress) mutable {
            o.progress = progress;
            return exportSubject(db, client, o);
        });
    // The worker's copy shared these buffers: wiped where they lie.
    wipeShared(o.zipPassword);
    wipeShared(o.pdfPassword);
    if (!r)
        return m_status->setText(r.message()); // the password stays typed, to try again
    for (QLineEdit* typed : {m_password, m_repeat}) {
        QString text = typed->text();
        typed->clear();
        wipeShared(text);
    }
    m_written = r->zipPath;
    m_answered = r->answeredRequest;
    m_status->setStyleSheet(QString());
    accept();
}

} // namespace cd::ui
