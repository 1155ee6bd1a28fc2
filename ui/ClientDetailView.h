#pragma once

#include <QWidget>

class QLabel;
class QTabWidget;
class QTreeWidget;

namespace cd {
class Database;
}

namespace cd::ui {

// One client: header, then Details, Timeline, Images and Privacy tabs.
class ClientDetailView final : public QWidget
{
    Q_OBJECT
public:
    explicit ClientDetailView(Database& db, QWidget* parent = nullptr);
    void showClient(qint64 id);
    qint64 clientId() const { return m_id; }
    void clear();

Q_SIGNALS:
    void editRequested(qint64 id);
    void logCallRequested(qint64 id);

private:
    Database& m_db;
    qint64 m_id = 0;
    QLabel* m_header;
    QTabWidget* m_tabs;
    QLabel* m_details;
    QTreeWidget* m_timeline;
    QLabel* m_consent;
};

} // namespace cd::ui
