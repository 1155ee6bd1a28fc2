#pragma once

#include "diary/Diary.h"

#include <QDialog>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QSpinBox;
class QTimeEdit;

namespace cd::ui {

class Workspace;

// Book or edit an appointment: the client (search as you type, or preset from the client's record),
// kind, date, start, duration, practitioner, room, treatment and notes. Saving goes through the
// diary, so a clash or a missing field is refused with core's message here and nothing is saved.
class AppointmentDialog final : public QDialog
{
    Q_OBJECT
public:
    // `initial.id` > 0 edits that appointment; otherwise books a new one (clientId 0: choose one).
    AppointmentDialog(Workspace& workspace, const Appointment& initial, QWidget* parent = nullptr);
    qint64 savedId() const { return m_savedId; }
    void save();

private:
    void searchClients(const QString& text);
    void updateEnd();
    Workspace& m_workspace;
    Appointment m_initial;
    qint64 m_clientId = 0, m_savedId = 0;
    QLineEdit* m_clientSearch = nullptr;
    QListWidget* m_clientResults = nullptr;
    QLabel* m_client;
    QComboBox* m_kind;
    QDateEdit* m_date;
    QTimeEdit* m_start;
    QSpinBox* m_duration;
    QLabel* m_end;
    QComboBox* m_practitioner;
    QComboBox* m_room;
    QLineEdit* m_treatment;
    QPlainTextEdit* m_notes;
    QLabel* m_error;
};

} // namespace cd::ui
