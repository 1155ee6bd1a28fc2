#include "privacy/RetentionDialog.h"

#include "common/Style.h"
#include "desk/TaskRunner.h"
#include "desk/Workspace.h"
#include "privacy/Retention.h"
#include "vault/Vault.h"

#include <QApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cd::ui {

namespace {
constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kRuleRole = Qt::UserRole + 2;
QString day(const QDate& d)
{
    return QLocale().toString(d, QStringLiteral("dd/MM/yyyy"));
}
} // namespace

RetentionDialog::RetentionDialog(Workspace& workspace, QWidget* parent)
    : QDialog(parent), m_workspace(workspace)
{
    setWindowTitle(tr("Retention review"));
    auto* layout = new QVBoxLayout(this);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("retentionSummary"));
    m_summary->setWordWrap(true);
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("retentionList"));
    m_list->setAccessibleName(tr("Records past their retention rule"));
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Client"), tr("Last date"), tr("Due since"), tr("Records"), tr("Rule")});
    m_list->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_list->headerItem()->setToolTip(
        3, tr("How many records go: the person (an enquiry), or their treatment records "
              "and photos, or their old payments"));
    m_list->header()->setStretchLastSection(true);
    auto* all = new QPushButton(tr("Tick &all due"));
    auto* none = new QPushButton(tr("Tick &none"));
    auto* ticks = new QHBoxLayout;
    ticks->addWidget(all);
    ticks->addWidget(none);
    ticks->addStretch();

    m_confirmLabel = new QLabel;
    m_confirm = new QLineEdit;
    m_confirm->setObjectName(QStringLiteral("retentionConfirm"));
    m_confirm->setAccessibleName(tr("Type the number of records to confirm"));
    m_confirm->setMaximumWidth(120);
    m_erase = new QPushButton(tr("&Erase ticked"));
    m_erase->setObjectName(QStringLiteral("retentionErase"));
    m_erase->setEnabled(false);
    style::setDestructive(m_erase);
    auto* close = new QPushButton(tr("Close"));
    close->setDefault(true);
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("retentionError"));
    m_error->setWordWrap(true);
    style::setTone(m_error, style::Tone::Error);
    auto* confirmRow = new QHBoxLayout;
    confirmRow->addWidget(m_confirmLabel);
    confirmRow->addWidget(m_confirm);
    confirmRow->addStretch();
    confirmRow->addWidget(close);
    confirmRow->addWidget(m_erase);

    layout->addWidget(m_summary);
    layout->addWidget(m_list, 1);
    layout->addLayout(ticks);
    layout->addWidget(new QLabel(
        tr("Erasure keeps what the law requires (an open complaint, treatment and payment records "
           "inside their periods) with the reason, as a single erasure does. It cannot be undone.")));
    layout->addLayout(confirmRow);
    layout->addWidget(m_error);
    resize(760, 480);

    connect(m_list, &QTreeWidget::itemChanged, this, [this] { updateConfirm(); });
    connect(m_confirm, &QLineEdit::textChanged, this, [this] { updateConfirm(); });
    connect(m_erase, &QPushButton::clicked, this, &RetentionDialog::erase);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    const auto tickAll = [this](bool on) {
        for (int i = 0; i < m_list->topLevelItemCount(); ++i)
            if (QTreeWidgetItem* it = m_list->topLevelItem(i); it->flags() & Qt::ItemIsUserCheckable)
                it->setCheckState(0, on ? Qt::Checked : Qt::Unchecked);
    };
    connect(all, &QPushButton::clicked, this, [tickAll] { tickAll(true); });
    connect(none, &QPushButton::clicked, this, [tickAll] { tickAll(false); });
    refresh();
}

void RetentionDialog::refresh()
{
    const QSignalBlocker block(m_list);
    m_list->clear();
    auto due = m_workspace.retention().due();
    if (!due) {
        m_summary->setText(due.message());
        updateConfirm();
        return;
    }
    int held = 0;
    for (const RetentionItem& i : due.value()) {
        auto* it = new QTreeWidgetItem(
            m_list, {i.name, day(i.lastContact), day(i.dueSince), QString::number(i.rows),
                     i.blockedReason.isEmpty() ? i.ruleText : tr("Held back: %1").arg(i.blockedReason)});
        it->setData(0, kIdRole, i.clientId);
        it->setData(0, kRuleRole, i.rule);
        it->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
        it->setToolTip(4, i.ruleText);
        if (i.blockedReason.isEmpty()) {
            it->setFlags(it->flags() | Qt::ItemIsUserCheckable);
            it->setCheckState(0, Qt::Checked);
        } else {
            ++held;
            it->setFlags(it->flags() & ~Qt::ItemIsUserCheckable);
            it->setForeground(4, QColor(palette::now().warning));
        }
    }
    const int n = int(due->size());
    m_summary->setText(
        n == 0 ? tr("<b>Nothing has passed its retention rule.</b> The rules are in File → Clinic settings.")
               : (n == 1 ? tr("<b>1 record has passed its retention rule.</b>")
                         : tr("<b>%1 records have passed their retention rules</b>, oldest first.").arg(n)) +
                     (held == 0   ? QString()
                      : held == 1 ? tr(" 1 is held back and must be looked at on its own.")
                                  : tr(" %1 are held back and must be looked at on their own.").arg(held)));
    updateConfirm();
}

QList<RetentionReview::Key> RetentionDialog::ticked() const
{
    QList<RetentionReview::Key> keys;
    for (int i = 0; i < m_list->topLevelItemCount(); ++i)
        if (const QTreeWidgetItem* it = m_list->topLevelItem(i); it->checkState(0) == Qt::Checked)
            keys << RetentionReview::Key{it->data(0, kIdRole).toLongLong(),
                                         it->data(0, kRuleRole).toString()};
    return keys;
}

void RetentionDialog::updateConfirm()
{
    const qsizetype n = ticked().size();
    m_confirmLabel->setText(n == 0   ? tr("Tick the records to erase.")
                            : n == 1 ? tr("Type 1 to erase the ticked record:")
                                     : tr("Type %1 to erase the %1 ticked records:").arg(n));
    m_confirm->setEnabled(n > 0);
    m_erase->setEnabled(n > 0 && m_confirm->text().trimmed() == QString::number(n));
}

void RetentionDialog::erase()
{
    const QList<RetentionReview::Key> ids = ticked();
    const int typed = m_confirm->text().trimmed().toInt();
    Vault& vault = m_workspace.vault();
    auto r = TaskRunner::runWith<Result<int>>(&m_workspace.tasks(), this, tr("Erasing…"), false,
                                              [&vault, ids, typed](const TaskRunner::Progress&) {
                                                  return RetentionReview::eraseDue(vault, ids, typed);
                                              });
    if (!r) {
        m_error->setText(r.message());
        return;
    }
    m_erasedTotal += r.value();
    m_confirm->clear();
    m_error->clear();
    refresh();
    m_summary->setText(
        (r.value() == 1 ? tr("<b>Erased 1 record.</b> ") : tr("<b>Erased %1 records.</b> ").arg(r.value())) +
        m_summary->text());
}

} // namespace cd::ui
