#pragma once

#include <QDialog>

class QTreeWidget;

namespace cd {
class PrivacyRegister;
}

namespace cd::ui {

// Privacy → Register: every request, open ones first with days left (overdue in red), then the
// answered ones with what was sent.
class RegisterDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit RegisterDialog(PrivacyRegister& privacy, QWidget* parent = nullptr);
    void refresh();
    qint64 chosenClient() const { return m_chosen; }

private:
    PrivacyRegister& m_privacy;
    QTreeWidget* m_list;
    qint64 m_chosen = 0;
};

} // namespace cd::ui
