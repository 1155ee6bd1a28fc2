#include "staff/AuditDialog.h"

#include "accounts/Staff.h"
#include "audit/AuditLog.h"
#include "clients/ClientStore.h"
#include "common/Ask.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "search/ClientSearch.h"
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
#include <QRegularExpression>
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
    m_subject->setPlaceholderText(tr("Client: name, phone number or reference"));
    m_subject->setAccessibleName(tr("Client"));
    m_subject->setClearButtonEnabled(true);
    m_who = new QLabel;
    m_who->setObjectName(QStringLiteral("auditWho"));
    m_who->setTextFormat(Qt::RichText);
    m_who->setWordWrap(true);
    connect(m_who, &QLabel::linkActivated, this, [this](const QString& ref) { m_subject->setText(ref); });
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
    m_list->setHeaderLabels({tr("When"), tr("Who"), tr("Action"), tr("Client"), tr("Detail")});
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
    layout->addWidget(m_who);
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
        actions.insert(m_list->topLevelItem(i)->data(2, Qt::UserRole).toString());
    QStringList sorted(actions.cbegin(), actions.cend());
    sorted.sort();
    for (const QString& a : sorted)
        m_action->addItem(actionLabel(a), a);
}

QString AuditDialog::actionLabel(const QString& code)
{
    // "payment-recorded" → "Payment recorded"; the code stays in the CSV.
    QString words = code;
    words.replace(QLatin1Char('-'), QLatin1Char(' ')).replace(QLatin1Char('.'), QLatin1Char(' '));
    if (!words.isEmpty())
        words[0] = words.at(0).toUpper();
    return words;
}

void AuditDialog::showClient(qint64 clientId)
{
    auto ref = m_workspace.clients().subjectRef(clientId);
    if (!ref)
        return m_who->setText(ref.message());
    // The whole story of a client, not the last month's.
    m_from->setDate(QDate(2000, 1, 1));
    m_subject->setText(ref.value());
}

QString AuditDialog::chosenSubject()
{
    const QString text = m_subject->text().trimmed();
    m_who->clear();
    if (text.isEmpty())
        return {};
    static const QRegularExpression ref(QStringLiteral("^S-[0-9A-F]{4,}$"),
                                        QRegularExpression::CaseInsensitiveOption);
    if (ref.match(text).hasMatch()) {
        m_who->setText(tr("Entries about %1 (%2).").arg(clientName(text.toUpper()), text.toUpper()));
        return text.toUpper();
    }
    auto hits = m_workspace.search().search(text, 6);
    if (!hits || hits->isEmpty()) {
        m_who->setText(tr("No client on file matches “%1”. An erased client is found by the reference "
                          "kept in the erasure ledger.")
                           .arg(text));
        return QStringLiteral("-"); // matches nothing
    }
    const ClientSummary& best = hits->first().client;
    auto found = m_workspace.clients().subjectRef(best.id);
    if (!found)
        return QStringLiteral("-");
    // Several people match ("Kwame"): the closest is shown, and the others are a click away.
    QStringList others;
    for (qsizetype i = 1; i < hits->size(); ++i)
        if (auto other = m_workspace.clients().subjectRef(hits->at(i).client.id))
            others << QStringLiteral("<a href='%1'>%2</a>")
                          .arg(other.value(), hits->at(i).client.displayName().toHtmlEscaped());
    m_who->setText(
        others.isEmpty()
            ? tr("Entries about %1 (%2).").arg(best.displayName().toHtmlEscaped(), found.value())
            : tr("Entries about %1 (%2), the closest match. Others: %3.")
                  .arg(best.displayName().toHtmlEscaped(), found.value(), others.join(QStringLiteral(", "))));
    return found.value();
}

QString AuditDialog::clientName(const QString& subjectRef)
{
    if (subjectRef.isEmpty())
        return {};
    if (auto it = m_names.constFind(subjectRef); it != m_names.cend())
        return it.value();
    QString name = tr("erased client %1").arg(subjectRef);
    if (auto id = m_workspace.clients().liveClientOf(subjectRef); id && id.value() > 0)
        if (auto c = m_workspace.clients().get(id.value()))
            name = c->displayName();
    m_names.insert(subjectRef, name);
    return name;
}

AuditFilter AuditDialog::filter()
{
    AuditFilter f;
    f.staff = m_staff->currentData().toString();
    f.action = m_action->currentData().toString();
    f.subjectRef = chosenSubject();
    f.from = m_from->date();
    f.to = m_to->date();
    return f;
}

void AuditDialog::refresh()
{
    const AuditFilter f = filter();
    m_list->clear();
    auto rows = m_workspace.audit().query(f);
    if (!rows) {
        m_chain->setText(rows.message());
        return;
    }
    for (const AuditEntry& e : rows.value()) {
        auto* item = new QTreeWidgetItem(
            m_list, {QLocale().toString(QDateTime::fromString(e.at, Qt::ISODate).toLocalTime(),
                                        QStringLiteral("dd/MM/yyyy HH:mm:ss")),
                     e.staff, actionLabel(e.action), clientName(e.subjectRef), e.detail});
        item->setData(2, Qt::UserRole, e.action);
        item->setToolTip(3, e.subjectRef);
    }
    for (int c = 0; c < 4; ++c)
        m_list->resizeColumnToContents(c);
}

void AuditDialog::exportCsv()
{
    const QString path = ask::saveFile(this, tr("Export the audit log"), QStringLiteral("audit-log.csv"),
                                       tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    AuditFilter f = filter();
    f.limit = 1000000;
    const Status st = m_workspace.audit().exportCsv(path, f);
    m_chain->setText(st ? tr("Exported to %1.").arg(path) : st.message());
}

} // namespace cd::ui
