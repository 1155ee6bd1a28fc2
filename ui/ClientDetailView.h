#pragma once

#include <QWidget>

class QLabel;
class QTabWidget;
class QTreeWidget;
class QDragEnterEvent;
class QDropEvent;

namespace cd {
class Database;
}

namespace cd::ui {

class ImageGallery;

// One client: header, then Details, Timeline, Images and Privacy tabs.
class ClientDetailView final : public QWidget
{
    Q_OBJECT
public:
    explicit ClientDetailView(Database& db, QWidget* parent = nullptr);
    void showClient(qint64 id);
    qint64 clientId() const { return m_id; }
    void clear();
    ImageGallery* gallery() const { return m_gallery; }
    // Brings the Images tab forward (File → Add images, a drop on the record).
    void showImages();

Q_SIGNALS:
    void editRequested(qint64 id);
    void logCallRequested(qint64 id);

protected:
    // Photos dropped anywhere on the client's record go to its Images tab.
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    Database& m_db;
    qint64 m_id = 0;
    QLabel* m_header;
    QTabWidget* m_tabs;
    QLabel* m_details;
    QTreeWidget* m_timeline;
    QLabel* m_consent;
    ImageGallery* m_gallery;
};

} // namespace cd::ui
