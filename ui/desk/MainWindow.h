#pragma once

#include "desk/Workspace.h"

#include <QDate>
#include <QMainWindow>
#include <QPointer>
#include <memory>

class QLabel;
class QPushButton;
class QMenu;
class QLineEdit;
class QListView;
class QStackedWidget;

namespace cd::ui {

class ClientDetailView;
class ClientListModel;
class DiaryWindow;
class TodayPanel;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(std::unique_ptr<Workspace> workspace, QWidget* parent = nullptr);
    ~MainWindow() override;

    void focusSearch();
    void newClient();
    void editClient(qint64 id);
    void logCall(qint64 clientId);
    void importClients();
    void findDuplicates();
    void showRegister();
    void addImages();
    void openClient(qint64 id);
    void batchRecall();
    void showStock();
    void daysTakings();
    qint64 currentClientId() const;
    Workspace& workspace() { return *m_workspace; }
    QString searchText() const;
    void setSearchText(const QString& text);
    int currentTab() const;
    void setCurrentTab(int index);
    // The diary window (made on first use) and booking: from the diary at its cursor when it is the
    // active window, otherwise for the client on screen.
    DiaryWindow* showDiary();
    void bookAppointment();
    // At a new day: expire sent quotes past their validity, show the new day's lists (a timer calls
    // it every minute; tests call it after moving the clock).
    void checkDayChange();

Q_SIGNALS:
    void lockRequested();

public:
protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void refreshStockAlert();
    void buildMenus();
    void listenToChanges();
    void addRecordsMenu(QMenu* menu); // batch recall, day's takings (issue 10)
    void search(const QString& text);
    void refreshStatus();
    qint64 clientCount();
    void showAbout();

    std::unique_ptr<Workspace> m_workspace;
    bool m_keepCurrentOnReset = false; // the list reloads after a change, not a new search
    QLineEdit* m_search;
    QListView* m_list;
    ClientListModel* m_model;
    QStackedWidget* m_right;
    QLabel* m_empty;
    ClientDetailView* m_detail;
    TodayPanel* m_todayPanel;
    void expireQuotes();
    QPointer<DiaryWindow> m_diary;
    QLabel* m_status;
    QPushButton* m_stockAlert;
};

} // namespace cd::ui
