#include "privacy/Erasure.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "clients/ClientStore.h"
#include "clients/NotesIndex.h"
#include "common/Clock.h"
#include "common/Text.h"
#include "privacy/DataMap.h"
#include "privacy/Register.h"
#include "storage/Rows.h"
#include "storage/Sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <algorithm>

namespace cd {

namespace {

struct ClientHead
{
    QString subjectRef, first, last, preferred, erasedAt;
};

Result<ClientHead> head(Database& db, qint64 id)
{
    auto c = ClientStore(db).get(id);
    if (!c)
        return c.error();
    return ClientHead{c->subjectRef, c->firstName, c->lastName, c->preferredName, c->erasedAt};
}

bool isNotesIndex(const datamap::Table& t)
{
    return t.category == datamap::Category::SearchIndex && !t.link.through.isEmpty();
}

bool isClientData(const datamap::Table& t)
{
    return !t.link.isEmpty() && t.category != datamap::Category::SearchIndex &&
           t.name != QLatin1String("clients");
}

// The client's tables, those whose rows are found through others' first.
QList<const datamap::Table*> clientTablesDeepestFirst()
{
    QList<const datamap::Table*> out;
    for (const datamap::Table& t : datamap::tables())
        if (isClientData(t))
            out.append(&t);
    std::stable_sort(out.begin(), out.end(), [](const datamap::Table* a, const datamap::Table* b) {
        return rows::depthOf(a->slice()) > rows::depthOf(b->slice());
    });
    return out;
}

} // namespace

Result<QList<std::pair<QString, QString>>> Erasure::erasedSubjects(Database& db)
{
    return guarded([&]() -> Result<QList<std::pair<QString, QString>>> {
        QList<std::pair<QString, QString>> out;
        auto st =
            db.prepare("SELECT subject_ref, min(erased_at) FROM erasure_tombstones GROUP BY subject_ref "
                       "ORDER BY 2");
        while (st.step())
            out.append({st.text(0), st.text(1)});
        return out;
    });
}

bool Erasure::nameMatches(const QString& typed, const QString& first, const QString& last,
                          const QString& preferred)
{
    // Letters only, folded: "Zoe OBrien" confirms "Zoë O'Brien"; spacing and punctuation do not count.
    const auto key = [](const QString& s) { return text::words(s).join(QString()); };
    const QString want = key(typed);
    return !want.isEmpty() && (want == key(first + QLatin1Char(' ') + last) ||
                               (!preferred.isEmpty() && want == key(preferred + QLatin1Char(' ') + last)));
}

Result<ErasurePlan> Erasure::plan(qint64 clientId)
{
    // The preview lists what is held about the person, category by category: the manager's.
    if (auto st = access::require(m_db, Action::EraseClients); !st)
        return st.error();
    return guarded([&]() -> Result<ErasurePlan> {
        auto h = head(m_db, clientId);
        if (!h)
            return h.error();
        ErasurePlan p;
        p.clientId = clientId;
        p.subjectRef = h->subjectRef;
        p.clientName =
            ((h->preferred.isEmpty() ? h->first : h->preferred) + QLatin1Char(' ') + h->last).trimmed();
        const datamap::RetentionPeriods periods = datamap::retentionPeriods(m_db);
        const rows::Cutoffs cutoffs = datamap::cutoffs(periods);
        for (const datamap::Table& t : datamap::tables()) {
            if (!isClientData(t))
                continue;
            const int gone = int(rows::count(m_db, t.slice(), rows::Part::Gone, clientId, cutoffs));
            const int kept = int(rows::count(m_db, t.slice(), rows::Part::Kept, clientId, cutoffs));
            if (gone > 0)
                p.erase.append({datamap::categoryName(t.category), t.name, gone, {}});
            if (kept > 0) {
                p.keep.append({datamap::categoryName(t.category), t.name, kept,
                               datamap::expand(t.keepReason, periods)});
                if (t.category != datamap::Category::Privacy)
                    p.keepsMinimalRecord = true;
            }
        }
        p.erase.prepend(
            {datamap::categoryName(datamap::Category::Contact), QStringLiteral("clients"), 1, {}});
        if (p.keepsMinimalRecord)
            p.keep.append({datamap::categoryName(datamap::Category::Contact), QStringLiteral("clients"), 1,
                           QObject::tr("name and date of birth only, to identify the records kept above")});
        return p;
    });
}

Result<qint64> Erasure::erase(qint64 clientId, const QString& confirmName, qint64 requestId, qint64 staffId)
{
    if (auto st = access::require(m_db, Action::EraseClients); !st)
        return st.error();
    auto p = plan(clientId);
    if (!p)
        return p.error();
    auto h = guarded([&] { return head(m_db, clientId); });
    if (!h)
        return h.error();
    if (!h->erasedAt.isEmpty())
        return makeError(Error::Kind::Conflict, QObject::tr("This client has already been erased."));
    if (!nameMatches(confirmName, h->first, h->last, h->preferred))
        return makeError(
            Error::Kind::Invalid,
            QObject::tr("Type the client's name (%1) to confirm the erasure.").arg(p->clientName));
    return guarded([&]() -> Result<qint64> {
        Transaction tx(m_db);
        auto tombstone = eraseRows(p.value(), requestId, staffId, QString());
        if (!tombstone)
            return tombstone;
        finish(tx);
        return tombstone;
    });
}

Result<QList<qint64>> Erasure::eraseMany(const QList<qint64>& clientIds, qint64 staffId, const QString& why)
{
    if (auto st = access::require(m_db, Action::EraseClients); !st)
        return st.error();
    return guarded([&]() -> Result<QList<qint64>> {
        // One transaction and one rewrite of each notes shard for the lot: all of them or none.
        Transaction tx(m_db);
        QList<qint64> tombstones;
        for (qint64 id : clientIds) {
            auto h = head(m_db, id);
            if (!h)
                return h.error();
            if (!h->erasedAt.isEmpty())
                return makeError(Error::Kind::Conflict,
                                 QObject::tr("Client %1 has already been erased.").arg(id));
            auto p = plan(id);
            if (!p)
                return p.error();
            auto tombstone = eraseRows(p.value(), 0, staffId, why);
            if (!tombstone)
                return tombstone.error();
            tombstones.append(tombstone.value());
        }
        finish(tx);
        return tombstones;
    });
}

void Erasure::finish(Transaction& tx)
{
    // The client index's rows went where they lay (secure_delete); the notes index keeps deleted
    // notes' words in its segments until its shard is rewritten.
    notes::purge(m_db, m_notesShards);
    m_notesShards.clear();
    tx.commit();
    // Committed: from here on a failure must not be reported as "not erased" (the caller would skip
    // the ledger and a retry would find no client). A reader elsewhere only delays the WAL's purge.
    try {
        m_walPurgePending = !m_db.tryCheckpointTruncate(Database::kBusyTimeoutMs);
    } catch (const StorageError&) {
        m_walPurgePending = true; // the next sign-in checkpoints again
    }
}

Result<qint64> Erasure::eraseRows(const ErasurePlan& plan, qint64 requestId, qint64 staffId,
                                  const QString& why)
{
    const qint64 clientId = plan.clientId;
    const QString now = Clock::nowIso();
    const rows::Cutoffs cutoffs = datamap::cutoffs(datamap::retentionPeriods(m_db));
    // Index rows first: they are found through the rows they copy.
    for (const datamap::Table& t : datamap::tables())
        if (t.category == datamap::Category::SearchIndex && !isNotesIndex(t))
            rows::remove(m_db, t.slice(), rows::Part::All, clientId);
    // Only the notes that go: a kept note (an open complaint) stays findable.
    const datamap::Table* notesOf = datamap::find(QStringLiteral("interactions"));
    m_notesShards.insert(notes::unindex(
        m_db, clientId, rows::ids(m_db, notesOf->slice(), rows::Part::Gone, clientId, cutoffs)));
    for (const datamap::Table* t : clientTablesDeepestFirst())
        rows::remove(m_db, t->slice(), rows::Part::Gone, clientId, cutoffs);
    if (plan.keepsMinimalRecord)
        ClientStore(m_db).keepMinimalRecordInTransaction(clientId, now);
    else
        ClientStore(m_db).removeInTransaction(clientId);

    QJsonArray erased, kept;
    for (const ErasureItem& i : plan.erase)
        erased.append(QJsonObject{{QStringLiteral("category"), i.category},
                                  {QStringLiteral("table"), i.table},
                                  {QStringLiteral("rows"), i.rows}});
    for (const ErasureItem& i : plan.keep)
        kept.append(QJsonObject{{QStringLiteral("category"), i.category},
                                {QStringLiteral("table"), i.table},
                                {QStringLiteral("rows"), i.rows},
                                {QStringLiteral("reason"), i.reason}});
    auto tomb = m_db.prepare("INSERT INTO erasure_tombstones (subject_ref, request_id, erased_at, staff_id, "
                             "erased, kept) VALUES (?,?,?,?,?,?)");
    tomb.bind(1, plan.subjectRef);
    requestId > 0 ? tomb.bind(2, requestId) : tomb.bindNull(2);
    tomb.bind(3, now);
    staffId > 0 ? tomb.bind(4, staffId) : tomb.bindNull(4);
    const qint64 tombstone =
        tomb.bind(5, QString::fromUtf8(QJsonDocument(erased).toJson(QJsonDocument::Compact)))
            .bind(6, QString::fromUtf8(QJsonDocument(kept).toJson(QJsonDocument::Compact)))
            .runInsert();
    QString detail = QStringLiteral("tombstone %1; %2 kept").arg(tombstone).arg(plan.keep.size());
    if (!why.isEmpty())
        detail += QStringLiteral("; ") + why;
    if (auto st = AuditLog(m_db).append(QStringLiteral("client-erased"), plan.subjectRef, detail); !st)
        return st.error();
    if (requestId > 0)
        PrivacyRegister(m_db).completeInTransaction(requestId);
    return tombstone;
}

} // namespace cd
