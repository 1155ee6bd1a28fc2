#pragma once

#include "accounts/Access.h"
#include "accounts/Staff.h"
#include "storage/ChangeFeed.h"

#include <QObject>
#include <QSet>
#include <memory>

namespace cd {
class AuditLog;
class BankHolidayChanges;
class ClientMerge;
class ClientSearch;
class ClientStore;
class ClinicSettings;
class ConsentStore;
class Database;
class Diary;
class Erasure;
class ImageStore;
class InteractionStore;
class Payments;
class PrivacyRegister;
class Quotes;
class RetentionReview;
class TreatmentRecords;
class Vault;
} // namespace cd

namespace cd::ui {

class TaskRunner;

// One signed-in session at the desk: the open vault, who is at it, one instance of each service,
// and the change feed turned into signals. Windows and dialogs use these instances (a dialog is
// handed the ones it needs) rather than making their own; only work on a worker thread, which is
// handed the connection for its run, makes its own. Windows listen to these signals instead of reloading each
// other: whatever commits a change (this window, a dialog, a worker, or another desk fed in through
// apply()), every window showing that data hears of it once, after the commit.
class Workspace final : public QObject
{
    Q_OBJECT
public:
    explicit Workspace(std::unique_ptr<Vault> vault, QObject* parent = nullptr);
    ~Workspace() override;
    Q_DISABLE_COPY_MOVE(Workspace)

    Vault& vault() { return *m_vault; }
    Database& db();
    const StaffMember& me() const { return m_me; }
    bool openedWithRecoveryKey() const;
    // May the person at the desk do this? (Core enforces it again on every call; screens use this to
    // grey out what would be refused.) The recovery key acts as a manager.
    bool may(Action action) const;
    bool isManager() const;

    ClientStore& clients() { return *m_clients; }
    InteractionStore& interactions() { return *m_interactions; }
    ConsentStore& consent() { return *m_consent; }
    ImageStore& images() { return *m_images; }
    Diary& diary() { return *m_diary; }
    TreatmentRecords& records() { return *m_records; }
    Quotes& quotes() { return *m_quotes; }
    Payments& payments() { return *m_payments; }
    PrivacyRegister& privacy() { return *m_privacy; }
    ClientSearch& search() { return *m_search; }
    ClientMerge& merge() { return *m_merge; }
    ClinicSettings& settings() { return *m_settings; }
    BankHolidayChanges& bankHolidays() { return *m_bankHolidays; }
    RetentionReview& retention() { return *m_retention; }
    AuditLog& audit() { return *m_audit; }
    Erasure& erasure() { return *m_erasure; }
    // The owner of long work (export, erasure, import, re-key, backup) in this session.
    TaskRunner& tasks() { return *m_tasks; }

    // Changes committed elsewhere (another desk's, read from the clinic server) go out through the
    // same signals; this connection's own arrive here by themselves.
    void apply(const ChangeSet& changes);

Q_SIGNALS:
    // Every committed change set, then one signal per kind it touched. `clients` empty: any client;
    // `days` empty: any day.
    void changed(const cd::ChangeSet& changes);
    void clientsChanged(const QSet<qint64>& clients);
    void interactionsChanged(const QSet<qint64>& clients);
    void consentChanged(const QSet<qint64>& clients);
    void imagesChanged(const QSet<qint64>& clients);
    void diaryChanged(const QSet<QDate>& days);
    void recordsChanged(const QSet<qint64>& clients);
    void quotesChanged(const QSet<qint64>& clients);
    void paymentsChanged(const QSet<qint64>& clients);
    void privacyChanged(const QSet<qint64>& clients);
    void staffChanged();
    void settingsChanged();
    void stockChanged();

private:
    void deliver(const ChangeSet& changes); // now, or when the running tasks have ended
    TaskRunner* m_tasks;
    QList<ChangeSet> m_held;
    std::unique_ptr<Vault> m_vault;
    StaffMember m_me;
    std::unique_ptr<ClientStore> m_clients;
    std::unique_ptr<InteractionStore> m_interactions;
    std::unique_ptr<ConsentStore> m_consent;
    std::unique_ptr<ImageStore> m_images;
    std::unique_ptr<Diary> m_diary;
    std::unique_ptr<TreatmentRecords> m_records;
    std::unique_ptr<Quotes> m_quotes;
    std::unique_ptr<Payments> m_payments;
    std::unique_ptr<PrivacyRegister> m_privacy;
    std::unique_ptr<ClientSearch> m_search;
    std::unique_ptr<ClientMerge> m_merge;
    std::unique_ptr<ClinicSettings> m_settings;
    std::unique_ptr<BankHolidayChanges> m_bankHolidays;
    std::unique_ptr<RetentionReview> m_retention;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<Erasure> m_erasure;
};

} // namespace cd::ui
