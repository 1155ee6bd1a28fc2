#pragma once

#include <QDialog>

class QLabel;
class QPushButton;
class QRadioButton;
class QTreeWidget;

namespace cd {
class ClientMerge;
}

namespace cd::ui {

// Client → Find duplicates: likely pairs (same phone, email, or name and date of birth); pick the
// record to keep, read what will change, merge; recent merges can be undone from here.
class DuplicatesDialog final : public QDialog
{
    Q_OBJECT
public:
    DuplicatesDialog(ClientMerge& merge, qint64 staffId, QWidget* parent = nullptr);
    bool changedSomething() const { return m_changed; }
    void refresh();
    void mergeSelected(); // after the preview, which the user confirms
    void undoSelected();
    // Asked with the preview text before merging; tests replace it.

private:
    void showPreview();

    ClientMerge& m_clientMerge;
    qint64 m_staffId;
    bool m_changed = false;
    QTreeWidget* m_pairs;
    QRadioButton* m_keepFirst;
    QRadioButton* m_keepSecond;
    QLabel* m_preview;
    QPushButton* m_merge;
    QTreeWidget* m_history;
    QPushButton* m_undo;
};

} // namespace cd::ui
