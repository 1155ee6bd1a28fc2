#include "images/ImageCompareDialog.h"

#include "common/Style.h"
#include "images/FullImageLoader.h"
#include "images/ImageGalleryModel.h"
#include "images/ImageStore.h"
#include "images/ZoomView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace cd::ui {

namespace {

QImage previewOf(ImageStore& images, qint64 id)
{
    auto bytes = images.data(id, Rendition::Preview);
    return bytes ? QImage::fromData(bytes.value()) : QImage();
}

QWidget* titled(const QString& title, ZoomView* view, const QString& name)
{
    auto* box = new QWidget;
    auto* l = new QVBoxLayout(box);
    l->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(title);
    label->setObjectName(name);
    label->setBuddy(view);
    l->addWidget(label);
    l->addWidget(view, 1);
    return box;
}

} // namespace

ImageCompareDialog::ImageCompareDialog(ImageStore& images, const ImageRecord& before,
                                       const ImageRecord& after, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("imageCompare"));
    setWindowTitle(tr("Compare: %1 and %2").arg(imageTitle(before), imageTitle(after)));
    setWindowFlag(Qt::WindowMaximizeButtonHint);
    const QImage a = previewOf(images, before.id);
    const QImage b = previewOf(images, after.id);

    m_left = new ZoomView;
    m_left->setObjectName(QStringLiteral("compareLeft"));
    m_left->setAccessibleName(tr("Earlier image: %1").arg(imageTitle(before)));
    m_left->setImage(a, QSize(before.width, before.height));
    m_right = new ZoomView;
    m_right->setObjectName(QStringLiteral("compareRight"));
    m_right->setAccessibleName(tr("Later image: %1").arg(imageTitle(after)));
    m_right->setImage(b, QSize(after.width, after.height));
    m_overlay = new ZoomView;
    m_overlay->setObjectName(QStringLiteral("compareOverlay"));
    m_overlay->setAccessibleName(tr("Later image over the earlier one"));
    m_overlay->setImage(a);
    m_overlay->setOverlay(b);

    auto* sideBySide = new QWidget;
    auto* sl = new QHBoxLayout(sideBySide);
    sl->setContentsMargins(0, 0, 0, 0);
    // Two photos of the same area and kind taken the same day would read alike: each caption says
    // which side it is, and then the photo's own caption (or file name) when the titles agree.
    const bool alike = imageTitle(before) == imageTitle(after);
    const auto caption = [alike](const QString& side, const ImageRecord& r) {
        const QString extra = !alike                         ? QString()
                              : !r.details.caption.isEmpty() ? r.details.caption
                                                             : r.originalName;
        return tr("<b>%1:</b> %2%3")
            .arg(side, imageTitle(r).toHtmlEscaped(),
                 extra.isEmpty() ? QString() : QStringLiteral(" · ") + extra.toHtmlEscaped());
    };
    sl->addWidget(titled(caption(tr("Earlier"), before), m_left, QStringLiteral("compareLeftCaption")), 1);
    sl->addWidget(titled(caption(tr("Later"), after), m_right, QStringLiteral("compareRightCaption")), 1);
    m_pages = new QStackedWidget;
    m_pages->addWidget(sideBySide);
    m_pages->addWidget(m_overlay);

    m_mode = new QComboBox;
    m_mode->setObjectName(QStringLiteral("compareMode"));
    m_mode->setAccessibleName(tr("Comparison mode"));
    m_mode->addItems({tr("Side by side"), tr("Overlay")});
    m_opacity = new QSlider(Qt::Horizontal);
    m_opacity->setObjectName(QStringLiteral("compareOpacity"));
    m_opacity->setAccessibleName(tr("Opacity of the later image"));
    m_opacity->setRange(0, 100);
    m_opacity->setValue(50);
    auto* modeLabel = new QLabel(tr("&Mode:"));
    modeLabel->setBuddy(m_mode);
    m_opacityLabel = new QLabel(tr("Later image &opacity:"));
    m_opacityLabel->setBuddy(m_opacity);
    // The slider only means something in the overlay.
    m_opacity->hide();
    m_opacityLabel->hide();
    auto* opacityLabel = m_opacityLabel;
    auto* bar = new QHBoxLayout;
    bar->addWidget(modeLabel);
    bar->addWidget(m_mode);
    bar->addSpacing(16);
    bar->addWidget(opacityLabel);
    bar->addWidget(m_opacity, 1);
    m_leftLoader = new FullImageLoader(images, m_left, this);
    m_leftLoader->setImage(before.id);
    m_rightLoader = new FullImageLoader(images, m_right, this);
    m_rightLoader->setImage(after.id);
    // Who looked at whose photos; no entry, no pictures.
    const Status logged = images.recordViewed(
        before.clientId, QStringLiteral("comparison of images %1 and %2").arg(before.id).arg(after.id));
    if (!logged) {
        for (ZoomView* v : {m_left, m_right, m_overlay})
            v->setImage({});
        m_leftLoader->setImage(0);
        m_rightLoader->setImage(0);
    }

    m_keys = new QLabel;
    auto* keys = m_keys;
    style::setTone(keys, style::Tone::Muted);

    auto* problem = new QLabel(logged ? QString() : logged.message());
    problem->setObjectName(QStringLiteral("compareProblem"));
    style::setTone(problem, style::Tone::Error);
    problem->setVisible(!logged);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(problem);
    layout->addLayout(bar);
    layout->addWidget(m_pages, 1);
    layout->addWidget(keys);
    resize(1200, 700);

    setOverlayMode(false);
    connect(m_left, &ZoomView::viewChanged, this, [this] { sync(m_left); });
    connect(m_right, &ZoomView::viewChanged, this, [this] { sync(m_right); });
    connect(m_mode, &QComboBox::currentIndexChanged, this, [this](int i) { setOverlayMode(i == 1); });
    connect(m_opacity, &QSlider::valueChanged, this,
            [this](int v) { m_overlay->setOverlayOpacity(v / 100.0); });
    m_left->setFocus();
}

void ImageCompareDialog::setOverlayMode(bool on)
{
    m_mode->setCurrentIndex(on ? 1 : 0);
    m_pages->setCurrentIndex(on ? 1 : 0);
    m_opacity->setVisible(on);
    m_opacityLabel->setVisible(on);
    m_keys->setText(
        on ? tr("Wheel or +/− zoom, 1 actual size · drag to pan · 0 fit · the slider fades the later "
                "image · Esc close")
           : tr("Zoom one side (wheel or +/−, 1 actual size) and the other follows · drag to pan · "
                "0 fit · Esc close"));
    if (on) {
        m_overlay->follow(*m_left);
        m_overlay->setFocus();
    }
}

void ImageCompareDialog::sync(ZoomView* from)
{
    if (m_syncing)
        return;
    m_syncing = true; // the follower's own viewChanged must not echo back
    (from == m_left ? m_right : m_left)->follow(*from);
    m_syncing = false;
}

} // namespace cd::ui
