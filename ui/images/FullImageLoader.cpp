#include "images/FullImageLoader.h"

#include "images/ImageStore.h"
#include "images/ZoomView.h"

#include <QtConcurrent/QtConcurrentRun>

namespace cd::ui {

FullImageLoader::FullImageLoader(ImageStore& images, ZoomView* view, QObject* parent)
    : QObject(parent), m_images(images), m_view(view)
{
    connect(m_view, &ZoomView::viewChanged, this, &FullImageLoader::maybeLoad);
}

void FullImageLoader::setImage(qint64 imageId)
{
    ++m_generation; // a decode still running for the previous image is dropped when it ends
    m_id = imageId;
    m_problem.clear();
    setState(State::Preview);
    maybeLoad();
}

void FullImageLoader::setState(State s)
{
    if (m_state == s)
        return;
    m_state = s;
    Q_EMIT stateChanged(s);
}

void FullImageLoader::maybeLoad()
{
    if (m_id <= 0 || m_state != State::Preview || !m_view->wantsOriginal())
        return;
    // The read and its audit entry happen here, on the thread that owns the database; only the
    // decoding, the slow part, goes to a worker.
    auto bytes = m_images.viewOriginal(m_id);
    if (!bytes) {
        m_problem = bytes.message();
        setState(State::Refused);
        return;
    }
    setState(State::Loading);
    const quint64 generation = m_generation;
    auto* watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const QImage image = watcher->result();
        if (image.isNull()) {
            m_problem = tr("The full image could not be opened; the preview is shown.");
            setState(State::Refused);
            return;
        }
        m_view->replaceImage(image);
        setState(State::Original);
    });
    watcher->setFuture(
        QtConcurrent::run([data = std::move(bytes.value())] { return imaging::decodeStored(data); }));
}

} // namespace cd::ui
