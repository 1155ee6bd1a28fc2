#pragma once

#include "privacy/Erasure.h"

#include <QDialog>
#include <QHash>
#include <functional>

class QComboBox;
class QDateEdit;
class QLabel;

namespace cd {
class PrivacyRegister;
}

namespace cd::ui {

// Privacy → New request: type, date received (the clock starts then), how identity was checked;
// the deadline is shown before saving.
class NewRequestDialog final : public QDialog
{
    Q_OBJECT
public:
    NewRequestDialog(PrivacyRegister& privacy, qint64 clientId, qint64 staffId, QWidget* parent = nullptr);
    qint64 requestId() const { return m_requestId; }

private:
    void updateDue();
    void save();
    PrivacyRegister& m_privacy;
    qint64 m_clientId, m_staffId, m_requestId = 0;
    QComboBox* m_type;
    QDateEdit* m_received;
    QComboBox* m_identity;
    QLabel* m_due;
    QLabel* m_error;
};

} // namespace cd::ui
