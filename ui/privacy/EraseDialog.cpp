#include "privacy/EraseDialog.h"

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

EraseDialog::EraseDialog(Workspace& workspace, qint64 clientId, qint64 requestId, QWidget* parent)
    : QDialog(parent), m_workspace(workspace), m_clientId(clientId), m_requestId(requestId),
      m_staffId(workspace.me().id)
{
    setWindowTitle(tr("Erase a client"));
    auto* layout = new QVBoxLayout(this);
    m_error = style::errorLabel(QStringLiteral("eraseError"));
    auto plan = workspace.erasure().plan(clientId);
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
            if (auto open = workspace.privacy().forClient(clientId))
                for (const PrivacyRequest& r : open.value())
                    if (r.type == RequestType::Erasure && r.status == RequestStatus::Open) {
                        m_requestId = r.id;
                        break;
                    }
        if (m_requestId > 0) {
            if (auto r = workspace.privacy().get(m_requestId))
                html +=
                    tr("<p>This answers the %1 request received on %2; the register will show it done.</p>")
                        .arg(vocab::label(r->type).toLower(),
                             QLocale().toString(r->received, QStringLiteral("dd/MM/yyyy")));
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
    style::setDestructive(m_erase);
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
        // Asked for at the desk: how identity was checked is not known here, so none is claimed.
        auto request =
            m_workspace.privacy().add(m_clientId, QStringLiteral("erasure"), Clock::today(), {}, m_staffId);
        if (!request)
            return m_error->setText(request.message());
        m_requestId = request->id;
    }
    // In a worker owned by the session (a lock waits for it: an erasure is never cut short).
    Database& db = m_workspace.db();
    const QString typed = m_confirm->text();
    auto tomb = TaskRunner::runWith<Result<qint64>>(
        &m_workspace.tasks(), this, tr("Erasing…"), false, [&db, typed, this](const TaskRunner::Progress&) {
            return Erasure(db).erase(m_clientId, typed, m_requestId, m_staffId);
        });
    if (!tomb)
        return m_error->setText(tomb.message());
    if (auto st = syncErasureLedger(m_workspace.vault()); !st)
        return m_error->setText(
            tr("The client is erased, but the erasure ledger could not be written (%1). It is written "
               "at the next sign-in: make no restore before then.")
                .arg(st.message()));
    m_erased = true;
    accept();
}

} // namespace cd::ui
