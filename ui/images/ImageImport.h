#pragma once

#include "images/ImageInfo.h"

#include <QStringList>
#include <functional>

class QWidget;

namespace cd {
class Database;
}

namespace cd::ui {

struct ImageImportReport
{
    QList<qint64> added;
    QStringList errors; // one message per file that was not added
    bool cancelled = false;
};

// Decodes and converts the files in worker threads while a progress dialog runs; each finished
// file is written to the vault on this (the UI) thread, one transaction per image, so the
// database connection is never shared between threads. Returns when all files are done or the
// user cancelled (images already added stay). `added` is called after each stored image.
ImageImportReport importImages(QWidget* parent, Database& db, qint64 clientId, const QStringList& files,
                               const ImageDetails& details, qint64 staffId,
                               const std::function<void(qint64)>& added = {});

} // namespace cd::ui
