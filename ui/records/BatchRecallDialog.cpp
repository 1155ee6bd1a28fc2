#include "records/BatchRecallDialog.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "clients/Phone.h"
#include "common/Ask.h"
#include "common/Style.h"
#include "common/Text.h"
#include "desk/Workspace.h"
#include "records/RecordsCommon.h"
#include "stock/Stock.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cd::ui {

using records::dateText;

namespace {

QString phoneText(const QString& stored)
{
    const QString national = phone::formatNational(stored);
    return national.isEmpty() ? stored : national;
}

} // namespace

BatchRecallDialog::BatchRecallDialog(Workspace& workspace, QWidget* parent)
    : QDialog(parent), m_workspace(workspace)
{
    setObjectName(QStringLiteral("batchRecallDialog"));
    setWindowTitle(tr("Batch recall: who received a batch"));
    m_lot = new QLineEdit;
    m_lot->setObjectName(QStringLiteral("recallLot"));
    m_lot->setPlaceholderText(tr("Batch (lot) number as printed on the pack or in the recall notice"));
    m_lot->setClearButtonEnabled(true);
    m_match = new QComboBox;
    m_match->setObjectName(QStringLiteral("recallMatch"));
    m_match->addItem(tr("Exactly this batch"));
    m_match->addItem(tr("Batches starting with this"));
    auto* find = new QPushButton(tr("&Search"));
    find->setObjectName(QStringLiteral("recallSearch"));
    find->setDefault(true);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("recallSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::RichText);
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("recallList"));
    m_list->setAccessibleName(tr("Clients who received the batch"));
    m_list->setHeaderLabels({tr("Client"), tr("Treated on"), tr("Treatment"), tr("Product"), tr("Batch"),
                             tr("Expiry"), tr("Phones"), tr("Emails")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setUniformRowHeights(true);
    m_open = new QPushButton(tr("&Open client"));
    m_open->setObjectName(QStringLiteral("recallOpen"));
    m_copy = new QPushButton(tr("&Copy contact list"));
    m_copy->setObjectName(QStringLiteral("recallCopy"));
    m_export = new QPushButton(tr("&Export CSV…"));
    m_export->setObjectName(QStringLiteral("recallExport"));
    for (QPushButton* b : {m_open, m_copy, m_export}) {
        b->setEnabled(false);
        b->setAutoDefault(false);
    }
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close);
    close->button(QDialogButtonBox::Close)->setAutoDefault(false);

    auto* top = new QHBoxLayout;
    auto* lotLabel = new QLabel(tr("&Batch:"));
    lotLabel->setBuddy(m_lot);
    top->addWidget(lotLabel);
    top->addWidget(m_lot, 1);
    top->addWidget(m_match);
    top->addWidget(find);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_open);
    bottom->addWidget(m_copy);
    bottom->addWidget(m_export);
    bottom->addStretch();
    bottom->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addLayout(bottom);

    if (!m_workspace.may(Action::BatchRecall)) {
        m_summary->setText(
            style::errorHtml(tr("Only a manager can search who received a batch: it lists clients' "
                                "treatments and contact details across the clinic.")));
        m_lot->setEnabled(false);
        find->setEnabled(false);
    }
    connect(find, &QPushButton::clicked, this, &BatchRecallDialog::search);
    connect(m_lot, &QLineEdit::returnPressed, this, &BatchRecallDialog::search);
    connect(m_list, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        m_chosen = item->data(0, Qt::UserRole).toLongLong();
        if (m_chosen > 0)
            accept();
    });
    connect(m_list, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        m_open->setEnabled(item && item->data(0, Qt::UserRole).toLongLong() > 0);
    });
    connect(m_open, &QPushButton::clicked, this, [this] {
        if (QTreeWidgetItem* item = m_list->currentItem())
            Q_EMIT m_list->itemActivated(item, 0);
    });
    connect(m_copy, &QPushButton::clicked, this, &BatchRecallDialog::copyContacts);
    connect(m_export, &QPushButton::clicked, this, &BatchRecallDialog::exportCsv);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(1100, 560);
}

BatchMatch BatchRecallDialog::match() const
{
    return m_match->currentIndex() == 1 ? BatchMatch::Prefix : BatchMatch::Exact;
}

void BatchRecallDialog::search()
{
    m_list->clear();
    m_found.clear();
    auto found = m_workspace.records().whoReceivedBatch(m_lot->text(), match());
    if (!found) {
        m_summary->setText(style::errorHtml(found.message().toHtmlEscaped()));
        for (QPushButton* b : {m_open, m_copy, m_export})
            b->setEnabled(false);
        return;
    }
    m_found = found.value();
    m_searched = m_lot->text().trimmed();
    m_searchedMatch = match();
    QSet<qint64> clients;
    for (const BatchRecipient& b : m_found) {
        QStringList phones;
        for (const QString& p : b.phones)
            phones << phoneText(p);
        auto* item = new QTreeWidgetItem(m_list, {b.erased ? tr("(erased client)") : b.name,
                                                  dateText(b.givenOn), b.treatment, b.product, b.batchNumber,
                                                  dateText(b.expiryDate), phones.join(QStringLiteral(", ")),
                                                  b.emails.join(QStringLiteral(", "))});
        item->setData(0, Qt::UserRole, b.erased ? qint64(0) : b.clientId);
        if (b.erased)
            item->setToolTip(0, tr("This client was erased: the treatment record is kept for legal claims, "
                                   "with no contact details."));
        clients.insert(b.clientId);
    }
    for (int c = 0; c < m_list->columnCount(); ++c) {
        m_list->resizeColumnToContents(c);
        m_list->setColumnWidth(c, m_list->columnWidth(c) + 10);
    }
    const QString what = m_searchedMatch == BatchMatch::Exact
                             ? tr("batch “%1”").arg(m_searched.toHtmlEscaped())
                             : tr("batches starting “%1”").arg(m_searched.toHtmlEscaped());
    QString summary = m_found.isEmpty()
                          ? tr("Nobody received %1.").arg(what)
                          : tr("<b>%1</b> received %2 (%3). Press Enter on a row to open the client.")
                                .arg(tr("%n client(s)", nullptr, int(clients.size())), what,
                                     tr("%n treatment(s)", nullptr, int(m_found.size())));
    // What is still on the shelf of that batch is the other half of a recall.
    if (auto left = Stock(m_workspace.db()).leftOfLot(m_searched, m_searchedMatch == BatchMatch::Prefix);
        left && !left->isEmpty())
        summary +=
            QStringLiteral("<br>") + style::errorHtml(Stock::setAsideText(left.value()).toHtmlEscaped());
    m_summary->setText(summary);
    m_copy->setEnabled(!m_found.isEmpty());
    m_export->setEnabled(!m_found.isEmpty());
    if (!m_found.isEmpty()) {
        m_list->setCurrentItem(m_list->topLevelItem(0));
        m_list->setFocus();
    }
}

QString BatchRecallDialog::contactList() const
{
    // One line per client (not per treatment), tab-separated so it pastes into a spreadsheet.
    QStringList lines{tr("Name\tPhones\tEmails\tBatch\tTreated on")};
    QSet<qint64> seen;
    for (const BatchRecipient& b : m_found) {
        if (b.erased || seen.contains(b.clientId))
            continue;
        seen.insert(b.clientId);
        QStringList phones;
        for (const QString& p : b.phones)
            phones << phoneText(p);
        lines << QStringList{b.name, phones.join(QStringLiteral(", ")), b.emails.join(QStringLiteral(", ")),
                             b.batchNumber, dateText(b.givenOn)}
                     .join(QLatin1Char('\t'));
    }
    return lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

void BatchRecallDialog::copyContacts()
{
    // Contact details leaving the program: logged like an export (how many, of which batch; the
    // lock clears the clipboard if the list is still there, ui/desk/Desk.cpp).
    if (auto st = m_workspace.audit().append(
            QStringLiteral("batch-contacts-copied"), {},
            QStringLiteral("%1 %2: %3")
                .arg(m_searchedMatch == BatchMatch::Exact ? QStringLiteral("batch")
                                                          : QStringLiteral("batches starting"),
                     m_searched, text::count(m_found.size(), "treatment", "treatments")));
        !st)
        return m_summary->setText(st.message().toHtmlEscaped());
    QApplication::clipboard()->setText(contactList());
    m_summary->setText(m_summary->text() +
                       tr("<br>Contact list copied: paste it into the clinic's email or a spreadsheet."));
}

void BatchRecallDialog::exportCsv()
{
    if (m_searched.isEmpty())
        return;
    QString safe = m_searched;
    safe.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9_-]")), QStringLiteral("_"));
    const QString path = ask::saveFile(this, tr("Save the recall list"), tr("batch-recall-%1.csv").arg(safe),
                                       tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    auto n = m_workspace.records().exportRecallCsv(m_searched, m_searchedMatch, path);
    if (!n)
        return m_summary->setText(style::errorHtml(n.message().toHtmlEscaped()));
    m_summary->setText(tr("Saved %1 (%n record(s)). It holds clients' contact details: keep it safe and "
                          "delete it when the recall is done.",
                          nullptr, n.value())
                           .arg(path.toHtmlEscaped()));
}

} // namespace cd::ui
