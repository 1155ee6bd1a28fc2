#include "QuotesTab.h"

#include "RecordsCommon.h"
#include "common/Clock.h"
#include "diary/Money.h"

#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
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

namespace {

enum Column { Treatment, Price, Quantity, LineTotal };

QLabel* errorLabel(const QString& name)
{
    auto* l = new QLabel;
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: #b00020"));
    l->hide();
    return l;
}

// The quantity is a number in its cell, edited through a spin box made when editing starts. The
// view selects the editor's text as it opens it, so typing 2 over a 1 gives 2; a spin box living in
// the cell took the click as a cursor position and gave 21.
class QuantityDelegate final : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const override
    {
        auto* spin = new QSpinBox(parent);
        spin->setObjectName(QStringLiteral("quoteQuantityEditor"));
        spin->setRange(1, 99);
        spin->setFrame(false);
        spin->setAutoFillBackground(true); // the old number must not show through while a new one is typed
        spin->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        return spin;
    }
};

int quantityAt(const QTableWidget* lines, int row)
{
    return std::max(1, lines->item(row, Quantity)->data(Qt::EditRole).toInt());
}

} // namespace

QuoteDialog::QuoteDialog(Database& db, const Quote& quote, QWidget* parent)
    : QDialog(parent), m_db(db), m_quote(quote),
      m_readOnly(quote.id > 0 && quote.status != QLatin1String("draft"))
{
    setObjectName(QStringLiteral("quoteDialog"));
    setWindowTitle(
        quote.id == 0 ? tr("New quote")
        : m_readOnly
            ? tr("Quote of %1 (%2)").arg(dateText(quote.createdOn), records::quoteStatusLabel(quote.status))
            : tr("Draft quote of %1").arg(dateText(quote.createdOn)));
    m_lines = new QTableWidget(0, 4);
    m_lines->setObjectName(QStringLiteral("quoteLines"));
    m_lines->setHorizontalHeaderLabels({tr("Treatment"), tr("Price (£)"), tr("Qty"), tr("Line total")});
    m_lines->horizontalHeader()->setSectionResizeMode(Treatment, QHeaderView::Stretch);
    m_lines->horizontalHeader()->setSectionResizeMode(Price, QHeaderView::Interactive);
    m_lines->setColumnWidth(Price, 120);
    m_lines->setColumnWidth(Quantity, 70);
    m_lines->setColumnWidth(LineTotal, 110);
    m_lines->verticalHeader()->hide();
    m_lines->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_lines->setMinimumHeight(170);
    m_lines->setItemDelegateForColumn(Quantity, new QuantityDelegate(m_lines));
    auto* addButton = new QPushButton(tr("&Add line"));
    addButton->setObjectName(QStringLiteral("quoteAddLine"));
    auto* removeLine = new QPushButton(tr("&Remove line"));
    removeLine->setObjectName(QStringLiteral("quoteRemoveLine"));
    m_total = new QLabel;
    m_total->setObjectName(QStringLiteral("quoteTotal"));
    m_total->setStyleSheet(QStringLiteral("font-size: 13pt; font-weight: 600"));
    auto* lineButtons = new QHBoxLayout;
    lineButtons->addWidget(addButton);
    lineButtons->addWidget(removeLine);
    lineButtons->addStretch();
    lineButtons->addWidget(m_total);

    m_validUntil = new QDateEdit;
    m_validUntil->setObjectName(QStringLiteral("quoteValidUntil"));
    m_validUntil->setCalendarPopup(true);
    m_validUntil->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_validUntil->setDate(quote.validUntil.isValid() ? quote.validUntil : Clock::today().addDays(30));
    m_notes = new QPlainTextEdit(quote.notes);
    m_notes->setObjectName(QStringLiteral("quoteNotes"));
    m_notes->setTabChangesFocus(true);
    m_notes->setPlaceholderText(tr("Printed on the quote, e.g. what is included, a deposit"));
    m_notes->setFixedHeight(m_notes->fontMetrics().lineSpacing() * 3 + 12);
    m_images = new records::PhotoPicker;
    m_images->setObjectName(QStringLiteral("quoteImages"));
    const int images = m_images->load(
        m_db, quote.clientId, {QStringLiteral("quote_request"), QStringLiteral("mockup")}, quote.imageIds);
    auto* noImages = new QLabel(tr("No quote-request photos or mock-ups on this client's record."));
    noImages->setStyleSheet(QStringLiteral("color: #555"));
    noImages->setVisible(images == 0);
    m_images->setVisible(images > 0);
    m_error = errorLabel(QStringLiteral("quoteError"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Valid until:"), m_validUntil);
    form->addRow(tr("&Notes:"), m_notes);
    auto* buttons = new QDialogButtonBox(m_readOnly ? QDialogButtonBox::Close
                                                    : QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    if (!m_readOnly)
        buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("quoteSave"));
    auto* layout = new QVBoxLayout(this);
    if (m_readOnly) {
        auto* frozen = new QLabel(tr("This quote was sent to the client, so it cannot be changed. To offer "
                                     "something else, write a new quote."));
        frozen->setWordWrap(true);
        frozen->setStyleSheet(QStringLiteral("background:#eef3fb; padding:6px"));
        layout->addWidget(frozen);
    }
    layout->addWidget(m_lines, 1);
    layout->addLayout(lineButtons);
    layout->addLayout(form);
    layout->addWidget(new QLabel(tr("<b>Quote images</b> — tick the photos and mock-ups to print with it")));
    layout->addWidget(m_images);
    layout->addWidget(noImages);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    for (const QuoteItem& i : quote.items)
        addLine(i.treatment, money::format(i.pricePence), i.quantity);
    if (quote.items.isEmpty() && !m_readOnly)
        addLine();
    if (m_readOnly) {
        m_lines->setEditTriggers(QAbstractItemView::NoEditTriggers);
        addButton->hide();
        removeLine->hide();
        m_validUntil->setReadOnly(true);
        m_notes->setReadOnly(true);
        m_images->setEnabled(false);
    }
    connect(m_lines, &QTableWidget::cellChanged, this, &QuoteDialog::updateTotal);
    connect(addButton, &QPushButton::clicked, this, [this] {
        addLine();
        m_lines->setCurrentCell(m_lines->rowCount() - 1, Treatment);
        m_lines->editItem(m_lines->item(m_lines->rowCount() - 1, Treatment));
    });
    connect(removeLine, &QPushButton::clicked, this, [this] {
        if (m_lines->currentRow() >= 0)
            m_lines->removeRow(m_lines->currentRow());
        updateTotal();
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateTotal();
    resize(700, sizeHint().height());
}

void QuoteDialog::addLine(const QString& treatment, const QString& price, int quantity)
{
    const int row = m_lines->rowCount();
    m_lines->blockSignals(true);
    m_lines->insertRow(row);
    m_lines->setItem(row, Treatment, new QTableWidgetItem(treatment));
    auto* p = new QTableWidgetItem(price);
    p->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_lines->setItem(row, Price, p);
    auto* qty = new QTableWidgetItem;
    qty->setData(Qt::EditRole, quantity);
    qty->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_lines->setItem(row, Quantity, qty);
    auto* total = new QTableWidgetItem;
    total->setFlags(Qt::ItemIsEnabled);
    total->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_lines->setItem(row, LineTotal, total);
    m_lines->blockSignals(false);
    updateTotal();
}

Result<Quote> QuoteDialog::collect() const
{
    Quote q = m_quote;
    q.items.clear();
    q.validUntil = m_validUntil->date();
    q.notes = m_notes->toPlainText();
    q.imageIds = m_images->checkedIds();
    for (int r = 0; r < m_lines->rowCount(); ++r) {
        const QString treatment = m_lines->item(r, Treatment)->text().trimmed();
        const QString priceText = m_lines->item(r, Price)->text().trimmed();
        if (treatment.isEmpty() && priceText.isEmpty())
            continue; // an empty line left over
        if (treatment.isEmpty())
            return makeError(Error::Kind::Invalid,
                             tr("Line %1: say which treatment the price is for.").arg(r + 1));
        auto price = money::parse(priceText);
        if (!price)
            return makeError(Error::Kind::Invalid, tr("Line %1: %2").arg(r + 1).arg(price.message()));
        QuoteItem item;
        item.treatment = treatment;
        item.pricePence = price.value();
        item.quantity = quantityAt(m_lines, r);
        q.items.append(item);
    }
    if (q.items.isEmpty())
        return makeError(Error::Kind::Invalid, tr("Add at least one line: a treatment and its price."));
    return q;
}

void QuoteDialog::updateTotal()
{
    qint64 total = 0;
    bool complete = true;
    m_lines->blockSignals(true);
    for (int r = 0; r < m_lines->rowCount(); ++r) {
        const QString text = m_lines->item(r, Price)->text().trimmed();
        auto price = money::parse(text);
        const int qty = quantityAt(m_lines, r);
        QTableWidgetItem* cell = m_lines->item(r, LineTotal);
        if (price && !text.isEmpty()) {
            cell->setText(money::format(price.value() * qty));
            cell->setForeground(palette().text());
            cell->setToolTip({});
            total += price.value() * qty;
        } else {
            cell->setText(text.isEmpty() ? QString() : tr("check price"));
            cell->setForeground(QColor(0xb0, 0x00, 0x20));
            cell->setToolTip(text.isEmpty() ? QString() : price.message());
            complete = complete && text.isEmpty();
        }
    }
    m_lines->blockSignals(false);
    m_total->setText(complete ? tr("Total: %1").arg(money::format(total))
                              : tr("Total: %1 (a price needs correcting)").arg(money::format(total)));
}

bool QuoteDialog::save()
{
    auto q = collect();
    if (!q) {
        m_error->setText(q.message());
        m_error->show();
        return false;
    }
    Quotes store(m_db);
    if (q->id > 0) {
        if (auto st = store.update(q.value()); !st) {
            m_error->setText(st.message());
            m_error->show();
            return false;
        }
    } else {
        auto id = store.create(q.value());
        if (!id) {
            m_error->setText(id.message());
            m_error->show();
            return false;
        }
        m_quote.id = id.value();
    }
    return true;
}

QuotesTab::QuotesTab(Database& db, QWidget* parent) : QWidget(parent), m_db(db)
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
    connect(m_send, &QPushButton::clicked, this, [this] { changeStatus(QStringLiteral("sent")); });
    connect(m_accept, &QPushButton::clicked, this, [this] { changeStatus(QStringLiteral("accepted")); });
    connect(m_decline, &QPushButton::clicked, this, [this] { changeStatus(QStringLiteral("declined")); });
    connect(m_expire, &QPushButton::clicked, this, [this] { changeStatus(QStringLiteral("expired")); });
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
    auto quotes = Quotes(m_db).forClient(m_client);
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
                                                  records::quoteStatusLabel(q.status), dateText(q.validUntil),
                                                  what.join(QStringLiteral(", "))});
        item->setData(0, Qt::UserRole, q.id);
        item->setData(2, Qt::UserRole, q.status);
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
        if (q.status == QLatin1String("accepted"))
            item->setForeground(2, QColor(0x1b, 0x6e, 0x20));
        if (q.status == QLatin1String("sent") && q.validUntil < today) {
            item->setForeground(3, QColor(0xb0, 0x00, 0x20));
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
    const QString status = i ? i->data(2, Qt::UserRole).toString() : QString();
    m_open->setEnabled(i);
    m_pdf->setEnabled(i);
    m_delete->setEnabled(status == QLatin1String("draft"));
    m_open->setText(status == QLatin1String("draft") || status.isEmpty() ? tr("&Open…") : tr("&View…"));
    const std::pair<QPushButton*, const char*> moves[] = {
        {m_send, "sent"}, {m_accept, "accepted"}, {m_decline, "declined"}, {m_expire, "expired"}};
    for (const auto& [button, to] : moves) {
        const bool can = i && Quotes::canChange(status, QString::fromLatin1(to));
        button->setEnabled(can);
        button->setToolTip(i && !can ? tr("A %1 quote cannot become %2.")
                                           .arg(records::quoteStatusLabel(status).toLower(),
                                                records::quoteStatusLabel(QString::fromLatin1(to)).toLower())
                                     : QString());
    }
}

void QuotesTab::newQuote()
{
    if (m_client <= 0)
        return;
    Quote q;
    q.clientId = m_client;
    QuoteDialog d(m_db, q, this);
    if (d.exec() != QDialog::Accepted)
        return;
    reload();
    selectQuote(d.savedId());
    m_message->setText(tr("Draft saved. Export the PDF to email it, then mark it sent."));
}

void QuotesTab::openQuote(qint64 id)
{
    auto q = Quotes(m_db).get(id);
    if (!q)
        return m_message->setText(q.message());
    QuoteDialog d(m_db, q.value(), this);
    if (d.exec() == QDialog::Accepted) {
        reload();
    }
}

void QuotesTab::changeStatus(const QString& status)
{
    const qint64 id = currentQuoteId();
    if (id <= 0)
        return;
    if (auto st = Quotes(m_db).setStatus(id, status); !st)
        return m_message->setText(st.message());
    m_message->setText(tr("Quote marked %1.").arg(records::quoteStatusLabel(status).toLower()));
    reload();
}

void QuotesTab::removeDraft()
{
    const qint64 id = currentQuoteId();
    if (id <= 0)
        return;
    if (QMessageBox::question(this, tr("Delete draft"), tr("Delete this draft quote? It was never sent.")) !=
        QMessageBox::Yes)
        return;
    if (auto st = Quotes(m_db).remove(id); !st)
        return m_message->setText(st.message());
    m_message->setText(tr("Draft deleted."));
    reload();
}

void QuotesTab::exportPdf()
{
    const qint64 id = currentQuoteId();
    if (id <= 0)
        return;
    auto q = Quotes(m_db).get(id);
    const QString suggested =
        tr("quote-%1-%2.pdf").arg(id).arg(q ? q->createdOn.toString(Qt::ISODate) : QString());
    const QString path = records::chooseFile(this, suggested, tr("PDF documents (*.pdf)"));
    if (path.isEmpty())
        return;
    if (auto st = Quotes(m_db).exportPdf(id, path); !st)
        return m_message->setText(st.message());
    m_message->setText(tr("Saved %1. It holds the client's name: send it to the client only.").arg(path));
}

} // namespace cd::ui
