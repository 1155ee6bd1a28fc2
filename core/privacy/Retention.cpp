#include "privacy/Retention.h"

#include "accounts/Access.h"
#include "accounts/Staff.h"
#include "audit/AuditLog.h"
#include "common/Clock.h"
#include "privacy/DataMap.h"
#include "privacy/Erasure.h"
#include "privacy/Ledger.h"
#include "settings/Settings.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

#include <QObject>
#include <QSet>
#include <algorithm>

namespace cd {

namespace {

// Everything that counts as contact with a person: the latest of these is their last contact.
// (A new table of dated client activity belongs here too.)
const char* const kLastContact =
    "SELECT c.id, c.subject_ref, c.first_name, c.last_name, c.preferred_name, c.restricted, "
    "  max(substr(c.created_at, 1, 10), "
    "      coalesce((SELECT substr(max(occurred_at), 1, 10) FROM interactions WHERE client_id = c.id), ''), "
    "      coalesce((SELECT substr(max(recorded_at), 1, 10) FROM consent_events WHERE client_id = c.id), "
    "''), "
    "      coalesce((SELECT substr(max(created_at), 1, 10) FROM images WHERE client_id = c.id), ''), "
    "      coalesce((SELECT substr(max(starts_at), 1, 10) FROM appointments WHERE client_id = c.id), ''), "
    "      coalesce((SELECT max(created_on) FROM quotes WHERE client_id = c.id), '')) AS last_contact, "
    "  (SELECT count(*) FROM privacy_requests WHERE client_id = c.id AND status = 'open') AS open_requests, "
    "  c.erased_at "
    "FROM clients c WHERE c.status = 'enquiry' AND c.erased_at IS NULL "
    // Someone treated or who paid became a client, whatever the status field says.
    "  AND NOT EXISTS (SELECT 1 FROM treatment_records WHERE client_id = c.id) "
    "  AND NOT EXISTS (SELECT 1 FROM payments WHERE client_id = c.id)";

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
        auto st =
            m_db.prepare(QStringLiteral("SELECT * FROM (%1) WHERE last_contact < ? ORDER BY last_contact, id")
                             .arg(QString::fromLatin1(kLastContact))
                             .toStdString());
        for (st.bind(1, cutoff.toString(Qt::ISODate)); st.step();) {
            RetentionItem i;
            i.clientId = st.int64(0);
            i.subjectRef = st.text(1);
            i.name =
                ((st.text(4).isEmpty() ? st.text(2) : st.text(4)) + QLatin1Char(' ') + st.text(3)).trimmed();
            i.rule = QStringLiteral("enquiry");
            i.ruleText =
                months == 1
                    ? QObject::tr("Enquiry that never became a client: kept 1 month after the last contact")
                    : QObject::tr("Enquiry that never became a client: kept %1 months after the last contact")
                          .arg(months);
            i.lastContact = QDate::fromString(st.text(6), Qt::ISODate);
            i.dueSince = i.lastContact.addMonths(months);
            if (st.int64(7) > 0)
                i.blockedReason = QObject::tr("an open privacy request: answer it first");
            else if (st.int64(5) != 0 && st.text(8).isEmpty())
                i.blockedReason = QObject::tr("the record is restricted: review it on its own");
            out.append(i);
        }

        // Records kept for a number of years (clinic settings): treatment records with their photos
        // after the client's last treatment, payments after the payment.
        const datamap::RetentionPeriods periods = datamap::retentionPeriods(m_db);
        const QDate treatmentCutoff = today.addYears(-periods.treatmentYears);
        const QDate paymentCutoff = today.addYears(-periods.paymentYears);
        struct Timed
        {
            const char* rule;
            std::string sql;
            QDate cutoff;
            int years;
            QString text;
        };
        const QList<Timed> timed{
            {"treatments",
             "SELECT r.client_id, max(r.given_on), count(*) + (SELECT count(*) FROM images i WHERE "
             "i.client_id = r.client_id "
             "AND i.treatment_ref IN (SELECT id FROM treatment_records WHERE client_id = r.client_id)) "
             "FROM treatment_records r GROUP BY r.client_id HAVING max(r.given_on) < ?",
             treatmentCutoff, periods.treatmentYears,
             QObject::tr(
                 "Treatment records and their photos: kept %1 years after the last treatment (legal claims)")
                 .arg(periods.treatmentYears)},
            {"payments",
             "SELECT client_id, max(paid_on), count(*) FROM payments WHERE paid_on < ? GROUP BY client_id",
             paymentCutoff, periods.paymentYears,
             QObject::tr("Payments: kept %1 years (tax records)").arg(periods.paymentYears)},
        };
        for (const Timed& t : timed) {
            auto q = m_db.prepare(t.sql);
            for (q.bind(1, t.cutoff.toString(Qt::ISODate)); q.step();) {
                RetentionItem i;
                i.clientId = q.int64(0);
                i.rule = QString::fromLatin1(t.rule);
                i.ruleText = t.text;
                i.lastContact = QDate::fromString(q.text(1), Qt::ISODate);
                i.dueSince = i.lastContact.addYears(t.years);
                i.rows = int(q.int64(2));
                auto who = m_db.prepare(
                    "SELECT subject_ref, first_name, last_name, preferred_name, restricted, erased_at, "
                    "(SELECT count(*) FROM privacy_requests WHERE client_id = clients.id AND status = "
                    "'open') "
                    "FROM clients WHERE id = ?");
                if (!who.bind(1, i.clientId).step())
                    continue;
                i.subjectRef = who.text(0);
                i.name =
                    ((who.text(3).isEmpty() ? who.text(1) : who.text(3)) + QLatin1Char(' ') + who.text(2))
                        .trimmed();
                if (!who.text(5).isEmpty())
                    i.name = QObject::tr("%1 (erased; records kept)").arg(i.name);
                if (who.int64(6) > 0)
                    i.blockedReason = QObject::tr("an open privacy request: answer it first");
                else if (who.int64(4) != 0 && who.text(5).isEmpty())
                    i.blockedReason = QObject::tr("the record is restricted: review it on its own");
                out.append(i);
            }
        }
        std::stable_sort(out.begin(), out.end(), [](const RetentionItem& a, const RetentionItem& b) {
            return a.dueSince < b.dueSince;
        });
        return out;
    });
}

Result<int> RetentionReview::eraseDue(Vault& vault, const QList<Key>& items, int confirmCount)
{
    Database& db = vault.db();
    if (auto st = access::require(db, Action::Retention); !st)
        return st.error();
    if (auto st = access::require(db, Action::EraseClients); !st)
        return st.error();
    if (items.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Choose the records to erase."));
    if (confirmCount != items.size())
        return makeError(
            Error::Kind::Invalid,
            QObject::tr("Type the number of records to erase (%1) to confirm.").arg(items.size()));
    auto due = RetentionReview(db).due();
    if (!due)
        return due.error();
    QList<RetentionItem> chosen;
    for (const Key& k : items) {
        const auto it = std::find_if(due->cbegin(), due->cend(), [&](const RetentionItem& i) {
            return i.clientId == k.clientId && i.rule == k.rule;
        });
        if (it == due->cend())
            return makeError(
                Error::Kind::Conflict,
                QObject::tr("Client %1 is not due for erasure any more (the review changed since it was "
                            "shown). Look at the review again.")
                    .arg(k.clientId));
        if (!it->blockedReason.isEmpty())
            return makeError(
                Error::Kind::Conflict,
                QObject::tr("%1 cannot be erased in bulk: %2.").arg(it->name, it->blockedReason));
        if (std::any_of(chosen.cbegin(), chosen.cend(),
                        [&](const RetentionItem& c) { return c.clientId == k.clientId && c.rule == k.rule; }))
            return makeError(Error::Kind::Invalid, QObject::tr("A record was chosen twice."));
        chosen.append(*it);
    }
    auto me = staff::byUsername(db, vault.user());
    const datamap::RetentionPeriods periods = datamap::retentionPeriods(db);
    const QString paymentCutoff = periods.today.addYears(-periods.paymentYears).toString(Qt::ISODate);

    // 1. Timed records: only the rows past their period go.
    QList<qint64> enquirers;
    const Status purged = guarded([&]() -> Status {
        Transaction tx(db);
        bool any = false;
        for (const RetentionItem& i : chosen) {
            if (i.rule == QLatin1String("enquiry")) {
                enquirers << i.clientId;
                continue;
            }
            any = true;
            if (i.rule == QLatin1String("treatments")) {
                // Photos first: they are found through the records they belong to.
                const char* photos = "images WHERE client_id = ?1 AND treatment_ref IN (SELECT id FROM "
                                     "treatment_records WHERE client_id = ?1)";
                db.prepare(std::string("DELETE FROM image_blobs WHERE image_id IN (SELECT id FROM ") +
                           photos + ")")
                    .bind(1, i.clientId)
                    .run();
                db.prepare(std::string("DELETE FROM ") + photos).bind(1, i.clientId).run();
                db.prepare("DELETE FROM treatment_records WHERE client_id = ?").bind(1, i.clientId).run();
            } else {
                db.prepare("DELETE FROM payments WHERE client_id = ? AND paid_on < ?")
                    .bind(1, i.clientId)
                    .bind(2, paymentCutoff)
                    .run();
            }
            if (auto st = AuditLog(db).append(
                    QStringLiteral("retention-erased"), i.subjectRef,
                    QStringLiteral("%1: %2 record(s) past their period").arg(i.rule).arg(i.rows));
                !st)
                return st;
            // A person erased earlier was kept only for these records: when none is left, the
            // minimal record (name, date of birth) goes too.
            bool nothingKept = false;
            {
                auto left = db.prepare("SELECT erased_at IS NOT NULL, "
                                       "(SELECT count(*) FROM treatment_records WHERE client_id = ?1) + "
                                       "(SELECT count(*) FROM payments WHERE client_id = ?1) + "
                                       "(SELECT count(*) FROM images WHERE client_id = ?1) + (SELECT "
                                       "count(*) FROM interactions WHERE client_id = ?1) "
                                       "FROM clients WHERE id = ?1");
                nothingKept = left.bind(1, i.clientId).step() && left.int64(0) != 0 && left.int64(1) == 0;
            }
            if (nothingKept) {
                db.prepare("DELETE FROM clients WHERE id = ?").bind(1, i.clientId).run();
            }
        }
        if (any) {
            tx.commit();
            // Committed: a reader elsewhere only delays the WAL's purge (the next sign-in does it).
            try {
                (void)db.tryCheckpointTruncate(Database::kBusyTimeoutMs);
            } catch (const StorageError&) {
            }
        }
        return {};
    });
    if (!purged)
        return purged.error();
    // 2. Enquirers: erased as people, with tombstones and the ledger.
    if (!enquirers.isEmpty()) {
        auto tombstones =
            Erasure(db).eraseMany(enquirers, me ? me->id : 0, QStringLiteral("retention review"));
        if (!tombstones)
            return tombstones.error();
    }
    // The ledger makes these erasures come back after an older backup is restored. Everyone erased
    // has a tombstone (the enquirers' from eraseMany, the finished ones' from their first erasure).
    if (auto st = syncErasureLedger(vault); !st)
        return st.error();
    return int(chosen.size());
}

} // namespace cd
