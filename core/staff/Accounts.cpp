#include "staff/Accounts.h"

#include "accounts/Access.h"
#include "accounts/Roster.h"
#include "audit/AuditLog.h"
#include "common/Clock.h"
#include "common/Text.h"
#include "storage/Sql.h"
#include "vault/PassphraseStrength.h"
#include "vault/Vault.h"

#include <QObject>
#include <QRegularExpression>
#include <cstring>
#include <sodium.h>

namespace cd {

QByteArray Accounts::generateOneTimePassphrase()
{
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
    QByteArray out;
    for (int i = 0; i < 16; ++i) {
        if (i > 0 && i % 4 == 0)
            out += '-';
        out += alphabet[randombytes_uniform(sizeof alphabet - 1)];
    }
    return out;
}

namespace {

// A role typed by a manager (CLI, Staff dialog): one a staff account can have, or nothing.
std::optional<Role> staffRole(const QString& code)
{
    const std::optional<Role> role = vocab::fromCode<Role>(code.trimmed().toLower());
    if (!role || !access::staffRoles().contains(*role))
        return std::nullopt;
    return role;
}

} // namespace

Result<StaffMember> Accounts::add(const QString& usernameIn, const QString& displayName,
                                  const QString& roleCode, const SecretBytes& oneTimePassphrase,
                                  const KdfParams& kdf)
{
    Database& db = m_vault.db();
    if (auto st = access::require(db, Action::ManageStaff); !st)
        return st.error();
    const QString username = usernameIn.trimmed().toLower();
    if (!QRegularExpression(QStringLiteral("^[a-z][a-z0-9._-]{1,31}$")).match(username).hasMatch())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("An account name is 2 to 32 letters, digits, dots or dashes, starting "
                                     "with a letter (for example \"tom\" or \"priya.shah\")."));
    const std::optional<Role> role = staffRole(roleCode);
    if (!role)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("The role is receptionist, practitioner or manager."));
    if (auto st = requireAcceptable(oneTimePassphrase, {username, displayName, QStringLiteral("clinicdesk")});
        !st)
        return st.error();
    auto existing = staff::byUsername(db, username);
    if (existing && existing->active)
        return makeError(Error::Kind::Conflict,
                         QObject::tr("There is already an account named \"%1\".").arg(username));
    // The key slot first: if it cannot be written, no account exists without a way in.
    if (auto st = m_vault.addSlot(username, oneTimePassphrase, kdf, scopeFor(*role)); !st)
        return st.error();
    const Status saved = guarded([&]() -> Status {
        Transaction tx(db);
        const QString shown = displayName.trimmed().isEmpty() ? username : displayName.trimmed();
        if (existing)
            staff::reopenInTransaction(db, existing->id, shown, *role);
        else
            staff::addInTransaction(db, username, shown, *role, true);
        if (auto st = AuditLog(db).append(QStringLiteral("staff-added"), {},
                                          QStringLiteral("%1 as %2").arg(username, vocab::code(*role)));
            !st)
            return st;
        tx.commit();
        return {};
    });
    if (!saved) {
        (void)m_vault.removeSlot(username);
        return saved.error();
    }
    return staff::byUsername(db, username);
}

Result<QByteArray> Accounts::changeRole(const QString& username, const QString& roleCode,
                                        const KdfParams& kdf)
{
    Database& db = m_vault.db();
    if (auto st = access::require(db, Action::ManageStaff); !st)
        return st.error();
    const std::optional<Role> role = staffRole(roleCode);
    if (!role)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("The role is receptionist, practitioner or manager."));
    if (username == db.actor().username && *role != Role::Manager)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("You cannot take away your own manager role; ask another manager."));
    auto member = staff::byUsername(db, username);
    if (!member || !member->active)
        return makeError(Error::Kind::NotFound,
                         QObject::tr("There is no open account named \"%1\".").arg(username));
    // The keys follow the role: a slot of another scope is written with a one-time passphrase
    // (the old passphrase is needed to re-wrap the old slot, and the manager does not know it).
    // The slot first, as when an account is added; if the role cannot then be saved, the old slot
    // goes back, so the account never has keys its role does not say (or a passphrase no one saw).
    QByteArray otp;
    std::optional<KeySlot> before;
    if (const KeySlot* slot = m_vault.keyring().slot(username);
        m_vault.hasKeyDomains() && slot && slot->scope != scopeFor(*role)) {
        before = *slot;
        otp = generateOneTimePassphrase();
        QByteArray copy = otp;
        if (auto st = m_vault.setSlot(username, SecretBytes::takeFrom(copy), kdf, scopeFor(*role)); !st)
            return st.error();
    }
    const Status saved = guarded([&]() -> Status {
        Transaction tx(db);
        staff::setRoleInTransaction(db, username, *role);
        if (!otp.isEmpty())
            staff::setMustChangePassphraseInTransaction(db, username, true);
        if (auto st = AuditLog(db).append(
                QStringLiteral("staff-role-changed"), {},
                QStringLiteral("%1 to %2%3")
                    .arg(username, vocab::code(*role),
                         otp.isEmpty() ? QString() : QStringLiteral("; new keys, one-time passphrase")));
            !st)
            return st;
        tx.commit();
        return {};
    });
    if (!saved) {
        if (before)
            (void)m_vault.restoreSlot(*before);
        wipe(otp);
        return saved.error();
    }
    return otp;
}

Status Accounts::remove(const QString& username)
{
    Database& db = m_vault.db();
    if (auto st = access::require(db, Action::ManageStaff); !st)
        return st;
    if (username == db.actor().username)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("You cannot remove your own account; ask another manager."));
    auto member = staff::byUsername(db, username);
    if (!member)
        return member.error();
    if (auto st = m_vault.removeSlot(username); !st && st.error().kind != Error::Kind::NotFound)
        return st;
    return guarded([&]() -> Status {
        Transaction tx(db);
        staff::closeInTransaction(db, member->username);
        if (auto st = AuditLog(db).append(QStringLiteral("staff-removed"), {}, username); !st)
            return st;
        tx.commit();
        return {};
    });
}

Result<Accounts::Rekeyed> Accounts::rekey(const SecretBytes& myPassphrase, const KdfParams& kdf,
                                          const std::function<void(int, int, const QString&)>& progress)
{
    Database& db = m_vault.db();
    if (auto st = access::require(db, Action::ManageStaff); !st)
        return st.error();
    const QString me = m_vault.user(); // empty when signed in with the recovery key
    if (!me.isEmpty())
        if (auto check = m_vault.keyring().unwrap(me, myPassphrase); !check)
            return makeError(
                check.error().kind,
                QObject::tr("Your passphrase is needed to re-key the vault, and that was not it."));
    auto staff = staff::all(db);
    if (!staff)
        return staff.error();
    Rekeyed out;
    std::vector<Vault::NewSlot> slots;
    for (const StaffMember& m : staff.value()) {
        if (!m.active || !m_vault.keyring().slot(m.username))
            continue;
        if (m.username == me) {
            slots.push_back({m.username, myPassphrase.copy(), scopeFor(m.role)});
            continue;
        }
        const QByteArray otp = generateOneTimePassphrase();
        QByteArray sealed = otp;
        slots.push_back({m.username, SecretBytes::takeFrom(sealed), scopeFor(m.role)});
        out.oneTimePassphrases.append({m.username, otp});
    }
    auto recovery = m_vault.rekey(slots, kdf, progress);
    if (!recovery)
        return recovery.error();
    out.recoveryKey = recovery.value();
    // The database is the new one now: flag the new passphrases and log the re-key in it.
    Database& now = m_vault.db();
    const Status logged = guarded([&]() -> Status {
        Transaction tx(now);
        for (const auto& [user, otp] : out.oneTimePassphrases)
            staff::setMustChangePassphraseInTransaction(now, user, true);
        if (auto st = AuditLog(now).append(
                QStringLiteral("vault-rekeyed"), {},
                QStringLiteral("%1 given one-time passphrases")
                    .arg(text::count(out.oneTimePassphrases.size(), "account", "accounts")));
            !st)
            return st;
        tx.commit();
        return {};
    });
    if (!logged)
        return logged.error();
    return out;
}

Result<QList<StaffMember>> Accounts::list()
{
    auto all = staff::all(m_vault.db());
    auto signedRoster = roster::check(m_vault.db());
    if (!all || !signedRoster || signedRoster->state != roster::State::Signed)
        return all;
    // The roles and open states that count: the signed ones (a row changed outside Clinicdesk shows
    // what it was signed as).
    for (StaffMember& m : all.value())
        if (const auto e = signedRoster->entries.constFind(m.username); e != signedRoster->entries.cend()) {
            m.role = e->role;
            m.active = e->active;
        }
    return all;
}

Status Accounts::signRoster()
{
    Database& db = m_vault.db();
    if (auto st = access::require(db, Action::ManageStaff); !st)
        return st;
    return guarded([&]() -> Status {
        Transaction tx(db);
        staff::signRosterInTransaction(db);
        auto everyone = staff::all(db);
        if (!everyone)
            return everyone.error();
        QStringList accounts;
        for (const StaffMember& m : everyone.value())
            accounts << QStringLiteral("%1 %2%3").arg(m.username, vocab::code(m.role),
                                                      m.active ? QString() : QStringLiteral(" (closed)"));
        if (auto st =
                AuditLog(db).append(QStringLiteral("roster-signed"), {}, accounts.join(QStringLiteral(", ")));
            !st)
            return st;
        tx.commit();
        return {};
    });
}

Status Accounts::changeOwnPassphrase(const SecretBytes& current, const SecretBytes& next,
                                     const KdfParams& kdf)
{
    Database& db = m_vault.db();
    const QString me = m_vault.user();
    if (me.isEmpty())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("Signed in with the recovery key: there is no passphrase to change."));
    if (current.equals(next))
        return makeError(Error::Kind::Invalid,
                         QObject::tr("Choose a new passphrase, different from the one you were given."));
    if (auto st = requireAcceptable(next, {me, QStringLiteral("clinicdesk")}); !st)
        return st;
    if (auto st = m_vault.changePassphrase(me, current, next, kdf); !st)
        return st;
    return guarded([&]() -> Status {
        Transaction tx(db);
        staff::setMustChangePassphraseInTransaction(db, me, false);
        if (auto logged = AuditLog(db).append(QStringLiteral("passphrase-changed"), {}, me); !logged)
            return logged;
        tx.commit();
        return {};
    });
}

Result<bool> Accounts::mustChangePassphrase()
{
    return staff::mustChangePassphrase(m_vault.db(), m_vault.user());
}

} // namespace cd
