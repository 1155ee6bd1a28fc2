#pragma once

#include <QDialog>

class QLabel;

namespace cd {
class Database;
}

namespace cd::ui {

class ZoomView;

// One image at a time at screen size: fitted, zoom with the wheel or +/-, pan by dragging,
// ←/→ for the previous/next image of the gallery, F11 full screen, Esc leaves full screen, then closes.
class ImageViewer final : public QDialog
{
    Q_OBJECT
public:
    ImageViewer(Database& db, QList<qint64> ids, int index, QWidget* parent = nullptr);
    int currentIndex() const { return m_index; }
    qint64 currentImageId() const { return m_ids.value(m_index); }
    void showIndex(int index);
    ZoomView* view() const { return m_view; }

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    Database& m_db;
    QList<qint64> m_ids;
    int m_index = -1;
    ZoomView* m_view;
    QLabel* m_title;
};

} // namespace cd::ui
