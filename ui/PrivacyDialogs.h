#pragma once

#include "privacy/Erasure.h"

#include <QDialog>
#include <QHash>
#include <functional>

class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace cd {
class Vault;
class Database;
} // namespace cd

namespace cd::ui {

class TaskRunner;
class Workspace;

// Privacy → New request: type, date received (the clock starts then), how identity was checked;
// the deadline is shown before saving.
class NewRequestDialog final : public QDialog
{
    Q_OBJECT
public:
    NewRequestDialog(Database& db, qint64 clientId, qint64 staffId, QWidget* parent = nullptr);
    qint64 requestId() const { return m_requestId; }

private:
    void updateDue();
    void save();
    Database& m_db;
    qint64 m_clientId, m_staffId, m_requestId = 0;
    QComboBox* m_type;
    QDateEdit* m_received;
    QLineEdit* m_identity;
    QLabel* m_due;
    QLabel* m_error;
};

// Subject-access export: plain or AES-256 ZIP, optional protected PDF, notes about other people
// redacted first; runs in the background with a progress dialog.
class ExportDialog final : public QDialog
{
    Q_OBJECT
public:
    ExportDialog(Workspace& workspace, qint64 clientId, qint64 requestId, QWidget* parent = nullptr);
    // Where to save: a file dialog in the product, a fixed path in tests.
    static std::function<QString(QWidget*, const QString& suggested)> chooseFile;
    QString writtenPath() const { return m_written; }
    void runExport();

private:
    void redactSelected();
    Workspace& m_workspace;
    Database& m_db;
    qint64 m_clientId, m_requestId;
    QComboBox* m_kind;
    QLineEdit* m_password;
    QLineEdit* m_repeat;
    QCheckBox* m_pdf;
    QTreeWidget* m_notes;
    QHash<qint64, QString> m_redacted;
    QLabel* m_status;
    QString m_written;
};

// Erase: what goes, what stays and why; typing the client's name enables the button.
class EraseDialog final : public QDialog
{
    Q_OBJECT
public:
    EraseDialog(Vault& vault, qint64 clientId, qint64 requestId, qint64 staffId, TaskRunner* tasks = nullptr,
                QWidget* parent = nullptr);
    bool erased() const { return m_erased; }

private:
    void erase();
    Vault& m_vault;
    TaskRunner* m_tasks;
    qint64 m_clientId, m_requestId, m_staffId;
    ErasurePlan m_plan;
    QLineEdit* m_confirm;
    QPushButton* m_erase;
    QLabel* m_error;
    bool m_erased = false;
};

} // namespace cd::ui
