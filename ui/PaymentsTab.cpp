#include "PaymentsTab.h"

#include "RecordsCommon.h"
#include "common/Clock.h"
#include "diary/Money.h"
#include "diary/Quotes.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QTextDocument>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cd::ui {

using records::dateText;
using records::methodLabel;

namespace {

QString kindLabel(const QString& kind)
{
    return kind == QLatin1String("refund") ? QObject::tr("Refund") : QObject::tr("Payment");
}

QLabel* errorLabel(const QString& name)
{
    auto* l = new QLabel;
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setStyleSheet(QStringLiteral("color: #b00020"));
    l->hide();
    return l;
}

QTreeWidget* table(const QString& name, const QStringList& headers)
{
    auto* t = new QTreeWidget;
    t->setObjectName(name);
    t->setHeaderLabels(headers);
    t->setRootIsDecorated(false);
    t->setAlternatingRowColors(true);
    t->setUniformRowHeights(true);
    return t;
}

} // namespace

PaymentDialog::PaymentDialog(Database& db, qint64 clientId, const QString& kind, QWidget* parent)
    : QDialog(parent), m_db(db), m_client(clientId)
{
    setObjectName(QStringLiteral("paymentDialog"));
    setWindowTitle(kind == QLatin1String("refund") ? tr("Record a refund") : tr("Record a payment"));
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("paymentKind"));
    for (const QString& k : Payments::kinds())
        m_kind->addItem(kindLabel(k), k);
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(kind)));
    m_amount = new QLineEdit;
    m_amount->setObjectName(QStringLiteral("paymentAmount"));
    m_amount->setPlaceholderText(tr("e.g. 250 or £1,250.50"));
    m_method = new QComboBox;
    m_method->setObjectName(QStringLiteral("paymentMethod"));
    for (const QString& m : Payments::methods())
        m_method->addItem(methodLabel(m), m);
    m_for = new QLineEdit;
    m_for->setObjectName(QStringLiteral("paymentFor"));
    m_for->setPlaceholderText(tr("e.g. Lip filler 1 ml, deposit"));
    m_quote = new QComboBox;
    m_quote->setObjectName(QStringLiteral("paymentQuote"));
    m_quote->addItem(tr("(none)"), qint64(0));
    if (auto quotes = Quotes(m_db).forClient(clientId))
        for (const Quote& q : quotes.value())
            if (q.status != QLatin1String("draft"))
                m_quote->addItem(tr("%1 — %2 (%3)")
                                     .arg(dateText(q.createdOn), money::format(q.totalPence()),
                                          records::quoteStatusLabel(q.status)),
                                 q.id);
    m_date = new QDateEdit(Clock::today());
    m_date->setObjectName(QStringLiteral("paymentDate"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_date->setMaximumDate(Clock::today());
    m_error = errorLabel(QStringLiteral("paymentError"));

    auto* form = new QFormLayout;
    form->addRow(tr("&Kind:"), m_kind);
    form->addRow(tr("&Amount:"), m_amount);
    form->addRow(tr("&Method:"), m_method);
    form->addRow(tr("&For:"), m_for);
    form->addRow(tr("&Quote:"), m_quote);
    form->addRow(tr("&Date:"), m_date);
    auto* note = new QLabel(tr("A recorded payment cannot be changed afterwards: a mistake is put right with "
                               "a refund, so the books show both."));
    note->setWordWrap(true);
    note->setStyleSheet(QStringLiteral("color: #555"));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel);
    buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("paymentSave"));
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(note);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this] {
        setWindowTitle(m_kind->currentData() == QStringLiteral("refund") ? tr("Record a refund")
                                                                         : tr("Record a payment"));
    });
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(460, sizeHint().height());
    m_amount->setFocus();
}

bool PaymentDialog::save()
{
    const auto fail = [this](const QString& message) {
        m_error->setText(message);
        m_error->show();
        return false;
    };
    auto pence = money::parse(m_amount->text());
    if (!pence)
        return fail(pence.message());
    if (pence.value() <= 0)
        return fail(tr("Type the amount received or given back, e.g. 250 or 1,250.50."));
    Payment p;
    p.clientId = m_client;
    p.kind = m_kind->currentData().toString();
    p.amountPence = pence.value();
    p.method = m_method->currentData().toString();
    p.description = m_for->text().trimmed();
    p.quoteId = m_quote->currentData().toLongLong();
    p.paidOn = m_date->date();
    auto id = Payments(m_db).record(p);
    if (!id)
        return fail(id.message());
    m_saved = id.value();
    return true;
}

PaymentsTab::PaymentsTab(Database& db, QWidget* parent) : QWidget(parent), m_db(db)
{
    m_balance = new QLabel;
    m_balance->setObjectName(QStringLiteral("clientBalance"));
    m_balance->setTextFormat(Qt::RichText);
    m_breakdown = new QLabel;
    m_breakdown->setObjectName(QStringLiteral("balanceBreakdown"));
    m_breakdown->setWordWrap(true);
    m_breakdown->setStyleSheet(QStringLiteral("color: #555"));
    m_list =
        table(QStringLiteral("paymentList"), {tr("Date"), tr("Kind"), tr("Amount"), tr("Method"), tr("For")});
    m_list->setAccessibleName(tr("Payments and refunds"));
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("paymentMessage"));
    m_message->setWordWrap(true);
    auto* pay = new QPushButton(tr("Record &payment…"));
    pay->setObjectName(QStringLiteral("recordPayment"));
    auto* refund = m_refund = new QPushButton(tr("Record re&fund…"));
    refund->setObjectName(QStringLiteral("recordRefund"));
    auto* balanceBox = new QVBoxLayout;
    balanceBox->addWidget(m_balance);
    balanceBox->addWidget(m_breakdown);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_message, 1);
    buttons->addWidget(refund);
    buttons->addWidget(pay);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(balanceBox);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);
    connect(pay, &QPushButton::clicked, this, [this] { record(QStringLiteral("payment")); });
    connect(refund, &QPushButton::clicked, this, [this] { record(QStringLiteral("refund")); });
}

void PaymentsTab::setClient(qint64 clientId)
{
    m_client = clientId;
    m_message->clear();
    reload();
}

void PaymentsTab::reload()
{
    m_list->clear();
    m_balance->clear();
    m_breakdown->clear();
    m_refund->setEnabled(false);
    if (m_client <= 0)
        return;
    auto balance = Payments(m_db).balance(m_client);
    auto payments = Payments(m_db).forClient(m_client);
    if (!balance || !payments) {
        m_message->setText(!balance ? balance.message() : payments.message());
        Q_EMIT countChanged(0);
        return;
    }
    // Only money paid can be given back.
    const bool refundable = balance->paidPence > balance->refundedPence;
    m_refund->setEnabled(refundable);
    m_refund->setToolTip(refundable ? QString() : tr("Nothing paid yet that could be refunded."));
    const qint64 b = balance->balancePence();
    const QString big = QStringLiteral("<span style='font-size:15pt;font-weight:600;color:%1'>%2</span>");
    if (b > 0)
        m_balance->setText(big.arg(QStringLiteral("#b00020"), tr("Owes %1").arg(money::format(b))));
    else if (b < 0 && balance->acceptedQuotesPence == 0)
        // Paid for treatments that were never quoted: not money owed back, just nothing to set it against.
        m_balance->setText(
            big.arg(QStringLiteral("#333333"), tr("Paid %1, no accepted quote").arg(money::format(-b))));
    else if (b < 0)
        m_balance->setText(big.arg(QStringLiteral("#1b6e20"), tr("In credit: %1").arg(money::format(-b))));
    else
        m_balance->setText(big.arg(QStringLiteral("#1b6e20"), tr("Nothing owed")));
    m_breakdown->setText(tr("Accepted quotes %1 − paid %2 + refunded %3. Treatments without an accepted "
                            "quote are not priced here.")
                             .arg(money::format(balance->acceptedQuotesPence),
                                  money::format(balance->paidPence), money::format(balance->refundedPence)));
    for (const Payment& p : payments.value()) {
        auto* item = new QTreeWidgetItem(m_list, {dateText(p.paidOn), kindLabel(p.kind),
                                                  money::format(p.signedPence()), methodLabel(p.method),
                                                  p.description});
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        if (p.kind == QLatin1String("refund"))
            item->setForeground(2, QColor(0xb0, 0x00, 0x20));
        item->setToolTip(4, p.description);
    }
    for (int c = 0; c < 4; ++c) {
        m_list->resizeColumnToContents(c);
        m_list->setColumnWidth(c, m_list->columnWidth(c) + 16);
    }
    if (payments->isEmpty())
        m_message->setText(tr("No payments recorded for this client."));
    Q_EMIT countChanged(int(payments->size()));
}

void PaymentsTab::record(const QString& kind)
{
    if (m_client <= 0)
        return;
    PaymentDialog d(m_db, m_client, kind, this);
    if (d.exec() != QDialog::Accepted)
        return;
    reload();
    m_message->setText(tr("Recorded."));
}

TakingsDialog::TakingsDialog(Database& db, QWidget* parent) : QDialog(parent), m_db(db)
{
    setObjectName(QStringLiteral("takingsDialog"));
    setWindowTitle(tr("Day's takings"));
    m_date = new QDateEdit(Clock::today());
    m_date->setObjectName(QStringLiteral("takingsDate"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("dddd dd/MM/yyyy"));
    m_date->setMinimumWidth(m_date->fontMetrics().horizontalAdvance(QStringLiteral("Wednesday 00/00/0000")) +
                            48);
    auto* previous = new QPushButton(tr("◀"));
    previous->setAccessibleName(tr("Previous day"));
    previous->setFixedWidth(32);
    auto* next = new QPushButton(tr("▶"));
    next->setAccessibleName(tr("Next day"));
    next->setFixedWidth(32);
    auto* today = new QPushButton(tr("&Today"));
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("takingsSummary"));
    m_summary->setTextFormat(Qt::RichText);
    m_totals =
        table(QStringLiteral("takingsTotals"), {tr("Method"), tr("Payments"), tr("Refunds"), tr("Net")});
    m_totals->setMaximumHeight(150);
    m_totals->header()->setStretchLastSection(false); // the Net column stays next to Refunds, in view
    m_list = table(QStringLiteral("takingsList"),
                   {tr("Client"), tr("Kind"), tr("Amount"), tr("Method"), tr("For")});
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("takingsMessage"));
    m_message->setWordWrap(true);
    auto* exportButton = new QPushButton(tr("Export &CSV…"));
    exportButton->setObjectName(QStringLiteral("takingsExport"));
    auto* printButton = new QPushButton(tr("&Print…"));
    printButton->setObjectName(QStringLiteral("takingsPrint"));
    auto* close = new QDialogButtonBox(QDialogButtonBox::Close);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("&Day:")));
    qobject_cast<QLabel*>(top->itemAt(0)->widget())->setBuddy(m_date);
    top->addWidget(previous);
    top->addWidget(m_date);
    top->addWidget(next);
    top->addWidget(today);
    top->addStretch();
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_message, 1);
    bottom->addWidget(printButton);
    bottom->addWidget(exportButton);
    bottom->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_totals);
    layout->addWidget(new QLabel(tr("<b>Payments and refunds</b>")));
    layout->addWidget(m_list, 1);
    layout->addLayout(bottom);

    connect(m_date, &QDateEdit::dateChanged, this, &TakingsDialog::reload);
    connect(previous, &QPushButton::clicked, this, [this] { m_date->setDate(m_date->date().addDays(-1)); });
    connect(next, &QPushButton::clicked, this, [this] { m_date->setDate(m_date->date().addDays(1)); });
    connect(today, &QPushButton::clicked, this, [this] { m_date->setDate(Clock::today()); });
    connect(exportButton, &QPushButton::clicked, this, &TakingsDialog::exportCsv);
    connect(printButton, &QPushButton::clicked, this, &TakingsDialog::print);
    connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
    reload();
    resize(720, 560);
}

void TakingsDialog::setDay(const QDate& day)
{
    m_date->setDate(day);
}

void TakingsDialog::reload()
{
    m_totals->clear();
    m_list->clear();
    m_message->clear();
    const QDate day = m_date->date();
    auto takings = Payments(m_db).takings(day);
    auto lines = Payments(m_db).dayPayments(day);
    if (!takings || !lines) {
        m_summary->setText(QStringLiteral("<span style='color:#b00020'>%1</span>")
                               .arg((!takings ? takings.message() : lines.message()).toHtmlEscaped()));
        m_takings = {};
        m_lines.clear();
        return;
    }
    m_takings = takings.value();
    m_lines = lines.value();
    const auto right = [](QTreeWidgetItem* item) {
        for (int c = 1; c < 4; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    };
    for (const DayTakings::Line& l : m_takings.byMethod) {
        auto* item =
            new QTreeWidgetItem(m_totals, {methodLabel(l.method), money::format(l.paymentsPence),
                                           money::format(l.refundsPence), money::format(l.netPence())});
        item->setToolTip(1, tr("%n payment(s)", nullptr, l.payments));
        item->setToolTip(2, tr("%n refund(s)", nullptr, l.refunds));
        right(item);
    }
    if (!m_takings.byMethod.isEmpty()) {
        auto* total = new QTreeWidgetItem(
            m_totals, {tr("Total"), money::format(m_takings.totalPaymentsPence()),
                       money::format(m_takings.totalRefundsPence()), money::format(m_takings.netPence())});
        QFont bold = total->font(0);
        bold.setBold(true);
        for (int c = 0; c < 4; ++c)
            total->setFont(c, bold);
        right(total);
    }
    for (const auto& [p, name] : m_lines) {
        auto* item = new QTreeWidgetItem(m_list, {name, kindLabel(p.kind), money::format(p.signedPence()),
                                                  methodLabel(p.method), p.description});
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        if (p.kind == QLatin1String("refund"))
            item->setForeground(2, QColor(0xb0, 0x00, 0x20));
    }
    for (int c = 0; c < 4; ++c) {
        m_totals->resizeColumnToContents(c);
        m_totals->setColumnWidth(c, m_totals->columnWidth(c) + 24);
        m_list->resizeColumnToContents(c);
        m_list->setColumnWidth(c, m_list->columnWidth(c) + 16);
    }
    m_totals->setColumnWidth(0, std::max(m_totals->columnWidth(0), 160));
    m_summary->setText(
        m_lines.isEmpty()
            ? tr("<h3>Nothing taken on %1</h3>").arg(dateText(day))
            : tr("<h3>%1 taken on %2</h3>").arg(money::format(m_takings.netPence()), dateText(day)));
}

void TakingsDialog::exportCsv()
{
    const QDate day = m_date->date();
    const QString path = records::chooseFile(this, tr("takings-%1.csv").arg(day.toString(Qt::ISODate)),
                                             tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (auto st = Payments(m_db).exportDayCsv(day, path); !st)
        return m_message->setText(st.message());
    m_message->setText(tr("Saved %1. It names clients: keep it with the clinic's accounts.").arg(path));
}

QString TakingsDialog::reportHtml() const
{
    QString html = tr("<h2>Takings for %1</h2>").arg(dateText(m_takings.day).toHtmlEscaped());
    html += QStringLiteral("<table border='1' cellspacing='0' "
                           "cellpadding='4'><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th></tr>")
                .arg(tr("Method"), tr("Payments"), tr("Refunds"), tr("Net"));
    for (const DayTakings::Line& l : m_takings.byMethod)
        html += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td><td align='right'>%3</td><td "
                               "align='right'>%4</td></tr>")
                    .arg(methodLabel(l.method).toHtmlEscaped(), money::format(l.paymentsPence),
                         money::format(l.refundsPence), money::format(l.netPence()));
    html += QStringLiteral("<tr><td><b>%1</b></td><td align='right'><b>%2</b></td><td "
                           "align='right'><b>%3</b></td><td align='right'><b>%4</b></td></tr></table>")
                .arg(tr("Total"), money::format(m_takings.totalPaymentsPence()),
                     money::format(m_takings.totalRefundsPence()), money::format(m_takings.netPence()));
    html += QStringLiteral("<p></p><table border='1' cellspacing='0' "
                           "cellpadding='4'><tr><th>%1</th><th>%2</th><th>%3</th><th>%4</th><th>%5</th></tr>")
                .arg(tr("Client"), tr("Kind"), tr("Amount"), tr("Method"), tr("For"));
    for (const auto& [p, name] : m_lines)
        html +=
            QStringLiteral("<tr><td>%1</td><td>%2</td><td align='right'>%3</td><td>%4</td><td>%5</td></tr>")
                .arg(name.toHtmlEscaped(), kindLabel(p.kind), money::format(p.signedPence()),
                     methodLabel(p.method).toHtmlEscaped(), p.description.toHtmlEscaped());
    return html + QStringLiteral("</table>");
}

void TakingsDialog::print()
{
    QPrinter printer;
    QPrintDialog dialog(&printer, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QTextDocument doc;
    doc.setHtml(reportHtml());
    doc.print(&printer);
}

} // namespace cd::ui
