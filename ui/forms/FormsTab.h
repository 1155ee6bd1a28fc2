#pragma once

#include "forms/Forms.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QPushButton;
class QTreeWidget;

namespace cd::ui {

class Workspace;

// The client's signed forms, newest first, and the forms to sign. Everyone at the desk can take a
// signature; practitioners and managers read a signed form and see the flags its answers raise.
class FormsTab final : public QWidget
{
    Q_OBJECT
public:
    explicit FormsTab(Workspace& workspace, QWidget* parent = nullptr);
    void setClient(qint64 clientId);
    void reload();
    // Signs `templateName` now (the treatment dialog's "Sign it now"); true when it was signed.
    bool signForm(const QString& templateName);
    void openForm(qint64 formId);

Q_SIGNALS:
    void countChanged(int forms);

private:
    void correct(const SignedForm& old);

    Workspace& m_workspace;
    qint64 m_client = 0;
    QLabel* m_flags;
    QTreeWidget* m_list;
    QComboBox* m_templates;
    QPushButton* m_sign;
    QPushButton* m_open;
    QLabel* m_problem;
};

// A signed form as it was signed, read-only: wording, answers, signature, and whether it is intact.
QString signedFormHtml(const SignedForm& f);

} // namespace cd::ui
