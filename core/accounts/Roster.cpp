#include "accounts/Roster.h"

#include "accounts/Staff.h"
#include "common/Clock.h"
#include "common/ManagementKey.h"
#include "common/Vocabulary.h"
#include "storage/Sql.h"

#include <QObject>
#include <QSet>
#include <algorithm>
#include <map>
#include <sqlite3.h>

namespace cd::roster {

namespace {

// One line per account, in account-name order: "name<TAB>role<TAB>1|0". Names are letters, digits,
// dots and dashes (staff/Accounts.cpp), so tabs and newlines cannot appear inside them.
// The staff table's accounts (read through its owner, accounts/Staff.h). Throws StorageError.
QList<StaffMember> everyone(Database& db)
{
    auto all = staff::all(db);
    if (!all)
        throw StorageError(0, all.message());
    return all.value();
}

QByteArray bodyOfStaffTable(Database& db)
{
    std::map<QString, std::pair<QString, bool>> rows;
    for (const StaffMember& m : everyone(db))
        rows[m.username] = {vocab::code(m.role), m.active};
    QByteArray body;
    for (const auto& [user, row] : rows)
        body += user.toUtf8() + '\t' + row.first.toUtf8() + '\t' + (row.second ? '1' : '0') + '\n';
    return body;
}

QHash<QString, Entry> parse(const QByteArray& body, bool* ok)
{
    QHash<QString, Entry> out;
    *ok = true;
    for (const QByteArray& line : body.split('\n')) {
        if (line.isEmpty())
            continue;
        const QList<QByteArray> f = line.split('\t');
        const std::optional<Role> role =
            f.size() == 3 ? vocab::fromCode<Role>(QString::fromUtf8(f[1])) : std::nullopt;
        if (!role || (f[2] != "1" && f[2] != "0")) {
            *ok = false;
            return {};
        }
        out.insert(QString::fromUtf8(f[0]), Entry{*role, f[2] == "1"});
    }
    return out;
}

// What is signed: the serial and the body, so an older roster cannot pass for a newer one's text.
QByteArray signedMessage(qint64 serial, const QByteArray& body)
{
    return QByteArray::number(serial) + '\n' + body;
}

} // namespace

Checked checkInTransaction(Database& db)
{
    Checked out;
    const ManagementKey& key = db.management();
    if (!key.active())
        return out;
    auto st =
        db.prepare("SELECT serial, body, signature, signed_by, signed_at FROM staff_roster WHERE id = 1");
    if (!st.step()) {
        out.state = State::Missing;
        return out;
    }
    out.serial = st.int64(0);
    const QByteArray body = st.blob(1);
    const QByteArray signature = st.blob(2);
    out.signedBy = st.text(3);
    out.signedAt = st.text(4);
    bool ok = false;
    const QHash<QString, Entry> entries = parse(body, &ok);
    if (!ok || !key.verify(kContext, signedMessage(out.serial, body), signature)) {
        out.state = State::Invalid;
        return out;
    }
    out.state = State::Signed;
    out.entries = entries;
    QSet<QString> inTable;
    QList<StaffMember> members = everyone(db);
    std::sort(members.begin(), members.end(),
              [](const StaffMember& a, const StaffMember& b) { return a.username < b.username; });
    for (const StaffMember& m : members) {
        const QString& user = m.username;
        inTable.insert(user);
        const auto signedEntry = entries.constFind(user);
        if (signedEntry == entries.cend()) {
            out.differences << QObject::tr("%1 is in the staff table but not in the signed roster").arg(user);
            continue;
        }
        const QString role = vocab::code(m.role);
        const bool active = m.active;
        if (role != vocab::code(signedEntry->role))
            out.differences << QObject::tr("%1 is %2 in the staff table, %3 in the signed roster")
                                   .arg(user, role, vocab::code(signedEntry->role));
        if (active != signedEntry->active)
            out.differences << QObject::tr("%1 is %2 in the staff table, %3 in the signed roster")
                                   .arg(user, active ? QObject::tr("open") : QObject::tr("closed"),
                                        signedEntry->active ? QObject::tr("open") : QObject::tr("closed"));
    }
    for (auto it = entries.cbegin(); it != entries.cend(); ++it)
        if (!inTable.contains(it.key()))
            out.differences
                << QObject::tr("%1 is in the signed roster but not in the staff table").arg(it.key());
    return out;
}

Result<Checked> check(Database& db)
{
    return guarded([&]() -> Result<Checked> { return checkInTransaction(db); });
}

void signInTransaction(Database& db)
{
    const ManagementKey& key = db.management();
    if (!key.active())
        return;
    if (!key.canSign())
        throw StorageError(SQLITE_AUTH, QObject::tr("Only a manager can change staff accounts: the roster "
                                                    "of who may do what is signed with a manager's key."));
    qint64 serial = 0;
    if (auto st = db.prepare("SELECT serial FROM staff_roster WHERE id = 1"); st.step())
        serial = st.int64(0);
    ++serial;
    const QByteArray body = bodyOfStaffTable(db);
    db.prepare("INSERT OR REPLACE INTO staff_roster (id, serial, body, signature, signed_by, signed_at) "
               "VALUES (1,?,?,?,?,?)")
        .bind(1, serial)
        .bindBlob(2, body)
        .bindBlob(3, key.sign(kContext, signedMessage(serial, body)))
        .bind(4, db.actor().username)
        .bind(5, Clock::nowIso())
        .run();
}

namespace {

int rank(Role r)
{
    switch (r) {
    case Role::Receptionist:
        return 1;
    case Role::Practitioner:
        return 2;
    case Role::Manager:
    case Role::System:
        return 3;
    case Role::None:
        break;
    }
    return 0;
}

Role within(Role role, Role ceiling)
{
    return rank(role) <= rank(ceiling) ? role : ceiling;
}

Error closed(const QString& user)
{
    return makeError(Error::Kind::Permission, QObject::tr("The account \"%1\" has been closed.").arg(user));
}

} // namespace

Result<Actor> signInActorInTransaction(Database& db, const QString& user, Role ceiling, bool olderSlot)
{
    auto member = staff::byUsername(db, user);
    if (!member)
        return member.error();
    const qint64 id = member->id;
    const Role tableRole = member->role;
    const bool tableActive = member->active;
    const bool manager = ceiling == Role::Manager;
    const Checked roster = checkInTransaction(db);
    switch (roster.state) {
    case State::NotSigned:
        if (!tableActive)
            return closed(user);
        return Actor{id, user, within(tableRole, ceiling)};
    case State::Signed: {
        const auto entry = roster.entries.constFind(user);
        if (entry == roster.entries.cend() || !entry->active)
            return closed(user);
        if (!roster.differences.isEmpty())
            db.deferAudit(QStringLiteral("roster-differs"), roster.differences.join(QStringLiteral("; ")));
        return Actor{id, user, within(entry->role, ceiling)};
    }
    case State::Missing:
        if (olderSlot) {
            if (!tableActive)
                return closed(user);
            Actor me{id, user, within(tableRole, ceiling)};
            if (manager) {
                // The vault comes from before signed rosters: its first manager signs what is there.
                db.setActor(me);
                signInTransaction(db);
                db.deferAudit(QStringLiteral("roster-signed"),
                              QStringLiteral("the accounts as they were, at the first manager's sign-in"));
            }
            return me;
        }
        [[fallthrough]];
    case State::Invalid:
        if (manager) {
            db.deferAudit(QStringLiteral("roster-invalid"),
                          roster.state == State::Missing
                              ? QStringLiteral("the signed roster is missing")
                              : QStringLiteral("the roster's signature does not match its accounts"));
            return Actor{id, user, Role::Manager};
        }
        return makeError(Error::Kind::Damaged,
                         QObject::tr("The list of staff accounts was changed outside Clinicdesk (its "
                                     "signature does not match), so no one's role can be trusted. A "
                                     "manager must sign in and check the staff accounts first."));
    }
    return closed(user);
}

} // namespace cd::roster
