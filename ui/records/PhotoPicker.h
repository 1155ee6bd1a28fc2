#pragma once

#include <QList>
#include <QListWidget>
#include <QStringList>

namespace cd {
class ImageStore;
enum class ImageKind;
} // namespace cd

namespace cd::ui::records {

// A strip of a client's photos as checkable thumbnails (e.g. before/after photos for a treatment
// record, quote requests and mock-ups for a quote). Only thumbnails are read.
class PhotoPicker final : public QListWidget
{
    Q_OBJECT
public:
    explicit PhotoPicker(QWidget* parent = nullptr);
    // Shows the client's images of the given kinds plus any already checked; returns how many.
    int load(ImageStore& store, qint64 clientId, const QList<ImageKind>& kinds, const QList<qint64>& checked);
    QList<qint64> checkedIds() const;
    void setChecked(qint64 imageId, bool on);
};

} // namespace cd::ui::records
