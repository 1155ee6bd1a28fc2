#include "privacy/Retention.h"

#include "accounts/Access.h"
#include "accounts/Staff.h"
#include "common/Clock.h"
#include "privacy/Erasure.h"
#include "settings/Settings.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

#include <QObject>
#include <QSet>

namespace cd {

namespace {

// Everything that counts as contact with a person: the latest of these is their last contact.
// (A new table of dated client activity belongs here too.)
const char* const kLastContact =
    "SELECT c.id, c.subject_ref, c.first_name, c.last_name, c.preferred_name, c.restricted, "
    "  max(substr(c.created_at, 1, 10), "
    "      coalesce((SELECT substr(max(occurred_at), 1, 10) FROM interactions WHERE client_id = c.id), ''), "
    "      coalesce((SELECT substr(max(recorded_at), 1, 10) FROM consent_events WHERE client_id = c.id), ''), "
    "      coalesce((SELECT substr(max(created_at), 1, 10) FROM images WHERE client_id = c.id), '')) AS last_contact, "
    "  (SELECT count(*) FROM privacy_requests WHERE client_id = c.id AND status = 'open') AS open_requests "
    "FROM clients c WHERE c.status = 'enquiry' AND c.erased_at IS NULL";

} // namespace

Result<QList<RetentionItem>> RetentionReview::due()
{
    if (auto st = access::require(m_db, Action::Retention); !st)
        return st.error();
    const int months = ClinicSettings(m_db).enquiryRetentionMonths();
    const QDate today = Clock::today();
    const QDate cutoff = today.addMonths(-months);
    return guarded([&]() -> Result<QList<RetentionItem>> {
        QList<RetentionItem> out;
        auto st = m_db.prepare(QStringLiteral("SELECT * FROM (%1) WHERE last_contact < ? ORDER BY last_contact, id")
                                   .arg(QString::fromLatin1(kLastContact)).toStdString());
        for (st.bind(1, cutoff.toString(Qt::ISODate)); st.step();) {
            RetentionItem i;
            i.clientId = st.int64(0);
            i.subjectRef = st.text(1);
            i.name = ((st.text(4).isEmpty() ? st.text(2) : st.text(4)) + QLatin1Char(' ') + st.text(3)).trimmed();
            i.rule = QStringLiteral("enquiry");
            i.ruleText = months == 1 ? QObject::tr("Enquiry that never became a client: kept 1 month after the last contact")
                                     : QObject::tr("Enquiry that never became a client: kept %1 months after the last contact").arg(months);
            i.lastContact = QDate::fromString(st.text(6), Qt::ISODate);
            i.dueSince = i.lastContact.addMonths(months);
            if (st.int64(7) > 0)
                i.blockedReason = QObject::tr("an open privacy request: answer it first");
            else if (st.int64(5) != 0)
                i.blockedReason = QObject::tr("the record is restricted: review it on its own");
            out.append(i);
        }
        return out;
    });
}

Result<int> RetentionReview::eraseDue(Vault& vault, const QList<qint64>& clientIds, int confirmCount)
{
    Database& db = vault.db();
    if (auto st = access::require(db, Action::Retention); !st)
        return st.error();
    if (auto st = access::require(db, Action::EraseClients); !st)
        return st.error();
    if (clientIds.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Choose the records to erase."));
    if (confirmCount != clientIds.size())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("Type the number of records to erase (%1) to confirm.").arg(clientIds.size()));
    auto items = RetentionReview(db).due();
    if (!items)
        return items.error();
    QHash<qint64, RetentionItem> byId;
    for (const RetentionItem& i : items.value())
        byId.insert(i.clientId, i);
    QStringList refs;
    for (qint64 id : QSet<qint64>(clientIds.begin(), clientIds.end())) {
        const auto it = byId.constFind(id);
        if (it == byId.constEnd())
            return makeError(Error::Kind::Conflict, QObject::tr("Client %1 is not due for erasure any more (the review changed since it was "
                                                                "shown). Look at the review again.").arg(id));
        if (!it->blockedReason.isEmpty())
            return makeError(Error::Kind::Conflict, QObject::tr("%1 cannot be erased in bulk: %2.").arg(it->name, it->blockedReason));
        refs << it->subjectRef;
    }
    if (refs.size() != clientIds.size())
        return makeError(Error::Kind::Invalid, QObject::tr("A record was chosen twice."));
    auto me = staff::byUsername(db, vault.user());
    auto tombstones = Erasure(db).eraseMany(clientIds, me ? me->id : 0,
                                             QStringLiteral("retention review"));
    if (!tombstones)
        return tombstones.error();
    // The ledger makes these erasures come back after an older backup is restored.
    for (const QString& ref : refs)
        if (auto st = vault.recordErasure(ref); !st)
            return st.error();
    return int(tombstones->size());
}

} // namespace cd
