#include "privacy/Retention.h"

#include "accounts/Access.h"
#include "accounts/Staff.h"
#include "audit/AuditLog.h"
#include "clients/ClientStore.h"
#include "common/Clock.h"
#include "common/Text.h"
#include "privacy/DataMap.h"
#include "privacy/Erasure.h"
#include "privacy/Ledger.h"
#include "privacy/Register.h"
#include "settings/Settings.h"
#include "storage/Rows.h"
#include "storage/Sql.h"
#include "vault/Vault.h"

#include <QObject>
#include <QSet>
#include <algorithm>

namespace cd {

namespace {

// A rule of records kept for a number of years (clinic settings): treatment records with their
// photos after the client's last treatment, payments after the payment. The data map says which
// tables' rows a period keeps (privacy/DataMap.h).
struct TimedRule
{
    const char* key;
    QString period;
    int years;
    QString text;
};

QList<TimedRule> timedRules(const datamap::RetentionPeriods& periods)
{
    return {{"treatments", datamap::kTreatmentPeriod, periods.treatmentYears,
             QObject::tr(
                 "Treatment records and their photos: kept %1 years after the last treatment (legal claims)")
                 .arg(periods.treatmentYears)},
            {"forms", datamap::kFormPeriod, periods.treatmentYears + 1,
             QObject::tr("Signed forms: kept %1 years after the latest one, as long as the treatment records "
                         "they support (legal claims)")
                 .arg(periods.treatmentYears + 1)},
            {"payments", datamap::kPaymentPeriod, periods.paymentYears,
             QObject::tr("Payments: kept %1 years (tax records)").arg(periods.paymentYears)}};
}

// The client's own tables (not the client row, not a search index) whose rows a period keeps,
// those found through others' first.
QList<const datamap::Table*> tablesOf(const QString& period)
{
    QList<const datamap::Table*> out;
    for (const datamap::Table& t : datamap::tables())
        if (!t.link.isEmpty() && t.category != datamap::Category::SearchIndex &&
            rows::periodOf(t.slice()) == period)
            out.append(&t);
    std::stable_sort(out.begin(), out.end(), [](const datamap::Table* a, const datamap::Table* b) {
        return rows::depthOf(a->slice()) > rows::depthOf(b->slice());
    });
    return out;
}

QString blockedReason(const ClientStore::Head& who, const QSet<qint64>& openRequests)
{
    if (openRequests.contains(who.id))
        return QObject::tr("an open privacy request: answer it first");
    if (who.restricted && !who.erased)
        return QObject::tr("the record is restricted: review it on its own");
    return {};
}

} // namespace

Result<QList<RetentionItem>> RetentionReview::due()
{
    if (auto st = access::require(m_db, Action::Retention); !st)
        return st.error();
    const int months = ClinicSettings(m_db).enquiryRetentionMonths();
    const QDate today = Clock::today();
    const QString cutoff = today.addMonths(-months).toString(Qt::ISODate);
    return guarded([&]() -> Result<QList<RetentionItem>> {
        QList<RetentionItem> out;
        ClientStore clients(m_db);
        const QSet<qint64> openRequests = PrivacyRegister(m_db).clientsWithOpenRequestsInTransaction();

        // Enquiries that never became clients, by the last contact: the latest date anything
        // happened with the person (the data map's contact dates: created, a note, consent, a
        // photo, a booking, a quote). Someone treated or who paid became a client, whatever the
        // status field says.
        std::vector<rows::PerClient> contacts;
        for (const datamap::Table& t : datamap::tables())
            if (!t.contactDate.isEmpty())
                contacts.push_back(rows::PerClient::latest(m_db, t.slice(), t.contactDate));
        rows::PerClient treated =
            rows::PerClient::counting(m_db, datamap::find(QStringLiteral("treatment_records"))->slice());
        rows::PerClient paid =
            rows::PerClient::counting(m_db, datamap::find(QStringLiteral("payments"))->slice());
        QList<RetentionItem> enquiries;
        for (const ClientStore::Head& who : clients.enquirersInTransaction()) {
            if (treated.number(who.id) > 0 || paid.number(who.id) > 0)
                continue;
            QString last;
            for (rows::PerClient& c : contacts)
                last = std::max(last, c.text(who.id).left(10));
            if (!(last < cutoff))
                continue;
            RetentionItem i;
            i.clientId = who.id;
            i.subjectRef = who.subjectRef;
            i.name = who.displayName();
            i.rule = QStringLiteral("enquiry");
            i.ruleText =
                months == 1
                    ? QObject::tr("Enquiry that never became a client: kept 1 month after the last contact")
                    : QObject::tr("Enquiry that never became a client: kept %1 months after the last contact")
                          .arg(months);
            i.lastContact = QDate::fromString(last, Qt::ISODate);
            i.dueSince = i.lastContact.addMonths(months);
            i.blockedReason = blockedReason(who, openRequests);
            enquiries.append(i);
        }
        std::stable_sort(
            enquiries.begin(), enquiries.end(),
            [](const RetentionItem& a, const RetentionItem& b) { return a.lastContact < b.lastContact; });
        out << enquiries;

        // Records kept for a number of years: the table whose date decides (the records, the
        // payments) gives the clients and dates; rows found through it (a treatment's photos) count too.
        const datamap::RetentionPeriods periods = datamap::retentionPeriods(m_db);
        const rows::Cutoffs cutoffs = datamap::cutoffs(periods);
        for (const TimedRule& rule : timedRules(periods)) {
            const QList<const datamap::Table*> tables = tablesOf(rule.period);
            const auto dated = std::find_if(tables.cbegin(), tables.cend(), [](const datamap::Table* t) {
                return rows::depthOf(t->slice()) == 0;
            });
            if (dated == tables.cend())
                continue;
            const QList<rows::Expiry> expired =
                rows::expiredByClient(m_db, (*dated)->slice(), (*dated)->keep.column, cutoffs);
            QList<qint64> ids;
            for (const rows::Expiry& e : expired)
                ids << e.clientId;
            const QHash<qint64, ClientStore::Head> heads = clients.headsInTransaction(ids);
            // The rows that follow the dated table, counted client by client with one statement
            // each, prepared once for the rule.
            std::vector<rows::PerClient> followers;
            for (const datamap::Table* t : tables)
                if (t != *dated && t->exported)
                    followers.push_back(
                        rows::PerClient::counting(m_db, t->slice(), rows::Part::Expired, cutoffs));
            for (const rows::Expiry& e : expired) {
                const auto who = heads.constFind(e.clientId);
                if (who == heads.cend())
                    continue;
                RetentionItem i;
                i.clientId = e.clientId;
                i.subjectRef = who->subjectRef;
                i.name = who->erased ? QObject::tr("%1 (erased; records kept)").arg(who->displayName())
                                     : who->displayName();
                i.rule = QString::fromLatin1(rule.key);
                i.ruleText = rule.text;
                i.lastContact = QDate::fromString(e.latest, Qt::ISODate);
                i.dueSince = i.lastContact.addYears(rule.years);
                i.rows = int(e.rows);
                for (rows::PerClient& f : followers)
                    i.rows += int(f.number(e.clientId));
                i.blockedReason = blockedReason(*who, openRequests);
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
    const rows::Cutoffs cutoffs = datamap::cutoffs(periods);
    QHash<QString, QString> periodOfRule;
    for (const TimedRule& rule : timedRules(periods))
        periodOfRule.insert(QString::fromLatin1(rule.key), rule.period);
    // What an erased person may still have: their own tables but the register of requests.
    QList<rows::Slice> keptForThem;
    for (const datamap::Table& t : datamap::tables())
        if (!t.link.isEmpty() && t.category != datamap::Category::SearchIndex &&
            t.category != datamap::Category::Privacy && t.name != QLatin1String("clients"))
            keptForThem.append(t.slice());

    // 1. Timed records: only the rows past their period go.
    QList<qint64> enquirers;
    const Status purged = guarded([&]() -> Status {
        Transaction tx(db);
        bool any = false;
        ClientStore clients(db);
        for (const RetentionItem& i : chosen) {
            if (i.rule == QLatin1String("enquiry")) {
                enquirers << i.clientId;
                continue;
            }
            any = true;
            // Photos before the records they are found through.
            for (const datamap::Table* t : tablesOf(periodOfRule.value(i.rule)))
                rows::remove(db, t->slice(), rows::Part::Expired, i.clientId, cutoffs);
            if (auto st = AuditLog(db).append(QStringLiteral("retention-erased"), i.subjectRef,
                                              QStringLiteral("%1: %2 past their period")
                                                  .arg(i.rule, text::count(i.rows, "record", "records")));
                !st)
                return st;
            // A person erased earlier was kept only for these records: when none is left, the
            // minimal record (name, date of birth) goes too.
            const auto who = clients.headsInTransaction({i.clientId});
            if (who.contains(i.clientId) && who.value(i.clientId).erased &&
                std::none_of(keptForThem.cbegin(), keptForThem.cend(), [&](const rows::Slice& s) {
                    return rows::count(db, s, rows::Part::All, i.clientId) > 0;
                }))
                clients.removeInTransaction(i.clientId);
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
