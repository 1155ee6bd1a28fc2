#include "accounts/Staff.h"

#include "accounts/Roster.h"
#include "common/Clock.h"
#include "storage/Sql.h"

#include <QObject>

namespace cd::staff {

namespace {
StaffMember read(const Statement& st)
{
    return {st.int64(0), st.text(1), st.text(2), vocab::fromCode<Role>(st.text(3)).value_or(Role::None),
            st.int64(4) != 0};
}
constexpr const char* kSelect = "SELECT id, username, display_name, role, active FROM staff ";
} // namespace

Result<StaffMember> byUsername(Database& db, const QString& username)
{
    return guarded([&]() -> Result<StaffMember> {
        auto st = db.prepare(std::string(kSelect) + "WHERE username = ?");
        if (!st.bind(1, username).step())
            return makeError(Error::Kind::NotFound,
                             QObject::tr("There is no member of staff named \"%1\".").arg(username));
        return read(st);
    });
}

Result<QList<StaffMember>> all(Database& db)
{
    return guarded([&]() -> Result<QList<StaffMember>> {
        QList<StaffMember> out;
        auto st = db.prepare(std::string(kSelect) + "ORDER BY display_name");
        while (st.step())
            out.append(read(st));
        return out;
    });
}

namespace {

// Before any write by Clinicdesk, a role or open state changed outside it (the sqlcipher shell) goes
// back to what the signed roster says, so the signature that follows never takes such a change in.
void undoOutsideChangesInTransaction(Database& db)
{
    const roster::Checked signedRoster = roster::checkInTransaction(db);
    if (signedRoster.state != roster::State::Signed || signedRoster.differences.isEmpty())
        return;
    for (auto it = signedRoster.entries.cbegin(); it != signedRoster.entries.cend(); ++it)
        db.prepare("UPDATE staff SET role = ?, active = ? WHERE username = ? AND (role <> ? OR active <> ?)")
            .bind(1, vocab::code(it->role))
            .bind(2, it->active ? 1 : 0)
            .bind(3, it.key())
            .bind(4, vocab::code(it->role))
            .bind(5, it->active ? 1 : 0)
            .run();
}

} // namespace

void signRosterInTransaction(Database& db)
{
    undoOutsideChangesInTransaction(db);
    roster::signInTransaction(db);
}

qint64 ensureInTransaction(Database& db, const QString& username, const QString& displayName, Role role)
{
    undoOutsideChangesInTransaction(db);
    db.prepare("INSERT OR IGNORE INTO staff (username, display_name, role, created_at) VALUES (?,?,?,?)")
        .bind(1, username)
        .bind(2, displayName)
        .bind(3, vocab::code(role))
        .bind(4, Clock::nowIso())
        .run();
    if (db.changes() > 0)
        roster::signInTransaction(db);
    auto id = db.prepare("SELECT id FROM staff WHERE username = ?");
    id.bind(1, username).step();
    return id.int64(0); // the statement ends here: an open read would block a later checkpoint
}

Result<StaffMember> byId(Database& db, qint64 id)
{
    return guarded([&]() -> Result<StaffMember> {
        auto st = db.prepare(std::string(kSelect) + "WHERE id = ?");
        if (id <= 0 || !st.bind(1, id).step())
            return makeError(Error::Kind::NotFound, QObject::tr("There is no member of staff %1.").arg(id));
        return read(st);
    });
}

qint64 addInTransaction(Database& db, const QString& username, const QString& displayName, Role role,
                        bool mustChangePassphrase)
{
    undoOutsideChangesInTransaction(db);
    const qint64 id =
        db.prepare(
              "INSERT INTO staff (username, display_name, role, active, must_change_passphrase, created_at) "
              "VALUES (?,?,?,1,?,?)")
            .bind(1, username)
            .bind(2, displayName)
            .bind(3, vocab::code(role))
            .bind(4, mustChangePassphrase ? 1 : 0)
            .bind(5, Clock::nowIso())
            .runInsert();
    roster::signInTransaction(db);
    return id;
}

void reopenInTransaction(Database& db, qint64 id, const QString& displayName, Role role)
{
    undoOutsideChangesInTransaction(db);
    db.prepare(
          "UPDATE staff SET display_name = ?, role = ?, active = 1, must_change_passphrase = 1 WHERE id = ?")
        .bind(1, displayName)
        .bind(2, vocab::code(role))
        .bind(3, id)
        .run();
    roster::signInTransaction(db);
}

bool setRoleInTransaction(Database& db, const QString& username, Role role)
{
    undoOutsideChangesInTransaction(db);
    db.prepare("UPDATE staff SET role = ? WHERE username = ? AND active = 1")
        .bind(1, vocab::code(role))
        .bind(2, username)
        .run();
    if (db.changes() == 0)
        return false;
    roster::signInTransaction(db);
    return true;
}

void closeInTransaction(Database& db, const QString& username)
{
    undoOutsideChangesInTransaction(db);
    db.prepare("UPDATE staff SET active = 0 WHERE username = ?").bind(1, username).run();
    roster::signInTransaction(db);
}

void setMustChangePassphraseInTransaction(Database& db, const QString& username, bool mustChange)
{
    db.prepare("UPDATE staff SET must_change_passphrase = ? WHERE username = ?")
        .bind(1, mustChange ? 1 : 0)
        .bind(2, username)
        .run();
}

Result<bool> mustChangePassphrase(Database& db, const QString& username)
{
    return guarded([&]() -> Result<bool> {
        auto st = db.prepare("SELECT must_change_passphrase FROM staff WHERE username = ?");
        return st.bind(1, username).step() && st.int64(0) != 0;
    });
}

QHash<qint64, QString> namesInTransaction(Database& db)
{
    QHash<qint64, QString> out;
    for (auto st = db.prepare("SELECT id, display_name FROM staff"); st.step();)
        out.insert(st.int64(0), st.text(1));
    return out;
}

} // namespace cd::staff
