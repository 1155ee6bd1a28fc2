#include "images/ImageImport.h"

#include "images/ImageStore.h"

#include <QEventLoop>
#include <QFutureWatcher>
#include <QProgressDialog>
#include <QtConcurrent/QtConcurrentMap>
#include <optional>

namespace cd::ui {

namespace {

struct Prepared
{
    std::optional<imaging::PreparedImage> image;
    QString error;
};

Prepared prepare(const QString& path)
{
    auto r = imaging::prepareFile(path);
    if (!r)
        return {std::nullopt, r.message()};
    return {std::move(r.value()), {}};
}

} // namespace

ImageImportReport importImages(QWidget* parent, Database& db, qint64 clientId, const QStringList& files,
                               const ImageDetails& details, qint64 staffId,
                               const std::function<void(qint64)>& added)
{
    ImageImportReport report;
    if (files.isEmpty())
        return report;
    QProgressDialog progress(QObject::tr("Adding %n image(s)…", nullptr, int(files.size())),
                             QObject::tr("Cancel"), 0, int(files.size()), parent);
    progress.setObjectName(QStringLiteral("imageImportProgress"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(400);
    progress.setValue(0);

    QFutureWatcher<Prepared> watcher;
    ImageStore store(db);
    int done = 0;
    QObject::connect(&watcher, &QFutureWatcher<Prepared>::resultReadyAt, &progress, [&](int i) {
        if (report.cancelled)
            return;
        const Prepared p = watcher.resultAt(i);
        if (!p.image) {
            report.errors << p.error;
        } else {
            auto id = store.add(clientId, *p.image, details, staffId);
            if (id) {
                report.added << id.value();
                if (added)
                    added(id.value());
            } else {
                report.errors << id.message();
            }
        }
        progress.setValue(++done);
    });
    QObject::connect(&progress, &QProgressDialog::canceled, &watcher, [&] {
        report.cancelled = true;
        watcher.cancel();
    });
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcher<Prepared>::finished, &loop, &QEventLoop::quit);
    // The watcher reports through posted events, so even a future that is already finished
    // delivers its results and `finished` inside this loop.
    watcher.setFuture(QtConcurrent::mapped(files, prepare));
    loop.exec();
    watcher.waitForFinished();
    return report;
}

} // namespace cd::ui
