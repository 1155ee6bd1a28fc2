#include "privacy/PrivacyTab.h"

#include "clients/ClientStore.h"
#include "common/Ask.h"
#include "common/Style.h"
#include "desk/TaskRunner.h"
#include "desk/Workspace.h"
#include "privacy/EraseDialog.h"
#include "privacy/ExportDialog.h"
#include "privacy/NewRequestDialog.h"
#include "privacy/Register.h"
#include "privacy/Rights.h"
#include "staff/AuditDialog.h"
#include "vault/Vault.h"

#include <QDir>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cd::ui {

namespace {
QPushButton* button(const QString& text, const QString& name)
{
    auto* b = new QPushButton(text);
    b->setObjectName(name);
    return b;
}
} // namespace

PrivacyTab::PrivacyTab(Workspace& workspace, QWidget* parent) : QWidget(parent), m_workspace(workspace)
{
    m_banner = new QLabel;
    m_banner->setObjectName(QStringLiteral("privacyBanner"));
    m_banner->setWordWrap(true);
    style::setBanner(m_banner, style::Tone::Error);
    m_banner->hide();
    m_requests = new QTreeWidget;
    m_requests->setObjectName(QStringLiteral("clientRequests"));
    m_requests->setHeaderLabels({tr("Request"), tr("Received"), tr("Due"), tr("Status")});
    m_requests->setRootIsDecorated(false);
    m_requests->header()->setStretchLastSection(true);
    auto* add = button(tr("&New request…"), QStringLiteral("newRequest"));
    auto* exp = button(tr("E&xport data…"), QStringLiteral("exportData"));
    auto* erase = button(tr("E&rase client…"), QStringLiteral("eraseClient"));
    m_restrict = button(tr("Re&strict processing"), QStringLiteral("restrictClient"));
    auto* object = button(tr("&Object to marketing"), QStringLiteral("objectMarketing"));
    auto* extend = button(tr("Extend &deadline…"), QStringLiteral("extendRequest"));
    auto* done = button(tr("&Mark answered"), QStringLiteral("completeRequest"));
    auto* grid = new QGridLayout;
    grid->addWidget(add, 0, 0);
    grid->addWidget(extend, 0, 1);
    grid->addWidget(done, 0, 2);
    grid->addWidget(exp, 1, 0);
    grid->addWidget(m_restrict, 1, 1);
    grid->addWidget(object, 1, 2);
    grid->addWidget(erase, 2, 0);
    // What the clinic did with this client's data, from the audit log (managers).
    auto* audit = button(tr("&Audit log for this client…"), QStringLiteral("auditClient"));
    grid->addWidget(audit, 2, 1);
    m_reference = new QLabel;
    m_reference->setObjectName(QStringLiteral("privacyReference"));
    m_reference->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("privacyMessage"));
    m_error->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_banner);
    layout->addWidget(m_requests, 1);
    layout->addLayout(grid);
    layout->addWidget(m_error);
    layout->addWidget(m_reference);
    const bool manager = actsAsManager();
    for (QPushButton* b : {exp, erase, m_restrict, object})
        b->setEnabled(manager);
    audit->setEnabled(m_workspace.may(Action::ReadAudit));
    connect(audit, &QPushButton::clicked, this, [this] {
        AuditDialog d(m_workspace, this);
        d.showClient(m_id);
        d.exec();
    });
    add->setEnabled(m_workspace.may(Action::RecordRequests)); // a request arrives at the desk
    connect(add, &QPushButton::clicked, this, &PrivacyTab::newRequest);
    connect(exp, &QPushButton::clicked, this, &PrivacyTab::exportData);
    connect(erase, &QPushButton::clicked, this, &PrivacyTab::eraseClient);
    connect(m_restrict, &QPushButton::clicked, this, &PrivacyTab::toggleRestriction);
    connect(object, &QPushButton::clicked, this, &PrivacyTab::objectToMarketing);
    connect(extend, &QPushButton::clicked, this, &PrivacyTab::extendRequest);
    connect(done, &QPushButton::clicked, this, &PrivacyTab::completeRequest);
    connect(m_requests, &QTreeWidget::currentItemChanged, this, &PrivacyTab::updateRequestButtons);
    updateRequestButtons();
}

bool PrivacyTab::actsAsManager() const
{
    return m_workspace.isManager();
}

void PrivacyTab::updateRequestButtons()
{
    const bool manager = actsAsManager();
    const QTreeWidgetItem* item = m_requests->currentItem();
    const bool open = item && item->data(0, Qt::UserRole + 1).toString() == vocab::code(RequestStatus::Open);
    const bool extended = item && item->data(0, Qt::UserRole + 2).toBool();
    const QString why = !item  ? tr("Select a request in the list first.")
                        : open ? QString()
                               : tr("This request has been answered.");
    if (auto* b = findChild<QPushButton*>(QStringLiteral("completeRequest"))) {
        b->setEnabled(manager && open);
        b->setToolTip(manager ? why : QString());
    }
    if (auto* b = findChild<QPushButton*>(QStringLiteral("extendRequest"))) {
        b->setEnabled(manager && open && !extended);
        b->setToolTip(!manager           ? QString()
                      : open && extended ? tr("Already extended once, as far as the law allows.")
                                         : why);
    }
}

void PrivacyTab::showClient(qint64 id)
{
    // The same client shown again after a change keeps the message of what was just done.
    if (id != m_id)
        m_error->clear();
    m_id = id;
    m_requests->clear();
    auto c = m_workspace.clients().get(id);
    m_restricted = c && c->restricted;
    m_reference->setText(c ? style::mutedHtml(tr("Reference in the audit log and the erasure ledger: %1")
                                                  .arg(c->subjectRef.toHtmlEscaped()))
                           : QString());
    m_banner->setVisible(m_restricted);
    m_banner->setText(
        c && !c->erasedAt.isEmpty()
            ? tr("<b>Erased.</b> Only what the law requires is kept; see the register for the reasons.")
            : tr("<b>Processing restricted</b> (privacy request): this record is kept but may not be changed "
                 "or "
                 "used for marketing."));
    m_restrict->setText(m_restricted ? tr("Lift re&striction") : tr("Re&strict processing"));
    // Erased: what is kept stays restricted and cannot be erased, restricted or objected to again.
    const bool manager = actsAsManager();
    const bool erased = c && !c->erasedAt.isEmpty();
    for (const char* name : {"eraseClient", "restrictClient", "objectMarketing"})
        if (auto* b = findChild<QPushButton*>(QString::fromLatin1(name)))
            b->setEnabled(manager && !erased);
    auto requests = m_workspace.privacy().forClient(id);
    if (!requests)
        return;
    const QDate today = QDate::currentDate();
    for (const PrivacyRequest& r : requests.value()) {
        const int left = r.daysLeft(today);
        const QString status = r.status != RequestStatus::Open
                                   ? tr("%1 on %2")
                                         .arg(vocab::label(r.status).toLower(),
                                              QLocale().toString(r.completed, QStringLiteral("dd/MM/yyyy")))
                               : left >= 0 ? tr("open, %n day(s) left", nullptr, left)
                                           : tr("open, %n day(s) OVERDUE", nullptr, -left);
        auto* item = new QTreeWidgetItem(
            m_requests, {vocab::label(r.type), QLocale().toString(r.received, QStringLiteral("dd/MM/yyyy")),
                         QLocale().toString(r.due, QStringLiteral("d MMM yyyy")), status});
        item->setData(0, Qt::UserRole, r.id);
        item->setData(0, Qt::UserRole + 1, vocab::code(r.status));
        item->setData(0, Qt::UserRole + 2, !r.extensionReason.isEmpty());
        if (r.status == RequestStatus::Open && left < 0)
            item->setForeground(3, QColor(palette::now().error));
    }
    if (m_requests->topLevelItemCount() > 0)
        m_requests->setCurrentItem(m_requests->topLevelItem(0));
    updateRequestButtons();
}

qint64 PrivacyTab::selectedRequest() const
{
    return m_requests->currentItem() ? m_requests->currentItem()->data(0, Qt::UserRole).toLongLong() : 0;
}

void PrivacyTab::newRequest()
{
    NewRequestDialog d(m_workspace.privacy(), m_id, m_workspace.me().id, this);
    if (d.exec() == QDialog::Accepted) {
        showClient(m_id);
    }
}

void PrivacyTab::exportData()
{
    // The export answers the access or portability request chosen in the list, or else the client's
    // open one: the register then keeps what was sent, and the request is marked answered.
    qint64 request = 0;
    if (auto requests = m_workspace.privacy().forClient(m_id)) {
        const qint64 chosen = selectedRequest();
        for (const PrivacyRequest& r : requests.value()) {
            const bool answersIt = r.status == RequestStatus::Open &&
                                   (r.type == RequestType::Access || r.type == RequestType::Portability);
            if (answersIt && (r.id == chosen || request == 0))
                request = r.id;
        }
    }
    ExportDialog d(m_workspace, m_id, request, this);
    if (d.exec() != QDialog::Accepted)
        return;
    showClient(m_id);
    style::setTone(m_error, style::Tone::Success);
    m_error->setText(
        d.answeredRequest() > 0
            ? tr("Saved %1. The request is marked answered; the register keeps the file's name and "
                 "checksum as what was sent.")
                  .arg(QDir::toNativeSeparators(d.writtenPath()))
            : tr("Saved %1.").arg(QDir::toNativeSeparators(d.writtenPath())));
}

void PrivacyTab::eraseClient()
{
    EraseDialog d(m_workspace, m_id, selectedRequest(), this);
    if (d.exec() == QDialog::Accepted && d.erased())
        Q_EMIT erased();
}

void PrivacyTab::toggleRestriction()
{
    const Status st = rights::setRestricted(m_workspace.db(), m_id, !m_restricted);
    showClient(m_id);
    style::setTone(m_error, st ? style::Tone::Plain : style::Tone::Error);
    m_error->setText(st ? QString() : st.message());
}

void PrivacyTab::objectToMarketing()
{
    const Status st = rights::objectToMarketing(m_workspace.db(), m_id, m_workspace.me().id);
    showClient(m_id);
    style::setTone(m_error, st ? style::Tone::Plain : style::Tone::Error);
    m_error->setText(st ? tr("All marketing consent withdrawn; the consent history records the objection.")
                        : st.message());
}

void PrivacyTab::extendRequest()
{
    if (selectedRequest() == 0)
        return;
    ask::Question q;
    q.title = tr("Extend the deadline");
    q.text = tr("Why does this request need two more months? (recorded)");
    const std::optional<QString> reason = ask::text(this, q);
    if (!reason)
        return; // cancelled; an empty reason goes on, to be refused with the reason why
    const Status st = m_workspace.privacy().extend(selectedRequest(), *reason);
    showClient(m_id);
    style::setTone(m_error, st ? style::Tone::Plain : style::Tone::Error);
    m_error->setText(st ? QString() : st.message());
}

void PrivacyTab::completeRequest()
{
    if (selectedRequest() == 0)
        return;
    const Status st = m_workspace.privacy().complete(selectedRequest(), QDate::currentDate());
    showClient(m_id);
    style::setTone(m_error, st ? style::Tone::Plain : style::Tone::Error);
    m_error->setText(st ? QString() : st.message());
}

} // namespace cd::ui
