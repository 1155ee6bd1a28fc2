// The change feed (storage/ChangeFeed.h): after each committed transaction the listener hears what
// kinds of data changed, about which clients and days; a rolled-back or refused write says nothing;
// every table of the schema is either mapped to a kind or deliberately left out.
#include "TestVault.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "common/Clock.h"
#include "diary/Diary.h"
#include "privacy/Rights.h"
#include "settings/Settings.h"
#include "storage/Sql.h"

#include <QTest>

using namespace cd;
using namespace cd::test;

namespace {

struct Recorder
{
    QList<ChangeSet> sets;
    explicit Recorder(Database& db)
    {
        db.setChangeListener([this](const ChangeSet& c) { sets.append(c); });
    }
    ChangeSet take()
    {
        if (sets.size() != 1)
            qFatal("expected one change set, got %d", int(sets.size()));
        return sets.takeFirst();
    }
};

} // namespace

class TestChanges : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { Clock::setSource(nullptr); }

    void aCommittedWriteSaysWhatAndWhose()
    {
        TestVault t;
        Recorder r(t.db());
        const qint64 id =
            t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"), QStringLiteral("07700 900123"));
        ChangeSet c = r.take();
        QVERIFY(c.touches(DataKind::Clients, id));
        QVERIFY(!c.touches(DataKind::Clients, id + 1));
        QVERIFY(!c.touches(DataKind::Interactions));
        QVERIFY(!c.remote);

        Interaction call;
        call.clientId = id;
        call.body = QStringLiteral("Asked about lip filler");
        call.followUpOn = Clock::today();
        const qint64 callId = InteractionStore(t.db()).add(call).value();
        c = r.take();
        QVERIFY(c.touches(DataKind::Interactions, id));
        QCOMPARE(c.clients, QSet<qint64>{id});

        // A write that commits on its own, outside a transaction, reports too.
        QVERIFY(InteractionStore(t.db()).completeFollowUp(callId).ok());
        QVERIFY(r.take().touches(DataKind::Interactions, id));

        QVERIFY(ClinicSettings(t.db()).setClinicName(QStringLiteral("Harley Street Aesthetics")).ok());
        QVERIFY(r.take().touches(DataKind::Settings));
    }

    void aRefusedOrRolledBackWriteSaysNothing()
    {
        TestVault t;
        const qint64 id = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        QVERIFY(rights::setRestricted(t.db(), id, true).ok());
        Recorder r(t.db());
        Interaction call;
        call.clientId = id;
        call.body = QStringLiteral("Refused: restricted");
        QVERIFY(!InteractionStore(t.db()).add(call).ok());
        Client bad = ClientStore(t.db()).get(id).value();
        bad.emails = {{QStringLiteral("personal"), QStringLiteral("not an email")}};
        QVERIFY(!ClientStore(t.db()).update(bad).ok());
        {
            Transaction tx(t.db());
            t.db().prepare("UPDATE clients SET first_name = 'Rolled' WHERE id = ?").bind(1, id).run();
        } // rolled back
        QCOMPARE(r.sets.size(), 0);
        QVERIFY(rights::setRestricted(t.db(), id, false).ok());
        QVERIFY(r.take().touches(DataKind::Clients, id));
    }

    void aBookingSaysItsDay()
    {
        Clock::setSource([] { return QDateTime(QDate(2025, 3, 4), QTime(9, 0), Qt::UTC); });
        TestVault t;
        const qint64 id = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 room = Diary(t.db()).addRoom(QStringLiteral("Room 1")).value();
        Recorder r(t.db());
        Appointment a;
        a.clientId = id;
        a.kind = AppointmentKind::Consultation;
        a.startsAt = QDateTime(QDate(2025, 3, 6), QTime(14, 0));
        a.durationMinutes = 30;
        a.practitionerId = 1; // the manager who made the vault
        a.roomId = room;
        const qint64 booked = Diary(t.db()).book(a).value();
        ChangeSet c = r.take();
        QVERIFY(c.touches(DataKind::Appointments, id));
        QCOMPARE(c.days, QSet<QDate>{QDate(2025, 3, 6)});
        QVERIFY(!c.touchesDay(QDate(2025, 3, 5)));
        // Moved to another day: both days change.
        QVERIFY(Diary(t.db()).move(booked, QDateTime(QDate(2025, 3, 7), QTime(10, 0))).ok());
        QCOMPARE(r.take().days, (QSet<QDate>{QDate(2025, 3, 6), QDate(2025, 3, 7)}));
    }

    void everyTableHasAKindOrIsLeftOutOnPurpose()
    {
        TestVault t;
        // Tables no window shows: the audit log (read on demand), search indexes and their shadow
        // tables, the schema's own bookkeeping, the clinic's public keys (written once, with the vault).
        const auto leftOut = [](const QString& table) {
            return table == QLatin1String("audit_log") || table == QLatin1String("client_words") ||
                   table.startsWith(QLatin1String("interaction_search")) ||
                   table.startsWith(QLatin1String("sqlite_")) || table == QLatin1String("schema_version") ||
                   table == QLatin1String("key_domains") || table == QLatin1String("audit_checkpoints") ||
                   table == QLatin1String("former_management_keys");
        };
        auto st = t.db().prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
        QStringList unmapped;
        while (st.step()) {
            const QString table = st.text(0);
            if (!leftOut(table) && !changes::kindOfTable(table.toStdString()))
                unmapped << table;
        }
        QVERIFY2(unmapped.isEmpty(), qPrintable(QStringLiteral("tables the change feed does not know: ") +
                                                unmapped.join(QStringLiteral(", "))));
    }
};

QTEST_MAIN(TestChanges)
#include "tst_changes.moc"
