#include "audit/AuditLog.h"

#include "accounts/Access.h"
#include "common/Clock.h"
#include "common/Durable.h"
#include "storage/Sql.h"

#include <QCryptographicHash>
#include <QObject>
#include <QSaveFile>

namespace cd {

namespace {

const QString kGenesis(64, QLatin1Char('0'));

QString chainHash(const QString& prev, const AuditEntry& e)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    for (const QString& part : {prev, e.at, e.staff, e.action, e.subjectRef, e.detail}) {
        h.addData(part.toUtf8());
        h.addData(QByteArrayView("\x1f", 1));
    }
    return QString::fromLatin1(h.result().toHex());
}

QString csvField(const QString& s)
{
    QString v = s;
    // A cell a spreadsheet would run as a formula is quoted as text.
    if (v.startsWith(QLatin1Char('=')) || v.startsWith(QLatin1Char('+')) || v.startsWith(QLatin1Char('-')) ||
        v.startsWith(QLatin1Char('@')))
        v.prepend(QLatin1Char('\''));
    if (v.contains(QLatin1Char(',')) || v.contains(QLatin1Char('"')) || v.contains(QLatin1Char('\n')))
        return QLatin1Char('"') + v.replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
    return v;
}

} // namespace

Status AuditLog::flushDeferred()
{
    if (m_db.damaged())
        return {};
    for (const auto& [action, detail] : m_db.takeDeferredAudit())
        if (auto st = appendNow(action, {}, detail); !st)
            return st;
    return {};
}

Status AuditLog::append(const QString& action, const QString& subjectRef, const QString& detail)
{
    if (auto st = flushDeferred(); !st)
        return st;
    return appendNow(action, subjectRef, detail);
}

Status AuditLog::appendNow(const QString& action, const QString& subjectRef, const QString& detail)
{
    return guarded([&]() -> Status {
        auto last = m_db.prepare("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
        const QString prev = last.step() ? last.text(0) : kGenesis;
        AuditEntry e;
        e.at = Clock::nowIso();
        e.staff = m_db.actor().username;
        e.action = action;
        e.subjectRef = subjectRef;
        e.detail = detail;
        e.hash = chainHash(prev, e);
        m_db.prepare("INSERT INTO audit_log (at, staff, action, subject_ref, detail, prev_hash, hash) VALUES "
                     "(?,?,?,?,?,?,?)")
            .bind(1, e.at)
            .bind(2, e.staff)
            .bind(3, e.action)
            .bindOptional(4, e.subjectRef)
            .bind(5, e.detail)
            .bind(6, prev)
            .bind(7, e.hash)
            .run();
        return {};
    });
}

Result<AuditVerification> AuditLog::verify()
{
    return guarded([&]() -> Result<AuditVerification> {
        AuditVerification v;
        QString prev = kGenesis;
        auto st = m_db.prepare(
            "SELECT id, at, staff, action, subject_ref, detail, prev_hash, hash FROM audit_log ORDER BY id");
        while (st.step()) {
            AuditEntry e{st.int64(0), st.text(1), st.text(2), st.text(3),
                         st.text(4),  st.text(5), st.text(6), st.text(7)};
            ++v.entries;
            if (!v.intact)
                continue;
            if (e.prevHash != prev) {
                v.intact = false;
                v.firstBrokenId = e.id;
                v.problem =
                    QObject::tr(
                        "entry %1 does not follow the entry before it (an entry was removed or moved)")
                        .arg(e.id);
            } else if (chainHash(prev, e) != e.hash) {
                v.intact = false;
                v.firstBrokenId = e.id;
                v.problem = QObject::tr("entry %1 was changed after it was written").arg(e.id);
            }
            prev = e.hash;
        }
        return v;
    });
}

Result<QList<AuditEntry>> AuditLog::query(const AuditFilter& f)
{
    if (auto st = access::require(m_db, Action::ReadAudit); !st)
        return st.error();
    return guarded([&]() -> Result<QList<AuditEntry>> {
        QList<AuditEntry> out;
        auto st = m_db.prepare(
            "SELECT id, at, staff, action, subject_ref, detail, prev_hash, hash FROM audit_log "
            "WHERE (?1 = '' OR staff = ?1) AND (?2 = '' OR action = ?2) AND (?3 = '' OR subject_ref = ?3) "
            "AND (?4 = '' OR at >= ?4) AND (?5 = '' OR at < ?5) ORDER BY id DESC LIMIT ?6");
        st.bind(1, f.staff)
            .bind(2, f.action)
            .bind(3, f.subjectRef)
            .bind(4, f.from.isValid() ? f.from.startOfDay().toUTC().toString(Qt::ISODate) : QString())
            .bind(5, f.to.isValid() ? f.to.addDays(1).startOfDay().toUTC().toString(Qt::ISODate) : QString())
            .bind(6, f.limit);
        while (st.step())
            out.append({st.int64(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6),
                        st.text(7)});
        return out;
    });
}

Status AuditLog::exportCsv(const QString& path, const AuditFilter& f)
{
    auto rows = query(f);
    if (!rows)
        return rows.error();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(Error::Kind::Io, QObject::tr("Cannot write %1: %2").arg(path, file.errorString()));
    QByteArray csv = "id,at,staff,action,subject_ref,detail,hash\r\n";
    for (const AuditEntry& e : rows.value())
        csv += QStringList{QString::number(e.id), e.at,  csvField(e.staff), csvField(e.action), e.subjectRef,
                           csvField(e.detail),    e.hash}
                   .join(QLatin1Char(','))
                   .toUtf8() +
               "\r\n";
    file.write(csv);
    if (QString why; !files::commit(file, &why))
        return makeError(Error::Kind::Io, QObject::tr("Cannot write %1: %2").arg(path, why));
    if (auto st =
            append(QStringLiteral("audit-export"), {}, QObject::tr("%n entries", nullptr, int(rows->size())));
        !st)
        return st;
    return {};
}

} // namespace cd
