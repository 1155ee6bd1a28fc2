#include "desk/Workspace.h"

#include "audit/AuditLog.h"
#include "clients/ClientMerge.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "desk/TaskRunner.h"
#include "diary/Diary.h"
#include "images/ImageStore.h"
#include "privacy/BankHolidays.h"
#include "privacy/Erasure.h"
#include "privacy/Register.h"
#include "privacy/Retention.h"
#include "records/Payments.h"
#include "records/Quotes.h"
#include "records/TreatmentRecords.h"
#include "search/ClientSearch.h"
#include "settings/Settings.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

#include <QPointer>
#include <QThread>

namespace cd::ui {

Workspace::Workspace(std::unique_ptr<Vault> vault, QObject* parent)
    : QObject(parent), m_tasks(new TaskRunner(this)), m_vault(std::move(vault))
{
    // While a worker uses the connection, the windows do not read it: what changed meanwhile is
    // delivered once the last task has ended.
    connect(m_tasks, &TaskRunner::idle, this, [this] {
        for (const ChangeSet& c : std::exchange(m_held, {}))
            apply(c);
    });
    if (!m_vault->user().isEmpty()) {
        if (auto me = staff::byUsername(m_vault->db(), m_vault->user()))
            m_me = me.value();
        else
            m_me.displayName = m_vault->user();
    }
    Database& d = m_vault->db();
    m_clients = std::make_unique<ClientStore>(d);
    m_interactions = std::make_unique<InteractionStore>(d);
    m_consent = std::make_unique<ConsentStore>(d);
    m_images = std::make_unique<ImageStore>(d);
    m_diary = std::make_unique<Diary>(d);
    m_records = std::make_unique<TreatmentRecords>(d);
    m_quotes = std::make_unique<Quotes>(d);
    m_payments = std::make_unique<Payments>(d);
    m_privacy = std::make_unique<PrivacyRegister>(d);
    m_search = std::make_unique<ClientSearch>(d);
    m_merge = std::make_unique<ClientMerge>(d);
    m_settings = std::make_unique<ClinicSettings>(d);
    m_bankHolidays = std::make_unique<BankHolidayChanges>(d);
    m_retention = std::make_unique<RetentionReview>(d);
    m_audit = std::make_unique<AuditLog>(d);
    m_erasure = std::make_unique<Erasure>(d);
    // Delivered after the commit, from the event loop: a window reloading what it shows never runs
    // inside the writer's call (which may still checkpoint, or be a worker thread's).
    QPointer<Workspace> self(this);
    d.setChangeListener([self](const ChangeSet& changes) {
        if (self)
            QMetaObject::invokeMethod(
                self.data(),
                [self, changes] {
                    if (self)
                        self->deliver(changes);
                },
                Qt::QueuedConnection);
    });
}

Workspace::~Workspace()
{
    m_vault->db().setChangeListener({});
}

Database& Workspace::db()
{
    return m_vault->db();
}

bool Workspace::openedWithRecoveryKey() const
{
    return m_vault->openedWithRecoveryKey();
}

bool Workspace::may(Action action) const
{
    // The same rule core applies to this connection's actor (the recovery key acts as a manager).
    return access::allowed(m_vault->db().actor().role, action);
}

bool Workspace::isManager() const
{
    // The connection's actor, as may() and core use (the recovery key signs in as a manager).
    return m_vault->db().actor().role == Role::Manager;
}

void Workspace::deliver(const ChangeSet& c)
{
    if (m_tasks->busy())
        m_held.append(c);
    else
        apply(c);
}

void Workspace::apply(const ChangeSet& c)
{
    if (c.isEmpty())
        return;
    Q_EMIT changed(c);
    if (c.touches(DataKind::Clients))
        Q_EMIT clientsChanged(c.clients);
    if (c.touches(DataKind::Interactions))
        Q_EMIT interactionsChanged(c.clients);
    if (c.touches(DataKind::Consent))
        Q_EMIT consentChanged(c.clients);
    if (c.touches(DataKind::Images))
        Q_EMIT imagesChanged(c.clients);
    if (c.touches(DataKind::Appointments) || c.touches(DataKind::Rooms))
        Q_EMIT diaryChanged(c.days);
    if (c.touches(DataKind::TreatmentRecords))
        Q_EMIT recordsChanged(c.clients);
    if (c.touches(DataKind::Quotes))
        Q_EMIT quotesChanged(c.clients);
    if (c.touches(DataKind::Payments))
        Q_EMIT paymentsChanged(c.clients);
    if (c.touches(DataKind::Privacy))
        Q_EMIT privacyChanged(c.clients);
    if (c.touches(DataKind::Staff))
        Q_EMIT staffChanged();
    if (c.touches(DataKind::Settings))
        Q_EMIT settingsChanged();
    if (c.touches(DataKind::Stock))
        Q_EMIT stockChanged();
}

} // namespace cd::ui
