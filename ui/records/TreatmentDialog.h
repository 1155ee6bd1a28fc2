#pragma once

#include "records/TreatmentRecords.h"

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

namespace cd::ui {

class Workspace;

namespace records {
class FaceChartEditor;
class PhotoPicker;
} // namespace records

// One treatment record: every field, the batch's expiry checked against the treatment date, and
// the client's before/after photos to link.
class TreatmentDialog final : public QDialog
{
    Q_OBJECT
public:
    // record.id == 0: a new record for record.clientId.
    TreatmentDialog(Workspace& workspace, const TreatmentRecord& record, QWidget* parent = nullptr);
    qint64 savedId() const { return m_record.id; }
    // "" when the batch was in date on the treatment day (or either date is missing).
    QString expiryWarning() const;

private:
    void updateWarning();
    void updateConsent(); // what the treatment needs signed, said before Save
    QDate expiry() const; // invalid when empty or not a date
    void fillStock();     // the batches in stock to pick from
    void takeBatch(int index);
    void takeChart(); // the quantity is the chart's total once its points have amounts
    bool save();
    Workspace& m_workspace;
    TreatmentRecord m_record;
    QDateEdit* m_date;
    QComboBox* m_practitioner;
    QLineEdit* m_treatment;
    QLineEdit* m_areas;
    QComboBox* m_stock;
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
    records::FaceChartEditor* m_chart;
    QLabel* m_warning;
    QLabel* m_error;
    QPushButton* m_save;
    QLabel* m_consentState;
    QPushButton* m_signConsent;
    QString m_consentMissing; // the form the treatment needs and the client has not signed
};

} // namespace cd::ui
