// The data map covers every column; deadlines follow the ICO's rule and the UK's bank holidays;
// the register lists overdue requests first.
#include "TestVault.h"
#include "common/Clock.h"
#include "privacy/BankHolidays.h"
#include "privacy/DataMap.h"
#include "privacy/Register.h"
#include "settings/Settings.h"
#include "storage/Rows.h"
#include "storage/Schema.h"
#include "storage/Sql.h"

#include <QTest>

using namespace cd;
using namespace cd::test;

class TestPrivacy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { Clock::setSource(nullptr); }

    void everySchemaColumnIsInTheDataMap()
    {
        TestVault t;
        auto tables = t.db().prepare("SELECT name FROM sqlite_master WHERE type = 'table'");
        int checked = 0;
        while (tables.step()) {
            const QString name = tables.text(0);
            if (datamap::isInternalTable(name))
                continue;
            const datamap::Table* entry = datamap::find(name);
            QVERIFY2(entry, qPrintable(QStringLiteral("table %1 is missing from the data map").arg(name)));
            auto cols = t.db().prepare("PRAGMA table_info(" + name.toStdString() + ")");
            while (cols.step()) {
                const QString col = cols.text(1);
                const bool listed = entry->personal.contains(col) + entry->structural.contains(col) == 1;
                QVERIFY2(
                    listed,
                    qPrintable(QStringLiteral("%1.%2 must be listed once in the data map").arg(name, col)));
                ++checked;
            }
        }
        QVERIFY(checked > 60);
        // Every table holding personal data about a client says how to reach the client's rows.
        for (const datamap::Table& entry : datamap::tables())
            if (!entry.personal.isEmpty() && entry.category != datamap::Category::Staff)
                QVERIFY2(!entry.link.isEmpty(), qPrintable(entry.name));
    }

    // Erasure and the subject-access report read each table's rows of one client: every link to a
    // client is an index search, never a scan of the whole table (a scan of 846,000 face-chart
    // points on every erasure of a million-client vault was how this test came to be).
    void everyClientLinkIsIndexed()
    {
        TestVault t;
        int checked = 0;
        for (const datamap::Table& entry : datamap::tables()) {
            if (entry.link.isEmpty())
                continue;
            auto kind = t.db().prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
            QVERIFY(kind.bind(1, entry.name).step());
            if (kind.text(0).startsWith(QLatin1String("CREATE VIRTUAL TABLE")))
                continue; // a search index: its docid is its rowid
            const rows::Slice s = entry.slice();
            auto plan = t.db().prepare(
                ("EXPLAIN QUERY PLAN SELECT 1 FROM " + entry.name + " WHERE " + s.link.column + " = 1")
                    .toStdString());
            QString steps;
            while (plan.step())
                steps += plan.text(3) + QLatin1Char('\n');
            QVERIFY2(
                !steps.contains(QLatin1String("SCAN")),
                qPrintable(
                    QStringLiteral("%1.%2 is read by a scan:\n%3").arg(entry.name, s.link.column, steps)));
            ++checked;
        }
        QVERIFY(checked > 20);
    }

    // Health data is marked with its Article 9 condition, and only health data: the treatment records,
    // their batch tokens, the reasons a treatment went without its consent, the signed forms (medical
    // history, consent) and the photos (which are treatment photos as often as quote photos).
    void healthDataCarriesItsArticle9Condition()
    {
        QStringList special;
        for (const datamap::Table& t : datamap::tables())
            if (!t.article9.isEmpty())
                special << t.name;
        special.sort();
        QCOMPARE(special,
                 (QStringList{"forms", "image_blobs", "images", "treatment_batch_tokens",
                              "treatment_chart_points", "treatment_consent_overrides", "treatment_records"}));
        QVERIFY(datamap::find(QStringLiteral("forms"))->article9.contains(QStringLiteral("9(2)(h)")));
        QVERIFY(
            datamap::find(QStringLiteral("treatment_records"))->article9.contains(QStringLiteral("9(2)(h)")));
    }

    // Every declaration of the data map names columns the schema has: each part of each table can
    // be counted for a client, and the parts add up (kept + gone = all).
    void everyDataMapSliceReadsTheSchema()
    {
        TestVault t;
        const rows::Cutoffs cutoffs = datamap::cutoffs(datamap::retentionPeriods(t.db()));
        int checked = 0;
        for (const datamap::Table& entry : datamap::tables()) {
            if (entry.link.isEmpty())
                continue;
            const rows::Slice s = entry.slice();
            const qint64 all = rows::count(t.db(), s, rows::Part::All, 1, cutoffs);
            const qint64 kept = rows::count(t.db(), s, rows::Part::Kept, 1, cutoffs);
            const qint64 gone = rows::count(t.db(), s, rows::Part::Gone, 1, cutoffs);
            QCOMPARE(kept + gone, all);
            QVERIFY(rows::count(t.db(), s, rows::Part::Expired, 1, cutoffs) <= kept + gone);
            if (!entry.contactDate.isEmpty())
                QVERIFY(rows::PerClient::latest(t.db(), s, entry.contactDate).text(1).isEmpty());
            ++checked;
        }
        QVERIFY(checked > 20);
        // A name that is not an identifier never reaches SQL.
        QVERIFY_THROWS_EXCEPTION(
            StorageError,
            rows::count(t.db(), {QStringLiteral("clients; DROP TABLE staff"), {QStringLiteral("id"), {}}, {}},
                        rows::Part::All, 1));
    }

    void bankHolidays_data()
    {
        QTest::addColumn<QString>("nation");
        QTest::addColumn<int>("year");
        QTest::addColumn<QStringList>("days");
        QTest::newRow("E&W 2026") << "england-wales" << 2026
                                  << QStringList{"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04",
                                                 "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28"};
        QTest::newRow("E&W 2027: Christmas on Saturday")
            << "england-wales" << 2027 << QStringList{"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03",
                                                      "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28"};
        QTest::newRow("E&W 2022: jubilee and funeral")
            << "england-wales" << 2022
            << QStringList{"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02",
                           "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"};
        QTest::newRow("Scotland 2025: St Andrew's substitute")
            << "scotland" << 2025
            << QStringList{"2025-01-01", "2025-01-02", "2025-04-18", "2025-05-05", "2025-05-26",
                           "2025-08-04", "2025-12-01", "2025-12-25", "2025-12-26"};
        QTest::newRow("Scotland 2022: New Year on Saturday")
            << "scotland" << 2022
            << QStringList{"2022-01-03", "2022-01-04", "2022-04-15", "2022-05-02", "2022-06-02", "2022-06-03",
                           "2022-08-01", "2022-09-19", "2022-11-30", "2022-12-26", "2022-12-27"};
        QTest::newRow("Northern Ireland 2026: Boyne substitute")
            << "northern-ireland" << 2026
            << QStringList{"2026-01-01", "2026-03-17", "2026-04-03", "2026-04-06", "2026-05-04",
                           "2026-05-25", "2026-07-13", "2026-08-31", "2026-12-25", "2026-12-28"};
    }
    void bankHolidays()
    {
        QFETCH(QString, nation);
        QFETCH(int, year);
        QFETCH(QStringList, days);
        TestVault t;
        QVERIFY(ClinicSettings(t.db()).setNation(nation).ok());
        const QSet<QDate> got = PrivacyRegister(t.db()).calendar().bankHolidays(year);
        QStringList gotText;
        for (const QDate& d : got)
            gotText << d.toString(Qt::ISODate);
        gotText.sort();
        QCOMPARE(gotText, days);
    }

    void easter()
    {
        QCOMPARE(UkCalendar::easterSunday(2024), QDate(2024, 3, 31));
        QCOMPARE(UkCalendar::easterSunday(2025), QDate(2025, 4, 20));
        QCOMPARE(UkCalendar::easterSunday(2038), QDate(2038, 4, 25));
        QCOMPARE(UkCalendar::easterSunday(2285), QDate(2285, 3, 22));
    }

    void dueDates_data()
    {
        QTest::addColumn<QString>("nation");
        QTest::addColumn<QDate>("received");
        QTest::addColumn<QDate>("due");
        QTest::addColumn<QDate>("extended");
        QTest::newRow("plain month") << "england-wales" << QDate(2026, 11, 24) << QDate(2026, 12, 24)
                                     << QDate(2027, 2, 24);
        QTest::newRow("31 Jan to end of Feb, on a Saturday")
            << "england-wales" << QDate(2026, 1, 31) << QDate(2026, 3, 2) << QDate(2026, 4, 30);
        QTest::newRow("leap year; extension lands on Early May bank holiday")
            << "england-wales" << QDate(2028, 1, 31) << QDate(2028, 2, 29) << QDate(2028, 5, 2);
        QTest::newRow("30 Jan in a leap year")
            << "england-wales" << QDate(2028, 1, 30) << QDate(2028, 2, 29) << QDate(2028, 5, 2);
        QTest::newRow("31 Mar to 30 Apr")
            << "england-wales" << QDate(2026, 3, 31) << QDate(2026, 4, 30) << QDate(2026, 6, 30);
        QTest::newRow("lands on Boxing Day substitute")
            << "england-wales" << QDate(2026, 11, 28) << QDate(2026, 12, 29) << QDate(2027, 3, 1);
        QTest::newRow("lands on Good Friday, then Easter Monday")
            << "england-wales" << QDate(2026, 3, 3) << QDate(2026, 4, 7) << QDate(2026, 6, 3);
        QTest::newRow("year end") << "england-wales" << QDate(2026, 12, 31) << QDate(2027, 2, 1)
                                  << QDate(2027, 3, 31);
        QTest::newRow("jubilee weekend")
            << "england-wales" << QDate(2022, 5, 2) << QDate(2022, 6, 6) << QDate(2022, 8, 2);
        QTest::newRow("St Andrew's Day counts in Scotland")
            << "scotland" << QDate(2026, 10, 30) << QDate(2026, 12, 1) << QDate(2027, 2, 1);
        QTest::newRow("but not in England")
            << "england-wales" << QDate(2026, 10, 30) << QDate(2026, 11, 30) << QDate(2027, 2, 1);
    }
    void dueDates()
    {
        QFETCH(QString, nation);
        QFETCH(QDate, received);
        QFETCH(QDate, due);
        QFETCH(QDate, extended);
        TestVault t;
        QVERIFY(ClinicSettings(t.db()).setNation(nation).ok());
        PrivacyRegister reg(t.db());
        QCOMPARE(reg.dueFor(received), due);
        QCOMPARE(reg.extendedDueFor(received), extended);
    }

    void registerOrdersOverdueFirstAndRecordsEverything()
    {
        Clock::setSource([] { return QDateTime(QDate(2026, 11, 24), QTime(10, 0), Qt::UTC); });
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 zoe = t.addClient(QStringLiteral("Zoë"), QStringLiteral("O'Brien"));
        PrivacyRegister reg(t.db());
        auto access = reg.add(amara, QStringLiteral("access"), QDate(2026, 11, 24),
                              QStringLiteral("called_back_on_file"), 1);
        QVERIFY(access.ok());
        QCOMPARE(access->due, QDate(2026, 12, 24));
        QCOMPARE(access->daysLeft(Clock::today()), 30);
        QCOMPARE(access->clientName, QStringLiteral("Amara Okafor"));
        auto late = reg.add(zoe, QStringLiteral("erasure"), QDate(2026, 10, 1), {}, 1);
        QCOMPARE(late->due, QDate(2026, 11, 2));
        QVERIFY(late->daysLeft(Clock::today()) < 0);
        QVERIFY(!reg.add(zoe, QStringLiteral("delete-me"), QDate(2026, 11, 1), {}, 1).ok());
        QVERIFY(reg.add(zoe, QStringLiteral("access"), QDate(2026, 12, 1), {}, 1)
                    .message()
                    .contains(QStringLiteral("future")));
        QVERIFY(reg.add(999, QStringLiteral("access"), QDate(2026, 11, 1), {}, 1)
                    .message()
                    .contains(QStringLiteral("no client")));

        auto open = reg.list();
        QCOMPARE(open->size(), 2);
        QCOMPARE(open->first().id, late->id);

        QVERIFY(!reg.extend(access->id, QString()).ok());
        QVERIFY(reg.extend(access->id, QStringLiteral("complex: records from two clinics")).ok());
        QCOMPARE(reg.get(access->id)->due, QDate(2027, 2, 24));
        QCOMPARE(reg.get(access->id)->originalDue, QDate(2026, 12, 24));
        QVERIFY(reg.extend(access->id, QStringLiteral("again"))
                    .message()
                    .contains(QStringLiteral("already been extended")));
        QVERIFY(reg.recordSentFile(access->id, QStringLiteral("sar-amara.zip"), QStringLiteral("ab12")).ok());
        QVERIFY(reg.complete(access->id, QDate(2026, 11, 30)).ok());
        auto done = reg.get(access->id);
        QCOMPARE(done->status, RequestStatus::Done);
        QCOMPARE(done->files.size(), 1);
        QCOMPARE(done->files.first().sha256, QStringLiteral("ab12"));
        QCOMPARE(reg.list()->last().id, access->id); // closed requests after open ones
        QCOMPARE(reg.list(true)->size(), 1);
    }

    // The register is kept six years, after an erasure too: it records how identity was checked as
    // a method, and refuses the document itself.
    void identityIsCheckedByMethodNeverByDocument()
    {
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        PrivacyRegister reg(t.db());
        auto typed = reg.add(amara, QStringLiteral("access"), QDate::currentDate(),
                             QStringLiteral("passport 987654321"), 1);
        QVERIFY(!typed.ok());
        QVERIFY2(typed.message().contains(QStringLiteral("photo_id_seen")), qPrintable(typed.message()));
        QVERIFY(typed.message().contains(QStringLiteral("never a document or its number")));
        auto seen = reg.add(amara, QStringLiteral("access"), QDate::currentDate(),
                            QStringLiteral("Photo_ID_Seen"), 1);
        QVERIFY2(seen.ok(), seen.ok() ? "" : qPrintable(seen.message()));
        QCOMPARE(seen->identityCheck, IdentityCheck::PhotoIdSeen);
        QVERIFY(!reg.add(amara, QStringLiteral("access"), QDate::currentDate(), {}, 1)->identityCheck);
    }

    // Requests recorded before (free text, sometimes with a document number) keep only the method.
    void olderIdentityTextBecomesAMethod_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("kept");
        QTest::newRow("passport") << "passport 9876 5432 1"
                                  << "photo_id_seen";
        QTest::newRow("licence") << "Driving licence OKAFO902281AB9"
                                 << "photo_id_seen";
        QTest::newRow("call back") << "phone call to the number on file"
                                   << "called_back_on_file";
        QTest::newRow("email") << "email from the address on file"
                               << "email_on_file";
        QTest::newRow("in person") << "known to us in person"
                                   << "known_in_person";
        QTest::newRow("anything else") << "her sister Joy vouched, 07700 900123"
                                       << "other";
    }
    void olderIdentityTextBecomesAMethod()
    {
        QFETCH(QString, typed);
        QFETCH(QString, kept);
        // A vault as the version before this one left it: the request's text as typed then.
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        Database& d = t.db();
        d.prepare("INSERT INTO privacy_requests (client_id, subject_ref, type, received_on, identity_check, "
                  "due_on, "
                  "created_at) VALUES (?, 'S-1', 'access', '2026-01-01', ?, '2026-02-01', '2026-01-01')")
            .bind(1, amara)
            .bind(2, typed)
            .run();
        d.exec("PRAGMA user_version = 13");
        QVERIFY(schema::migrate(d).ok());
        auto st = d.prepare("SELECT identity_check FROM privacy_requests");
        QVERIFY(st.step());
        QCOMPARE(st.text(0), kept);
    }

    void bankHolidayChangesMoveOpenDeadlines()
    {
        Clock::setSource([] { return QDateTime(QDate(2026, 11, 24), QTime(10, 0), Qt::UTC); });
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        PrivacyRegister reg(t.db());
        auto access = reg.add(amara, QStringLiteral("access"), QDate(2026, 11, 24),
                              QStringLiteral("called_back_on_file"), 1);
        QCOMPARE(access->due, QDate(2026, 12, 24)); // a Thursday

        // The government declares Thursday 24 December 2026 a one-off bank holiday (say).
        BankHolidayChanges changes(t.db());
        QVERIFY(!changes.set({QDate(2026, 12, 24), QStringLiteral("england-wales"), true, QString()})
                     .ok()); // needs a note
        QVERIFY(changes
                    .set({QDate(2026, 12, 24), QStringLiteral("england-wales"), true,
                          QStringLiteral("Extra Christmas holiday")})
                    .ok());
        // 25 Fri (Christmas), 28 Mon (Boxing Day substitute) are holidays: the next working day is 29
        // December.
        QCOMPARE(reg.get(access->id)->due, QDate(2026, 12, 29));
        QVERIFY(changes.holidays(2026, QStringLiteral("england-wales"))->contains(QDate(2026, 12, 24)));
        QVERIFY(!changes.holidays(2026, QStringLiteral("scotland"))->contains(QDate(2026, 12, 24)));

        // A change for another nation does not move this clinic's deadlines; bad input is refused.
        QVERIFY(changes
                    .set({QDate(2026, 12, 23), QStringLiteral("scotland"), true,
                          QStringLiteral("Scottish extra")})
                    .ok());
        QCOMPARE(reg.get(access->id)->due, QDate(2026, 12, 29));
        QVERIFY(changes
                    .set({QDate(2026, 12, 26), QStringLiteral("england-wales"), true,
                          QStringLiteral("a Saturday")})
                    .message()
                    .contains(QStringLiteral("weekend")));
        QVERIFY(
            changes
                .set({QDate(2026, 12, 22), QStringLiteral("england-wales"), false, QStringLiteral("not one")})
                .message()
                .contains(QStringLiteral("not a bank holiday")));
        QVERIFY(!changes.set({QDate(2026, 12, 22), QStringLiteral("wales"), true, QStringLiteral("x")}).ok());

        // Taking the change away brings the deadline back; everything is in the audit log.
        QVERIFY(changes.remove(QDate(2026, 12, 24), QStringLiteral("england-wales")).ok());
        QCOMPARE(reg.get(access->id)->due, QDate(2026, 12, 24));
        QVERIFY(!changes.remove(QDate(2026, 12, 24), QStringLiteral("england-wales")).ok());
        auto audit = t.db().prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'bank-holiday-%'");
        audit.step();
        QCOMPARE(audit.int64(0), 3);
        QVERIFY(changes.list()->size() >= 2);

        t.db().setActor({5, QStringLiteral("reception"), Role::Receptionist});
        QCOMPARE(
            changes.set({QDate(2026, 12, 24), QStringLiteral("england-wales"), true, QStringLiteral("x")})
                .error()
                .kind,
            Error::Kind::Permission);
    }
};

QTEST_GUILESS_MAIN(TestPrivacy)
#include "tst_privacy.moc"
