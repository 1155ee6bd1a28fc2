#include "staff/AuditDialog.h"

#include "accounts/Staff.h"
#include "audit/AuditLog.h"
#include "common/Ask.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "vault/Vault.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cd::ui {

AuditDialog::AuditDialog(Workspace& workspace, QWidget* parent) : QDialog(parent), m_workspace(workspace)
{
    setWindowTitle(tr("Audit log"));
    m_staff = new QComboBox;
    m_staff->setObjectName(QStringLiteral("auditStaff"));
    m_staff->addItem(tr("Everyone"), QString());
    if (auto all = staff::all(workspace.db()))
        for (const StaffMember& m : all.value())
            m_staff->addItem(m.displayName + (m.active ? QString() : tr(" (left)")), m.username);
    m_action = new QComboBox;
    m_action->setObjectName(QStringLiteral("auditAction"));
    m_action->addItem(tr("Any action"), QString());
    m_subject = new QLineEdit;
    m_subject->setObjectName(QStringLiteral("auditSubject"));
    m_subject->setPlaceholderText(tr("client reference, e.g. S-3F9A…"));
    m_from = new QDateEdit(QDate::currentDate().addMonths(-1));
    m_to = new QDateEdit(QDate::currentDate());
    for (QDateEdit* d : {m_from, m_to}) {
        d->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
        d->setCalendarPopup(true);
    }
    m_chain = new QLabel;
    m_chain->setObjectName(QStringLiteral("auditChain"));
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("auditList"));
    m_list->setHeaderLabels({tr("When"), tr("Who"), tr("Action"), tr("Client reference"), tr("Detail")});
    m_list->setRootIsDecorated(false);
    m_list->header()->setStretchLastSection(true);
    auto* exportButton = new QPushButton(tr("&Export CSV…"));
    exportButton->setObjectName(QStringLiteral("auditExport"));
    auto* close = new QPushButton(tr("Close"));
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_staff);
    filters->addWidget(m_action);
    filters->addWidget(m_subject, 1);
    filters->addWidget(new QLabel(tr("from")));
    filters->addWidget(m_from);
    filters->addWidget(new QLabel(tr("to")));
    filters->addWidget(m_to);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_chain, 1);
    bottom->addWidget(exportButton);
    bottom->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(m_list, 1);
    layout->addLayout(bottom);
    resize(980, 600);
    for (QComboBox* c : {m_staff, m_action})
        connect(c, &QComboBox::currentIndexChanged, this, &AuditDialog::refresh);
    connect(m_subject, &QLineEdit::textChanged, this, &AuditDialog::refresh);
    connect(m_from, &QDateEdit::dateChanged, this, &AuditDialog::refresh);
    connect(m_to, &QDateEdit::dateChanged, this, &AuditDialog::refresh);
    connect(exportButton, &QPushButton::clicked, this, &AuditDialog::exportCsv);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);

    const auto head = workspace.vault().recordedAuditHead();
    auto verified = workspace.audit().verify(head ? head->first : 0, head ? head->second : QString());
    if (verified && !head)
        verified->anchorProblems << head.message();
    if (verified && verified->intact && verified->anchored())
        m_chain->setText(
            verified->checkpoints > 0
                ? tr("✔ The log is intact: %n entries, each chained to the one before; a manager's key "
                     "signed them up to entry %1.",
                     nullptr, verified->entries)
                      .arg(verified->lastCheckpointEntry)
                : tr("✔ The log is intact: %n entries, each chained to the one before.", nullptr,
                     verified->entries));
    else {
        style::setTone(m_chain, style::Tone::Error, true);
        m_chain->setText(!verified ? verified.message()
                         : !verified->intact
                             ? tr("The log has been tampered with: %1.").arg(verified->problem)
                             : tr("The log has been tampered with: %1.")
                                   .arg(verified->anchorProblems.join(QStringLiteral("; "))));
    }
    refresh();
    QSet<QString> actions;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        actions.insert(m_list->topLevelItem(i)->text(2));
    QStringList sorted(actions.cbegin(), actions.cend());
    sorted.sort();
    for (const QString& a : sorted)
        m_action->addItem(a, a);
}

void AuditDialog::refresh()
{
    AuditFilter f;
    f.staff = m_staff->currentData().toString();
    f.action = m_action->currentData().toString();
    f.subjectRef = m_subject->text().trimmed().toUpper();
    f.from = m_from->date();
    f.to = m_to->date();
    m_list->clear();
    auto rows = m_workspace.audit().query(f);
    if (!rows) {
        m_chain->setText(rows.message());
        return;
    }
    for (const AuditEntry& e : rows.value())
        new QTreeWidgetItem(m_list,
                            {QLocale().toString(QDateTime::fromString(e.at, Qt::ISODate).toLocalTime(),
                                                QStringLiteral("dd/MM/yyyy HH:mm:ss")),
                             e.staff, e.action, e.subjectRef, e.detail});
    for (int c = 0; c < 4; ++c)
        m_list->resizeColumnToContents(c);
}

void AuditDialog::exportCsv()
{
    const QString path = ask::saveFile(this, tr("Export the audit log"), QStringLiteral("audit-log.csv"),
                                       tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    AuditFilter f;
    f.staff = m_staff->currentData().toString();
    f.action = m_action->currentData().toString();
    f.subjectRef = m_subject->text().trimmed().toUpper();
    f.from = m_from->date();
    f.to = m_to->date();
    f.limit = 1000000;
    const Status st = m_workspace.audit().exportCsv(path, f);
    m_chain->setText(st ? tr("Exported to %1.").arg(path) : st.message());
}

} // namespace cd::ui
