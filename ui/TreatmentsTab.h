#pragma once

#include "diary/TreatmentRecords.h"

#include <QDialog>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTreeWidget;

namespace cd {
class Database;
}

namespace cd::ui {

namespace records {
class PhotoPicker;
}

// One treatment record: every field, the batch's expiry checked against the treatment date, and
// the client's before/after photos to link.
class TreatmentDialog final : public QDialog
{
    Q_OBJECT
public:
    // record.id == 0: a new record for record.clientId.
    TreatmentDialog(Database& db, const TreatmentRecord& record, QWidget* parent = nullptr);
    qint64 savedId() const { return m_record.id; }
    // "" when the batch was in date on the treatment day (or either date is missing).
    QString expiryWarning() const;

private:
    void updateWarning();
    QDate expiry() const; // invalid when empty or not a date
    bool save();
    Database& m_db;
    TreatmentRecord m_record;
    QDateEdit* m_date;
    QComboBox* m_practitioner;
    QLineEdit* m_treatment;
    QLineEdit* m_areas;
    QLineEdit* m_product;
    QLineEdit* m_batch;
    QLineEdit* m_expiry;
    QDoubleSpinBox* m_quantity;
    QComboBox* m_unit;
    QLineEdit* m_consent;
    QCheckBox* m_aftercare;
    QPlainTextEdit* m_notes;
    QComboBox* m_appointment;
    records::PhotoPicker* m_photos;
    QLabel* m_warning;
    QLabel* m_error;
    QPushButton* m_save;
};

// The client's treatment records, newest first (practitioners and managers; the front desk sees
// a notice instead of clinical detail).
class TreatmentsTab final : public QWidget
{
    Q_OBJECT
public:
    explicit TreatmentsTab(Database& db, QWidget* parent = nullptr);
    void setClient(qint64 clientId);
    void reload(); // the same client's records again
    bool allowed() const { return m_allowed; }
    void addRecord();
    void editRecord(qint64 recordId);

Q_SIGNALS:
    void countChanged(int records); // -1: not shown to this role

private:
    Database& m_db;
    bool m_allowed;
    qint64 m_client = 0;
    QStackedWidget* m_stack;
    QTreeWidget* m_list;
    QPushButton* m_add;
    QPushButton* m_edit;
    QLabel* m_problem;
};

} // namespace cd::ui
