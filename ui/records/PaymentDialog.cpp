#include "records/PaymentDialog.h"

#include "common/Clock.h"
#include "common/Style.h"
#include "desk/Workspace.h"
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

PaymentDialog::PaymentDialog(Workspace& workspace, qint64 clientId, PaymentKind kind, QWidget* parent)
    : QDialog(parent), m_workspace(workspace), m_client(clientId)
{
    setObjectName(QStringLiteral("paymentDialog"));
    setWindowTitle(kind == PaymentKind::Refund ? tr("Record a refund") : tr("Record a payment"));
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("paymentKind"));
    for (PaymentKind k : vocab::all<PaymentKind>())
        m_kind->addItem(vocab::label(k), vocab::code(k));
    m_kind->setCurrentIndex(std::max(0, m_kind->findData(vocab::code(kind))));
    m_amount = new QLineEdit;
    m_amount->setObjectName(QStringLiteral("paymentAmount"));
    m_amount->setPlaceholderText(tr("e.g. 250 or £1,250.50"));
    m_method = new QComboBox;
    m_method->setObjectName(QStringLiteral("paymentMethod"));
    for (PaymentMethod m : vocab::all<PaymentMethod>())
        m_method->addItem(vocab::label(m), vocab::code(m));
    m_for = new QLineEdit;
    m_for->setObjectName(QStringLiteral("paymentFor"));
    m_for->setPlaceholderText(tr("e.g. Lip filler 1 ml, deposit"));
    m_quote = new QComboBox;
    m_quote->setObjectName(QStringLiteral("paymentQuote"));
    m_quote->addItem(tr("(none)"), qint64(0));
    if (auto quotes = m_workspace.quotes().forClient(clientId))
        for (const Quote& q : quotes.value())
            if (q.status != QuoteStatus::Draft)
                m_quote->addItem(
                    tr("%1 — %2 (%3)")
                        .arg(dateText(q.createdOn), money::format(q.totalPence()), vocab::label(q.status)),
                    q.id);
    m_date = new QDateEdit(Clock::today());
    m_date->setObjectName(QStringLiteral("paymentDate"));
    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(QStringLiteral("dd/MM/yyyy"));
    m_date->setMaximumDate(Clock::today());
    m_error = style::errorLabel(QStringLiteral("paymentError"), true);

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
    style::setTone(note, style::Tone::Muted);
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
    p.kind = vocab::fromCode<PaymentKind>(m_kind->currentData().toString()).value_or(PaymentKind::Payment);
    p.amountPence = pence.value();
    p.method =
        vocab::fromCode<PaymentMethod>(m_method->currentData().toString()).value_or(PaymentMethod::Other);
    p.description = m_for->text().trimmed();
    p.quoteId = m_quote->currentData().toLongLong();
    p.paidOn = m_date->date();
    auto id = m_workspace.payments().record(p);
    if (!id)
        return fail(id.message());
    m_saved = id.value();
    return true;
}

} // namespace cd::ui
