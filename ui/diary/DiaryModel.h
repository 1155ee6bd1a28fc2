#pragma once

#include "diary/Diary.h"

#include <QAbstractTableModel>
#include <QDate>
#include <QList>

namespace cd::ui {

// The diary's grid, laid out without painting: rows are 15-minute slots of the day (08:00–20:00,
// widened to whole hours so that no appointment of the shown days is ever off the grid), columns are
// practitioners or rooms (day view) or the seven days from Monday (week view).
//
// An appointment becomes a Block: its column, first row and row span, and a lane when it overlaps
// another appointment in the same column (the week view shows all practitioners in one day column;
// a cancelled booking may sit under its replacement). A block is clipped at midnight, with a flag,
// when the appointment started the day before or ends the day after.
//
// Rows are wall-clock times, not seconds from the start of the view, so 10:00 is the 10:00 row on
// every day of a week with a clock change.
class DiaryModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Span { Day, Week };
    enum class Columns { Practitioners, Rooms };
    enum Role {
        AppointmentIdRole = Qt::UserRole + 1,
        RowSpanRole,
        StatusRole,
        SlotStartRole,
        ResourceIdRole
    };
    static constexpr int kSlotMinutes = 15;
    static constexpr int kFirstHour = 8;
    static constexpr int kLastHour = 20;

    struct Block
    {
        Appointment a;
        int column = 0;
        int row = 0;
        int rowSpan = 1;
        int lane = 0;
        int lanes = 1;
        bool startsBefore = false; // began on an earlier day
        bool endsAfter = false;    // runs into the next day
    };
    struct Column
    {
        QString title;
        QDate date;
        qint64 resourceId = 0; // practitioner or room in the day view; 0 in the week view
    };

    explicit DiaryModel(QObject* parent = nullptr);

    // What to show; call load() (or setData()) afterwards.
    void setView(Span span, const QDate& anchor, Columns columns = Columns::Practitioners);
    void setFilter(const DiaryFilter& filter) { m_filter = filter; }
    Span span() const { return m_span; }
    Columns columnsBy() const { return m_columns; }
    QDate anchor() const { return m_anchor; }
    const DiaryFilter& filter() const { return m_filter; }
    QDate firstDay() const;
    QDate lastDay() const;

    // Reads the diary (practitioners, rooms, appointments) and lays it out. On an error the grid is
    // left empty and the message returned.
    Status load(Diary& diary);
    // Lays out the given appointments (as read from the diary) over these practitioners and rooms.
    void setAppointments(const QList<Appointment>& appointments, const QList<Practitioner>& practitioners,
                         const QList<Room>& rooms);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    int firstHour() const { return m_firstHour; }
    int lastHour() const { return m_lastHour; }
    const QList<Block>& blocks() const { return m_blocks; }
    const Column& column(int c) const { return m_cols.at(c); }
    const QList<Practitioner>& practitioners() const { return m_practitioners; }
    const QList<Room>& rooms() const { return m_rooms; }
    // The start of a slot, as a local date and time.
    QDateTime slotStart(int row, int column) const;
    // The slot holding a local time in a column (-1 when the time is off the grid).
    int rowOf(const QTime& time) const;
    // The blocks covering a cell, by lane; the first block of an appointment; a column for a day / resource.
    QList<const Block*> blocksAt(int row, int column) const;
    const Block* blockFor(qint64 appointmentId) const;
    int columnFor(const QDate& date, qint64 resourceId) const;

private:
    void layout();
    Span m_span = Span::Day;
    Columns m_columns = Columns::Practitioners;
    QDate m_anchor;
    DiaryFilter m_filter;
    QList<Appointment> m_appointments;
    QList<Practitioner> m_practitioners;
    QList<Room> m_rooms;
    QList<Column> m_cols;
    QList<Block> m_blocks;
    int m_firstHour = kFirstHour, m_lastHour = kLastHour;
};

} // namespace cd::ui
