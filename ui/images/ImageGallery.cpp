#include "images/ImageGallery.h"

#include "accounts/Access.h"
#include "common/Ask.h"
#include "common/Style.h"
#include "desk/Workspace.h"
#include "images/ImageCompareDialog.h"
#include "images/ImageDetailsDialog.h"
#include "images/ImageGalleryModel.h"
#include "images/ImageGalleryView.h"
#include "images/ImageImport.h"
#include "images/ImageStore.h"
#include "images/ImageViewer.h"

#include <QAction>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QStandardPaths>
#include <QTimer>
#include <QVBoxLayout>

namespace cd::ui {

ImageGallery::ImageGallery(Workspace& workspace, QWidget* parent) : QWidget(parent), m_workspace(workspace)
{
    setAcceptDrops(true);
    m_model = new ImageGalleryModel(workspace.images(), this);
    m_view = new ImageGalleryView;
    m_view->setObjectName(QStringLiteral("imageGallery"));
    m_view->setAccessibleName(tr("Client images"));
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setDragDropMode(QAbstractItemView::NoDragDrop);
    m_view->setAcceptDrops(false); // drops go to this widget, which imports them
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->setModel(m_model);

    auto* add = new QPushButton(tr("Add i&mages…"));
    add->setObjectName(QStringLiteral("addImages"));
    add->setToolTip(tr("Add photos (Ctrl+I), or drop files here"));
    m_viewButton = new QPushButton(tr("&View"));
    m_viewButton->setObjectName(QStringLiteral("viewImage"));
    m_compareButton = new QPushButton(tr("C&ompare"));
    m_compareButton->setObjectName(QStringLiteral("compareImages"));
    m_editButton = new QPushButton(tr("&Edit details…"));
    m_editButton->setObjectName(QStringLiteral("editImage"));
    m_deleteButton = new QPushButton(tr("&Delete…"));
    m_deleteButton->setObjectName(QStringLiteral("deleteImages"));
    auto* bar = new QHBoxLayout;
    bar->addWidget(add);
    bar->addWidget(m_viewButton);
    bar->addWidget(m_compareButton);
    bar->addSpacing(12);
    bar->addWidget(m_editButton);
    bar->addWidget(m_deleteButton);
    bar->addStretch();

    // Shared by the buttons, the right-click menu, the main window's Client menu and the keys;
    // the keys work while the focus is in the gallery (Delete in a text field stays a text key).
    const auto action = [this](const QString& text, const QString& name, const QKeySequence& key) {
        auto* a = new QAction(text, this);
        a->setObjectName(name);
        if (!key.isEmpty()) {
            a->setShortcut(key);
            a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        }
        addAction(a);
        return a;
    };
    m_viewAction = action(tr("&View"), QStringLiteral("actionViewImage"), {});
    m_compareAction = action(tr("C&ompare the two selected"), QStringLiteral("actionCompareImages"), {});
    m_editAction =
        action(tr("&Edit image details…"), QStringLiteral("actionEditImage"), QKeySequence(Qt::Key_F2));
    m_deleteAction = action(tr("&Delete selected images…"), QStringLiteral("actionDeleteImages"),
                            QKeySequence(QKeySequence::Delete));

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
    connect(m_editButton, &QPushButton::clicked, this, &ImageGallery::editCurrent);
    connect(m_deleteButton, &QPushButton::clicked, this, &ImageGallery::deleteSelected);
    connect(m_viewAction, &QAction::triggered, this, &ImageGallery::viewCurrent);
    connect(m_compareAction, &QAction::triggered, this, &ImageGallery::compareSelected);
    connect(m_editAction, &QAction::triggered, this, &ImageGallery::editCurrent);
    connect(m_deleteAction, &QAction::triggered, this, &ImageGallery::deleteSelected);
    connect(m_view, &QListView::activated, this, [this] {
        if (m_viewAction->isEnabled())
            viewCurrent();
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, &ImageGallery::showContextMenu);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ImageGallery::updateState);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &ImageGallery::updateState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ImageGallery::updateState);
    updateState();
}

qint64 ImageGallery::clientId() const
{
    return m_model->clientId();
}

void ImageGallery::reload()
{
    const QList<qint64> selected = selectedImageIds();
    m_model->reload();
    if (!selected.isEmpty())
        selectImage(selected.constFirst());
    updateState();
}

void ImageGallery::setClient(qint64 clientId)
{
    m_report->hide();
    const QString error = m_model->setClient(clientId);
    if (!error.isEmpty()) {
        m_report->setText(error.toHtmlEscaped());
        m_report->show();
    }
    if (m_model->imageCount() > 0)
        m_view->setCurrentIndex(m_model->index(m_model->firstImageRow()));
}

void ImageGallery::updateState()
{
    const int n = m_model->imageCount();
    const int selected = int(m_view->selectionModel()->selectedIndexes().size());
    const QModelIndex current = m_view->currentIndex();
    const bool onImage = current.isValid() && !m_model->isHeader(current.row());
    // Previews and originals are for practitioners and managers; so is deleting (core/accounts/Access.cpp).
    const bool full = m_workspace.may(Action::ViewFullImages);
    const bool compare = m_workspace.may(Action::CompareImages);
    const bool edit = m_workspace.may(Action::AddImages);
    const QString notForRole = tr("Only practitioners and managers can do this.");
    m_hint->setVisible(n == 0);
    m_view->setVisible(n > 0);
    m_viewAction->setEnabled(full && onImage);
    m_compareAction->setEnabled(compare && selected == 2);
    m_editAction->setEnabled(edit && onImage);
    m_deleteAction->setEnabled(full && selected > 0);
    m_viewButton->setEnabled(m_viewAction->isEnabled());
    m_viewButton->setToolTip(full ? tr("See the image large (Enter)") : notForRole);
    m_compareButton->setEnabled(m_compareAction->isEnabled());
    m_compareButton->setToolTip(compare ? tr("Select two images (Ctrl+click) to see them side by side")
                                        : notForRole);
    m_editButton->setEnabled(m_editAction->isEnabled());
    m_editButton->setToolTip(tr("Kind, area, date, caption and photo consent of the current image (F2)"));
    m_deleteButton->setEnabled(m_deleteAction->isEnabled());
    m_deleteButton->setToolTip(full ? tr("Delete the selected images from the vault (Delete)") : notForRole);
    m_deleteAction->setText(selected > 1 ? tr("&Delete %n selected images…", nullptr, selected)
                                         : tr("&Delete selected image…"));
    Q_EMIT imagesChanged(n);
}

void ImageGallery::showReport(const QString& html, bool problem)
{
    m_report->setText(html);
    style::setTone(m_report, problem ? style::Tone::Error : style::Tone::Plain);
    m_report->show();
}

QList<qint64> ImageGallery::selectedImageIds() const
{
    QList<int> rows;
    for (const QModelIndex& i : m_view->selectionModel()->selectedIndexes())
        if (!m_model->isHeader(i.row()))
            rows << i.row();
    std::sort(rows.begin(), rows.end());
    QList<qint64> ids;
    for (int row : rows)
        ids << m_model->record(row).id;
    return ids;
}

void ImageGallery::selectImage(qint64 imageId)
{
    const int row = m_model->rowOf(imageId);
    if (row < 0)
        return;
    const QModelIndex i = m_model->index(row);
    m_view->selectionModel()->setCurrentIndex(i, QItemSelectionModel::ClearAndSelect);
    m_view->scrollTo(i);
}

void ImageGallery::showContextMenu(const QPoint& pos)
{
    const QModelIndex at = m_view->indexAt(pos);
    if (at.isValid() && !m_model->isHeader(at.row()) && !m_view->selectionModel()->isSelected(at))
        m_view->selectionModel()->setCurrentIndex(at, QItemSelectionModel::ClearAndSelect);
    else if (at.isValid() && !m_model->isHeader(at.row()))
        m_view->selectionModel()->setCurrentIndex(at, QItemSelectionModel::NoUpdate);
    if (m_view->selectionModel()->selectedIndexes().isEmpty())
        return;
    QMenu menu(this);
    menu.addAction(m_viewAction);
    menu.addAction(m_compareAction);
    menu.addSeparator();
    menu.addAction(m_editAction);
    menu.addAction(m_deleteAction);
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

bool ImageGallery::editCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || m_model->isHeader(current.row()))
        return false;
    const ImageRecord image = m_model->record(current.row());
    const QPixmap thumb = m_model->data(current, Qt::DecorationRole).value<QIcon>().pixmap(QSize(256, 256));
    ImageDetailsDialog dialog(image, thumb, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    if (const Status st = m_workspace.images().updateDetails(image.id, dialog.details()); !st) {
        showReport(st.message().toHtmlEscaped(), true);
        return false;
    }
    m_model->reload(); // the image may now belong to another section
    selectImage(image.id);
    m_report->hide();
    return true;
}

int ImageGallery::deleteSelected()
{
    const QList<qint64> ids = selectedImageIds();
    if (ids.isEmpty())
        return 0;
    if (const Status allowed = access::require(m_workspace.db(), Action::ViewFullImages); !allowed) {
        showReport(allowed.message().toHtmlEscaped(), true);
        return 0;
    }
    const int n = int(ids.size());
    QStringList names;
    for (qint64 id : ids.mid(0, 6))
        names << QStringLiteral("• ") + imageTitle(m_model->record(m_model->rowOf(id))).toHtmlEscaped();
    if (n > 6)
        names << tr("… and %n more", nullptr, n - 6);
    ask::Question q;
    q.title = tr("Delete images");
    q.text = tr("Delete %n image(s) of this client?", nullptr, n);
    q.details =
        names.join(QStringLiteral("<br>")) + QStringLiteral("<p>") +
        tr("The photos, their previews and thumbnails are removed from the vault. This cannot be undone.") +
        QStringLiteral("</p>");
    q.yes = tr("Delete %n image(s)", nullptr, n);
    q.destructive = true;
    if (!ask::confirm(q))
        return 0;

    // Where the selection goes afterwards: the first image that stays after the first one
    // deleted, else the last one before it.
    const QList<qint64> all = m_model->imageIds();
    const int first = int(all.indexOf(ids.constFirst()));
    qint64 neighbour = 0;
    for (int i = first + 1; i < all.size() && !neighbour; ++i)
        if (!ids.contains(all.at(i)))
            neighbour = all.at(i);
    for (int i = first - 1; i >= 0 && !neighbour; --i)
        if (!ids.contains(all.at(i)))
            neighbour = all.at(i);

    if (const Status st = m_workspace.images().remove(ids); !st) {
        showReport(st.message().toHtmlEscaped(), true);
        return 0;
    }
    m_model->reload();
    if (neighbour)
        selectImage(neighbour);
    showReport(tr("%n image(s) deleted.", nullptr, n), false);
    return n;
}

void ImageGallery::chooseAndAdd()
{
    if (clientId() <= 0)
        return;
    const QStringList files = ask::openFiles(
        this, tr("Add images"), tr("Photos (*.jpg *.jpeg *.png *.webp *.heic *.heif);;All files (*)"),
        QStandardPaths::writableLocation(QStandardPaths::PicturesLocation));
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
    const ImageImportReport report = importImages(this, m_workspace.db(), clientId(), files, details,
                                                  m_staffId, [this](qint64) { m_model->reload(); });
    m_model->reload();
    QString text = tr("%n image(s) added.", nullptr, int(report.added.size()));
    if (report.cancelled)
        text += QLatin1Char(' ') + tr("Cancelled before the rest.");
    if (!report.errors.isEmpty()) {
        text += QLatin1Char(' ') + tr("%n file(s) not added:", nullptr, int(report.errors.size()));
        for (const QString& e : report.errors)
            text += QStringLiteral("<br>• ") + e.toHtmlEscaped();
    }
    showReport(text, !report.errors.isEmpty());
    if (!report.added.isEmpty())
        selectImage(report.added.constFirst());
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
    if (!current.isValid() || m_model->isHeader(current.row()))
        return nullptr;
    auto* viewer =
        new ImageViewer(m_workspace.images(), m_model->imageIds(), m_model->imageNumber(current.row()), this);
    viewer->setAttribute(Qt::WA_DeleteOnClose);
    viewer->show();
    return viewer;
}

ImageCompareDialog* ImageGallery::compareSelected()
{
    const QList<qint64> ids = selectedImageIds();
    if (ids.size() != 2)
        return nullptr;
    ImageRecord a = m_model->record(m_model->rowOf(ids.at(0)));
    ImageRecord b = m_model->record(m_model->rowOf(ids.at(1)));
    if (b.details.takenOn < a.details.takenOn || (b.details.takenOn == a.details.takenOn && b.id < a.id))
        std::swap(a, b); // the earlier picture ("before") on the left
    auto* dialog = new ImageCompareDialog(m_workspace.images(), a, b, this);
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
