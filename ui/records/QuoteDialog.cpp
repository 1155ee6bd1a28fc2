#include "records/QuoteDialog.h"

#include "common/Clock.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "images/ImageInfo.h"
#include "records/Money.h"
#include "records/PhotoPicker.h"
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

namespace {

enum Column { Treatment, Price, Quantity, LineTotal };

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

QuoteDialog::QuoteDialog(Workspace& workspace, const Quote& quote, QWidget* parent)
    : QDialog(parent), m_workspace(workspace), m_quote(quote),
      m_readOnly(quote.id > 0 && quote.status != QuoteStatus::Draft)
{
    setObjectName(QStringLiteral("quoteDialog"));
    setWindowTitle(quote.id == 0 ? tr("New quote")
                   : m_readOnly
                       ? tr("Quote of %1 (%2)").arg(dateText(quote.createdOn), vocab::label(quote.status))
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
    const int images = m_images->load(m_workspace.images(), quote.clientId,
                                      {ImageKind::QuoteRequest, ImageKind::Mockup}, quote.imageIds);
    auto* noImages = new QLabel(tr("No quote-request photos or mock-ups on this client's record."));
    style::setTone(noImages, style::Tone::Muted);
    noImages->setVisible(images == 0);
    m_images->setVisible(images > 0);
    m_error = style::errorLabel(QStringLiteral("quoteError"), true);

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
        style::setBanner(frozen, style::Tone::Info);
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
            cell->setForeground(QColor(palette::now().error));
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
    Quotes& store = m_workspace.quotes();
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

} // namespace cd::ui
