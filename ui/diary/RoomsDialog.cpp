#include "diary/RoomsDialog.h"

#include "common/Style.h"
#include "diary/Diary.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace cd::ui {

RoomsDialog::RoomsDialog(Diary& diary, QWidget* parent) : QDialog(parent), m_diary(diary)
{
    setObjectName(QStringLiteral("roomsDialog"));
    setWindowTitle(tr("Treatment rooms"));
    m_list = new QListWidget;
    m_list->setObjectName(QStringLiteral("roomList"));
    m_list->setAccessibleName(tr("Rooms; ticked rooms can be booked"));
    m_name = new QLineEdit;
    m_name->setObjectName(QStringLiteral("roomName"));
    m_name->setPlaceholderText(tr("for example: Treatment room 3"));
    auto* add = new QPushButton(tr("&Add room"));
    add->setObjectName(QStringLiteral("roomAdd"));
    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("roomError"));
    m_error->setWordWrap(true);
    style::setTone(m_error, style::Tone::Error);
    auto* close = new QPushButton(tr("Close"));
    auto* row = new QHBoxLayout;
    row->addWidget(m_name, 1);
    row->addWidget(add);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_error, 1);
    bottom->addWidget(close);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(
        new QLabel(tr("Ticked rooms can be booked in the diary. Untick a room that is no longer used: "
                      "past appointments keep its name.")));
    layout->addWidget(m_list, 1);
    layout->addLayout(row);
    layout->addLayout(bottom);
    resize(420, 360);
    connect(add, &QPushButton::clicked, this, &RoomsDialog::add);
    connect(m_name, &QLineEdit::returnPressed, this, &RoomsDialog::add);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem* it) {
        const Status st =
            m_diary.setRoomActive(it->data(Qt::UserRole).toLongLong(), it->checkState() == Qt::Checked);
        m_error->setText(st ? QString() : st.message());
        if (!st)
            refresh();
    });
    refresh();
}

void RoomsDialog::refresh()
{
    const QSignalBlocker block(m_list);
    m_list->clear();
    auto rooms = m_diary.rooms(false);
    if (!rooms) {
        m_error->setText(rooms.message());
        return;
    }
    for (const Room& r : rooms.value()) {
        auto* it = new QListWidgetItem(r.name, m_list);
        it->setFlags(it->flags() | Qt::ItemIsUserCheckable);
        it->setCheckState(r.active ? Qt::Checked : Qt::Unchecked);
        it->setData(Qt::UserRole, r.id);
    }
}

void RoomsDialog::add()
{
    auto id = m_diary.addRoom(m_name->text());
    if (!id) {
        m_error->setText(id.message());
        return;
    }
    m_error->clear();
    m_name->clear();
    refresh();
}

} // namespace cd::ui
