#pragma once

#include "privacy/Retention.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

namespace cd::ui {

class Workspace;

// Privacy → Retention review: the records that have passed the clinic's retention rules, oldest
// first; the manager ticks them (all due ones are ticked) and erases them in one go after typing
// how many. Records held back (restricted, an open privacy request) are listed with the reason and
// cannot be ticked.
class RetentionDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit RetentionDialog(Workspace& workspace, QWidget* parent = nullptr);
    void refresh();
    int erasedCount() const { return m_erasedTotal; }

private:
    QList<RetentionReview::Key> ticked() const;
    void updateConfirm();
    void erase();

    Workspace& m_workspace;
    QTreeWidget* m_list;
    QLabel* m_summary;
    QLabel* m_confirmLabel;
    QLineEdit* m_confirm;
    QPushButton* m_erase;
    QLabel* m_error;
    int m_erasedTotal = 0;
};

} // namespace cd::ui
