#pragma once

#include "images/ImageInfo.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QSlider;
class QStackedWidget;

namespace cd {
class ImageStore;
}

namespace cd::ui {

class FullImageLoader;
class ZoomView;

// Before/after: two images side by side whose zoom and position move together, or one over the
// other with an opacity slider. Side by side, zooming past a preview brings in that original.
class ImageCompareDialog final : public QDialog
{
    Q_OBJECT
public:
    ImageCompareDialog(ImageStore& images, const ImageRecord& before, const ImageRecord& after,
                       QWidget* parent = nullptr);
    ZoomView* left() const { return m_left; }
    ZoomView* right() const { return m_right; }
    ZoomView* overlay() const { return m_overlay; }
    FullImageLoader* leftLoader() const { return m_leftLoader; }
    FullImageLoader* rightLoader() const { return m_rightLoader; }
    void setOverlayMode(bool on);

private:
    void sync(ZoomView* from);

    ZoomView* m_left;
    ZoomView* m_right;
    ZoomView* m_overlay;
    FullImageLoader* m_leftLoader;
    FullImageLoader* m_rightLoader;
    QStackedWidget* m_pages;
    QComboBox* m_mode;
    QSlider* m_opacity;
    QLabel* m_opacityLabel;
    QLabel* m_keys;
    bool m_syncing = false;
};

} // namespace cd::ui
