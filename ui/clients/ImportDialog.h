#pragma once

#include "importing/ClientImport.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QTableWidget;
class QPushButton;

namespace cd::ui {

class TaskRunner;

// File → Import: choose a CSV, check each column's meaning against a preview, see what would be
// rejected and why, then import every good row in one go. The file itself is only read.
class ImportDialog final : public QDialog
{
    Q_OBJECT
public:
    ImportDialog(Database& db, qint64 staffId, TaskRunner* tasks = nullptr, QWidget* parent = nullptr);
    bool loadFile(const QString& path); // also used by tests
    const ImportReport& report() const { return m_report; }
    void runImport(bool dryRun);

private:
    QList<ImportField> mapping() const;
    void browse();

    Database& m_db;
    TaskRunner* m_tasks;
    qint64 m_staffId;
    csv::Table m_table;
    ImportReport m_report;
    QLineEdit* m_path;
    QTableWidget* m_preview;
    QLabel* m_summary;
    QPushButton* m_check;
    QPushButton* m_import;
    QPushButton* m_close = nullptr;
    bool m_done = false;
};

} // namespace cd::ui
