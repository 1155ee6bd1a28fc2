#pragma once

#include <QWidget>
#include <functional>

class QAction;
class QLabel;
class QListView;
class QMimeData;
class QPushButton;

namespace cd::ui {

class Workspace;

class ImageCompareDialog;
class ImageGalleryModel;
class ImageViewer;

// The client's Images tab: thumbnails in sections by area and month, files dropped here or chosen
// with Ctrl+I are added after their details are set; Enter views, two selected can be compared,
// F2 edits the current image's details, Delete deletes the selected images after asking.
// What the signed-in role may not do is greyed out here and refused in core.
class ImageGallery final : public QWidget
{
    Q_OBJECT
public:
    explicit ImageGallery(Workspace& workspace, QWidget* parent = nullptr);
    void setClient(qint64 clientId);
    void reload(); // the same client's images again (after a change made elsewhere)
    void setStaffId(qint64 id) { m_staffId = id; }
    qint64 clientId() const;

    void chooseAndAdd();
    // Asks for the files' details, then imports them; returns how many were added.
    int addFiles(const QStringList& files);
    // For drops: returns at once (the dragging program waits until the drop returns), adds after.
    void addFilesLater(const QStringList& files);
    ImageViewer* viewCurrent();
    ImageCompareDialog* compareSelected();
    // Returns whether the details were changed.
    bool editCurrent();
    // Asks, then deletes the selected images; returns how many were deleted.
    int deleteSelected();
    QList<qint64> selectedImageIds() const;
    void selectImage(qint64 imageId);
    QAction* editAction() const { return m_editAction; }
    QAction* deleteAction() const { return m_deleteAction; }

    QListView* view() const { return m_view; }
    ImageGalleryModel* model() const { return m_model; }

    // The local files a drag carries, or empty if it carries none.
    static QStringList localFiles(const QMimeData* mime);
    // Seam for tests: the file dialog behind chooseAndAdd().

Q_SIGNALS:
    void imagesChanged(int count);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void updateState();
    void showReport(const QString& html, bool problem);
    void showContextMenu(const QPoint& pos);

    Workspace& m_workspace;
    qint64 m_staffId = 0;
    ImageGalleryModel* m_model;
    QListView* m_view;
    QLabel* m_hint;
    QLabel* m_report;
    QPushButton* m_viewButton;
    QPushButton* m_compareButton;
    QPushButton* m_editButton;
    QPushButton* m_deleteButton;
    QAction* m_viewAction;
    QAction* m_compareAction;
    QAction* m_editAction;
    QAction* m_deleteAction;
};

} // namespace cd::ui
