#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace cd::ui {

class Workspace;

// The client's Privacy tab: their requests with deadlines, and the actions that answer them:
// export, erase, restrict, object to marketing.
class PrivacyTab final : public QWidget
{
    Q_OBJECT
public:
    explicit PrivacyTab(Workspace& workspace, QWidget* parent = nullptr);
    void showClient(qint64 id);

Q_SIGNALS:
    void erased(); // the client is gone

private:
    void newRequest();
    void exportData();
    void eraseClient();
    void toggleRestriction();
    void objectToMarketing();
    void extendRequest();
    void completeRequest();
    void updateRequestButtons(); // extend and mark answered act on the selected open request
    bool actsAsManager() const;  // privacy requests are a manager's (or the recovery key's)
    qint64 selectedRequest() const;

    Workspace& m_workspace;
    qint64 m_id = 0;
    bool m_restricted = false;
    QLabel* m_banner;
    QTreeWidget* m_requests;
    QPushButton* m_restrict;
    QLabel* m_error;
    QLabel* m_reference;
};

} // namespace cd::ui
