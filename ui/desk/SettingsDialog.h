#pragma once

#include "settings/Settings.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace cd::ui {

class Workspace;

class Workspace;

// File → Clinic settings…: the clinic's name, the controller's details printed on reports, who
// receives clients' data, retention and the idle lock. All of it lives in the encrypted database.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(Workspace& workspace, QWidget* parent = nullptr);

    bool save();

private:
    Workspace& m_workspace;
    QLineEdit* m_name;
    QComboBox* m_nation;
    QPlainTextEdit* m_address;
    QLineEdit* m_email;
    QLineEdit* m_phone;
    QLabel* m_logoPreview;
    QByteArray m_logo;
    QPlainTextEdit* m_recipients;
    QSpinBox* m_retention;
    QSpinBox* m_idleLock;
    QSpinBox* m_treatmentYears;
    QSpinBox* m_paymentYears;
    QLabel* m_error;
};

// Managers only (others are told so). Returns true when settings were saved.
bool editClinicSettings(Workspace& workspace, QWidget* parent);

} // namespace cd::ui
