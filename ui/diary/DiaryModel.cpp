#include "diary/DiaryModel.h"

#include <QHash>
#include <QLocale>
#include <algorithm>
#include <optional>
#include <tuple>

namespace cd::ui {

namespace {

// Minutes since local midnight of `day` at which the appointment's part on that day starts and ends
// (wall-clock minutes: 0..1440), or nothing when it does not touch the day.
std::optional<std::pair<int, int>> partOnDay(const Appointment& a, const QDate& day)
{
    const QDateTime start = a.startsAt.toLocalTime(), end = a.endsAt().toLocalTime();
    if (end.date() < day || start.date() > day ||
        (end.date() == day && end.time() == QTime(0, 0) && start.date() < day))
        return std::nullopt;
    const int from = start.date() < day ? 0 : start.time().msecsSinceStartOfDay() / 60000;
    const int to = end.date() > day ? 24 * 60 : end.time().msecsSinceStartOfDay() / 60000;
    return std::pair{from, std::max(to, from + 1)};
}

} // namespace

DiaryModel::DiaryModel(QObject* parent) : QAbstractTableModel(parent), m_anchor(QDate::currentDate()) {}

void DiaryModel::setView(Span span, const QDate& anchor, Columns columns)
{
    m_span = span;
    m_anchor = anchor;
    m_columns = columns;
}

QDate DiaryModel::firstDay() const
{
    return m_span == Span::Week ? Diary::weekStart(m_anchor) : m_anchor;
}

QDate DiaryModel::lastDay() const
{
    return m_span == Span::Week ? firstDay().addDays(6) : m_anchor;
}

Status DiaryModel::load(Diary& diary)
{
    auto practitioners = diary.practitioners();
    auto rooms = diary.rooms(false);
    auto list = m_span == Span::Week ? diary.week(m_anchor, m_filter) : diary.day(m_anchor, m_filter);
    const Error* failed = !practitioners ? &practitioners.error()
                          : !rooms       ? &rooms.error()
                          : !list        ? &list.error()
                                         : nullptr;
    if (failed) {
        setAppointments({}, {}, {});
        return *failed;
    }
    setAppointments(list.value(), practitioners.value(), rooms.value());
    return {};
}

void DiaryModel::setAppointments(const QList<Appointment>& appointments,
                                 const QList<Practitioner>& practitioners, const QList<Room>& rooms)
{
    beginResetModel();
    m_appointments.clear();
    for (const Appointment& a : appointments) {
        if ((!m_filter.includeCancelled && a.isCancelled()) ||
            (m_filter.practitionerId && a.practitionerId != m_filter.practitionerId) ||
            (m_filter.roomId && a.roomId != m_filter.roomId))
            continue;
        m_appointments << a;
    }
    m_practitioners = practitioners;
    m_rooms = rooms;
    layout();
    endResetModel();
}

void DiaryModel::layout()
{
    m_cols.clear();
    m_blocks.clear();
    const QLocale locale;
    if (m_span == Span::Week) {
        for (int d = 0; d < 7; ++d) {
            const QDate day = firstDay().addDays(d);
            m_cols << Column{locale.toString(day, QStringLiteral("ddd d MMM")), day, 0};
        }
    } else if (m_columns == Columns::Practitioners) {
        // A column per practitioner; managers (who may also treat, and can be booked in the dialog) only
        // in a clinic with no practitioner, or on a day they have an appointment (below).
        const bool anyPractitioner =
            std::any_of(m_practitioners.cbegin(), m_practitioners.cend(),
                        [](const Practitioner& p) { return p.role == cd::Role::Practitioner; });
        for (const Practitioner& p : m_practitioners)
            if ((p.role == cd::Role::Practitioner || !anyPractitioner || p.id == m_filter.practitionerId) &&
                (!m_filter.practitionerId || p.id == m_filter.practitionerId))
                m_cols << Column{p.displayName, m_anchor, p.id};
        // Someone no longer bookable keeps a column while they have appointments on the day.
        for (const Appointment& a : m_appointments)
            if (columnFor(m_anchor, a.practitionerId) < 0)
                m_cols << Column{a.practitionerName, m_anchor, a.practitionerId};
    } else {
        for (const Room& r : m_rooms)
            if ((r.active && !m_filter.roomId) || r.id == m_filter.roomId)
                m_cols << Column{r.name, m_anchor, r.id};
        for (const Appointment& a : m_appointments)
            if (columnFor(m_anchor, a.roomId) < 0)
                m_cols << Column{a.roomId ? a.roomName : tr("No room"), m_anchor, a.roomId};
    }

    struct Part
    {
        int column, from, to;
        bool before, after;
        const Appointment* a;
    };
    QList<Part> parts;
    m_firstHour = kFirstHour;
    m_lastHour = kLastHour;
    for (const Appointment& a : m_appointments) {
        for (int c = 0; c < m_cols.size(); ++c) {
            const Column& col = m_cols.at(c);
            if (m_span == Span::Day &&
                (m_columns == Columns::Practitioners ? a.practitionerId : a.roomId) != col.resourceId)
                continue;
            const auto part = partOnDay(a, col.date);
            if (!part)
                continue;
            const QDateTime start = a.startsAt.toLocalTime(), end = a.endsAt().toLocalTime();
            parts << Part{c,
                          part->first,
                          part->second,
                          start.date() < col.date,
                          end.date() > col.date && end.time() != QTime(0, 0),
                          &a};
            m_firstHour = std::min(m_firstHour, part->first / 60);
            m_lastHour = std::max(m_lastHour, (part->second + 59) / 60);
        }
    }
    for (const Part& p : parts) {
        Block b;
        b.a = *p.a;
        b.column = p.column;
        b.row = (p.from - m_firstHour * 60) / kSlotMinutes;
        const int endRow = (p.to - m_firstHour * 60 + kSlotMinutes - 1) / kSlotMinutes;
        b.rowSpan = std::max(1, endRow - b.row);
        b.startsBefore = p.before;
        b.endsAfter = p.after;
        m_blocks << b;
    }
    std::stable_sort(m_blocks.begin(), m_blocks.end(), [](const Block& x, const Block& y) {
        return std::tie(x.column, x.row) < std::tie(y.column, y.row);
    });
    if (m_span == Span::Week) {
        // The week: a lane per practitioner working that day, always in the same order, so Priya's
        // bookings stay on the left of the day and Sam's on the right rather than wandering with the
        // overlaps. (Overlaps within one practitioner are only cancelled bookings under their replacement.)
        QHash<int, QList<qint64>> working;
        for (const Block& b : m_blocks)
            if (!working[b.column].contains(b.a.practitionerId))
                working[b.column] << b.a.practitionerId;
        auto rank = [this](qint64 id) {
            for (qsizetype i = 0; i < m_practitioners.size(); ++i)
                if (m_practitioners.at(i).id == id)
                    return i;
            return m_practitioners.size() + id;
        };
        for (QList<qint64>& ids : working)
            std::sort(ids.begin(), ids.end(), [&](qint64 x, qint64 y) { return rank(x) < rank(y); });
        for (Block& b : m_blocks) {
            b.lanes = int(working[b.column].size());
            b.lane = int(working[b.column].indexOf(b.a.practitionerId));
        }
        return;
    }
    // Lanes: overlapping blocks in a column share its width; a run of overlaps is one cluster.
    for (qsizetype i = 0; i < m_blocks.size();) {
        qsizetype j = i;
        int clusterEnd = 0;
        QList<int> laneEnds;
        for (; j < m_blocks.size() && m_blocks[j].column == m_blocks[i].column &&
               (j == i || m_blocks[j].row < clusterEnd);
             ++j) {
            Block& b = m_blocks[j];
            int lane = 0;
            while (lane < laneEnds.size() && laneEnds[lane] > b.row)
                ++lane;
            if (lane == laneEnds.size())
                laneEnds << 0;
            laneEnds[lane] = b.row + b.rowSpan;
            b.lane = lane;
            clusterEnd = std::max(clusterEnd, b.row + b.rowSpan);
        }
        for (qsizetype k = i; k < j; ++k)
            m_blocks[k].lanes = int(laneEnds.size());
        i = j;
    }
}

int DiaryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : (m_lastHour - m_firstHour) * 60 / kSlotMinutes;
}

int DiaryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_cols.size());
}

QDateTime DiaryModel::slotStart(int row, int column) const
{
    if (column < 0 || column >= m_cols.size())
        return {};
    const int minutes = m_firstHour * 60 + row * kSlotMinutes;
    return QDateTime(m_cols.at(column).date, QTime(0, 0).addSecs(minutes * 60));
}

int DiaryModel::rowOf(const QTime& time) const
{
    const int minutes = time.msecsSinceStartOfDay() / 60000 - m_firstHour * 60;
    return minutes < 0 || minutes >= (m_lastHour - m_firstHour) * 60 ? -1 : minutes / kSlotMinutes;
}

QList<const DiaryModel::Block*> DiaryModel::blocksAt(int row, int column) const
{
    QList<const Block*> out;
    for (const Block& b : m_blocks)
        if (b.column == column && row >= b.row && row < b.row + b.rowSpan)
            out << &b;
    std::sort(out.begin(), out.end(), [](const Block* x, const Block* y) { return x->lane < y->lane; });
    return out;
}

const DiaryModel::Block* DiaryModel::blockFor(qint64 appointmentId) const
{
    for (const Block& b : m_blocks)
        if (b.a.id == appointmentId)
            return &b;
    return nullptr;
}

int DiaryModel::columnFor(const QDate& date, qint64 resourceId) const
{
    for (int c = 0; c < m_cols.size(); ++c)
        if (m_cols.at(c).date == date && (m_span == Span::Week || m_cols.at(c).resourceId == resourceId))
            return c;
    return -1;
}

QVariant DiaryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid())
        return {};
    const auto here = blocksAt(index.row(), index.column());
    const Block* starting = nullptr;
    for (const Block* b : here)
        if (b->row == index.row()) {
            starting = b;
            break;
        }
    switch (role) {
    case Qt::DisplayRole:
        if (!starting)
            return {};
        return tr("%1 %2 — %3 (%4, %5)")
            .arg(starting->a.startsAt.toLocalTime().toString(QStringLiteral("HH:mm")), starting->a.clientName,
                 starting->a.treatment, vocab::label(starting->a.kind), vocab::label(starting->a.status));
    case AppointmentIdRole:
        return here.isEmpty() ? QVariant() : QVariant(here.first()->a.id);
    case RowSpanRole:
        return starting ? starting->rowSpan : 0;
    case StatusRole:
        return here.isEmpty() ? QVariant() : QVariant(vocab::code(here.first()->a.status)); // the stored code
    case SlotStartRole:
        return slotStart(index.row(), index.column());
    case ResourceIdRole:
        return m_cols.at(index.column()).resourceId;
    default:
        return {};
    }
}

QVariant DiaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole)
        return {};
    if (orientation == Qt::Horizontal)
        return section >= 0 && section < m_cols.size() ? QVariant(m_cols.at(section).title) : QVariant();
    return QTime(0, 0)
        .addSecs((m_firstHour * 60 + section * kSlotMinutes) * 60)
        .toString(QStringLiteral("HH:mm"));
}

} // namespace cd::ui
