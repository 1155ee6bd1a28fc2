#pragma once

#include <QFutureWatcher>
#include <QImage>
#include <QObject>

namespace cd {
class ImageStore;
}

namespace cd::ui {

class ZoomView;

// Watches a ZoomView that shows a preview; once the user zooms past the preview's resolution
// (or presses 1 for 100 %), asks core for the original (role-checked and audited there), decodes
// it in a worker thread and swaps it into the view at the same zoom and centre. The decoded
// picture lives only in memory. Once per image: a refusal is not asked again.
class FullImageLoader final : public QObject
{
    Q_OBJECT
public:
    enum class State { Preview, Loading, Original, Refused };

    FullImageLoader(ImageStore& images, ZoomView* view, QObject* parent = nullptr);
    // The view now shows the preview of this image (0: nothing to load).
    void setImage(qint64 imageId);
    qint64 imageId() const { return m_id; }
    State state() const { return m_state; }
    // Why the original was not shown, when state() is Refused.
    QString problem() const { return m_problem; }

Q_SIGNALS:
    void stateChanged(State state);

private:
    void maybeLoad();
    void setState(State s);

    ImageStore& m_images;
    ZoomView* m_view;
    qint64 m_id = 0;
    quint64 m_generation = 0;
    State m_state = State::Preview;
    QString m_problem;
};

} // namespace cd::ui
