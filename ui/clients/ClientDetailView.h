#pragma once

#include <QWidget>
#include <functional>

class QLabel;
class QPushButton;
class QTabWidget;
class QTreeWidget;
class QDragEnterEvent;
class QDropEvent;

namespace cd {
struct ChangeSet;
} // namespace cd

namespace cd::ui {

class ClientOverview;

class Workspace;
class PrivacyTab;
class ImageGallery;
class TreatmentsTab;
class FormsTab;
class QuotesTab;
class PaymentsTab;

// One client: header, then Details, Timeline, Images and Privacy tabs.
class ClientDetailView final : public QWidget
{
    Q_OBJECT
public:
    explicit ClientDetailView(Workspace& workspace, QWidget* parent = nullptr);
    void showClient(qint64 id);
    qint64 clientId() const { return m_id; }
    void clear();
    void showPrivacy(); // bring the Privacy tab forward
    int currentTab() const;
    void setCurrentTab(int index);
    ImageGallery* gallery() const { return m_gallery; }
    // Treatment records, quotes and payments (issue 10): each tab brought forward by these.
    void showTreatments();
    void showQuotes();
    void showPayments();
    void showForms();
    FormsTab* forms() const { return m_forms; }
    // Brings the Images tab forward (File → Add images, a drop on the record).
    void showImages();
    // Brings the Appointments tab forward; reloads the client's appointments (after a diary change).
    void showAppointments();
    void refreshAppointments();

Q_SIGNALS:
    void editRequested(qint64 id);
    void logCallRequested(qint64 id);
    void consentRequested(qint64 id);
    void erased(); // the client was erased from the Privacy tab
    void bookAppointmentRequested(qint64 clientId);
    void appointmentActivated(qint64 appointmentId); // show it in the diary

protected:
    // Photos dropped anywhere on the client's record go to its Images tab.
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void follow(const ChangeSet& changes); // the change feed: reload what changed of this client
    void showConsent(qint64 id);
    void showTimeline(qint64 id);
    Workspace& m_workspace;
    PrivacyTab* m_privacy;
    qint64 m_id = 0;
    QLabel* m_header;
    QTabWidget* m_tabs;
    QLabel* m_details;
    ClientOverview* m_overview;
    QTreeWidget* m_timeline;
    QLabel* m_consent;
    QPushButton* m_resolve;
    void resolveComplaint();
    ImageGallery* m_gallery;
    QPushButton* m_editButton = nullptr;
    QPushButton* m_logCallButton = nullptr;
    QPushButton* m_consentButton = nullptr;
    QWidget* m_appointmentsPage;
    QTreeWidget* m_appointments;
    void addRecordTabs();
    TreatmentsTab* m_treatments = nullptr;
    FormsTab* m_forms = nullptr;
    QuotesTab* m_quotes = nullptr;
    PaymentsTab* m_payments = nullptr;
};

} // namespace cd::ui
