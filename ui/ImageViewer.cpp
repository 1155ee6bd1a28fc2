#include "ImageViewer.h"

#include "ImageGalleryModel.h"
#include "ZoomView.h"
#include "imaging/ImageStore.h"

#include <QKeyEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace cd::ui {

ImageViewer::ImageViewer(Database& db, QList<qint64> ids, int index, QWidget* parent)
    : QDialog(parent), m_db(db), m_ids(std::move(ids))
{
    setObjectName(QStringLiteral("imageViewer"));
    setWindowFlag(Qt::WindowMaximizeButtonHint);
    m_title = new QLabel;
    m_title->setObjectName(QStringLiteral("viewerTitle"));
    m_title->setWordWrap(true);
    m_view = new ZoomView;
    m_view->setObjectName(QStringLiteral("viewerImage"));
    auto* keys = new QLabel(tr("Wheel or +/− zoom · 0 fit · drag to pan · ←/→ previous/next · F11 full screen · Esc close"));
    keys->setStyleSheet(QStringLiteral("color:#666"));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);
    layout->addWidget(keys);
    resize(1000, 760);
    showIndex(index);
    m_view->setFocus();
}

void ImageViewer::showIndex(int index)
{
    if (index < 0 || index >= m_ids.size())
        return;
    m_index = index;
    const qint64 id = m_ids.at(index);
    ImageStore store(m_db);
    auto rec = store.get(id);
    auto bytes = store.data(id, Rendition::Preview);
    if (!rec || !bytes) {
        m_title->setText(rec ? bytes.message() : rec.message());
        m_view->setImage({});
        return;
    }
    const QString title = imageTitle(rec.value());
    m_title->setText(tr("<b>%1</b>  %2  <span style='color:#666'>(%3 of %4)</span>")
                         .arg(title.toHtmlEscaped(), rec->details.caption.toHtmlEscaped())
                         .arg(index + 1)
                         .arg(m_ids.size()));
    setWindowTitle(title);
    m_view->setAccessibleName(tr("Image: %1").arg(title));
    m_view->setImage(QImage::fromData(bytes.value()));
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
