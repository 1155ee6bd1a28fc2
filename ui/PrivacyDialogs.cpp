#include "PrivacyDialogs.h"

#include "TaskRunner.h"
#include "Workspace.h"
#include "clients/Interaction.h"
#include "common/Clock.h"
#include "privacy/Ledger.h"
#include "privacy/Register.h"
#include "privacy/SubjectExport.h"
#include "vault/Vault.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QEventLoop>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QInputDialog>
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

namespace {
QLabel* errorLabel(const QString& name)
{
    auto* l = new QLabel;
    l->setObjectName(name);
    l->setStyleSheet(QStringLiteral("color: #b00020"));
    l->setWordWrap(true);
    return l;
}
} // namespace

NewRequestDialog::NewRequestDialog(Database& db, qint64 clientId, qint64 staffId, QWidget* parent)
    : QDialog(parent), m_db(db), m_clientId(clientId), m_staffId(staffId)
{
    setWindowTitle(tr("New privacy request"));
    m_type = new QComboBox;
    m_type->setObjectName(QStringLiteral("requestType"));
    const QStringList names{tr("Access (a copy of their data)"),
                            tr("Portability (their data, machine-readable)"),
                            tr("Erasure"),
                            tr("Rectification (correct their data)"),
                            tr("Restriction of processing"),
                            tr("Objection to marketing")};
    for (int i = 0; i < PrivacyRegister::types().size(); ++i)
        m_type->addItem(names.at(i), PrivacyRegister::types().at(i));
    m_received = new QDateEdit(QDate::currentDate());
    m_received->setObjectName(QStringLiteral("requestReceived"));
    m_received->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_received->setCalendarPopup(true);
    m_received->setMaximumDate(QDate::currentDate());
    m_identity = new QLineEdit;
    m_identity->setObjectName(QStringLiteral("requestIdentity"));
    m_identity->setPlaceholderText(tr("e.g. called back on the number on file"));
    m_due = new QLabel;
    m_due->setObjectName(QStringLiteral("requestDue"));
    m_error = errorLabel(QStringLiteral("requestError"));
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
    const QDate due = PrivacyRegister(m_db).dueFor(m_received->date());
    const qint64 left = QDate::currentDate().daysTo(due);
    m_due->setText(tr("%1 (%2)").arg(QLocale().toString(due, QStringLiteral("ddd d MMM yyyy")),
                                     left >= 0 ? tr("%n day(s) left", nullptr, int(left))
                                               : tr("%n day(s) overdue", nullptr, int(-left))));
}

void NewRequestDialog::save()
{
    auto r = PrivacyRegister(m_db).add(m_clientId, m_type->currentData().toString(), m_received->date(),
                                       m_identity->text(), m_staffId);
    if (!r)
        return m_error->setText(r.message());
    m_requestId = r->id;
    accept();
}

std::function<QString(QWidget*, const QString&)> ExportDialog::chooseFile = [](QWidget* parent,
                                                                               const QString& suggested) {
    return QFileDialog::getSaveFileName(parent, QObject::tr("Save the export"),
                                        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
                                            QLatin1Char('/') + suggested,
                                        QObject::tr("ZIP archives (*.zip)"));
};

ExportDialog::ExportDialog(Workspace& workspace, qint64 clientId, qint64 requestId, QWidget* parent)
    : QDialog(parent), m_workspace(workspace), m_db(workspace.db()), m_clientId(clientId),
      m_requestId(requestId)
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
    auto notes = InteractionStore(m_db).timeline(clientId);
    if (notes)
        for (const Interaction& i : notes.value()) {
            auto* item = new QTreeWidgetItem(m_notes, {QDateTime::fromString(i.occurredAt, Qt::ISODate)
                                                           .toLocalTime()
                                                           .toString(QStringLiteral("dd/MM/yyyy")),
                                                       i.body});
            item->setData(0, Qt::UserRole, i.id);
        }
    auto* redact = new QPushButton(tr("&Redact selected note…"));
    m_status = errorLabel(QStringLiteral("exportStatus"));
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
    connect(redact, &QPushButton::clicked, this, &ExportDialog::redactSelected);
    connect(run, &QPushButton::clicked, this, &ExportDialog::runExport);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

void ExportDialog::redactSelected()
{
    QTreeWidgetItem* item = m_notes->currentItem();
    if (!item)
        return;
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(
        this, tr("Redact"), tr("Replace what is about other people with [redacted]:"), item->text(1), &ok);
    if (!ok || text == item->text(1))
        return;
    m_redacted.insert(item->data(0, Qt::UserRole).toLongLong(), text);
    item->setText(1, text);
    item->setText(0, item->text(0) + tr(" (redacted)"));
}

void ExportDialog::runExport()
{
    if (m_password->text() != m_repeat->text())
        return m_status->setText(tr("The two passwords differ."));
    if (!m_password->text().isEmpty() && m_password->text().size() < 8)
        return m_status->setText(tr("Use a password of at least 8 characters, or none."));
    if (m_pdf->isChecked() && m_password->text().isEmpty())
        return m_status->setText(tr("A protected PDF needs a password."));
    const QString path = chooseFile(this, QStringLiteral("subject-access-%1.zip").arg(m_clientId));
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
    Database& db = m_db;
    const qint64 client = m_clientId;
    Result<SubjectExportResult> r = m_workspace.tasks().run<Result<SubjectExportResult>>(
        this, tr("Exporting…"), true, [&db, client, o](const TaskRunner::Progress& progress) mutable {
            o.progress = progress;
            return exportSubject(db, client, o);
        });
    if (!r)
        return m_status->setText(r.message());
    m_written = r->zipPath;
    m_status->setStyleSheet(QString());
    accept();
}

EraseDialog::EraseDialog(Vault& vault, qint64 clientId, qint64 requestId, qint64 staffId, TaskRunner* tasks,
                         QWidget* parent)
    : QDialog(parent), m_vault(vault), m_tasks(tasks), m_clientId(clientId), m_requestId(requestId),
      m_staffId(staffId)
{
    setWindowTitle(tr("Erase a client"));
    auto* layout = new QVBoxLayout(this);
    m_error = errorLabel(QStringLiteral("eraseError"));
    auto plan = Erasure(vault.db()).plan(clientId);
    auto* summary = new QLabel;
    summary->setObjectName(QStringLiteral("erasePreview"));
    summary->setWordWrap(true);
    summary->setTextFormat(Qt::RichText);
    if (plan) {
        m_plan = plan.value();
        // One line per category (the tables behind it are the data map's business); what is kept
        // is named by its reason, which says what it is.
        QList<std::pair<QString, int>> gone;
        for (const ErasureItem& i : m_plan.erase) {
            auto it =
                std::find_if(gone.begin(), gone.end(), [&](const auto& g) { return g.first == i.category; });
            if (it == gone.end())
                gone.append({i.category, i.rows});
            else
                it->second += i.rows;
        }
        QString html =
            tr("<h3>Erase %1</h3><b>Will be erased:</b><ul>").arg(m_plan.clientName.toHtmlEscaped());
        for (const auto& [category, rows] : gone)
            html += tr("<li>%1 (%n record(s))</li>", nullptr, rows).arg(category.toHtmlEscaped());
        html += tr("</ul><b>Will be kept, and why:</b><ul>");
        if (m_plan.keep.isEmpty())
            html += tr("<li>nothing</li>");
        for (const ErasureItem& i : m_plan.keep)
            html += tr("<li>%n record(s): %1</li>", nullptr, i.rows).arg(i.reason.toHtmlEscaped());
        html += tr("</ul>The erased data cannot be brought back, not even from this vault's files.");
        // The register shows the erasure as the answer to a request: the one chosen, else the
        // client's open erasure request, else a new one recorded now.
        if (m_requestId == 0)
            if (auto open = PrivacyRegister(vault.db()).forClient(clientId))
                for (const PrivacyRequest& r : open.value())
                    if (r.type == QLatin1String("erasure") && r.status == QLatin1String("open")) {
                        m_requestId = r.id;
                        break;
                    }
        if (m_requestId > 0) {
            if (auto r = PrivacyRegister(vault.db()).get(m_requestId))
                html +=
                    tr("<p>This answers the %1 request received on %2; the register will show it done.</p>")
                        .arg(r->type, QLocale().toString(r->received, QStringLiteral("dd/MM/yyyy")));
        } else {
            html +=
                tr("<p>The register will record this as an erasure request received and answered today.</p>");
        }
        summary->setText(html);
    } else {
        m_error->setText(plan.message());
    }
    m_confirm = new QLineEdit;
    m_confirm->setObjectName(QStringLiteral("eraseConfirm"));
    m_confirm->setAccessibleName(tr("Type the client's name to confirm"));
    m_erase = new QPushButton(tr("Erase"));
    m_erase->setObjectName(QStringLiteral("eraseRun"));
    m_erase->setEnabled(false);
    m_erase->setStyleSheet(
        QStringLiteral("QPushButton:enabled { color: white; background: #b00020; padding: 4px 12px; }"));
    auto* cancel = new QPushButton(tr("Cancel"));
    cancel->setDefault(true);
    auto* row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(cancel);
    row->addWidget(m_erase);
    layout->addWidget(summary);
    layout->addWidget(new QLabel(tr("Type the client's name (%1) to confirm:").arg(m_plan.clientName)));
    layout->addWidget(m_confirm);
    layout->addWidget(m_error);
    layout->addLayout(row);
    resize(560, 460);
    connect(m_confirm, &QLineEdit::textChanged, this, [this](const QString& t) {
        const QStringList parts = m_plan.clientName.split(QLatin1Char(' '));
        m_erase->setEnabled(!m_plan.subjectRef.isEmpty() &&
                            Erasure::nameMatches(t, parts.value(0), parts.mid(1).join(QLatin1Char(' ')), {}));
    });
    connect(m_erase, &QPushButton::clicked, this, &EraseDialog::erase);
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
}

void EraseDialog::erase()
{
    const QStringList parts = m_plan.clientName.split(QLatin1Char(' '));
    if (m_requestId == 0 &&
        Erasure::nameMatches(m_confirm->text(), parts.value(0), parts.mid(1).join(QLatin1Char(' ')), {})) {
        auto request = PrivacyRegister(m_vault.db())
                           .add(m_clientId, QStringLiteral("erasure"), Clock::today(),
                                tr("recorded when the client was erased"), m_staffId);
        if (!request)
            return m_error->setText(request.message());
        m_requestId = request->id;
    }
    // In a worker owned by the session (a lock waits for it: an erasure is never cut short).
    Database& db = m_vault.db();
    const QString typed = m_confirm->text();
    auto tomb = TaskRunner::runWith<Result<qint64>>(
        m_tasks, this, tr("Erasing…"), false, [&db, typed, this](const TaskRunner::Progress&) {
            return Erasure(db).erase(m_clientId, typed, m_requestId, m_staffId);
        });
    if (!tomb)
        return m_error->setText(tomb.message());
    if (auto st = syncErasureLedger(m_vault); !st)
        return m_error->setText(
            tr("The client is erased, but the erasure ledger could not be written (%1). It is written "
               "at the next sign-in: make no restore before then.")
                .arg(st.message()));
    m_erased = true;
    accept();
}

} // namespace cd::ui
