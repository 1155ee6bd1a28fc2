#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QListView;
class QMimeData;
class QPushButton;

namespace cd {
class Database;
}

namespace cd::ui {

class ImageCompareDialog;
class ImageGalleryModel;
class ImageViewer;

// The client's Images tab: thumbnails by area and date, files dropped here or chosen with
// Ctrl+I are added after their details are set; Enter views, two selected can be compared.
class ImageGallery final : public QWidget
{
    Q_OBJECT
public:
    explicit ImageGallery(Database& db, QWidget* parent = nullptr);
    void setClient(qint64 clientId);
    void setStaffId(qint64 id) { m_staffId = id; }
    qint64 clientId() const;

    void chooseAndAdd();
    // Asks for the files' details, then imports them; returns how many were added.
    int addFiles(const QStringList& files);
    // For drops: returns at once (the dragging program waits until the drop returns), adds after.
    void addFilesLater(const QStringList& files);
    ImageViewer* viewCurrent();
    ImageCompareDialog* compareSelected();

    QListView* view() const { return m_view; }
    ImageGalleryModel* model() const { return m_model; }

    // The local files a drag carries, or empty if it carries none.
    static QStringList localFiles(const QMimeData* mime);
    // Seam for tests: the file dialog behind chooseAndAdd().
    static std::function<QStringList(QWidget*)> chooseFiles;

Q_SIGNALS:
    void imagesChanged(int count);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void updateState();

    Database& m_db;
    qint64 m_staffId = 0;
    ImageGalleryModel* m_model;
    QListView* m_view;
    QLabel* m_hint;
    QLabel* m_report;
    QPushButton* m_viewButton;
    QPushButton* m_compareButton;
};

} // namespace cd::ui
