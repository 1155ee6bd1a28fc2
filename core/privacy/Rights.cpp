#include "privacy/Rights.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "common/Clock.h"
#include "storage/Sql.h"

#include <QObject>

namespace cd::rights {

Status setRestricted(Database& db, qint64 clientId, bool restricted)
{
    if (auto st = access::require(db, Action::PrivacyRequests); !st)
        return st;
    return guarded([&]() -> Status {
        Transaction tx(db);
        if (auto st = ClientStore(db).setRestrictedInTransaction(clientId, restricted); !st)
            return st;
        if (auto logged = AuditLog(db).append(restricted ? QStringLiteral("processing-restricted")
                                                         : QStringLiteral("restriction-lifted"),
                                              client::subjectRefOf(db, clientId));
            !logged)
            return logged;
        tx.commit();
        return {};
    });
}

Result<bool> isRestricted(Database& db, qint64 clientId)
{
    auto state = ClientStore(db).state(clientId);
    if (!state)
        return state.error();
    return state->restricted;
}

Status objectToMarketing(Database& db, qint64 clientId, qint64 staffId)
{
    if (auto st = access::require(db, Action::PrivacyRequests); !st)
        return st;
    ConsentStore consent(db);
    auto now = consent.current(clientId);
    if (!now)
        return now.error();
    return guarded([&]() -> Status {
        Transaction tx(db);
        for (const auto& [channel, granted] : now.value()) {
            Q_UNUSED(granted) // every channel gets its "no", whatever it was
            consent.recordInTransaction(clientId, channel, false, Clock::nowIso(),
                                        QObject::tr("objection to marketing (privacy request)"), staffId);
        }
        if (auto st = AuditLog(db).append(QStringLiteral("marketing-objection"),
                                          client::subjectRefOf(db, clientId));
            !st)
            return st;
        tx.commit();
        return {};
    });
}

} // namespace cd::rights
