#include "privacy/Register.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "clients/ClientStore.h"
#include "common/Clock.h"
#include "privacy/BankHolidays.h"
#include "settings/Settings.h"
#include "storage/Sql.h"

#include <QObject>
#include <QSet>
#include <algorithm>

namespace cd {

UkCalendar PrivacyRegister::calendar()
{
    const QString nation = ClinicSettings(m_db).nation();
    QList<UkCalendar::Change> changes;
    try {
        changes = BankHolidayChanges(m_db).changesFor(nation);
    } catch (const StorageError&) {
    }
    return UkCalendar(UkCalendar::nationFromKey(nation), changes);
}

QDate PrivacyRegister::dueFor(const QDate& received)
{
    return calendar().onOrAfterWorkingDay(addMonthsIco(received, 1));
}

QDate PrivacyRegister::extendedDueFor(const QDate& received)
{
    return calendar().onOrAfterWorkingDay(addMonthsIco(received, 3));
}

Result<PrivacyRequest> PrivacyRegister::add(qint64 clientId, const QString& typeCode, const QDate& received,
                                            const QString& identityCheck, qint64 staffId)
{
    if (auto st = access::require(m_db, Action::RecordRequests); !st)
        return st.error();
    const std::optional<RequestType> type = vocab::fromCode<RequestType>(typeCode.trimmed().toLower());
    if (!type)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("A request is one of: %1.")
                             .arg(vocab::codes<RequestType>().join(QStringLiteral(", "))));
    if (!received.isValid())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("Give the date the request was received (YYYY-MM-DD)."));
    if (received > Clock::today())
        return makeError(Error::Kind::Invalid, QObject::tr("The date received is in the future."));
    const QString identityCode = identityCheck.trimmed().toLower();
    const std::optional<IdentityCheck> identity = vocab::fromCode<IdentityCheck>(identityCode);
    if (!identityCode.isEmpty() && !identity)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("Say how identity was checked, as one of: %1. The register keeps the "
                                     "method, never a document or its number.")
                             .arg(vocab::codes<IdentityCheck>().join(QStringLiteral(", "))));
    auto id = guarded([&]() -> Result<qint64> {
        Transaction tx(m_db);
        auto ref = ClientStore(m_db).subjectRef(clientId);
        if (!ref)
            return ref.error();
        auto st = m_db.prepare("INSERT INTO privacy_requests (client_id, subject_ref, type, received_on, "
                               "identity_check, due_on, "
                               "created_at, staff_id) VALUES (?,?,?,?,?,?,?,?)");
        st.bind(1, clientId)
            .bind(2, ref.value())
            .bind(3, vocab::code(*type))
            .bind(4, received.toString(Qt::ISODate))
            .bindOptional(5, identity ? vocab::code(*identity) : QString())
            .bind(6, dueFor(received).toString(Qt::ISODate))
            .bind(7, Clock::nowIso());
        if (staffId > 0)
            st.bind(8, staffId);
        else
            st.bindNull(8);
        const qint64 newId = st.runInsert();
        if (auto logged =
                AuditLog(m_db).append(QStringLiteral("request-recorded"), ref.value(),
                                      QStringLiteral("%1, request %2").arg(vocab::code(*type)).arg(newId));
            !logged)
            return logged.error();
        tx.commit();
        return newId;
    });
    if (!id)
        return id.error();
    auto rows = query("WHERE r.id = ?", id.value()); // the one just recorded (get() is the manager's)
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return makeError(Error::Kind::NotFound,
                         QObject::tr("There is no privacy request %1.").arg(id.value()));
    return rows->first();
}

Result<QList<PrivacyRequest>> PrivacyRegister::query(const std::string& where, qint64 arg)
{
    return guarded([&]() -> Result<QList<PrivacyRequest>> {
        QList<PrivacyRequest> out;
        auto st = m_db.prepare(
            "SELECT r.id, r.client_id, r.subject_ref, NULL, NULL, NULL, NULL, r.type, r.received_on, "
            "r.identity_check, r.due_on, r.extended_due_on, r.extension_reason, r.status, r.completed_on "
            "FROM privacy_requests r " +
            where);
        if (where.find('?') != std::string::npos)
            st.bind(1, arg);
        auto files = m_db.prepare(
            "SELECT file_name, sha256, sent_at FROM privacy_request_files WHERE request_id = ? ORDER BY id");
        while (st.step()) {
            PrivacyRequest r;
            r.id = st.int64(0);
            r.clientId = st.int64(1);
            r.subjectRef = st.text(2);
            r.type = vocab::fromCode<RequestType>(st.text(7)).value_or(RequestType::Access);
            r.received = QDate::fromString(st.text(8), Qt::ISODate);
            r.identityCheck = vocab::fromCode<IdentityCheck>(st.text(9));
            r.originalDue = QDate::fromString(st.text(10), Qt::ISODate);
            r.due = st.isNull(11) ? r.originalDue : QDate::fromString(st.text(11), Qt::ISODate);
            r.extensionReason = st.text(12);
            r.status = vocab::fromCode<RequestStatus>(st.text(13)).value_or(RequestStatus::Open);
            r.completed = QDate::fromString(st.text(14), Qt::ISODate);
            for (files.bind(1, r.id); files.step();)
                r.files.append({files.text(0), files.text(1), files.text(2)});
            files.reset();
            out.append(r);
        }
        st.reset();
        // Names from the client store; an erased client's request shows her reference only.
        QSet<qint64> clients;
        for (const PrivacyRequest& r : out)
            clients.insert(r.clientId);
        const QHash<qint64, QString> names = ClientStore(m_db).displayNamesInTransaction(clients, true);
        for (PrivacyRequest& r : out)
            r.clientName = names.value(r.clientId).trimmed();
        return out;
    });
}

Result<PrivacyRequest> PrivacyRegister::get(qint64 id)
{
    if (auto st = access::require(m_db, Action::PrivacyRequests); !st)
        return st.error();
    return one(id);
}

Result<PrivacyRequest> PrivacyRegister::one(qint64 id)
{
    auto rows = query("WHERE r.id = ?", id);
    if (!rows)
        return rows.error();
    if (rows->isEmpty())
        return makeError(Error::Kind::NotFound, QObject::tr("There is no privacy request %1.").arg(id));
    return rows->first();
}

Result<QList<PrivacyRequest>> PrivacyRegister::list(bool openOnly)
{
    // The whole register (who asked for what) is the manager's; the desk sees one client's.
    if (auto st = access::require(m_db, Action::PrivacyRequests); !st)
        return st.error();
    auto rows = query(openOnly ? "WHERE r.status = 'open'" : "", 0);
    if (!rows)
        return rows;
    std::stable_sort(rows->begin(), rows->end(), [](const PrivacyRequest& a, const PrivacyRequest& b) {
        const bool aOpen = a.status == RequestStatus::Open, bOpen = b.status == RequestStatus::Open;
        if (aOpen != bOpen)
            return aOpen;
        if (aOpen)
            return a.due != b.due ? a.due < b.due : a.id < b.id;
        return a.id > b.id;
    });
    return rows;
}

Result<QList<PrivacyRequest>> PrivacyRegister::forClient(qint64 clientId)
{
    if (auto st = access::require(m_db, Action::RecordRequests); !st)
        return st.error();
    return query("WHERE r.client_id = ? ORDER BY r.id DESC", clientId);
}

Status PrivacyRegister::extend(qint64 id, const QString& reason)
{
    if (auto st = access::require(m_db, Action::PrivacyRequests); !st)
        return st;
    if (reason.trimmed().isEmpty())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("An extension needs a reason (for example: the request is complex)."));
    auto r = get(id);
    if (!r)
        return r.error();
    if (!r->extensionReason.isEmpty())
        return makeError(
            Error::Kind::Conflict,
            QObject::tr("This request has already been extended; the law allows one extension."));
    if (r->status != RequestStatus::Open)
        return makeError(Error::Kind::Conflict, QObject::tr("This request is closed."));
    return guarded([&]() -> Status {
        Transaction tx(m_db);
        m_db.prepare("UPDATE privacy_requests SET extended_due_on = ?, extension_reason = ? WHERE id = ?")
            .bind(1, extendedDueFor(r->received).toString(Qt::ISODate))
            .bind(2, reason.trimmed())
            .bind(3, id)
            .run();
        if (auto logged = AuditLog(m_db).append(QStringLiteral("request-extended"), r->subjectRef,
                                                QStringLiteral("request %1").arg(id));
            !logged)
            return logged;
        tx.commit();
        return {};
    });
}

int PrivacyRegister::recomputeOpenDeadlinesInTransaction()
{
    int moved = 0;
    QList<std::tuple<qint64, QDate, bool>> open;
    for (auto st = m_db.prepare("SELECT id, received_on, extended_due_on IS NOT NULL FROM privacy_requests "
                                "WHERE status = 'open'");
         st.step();)
        open.append({st.int64(0), QDate::fromString(st.text(1), Qt::ISODate), st.int64(2) != 0});
    for (const auto& [id, received, extended] : open) {
        const QString due = dueFor(received).toString(Qt::ISODate);
        m_db.prepare("UPDATE privacy_requests SET due_on = ? WHERE id = ? AND due_on IS NOT ?")
            .bind(1, due)
            .bind(2, id)
            .bind(3, due)
            .run();
        moved += m_db.changes();
        if (extended) {
            const QString later = extendedDueFor(received).toString(Qt::ISODate);
            m_db.prepare("UPDATE privacy_requests SET extended_due_on = ? WHERE id = ? AND extended_due_on "
                         "IS NOT ?")
                .bind(1, later)
                .bind(2, id)
                .bind(3, later)
                .run();
            moved += m_db.changes();
        }
    }
    return moved;
}

void PrivacyRegister::completeInTransaction(qint64 id)
{
    m_db.prepare(
            "UPDATE privacy_requests SET status = 'done', completed_on = ? WHERE id = ? AND status = 'open'")
        .bind(1, Clock::today().toString(Qt::ISODate))
        .bind(2, id)
        .run();
}

Status PrivacyRegister::complete(qint64 id, const QDate& on, bool refused)
{
    if (auto st = access::require(m_db, Action::PrivacyRequests); !st)
        return st;
    return guarded([&]() -> Status {
        Transaction tx(m_db);
        m_db.prepare(
                "UPDATE privacy_requests SET status = ?, completed_on = ? WHERE id = ? AND status = 'open'")
            .bind(1, vocab::code(refused ? RequestStatus::Refused : RequestStatus::Done))
            .bind(2, on.toString(Qt::ISODate))
            .bind(3, id)
            .run();
        if (m_db.changes() == 0)
            return makeError(Error::Kind::Conflict, QObject::tr("Request %1 is not open.").arg(id));
        auto ref = m_db.prepare("SELECT subject_ref FROM privacy_requests WHERE id = ?");
        ref.bind(1, id).step();
        if (auto logged = AuditLog(m_db).append(refused ? QStringLiteral("request-refused")
                                                        : QStringLiteral("request-answered"),
                                                ref.text(0), QStringLiteral("request %1").arg(id));
            !logged)
            return logged;
        tx.commit();
        return {};
    });
}

Status PrivacyRegister::recordSentFile(qint64 id, const QString& fileName, const QString& sha256)
{
    if (auto st = access::require(m_db, Action::PrivacyRequests); !st)
        return st;
    return guarded([&]() -> Status {
        m_db.prepare(
                "INSERT INTO privacy_request_files (request_id, file_name, sha256, sent_at) VALUES (?,?,?,?)")
            .bind(1, id)
            .bind(2, fileName)
            .bind(3, sha256)
            .bind(4, Clock::nowIso())
            .run();
        return {};
    });
}

QSet<qint64> PrivacyRegister::clientsWithOpenRequestsInTransaction()
{
    QSet<qint64> out;
    auto st = m_db.prepare(
        "SELECT DISTINCT client_id FROM privacy_requests WHERE status = 'open' AND client_id IS NOT NULL");
    while (st.step())
        out.insert(st.int64(0));
    return out;
}

} // namespace cd
