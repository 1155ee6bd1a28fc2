#include "privacy/RegisterDialog.h"

#include "common/Style.h"
#include "privacy/Register.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cd::ui {

RegisterDialog::RegisterDialog(PrivacyRegister& privacy, QWidget* parent)
    : QDialog(parent), m_privacy(privacy)
{
    setWindowTitle(tr("Privacy request register"));
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("register"));
    m_list->setHeaderLabels(
        {tr("Client"), tr("Request"), tr("Received"), tr("Due"), tr("Days left"), tr("Status"), tr("Sent")});
    m_list->setRootIsDecorated(false);
    m_list->setAlternatingRowColors(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto* open = buttons->addButton(tr("&Open client"), QDialogButtonBox::ActionRole);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        tr("Deadlines follow the ICO's rule: one calendar month from receipt, moved to the next working "
           "day; an extension adds two months.")));
    layout->addWidget(m_list);
    layout->addWidget(buttons);
    resize(900, 480);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto choose = [this] {
        if (QTreeWidgetItem* item = m_list->currentItem();
            item && item->data(0, Qt::UserRole).toLongLong() > 0) {
            m_chosen = item->data(0, Qt::UserRole).toLongLong();
            accept();
        }
    };
    connect(open, &QPushButton::clicked, this, choose);
    connect(m_list, &QTreeWidget::itemActivated, this, choose);
    refresh();
}

void RegisterDialog::refresh()
{
    m_list->clear();
    auto list = m_privacy.list();
    if (!list)
        return;
    const QDate today = QDate::currentDate();
    for (const PrivacyRequest& r : list.value()) {
        const bool open = r.status == RequestStatus::Open;
        const int left = r.daysLeft(today);
        QStringList sent;
        for (const SentFile& f : r.files)
            sent << f.fileName;
        auto* item = new QTreeWidgetItem(
            m_list, {r.clientName.isEmpty() ? tr("(erased) %1").arg(r.subjectRef) : r.clientName,
                     vocab::label(r.type), QLocale().toString(r.received, QStringLiteral("dd/MM/yyyy")),
                     QLocale().toString(r.due, QStringLiteral("d MMM yyyy")) +
                         (r.extensionReason.isEmpty() ? QString() : tr(" (extended)")),
                     open ? (left >= 0 ? tr("%n day(s) left", nullptr, left)
                                       : tr("%n day(s) overdue", nullptr, -left))
                          : QString(),
                     open ? tr("open")
                          : tr("%1 %2").arg(vocab::label(r.status).toLower(),
                                            QLocale().toString(r.completed, QStringLiteral("dd/MM/yyyy"))),
                     sent.join(QStringLiteral(", "))});
        item->setData(0, Qt::UserRole, r.clientId);
        if (open && left < 0)
            for (int c = 0; c < 6; ++c)
                item->setForeground(c, QColor(palette::now().error));
    }
    for (int c = 0; c < 6; ++c)
        m_list->resizeColumnToContents(c);
}

} // namespace cd::ui
