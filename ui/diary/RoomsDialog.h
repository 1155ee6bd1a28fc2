#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;

namespace cd {
class Database;
}

namespace cd::ui {

// Clinic settings → Treatment rooms: the rooms the diary books (managers). A room no longer used
// is unticked, not deleted, so past appointments keep its name.
class RoomsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit RoomsDialog(Database& db, QWidget* parent = nullptr);

private:
    void refresh();
    void add();

    Database& m_db;
    QListWidget* m_list;
    QLineEdit* m_name;
    QLabel* m_error;
};

} // namespace cd::ui
