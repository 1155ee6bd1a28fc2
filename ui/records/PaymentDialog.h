#pragma once

#include "records/Payments.h"

#include <QDialog>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;

namespace cd::ui {

class Workspace;

// Records a payment or a refund (never edited afterwards: a mistake is put right with a refund).
class PaymentDialog final : public QDialog
{
    Q_OBJECT
public:
    PaymentDialog(Workspace& workspace, qint64 clientId, PaymentKind kind, QWidget* parent = nullptr);
    qint64 savedId() const { return m_saved; }

private:
    bool save();
    Workspace& m_workspace;
    qint64 m_client;
    qint64 m_saved = 0;
    QComboBox* m_kind;
    QLineEdit* m_amount;
    QComboBox* m_method;
    QLineEdit* m_for;
    QComboBox* m_quote;
    QDateEdit* m_date;
    QLabel* m_error;
};

} // namespace cd::ui
