#include "audit/AuditLog.h"

#include "accounts/Access.h"
#include "common/Clock.h"
#include "common/Durable.h"
#include "common/ManagementKey.h"
#include "common/Text.h"
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

QByteArray checkpointMessage(qint64 id, const QString& hash, const QString& at, const QString& by)
{
    return QByteArray::number(id) + '\n' + hash.toUtf8() + '\n' + at.toUtf8() + '\n' + by.toUtf8();
}

// The append-only triggers, as the migrations made them: present, on their table, before the
// statement they stop, raising an abort, and with no WHEN clause that would let some rows through.
QStringList triggerProblems(Database& db)
{
    QStringList out;
    struct Expected
    {
        const char* name;
        const char* table;
        const char* event;
    };
    for (const Expected& e :
         {Expected{"audit_log_no_update", "audit_log", "BEFORE UPDATE"},
          Expected{"audit_log_no_delete", "audit_log", "BEFORE DELETE"},
          Expected{"audit_checkpoints_no_update", "audit_checkpoints", "BEFORE UPDATE"},
          Expected{"audit_checkpoints_no_delete", "audit_checkpoints", "BEFORE DELETE"}}) {
        auto st = db.prepare("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name = ?");
        const bool found = st.bind(1, e.name).step();
        const QString sql = found ? st.text(1).simplified().toUpper() : QString();
        if (!found || st.text(0) != QLatin1String(e.table) || !sql.contains(QLatin1String(e.event)) ||
            !sql.contains(QLatin1String("RAISE(ABORT")) || sql.contains(QLatin1String(" WHEN ")))
            out << QObject::tr("the append-only trigger %1 is %2")
                       .arg(QLatin1String(e.name), found ? QObject::tr("altered") : QObject::tr("missing"));
    }
    return out;
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
        const qint64 id =
            m_db.prepare(
                    "INSERT INTO audit_log (at, staff, action, subject_ref, detail, prev_hash, hash) VALUES "
                    "(?,?,?,?,?,?,?)")
                .bind(1, e.at)
                .bind(2, e.staff)
                .bind(3, e.action)
                .bindOptional(4, e.subjectRef)
                .bind(5, e.detail)
                .bind(6, prev)
                .bind(7, e.hash)
                .runInsert();
        // A manager's session signs what it has seen: this entry and, through the chain, every one before.
        if (const ManagementKey& key = m_db.management(); key.canSign()) {
            m_db.prepare("INSERT INTO audit_checkpoints (entry_id, entry_hash, at, signed_by, signature) "
                         "VALUES (?,?,?,?,?)")
                .bind(1, id)
                .bind(2, e.hash)
                .bind(3, e.at)
                .bind(4, e.staff)
                .bindBlob(5, key.sign(kCheckpointContext, checkpointMessage(id, e.hash, e.at, e.staff)))
                .run();
        }
        return {};
    });
}

AuditLog::Tail AuditLog::tailAfterInTransaction(qint64 id, const QString& hash)
{
    Tail t;
    auto at = m_db.prepare("SELECT hash FROM audit_log WHERE id = ?");
    t.found = id == 0 || (at.bind(1, id).step() && at.text(0) == hash);
    auto st = m_db.prepare("SELECT count(*), min(id), max(id) FROM audit_log WHERE id > ?");
    st.bind(1, id).step();
    t.entries = int(st.int64(0));
    t.firstId = st.int64(1);
    t.lastId = st.int64(2);
    t.lastHash = headInTransaction().second;
    return t;
}

std::pair<qint64, QString> AuditLog::headInTransaction()
{
    auto st = m_db.prepare("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
    if (!st.step())
        return {0, QString()};
    return {st.int64(0), st.text(1)};
}

Result<AuditVerification> AuditLog::verify(qint64 headId, const QString& headHash)
{
    return guarded([&]() -> Result<AuditVerification> {
        AuditVerification v;
        QString prev = kGenesis;
        qint64 lastId = 0;
        auto st = m_db.prepare(
            "SELECT id, at, staff, action, subject_ref, detail, prev_hash, hash FROM audit_log ORDER BY id");
        while (st.step()) {
            AuditEntry e{st.int64(0), st.text(1), st.text(2), st.text(3),
                         st.text(4),  st.text(5), st.text(6), st.text(7)};
            ++v.entries;
            // Entries are numbered from 1 without gaps: a chain rewritten after entries were removed
            // from its middle still shows where they were.
            if (e.id != lastId + 1)
                v.anchorProblems
                    << (e.id == lastId + 2
                            ? QObject::tr("entry %1 is missing").arg(lastId + 1)
                            : QObject::tr("entries %1 to %2 are missing").arg(lastId + 1).arg(e.id - 1));
            lastId = e.id;
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
        v.anchorProblems << triggerProblems(m_db);

        // The checkpoints, newest first: the newest whose signature holds (by the management key, or
        // one it endorsed before a re-key) vouches, through the chain, for every entry up to its own,
        // so older ones need no signature check of their own (one Ed25519 check per verify, not one per
        // manager's entry ever written); every one's entry must still be there with the hash it had.
        const ManagementKey& key = m_db.management();
        v.signing = key.active();
        auto cp = m_db.prepare(
            "SELECT c.entry_id, c.entry_hash, c.at, c.signed_by, c.signature, l.hash "
            "FROM audit_checkpoints c LEFT JOIN audit_log l ON l.id = c.entry_id ORDER BY c.id DESC");
        int badSignatures = 0, goneEntries = 0;
        bool vouched = false;
        while (cp.step()) {
            const qint64 id = cp.int64(0);
            const QString hash = cp.text(1), at = cp.text(2), by = cp.text(3);
            if (!vouched) {
                if (!v.signing ||
                    !key.verifyAny(kCheckpointContext, checkpointMessage(id, hash, at, by), cp.blob(4))) {
                    ++badSignatures;
                    continue;
                }
                vouched = true;
                v.lastCheckpointEntry = id;
                v.lastCheckpointBy = by;
                v.lastCheckpointAt = at;
            }
            if (cp.isNull(5) || cp.text(5) != hash) {
                if (goneEntries++ == 0)
                    v.anchorProblems << QObject::tr("entry %1, signed by %2's session on %3, %4")
                                            .arg(id)
                                            .arg(by, at,
                                                 cp.isNull(5) ? QObject::tr("is gone from the log")
                                                              : QObject::tr("was rewritten since"));
                continue;
            }
            ++v.checkpoints;
        }
        if (goneEntries > 1)
            v.anchorProblems << QObject::tr("%n more signed entries are gone or rewritten", nullptr,
                                            goneEntries - 1);
        if (badSignatures > 0)
            v.anchorProblems << (badSignatures == 1
                                     ? QObject::tr("1 checkpoint carries no valid manager's signature")
                                     : QObject::tr("%1 checkpoints carry no valid manager's signature")
                                           .arg(badSignatures));
        v.sinceLastCheckpoint = int(qMax<qint64>(0, lastId - v.lastCheckpointEntry));

        // The head recorded outside the database when the vault last closed (vault/AuditHeadFile.h).
        if (headId > 0) {
            v.headChecked = true;
            auto head = m_db.prepare("SELECT hash FROM audit_log WHERE id = ?");
            if (!head.bind(1, headId).step())
                v.anchorProblems << QObject::tr("the log ends at entry %1, but the keyring saw entry %2: "
                                                "entries were removed from its end")
                                        .arg(lastId)
                                        .arg(headId);
            else if (head.text(0) != headHash)
                v.anchorProblems << QObject::tr("entry %1 is not the one the keyring saw there").arg(headId);
        }
        return v;
    });
}

Result<QList<AuditEntry>> AuditLog::query(const AuditFilter& f)
{
    if (auto st = access::require(m_db, Action::ReadAudit); !st)
        return st.error();
    // The reader's own sign-in, still deferred until the session writes, is part of what they read.
    if (auto st = flushDeferred(); !st)
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

std::optional<AuditEntry> AuditLog::formSignedInTransaction(Database& db, qint64 formId)
{
    // "form 12: …": the details from "form 12:" up to, not including, "form 12;" (':' + 1).
    auto st = db.prepare("SELECT id, at, staff, action, subject_ref, detail, prev_hash, hash FROM audit_log "
                         "WHERE action = 'form-signed' AND detail >= ? AND detail < ? LIMIT 1");
    st.bind(1, QStringLiteral("form %1:").arg(formId)).bind(2, QStringLiteral("form %1;").arg(formId));
    if (!st.step())
        return std::nullopt;
    AuditEntry e{st.int64(0), st.text(1), st.text(2), st.text(3),
                 st.text(4),  st.text(5), st.text(6), st.text(7)};
    st.reset();
    return e;
}

QHash<qint64, AuditEntry> AuditLog::formsSignedInTransaction(Database& db)
{
    auto st = db.prepare("SELECT id, at, staff, action, subject_ref, detail, prev_hash, hash FROM audit_log "
                         "WHERE action = 'form-signed' AND detail >= 'form '");
    QHash<qint64, AuditEntry> out;
    while (st.step()) {
        AuditEntry e{st.int64(0), st.text(1), st.text(2), st.text(3),
                     st.text(4),  st.text(5), st.text(6), st.text(7)};
        const qint64 form = e.detail.mid(5, e.detail.indexOf(QLatin1Char(':')) - 5).toLongLong();
        if (form > 0 && !out.contains(form))
            out.insert(form, e);
    }
    return out;
}

QSet<QString> AuditLog::subjectsOfInTransaction(Database& db, const QString& action)
{
    QSet<QString> out;
    auto st =
        db.prepare("SELECT DISTINCT subject_ref FROM audit_log WHERE action = ? AND subject_ref IS NOT NULL");
    for (st.bind(1, action); st.step();)
        out.insert(st.text(0));
    return out;
}

QString AuditLog::formHashOf(const AuditEntry& entry)
{
    const qsizetype at = entry.detail.lastIndexOf(QLatin1String("sha256 "));
    return at < 0 ? QString() : entry.detail.mid(at + 7, 64);
}

} // namespace cd
