#pragma once

#include "privacy/Erasure.h"

#include <QDialog>
#include <QHash>
#include <functional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QTreeWidget;

namespace cd::ui {

class Workspace;

// Subject-access export: plain or AES-256 ZIP, optional protected PDF, notes about other people
// redacted first; runs in the background with a progress dialog.
class ExportDialog final : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(Workspace& workspace, qint64 clientId, qint64 requestId, QWidget* parent = nullptr);
    // Where to save: a file dialog in the product, a fixed path in tests.
    QString writtenPath() const { return m_written; }
    qint64 answeredRequest() const { return m_answered; } // the request now marked answered, or 0
    void runExport();
    QString passwordProblem() const; // empty when the password fields are fine

private:
    void redactSelected();
    Workspace& m_workspace;
    qint64 m_clientId, m_requestId;
    QComboBox* m_kind;
    QLineEdit* m_password;
    QLineEdit* m_repeat;
    QCheckBox* m_pdf;
    QTreeWidget* m_notes;
    QHash<qint64, QString> m_redacted;
    QLabel* m_status;
    QString m_written;
    qint64 m_answered = 0;
};

} // namespace cd::ui
