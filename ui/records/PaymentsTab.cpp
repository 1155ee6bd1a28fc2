#include "records/PaymentsTab.h"

#include "common/Clock.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "records/Money.h"
#include "records/PaymentDialog.h"
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

PaymentsTab::PaymentsTab(Workspace& workspace, QWidget* parent) : QWidget(parent), m_workspace(workspace)
{
    m_balance = new QLabel;
    m_balance->setObjectName(QStringLiteral("clientBalance"));
    m_balance->setTextFormat(Qt::RichText);
    m_breakdown = new QLabel;
    m_breakdown->setObjectName(QStringLiteral("balanceBreakdown"));
    m_breakdown->setWordWrap(true);
    style::setTone(m_breakdown, style::Tone::Muted);
    m_list = style::listTable(QStringLiteral("paymentList"),
                              {tr("Date"), tr("Kind"), tr("Amount"), tr("Method"), tr("For")});
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
    connect(pay, &QPushButton::clicked, this, [this] { record(PaymentKind::Payment); });
    connect(refund, &QPushButton::clicked, this, [this] { record(PaymentKind::Refund); });
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
    auto balance = m_workspace.payments().balance(m_client);
    auto payments = m_workspace.payments().forClient(m_client);
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
        m_balance->setText(big.arg(palette::css(palette::now().error), tr("Owes %1").arg(money::format(b))));
    else if (b < 0 && balance->acceptedQuotesPence == 0)
        // Paid for treatments that were never quoted: not money owed back, just nothing to set it against.
        m_balance->setText(big.arg(palette::css(palette::now().text),
                                   tr("Paid %1, no accepted quote").arg(money::format(-b))));
    else if (b < 0)
        m_balance->setText(
            big.arg(palette::css(palette::now().success), tr("In credit: %1").arg(money::format(-b))));
    else
        m_balance->setText(big.arg(palette::css(palette::now().success), tr("Nothing owed")));
    m_breakdown->setText(tr("Accepted quotes %1 − paid %2 + refunded %3. Treatments without an accepted "
                            "quote are not priced here.")
                             .arg(money::format(balance->acceptedQuotesPence),
                                  money::format(balance->paidPence), money::format(balance->refundedPence)));
    for (const Payment& p : payments.value()) {
        auto* item = new QTreeWidgetItem(m_list, {dateText(p.paidOn), vocab::label(p.kind),
                                                  money::format(p.signedPence()), vocab::label(p.method),
                                                  p.description});
        item->setTextAlignment(2, Qt::AlignRight | Qt::AlignVCenter);
        if (p.kind == PaymentKind::Refund)
            item->setForeground(2, QColor(palette::now().error));
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

void PaymentsTab::record(PaymentKind kind)
{
    if (m_client <= 0)
        return;
    PaymentDialog d(m_workspace, m_client, kind, this);
    if (d.exec() != QDialog::Accepted)
        return;
    reload();
    m_message->setText(tr("Recorded."));
}

} // namespace cd::ui
