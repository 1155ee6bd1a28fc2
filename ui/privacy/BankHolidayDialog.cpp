#include "privacy/BankHolidayDialog.h"

#include "common/Clock.h"
#include "common/Style.h"
#include "privacy/BankHolidays.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSpinBox>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace cd::ui {

namespace {

QComboBox* nations(const QString& current)
{
    auto* c = new QComboBox;
    c->addItem(BankHolidayDialog::tr("England and Wales"), QStringLiteral("england-wales"));
    c->addItem(BankHolidayDialog::tr("Scotland"), QStringLiteral("scotland"));
    c->addItem(BankHolidayDialog::tr("Northern Ireland"), QStringLiteral("northern-ireland"));
    c->setCurrentIndex(std::max(0, c->findData(current)));
    return c;
}

} // namespace

BankHolidayDialog::BankHolidayDialog(BankHolidayChanges& bankHolidays, const QString& nation, QWidget* parent)
    : QDialog(parent), m_bankHolidays(bankHolidays)
{
    setObjectName(QStringLiteral("bankHolidayDialog"));
    setWindowTitle(tr("Bank holidays"));
    m_year = new QSpinBox;
    m_year->setObjectName(QStringLiteral("holidayYear"));
    m_year->setRange(2000, 2100);
    m_year->setValue(Clock::today().year());
    m_viewNation = nations(nation);
    m_viewNation->setObjectName(QStringLiteral("holidayViewNation"));
    m_holidays = new QListWidget;
    m_holidays->setObjectName(QStringLiteral("holidayList"));
    m_holidays->setAccessibleName(tr("Bank holidays of the year"));
    auto* yearRow = new QHBoxLayout;
    auto* yearLabel = new QLabel(tr("&Year:"));
    yearLabel->setBuddy(m_year);
    yearRow->addWidget(yearLabel);
    yearRow->addWidget(m_year);
    yearRow->addWidget(m_viewNation);
    yearRow->addStretch();
    auto* yearBox = new QGroupBox(tr("Bank holidays counted for deadlines"));
    auto* yearLayout = new QVBoxLayout(yearBox);
    yearLayout->addLayout(yearRow);
    yearLayout->addWidget(m_holidays);

    m_changes = new QTreeWidget;
    m_changes->setObjectName(QStringLiteral("holidayChanges"));
    m_changes->setRootIsDecorated(false);
    m_changes->setHeaderLabels({tr("Day"), tr("Nation"), tr("Change"), tr("Note")});
    m_changes->header()->setStretchLastSection(true);
    for (int c = 0; c < 3; ++c)
        m_changes->header()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_day = new QDateEdit(Clock::today());
    m_day->setObjectName(QStringLiteral("holidayDay"));
    m_day->setCalendarPopup(true);
    m_day->setDisplayFormat(QStringLiteral("ddd d MMM yyyy"));
    m_nation = nations(nation);
    m_nation->setObjectName(QStringLiteral("holidayNation"));
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("holidayKind"));
    m_kind->addItem(tr("an extra bank holiday"), true);
    m_kind->addItem(tr("not a bank holiday this year"), false);
    m_note = new QLineEdit;
    m_note->setObjectName(QStringLiteral("holidayNote"));
    m_note->setPlaceholderText(tr("for example: Coronation of King Charles III"));
    auto* add = new QPushButton(tr("&Add change"));
    add->setObjectName(QStringLiteral("holidayAdd"));
    auto* remove = new QPushButton(tr("&Remove selected change"));
    remove->setObjectName(QStringLiteral("holidayRemove"));
    auto* form = new QFormLayout;
    form->addRow(tr("&Day:"), m_day);
    form->addRow(tr("&Nation:"), m_nation);
    form->addRow(tr("&Is:"), m_kind);
    form->addRow(tr("N&ote:"), m_note);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto* changeBox = new QGroupBox(tr("One-off changes (announced by the government)"));
    auto* changeLayout = new QVBoxLayout(changeBox);
    changeLayout->addWidget(m_changes);
    changeLayout->addLayout(form);
    changeLayout->addLayout(buttons);

    m_error = new QLabel;
    m_error->setObjectName(QStringLiteral("holidayError"));
    m_error->setWordWrap(true);
    style::setTone(m_error, style::Tone::Error);
    auto* close = new QPushButton(tr("Close"));
    auto* closeRow = new QHBoxLayout;
    closeRow->addWidget(m_error, 1);
    closeRow->addWidget(close);

    auto* columns = new QHBoxLayout;
    columns->addWidget(yearBox, 2);
    columns->addWidget(changeBox, 3);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(
        tr("Deadlines of privacy requests move to the next working day of the clinic's nation. Open "
           "requests follow a change at once.")));
    layout->addLayout(columns);
    layout->addLayout(closeRow);
    resize(860, 480);

    connect(m_year, &QSpinBox::valueChanged, this, &BankHolidayDialog::refresh);
    connect(m_viewNation, &QComboBox::currentIndexChanged, this, &BankHolidayDialog::refresh);
    connect(add, &QPushButton::clicked, this, &BankHolidayDialog::addChange);
    connect(remove, &QPushButton::clicked, this, &BankHolidayDialog::removeChange);
    connect(close, &QPushButton::clicked, this, &QDialog::accept);
    refresh();
}

void BankHolidayDialog::refresh()
{
    m_holidays->clear();
    auto days = m_bankHolidays.holidays(m_year->value(), m_viewNation->currentData().toString());
    if (days)
        for (const QDate& d : days.value())
            m_holidays->addItem(QLocale().toString(d, QStringLiteral("dddd d MMMM")));
    m_changes->clear();
    auto changes = m_bankHolidays.list();
    if (!changes) {
        m_error->setText(changes.message());
        return;
    }
    for (const BankHolidayChange& c : changes.value()) {
        auto* it = new QTreeWidgetItem(m_changes, {QLocale().toString(c.day, QStringLiteral("d MMM yyyy")),
                                                   m_nation->itemText(m_nation->findData(c.nation)),
                                                   c.add ? tr("extra holiday") : tr("no holiday"), c.note});
        it->setData(0, Qt::UserRole, c.day);
        it->setData(1, Qt::UserRole, c.nation);
    }
}

void BankHolidayDialog::addChange()
{
    const Status st = m_bankHolidays.set(
        {m_day->date(), m_nation->currentData().toString(), m_kind->currentData().toBool(), m_note->text()});
    m_error->setText(st ? QString() : st.message());
    if (st) {
        m_note->clear();
        m_year->setValue(m_day->date().year());
        refresh();
    }
}

void BankHolidayDialog::removeChange()
{
    const QTreeWidgetItem* it = m_changes->currentItem();
    if (!it) {
        m_error->setText(tr("Select the change to remove."));
        return;
    }
    const Status st =
        m_bankHolidays.remove(it->data(0, Qt::UserRole).toDate(), it->data(1, Qt::UserRole).toString());
    m_error->setText(st ? QString() : st.message());
    if (st)
        refresh();
}

} // namespace cd::ui
