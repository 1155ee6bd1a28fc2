#include "clients/ClientIndex.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "clients/Phone.h"
#include "storage/Sql.h"

#include <QObject>
#include <QSet>
#include <algorithm>
#include <functional>

// The client store's finding of clients by their details: the search index's rebuild from the
// clients' rows, phone look-ups, and duplicates (one class, ClientStore.h; split from
// ClientStore.cpp by responsibility, the tables' one owner still).
namespace cd {

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
                .bind(3, (c.dateOfBirth.isValid() ? c.dateOfBirth.toString(Qt::ISODate) : QString()));
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
