#include "stock/StockDialog.h"

#include "accounts/Access.h"
#include "common/Style.h"
#include "common/Text.h"
#include "desk/Workspace.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSet>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cd::ui {

namespace {

QString day(const QDate& d)
{
    return QLocale().toString(d, QStringLiteral("dd/MM/yyyy"));
}

QColor toneOf(StockStatus s)
{
    switch (s) {
    case StockStatus::Expired:
        return QColor(palette::now().error);
    case StockStatus::Expiring:
    case StockStatus::Low:
        return QColor(palette::now().warning);
    case StockStatus::Ok:
        break;
    }
    return {};
}

} // namespace

QString stockAlertText(const StockAlerts& a)
{
    QStringList parts;
    if (a.expired > 0)
        parts << QObject::tr("%1 expired").arg(a.expired);
    if (a.expiring > 0)
        parts << QObject::tr("%1 expiring soon").arg(a.expiring);
    if (a.low > 0)
        parts << QObject::tr("%1 low").arg(a.low);
    return parts.isEmpty() ? QString()
                           : QObject::tr("Stock: %1 (%2)")
                                 .arg(parts.join(QStringLiteral(", ")),
                                      text::count(a.expired + a.expiring + a.low, "batch", "batches"));
}

StockDialog::StockDialog(Workspace& workspace, QWidget* parent) : QDialog(parent), m_workspace(workspace)
{
    setObjectName(QStringLiteral("stockDialog"));
    setWindowTitle(tr("Stock"));
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("stockSummary"));
    m_summary->setWordWrap(true);
    m_list = style::listTable(QStringLiteral("stockList"), {tr("Product"), tr("Batch"), tr("Expiry"),
                                                            tr("Received"), tr("Left"), tr("Status")});
    m_list->setAccessibleName(tr("Stock by batch"));
    const bool clinical = workspace.may(Action::TreatmentNotes);
    m_receive = new QPushButton(tr("&Receive a delivery…"));
    m_receive->setObjectName(QStringLiteral("stockReceive"));
    m_count = new QPushButton(tr("&Correct a count…"));
    m_count->setObjectName(QStringLiteral("stockCount"));
    m_count->setEnabled(false);
    for (QPushButton* b : {m_receive, m_count})
        if (!clinical) {
            b->setEnabled(false);
            b->setToolTip(tr("Practitioners and managers receive and count stock."));
        }
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_receive);
    buttons->addWidget(m_count);
    buttons->addStretch();
    buttons->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_receive, &QPushButton::clicked, this, &StockDialog::receive);
    connect(m_count, &QPushButton::clicked, this, &StockDialog::count);
    connect(m_list, &QTreeWidget::currentItemChanged, this,
            [this, clinical](QTreeWidgetItem* item) { m_count->setEnabled(clinical && item); });
    connect(&workspace, &Workspace::stockChanged, this, &StockDialog::reload);
    reload();
    resize(760, 460);
}

void StockDialog::reload()
{
    const qint64 chosen =
        m_list->currentItem() ? m_list->currentItem()->data(0, Qt::UserRole).toLongLong() : 0;
    m_list->clear();
    Stock stock(m_workspace.db());
    auto batches = stock.list();
    if (!batches) {
        m_summary->setText(style::errorHtml(batches.message().toHtmlEscaped()));
        return;
    }
    for (const StockBatch& b : batches.value()) {
        auto* item = new QTreeWidgetItem(
            m_list, {b.product, b.batchNumber, day(b.expiry), Stock::formatQuantity(b.received, b.unit),
                     Stock::formatQuantity(b.remaining, b.unit), vocab::label(b.status)});
        item->setData(0, Qt::UserRole, b.id);
        if (const QColor tone = toneOf(b.status); tone.isValid())
            for (int c : {2, 4, 5})
                item->setForeground(c, tone);
        if (b.id == chosen)
            m_list->setCurrentItem(item);
    }
    for (int c = 0; c < m_list->columnCount(); ++c)
        m_list->resizeColumnToContents(c);
    const auto alerts = stock.alerts();
    const QString alert = alerts ? stockAlertText(alerts.value()) : QString();
    m_summary->setText(batches->isEmpty()
                           ? tr("Nothing received yet. A delivery received here is taken from as "
                                "treatment records name its batch.")
                       : alert.isEmpty() ? tr("Every batch is in date and stocked.")
                                         : style::errorHtml(alert.toHtmlEscaped()));
}

void StockDialog::receive()
{
    QDialog d(this);
    d.setObjectName(QStringLiteral("stockReceiveDialog"));
    d.setWindowTitle(tr("Receive a delivery"));
    auto* product = new QComboBox;
    product->setObjectName(QStringLiteral("stockProduct"));
    product->setEditable(true);
    QSet<QString> known;
    if (auto batches = Stock(m_workspace.db()).list(true))
        for (const StockBatch& b : batches.value())
            known.insert(b.product);
    QStringList products(known.cbegin(), known.cend());
    products.sort();
    product->addItems(products);
    product->setCurrentText(QString());
    auto* batch = new QLineEdit;
    batch->setObjectName(QStringLiteral("stockBatch"));
    auto* expiry = new QLineEdit;
    expiry->setObjectName(QStringLiteral("stockExpiry"));
    expiry->setPlaceholderText(tr("dd/mm/yyyy, as on the pack"));
    auto* quantity = new QDoubleSpinBox;
    quantity->setObjectName(QStringLiteral("stockQuantity"));
    quantity->setRange(0, 100000);
    quantity->setDecimals(2);
    auto* unit = new QComboBox;
    unit->setObjectName(QStringLiteral("stockUnit"));
    unit->addItems({QStringLiteral("units"), QStringLiteral("ml")});
    auto* amount = new QHBoxLayout;
    amount->addWidget(quantity, 1);
    amount->addWidget(unit);
    auto* error = style::errorLabel(QStringLiteral("stockError"), true);
    auto* form = new QFormLayout;
    form->addRow(tr("&Product:"), product);
    form->addRow(tr("&Batch / lot:"), batch);
    form->addRow(tr("E&xpiry:"), expiry);
    form->addRow(tr("&Quantity:"), amount);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("stockSave"));
    auto* layout = new QVBoxLayout(&d);
    layout->addLayout(form);
    layout->addWidget(error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &d, [&] {
        QDate when;
        for (const char* format : {"dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"})
            if (!when.isValid())
                when = QDate::fromString(expiry->text().trimmed(), QString::fromLatin1(format));
        if (!when.isValid()) {
            error->setText(tr("Type the expiry date on the pack as dd/mm/yyyy."));
            error->show();
            return;
        }
        auto id =
            Stock(m_workspace.db())
                .receive(product->currentText(), batch->text(), when, quantity->value(), unit->currentText());
        if (!id) {
            error->setText(id.message());
            error->show();
            return;
        }
        d.accept();
    });
    d.resize(420, d.sizeHint().height());
    if (d.exec() == QDialog::Accepted)
        reload();
}

void StockDialog::count()
{
    auto* item = m_list->currentItem();
    if (!item)
        return;
    auto b = Stock(m_workspace.db()).get(item->data(0, Qt::UserRole).toLongLong());
    if (!b)
        return;
    QDialog d(this);
    d.setObjectName(QStringLiteral("stockCountDialog"));
    d.setWindowTitle(tr("Correct a count"));
    auto* left = new QDoubleSpinBox;
    left->setObjectName(QStringLiteral("stockLeft"));
    left->setRange(0, 100000);
    left->setDecimals(2);
    left->setValue(b->remaining);
    left->setSuffix(QStringLiteral(" ") + b->unit);
    auto* reason = new QLineEdit;
    reason->setObjectName(QStringLiteral("stockReason"));
    reason->setPlaceholderText(tr("e.g. a vial broken, a miscount"));
    auto* error = style::errorLabel(QStringLiteral("stockCountError"), true);
    auto* form = new QFormLayout;
    form->addRow(tr("Batch:"), new QLabel(tr("%1, batch %2").arg(b->product, b->batchNumber)));
    form->addRow(tr("Really &left:"), left);
    form->addRow(tr("&Why:"), reason);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    auto* layout = new QVBoxLayout(&d);
    layout->addLayout(form);
    layout->addWidget(error);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &d, [&] {
        if (auto st = Stock(m_workspace.db()).correct(b->id, left->value(), reason->text()); !st) {
            error->setText(st.message());
            error->show();
            return;
        }
        d.accept();
    });
    if (d.exec() == QDialog::Accepted)
        reload();
}

} // namespace cd::ui
