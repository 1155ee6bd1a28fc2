// Who may already be on file: the matches the New client dialog warns of, the pairs Find duplicates
// lists, and the desk's decision to keep a client apart from one of them.
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "clients/ClientStore.h"
#include "clients/Phone.h"
#include "storage/Sql.h"

#include <QObject>
#include <string>

namespace cd {

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
                .bind(3, c.dateOfBirth.toString(Qt::ISODate));
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

} // namespace cd
