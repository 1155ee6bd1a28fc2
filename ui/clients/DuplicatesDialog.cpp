#include "clients/DuplicatesDialog.h"

#include "clients/ClientMerge.h"
#include "common/Ask.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRadioButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cd::ui {

DuplicatesDialog::DuplicatesDialog(ClientMerge& merge, qint64 staffId, QWidget* parent)
    : QDialog(parent), m_clientMerge(merge), m_staffId(staffId)
{
    setWindowTitle(tr("Likely duplicates"));
    m_pairs = new QTreeWidget;
    m_pairs->setObjectName(QStringLiteral("duplicatePairs"));
    m_pairs->setHeaderLabels({tr("Client"), tr("Client"), tr("Why")});
    m_pairs->setRootIsDecorated(false);
    m_keepFirst = new QRadioButton;
    m_keepFirst->setObjectName(QStringLiteral("keepFirst"));
    m_keepSecond = new QRadioButton;
    m_keepSecond->setObjectName(QStringLiteral("keepSecond"));
    m_keepFirst->setChecked(true);
    m_preview = new QLabel(tr("Choose a pair to see what a merge would change."));
    m_preview->setObjectName(QStringLiteral("mergePreview"));
    m_preview->setWordWrap(true);
    m_preview->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_merge = new QPushButton(tr("&Merge…"));
    m_merge->setObjectName(QStringLiteral("mergeButton"));
    m_merge->setEnabled(false);
    m_history = new QTreeWidget;
    m_history->setObjectName(QStringLiteral("mergeHistory"));
    m_history->setHeaderLabels({tr("Merged"), tr("Into"), tr("When"), tr("")});
    m_history->setRootIsDecorated(false);
    m_undo = new QPushButton(tr("&Undo merge"));
    m_undo->setObjectName(QStringLiteral("undoMerge"));
    m_undo->setEnabled(false);
    auto* close = new QPushButton(tr("Close"));

    auto* keepRow = new QHBoxLayout;
    keepRow->addWidget(new QLabel(tr("Keep:")));
    keepRow->addWidget(m_keepFirst);
    keepRow->addWidget(m_keepSecond);
    keepRow->addStretch();
    keepRow->addWidget(m_merge);
    auto* undoRow = new QHBoxLayout;
    undoRow->addStretch();
    undoRow->addWidget(m_undo);
    undoRow->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_pairs, 2);
    layout->addLayout(keepRow);
    layout->addWidget(m_preview, 1);
    layout->addWidget(
        new QLabel(tr("<b>Recent merges</b> (a merge can be undone: the other record comes back with "
                      "its own notes)")));
    layout->addWidget(m_history, 1);
    layout->addLayout(undoRow);
    resize(760, 620);

    connect(m_pairs, &QTreeWidget::currentItemChanged, this, &DuplicatesDialog::showPreview);
    connect(m_keepFirst, &QRadioButton::toggled, this, &DuplicatesDialog::showPreview);
    connect(m_merge, &QPushButton::clicked, this, &DuplicatesDialog::mergeSelected);
    connect(m_history, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        m_undo->setEnabled(item && !item->data(0, Qt::UserRole + 1).toBool());
    });
    connect(m_undo, &QPushButton::clicked, this, &DuplicatesDialog::undoSelected);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    refresh();
}

void DuplicatesDialog::refresh()
{
    m_pairs->clear();
    auto pairs = m_clientMerge.likelyDuplicates();
    if (pairs) {
        for (const DuplicatePair& p : pairs.value()) {
            auto* item = new QTreeWidgetItem(m_pairs, {tr("%1 (client %2)").arg(p.firstName).arg(p.firstId),
                                                       tr("%1 (client %2)").arg(p.secondName).arg(p.secondId),
                                                       p.reason});
            item->setData(0, Qt::UserRole, p.firstId);
            item->setData(1, Qt::UserRole, p.secondId);
        }
    }
    for (int c = 0; c < 3; ++c)
        m_pairs->resizeColumnToContents(c);
    if (m_pairs->topLevelItemCount() > 0)
        m_pairs->setCurrentItem(m_pairs->topLevelItem(0));
    else
        m_preview->setText(tr("No likely duplicates: no two clients share a phone number, an email, or a "
                              "name and date of birth."));
    m_history->clear();
    auto history = m_clientMerge.history();
    if (history) {
        for (const MergeRecord& r : history.value()) {
            auto* item = new QTreeWidgetItem(
                m_history, {r.mergedName, r.keptName,
                            QLocale().toString(QDateTime::fromString(r.mergedAt, Qt::ISODate).toLocalTime(),
                                               QStringLiteral("dd/MM/yyyy HH:mm")),
                            r.undone ? tr("undone") : QString()});
            item->setData(0, Qt::UserRole, r.id);
            item->setData(0, Qt::UserRole + 1, r.undone);
        }
    }
    m_undo->setEnabled(false);
}

void DuplicatesDialog::showPreview()
{
    QTreeWidgetItem* item = m_pairs->currentItem();
    m_merge->setEnabled(item != nullptr);
    if (!item)
        return;
    m_keepFirst->setText(item->text(0));
    m_keepSecond->setText(item->text(1));
    const qint64 a = item->data(0, Qt::UserRole).toLongLong(), b = item->data(1, Qt::UserRole).toLongLong();
    auto p = m_keepFirst->isChecked() ? m_clientMerge.preview(a, b) : m_clientMerge.preview(b, a);
    if (!p) {
        m_preview->setText(p.message());
        m_merge->setEnabled(false);
        return;
    }
    QStringList lines = p->changes;
    lines.prepend(tr("%1 is kept; %2 is folded into it.").arg(p->keptName, p->mergedName));
    lines << tr("%1 and %2 move to %3.")
                 .arg(tr("%n interaction(s)", nullptr, p->interactions),
                      tr("%n consent record(s)", nullptr, p->consentEvents), p->keptName);
    m_preview->setText(lines.join(QLatin1Char('\n')));
}

void DuplicatesDialog::mergeSelected()
{
    QTreeWidgetItem* item = m_pairs->currentItem();
    if (!item)
        return;
    qint64 keep = item->data(0, Qt::UserRole).toLongLong(), other = item->data(1, Qt::UserRole).toLongLong();
    if (!m_keepFirst->isChecked())
        std::swap(keep, other);
    if (!ask::confirm(this, tr("Merge these records?"), m_preview->text(), tr("Merge")))
        return;
    auto merged = m_clientMerge.merge(keep, other, m_staffId);
    if (!merged) {
        m_preview->setText(merged.message());
        return;
    }
    m_changed = true;
    refresh();
}

void DuplicatesDialog::undoSelected()
{
    QTreeWidgetItem* item = m_history->currentItem();
    if (!item)
        return;
    if (auto st = m_clientMerge.undo(item->data(0, Qt::UserRole).toLongLong()); !st) {
        m_preview->setText(st.message());
        return;
    }
    m_changed = true;
    refresh();
}

} // namespace cd::ui
