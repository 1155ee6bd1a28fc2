#include "clients/ClientStore.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "clients/ClientIndex.h"
#include "clients/Interaction.h"
#include "clients/Phone.h"
#include "common/Clock.h"
#include "common/Limits.h"
#include "common/Text.h"
#include "storage/Sql.h"

#include <QObject>
#include <algorithm>
#include <functional>
#include <sodium.h>

namespace cd {

namespace {

QString newSubjectRef()
{
    unsigned char b[8];
    randombytes_buf(b, sizeof b);
    return QStringLiteral("S-") +
           QString::fromLatin1(QByteArray(reinterpret_cast<char*>(b), sizeof b).toHex().toUpper());
}

QString dateOrEmpty(const QDate& d)
{
    return d.isValid() ? d.toString(Qt::ISODate) : QString();
}

} // namespace

qint64 ClientStore::insertInTransaction(Client& c)
{
    const QString now = Clock::nowIso();
    if (c.subjectRef.isEmpty())
        c.subjectRef = newSubjectRef();
    if (c.createdAt.isEmpty())
        c.createdAt = now;
    c.updatedAt = c.createdAt;
    auto st = m_db.prepare(
        "INSERT INTO clients (subject_ref, title, first_name, last_name, preferred_name, date_of_birth, "
        "pronouns, status, source, created_at, updated_at, id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)");
    if (c.id > 0)
        st.bind(12, c.id);
    else
        st.bindNull(12);
    st.bind(1, c.subjectRef)
        .bindOptional(2, c.title)
        .bind(3, c.firstName)
        .bind(4, c.lastName)
        .bindOptional(5, c.preferredName)
        .bindOptional(6, dateOrEmpty(c.dateOfBirth))
        .bindOptional(7, c.pronouns)
        .bind(8, vocab::code(c.status))
        .bindOptional(9, c.source)
        .bind(10, c.createdAt)
        .bind(11, c.updatedAt);
    c.id = st.runInsert();
    writeDetails(c);
    reindex(c);
    return c.id;
}

Result<qint64> ClientStore::create(Client c)
{
    if (auto st = access::require(m_db, Action::EditClients); !st)
        return st.error();
    if (auto st = validate(c); !st)
        return st.error();
    return guarded([&]() -> Result<qint64> {
        Transaction tx(m_db);
        const qint64 id = insertInTransaction(c);
        if (auto st = AuditLog(m_db).append(QStringLiteral("client-created"), c.subjectRef); !st)
            return st.error();
        tx.commit();
        return id;
    });
}

Result<ClientStore::RecordState> ClientStore::state(qint64 id)
{
    return guarded([&]() -> Result<RecordState> {
        auto st = m_db.prepare("SELECT restricted, erased_at IS NOT NULL FROM clients WHERE id = ?");
        if (id <= 0 || !st.bind(1, id).step())
            return makeError(Error::Kind::NotFound, QObject::tr("There is no client with id %1.").arg(id));
        return RecordState{st.int64(0) != 0, st.int64(1) != 0};
    });
}

QHash<qint64, QString> ClientStore::displayNamesInTransaction(const QSet<qint64>& ids, bool liveOnly)
{
    QHash<qint64, QString> out;
    auto st = m_db.prepare(std::string("SELECT COALESCE(NULLIF(preferred_name, ''), first_name) || ' ' || "
                                       "last_name FROM clients WHERE id = ?") +
                           (liveOnly ? " AND erased_at IS NULL" : ""));
    for (qint64 id : ids) {
        if (st.bind(1, id).step())
            out.insert(id, st.text(0));
        st.reset();
    }
    return out;
}

QHash<qint64, ClientStore::Contact> ClientStore::contactsInTransaction(const QSet<qint64>& ids)
{
    QHash<qint64, Contact> out;
    auto who = m_db.prepare("SELECT subject_ref, COALESCE(NULLIF(preferred_name, ''), first_name) || ' ' || "
                            "last_name, erased_at IS NOT NULL FROM clients WHERE id = ?");
    auto phones = m_db.prepare("SELECT number FROM client_phones WHERE client_id = ? ORDER BY id");
    auto emails = m_db.prepare("SELECT address FROM client_emails WHERE client_id = ? ORDER BY id");
    // In id order: neighbouring clients share index and table pages, so a recall's few hundred
    // lookups read each page once rather than in the hash's order. Numbers and addresses come from
    // their indexes alone (schema 21).
    QList<qint64> ordered(ids.cbegin(), ids.cend());
    std::sort(ordered.begin(), ordered.end());
    for (qint64 id : ordered) {
        Contact c;
        if (who.bind(1, id).step()) {
            c.subjectRef = who.text(0);
            c.name = who.text(1);
            c.erased = who.int64(2) != 0;
        }
        who.reset();
        for (phones.bind(1, id); phones.step();)
            c.phones << phones.text(0);
        phones.reset();
        for (emails.bind(1, id); emails.step();)
            c.emails << emails.text(0);
        emails.reset();
        out.insert(id, c);
    }
    return out;
}

Result<QString> ClientStore::subjectRef(qint64 id)
{
    return guarded([&]() -> Result<QString> {
        auto st = m_db.prepare("SELECT subject_ref FROM clients WHERE id = ?");
        if (id <= 0 || !st.bind(1, id).step())
            return makeError(Error::Kind::NotFound, QObject::tr("There is no client with id %1.").arg(id));
        return st.text(0);
    });
}

Result<QList<std::pair<qint64, QString>>> ClientStore::allSubjects()
{
    return guarded([&]() -> Result<QList<std::pair<qint64, QString>>> {
        QList<std::pair<qint64, QString>> out;
        for (auto st = m_db.prepare("SELECT id, subject_ref FROM clients ORDER BY id"); st.step();)
            out.append({st.int64(0), st.text(1)});
        return out;
    });
}

Result<qint64> ClientStore::liveClientOf(const QString& ref)
{
    return guarded([&]() -> Result<qint64> {
        auto st = m_db.prepare("SELECT id FROM clients WHERE subject_ref = ? AND erased_at IS NULL");
        return st.bind(1, ref).step() ? st.int64(0) : qint64(0);
    });
}

void ClientStore::keepMinimalRecordInTransaction(qint64 id, const QString& now)
{
    m_db.prepare("UPDATE clients SET title = NULL, preferred_name = NULL, pronouns = NULL, source = NULL, "
                 "restricted = 1, erased_at = ?, updated_at = ? WHERE id = ?")
        .bind(1, now)
        .bind(2, now)
        .bind(3, id)
        .run();
}

void ClientStore::removeInTransaction(qint64 id)
{
    clientindex::remove(m_db, id);
    m_db.prepare("DELETE FROM clients WHERE id = ?").bind(1, id).run();
}

namespace {

const char* const kHead = "SELECT id, subject_ref, first_name, last_name, preferred_name, restricted, "
                          "erased_at IS NOT NULL FROM clients ";

ClientStore::Head headOf(const Statement& st)
{
    return {st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.int64(5) != 0, st.int64(6) != 0};
}

} // namespace

QString ClientStore::Head::displayName() const
{
    return ((preferredName.isEmpty() ? firstName : preferredName) + QLatin1Char(' ') + lastName).trimmed();
}

QList<ClientStore::Head> ClientStore::enquirersInTransaction()
{
    QList<Head> out;
    auto st = m_db.prepare(std::string(kHead) + "WHERE status = 'enquiry' AND erased_at IS NULL ORDER BY id");
    while (st.step())
        out.append(headOf(st));
    return out;
}

QHash<qint64, ClientStore::Head> ClientStore::headsInTransaction(const QList<qint64>& ids)
{
    QHash<qint64, Head> out;
    auto st = m_db.prepare(std::string(kHead) + "WHERE id = ?");
    for (qint64 id : ids) {
        if (st.bind(1, id).step())
            out.insert(id, headOf(st));
        st.reset();
    }
    return out;
}

bool ClientStore::existsInTransaction(qint64 id)
{
    return m_db.prepare("SELECT 1 FROM clients WHERE id = ?").bind(1, id).step();
}

Status ClientStore::recordKeptApart(qint64 id, qint64 otherId, const QString& why)
{
    return guarded([&]() -> Status {
        Transaction tx(m_db);
        if (!existsInTransaction(id) || !existsInTransaction(otherId))
            return makeError(Error::Kind::NotFound, QObject::tr("There is no such client."));
        // Pseudonymous references and a reason code: nothing personal in the log.
        if (auto st = AuditLog(m_db).append(
                QStringLiteral("client-kept-apart"), client::subjectRefOf(m_db, id),
                QStringLiteral("from %1: %2").arg(client::subjectRefOf(m_db, otherId), why));
            !st)
            return st;
        tx.commit();
        return {};
    });
}

Status ClientStore::setRestrictedInTransaction(qint64 id, bool restricted)
{
    m_db.prepare("UPDATE clients SET restricted = ? WHERE id = ? AND erased_at IS NULL")
        .bind(1, restricted ? 1 : 0)
        .bind(2, id)
        .run();
    if (m_db.changes() == 0)
        return makeError(
            Error::Kind::NotFound,
            QObject::tr("There is no client with id %1 (or the record has been erased).").arg(id));
    return {};
}

void ClientStore::backdateInTransaction(const QList<qint64>& ids, const QString& createdAt)
{
    auto up = m_db.prepare("UPDATE clients SET created_at = ?, updated_at = ? WHERE id = ?");
    for (qint64 id : ids) {
        up.bind(1, createdAt).bind(2, createdAt).bind(3, id).run();
        up.reset();
    }
}

Status ClientStore::update(Client c)
{
    if (auto st = validate(c); !st)
        return st;
    auto before = get(c.id);
    return guarded([&]() -> Status {
        Transaction tx(m_db);
        if (auto st = client::mayWrite(m_db, c.id, Action::EditClients, ClientWrite::Change); !st)
            return st;
        updateInTransaction(c);
        const QStringList fields = before ? client::changedFields(before.value(), c) : QStringList{};
        if (auto st = AuditLog(m_db).append(QStringLiteral("client-edited"),
                                            before ? before->subjectRef : QString(),
                                            fields.join(QStringLiteral(", ")));
            !st)
            return st;
        tx.commit();
        return {};
    });
}

void ClientStore::updateInTransaction(Client& c)
{
    c.updatedAt = Clock::nowIso();
    m_db.prepare("UPDATE clients SET title=?, first_name=?, last_name=?, preferred_name=?, date_of_birth=?, "
                 "pronouns=?, status=?, source=?, updated_at=? WHERE id=?")
        .bindOptional(1, c.title)
        .bind(2, c.firstName)
        .bind(3, c.lastName)
        .bindOptional(4, c.preferredName)
        .bindOptional(5, dateOrEmpty(c.dateOfBirth))
        .bindOptional(6, c.pronouns)
        .bind(7, vocab::code(c.status))
        .bindOptional(8, c.source)
        .bind(9, c.updatedAt)
        .bind(10, c.id)
        .run();
    for (const char* table :
         {"client_phones", "client_emails", "client_addresses", "client_handles", "client_tags"})
        m_db.prepare("DELETE FROM " + std::string(table) + " WHERE client_id = ?").bind(1, c.id).run();
    writeDetails(c);
    reindex(c);
}

void ClientStore::writeDetails(const Client& c)
{
    auto phones = m_db.prepare("INSERT INTO client_phones (client_id, label, number, e164) VALUES (?,?,?,?)");
    for (const PhoneNumber& p : c.phones)
        phones.bind(1, c.id).bind(2, p.label).bind(3, p.number).bindOptional(4, p.e164).run();
    auto emails =
        m_db.prepare("INSERT INTO client_emails (client_id, label, address, normalised) VALUES (?,?,?,?)");
    for (const EmailAddress& e : c.emails)
        emails.bind(1, c.id).bind(2, e.label).bind(3, e.address).bind(4, e.address.trimmed().toLower()).run();
    auto addresses =
        m_db.prepare("INSERT INTO client_addresses (client_id, label, line1, line2, town, county, "
                     "postcode, country) VALUES (?,?,?,?,?,?,?,?)");
    for (const PostalAddress& a : c.addresses) {
        if (a.isEmpty())
            continue;
        addresses.bind(1, c.id)
            .bind(2, a.label)
            .bindOptional(3, a.line1)
            .bindOptional(4, a.line2)
            .bindOptional(5, a.town)
            .bindOptional(6, a.county)
            .bindOptional(7, a.postcode.trimmed().toUpper())
            .bindOptional(8, a.country)
            .run();
    }
    auto handles = m_db.prepare("INSERT INTO client_handles (client_id, service, handle) VALUES (?,?,?)");
    for (const MessagingHandle& h : c.handles)
        handles.bind(1, c.id).bind(2, h.service).bind(3, h.handle).run();
    auto tags = m_db.prepare("INSERT OR IGNORE INTO client_tags (client_id, tag) VALUES (?,?)");
    for (const QString& t : c.tags)
        tags.bind(1, c.id).bind(2, t.trimmed()).run();
}

void ClientStore::reindex(const Client& c)
{
    clientindex::put(m_db, c.id, clientindex::wordsOf(c));
}

Result<Client> ClientStore::get(qint64 id)
{
    return guarded([&]() -> Result<Client> {
        auto st =
            m_db.prepare("SELECT subject_ref, title, first_name, last_name, preferred_name, date_of_birth, "
                         "pronouns, status, source, created_at, updated_at, restricted, erased_at FROM "
                         "clients WHERE id = ?");
        st.bind(1, id);
        if (!st.step())
            return makeError(Error::Kind::NotFound, QObject::tr("There is no client with id %1.").arg(id));
        Client c;
        c.id = id;
        c.subjectRef = st.text(0);
        c.title = st.text(1);
        c.firstName = st.text(2);
        c.lastName = st.text(3);
        c.preferredName = st.text(4);
        c.dateOfBirth = QDate::fromString(st.text(5), Qt::ISODate);
        c.pronouns = st.text(6);
        c.status = vocab::fromCode<ClientStatus>(st.text(7)).value_or(ClientStatus::Enquiry);
        c.source = st.text(8);
        c.createdAt = st.text(9);
        c.updatedAt = st.text(10);
        c.restricted = st.int64(11) != 0;
        c.erasedAt = st.text(12);
        auto phones =
            m_db.prepare("SELECT label, number, e164 FROM client_phones WHERE client_id = ? ORDER BY id");
        for (phones.bind(1, id); phones.step();)
            c.phones.append({phones.text(0), phones.text(1), phones.text(2)});
        auto emails =
            m_db.prepare("SELECT label, address FROM client_emails WHERE client_id = ? ORDER BY id");
        for (emails.bind(1, id); emails.step();)
            c.emails.append({emails.text(0), emails.text(1)});
        auto addr =
            m_db.prepare("SELECT label, line1, line2, town, county, postcode, country FROM client_addresses "
                         "WHERE client_id = ? ORDER BY id");
        for (addr.bind(1, id); addr.step();)
            c.addresses.append({addr.text(0), addr.text(1), addr.text(2), addr.text(3), addr.text(4),
                                addr.text(5), addr.text(6)});
        auto handles =
            m_db.prepare("SELECT service, handle FROM client_handles WHERE client_id = ? ORDER BY id");
        for (handles.bind(1, id); handles.step();)
            c.handles.append({handles.text(0), handles.text(1)});
        auto tags = m_db.prepare("SELECT tag FROM client_tags WHERE client_id = ? ORDER BY tag");
        for (tags.bind(1, id); tags.step();)
            c.tags << tags.text(0);
        return c;
    });
}

namespace {
constexpr const char* kSummarySelect =
    "SELECT c.id, c.first_name, c.last_name, c.preferred_name, c.status, "
    "(SELECT e164 FROM client_phones WHERE client_id = c.id ORDER BY id LIMIT 1), "
    "(SELECT address FROM client_emails WHERE client_id = c.id ORDER BY id LIMIT 1), "
    "(SELECT postcode FROM client_addresses WHERE client_id = c.id ORDER BY id LIMIT 1) FROM clients c ";

ClientSummary readSummary(const Statement& st)
{
    ClientSummary s;
    s.id = st.int64(0);
    s.firstName = st.text(1);
    s.lastName = st.text(2);
    s.preferredName = st.text(3);
    s.status = vocab::fromCode<ClientStatus>(st.text(4)).value_or(ClientStatus::Enquiry);
    s.phoneE164 = st.text(5);
    s.email = st.text(6);
    s.postcode = st.text(7);
    return s;
}
} // namespace

Result<QList<ClientSummary>> ClientStore::summaries(const QList<qint64>& ids)
{
    return guarded([&]() -> Result<QList<ClientSummary>> {
        QList<ClientSummary> out;
        auto st = m_db.prepare(std::string(kSummarySelect) + "WHERE c.id = ?");
        for (qint64 id : ids) {
            st.bind(1, id);
            if (st.step())
                out.append(readSummary(st));
            st.reset();
        }
        return out;
    });
}

Result<QList<ClientSummary>> ClientStore::nameSummaries(const QList<qint64>& ids)
{
    return guarded([&]() -> Result<QList<ClientSummary>> {
        QList<ClientSummary> out;
        out.reserve(ids.size());
        auto st =
            m_db.prepare("SELECT first_name, last_name, preferred_name, status FROM clients WHERE id = ?");
        for (qint64 id : ids) {
            st.bind(1, id);
            if (st.step()) {
                ClientSummary s;
                s.id = id;
                s.firstName = st.text(0);
                s.lastName = st.text(1);
                s.preferredName = st.text(2);
                s.status = vocab::fromCode<ClientStatus>(st.text(3)).value_or(ClientStatus::Enquiry);
                out.append(s);
            }
            st.reset();
        }
        return out;
    });
}

Result<QList<ClientSummary>> ClientStore::page(int offset, int limit)
{
    return guarded([&]() -> Result<QList<ClientSummary>> {
        QList<ClientSummary> out;
        auto st = m_db.prepare(std::string(kSummarySelect) +
                               "ORDER BY c.last_name, c.first_name, c.id LIMIT ? OFFSET ?");
        st.bind(1, limit).bind(2, offset);
        while (st.step())
            out.append(readSummary(st));
        return out;
    });
}

qint64 ClientStore::highestIdInTransaction()
{
    auto st = m_db.prepare("SELECT coalesce(max(id), 0) FROM clients");
    st.step();
    return st.int64(0);
}

Result<qint64> ClientStore::count()
{
    return guarded([&]() -> Result<qint64> {
        auto st = m_db.prepare("SELECT count(*) FROM clients");
        st.step();
        return st.int64(0);
    });
}

Status ClientStore::rebuildSearchIndexesIfPending(const Progress& progress)
{
    const Status clients = guarded([&]() -> Status {
        if (!clientindex::fillPending(m_db))
            return {}; // one read at each opening
        return rebuildSearchIndex(progress);
    });
    if (!clients)
        return clients;
    return InteractionStore(m_db).rebuildNotesIndexIfPending(progress);
}

Status ClientStore::rebuildSearchIndex(const Progress& progress)
{
    return guarded([&]() -> Status {
        BulkWrite bulk(m_db);
        Transaction tx(m_db);
        clientindex::BulkLoad load;
        // By ranges of ids, each table read through its client index: a million clients' details
        // never sit in memory at once, only their words.
        constexpr qint64 kRange = 20000;
        const qint64 highest = highestIdInTransaction();
        const QString step = QObject::tr("Updating the index of client names for this version…");
        for (qint64 from = 0; from <= highest; from += kRange) {
            if (progress) // reading the clients is the first half, writing their words the second
                progress(from, 2 * highest, step);
            QHash<qint64, Client> clients;
            const auto read = [&](const char* sql,
                                  const std::function<void(Client&, const Statement&)>& take) {
                auto st = m_db.prepare(sql);
                for (st.bind(1, from).bind(2, from + kRange - 1); st.step();)
                    if (auto it = clients.find(st.int64(0)); it != clients.end())
                        take(it.value(), st);
            };
            auto names = m_db.prepare("SELECT id, first_name, last_name, preferred_name FROM clients "
                                      "WHERE id BETWEEN ? AND ? AND erased_at IS NULL");
            for (names.bind(1, from).bind(2, from + kRange - 1); names.step();) {
                Client& c = clients[names.int64(0)];
                c.firstName = names.text(1);
                c.lastName = names.text(2);
                c.preferredName = names.text(3);
            }
            read("SELECT client_id, e164 FROM client_phones WHERE client_id BETWEEN ? AND ?",
                 [](Client& c, const Statement& st) {
                     c.phones.append({{}, {}, st.text(1)});
                 });
            read("SELECT client_id, address FROM client_emails WHERE client_id BETWEEN ? AND ?",
                 [](Client& c, const Statement& st) {
                     c.emails.append({{}, st.text(1)});
                 });
            read("SELECT client_id, postcode FROM client_addresses WHERE client_id BETWEEN ? AND ?",
                 [](Client& c, const Statement& st) {
                     PostalAddress a;
                     a.postcode = st.text(1);
                     c.addresses.append(a);
                 });
            read("SELECT client_id, handle FROM client_handles WHERE client_id BETWEEN ? AND ?",
                 [](Client& c, const Statement& st) {
                     c.handles.append({{}, st.text(1)});
                 });
            for (auto it = clients.cbegin(); it != clients.cend(); ++it)
                load.add(it.key(), clientindex::wordsOf(it.value()));
        }
        load.write(m_db, [&](qint64 done, qint64 total) {
            if (progress)
                progress(highest + highest * done / std::max<qint64>(total, 1), 2 * highest, step);
        });
        tx.commit();
        return {};
    });
}

QList<qint64> ClientStore::clientsWithPhoneInTransaction(const QString& e164, int cap)
{
    QList<qint64> out;
    auto st = m_db.prepare("SELECT client_id FROM client_phones WHERE e164 = ? LIMIT ?");
    for (st.bind(1, e164).bind(2, cap); st.step();)
        out.append(st.int64(0));
    return out;
}

QList<qint64> ClientStore::clientsWithPhonePrefixInTransaction(const QString& prefix, int cap)
{
    // One range of the number index read in order until `cap` clients: DISTINCT in SQL read the whole
    // range first ("+44" at a million clients: every UK number, 31 ms a keystroke).
    QList<qint64> out;
    QSet<qint64> seen;
    auto st = m_db.prepare("SELECT client_id FROM client_phones WHERE e164 >= ?1 AND e164 < ?1 || ':'");
    for (st.bind(1, prefix); out.size() < cap && st.step();)
        if (const qint64 id = st.int64(0); !seen.contains(id))
            seen.insert(id), out.append(id);
    return out;
}

QList<ClientStore::LikelyPair> ClientStore::likelyPairsInTransaction(int limit)
{
    QList<LikelyPair> out;
    // Names that agree in part (the last or the first) with a shared phone or email: likely one
    // person, listed first. A shared mobile (a UK mobile number, +447..., whatever the box it was
    // typed in) or email under other names may be a household or one person under another name:
    // listed after them, saying the names differ. A shared landline under other names is a
    // household, not listed.
    static const char* const agree =
        "(ca.last_name = cb.last_name COLLATE NOCASE OR ca.first_name = cb.first_name COLLATE NOCASE)";
    const std::string sql =
        std::string("SELECT a, b, why, rank FROM ("
                    " SELECT DISTINCT p.client_id AS a, q.client_id AS b, CASE WHEN ") +
        agree + " THEN 'same phone' ELSE 'same mobile' END AS why, CASE WHEN " + agree +
        " THEN 0 ELSE 1 END AS rank FROM client_phones p"
        "  JOIN client_phones q ON q.e164 = p.e164 AND q.client_id > p.client_id"
        "  JOIN clients ca ON ca.id = p.client_id JOIN clients cb ON cb.id = q.client_id"
        "  WHERE p.e164 IS NOT NULL AND (" +
        agree +
        " OR p.e164 LIKE '+447%')"
        " UNION SELECT DISTINCT e.client_id, f.client_id, CASE WHEN " +
        agree + " THEN 'same email' ELSE 'same email' END, CASE WHEN " + agree +
        " THEN 0 ELSE 1 END FROM client_emails e"
        "  JOIN client_emails f ON f.normalised = e.normalised AND f.client_id > e.client_id"
        "  JOIN clients ca ON ca.id = e.client_id JOIN clients cb ON cb.id = f.client_id"
        " UNION SELECT c.id, d.id, 'same name and date of birth', 0 FROM clients c JOIN clients d"
        "  ON d.last_name = c.last_name AND d.first_name = c.first_name AND d.date_of_birth = "
        "c.date_of_birth AND d.id > c.id"
        ") ORDER BY rank, a, b LIMIT ?";
    auto st = m_db.prepare(sql);
    for (st.bind(1, limit); st.step();)
        out.append({st.int64(0), st.int64(1), st.text(2), st.int64(3) != 0});
    return out;
}

Result<QList<DuplicateMatch>> ClientStore::duplicatesOf(const Client& c)
{
    return guarded([&]() -> Result<QList<DuplicateMatch>> {
        QList<DuplicateMatch> out;
        auto add = [&](qint64 id, const QString& reason) {
            if (id == c.id)
                return;
            for (DuplicateMatch& m : out)
                if (m.clientId == id) {
                    m.reason += QStringLiteral("; ") + reason;
                    return;
                }
            out.append({id, QString(), reason});
        };
        auto byPhone = m_db.prepare("SELECT DISTINCT client_id FROM client_phones WHERE e164 = ?");
        for (const PhoneNumber& p : c.phones) {
            const QString e164 = p.e164.isEmpty() ? phone::toE164(p.number) : p.e164;
            if (e164.isEmpty())
                continue;
            for (byPhone.bind(1, e164); byPhone.step();)
                add(byPhone.int64(0), QObject::tr("same phone %1").arg(phone::formatNational(e164)));
            byPhone.reset();
        }
        auto byEmail = m_db.prepare("SELECT DISTINCT client_id FROM client_emails WHERE normalised = ?");
        for (const EmailAddress& e : c.emails) {
            for (byEmail.bind(1, e.address.trimmed().toLower()); byEmail.step();)
                add(byEmail.int64(0), QObject::tr("same email %1").arg(e.address.trimmed()));
            byEmail.reset();
        }
        if (c.dateOfBirth.isValid()) {
            auto byName = m_db.prepare("SELECT id FROM clients WHERE first_name = ? COLLATE NOCASE AND "
                                       "last_name = ? COLLATE NOCASE AND date_of_birth = ?");
            byName.bind(1, c.firstName.simplified())
                .bind(2, c.lastName.simplified())
                .bind(3, dateOrEmpty(c.dateOfBirth));
            while (byName.step())
                add(byName.int64(0), QObject::tr("same name and date of birth"));
        }
        auto names = m_db.prepare("SELECT first_name, last_name, preferred_name FROM clients WHERE id = ?");
        for (DuplicateMatch& m : out) {
            names.bind(1, m.clientId);
            if (names.step())
                m.displayName = ((names.text(2).isEmpty() ? names.text(0) : names.text(2)) +
                                 QLatin1Char(' ') + names.text(1))
                                    .trimmed();
            names.reset();
        }
        return out;
    });
}

} // namespace cd
