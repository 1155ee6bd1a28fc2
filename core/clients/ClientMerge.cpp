#include "clients/ClientMerge.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "clients/ClientStore.h"
#include "clients/NotesIndex.h"
#include "clients/Phone.h"
#include "common/Clock.h"
#include "common/Text.h"
#include "storage/Rows.h"
#include "storage/Sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

namespace cd {

namespace {

int statusRank(ClientStatus s)
{
    return s == ClientStatus::Active ? 2 : s == ClientStatus::Former ? 1 : 0;
}

QJsonArray toArray(const QStringList& l)
{
    return QJsonArray::fromStringList(l);
}

QStringList fromArray(const QJsonValue& v)
{
    QStringList out;
    for (const QJsonValue& x : v.toArray())
        out << x.toString();
    return out;
}

QList<qint64> idsFrom(const QJsonValue& v)
{
    QList<qint64> out;
    for (const QJsonValue& x : v.toArray())
        out << x.toInteger();
    return out;
}

QString normalisedEmail(const QString& e)
{
    return e.trimmed().toLower();
}

QString handleKey(const MessagingHandle& h)
{
    return h.service.toLower() + QLatin1Char(':') + h.handle.toLower();
}

// A client as JSON, complete enough to put it back exactly (undo).
QJsonObject clientJson(const Client& c)
{
    QJsonArray phones, emails, addresses, handles;
    for (const PhoneNumber& p : c.phones)
        phones.append(QJsonObject{{QStringLiteral("label"), p.label},
                                  {QStringLiteral("number"), p.number},
                                  {QStringLiteral("e164"), p.e164}});
    for (const EmailAddress& e : c.emails)
        emails.append(
            QJsonObject{{QStringLiteral("label"), e.label}, {QStringLiteral("address"), e.address}});
    for (const PostalAddress& a : c.addresses)
        addresses.append(QJsonObject{{QStringLiteral("label"), a.label},
                                     {QStringLiteral("line1"), a.line1},
                                     {QStringLiteral("line2"), a.line2},
                                     {QStringLiteral("town"), a.town},
                                     {QStringLiteral("county"), a.county},
                                     {QStringLiteral("postcode"), a.postcode},
                                     {QStringLiteral("country"), a.country}});
    for (const MessagingHandle& h : c.handles)
        handles.append(
            QJsonObject{{QStringLiteral("service"), h.service}, {QStringLiteral("handle"), h.handle}});
    return {{QStringLiteral("id"), double(c.id)},
            {QStringLiteral("subject_ref"), c.subjectRef},
            {QStringLiteral("title"), c.title},
            {QStringLiteral("first_name"), c.firstName},
            {QStringLiteral("last_name"), c.lastName},
            {QStringLiteral("preferred_name"), c.preferredName},
            {QStringLiteral("pronouns"), c.pronouns},
            {QStringLiteral("date_of_birth"), c.dateOfBirth.toString(Qt::ISODate)},
            {QStringLiteral("status"), vocab::code(c.status)},
            {QStringLiteral("source"), c.source},
            {QStringLiteral("created_at"), c.createdAt},
            {QStringLiteral("phones"), phones},
            {QStringLiteral("emails"), emails},
            {QStringLiteral("addresses"), addresses},
            {QStringLiteral("handles"), handles},
            {QStringLiteral("tags"), toArray(c.tags)}};
}

Client clientFromJson(const QJsonObject& o)
{
    Client c;
    c.id = o.value(QStringLiteral("id")).toInteger();
    c.subjectRef = o.value(QStringLiteral("subject_ref")).toString();
    c.title = o.value(QStringLiteral("title")).toString();
    c.firstName = o.value(QStringLiteral("first_name")).toString();
    c.lastName = o.value(QStringLiteral("last_name")).toString();
    c.preferredName = o.value(QStringLiteral("preferred_name")).toString();
    c.pronouns = o.value(QStringLiteral("pronouns")).toString();
    c.dateOfBirth = QDate::fromString(o.value(QStringLiteral("date_of_birth")).toString(), Qt::ISODate);
    c.status = vocab::fromCode<ClientStatus>(o.value(QStringLiteral("status")).toString())
                   .value_or(ClientStatus::Enquiry);
    c.source = o.value(QStringLiteral("source")).toString();
    c.createdAt = o.value(QStringLiteral("created_at")).toString();
    for (const QJsonValue& v : o.value(QStringLiteral("phones")).toArray()) {
        const QJsonObject p = v.toObject();
        c.phones.append({p.value(QStringLiteral("label")).toString(),
                         p.value(QStringLiteral("number")).toString(),
                         p.value(QStringLiteral("e164")).toString()});
    }
    for (const QJsonValue& v : o.value(QStringLiteral("emails")).toArray()) {
        const QJsonObject e = v.toObject();
        c.emails.append(
            {e.value(QStringLiteral("label")).toString(), e.value(QStringLiteral("address")).toString()});
    }
    for (const QJsonValue& v : o.value(QStringLiteral("addresses")).toArray()) {
        const QJsonObject a = v.toObject();
        c.addresses.append(
            {a.value(QStringLiteral("label")).toString(), a.value(QStringLiteral("line1")).toString(),
             a.value(QStringLiteral("line2")).toString(), a.value(QStringLiteral("town")).toString(),
             a.value(QStringLiteral("county")).toString(), a.value(QStringLiteral("postcode")).toString(),
             a.value(QStringLiteral("country")).toString()});
    }
    for (const QJsonValue& v : o.value(QStringLiteral("handles")).toArray()) {
        const QJsonObject h = v.toObject();
        c.handles.append(
            {h.value(QStringLiteral("service")).toString(), h.value(QStringLiteral("handle")).toString()});
    }
    c.tags = fromArray(o.value(QStringLiteral("tags")));
    return c;
}

// What the kept record gains from the merged one: empty fields filled, new numbers and addresses added.
struct Gain
{
    Client combined;
    QJsonObject record;
    QStringList words;
};

Gain combine(const Client& keep, const Client& other)
{
    Gain g{keep, {}, {}};
    auto fill = [&](QString Client::*field, const char* key, const QString& label) {
        if ((keep.*field).isEmpty() && !(other.*field).isEmpty()) {
            g.combined.*field = other.*field;
            g.record.insert(QLatin1String(key), other.*field);
            g.words << QObject::tr("%1 “%2” taken from the other record").arg(label, other.*field);
        }
    };
    fill(&Client::title, "title", QObject::tr("Title"));
    fill(&Client::preferredName, "preferred_name", QObject::tr("Preferred name"));
    fill(&Client::pronouns, "pronouns", QObject::tr("Pronouns"));
    fill(&Client::source, "source", QObject::tr("Source"));
    if (!keep.dateOfBirth.isValid() && other.dateOfBirth.isValid()) {
        g.combined.dateOfBirth = other.dateOfBirth;
        g.record.insert(QStringLiteral("date_of_birth"), other.dateOfBirth.toString(Qt::ISODate));
        g.words << QObject::tr("Date of birth %1 taken from the other record")
                       .arg(other.dateOfBirth.toString(QStringLiteral("dd/MM/yyyy")));
    }
    if (statusRank(other.status) > statusRank(keep.status)) {
        g.combined.status = other.status;
        g.record.insert(QStringLiteral("status"), vocab::code(other.status));
        g.record.insert(QStringLiteral("status_before"), vocab::code(keep.status));
        g.words << QObject::tr("Status becomes “%1”").arg(vocab::label(other.status));
    }
    QStringList have, added;
    for (const PhoneNumber& p : keep.phones)
        have << p.e164;
    for (const PhoneNumber& p : other.phones)
        if (!have.contains(p.e164)) {
            g.combined.phones.append(p);
            have << p.e164;
            added << p.e164;
            g.words << QObject::tr("Phone %1 added").arg(phone::formatNational(p.e164));
        }
    g.record.insert(QStringLiteral("phones"), toArray(added));
    have.clear();
    added.clear();
    for (const EmailAddress& e : keep.emails)
        have << normalisedEmail(e.address);
    for (const EmailAddress& e : other.emails)
        if (!have.contains(normalisedEmail(e.address))) {
            g.combined.emails.append(e);
            have << normalisedEmail(e.address);
            added << normalisedEmail(e.address);
            g.words << QObject::tr("Email %1 added").arg(e.address);
        }
    g.record.insert(QStringLiteral("emails"), toArray(added));
    if (keep.addresses.isEmpty() && !other.addresses.isEmpty()) {
        g.combined.addresses = other.addresses;
        g.record.insert(QStringLiteral("addresses"), true);
        g.words
            << QObject::tr("Address %1 taken from the other record").arg(other.addresses.first().postcode);
    }
    have.clear();
    added.clear();
    for (const MessagingHandle& h : keep.handles)
        have << handleKey(h);
    for (const MessagingHandle& h : other.handles)
        if (!have.contains(handleKey(h))) {
            g.combined.handles.append(h);
            added << handleKey(h);
            g.words << QObject::tr("%1 %2 added").arg(h.service, h.handle);
        }
    g.record.insert(QStringLiteral("handles"), toArray(added));
    added.clear();
    for (const QString& t : other.tags)
        if (!keep.tags.contains(t)) {
            g.combined.tags << t;
            added << t;
        }
    g.record.insert(QStringLiteral("tags"), toArray(added));
    if (!added.isEmpty())
        g.words << QObject::tr("Tags added: %1").arg(added.join(QStringLiteral(", ")));
    return g;
}

int countRows(Database& db, const QString& table, qint64 clientId)
{
    return int(rows::count(db, {table, {QStringLiteral("client_id"), {}}, {}}, rows::Part::All, clientId));
}

// Both records of a merge (or its preview), read before anything changes.
Result<std::pair<Client, Client>> loadPair(Database& db, qint64 keepId, qint64 mergeId)
{
    if (keepId == mergeId)
        return makeError(Error::Kind::Invalid, QObject::tr("Choose two different clients to merge."));
    ClientStore store(db);
    auto keep = store.get(keepId);
    if (!keep)
        return keep.error();
    auto other = store.get(mergeId);
    if (!other)
        return other.error();
    return std::pair{keep.value(), other.value()};
}

} // namespace

QSet<qint64> ClientMerge::movedInTransaction(Database& db, qint64 keptClientId, const QString& table)
{
    QSet<qint64> out;
    auto st = db.prepare("SELECT snapshot FROM client_merges WHERE kept_client_id = ? AND undone_at IS NULL");
    for (st.bind(1, keptClientId); st.step();) {
        const QJsonArray ids = QJsonDocument::fromJson(st.text(0).toUtf8())
                                   .object()
                                   .value(QStringLiteral("moved"))
                                   .toObject()
                                   .value(table)
                                   .toArray();
        for (const QJsonValue& id : ids)
            out.insert(qint64(id.toDouble()));
    }
    return out;
}

QStringList ClientMerge::movableTables()
{
    return {QStringLiteral("interactions"),
            QStringLiteral("consent_events"),
            QStringLiteral("privacy_requests"),
            QStringLiteral("images"),
            QStringLiteral("image_blobs"),
            QStringLiteral("appointments"),
            QStringLiteral("treatment_records"),
            QStringLiteral("quotes"),
            QStringLiteral("quote_items"),
            QStringLiteral("quote_images"),
            QStringLiteral("payments"),
            QStringLiteral("treatment_batch_tokens"),
            QStringLiteral("forms"),
            QStringLiteral("treatment_consent_overrides"),
            QStringLiteral("treatment_chart_points")};
}

QStringList ClientMerge::detailTables()
{
    return {QStringLiteral("client_phones"),    QStringLiteral("client_emails"),
            QStringLiteral("client_addresses"), QStringLiteral("client_handles"),
            QStringLiteral("client_tags"),      QStringLiteral("client_merges")};
}

Result<QList<DuplicatePair>> ClientMerge::likelyDuplicates(int limit)
{
    return guarded([&]() -> Result<QList<DuplicatePair>> {
        QList<DuplicatePair> out;
        QList<bool> namesDiffer;
        for (const ClientStore::LikelyPair& p : ClientStore(m_db).likelyPairsInTransaction(limit)) {
            if (!out.isEmpty() && out.last().firstId == p.first && out.last().secondId == p.second) {
                out.last().reason += QStringLiteral(", ") + p.why;
                continue;
            }
            out.append({p.first, p.second, {}, {}, p.why});
            namesDiffer.append(p.namesDiffer);
        }
        for (int i = 0; i < out.size(); ++i)
            if (namesDiffer.at(i))
                out[i].reason += QObject::tr(" (the names differ)");
        ClientStore store(m_db);
        for (DuplicatePair& p : out) {
            auto s = store.summaries({p.firstId, p.secondId});
            if (s && s->size() == 2) {
                p.firstName = s->at(0).displayName();
                p.secondName = s->at(1).displayName();
            }
        }
        return out;
    });
}

Result<MergePreview> ClientMerge::preview(qint64 keepId, qint64 mergeId)
{
    auto pair = loadPair(m_db, keepId, mergeId);
    if (!pair)
        return pair.error();
    Result<Client> keep = pair->first, other = pair->second;
    return guarded([&]() -> Result<MergePreview> {
        MergePreview p;
        p.keptName = keep->displayName();
        p.mergedName = other->displayName();
        p.changes = combine(keep.value(), other.value()).words;
        // A shared landline or family email brings people together who are not one person.
        const auto sameName = [](const QString& a, const QString& b) {
            const QString x = text::words(a).join(QString()), y = text::words(b).join(QString());
            return x == y ||
                   (!x.isEmpty() && !y.isEmpty() && (x.startsWith(y) || y.startsWith(x))); // "A." and "Amara"
        };
        if (!sameName(keep->lastName, other->lastName) || !sameName(keep->firstName, other->firstName))
            p.changes.prepend(
                QObject::tr("The names differ (%1 / %2): the kept record's name stays and the other goes. "
                            "Merge only if they are one person.")
                    .arg(p.keptName, p.mergedName));
        p.interactions = countRows(m_db, QStringLiteral("interactions"), mergeId);
        p.consentEvents = countRows(m_db, QStringLiteral("consent_events"), mergeId);
        return p;
    });
}

Result<qint64> ClientMerge::merge(qint64 keepId, qint64 mergeId, qint64 staffId)
{
    if (auto st = access::require(m_db, Action::MergeClients); !st)
        return st.error();
    auto pair = loadPair(m_db, keepId, mergeId);
    if (!pair)
        return pair.error();
    ClientStore store(m_db);
    Result<Client> keep = pair->first, other = pair->second;
    return guarded([&]() -> Result<qint64> {
        Gain g = combine(keep.value(), other.value());
        Transaction tx(m_db);
        // Both records change: the kept one gains the other's data, the other goes.
        for (const qint64 id : {keepId, mergeId})
            if (auto st = client::mayWrite(m_db, id, Action::MergeClients, ClientWrite::Add); !st)
                return makeError(st.error().kind,
                                 id == keepId ? st.message()
                                              : QObject::tr("The record to merge in: %1").arg(st.message()));
        QJsonObject moved;
        for (const QString& table : movableTables()) {
            const QList<qint64> movedIds = rows::moveAll(m_db, table, mergeId, keepId);
            QJsonArray ids;
            for (qint64 id : movedIds)
                ids.append(double(id));
            moved.insert(table, ids);
            if (table == QLatin1String("interactions"))
                notes::moveNotes(m_db, movedIds, mergeId, keepId);
        }
        store.updateInTransaction(g.combined);
        // Earlier merges into the absorbed record follow it, so they can still be undone.
        m_db.prepare("UPDATE client_merges SET kept_client_id = ? WHERE kept_client_id = ?")
            .bind(1, keepId)
            .bind(2, mergeId)
            .run();
        store.removeInTransaction(mergeId);
        const QJsonObject snapshot{{QStringLiteral("kept_before"), clientJson(keep.value())},
                                   {QStringLiteral("merged"), clientJson(other.value())},
                                   {QStringLiteral("moved"), moved},
                                   {QStringLiteral("gained"), g.record}};
        auto ins = m_db.prepare(
            "INSERT INTO client_merges (kept_client_id, merged_client_id, snapshot, merged_at, staff_id) "
            "VALUES (?,?,?,?,?)");
        ins.bind(1, keepId)
            .bind(2, mergeId)
            .bind(3, QString::fromUtf8(QJsonDocument(snapshot).toJson(QJsonDocument::Compact)))
            .bind(4, Clock::nowIso());
        if (staffId > 0)
            ins.bind(5, staffId);
        else
            ins.bindNull(5);
        const qint64 id = ins.runInsert();
        if (auto st =
                AuditLog(m_db).append(QStringLiteral("clients-merged"), keep->subjectRef,
                                      QStringLiteral("absorbed %1; merge %2").arg(other->subjectRef).arg(id));
            !st)
            return st.error();
        tx.commit();
        return id;
    });
}

Status ClientMerge::undo(qint64 mergeId)
{
    if (auto st = access::require(m_db, Action::MergeClients); !st)
        return st;
    return guarded([&]() -> Status {
        auto st = m_db.prepare("SELECT kept_client_id, snapshot, undone_at FROM client_merges WHERE id = ?");
        if (!st.bind(1, mergeId).step())
            return makeError(Error::Kind::NotFound, QObject::tr("That merge is no longer on record."));
        if (!st.isNull(2))
            return makeError(Error::Kind::Conflict, QObject::tr("That merge has already been undone."));
        const qint64 keepId = st.int64(0);
        const QJsonObject snap = QJsonDocument::fromJson(st.text(1).toUtf8()).object();
        ClientStore store(m_db);
        auto keepNow = store.get(keepId);
        if (!keepNow)
            return keepNow.error();
        const Client before = clientFromJson(snap.value(QStringLiteral("kept_before")).toObject());
        Client merged = clientFromJson(snap.value(QStringLiteral("merged")).toObject());
        const QJsonObject gained = snap.value(QStringLiteral("gained")).toObject();

        Transaction tx(m_db);
        if (store.existsInTransaction(merged.id))
            merged.id = 0;                 // its old id went to someone new: it comes back under a fresh one
        store.insertInTransaction(merged); // keeps its subject_ref and created_at
        const QJsonObject moved = snap.value(QStringLiteral("moved")).toObject();
        for (const QString& table : movableTables()) {
            const QList<qint64> movedBack =
                rows::moveBack(m_db, table, idsFrom(moved.value(table)), keepId, merged.id);
            if (table == QLatin1String("interactions"))
                notes::moveNotes(m_db, movedBack, keepId, merged.id);
        }
        // Take back only what the merge gave and nobody has changed since.
        Client k = keepNow.value();
        auto restore = [&](QString Client::*field, const char* key) {
            if (gained.contains(QLatin1String(key)) &&
                k.*field == gained.value(QLatin1String(key)).toString())
                k.*field = before.*field;
        };
        restore(&Client::title, "title");
        restore(&Client::preferredName, "preferred_name");
        restore(&Client::pronouns, "pronouns");
        restore(&Client::source, "source");
        if (gained.contains(QStringLiteral("date_of_birth")) &&
            k.dateOfBirth.toString(Qt::ISODate) == gained.value(QStringLiteral("date_of_birth")).toString())
            k.dateOfBirth = before.dateOfBirth;
        if (gained.contains(QStringLiteral("status")) &&
            vocab::code(k.status) == gained.value(QStringLiteral("status")).toString())
            k.status = vocab::fromCode<ClientStatus>(gained.value(QStringLiteral("status_before")).toString())
                           .value_or(ClientStatus::Enquiry);
        const QStringList phones = fromArray(gained.value(QStringLiteral("phones")));
        k.phones.removeIf([&](const PhoneNumber& p) { return phones.contains(p.e164); });
        const QStringList emails = fromArray(gained.value(QStringLiteral("emails")));
        k.emails.removeIf([&](const EmailAddress& e) { return emails.contains(normalisedEmail(e.address)); });
        if (gained.value(QStringLiteral("addresses")).toBool()) {
            const auto same = [](const PostalAddress& a, const PostalAddress& b) {
                return a.line1 == b.line1 && a.postcode == b.postcode;
            };
            k.addresses.removeIf([&](const PostalAddress& a) {
                return std::any_of(merged.addresses.cbegin(), merged.addresses.cend(),
                                   [&](const PostalAddress& m) { return same(a, m); });
            });
        }
        const QStringList handles = fromArray(gained.value(QStringLiteral("handles")));
        k.handles.removeIf([&](const MessagingHandle& h) { return handles.contains(handleKey(h)); });
        const QStringList tags = fromArray(gained.value(QStringLiteral("tags")));
        k.tags.removeIf([&](const QString& t) { return tags.contains(t); });
        store.updateInTransaction(k);
        m_db.prepare("UPDATE client_merges SET undone_at = ? WHERE id = ?")
            .bind(1, Clock::nowIso())
            .bind(2, mergeId)
            .run();
        if (auto logged = AuditLog(m_db).append(
                QStringLiteral("merge-undone"), k.subjectRef,
                QStringLiteral("restored %1; merge %2").arg(merged.subjectRef).arg(mergeId));
            !logged)
            return logged;
        tx.commit();
        return {};
    });
}

Result<QList<MergeRecord>> ClientMerge::history(int limit)
{
    return guarded([&]() -> Result<QList<MergeRecord>> {
        QList<MergeRecord> out;
        auto st = m_db.prepare(
            "SELECT id, kept_client_id, merged_client_id, snapshot, merged_at, undone_at FROM client_merges "
            "ORDER BY id DESC LIMIT ?");
        for (st.bind(1, limit); st.step();) {
            const QJsonObject snap = QJsonDocument::fromJson(st.text(3).toUtf8()).object();
            MergeRecord r;
            r.id = st.int64(0);
            r.keptClientId = st.int64(1);
            r.mergedClientId = st.int64(2);
            r.keptName = clientFromJson(snap.value(QStringLiteral("kept_before")).toObject()).displayName();
            r.mergedName = clientFromJson(snap.value(QStringLiteral("merged")).toObject()).displayName();
            r.mergedAt = st.text(4);
            r.undone = !st.isNull(5);
            out.append(r);
        }
        return out;
    });
}

} // namespace cd
