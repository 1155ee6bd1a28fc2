#include "records/TakingsDialog.h"

#include "common/Ask.h"
#include "common/Clock.h"
#include "common/Style.h"
#include "records/Money.h"
#include "records/Quotes.h"
#include "records/RecordsCommon.h"

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

TakingsDialog::TakingsDialog(Payments& payments, QWidget* parent) : QDialog(parent), m_payments(payments)
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
    m_totals = style::listTable(QStringLiteral("takingsTotals"),
                                {tr("Method"), tr("Payments"), tr("Refunds"), tr("Net")});
    m_totals->setMaximumHeight(150);
    m_totals->header()->setStretchLastSection(false); // the Net column stays next to Refunds, in view
    m_list = style::listTable(QStringLiteral("takingsList"),
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
    auto takings = m_payments.takings(day);
    auto lines = m_payments.dayPayments(day);
    if (!takings || !lines) {
        m_summary->setText(
            style::errorHtml((!takings ? takings.message() : lines.message()).toHtmlEscaped()));
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
            new QTreeWidgetItem(m_totals, {vocab::label(l.method), money::format(l.paymentsPence),
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
        auto* item = new QTreeWidgetItem(m_list, {name, vocab::label(p.kind), money::format(p.signedPence()),
                                                  vocab::label(p.method), p.description});
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        if (p.kind == PaymentKind::Refund)
            item->setForeground(2, QColor(palette::now().error));
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
    const QString path =
        ask::saveFile(this, tr("Save the takings"), tr("takings-%1.csv").arg(day.toString(Qt::ISODate)),
                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (auto st = m_payments.exportDayCsv(day, path); !st)
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
                    .arg(vocab::label(l.method).toHtmlEscaped(), money::format(l.paymentsPence),
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
                .arg(name.toHtmlEscaped(), vocab::label(p.kind), money::format(p.signedPence()),
                     vocab::label(p.method).toHtmlEscaped(), p.description.toHtmlEscaped());
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
