#include "records/QuotesTab.h"

#include "common/Ask.h"
#include "common/Clock.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "records/Money.h"
#include "records/QuoteDialog.h"
#include "records/RecordsCommon.h"

#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <algorithm>

namespace cd::ui {

using records::dateText;

QuotesTab::QuotesTab(Workspace& workspace, QWidget* parent) : QWidget(parent), m_workspace(workspace)
{
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("quoteList"));
    m_list->setAccessibleName(tr("Quotes"));
    m_list->setHeaderLabels({tr("Date"), tr("Total"), tr("Status"), tr("Valid until"), tr("Treatments")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    m_list->setUniformRowHeights(true);
    auto* add = new QPushButton(tr("&New quote…"));
    add->setObjectName(QStringLiteral("newQuote"));
    m_open = new QPushButton(tr("&Open…"));
    m_open->setObjectName(QStringLiteral("openQuote"));
    m_send = new QPushButton(tr("Mark &sent"));
    m_send->setObjectName(QStringLiteral("quoteSent"));
    m_accept = new QPushButton(tr("&Accepted"));
    m_accept->setObjectName(QStringLiteral("quoteAccepted"));
    m_decline = new QPushButton(tr("&Declined"));
    m_decline->setObjectName(QStringLiteral("quoteDeclined"));
    m_expire = new QPushButton(tr("E&xpired"));
    m_expire->setObjectName(QStringLiteral("quoteExpired"));
    m_delete = new QPushButton(tr("Delete dra&ft"));
    m_delete->setObjectName(QStringLiteral("quoteDelete"));
    m_pdf = new QPushButton(tr("Export &PDF…"));
    m_pdf->setObjectName(QStringLiteral("quotePdf"));
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("quoteMessage"));
    m_message->setWordWrap(true);

    auto* top = new QHBoxLayout;
    top->addWidget(add);
    top->addWidget(m_open);
    top->addWidget(m_pdf);
    top->addWidget(m_delete);
    top->addStretch();
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(new QLabel(tr("Change status:")));
    statusRow->addWidget(m_send);
    statusRow->addWidget(m_accept);
    statusRow->addWidget(m_decline);
    statusRow->addWidget(m_expire);
    statusRow->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_list, 1);
    layout->addLayout(statusRow);
    layout->addWidget(m_message);
    connect(add, &QPushButton::clicked, this, &QuotesTab::newQuote);
    connect(m_open, &QPushButton::clicked, this, [this] { openQuote(currentQuoteId()); });
    connect(m_list, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* i) { openQuote(i->data(0, Qt::UserRole).toLongLong()); });
    connect(m_list, &QTreeWidget::currentItemChanged, this, &QuotesTab::updateButtons);
    connect(m_send, &QPushButton::clicked, this, [this] { changeStatus(QuoteStatus::Sent); });
    connect(m_accept, &QPushButton::clicked, this, [this] { changeStatus(QuoteStatus::Accepted); });
    connect(m_decline, &QPushButton::clicked, this, [this] { changeStatus(QuoteStatus::Declined); });
    connect(m_expire, &QPushButton::clicked, this, [this] { changeStatus(QuoteStatus::Expired); });
    connect(m_delete, &QPushButton::clicked, this, &QuotesTab::removeDraft);
    connect(m_pdf, &QPushButton::clicked, this, &QuotesTab::exportPdf);
    updateButtons();
}

void QuotesTab::setClient(qint64 clientId)
{
    m_client = clientId;
    m_message->clear();
    reload();
}

qint64 QuotesTab::currentQuoteId() const
{
    QTreeWidgetItem* i = m_list->currentItem();
    return i ? i->data(0, Qt::UserRole).toLongLong() : 0;
}

void QuotesTab::selectQuote(qint64 id)
{
    for (int r = 0; r < m_list->topLevelItemCount(); ++r)
        if (m_list->topLevelItem(r)->data(0, Qt::UserRole).toLongLong() == id)
            m_list->setCurrentItem(m_list->topLevelItem(r));
}

void QuotesTab::reload()
{
    const qint64 keep = currentQuoteId();
    m_list->clear();
    if (m_client <= 0)
        return;
    auto quotes = m_workspace.quotes().forClient(m_client);
    if (!quotes) {
        m_message->setText(quotes.message());
        Q_EMIT countChanged(0);
        return;
    }
    const QDate today = Clock::today();
    for (const Quote& q : quotes.value()) {
        QStringList what;
        for (const QuoteItem& i : q.items)
            what << (i.quantity > 1 ? QStringLiteral("%1 × %2").arg(i.quantity).arg(i.treatment)
                                    : i.treatment);
        auto* item = new QTreeWidgetItem(m_list, {dateText(q.createdOn), money::format(q.totalPence()),
                                                  vocab::label(q.status), dateText(q.validUntil),
                                                  what.join(QStringLiteral(", "))});
        item->setData(0, Qt::UserRole, q.id);
        item->setData(2, Qt::UserRole, int(q.status));
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        if (q.status == QuoteStatus::Accepted)
            item->setForeground(2, QColor(palette::now().success));
        if (q.status == QuoteStatus::Sent && q.validUntil < today) {
            item->setForeground(3, QColor(palette::now().error));
            item->setToolTip(
                3,
                tr("Past its validity date: mark it expired, or accepted if the client said yes in time."));
        }
        item->setToolTip(4, what.join(QLatin1Char('\n')));
    }
    for (int c = 0; c < 4; ++c) {
        m_list->resizeColumnToContents(c);
        m_list->setColumnWidth(c, m_list->columnWidth(c) + 16);
    }
    if (quotes->isEmpty())
        m_message->setText(
            tr("No quotes for this client yet. “New quote…” writes a draft; export its PDF to email it."));
    if (keep > 0)
        selectQuote(keep);
    updateButtons();
    Q_EMIT countChanged(int(quotes->size()));
}

void QuotesTab::updateButtons()
{
    QTreeWidgetItem* i = m_list->currentItem();
    const QuoteStatus status = i ? QuoteStatus(i->data(2, Qt::UserRole).toInt()) : QuoteStatus::Draft;
    m_open->setEnabled(i);
    m_pdf->setEnabled(i);
    m_delete->setEnabled(i && status == QuoteStatus::Draft);
    m_open->setText(!i || status == QuoteStatus::Draft ? tr("&Open…") : tr("&View…"));
    // An accepted quote withdrawn, or marked by mistake; a declined one reconsidered.
    const bool reopening = status == QuoteStatus::Accepted || status == QuoteStatus::Declined;
    m_send->setText(reopening ? tr("Back to &sent") : tr("Mark &sent"));
    const std::pair<QPushButton*, QuoteStatus> moves[] = {{m_send, QuoteStatus::Sent},
                                                          {m_accept, QuoteStatus::Accepted},
                                                          {m_decline, QuoteStatus::Declined},
                                                          {m_expire, QuoteStatus::Expired}};
    for (const auto& [button, to] : moves) {
        const bool can = i && Quotes::canChange(status, to);
        button->setEnabled(can);
        button->setToolTip(i && !can ? tr("A %1 quote cannot become %2.")
                                           .arg(vocab::label(status).toLower(), vocab::label(to).toLower())
                                     : QString());
    }
    // Declining an accepted quote is the client withdrawing.
    if (m_decline->isEnabled())
        m_decline->setToolTip(
            status == QuoteStatus::Accepted
                ? tr("The client withdrew: the quote is declined and no longer counts as owed")
                : QString());
}

void QuotesTab::newQuote()
{
    if (m_client <= 0)
        return;
    Quote q;
    q.clientId = m_client;
    QuoteDialog d(m_workspace, q, this);
    if (d.exec() != QDialog::Accepted)
        return;
    reload();
    selectQuote(d.savedId());
    m_message->setText(tr("Draft saved. Export the PDF to email it, then mark it sent."));
}

void QuotesTab::openQuote(qint64 id)
{
    auto q = m_workspace.quotes().get(id);
    if (!q)
        return m_message->setText(q.message());
    QuoteDialog d(m_workspace, q.value(), this);
    if (d.exec() == QDialog::Accepted) {
        reload();
    }
}

void QuotesTab::changeStatus(QuoteStatus status)
{
    const qint64 id = currentQuoteId();
    if (id <= 0)
        return;
    if (auto st = m_workspace.quotes().setStatus(id, status); !st)
        return m_message->setText(st.message());
    m_message->setText(tr("Quote marked %1.").arg(vocab::label(status).toLower()));
    reload();
}

void QuotesTab::removeDraft()
{
    const qint64 id = currentQuoteId();
    if (id <= 0)
        return;
    if (!ask::confirm(this, tr("Delete draft"), tr("Delete this draft quote? It was never sent."),
                      tr("Delete draft"), true))
        return;
    if (auto st = m_workspace.quotes().remove(id); !st)
        return m_message->setText(st.message());
    m_message->setText(tr("Draft deleted."));
    reload();
}

void QuotesTab::exportPdf()
{
    const qint64 id = currentQuoteId();
    if (id <= 0)
        return;
    auto q = m_workspace.quotes().get(id);
    const QString suggested =
        tr("quote-%1-%2.pdf").arg(id).arg(q ? q->createdOn.toString(Qt::ISODate) : QString());
    const QString path = ask::saveFile(this, tr("Save the quote"), suggested, tr("PDF documents (*.pdf)"));
    if (path.isEmpty())
        return;
    if (auto st = m_workspace.quotes().exportPdf(id, path); !st)
        return m_message->setText(st.message());
    m_message->setText(tr("Saved %1. It holds the client's name: send it to the client only.").arg(path));
}

} // namespace cd::ui
