#include "images/ImageViewer.h"

#include "common/Style.h"
#include "images/FullImageLoader.h"
#include "images/ImageGalleryModel.h"
#include "images/ImageStore.h"
#include "images/ZoomView.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace cd::ui {

ImageViewer::ImageViewer(ImageStore& images, QList<qint64> ids, int index, QWidget* parent)
    : QDialog(parent), m_images(images), m_ids(std::move(ids))
{
    setObjectName(QStringLiteral("imageViewer"));
    setWindowFlag(Qt::WindowMaximizeButtonHint);
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("viewerTitle"));
    m_title->setWordWrap(true);
    m_view = new ZoomView;
    m_view->setObjectName(QStringLiteral("viewerImage"));
    m_loader = new FullImageLoader(images, m_view, this);
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("viewerStatus"));
    auto* keys =
        new QLabel(tr("Wheel or +/− zoom · 1 actual size · 0 fit · drag to pan · ←/→ previous/next · "
                      "F11 full screen · Esc close"));
    style::setTone(keys, style::Tone::Muted);
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(keys, 1);
    bottom->addWidget(m_status);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);
    resize(1000, 760);
    connect(m_view, &ZoomView::viewChanged, this, &ImageViewer::updateStatus);
    connect(m_loader, &FullImageLoader::stateChanged, this, &ImageViewer::updateStatus);
    // Who looked at whose photos: one entry for opening the viewer (core checks the role). No
    // entry, no pictures.
    auto first = m_images.get(m_ids.value(index));
    const Status logged =
        first ? m_images.recordViewed(first->clientId, QStringLiteral("viewer")) : first.error();
    if (logged) {
        showIndex(index);
    } else {
        m_title->setText(logged.message().toHtmlEscaped());
        m_ids.clear();
    }
    m_view->setFocus();
}

void ImageViewer::updateStatus()
{
    const int percent = int(std::lround(m_view->originalScale() * 100));
    QString what;
    switch (m_loader->state()) {
    case FullImageLoader::State::Preview:
        what =
            m_view->fullSize().width() > m_view->imagePixelSize().width() ? tr("preview") : tr("full image");
        break;
    case FullImageLoader::State::Loading:
        what = tr("loading the full image…");
        break;
    case FullImageLoader::State::Original:
        what = tr("full image");
        break;
    case FullImageLoader::State::Refused:
        what = m_loader->problem();
        break;
    }
    m_status->setText(tr("%1 % · %2 × %3 · %4")
                          .arg(percent)
                          .arg(m_view->fullSize().width())
                          .arg(m_view->fullSize().height())
                          .arg(what));
}

void ImageViewer::showIndex(int index)
{
    if (index < 0 || index >= m_ids.size())
        return;
    m_index = index;
    const qint64 id = m_ids.at(index);
    ImageStore& store = m_images;
    auto rec = store.get(id);
    auto bytes = store.data(id, Rendition::Preview);
    if (!rec || !bytes) {
        m_title->setText(rec ? bytes.message() : rec.message());
        m_view->setImage({});
        m_loader->setImage(0);
        return;
    }
    const QString title = imageTitle(rec.value());
    m_title->setText(tr("<b>%1</b>  %2  <span style='color:%5'>(%3 of %4)</span>")
                         .arg(title.toHtmlEscaped(), rec->details.caption.toHtmlEscaped())
                         .arg(index + 1)
                         .arg(m_ids.size())
                         .arg(palette::css(palette::now().muted)));
    setWindowTitle(title);
    m_view->setAccessibleName(tr("Image: %1").arg(title));
    m_view->setImage(QImage::fromData(bytes.value()), QSize(rec->width, rec->height));
    m_loader->setImage(id);
    updateStatus();
}

void ImageViewer::keyPressEvent(QKeyEvent* event)
{
    switch (event->key()) {
    case Qt::Key_Right:
    case Qt::Key_PageDown:
        showIndex(m_index + 1);
        return;
    case Qt::Key_Left:
    case Qt::Key_PageUp:
        showIndex(m_index - 1);
        return;
    case Qt::Key_F11:
        isFullScreen() ? showNormal() : showFullScreen();
        return;
    case Qt::Key_Escape:
        if (isFullScreen()) {
            showNormal();
            return;
        }
        break;
    default:
        break;
    }
    QDialog::keyPressEvent(event);
}

} // namespace cd::ui
