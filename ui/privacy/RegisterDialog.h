#pragma once

#include <QDialog>

class QTreeWidget;

namespace cd {
class Database;
}

namespace cd::ui {

// Privacy → Register: every request, open ones first with days left (overdue in red), then the
// answered ones with what was sent.
class RegisterDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit RegisterDialog(Database& db, QWidget* parent = nullptr);
    void refresh();
    qint64 chosenClient() const { return m_chosen; }

private:
    Database& m_db;
    QTreeWidget* m_list;
    qint64 m_chosen = 0;
};

} // namespace cd::ui
