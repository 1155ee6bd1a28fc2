#include "desk/TodayPanel.h"

#include "clients/Interaction.h"
#include "common/Clock.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "diary/Diary.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cd::ui {

TodayPanel::TodayPanel(Workspace& workspace, QWidget* parent) : QWidget(parent), m_workspace(workspace)
{
    // Today's appointments at a glance; Enter or a double-click opens the client.
    m_today = new QTreeWidget;
    m_today->setObjectName(QStringLiteral("todayAppointments"));
    m_today->setAccessibleName(tr("Today's appointments"));
    m_today->setHeaderLabels({tr("Time"), tr("Client"), tr("Treatment"), tr("With"), tr("Status")});
    m_today->setRootIsDecorated(false);
    m_today->setAlternatingRowColors(true);
    m_today->header()->setStretchLastSection(false);
    m_today->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_today->header()->setMinimumSectionSize(40);
    m_today->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_today->setTextElideMode(Qt::ElideRight);
    auto* todayTitle = new QLabel(tr("<b>Today's appointments</b>"));
    todayTitle->setObjectName(QStringLiteral("todayTitle"));
    auto* openDiary = new QPushButton(tr("Open dia&ry"));
    openDiary->setObjectName(QStringLiteral("openDiaryButton"));
    openDiary->setToolTip(tr("The day and week views (Ctrl+D)"));
    auto* todayHeader = new QHBoxLayout;
    todayHeader->addWidget(todayTitle, 1);
    todayHeader->addWidget(openDiary);

    m_followUps = new QTreeWidget;
    m_followUps->setObjectName(QStringLiteral("followUps"));
    m_followUps->setAccessibleName(tr("Follow-ups due"));
    m_followUps->setHeaderLabels({tr("Due"), tr("Client"), tr("About")});
    m_followUps->setRootIsDecorated(false);
    m_followUps->header()->setStretchLastSection(true);
    auto* followTitle = new QLabel(tr("<b>Follow-ups due today and overdue</b>"));
    auto* followDone = new QPushButton(tr("Mark &done"));
    followDone->setObjectName(QStringLiteral("followUpDone"));
    auto* followHeader = new QHBoxLayout;
    followHeader->addWidget(followTitle, 1);
    followHeader->addWidget(followDone);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(todayHeader);
    layout->addWidget(m_today, 2);
    layout->addLayout(followHeader);
    layout->addWidget(m_followUps, 1);

    connect(openDiary, &QPushButton::clicked, this, &TodayPanel::openDiaryRequested);
    connect(m_today, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        if (const qint64 id = item->data(0, Qt::UserRole).toLongLong(); id > 0)
            Q_EMIT openClientRequested(id);
    });
    connect(followDone, &QPushButton::clicked, this, &TodayPanel::completeFollowUp);
    connect(m_followUps, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        if (const qint64 id = item->data(0, Qt::UserRole).toLongLong(); id > 0)
            Q_EMIT openClientRequested(id);
    });

    connect(&workspace, &Workspace::clientsChanged, this, &TodayPanel::refresh); // both show names
    connect(&workspace, &Workspace::interactionsChanged, this, &TodayPanel::refreshFollowUps);
    connect(&workspace, &Workspace::diaryChanged, this, [this](const QSet<QDate>& days) {
        if (days.isEmpty() || days.contains(m_dayShown) || days.contains(Clock::today()))
            refreshAppointments();
    });
    refresh();
}

void TodayPanel::refresh()
{
    refreshAppointments();
    refreshFollowUps();
}

void TodayPanel::focusAppointments()
{
    m_today->setFocus();
    if (!m_today->currentItem() && m_today->topLevelItemCount() > 0)
        m_today->setCurrentItem(m_today->topLevelItem(0));
}

void TodayPanel::completeFollowUp()
{
    QTreeWidgetItem* item = m_followUps->currentItem();
    if (!item || item->data(1, Qt::UserRole).toLongLong() <= 0)
        return Q_EMIT message(tr("Choose a follow-up in the list first."), 4000);
    if (auto st = m_workspace.interactions().completeFollowUp(item->data(1, Qt::UserRole).toLongLong()); !st)
        Q_EMIT message(st.message(), 8000);
}

void TodayPanel::refreshFollowUps()
{
    m_followUps->clear();
    const QDate today = Clock::today();
    // Bounded: the list is built before the window takes its first keystroke, and a vault with
    // tens of thousands of open follow-ups took a third of a second to load them all (clinicdesk-bench).
    auto due = m_workspace.interactions().followUpsDue(today, kFollowUpsShown);
    if (!due)
        return Q_EMIT message(due.message(), 8000);
    for (const FollowUp& f : due.value()) {
        const QString when =
            f.due == today
                ? tr("Today")
                : tr("%1 overdue")
                      .arg(f.due.daysTo(today) == 1 ? tr("1 day") : tr("%1 days").arg(f.due.daysTo(today)));
        auto* item = new QTreeWidgetItem(m_followUps, {when, f.clientName, f.body});
        item->setData(0, Qt::UserRole, f.clientId);
        item->setData(1, Qt::UserRole, f.interactionId);
        item->setToolTip(2, f.body);
        if (f.due < today)
            item->setForeground(0, QColor(palette::now().error));
    }
    if (due->size() == kFollowUpsShown)
        new QTreeWidgetItem(m_followUps, {QString(), tr("Showing the %n oldest", nullptr, kFollowUpsShown),
                                          tr("Mark these done to see the rest.")});
    m_followUps->resizeColumnToContents(0);
    m_followUps->resizeColumnToContents(1);
}

void TodayPanel::refreshAppointments()
{
    m_dayShown = Clock::today();
    m_today->clear();
    auto list = m_workspace.diary().day(m_dayShown);
    if (!list) {
        new QTreeWidgetItem(m_today, {QString(), list.message()});
        return;
    }
    const QDateTime now = Clock::now();
    for (const Appointment& a : list.value()) {
        auto* item = new QTreeWidgetItem(m_today, {a.startsAt.toLocalTime().toString(QStringLiteral("HH:mm")),
                                                   a.clientName, a.treatment, a.practitionerName,
                                                   vocab::label(a.status)});
        item->setData(0, Qt::UserRole, a.clientId);
        item->setData(1, Qt::UserRole, a.id);
        item->setToolTip(2, tr("%1, %2–%3%4")
                                .arg(a.what(), a.startsAt.toLocalTime().toString(QStringLiteral("HH:mm")),
                                     a.endsAt().toLocalTime().toString(QStringLiteral("HH:mm")),
                                     a.roomName.isEmpty() ? QString() : tr(", %1").arg(a.roomName)));
        if (a.isCancelled() || a.status == AppointmentStatus::NoShow) {
            for (int c = 0; c < 5; ++c)
                item->setForeground(c, a.isCancelled() ? QColor(palette::now().muted)
                                                       : QColor(palette::now().error));
            QFont f = item->font(1);
            f.setStrikeOut(a.isCancelled());
            item->setFont(1, f);
        } else if (a.status == AppointmentStatus::Booked && a.startsAt <= now && a.endsAt() > now) {
            QFont f = item->font(0);
            f.setBold(true);
            for (int c = 0; c < 5; ++c)
                item->setFont(c, f);
        }
    }
    if (list->isEmpty())
        new QTreeWidgetItem(m_today, {QString(), tr("No appointments today")});
    // Start at what is next rather than at this morning's.
    for (int i = 0; i < m_today->topLevelItemCount(); ++i)
        if (i < list->size() && list->at(i).endsAt() > now) {
            m_today->scrollToItem(m_today->topLevelItem(i), QAbstractItemView::PositionAtTop);
            break;
        }
    for (int c : {0, 1, 3, 4})
        m_today->resizeColumnToContents(c);
}

} // namespace cd::ui
