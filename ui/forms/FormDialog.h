#pragma once

#include "forms/Forms.h"

#include <QDialog>
#include <QHash>

class QAbstractButton;
class QButtonGroup;
class QLabel;
class QPushButton;
class QWidget;

namespace cd::ui {

class SignaturePad;
class Workspace;

// A form filled in and signed at the desk or on a tablet in the room: the template's wording, a
// control per question (required ones marked), the signature pad, and "Sign and lock". A correction
// starts from the answers of the form it replaces.
class FormDialog final : public QDialog
{
    Q_OBJECT
public:
    FormDialog(Workspace& workspace, qint64 clientId, const FormTemplate& form,
               const SignedForm* replacing = nullptr, QWidget* parent = nullptr);
    qint64 signedFormId() const { return m_signedId; }

private:
    void sign();
    QHash<QString, FormAnswer> answers() const;

    struct Control
    {
        FormQuestion question;
        QButtonGroup* yesNo = nullptr;
        QWidget* input = nullptr;    // choice, text, date
        QWidget* followUp = nullptr; // a yes's detail
    };
    Workspace& m_workspace;
    qint64 m_client;
    FormTemplate m_form;
    qint64 m_replaces = 0;
    QList<Control> m_controls;
    SignaturePad* m_pad;
    QLabel* m_error;
    QPushButton* m_sign;
    qint64 m_signedId = 0;
};

} // namespace cd::ui
