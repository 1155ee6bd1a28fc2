#include "ImageGallery.h"

#include "ImageCompareDialog.h"
#include "ImageDetailsDialog.h"
#include "ImageGalleryModel.h"
#include "ImageImport.h"
#include "ImageViewer.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMimeData>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

namespace cd::ui {

std::function<QStringList(QWidget*)> ImageGallery::chooseFiles = [](QWidget* parent) {
    return QFileDialog::getOpenFileNames(parent, QObject::tr("Add images"),
                                         QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
                                         QObject::tr("Photos (*.jpg *.jpeg *.png *.webp *.heic *.heif);;All files (*)"));
};

ImageGallery::ImageGallery(Database& db, QWidget* parent) : QWidget(parent), m_db(db)
{
    setAcceptDrops(true);
    m_model = new ImageGalleryModel(db, this);
    m_view = new QListView;
    m_view->setObjectName(QStringLiteral("imageGallery"));
    m_view->setAccessibleName(tr("Client images"));
    m_view->setViewMode(QListView::IconMode);
    m_view->setIconSize(QSize(160, 160));
    m_view->setGridSize(QSize(184, 214));
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Static);
    m_view->setWordWrap(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setDragDropMode(QAbstractItemView::NoDragDrop);
    m_view->setAcceptDrops(false); // drops go to this widget, which imports them
    m_view->setModel(m_model);

    auto* add = new QPushButton(tr("Add i&mages…"));
    add->setObjectName(QStringLiteral("addImages"));
    add->setToolTip(tr("Add photos (Ctrl+I), or drop files here"));
    m_viewButton = new QPushButton(tr("&View"));
    m_viewButton->setObjectName(QStringLiteral("viewImage"));
    m_compareButton = new QPushButton(tr("C&ompare"));
    m_compareButton->setObjectName(QStringLiteral("compareImages"));
    m_compareButton->setToolTip(tr("Select two images (Ctrl+click) to see them side by side"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(add);
    bar->addWidget(m_viewButton);
    bar->addWidget(m_compareButton);
    bar->addStretch();

    m_hint = new QLabel(tr("<h3>No images yet</h3><p>Drop photos onto this client, or press <b>Ctrl+I</b>. "
                           "JPEG, PNG, WebP and HEIC (iPhone) photos are turned upright and stored without "
                           "location or camera details.</p>"));
    m_hint->setObjectName(QStringLiteral("imageGalleryHint"));
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_report = new QLabel;
    m_report->setObjectName(QStringLiteral("imageImportReport"));
    m_report->setWordWrap(true);
    m_report->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_report->hide();

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_report);
    layout->addWidget(m_hint, 1);
    layout->addWidget(m_view, 1);

    connect(add, &QPushButton::clicked, this, &ImageGallery::chooseAndAdd);
    connect(m_viewButton, &QPushButton::clicked, this, &ImageGallery::viewCurrent);
    connect(m_compareButton, &QPushButton::clicked, this, &ImageGallery::compareSelected);
    connect(m_view, &QListView::activated, this, &ImageGallery::viewCurrent);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ImageGallery::updateState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ImageGallery::updateState);
    updateState();
}

qint64 ImageGallery::clientId() const
{
    return m_model->clientId();
}

void ImageGallery::setClient(qint64 clientId)
{
    m_report->hide();
    const QString error = m_model->setClient(clientId);
    if (!error.isEmpty()) {
        m_report->setText(error.toHtmlEscaped());
        m_report->show();
    }
    if (m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0));
}

void ImageGallery::updateState()
{
    const int n = m_model->rowCount();
    m_hint->setVisible(n == 0);
    m_view->setVisible(n > 0);
    m_viewButton->setEnabled(n > 0);
    m_compareButton->setEnabled(m_view->selectionModel()->selectedIndexes().size() == 2);
    Q_EMIT imagesChanged(n);
}

void ImageGallery::chooseAndAdd()
{
    if (clientId() <= 0)
        return;
    const QStringList files = chooseFiles(this);
    if (!files.isEmpty())
        addFiles(files);
}

int ImageGallery::addFiles(const QStringList& files)
{
    if (clientId() <= 0 || files.isEmpty())
        return 0;
    ImageDetailsDialog dialog(files, this);
    if (dialog.exec() != QDialog::Accepted)
        return 0;
    const ImageDetails details = dialog.details();
    // Each stored image shows up at once, while the rest are still being converted.
    const ImageImportReport report = importImages(this, m_db, clientId(), files, details, m_staffId,
                                                  [this](qint64) { m_model->reload(); });
    m_model->reload();
    QString text = tr("%n image(s) added.", nullptr, int(report.added.size()));
    if (report.cancelled)
        text += QLatin1Char(' ') + tr("Cancelled before the rest.");
    if (!report.errors.isEmpty()) {
        text += QLatin1Char(' ') + tr("%n file(s) not added:", nullptr, int(report.errors.size()));
        for (const QString& e : report.errors)
            text += QStringLiteral("<br>• ") + e.toHtmlEscaped();
    }
    m_report->setText(text);
    m_report->setStyleSheet(report.errors.isEmpty() ? QString() : QStringLiteral("color:#b00020"));
    m_report->show();
    if (!report.added.isEmpty()) {
        m_view->clearSelection();
        m_view->setCurrentIndex(m_model->index(m_model->rowOf(report.added.constFirst())));
    }
    return int(report.added.size());
}

void ImageGallery::addFilesLater(const QStringList& files)
{
    // Not inside the drop: the dragging program (a mail client, the file manager) waits until
    // the drop returns, and the details dialog would keep it waiting.
    QTimer::singleShot(0, this, [this, files] { addFiles(files); });
}

ImageViewer* ImageGallery::viewCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return nullptr;
    QList<qint64> ids;
    for (int i = 0; i < m_model->rowCount(); ++i)
        ids << m_model->record(i).id;
    auto* viewer = new ImageViewer(m_db, ids, current.row(), this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->show();
    return viewer;
}

ImageCompareDialog* ImageGallery::compareSelected()
{
    QModelIndexList rows = m_view->selectionModel()->selectedIndexes();
    if (rows.size() != 2)
        return nullptr;
    ImageRecord a = m_model->record(rows.at(0).row());
    ImageRecord b = m_model->record(rows.at(1).row());
    if (b.details.takenOn < a.details.takenOn || (b.details.takenOn == a.details.takenOn && b.id < a.id))
        std::swap(a, b); // the earlier picture ("before") on the left
    auto* dialog = new ImageCompareDialog(m_db, a, b, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

QStringList ImageGallery::localFiles(const QMimeData* mime)
{
    QStringList out;
    if (!mime || !mime->hasUrls())
        return out;
    for (const QUrl& url : mime->urls())
        if (url.isLocalFile() && QFileInfo(url.toLocalFile()).isFile())
            out << url.toLocalFile();
    return out;
}

void ImageGallery::dragEnterEvent(QDragEnterEvent* event)
{
    if (clientId() > 0 && !localFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void ImageGallery::dropEvent(QDropEvent* event)
{
    const QStringList files = localFiles(event->mimeData());
    if (files.isEmpty())
        return;
    event->acceptProposedAction();
    addFilesLater(files);
}

} // namespace cd::ui
