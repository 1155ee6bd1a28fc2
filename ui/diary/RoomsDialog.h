#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;

namespace cd {
class Diary;
}

namespace cd::ui {

// Clinic settings → Treatment rooms: the rooms the diary books (managers). A room no longer used
// is unticked, not deleted, so past appointments keep its name.
class RoomsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit RoomsDialog(Diary& diary, QWidget* parent = nullptr);

private:
    void refresh();
    void add();

    Diary& m_diary;
    QListWidget* m_list;
    QLineEdit* m_name;
    QLabel* m_error;
};

} // namespace cd::ui
