#include "diary/DiaryWindow.h"

#include "accounts/Access.h"
#include "common/Ask.h"
#include "common/Clock.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "diary/AppointmentDialog.h"
#include "diary/ICalendar.h"
#include "vault/Vault.h"

#include <QAction>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QStandardPaths>
#include <QVBoxLayout>

namespace cd::ui {

DiaryWindow::DiaryWindow(Workspace& workspace, QWidget* parent)
    : QWidget(parent, Qt::Window), m_workspace(workspace)
{
    setObjectName(QStringLiteral("diaryWindow"));
    setWindowTitle(tr("Diary — Clinicdesk"));
    m_model = new DiaryModel(this);
    m_model->setView(DiaryModel::Span::Day, Clock::today());
    m_view = new DiaryView;
    m_view->setModel(m_model);

    auto button = [](const QString& text, const QString& name, const QString& tip = {}) {
        auto* b = new QPushButton(text);
        b->setObjectName(name);
        b->setToolTip(tip);
        b->setFocusPolicy(Qt::TabFocus);
        return b;
    };
    QPushButton* prev = button(QStringLiteral("◀"), QStringLiteral("diaryPrevious"),
                               tr("Previous day or week (Ctrl+← or PgUp)"));
    prev->setAccessibleName(tr("Previous"));
    QPushButton* today = button(tr("Today"), QStringLiteral("diaryToday"), tr("Go to today (T)"));
    QPushButton* next =
        button(QStringLiteral("▶"), QStringLiteral("diaryNext"), tr("Next day or week (Ctrl+→ or PgDn)"));
    next->setAccessibleName(tr("Next"));
    for (QPushButton* b : {prev, next})
        b->setMaximumWidth(b->fontMetrics().horizontalAdvance(QStringLiteral("◀")) + 24);
    m_date = new QLabel;
    m_date->setObjectName(QStringLiteral("diaryDate"));
    m_date->setMinimumWidth(
        m_date->fontMetrics().horizontalAdvance(QStringLiteral("Wednesday 30 September 2026")) + 20);
    m_dayButton =
        button(tr("Day"), QStringLiteral("diaryDayView"), tr("One day, a column per practitioner or room"));
    m_weekButton =
        button(tr("Week"), QStringLiteral("diaryWeekView"), tr("Monday to Sunday, a column per day"));
    auto* group = new QButtonGroup(this);
    for (QPushButton* b : {m_dayButton, m_weekButton}) {
        b->setCheckable(true);
        group->addButton(b);
        // The view in use reads in bold, and in the dark scheme (where Fusion's pressed shade is faint) on
        // the accent's background too.
        connect(b, &QPushButton::toggled, b, [b](bool on) {
            QFont f = b->font();
            f.setBold(on);
            b->setFont(f);
        });
        if (palette::now().dark)
            b->setStyleSheet(
                QStringLiteral("QPushButton:checked { background: %1; border: 1px solid %2; "
                               "border-radius: 3px; padding: 3px 10px; }")
                    .arg(palette::css(palette::now().accentBackground), palette::css(palette::now().accent)));
    }
    m_dayButton->setChecked(true);
    m_columns = new QComboBox;
    m_columns->setObjectName(QStringLiteral("diaryColumns"));
    m_columns->setAccessibleName(tr("Columns"));
    m_columns->addItem(tr("By practitioner"));
    m_columns->addItem(tr("By room"));
    m_practitioner = new QComboBox;
    m_practitioner->setObjectName(QStringLiteral("diaryPractitionerFilter"));
    m_practitioner->setAccessibleName(tr("Show practitioner"));
    m_practitioner->addItem(tr("All practitioners"), qint64(0));
    m_room = new QComboBox;
    m_room->setObjectName(QStringLiteral("diaryRoomFilter"));
    m_room->setAccessibleName(tr("Show room"));
    m_room->addItem(tr("All rooms"), qint64(0));
    Diary& diary = workspace.diary();
    if (auto list = diary.practitioners())
        for (const Practitioner& p : list.value())
            m_practitioner->addItem(p.displayName, p.id);
    if (auto list = diary.rooms())
        for (const Room& r : list.value())
            m_room->addItem(r.name, r.id);
    m_cancelled = new QCheckBox(tr("Show cance&lled"));
    m_cancelled->setObjectName(QStringLiteral("diaryShowCancelled"));
    m_cancelled->setChecked(true);
    QPushButton* bookButton = button(tr("&Book…"), QStringLiteral("diaryBook"),
                                     tr("Book at the selected slot (Enter on an empty slot)"));

    // Two short rows rather than one long one, so that the window fits a small laptop's screen: where
    // and when (with Book…), then what is shown.
    auto* bar = new QHBoxLayout;
    bar->addWidget(prev);
    bar->addWidget(today);
    bar->addWidget(next);
    bar->addWidget(m_date);
    bar->addWidget(m_dayButton);
    bar->addWidget(m_weekButton);
    bar->addStretch(1);
    bar->addWidget(bookButton);
    auto* filters = new QHBoxLayout;
    filters->addWidget(m_columns);
    filters->addWidget(m_practitioner);
    filters->addWidget(m_room);
    filters->addWidget(m_cancelled);
    filters->addStretch(1);

    m_selection = new QLabel;
    m_selection->setObjectName(QStringLiteral("diarySelection"));
    m_selection->setTextFormat(Qt::RichText);
    m_selection->setWordWrap(true);
    m_edit = button(tr("&Open…"), QStringLiteral("diaryEdit"), tr("Change the booking (Enter)"));
    QPushButton* client = button(tr("C&lient record"), QStringLiteral("diaryOpenClient"),
                                 tr("Show the client in the main window"));
    m_attended = button(tr("&Attended"), QStringLiteral("diaryAttended"));
    m_noShow = button(tr("&No-show"), QStringLiteral("diaryNoShow"));
    m_cancel = button(tr("&Cancel…"), QStringLiteral("diaryCancel"), tr("Cancel, with a reason (Delete)"));
    QPushButton* ics = button(tr("E&xport (.ics)…"), QStringLiteral("diaryExportIcs"),
                              tr("Export to calendar: an iCalendar file for Outlook, Google or Apple"));
    m_selectionButtons = {m_edit, client, m_attended, m_noShow, m_cancel, ics};
    auto* actions = new QHBoxLayout;
    for (QPushButton* b : m_selectionButtons)
        actions->addWidget(b);
    actions->addStretch(1);
    m_message = new QLabel;
    m_message->setObjectName(QStringLiteral("diaryMessage"));
    m_message->setWordWrap(true);
    m_message->setAccessibleName(tr("Diary message"));
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_undoButton =
        button(tr("&Undo move"), QStringLiteral("diaryUndo"), tr("Put it back where it was (Ctrl+Z)"));
    m_undoButton->setVisible(false);
    auto* messageRow = new QHBoxLayout;
    messageRow->addWidget(m_message, 1);
    messageRow->addWidget(m_undoButton);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addLayout(filters);
    layout->addWidget(m_view, 1);
    layout->addLayout(messageRow);
    layout->addWidget(m_selection);
    layout->addLayout(actions);

    const bool canBook = workspace.may(Action::BookAppointments);
    bookButton->setEnabled(canBook);
    connect(prev, &QPushButton::clicked, this, [this] { Q_EMIT m_view->pageRequested(-1); });
    connect(next, &QPushButton::clicked, this, [this] { Q_EMIT m_view->pageRequested(1); });
    connect(today, &QPushButton::clicked, this, [this] { showDate(Clock::today()); });
    connect(m_view, &DiaryView::pageRequested, this, [this](int step) {
        showDate(m_model->anchor().addDays(m_model->span() == DiaryModel::Span::Week ? 7 * step : step));
    });
    connect(m_view, &DiaryView::todayRequested, this, [this] { showDate(Clock::today()); });
    connect(m_dayButton, &QPushButton::clicked, this, [this] { setSpan(DiaryModel::Span::Day); });
    connect(m_weekButton, &QPushButton::clicked, this, [this] { setSpan(DiaryModel::Span::Week); });
    connect(m_columns, &QComboBox::currentIndexChanged, this, [this](int i) {
        setColumnsBy(i == 1 ? DiaryModel::Columns::Rooms : DiaryModel::Columns::Practitioners);
    });
    for (QComboBox* c : {m_practitioner, m_room})
        connect(c, &QComboBox::currentIndexChanged, this, &DiaryWindow::reload);
    connect(m_cancelled, &QCheckBox::toggled, this, &DiaryWindow::reload);
    connect(bookButton, &QPushButton::clicked, this, [this] { book(); });
    connect(m_view, &DiaryView::bookRequested, this, &DiaryWindow::bookAt);
    connect(m_view, &DiaryView::activated, this, &DiaryWindow::edit);
    connect(m_view, &DiaryView::moveRequested, this, &DiaryWindow::move);
    connect(m_view, &DiaryView::cancelRequested, this, &DiaryWindow::cancelAppointment);
    connect(m_view, &DiaryView::selectionChanged, this, &DiaryWindow::updateSelection);
    connect(m_edit, &QPushButton::clicked, this, [this] { edit(m_view->selectedId()); });
    connect(client, &QPushButton::clicked, this, [this] {
        if (const auto* b = m_model->blockFor(m_view->selectedId()))
            Q_EMIT openClientRequested(b->a.clientId);
    });
    connect(m_attended, &QPushButton::clicked, this, [this] { markAttended(m_view->selectedId()); });
    connect(m_noShow, &QPushButton::clicked, this, [this] { markNoShow(m_view->selectedId()); });
    connect(m_cancel, &QPushButton::clicked, this, [this] { cancelAppointment(m_view->selectedId()); });
    connect(ics, &QPushButton::clicked, this, [this] { exportIcs(m_view->selectedId()); });
    connect(m_undoButton, &QPushButton::clicked, this, &DiaryWindow::undoMove);
    const auto shortcut = [this](const QList<QKeySequence>& keys, const QString& name, auto slot) {
        auto* a = new QAction(this);
        a->setObjectName(name);
        a->setShortcuts(keys);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
    };
    shortcut({QKeySequence(Qt::Key_F5)}, QStringLiteral("diaryRefresh"), [this] { reload(); });
    shortcut({QKeySequence::Undo}, QStringLiteral("diaryUndoAction"), [this] { undoMove(); });
    // A window of its own closes as windows do; the main window stays.
    shortcut({QKeySequence(Qt::Key_Escape), QKeySequence(Qt::CTRL | Qt::Key_W)}, QStringLiteral("diaryClose"),
             [this] { close(); });

    m_view->checkMove = [this](const DiaryMove& m) -> QString {
        const auto* b = m_model->blockFor(m.id);
        if (!b)
            return {};
        const qint64 practitioner = m.practitionerId.value_or(b->a.practitionerId),
                     room = m.roomId.value_or(b->a.roomId);
        auto clash = m_workspace.diary().findClash(m.start, b->a.durationMinutes, practitioner, room, m.id);
        if (!clash)
            return clash.message();
        if (!clash.value())
            return {};
        const Appointment& other = *clash.value();
        return tr("Taken: %1 is booked %2–%3")
            .arg(other.practitionerId == practitioner ? other.practitionerName : other.roomName,
                 other.startsAt.toLocalTime().toString(QStringLiteral("HH:mm")),
                 other.endsAt().toLocalTime().toString(QStringLiteral("HH:mm")));
    };

    placeOnScreen();
    reload();
    updateSelection(0);
    placeCursorAtStart();
    m_view->setFocus();
    // Bookings made elsewhere (a client's Appointments tab, another desk) and renamed clients.
    connect(&m_workspace, &Workspace::diaryChanged, this, [this] { reload(); });
    connect(&m_workspace, &Workspace::clientsChanged, this, [this] { reload(); });
}

void DiaryWindow::placeOnScreen()
{
    // As large as the grid likes (1280×820) but never larger than the screen the main window is on
    // (a 1366×768 laptop, a tablet), and centred on it.
    QScreen* screen = parentWidget() ? parentWidget()->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return resize(1280, 820);
    const QRect avail = screen->availableGeometry();
    const QSize size(std::min(1280, avail.width() * 19 / 20), std::min(820, avail.height() * 9 / 10));
    resize(size.expandedTo(minimumSizeHint()).boundedTo(avail.size()));
    QWidget::move(avail.center() - QPoint(width() / 2, height() / 2));
}

void DiaryWindow::placeCursorAtStart()
{
    // On the next slot still to come today (a receptionist booking now books from now on), not before
    // 09:00; once the working day is over (18:00), on tomorrow morning, and the message says so.
    const QDateTime now = Clock::now().toLocalTime();
    const int slot = DiaryModel::kSlotMinutes * 60;
    const QTime next =
        QTime(0, 0).addSecs((now.time().msecsSinceStartOfDay() / 1000 + slot - 1) / slot * slot);
    if (next >= QTime(18, 0) || (next < now.time() /* wrapped past midnight */)) {
        showDate(Clock::today().addDays(1));
        m_view->setCursor(m_model->rowOf(QTime(9, 0)), 0);
        say(tr("The day is over: showing tomorrow. T goes back to today."));
        return;
    }
    m_view->setCursor(m_model->rowOf(std::max(next, QTime(9, 0))), 0);
}

int DiaryWindow::freeRowFrom(int row, int column) const
{
    if (column < 0 || column >= m_model->columnCount())
        return -1;
    const QDateTime now = Clock::now().toLocalTime();
    // Long enough for a new booking's usual length (30 minutes), not just one 15-minute gap.
    const int span =
        (Appointment{}.durationMinutes + DiaryModel::kSlotMinutes - 1) / DiaryModel::kSlotMinutes;
    const auto taken = [&](int r) {
        const auto here = m_model->blocksAt(r, column);
        // In the week view every practitioner shares the day's column: the dialog checks the clash.
        return m_model->span() == DiaryModel::Span::Day &&
               std::any_of(here.cbegin(), here.cend(),
                           [](const DiaryModel::Block* b) { return !b->a.isCancelled(); });
    };
    for (int r = std::max(row, 0); r + span <= m_model->rowCount(); ++r) {
        if (m_model->slotStart(r, column) < now)
            continue;
        bool free = true;
        for (int k = 0; k < span && free; ++k)
            free = !taken(r + k);
        if (free)
            return r;
    }
    return -1;
}

QString DiaryWindow::message() const
{
    return m_message->text();
}

void DiaryWindow::say(const QString& text, bool problem)
{
    style::setTone(m_message, problem ? style::Tone::Error : style::Tone::Success, problem);
    m_message->setText(text);
}

void DiaryWindow::showDate(const QDate& day)
{
    m_model->setView(m_model->span(), day, m_model->columnsBy());
    reload();
}

void DiaryWindow::setSpan(DiaryModel::Span span)
{
    (span == DiaryModel::Span::Day ? m_dayButton : m_weekButton)->setChecked(true);
    m_columns->setEnabled(span == DiaryModel::Span::Day);
    const int row = m_view->cursorRow();
    const QDate cursorDay =
        m_model->columnCount() ? m_model->column(m_view->cursorColumn()).date : m_model->anchor();
    m_model->setView(span, cursorDay.isValid() ? cursorDay : m_model->anchor(), m_model->columnsBy());
    reload();
    m_view->setCursor(row, span == DiaryModel::Span::Week ? int(Diary::weekStart(cursorDay).daysTo(cursorDay))
                                                          : 0);
}

void DiaryWindow::setColumnsBy(DiaryModel::Columns columns)
{
    m_columns->setCurrentIndex(columns == DiaryModel::Columns::Rooms ? 1 : 0);
    m_model->setView(m_model->span(), m_model->anchor(), columns);
    reload();
}

void DiaryWindow::reload()
{
    DiaryFilter f;
    f.practitionerId = m_practitioner->currentData().toLongLong();
    f.roomId = m_room->currentData().toLongLong();
    f.includeCancelled = m_cancelled->isChecked();
    m_model->setFilter(f);
    Diary& diary = m_workspace.diary();
    if (auto st = m_model->load(diary); !st)
        say(st.message(), true);
    updateTitle();
    updateSelection(m_view->selectedId());
}

void DiaryWindow::updateTitle()
{
    const QLocale locale;
    if (m_model->span() == DiaryModel::Span::Day) {
        const QDate d = m_model->anchor();
        m_date->setText(QStringLiteral("<b>%1</b>%2")
                            .arg(locale.toString(d, QStringLiteral("dddd d MMMM yyyy")),
                                 d == Clock::today() ? tr(" · today") : QString()));
    } else {
        const QDate from = m_model->firstDay(), to = m_model->lastDay();
        m_date->setText(tr("<b>Week of %1 – %2</b>")
                            .arg(locale.toString(from, from.month() == to.month() ? QStringLiteral("d")
                                                                                  : QStringLiteral("d MMM")),
                                 locale.toString(to, QStringLiteral("d MMM yyyy"))));
    }
}

QString DiaryWindow::describe(const Appointment& a) const
{
    const QLocale locale;
    const QString what = a.what();
    return tr("<b>%1</b> · %2 %3–%4 · %5 · with %6%7 · <b>%8</b>%9")
        .arg(a.clientName.toHtmlEscaped(),
             locale.toString(a.startsAt.toLocalTime().date(), QStringLiteral("ddd d MMM")),
             a.startsAt.toLocalTime().toString(QStringLiteral("HH:mm")),
             a.endsAt().toLocalTime().toString(QStringLiteral("HH:mm")), what.toHtmlEscaped(),
             a.practitionerName.toHtmlEscaped(),
             a.roomName.isEmpty() ? QString() : tr(", %1").arg(a.roomName.toHtmlEscaped()),
             vocab::label(a.status),
             a.cancelReason.isEmpty() ? QString() : tr(" (%1)").arg(a.cancelReason.toHtmlEscaped()));
}

void DiaryWindow::updateSelection(qint64 id)
{
    const DiaryModel::Block* b = id ? m_model->blockFor(id) : nullptr;
    for (QPushButton* button : m_selectionButtons)
        button->setEnabled(b != nullptr);
    if (!b) {
        m_selection->setText(
            style::mutedHtml(tr("Arrows move, Enter books or opens, Alt+arrows move the chosen "
                                "appointment, Ctrl+←/→ change the day, T goes to today.")));
        return;
    }
    const bool booked = b->a.status == AppointmentStatus::Booked;
    const bool started = b->a.startsAt <= Clock::now();
    m_edit->setEnabled(!b->a.isCancelled());
    m_cancel->setEnabled(booked);
    m_attended->setEnabled(!b->a.isCancelled() && started && b->a.status != AppointmentStatus::Attended);
    m_noShow->setEnabled(!b->a.isCancelled() && started && b->a.status != AppointmentStatus::NoShow);
    m_selection->setText(describe(b->a));
}

void DiaryWindow::showAppointment(qint64 id)
{
    auto a = m_workspace.diary().get(id);
    if (!a)
        return say(a.message(), true);
    m_model->setView(m_model->span(), a->startsAt.toLocalTime().date(), m_model->columnsBy());
    reload();
    m_view->selectAppointment(id);
}

void DiaryWindow::bookAt(const QDateTime& start, int column)
{
    Appointment a;
    a.startsAt = start;
    if (m_model->span() == DiaryModel::Span::Day && column >= 0 && column < m_model->columnCount())
        (m_model->columnsBy() == DiaryModel::Columns::Practitioners ? a.practitionerId : a.roomId) =
            m_model->column(column).resourceId;
    if (!a.practitionerId)
        a.practitionerId = m_practitioner->currentData().toLongLong();
    if (!a.roomId)
        a.roomId = m_room->currentData().toLongLong();
    bookWith(a);
}

void DiaryWindow::book(qint64 clientId)
{
    const int column = m_view->cursorColumn();
    const int row = freeRowFrom(m_view->cursorRow(), column);
    Appointment a;
    a.clientId = std::max<qint64>(clientId, 0);
    // Nothing free left on the day shown: the next morning, for the receptionist to change.
    a.startsAt =
        row >= 0 ? m_model->slotStart(row, column)
                 : QDateTime(std::max(m_model->column(column).date, Clock::today()).addDays(1), QTime(9, 0));
    if (row >= 0 && m_model->span() == DiaryModel::Span::Day)
        (m_model->columnsBy() == DiaryModel::Columns::Practitioners ? a.practitionerId : a.roomId) =
            m_model->column(column).resourceId;
    if (!a.practitionerId)
        a.practitionerId = m_practitioner->currentData().toLongLong();
    if (!a.roomId)
        a.roomId = m_room->currentData().toLongLong();
    bookWith(a);
}

void DiaryWindow::bookWith(const Appointment& a)
{
    AppointmentDialog dialog(m_workspace, a, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    showAppointment(dialog.savedId());
    if (auto saved = m_workspace.diary().get(dialog.savedId()))
        say(tr("Booked: %1").arg(describe(saved.value())));
}

void DiaryWindow::edit(qint64 id)
{
    auto a = m_workspace.diary().get(id);
    if (!a)
        return say(a.message(), true);
    if (a->isCancelled())
        return say(tr("This appointment was cancelled (%1): book a new one instead.").arg(a->cancelReason),
                   true);
    AppointmentDialog dialog(m_workspace, a.value(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    showAppointment(id);
    if (auto saved = m_workspace.diary().get(id))
        say(tr("Saved: %1").arg(describe(saved.value())));
}

bool DiaryWindow::move(const DiaryMove& m)
{
    auto before = m_workspace.diary().get(m.id);
    if (!before)
        return say(before.message(), true), false;
    if (auto st = m_workspace.diary().move(m.id, m.start, m.practitionerId, m.roomId); !st) {
        reload();
        m_view->selectAppointment(m.id);
        say(tr("Not moved: %1").arg(st.message()), true);
        return false;
    }
    m_undo.append({m.id, before->startsAt, before->practitionerId, before->roomId});
    reload();
    m_view->selectAppointment(m.id);
    if (auto a = m_workspace.diary().get(m.id))
        say(tr("Moved: %1. Ctrl+Z puts it back.").arg(describe(a.value())));
    m_undoButton->setVisible(true);
    return true;
}

bool DiaryWindow::undoMove()
{
    if (m_undo.isEmpty())
        return false;
    const UndoMove u = m_undo.takeLast();
    m_undoButton->setVisible(!m_undo.isEmpty());
    // Back to where it was, with the same checks as any move: a slot taken since is refused, and said.
    const auto st = m_workspace.diary().move(u.id, u.start, u.practitionerId, u.roomId);
    showAppointment(u.id);
    if (!st) {
        say(tr("Not put back: %1").arg(st.message()), true);
        return false;
    }
    if (auto a = m_workspace.diary().get(u.id))
        say(tr("Put back: %1").arg(describe(a.value())));
    return true;
}

void DiaryWindow::cancelAppointment(qint64 id)
{
    if (id <= 0)
        return;
    ask::Question q;
    q.title = tr("Cancel the appointment");
    q.text = tr("Why is the selected appointment cancelled? (e.g. client unwell, practitioner off sick)");
    q.yes = tr("Cancel the appointment");
    q.no = tr("Keep it");
    const QString reason = ask::text(this, q).value_or(QString());
    if (reason.trimmed().isEmpty())
        return say(tr("Not cancelled: a cancellation needs a reason."), true);
    if (auto st = m_workspace.diary().cancel(id, reason.trimmed()); !st)
        return say(st.message(), true);
    reload();
    say(tr("Cancelled. The slot is free again."));
}

void DiaryWindow::markAttended(qint64 id)
{
    if (auto st = m_workspace.diary().markAttended(id); !st)
        return say(st.message(), true);
    reload();
    say(tr("Marked attended."));
}

void DiaryWindow::markNoShow(qint64 id)
{
    if (auto st = m_workspace.diary().markNoShow(id); !st)
        return say(st.message(), true);
    reload();
    say(tr("Marked as a no-show."));
}

void DiaryWindow::exportIcs(qint64 id)
{
    if (id <= 0)
        return;
    const QString path =
        ask::saveFile(this, tr("Export to calendar"), QStringLiteral("appointment-%1.ics").arg(id),
                      tr("iCalendar files (*.ics)"));
    if (path.isEmpty())
        return;
    if (auto st = ics::exportAppointment(m_workspace.db(), id, path); !st)
        return say(st.message(), true);
    say(tr("Saved %1: open it in a calendar program to add the appointment.")
            .arg(QDir::toNativeSeparators(path)));
}

} // namespace cd::ui
