#pragma once

#include <QDialog>

class QLabel;

namespace cd {
class ImageStore;
}

namespace cd::ui {

class FullImageLoader;
class ZoomView;

// One image at a time at screen size: fitted, zoom with the wheel or +/-, 1 for 100 %, pan by
// dragging, ←/→ for the previous/next image of the gallery, F11 full screen, Esc leaves full
// screen, then closes. Zoomed past the preview, the full original is loaded (see FullImageLoader).
class ImageViewer final : public QDialog
{
    Q_OBJECT
public:
    ImageViewer(ImageStore& images, QList<qint64> ids, int index, QWidget* parent = nullptr);
    int currentIndex() const { return m_index; }
    qint64 currentImageId() const { return m_ids.value(m_index); }
    void showIndex(int index);
    ZoomView* view() const { return m_view; }
    FullImageLoader* loader() const { return m_loader; }

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void updateStatus();

    ImageStore& m_images;
    QList<qint64> m_ids;
    int m_index = -1;
    ZoomView* m_view;
    QLabel* m_title;
    QLabel* m_status;
    FullImageLoader* m_loader;
};

} // namespace cd::ui
