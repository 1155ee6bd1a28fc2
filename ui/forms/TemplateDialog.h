#pragma once

#include "forms/Forms.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace cd::ui {

class Workspace;

// The clinic's form templates (Records → Form templates…): each form's wording, its questions and
// the treatments it is needed for. A manager edits one and saves it as its next version (forms
// already signed keep the wording they were signed on), or starts a new form; everyone else reads.
class TemplateDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit TemplateDialog(Workspace& workspace, QWidget* parent = nullptr);
    // The template as the editor holds it now (what Save would write).
    FormTemplate edited() const;

private:
    void reload(const QString& select = {});
    void showTemplate(const FormTemplate& t);
    void addQuestion(const FormQuestion& q);
    void moveQuestion(int by);
    void startNew();
    bool save();
    Workspace& m_workspace;
    bool m_manager;
    QList<FormTemplate> m_templates;
    FormTemplate m_current;
    QListWidget* m_list;
    QLineEdit* m_name;
    QComboBox* m_kind;
    QLineEdit* m_requiredFor;
    QPlainTextEdit* m_intro;
    QTableWidget* m_questions;
    QPlainTextEdit* m_wording;
    QPushButton* m_save;
    QLabel* m_state;
};

} // namespace cd::ui
