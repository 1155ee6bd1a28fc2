// The signed roster, played by the insider who holds the database key (every member of staff's slot
// gives it): she rewrites the staff table, the roster row or her old keyring, and signs in.
#include "Files.h"
#include "Insider.h"
#include "TestVault.h"
#include "accounts/Access.h"
#include "accounts/Roster.h"
#include "audit/AuditLog.h"
#include "common/ManagementKey.h"
#include "staff/Accounts.h"
#include "storage/Schema.h"
#include "storage/Sql.h"
#include "vault/Keyring.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>
#include <functional>
#include <sodium.h>

using namespace cd;
using namespace cd::test;

namespace {

const char* const kSam = "sam answers the phones";

// The clinic of support/Insider.h, and sam at the front desk too.
struct Clinic : StaffClinic
{
    Clinic()
    {
        if (!Accounts(t.vault()).add(QStringLiteral("sam"), QStringLiteral("Sam Okoye"),
                                     QStringLiteral("receptionist"), secret(kSam), KdfParams::forTestsOnly()))
            qFatal("cannot add sam");
    }
    // What an insider does with the database key her slot gives and the sqlcipher shell.
    void asInsider(const char* passphrase, const QString& user, const std::function<void(Database&)>& act)
    {
        act(*databaseAs(user, passphrase));
    }
    Result<std::unique_ptr<Vault>> signIn(const char* passphrase, const QString& user)
    {
        return Vault::open(t.dir(), user, secret(passphrase));
    }
};

QStringList auditActions(Database& db)
{
    QStringList out;
    for (const AuditEntry& e : AuditLog(db).query({}).value())
        out << e.action;
    return out;
}

// A slot as the version before signed rosters wrote it: the form byte without its flag, and no
// management public key below management. The ring is signed again with the database key (as anyone
// holding it can).
void writeSlotsInOlderForm(const QString& keyringPath, const QMap<QString, QByteArray>& passphrases,
                           const SecretBytes& databaseKey)
{
    rewriteKeyringAs(keyringPath, databaseKey, [&](QJsonObject& o) {
        const QByteArray vaultId =
            QByteArray::fromBase64(o.value(QStringLiteral("vault_id")).toString().toLatin1());
        QJsonArray slots = o.value(QStringLiteral("slots")).toArray();
        for (int i = 0; i < slots.size(); ++i) {
            QJsonObject s = slots[i].toObject();
            const QString user = s.value(QStringLiteral("user")).toString();
            if (!passphrases.contains(user))
                continue;
            const auto b64 = [&](const char* k) {
                return QByteArray::fromBase64(s.value(QLatin1String(k)).toString().toLatin1());
            };
            const QByteArray salt = b64("salt"), nonce = b64("nonce"), wrapped = b64("wrapped_key");
            const QByteArray pass = passphrases.value(user);
            unsigned char kek[32];
            if (crypto_pwhash(kek, sizeof kek, pass.constData(), quint64(pass.size()),
                              reinterpret_cast<const unsigned char*>(salt.constData()),
                              quint64(s.value(QStringLiteral("ops")).toDouble()),
                              std::size_t(s.value(QStringLiteral("mem")).toDouble()),
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
                qFatal("argon2 failed");
            const QByteArray ad = QByteArrayLiteral("clinicdesk-slot-v1|") + vaultId + '|' + user.toUtf8();
            QByteArray payload(wrapped.size() - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
            unsigned long long len = 0;
            if (crypto_aead_xchacha20poly1305_ietf_decrypt(
                    reinterpret_cast<unsigned char*>(payload.data()), &len, nullptr,
                    reinterpret_cast<const unsigned char*>(wrapped.constData()), std::size_t(wrapped.size()),
                    reinterpret_cast<const unsigned char*>(ad.constData()), std::size_t(ad.size()),
                    reinterpret_cast<const unsigned char*>(nonce.constData()), kek) != 0)
                qFatal("cannot open the slot of %s", qPrintable(user));
            const int scope = payload[0] & 0x7f;
            payload[0] = char(scope);
            payload.truncate(1 + 32 * scope);
            QByteArray out(payload.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
            crypto_aead_xchacha20poly1305_ietf_encrypt(
                reinterpret_cast<unsigned char*>(out.data()), &len,
                reinterpret_cast<const unsigned char*>(payload.constData()), std::size_t(payload.size()),
                reinterpret_cast<const unsigned char*>(ad.constData()), std::size_t(ad.size()), nullptr,
                reinterpret_cast<const unsigned char*>(nonce.constData()), kek);
            s.insert(QStringLiteral("wrapped_key"), QString::fromLatin1(out.toBase64()));
            slots[i] = s;
        }
        o.insert(QStringLiteral("slots"), slots);
    });
}

bool slotInTodaysForm(const QString& keyringPath, const QString& user, const char* passphrase)
{
    auto keys = Keyring::load(keyringPath)->unwrap(user, secret(passphrase));
    return keys && !keys->olderSlot && !keys->managementPublic().isEmpty();
}

} // namespace

class TestRoster : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // "UPDATE staff SET role='manager'" with her own key: she signs in a receptionist still.
    void raisingARoleInTheStaffTableRaisesNoOne()
    {
        Clinic c;
        c.asInsider(kTom, QStringLiteral("tom"), [](Database& db) {
            db.exec("UPDATE staff SET role = 'manager' WHERE username IN ('tom', 'priya')");
        });
        auto tom = c.signIn(kTom, QStringLiteral("tom"));
        QVERIFY2(tom.ok(), tom.ok() ? "" : qPrintable(tom.message()));
        QCOMPARE(tom.value()->db().actor().role, Role::Receptionist);
        QVERIFY(!access::require(tom.value()->db(), Action::ManageStaff).ok());
        QVERIFY(!Accounts(*tom.value()).signRoster().ok());
        tom.value().reset();
        auto priya = c.signIn(kPriya, QStringLiteral("priya"));
        QVERIFY(priya.ok());
        QCOMPARE(priya.value()->db().actor().role, Role::Practitioner);
        priya.value().reset();

        // The manager sees what was changed, in words, and the sign-ins logged it.
        QVERIFY(c.t.reopen().ok());
        auto checked = roster::check(c.t.db());
        QVERIFY(checked.ok());
        QCOMPARE(checked->state, roster::State::Signed);
        QCOMPARE(checked->entries.value(QStringLiteral("tom")).role, Role::Receptionist);
        QCOMPARE(checked->differences.size(), 2);
        QVERIFY(checked->differences.join(' ').contains(
            QStringLiteral("tom is manager in the staff table, receptionist in the signed roster")));
        QVERIFY(auditActions(c.t.db()).contains(QStringLiteral("roster-differs")));
        // The Staff dialog lists what counts, and the manager's next staff change signs none of it in:
        // the table is put back as signed first.
        for (const StaffMember& m : Accounts(c.t.vault()).list().value())
            if (m.username == QLatin1String("tom"))
                QCOMPARE(m.role, Role::Receptionist);
        QVERIFY(Accounts(c.t.vault())
                    .add(QStringLiteral("ada"), QStringLiteral("Ada Eze"), QStringLiteral("receptionist"),
                         secret("ada starts on monday"), KdfParams::forTestsOnly())
                    .ok());
        checked = roster::check(c.t.db());
        QCOMPARE(checked->entries.value(QStringLiteral("tom")).role, Role::Receptionist);
        QCOMPARE(checked->entries.value(QStringLiteral("priya")).role, Role::Practitioner);
        QVERIFY2(checked->differences.isEmpty(), qPrintable(checked->differences.join(';')));
    }

    // A leaver removed without a re-key keeps a copy of the keyring. She opens the database with the
    // key her old slot gives, sets her account open again and puts her old keyring back.
    void aClosedAccountStaysClosedWhateverTheTableSays()
    {
        Clinic c;
        const QByteArray oldKeyring = readAll(Vault::keyringPath(c.t.dir()));
        QVERIFY(Accounts(c.t.vault()).remove(QStringLiteral("sam")).ok());
        c.t.close();
        writeAll(Vault::keyringPath(c.t.dir()), oldKeyring);
        c.asInsider(kSam, QStringLiteral("sam"),
                    [](Database& db) { db.exec("UPDATE staff SET active = 1 WHERE username = 'sam'"); });
        auto sam = c.signIn(kSam, QStringLiteral("sam"));
        QVERIFY(!sam.ok());
        QCOMPARE(sam.error().kind, Error::Kind::Permission);
        QVERIFY2(sam.message().contains(QStringLiteral("closed")), qPrintable(sam.message()));
        // Everyone else still comes in.
        QVERIFY(c.signIn(kTom, QStringLiteral("tom")).ok());
    }

    // The roster row itself rewritten (its signature no longer matches) or deleted: only a manager
    // comes in, sees it in the log, checks the accounts and signs them again.
    void anAlteredOrMissingRosterLetsOnlyAManagerIn_data()
    {
        QTest::addColumn<QString>("tampering");
        QTest::newRow("tom made manager in the roster's text") << QStringLiteral(
            "UPDATE staff_roster SET body = replace(body, CAST('tom\treceptionist' AS BLOB), "
            "CAST('tom\tmanager' AS BLOB))");
        QTest::newRow("an older serial") << QStringLiteral("UPDATE staff_roster SET serial = serial - 1");
        QTest::newRow("the roster deleted") << QStringLiteral("DELETE FROM staff_roster");
        QTest::newRow("the roster table dropped and made again empty")
            << QStringLiteral("DROP TABLE staff_roster; CREATE TABLE staff_roster (id INTEGER PRIMARY KEY, "
                              "serial INTEGER, body BLOB, signature BLOB, signed_by TEXT, signed_at TEXT)");
    }
    void anAlteredOrMissingRosterLetsOnlyAManagerIn()
    {
        QFETCH(QString, tampering);
        Clinic c;
        c.asInsider(kTom, QStringLiteral("tom"), [&](Database& db) { db.exec(tampering.toStdString()); });
        for (const auto& [user, pass] :
             {std::pair{QStringLiteral("tom"), kTom}, std::pair{QStringLiteral("priya"), kPriya}}) {
            auto refused = c.signIn(pass, user);
            QVERIFY2(!refused.ok(), qPrintable(user));
            QCOMPARE(refused.error().kind, Error::Kind::Damaged);
            QVERIFY2(refused.message().contains(QStringLiteral("A manager must sign in")),
                     qPrintable(refused.message()));
        }
        QVERIFY(c.t.reopen().ok());
        QCOMPARE(c.t.db().actor().role, Role::Manager);
        QVERIFY(roster::check(c.t.db())->state != roster::State::Signed);
        QVERIFY(Accounts(c.t.vault()).signRoster().ok());
        QCOMPARE(roster::check(c.t.db())->state, roster::State::Signed);
        const QStringList log = auditActions(c.t.db());
        QVERIFY(log.contains(QStringLiteral("roster-invalid")));
        QVERIFY(log.contains(QStringLiteral("roster-signed")));
        c.t.close();
        auto tom = c.signIn(kTom, QStringLiteral("tom"));
        QVERIFY2(tom.ok(), tom.ok() ? "" : qPrintable(tom.message()));
        QCOMPARE(tom.value()->db().actor().role, Role::Receptionist);
    }

    // A roster signed by a key of the insider's own, with the ring's management public key swapped
    // for hers: her colleagues' slots carry the real public key, so their sign-ins are not fooled.
    void aRosterSignedWithAnotherKeyDoesNotCount()
    {
        Clinic c;
        c.asInsider(kTom, QStringLiteral("tom"), [](Database& db) {
            SecretBytes seed = SecretBytes::random(32);
            const ManagementKey mine(QByteArray(), std::move(seed));
            const QByteArray body = "manager\tmanager\t1\npriya\tmanager\t1\nsam\treceptionist\t1\n"
                                    "tom\tmanager\t1\n";
            db.prepare("UPDATE staff_roster SET serial = 99, body = ?, signature = ? WHERE id = 1")
                .bindBlob(1, body)
                .bindBlob(2, mine.sign(roster::kContext, "99\n" + body))
                .run();
        });
        auto priya = c.signIn(kPriya, QStringLiteral("priya"));
        QVERIFY(!priya.ok());
        QCOMPARE(priya.error().kind, Error::Kind::Damaged);
    }

    // A vault written before signed rosters (schema 11, slots in the older form): it opens as before,
    // its first manager's sign-in signs its accounts, and each slot is written in today's form at its
    // owner's next sign-in; from then on a deleted roster keeps that person out.
    void aVaultFromBeforeSignedRostersIsSignedAtTheFirstManagersSignIn()
    {
        Clinic c;
        c.asInsider(kTom, QStringLiteral("tom"), [](Database& db) {
            // What schema 11 had: none of the later tables (their migrations run again).
            db.exec("DROP TABLE staff_roster; DROP TABLE audit_checkpoints; "
                    "DROP TABLE former_management_keys; PRAGMA user_version = 11");
        });
        {
            auto keys =
                Keyring::load(Vault::keyringPath(c.t.dir()))->unwrap(QStringLiteral("tom"), secret(kTom));
            writeSlotsInOlderForm(Vault::keyringPath(c.t.dir()),
                                  {{QStringLiteral("manager"), kPassphrase},
                                   {QStringLiteral("tom"), kTom},
                                   {QStringLiteral("priya"), kPriya}},
                                  keys->database);
        }
        QVERIFY(Keyring::load(Vault::keyringPath(c.t.dir()))
                    ->unwrap(QStringLiteral("tom"), secret(kTom))
                    ->olderSlot);
        // Before any manager has signed in, the staff table counts (within each slot's keys).
        auto tom = c.signIn(kTom, QStringLiteral("tom"));
        QVERIFY2(tom.ok(), tom.ok() ? "" : qPrintable(tom.message()));
        QCOMPARE(tom.value()->db().actor().role, Role::Receptionist);
        QCOMPARE(schema::currentVersion(tom.value()->db()), schema::latestVersion());
        QCOMPARE(roster::check(tom.value()->db())->state, roster::State::Missing);
        tom.value().reset();
        QVERIFY(slotInTodaysForm(Vault::keyringPath(c.t.dir()), QStringLiteral("tom"), kTom));

        QVERIFY(c.t.reopen().ok());
        QCOMPARE(roster::check(c.t.db())->state, roster::State::Signed);
        QVERIFY(AuditLog(c.t.db()).flushDeferred().ok()); // the sign-in's entries, as at its first write
        QVERIFY(auditActions(c.t.db()).contains(QStringLiteral("roster-signed")));
        c.t.close();
        QVERIFY(slotInTodaysForm(Vault::keyringPath(c.t.dir()), QStringLiteral("manager"), kPassphrase));

        c.asInsider(kTom, QStringLiteral("tom"), [](Database& db) { db.exec("DELETE FROM staff_roster"); });
        QVERIFY(!c.signIn(kTom, QStringLiteral("tom")).ok());
        // The manager's slot is in today's form now: the missing roster is not signed again blindly.
        QVERIFY(c.t.reopen().ok());
        QCOMPARE(roster::check(c.t.db())->state, roster::State::Missing);
    }

    // A role change whose database write fails (another program holds the vault) leaves the
    // account's old slot: the old passphrase still opens it, with the old role.
    void aRoleChangeThatCannotBeSavedKeepsTheOldKeys()
    {
        Clinic c;
        auto other = Database::open(Vault::databasePath(c.t.dir()), Database::Mode::Open,
                                    &c.t.vault().keys().database);
        QVERIFY(other.ok());
        other.value()->exec("BEGIN IMMEDIATE");
        auto changed =
            Accounts(c.t.vault())
                .changeRole(QStringLiteral("tom"), QStringLiteral("practitioner"), KdfParams::forTestsOnly());
        QVERIFY(!changed.ok());
        other.value()->exec("ROLLBACK");
        other.value().reset();
        c.t.close();
        auto tom = c.signIn(kTom, QStringLiteral("tom"));
        QVERIFY2(tom.ok(), tom.ok() ? "" : qPrintable(tom.message()));
        QCOMPARE(tom.value()->db().actor().role, Role::Receptionist);
        QCOMPARE(tom.value()->keys().scope, KeyScope::FrontDesk);
    }

    // A re-key signs the roster again with the new management key: everyone still comes in.
    void aRekeySignsTheRosterWithTheNewKey()
    {
        Clinic c;
        auto r = Accounts(c.t.vault()).rekey(secret(kPassphrase), KdfParams::forTestsOnly());
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.message()));
        QCOMPARE(roster::check(c.t.db())->state, roster::State::Signed);
        c.t.close();
        QByteArray tomOtp;
        for (const auto& [user, otp] : r->oneTimePassphrases)
            if (user == QLatin1String("tom"))
                tomOtp = otp;
        auto tom = c.signIn(tomOtp.constData(), QStringLiteral("tom"));
        QVERIFY2(tom.ok(), tom.ok() ? "" : qPrintable(tom.message()));
        QCOMPARE(tom.value()->db().actor().role, Role::Receptionist);
    }
};

QTEST_GUILESS_MAIN(TestRoster)
#include "tst_roster.moc"
