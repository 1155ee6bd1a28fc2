#include "clients/Interaction.h"

#include "accounts/Access.h"
#include "accounts/Staff.h"
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "clients/ClientStore.h"
#include "clients/NotesIndex.h"
#include "common/Clock.h"
#include "common/Limits.h"
#include "storage/Sql.h"

#include <QLocale>
#include <QObject>
#include <QSet>

namespace cd {

qint64 InteractionStore::addInTransaction(Interaction& i)
{
    if (i.occurredAt.isEmpty())
        i.occurredAt = Clock::nowIso();
    if (i.kind == InteractionKind::Complaint && i.complaintStatus == ComplaintStatus::None)
        i.complaintStatus = ComplaintStatus::Open;
    auto st =
        m_db.prepare("INSERT INTO interactions (client_id, kind, direction, duration_seconds, occurred_at, "
                     "author_id, body, follow_up_on, complaint_status, complaint_resolution, created_at) "
                     "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    st.bind(1, i.clientId).bind(2, vocab::code(i.kind)).bindOptional(3, vocab::code(i.direction));
    if (i.durationSeconds > 0)
        st.bind(4, i.durationSeconds);
    else
        st.bindNull(4);
    st.bind(5, i.occurredAt);
    if (i.authorId > 0)
        st.bind(6, i.authorId);
    else
        st.bindNull(6);
    st.bind(7, i.body)
        .bindOptional(8, i.followUpOn.isValid() ? i.followUpOn.toString(Qt::ISODate) : QString())
        .bindOptional(9, vocab::code(i.complaintStatus))
        .bindOptional(10, i.complaintResolution);
    i.id = st.bind(11, Clock::nowIso()).runInsert();
    notes::index(m_db, i.id, i.clientId, i.body);
    return i.id;
}

Status InteractionStore::rebuildNotesIndexIfPending(
    const std::function<void(qint64 done, qint64 total, const QString& step)>& progress)
{
    return guarded([&]() -> Status {
        if (!notes::rebuildPending(m_db))
            return {}; // one read at each opening
        BulkWrite bulk(m_db);
        Transaction tx(m_db);
        if (!notes::rebuildPending(m_db))
            return {}; // another program opening the vault did it while this one waited
        notes::startRebuild(m_db);
        auto highest = m_db.prepare("SELECT coalesce(max(id), 0) FROM interactions");
        const qint64 total = highest.step() ? highest.int64(0) : 0;
        highest.reset();
        const QString step = QObject::tr("Updating the index of notes for this version…");
        auto st = m_db.prepare("SELECT id, client_id, body FROM interactions");
        if (progress)
            progress(0, total, step);
        for (qint64 n = 1; st.step(); ++n) {
            if (progress && n % 20000 == 0)
                progress(st.int64(0), total, step);
            notes::index(m_db, st.int64(0), st.int64(1), st.text(2));
        }
        notes::finishRebuild(m_db);
        tx.commit();
        return {};
    });
}

Result<qint64> InteractionStore::add(Interaction i)
{
    if (auto st = access::require(m_db, Action::LogInteractions); !st)
        return st.error();
    i.body = i.body.trimmed();
    if (i.authorId <= 0) // the command line names nobody: the one signed in wrote it
        i.authorId = m_db.actor().staffId;
    if (i.body.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Write a note: what was said or asked."));
    if (auto st = limits::check(i.body, limits::kNote, QObject::tr("The note")); !st)
        return st.error();
    // A follow-up is something still to do: a day already gone would open the desk's list "overdue".
    if (i.followUpOn.isValid() && i.followUpOn < Clock::today())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("The follow-up date %1 is in the past: choose today or a later day.")
                             .arg(QLocale().toString(i.followUpOn, QLocale::LongFormat)));
    return guarded([&]() -> Result<qint64> {
        Transaction tx(m_db);
        if (auto st = client::mayWrite(m_db, i.clientId, Action::LogInteractions, ClientWrite::Add); !st)
            return st.error();
        const qint64 id = addInTransaction(i);
        if (auto st = AuditLog(m_db).append(QStringLiteral("interaction-logged"),
                                            client::subjectRefOf(m_db, i.clientId), vocab::code(i.kind));
            !st)
            return st.error();
        tx.commit();
        return id;
    });
}

Result<QList<Interaction>> InteractionStore::timeline(qint64 clientId)
{
    return guarded([&]() -> Result<QList<Interaction>> {
        QList<Interaction> out;
        const QHash<qint64, QString> staffNames = staff::namesInTransaction(m_db);
        auto st = m_db.prepare("SELECT i.id, i.kind, i.direction, i.duration_seconds, i.occurred_at, "
                               "i.author_id, NULL, i.body, "
                               "i.follow_up_on, i.follow_up_done_at, i.complaint_status, "
                               "i.complaint_resolution FROM interactions i WHERE i.client_id = ? ORDER BY "
                               "i.occurred_at DESC, i.id DESC");
        for (st.bind(1, clientId); st.step();) {
            Interaction i;
            i.id = st.int64(0);
            i.clientId = clientId;
            i.kind = vocab::fromCode<InteractionKind>(st.text(1)).value_or(InteractionKind::Call);
            i.direction = vocab::fromCode<Direction>(st.text(2)).value_or(Direction::None);
            i.durationSeconds = int(st.int64(3));
            i.occurredAt = st.text(4);
            i.authorId = st.int64(5);
            i.authorName = staffNames.value(i.authorId);
            i.body = st.text(7);
            i.followUpOn = QDate::fromString(st.text(8), Qt::ISODate);
            i.followUpDoneAt = st.text(9);
            i.complaintStatus = vocab::fromCode<ComplaintStatus>(st.text(10)).value_or(ComplaintStatus::None);
            i.complaintResolution = st.text(11);
            out.append(i);
        }
        return out;
    });
}

Result<QList<FollowUp>> InteractionStore::followUpsDue(const QDate& day, int limit)
{
    return guarded([&]() -> Result<QList<FollowUp>> {
        QList<FollowUp> out;
        auto st = m_db.prepare(
            "SELECT i.id, i.client_id, NULL, NULL, NULL, i.follow_up_on, i.kind, i.body FROM interactions i "
            "WHERE i.follow_up_on IS NOT NULL AND i.follow_up_done_at IS NULL AND i.follow_up_on <= ? "
            "ORDER BY i.follow_up_on, i.id LIMIT ?");
        st.bind(2, limit > 0 ? limit : -1); // a negative LIMIT is no limit
        for (st.bind(1, day.toString(Qt::ISODate)); st.step();) {
            FollowUp f;
            f.interactionId = st.int64(0);
            f.clientId = st.int64(1);

            f.due = QDate::fromString(st.text(5), Qt::ISODate);
            f.kind = vocab::fromCode<InteractionKind>(st.text(6)).value_or(InteractionKind::Call);
            f.body = st.text(7);
            out.append(f);
        }
        st.reset();
        QSet<qint64> clients;
        for (const FollowUp& f : out)
            clients.insert(f.clientId);
        const QHash<qint64, QString> names = ClientStore(m_db).displayNamesInTransaction(clients);
        for (FollowUp& f : out)
            f.clientName = names.value(f.clientId).trimmed();
        return out;
    });
}

Status InteractionStore::completeFollowUp(qint64 interactionId)
{
    if (auto st = access::require(m_db, Action::LogInteractions); !st)
        return st;
    return guarded([&]() -> Status {
        auto who =
            m_db.prepare("SELECT client_id FROM interactions WHERE id = ? AND follow_up_on IS NOT NULL");
        if (!who.bind(1, interactionId).step())
            return makeError(Error::Kind::NotFound, QObject::tr("That follow-up no longer exists."));
        if (auto st = client::mayWrite(m_db, who.int64(0), Action::LogInteractions, ClientWrite::Less); !st)
            return st;
        m_db.prepare(
                "UPDATE interactions SET follow_up_done_at = ? WHERE id = ? AND follow_up_on IS NOT NULL")
            .bind(1, Clock::nowIso())
            .bind(2, interactionId)
            .run();
        if (m_db.changes() == 0)
            return makeError(Error::Kind::NotFound, QObject::tr("That follow-up no longer exists."));
        return {};
    });
}

Status InteractionStore::resolveComplaint(qint64 interactionId, const QString& resolution)
{
    if (resolution.trimmed().isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Write how the complaint was resolved."));
    if (auto st = access::require(m_db, Action::LogInteractions); !st)
        return st;
    return guarded([&]() -> Status {
        Transaction tx(m_db);
        auto owner = m_db.prepare("SELECT client_id FROM interactions WHERE id = ? AND kind = 'complaint'");
        if (!owner.bind(1, interactionId).step())
            return makeError(Error::Kind::NotFound, QObject::tr("That complaint no longer exists."));
        if (auto st = client::mayWrite(m_db, owner.int64(0), Action::LogInteractions, ClientWrite::Change);
            !st)
            return st;
        m_db.prepare("UPDATE interactions SET complaint_status = 'resolved', complaint_resolution = ? "
                     "WHERE id = ? AND kind = 'complaint'")
            .bind(1, resolution.trimmed())
            .bind(2, interactionId)
            .run();
        if (m_db.changes() == 0)
            return makeError(Error::Kind::NotFound, QObject::tr("That complaint no longer exists."));
        auto who = m_db.prepare("SELECT client_id FROM interactions WHERE id = ?");
        who.bind(1, interactionId).step();
        if (auto logged = AuditLog(m_db).append(QStringLiteral("complaint-resolved"),
                                                client::subjectRefOf(m_db, who.int64(0)));
            !logged)
            return logged;
        tx.commit();
        return {};
    });
}

Status ConsentStore::record(qint64 clientId, ContactChannel channel, bool granted, const QString& method,
                            qint64 staffId, const QString& note)
{
    if (method.trimmed().isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Say how consent was given or withdrawn."));
    return guarded([&]() -> Status {
        Transaction tx(m_db);
        // Withdrawing consent is always honoured (less processing); giving it is new data.
        if (auto st = client::mayWrite(m_db, clientId, Action::EditClients,
                                       granted ? ClientWrite::Add : ClientWrite::Less);
            !st)
            return st;
        recordInTransaction(clientId, channel, granted, Clock::nowIso(), method.trimmed(), staffId, note);
        if (auto logged = AuditLog(m_db).append(granted ? QStringLiteral("consent-given")
                                                        : QStringLiteral("consent-withdrawn"),
                                                client::subjectRefOf(m_db, clientId), vocab::code(channel));
            !logged)
            return logged;
        tx.commit();
        return {};
    });
}

void ConsentStore::recordInTransaction(qint64 clientId, ContactChannel channel, bool granted,
                                       const QString& recordedAt, const QString& method, qint64 staffId,
                                       const QString& note)
{
    auto st = m_db.prepare("INSERT INTO consent_events (client_id, channel, granted, recorded_at, method, "
                           "staff_id, note) VALUES (?,?,?,?,?,?,?)");
    st.bind(1, clientId)
        .bind(2, vocab::code(channel))
        .bind(3, granted ? 1 : 0)
        .bind(4, recordedAt)
        .bind(5, method);
    staffId > 0 ? st.bind(6, staffId) : st.bindNull(6);
    st.bindOptional(7, note).run();
}

void ConsentStore::backdateInTransaction(const QList<qint64>& clientIds, const QString& recordedAt)
{
    auto up = m_db.prepare("UPDATE consent_events SET recorded_at = ? WHERE client_id = ?");
    for (qint64 id : clientIds) {
        up.bind(1, recordedAt).bind(2, id).run();
        up.reset();
    }
}

void InteractionStore::backdateInTransaction(const QList<qint64>& clientIds, const QString& at)
{
    auto up = m_db.prepare("UPDATE interactions SET occurred_at = ?, created_at = ?, follow_up_on = NULL, "
                           "follow_up_done_at = NULL WHERE client_id = ?");
    for (qint64 id : clientIds) {
        up.bind(1, at).bind(2, at).bind(3, id).run();
        up.reset();
    }
}

Result<QList<ConsentEvent>> ConsentStore::history(qint64 clientId)
{
    return guarded([&]() -> Result<QList<ConsentEvent>> {
        QList<ConsentEvent> out;
        const QHash<qint64, QString> staffNames = staff::namesInTransaction(m_db);
        auto st = m_db.prepare(
            "SELECT e.channel, e.granted, e.recorded_at, e.method, e.staff_id, e.note "
            "FROM consent_events e WHERE e.client_id = ? ORDER BY e.recorded_at DESC, e.id DESC");
        for (st.bind(1, clientId); st.step();)
            out.append({vocab::fromCode<ContactChannel>(st.text(0)).value_or(ContactChannel::Email),
                        st.int64(1) != 0, st.text(2), st.text(3), staffNames.value(st.int64(4)), st.text(5)});
        return out;
    });
}

Result<QList<std::pair<ContactChannel, bool>>> ConsentStore::current(qint64 clientId)
{
    auto events = history(clientId);
    if (!events)
        return events.error();
    QList<std::pair<ContactChannel, bool>> out;
    for (ContactChannel ch : vocab::all<ContactChannel>()) {
        bool granted = false;
        for (const ConsentEvent& e : events.value())
            if (e.channel == ch) {
                granted = e.granted;
                break;
            }
        out.append({ch, granted});
    }
    return out;
}

QList<qint64> InteractionStore::clientsWithNotesMatchingInTransaction(const QString& ftsQuery, int cap)
{
    auto owner = m_db.prepare("SELECT client_id FROM interactions WHERE id = ?");
    return notes::clientsMatching(m_db, ftsQuery, cap, [&](qint64 interactionId) {
        owner.bind(1, interactionId);
        const qint64 client = owner.step() ? owner.int64(0) : 0;
        owner.reset();
        return client;
    });
}

} // namespace cd
