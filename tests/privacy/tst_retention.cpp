// The retention review: which records have passed the clinic's rules, and their bulk erasure with
// the guarantees of a single erasure (tombstone, search purge, ledger, all or nothing).
#include "Files.h"
#include "FormFixtures.h"
#include "TestVault.h"
#include "VaultData.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "common/Clock.h"
#include "demo/DemoGenerator.h"
#include "images/ImageStore.h"
#include "privacy/Erasure.h"
#include "privacy/Register.h"
#include "privacy/Retention.h"
#include "privacy/Rights.h"
#include "records/Payments.h"
#include "records/TreatmentRecords.h"
#include "search/ClientSearch.h"
#include "settings/Settings.h"
#include "storage/Schema.h"
#include "storage/Sql.h"

#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace cd;
using namespace cd::test;

namespace {

void at(const QDate& day)
{
    Clock::setSource([day] { return QDateTime(day, QTime(10, 0), Qt::UTC); });
}

qint64 person(TestVault& t, const char* first, const char* last, const QString& status,
              const QDate& lastContact)
{
    at(lastContact.addDays(-10));
    Client c;
    c.firstName = QString::fromUtf8(first);
    c.lastName = QString::fromUtf8(last);
    c.status = vocab::fromCode<ClientStatus>(status).value();
    c.phones = {
        {QStringLiteral("mobile"),
         QStringLiteral("07700 9%1").arg(qHash(QString::fromUtf8(last)) % 100000, 5, 10, QLatin1Char('0')),
         {}}};
    const qint64 id = ClientStore(t.db()).create(c).value();
    at(lastContact);
    Interaction i;
    i.clientId = id;
    i.kind = InteractionKind::Call;
    i.body = QStringLiteral("Asked about prices for %1").arg(QString::fromUtf8(first));
    i.occurredAt = Clock::nowIso();
    InteractionStore(t.db()).add(i).value();
    return id;
}

QList<RetentionReview::Key> enquiries(const QList<qint64>& ids)
{
    QList<RetentionReview::Key> out;
    for (qint64 id : ids)
        out << RetentionReview::Key{id, QStringLiteral("enquiry")};
    return out;
}

QStringList names(const QList<RetentionItem>& items)
{
    QStringList out;
    for (const RetentionItem& i : items)
        out << i.name + (i.blockedReason.isEmpty() ? QString() : QStringLiteral(" (blocked)"));
    return out;
}

} // namespace

class TestRetention : public QObject
{
    Q_OBJECT

    const QDate m_today{2026, 11, 25};
    qint64 m_old = 0, m_recent = 0, m_client = 0, m_restricted = 0, m_requested = 0, m_older = 0;

    void fill(TestVault& t)
    {
        m_older = person(t, "Olive", "Oldest", QStringLiteral("enquiry"), QDate(2021, 3, 1));
        m_old = person(t, "Amara", "Okafor", QStringLiteral("enquiry"),
                       QDate(2024, 11, 24)); // 2 years and a day ago
        m_recent = person(t, "Bea", "Recent", QStringLiteral("enquiry"),
                          QDate(2024, 11, 26)); // a day short of 2 years
        m_client = person(t, "Cal", "Client", QStringLiteral("active"),
                          QDate(2019, 1, 1)); // a client, not an enquiry
        m_restricted = person(t, "Dee", "Restricted", QStringLiteral("enquiry"), QDate(2023, 6, 1));
        m_requested = person(t, "Eve", "Request", QStringLiteral("enquiry"), QDate(2023, 7, 1));
        at(m_today);
        QVERIFY(rights::setRestricted(t.db(), m_restricted, true).ok());
        QVERIFY(
            PrivacyRegister(t.db())
                .add(m_requested, QStringLiteral("access"), m_today, QStringLiteral("called_back_on_file"), 1)
                .ok());
    }

private Q_SLOTS:
    void cleanup() { Clock::setSource(nullptr); }

    void listsEnquiriesPastTheirRuleOldestFirst()
    {
        TestVault t;
        fill(t);
        auto due = RetentionReview(t.db()).due();
        QVERIFY2(due.ok(), qPrintable(due.ok() ? QString() : due.message()));
        QCOMPARE(names(due.value()), (QStringList{"Olive Oldest", "Dee Restricted (blocked)",
                                                  "Eve Request (blocked)", "Amara Okafor"}));
        const RetentionItem& amara = due->last();
        QCOMPARE(amara.lastContact, QDate(2024, 11, 24));
        QCOMPARE(amara.dueSince, QDate(2026, 11, 24));
        QVERIFY(amara.ruleText.contains(QStringLiteral("24 months")));
        QVERIFY(due->at(2).blockedReason.contains(QStringLiteral("privacy request")));

        // The rule is a setting: four years keeps everyone but Olive.
        QVERIFY(ClinicSettings(t.db()).setEnquiryRetentionMonths(48).ok());
        QCOMPARE(names(RetentionReview(t.db()).due().value()), (QStringList{"Olive Oldest"}));

        // A call today makes Amara current again.
        QVERIFY(ClinicSettings(t.db()).setEnquiryRetentionMonths(24).ok());
        Interaction i;
        i.clientId = m_old;
        i.kind = InteractionKind::Call;
        i.body = QStringLiteral("Called back");
        i.occurredAt = Clock::nowIso();
        QVERIFY(InteractionStore(t.db()).add(i).ok());
        QVERIFY(!names(RetentionReview(t.db()).due().value()).contains(QStringLiteral("Amara Okafor")));
    }

    void bulkErasureNeedsTheCountAndRefusesWhatIsNotDue()
    {
        TestVault t;
        fill(t);
        const auto before = dumpData(t.db());
        struct Case
        {
            QList<qint64> ids;
            int count;
            const char* says;
        };
        const QList<Case> refused{
            {{m_old, m_older}, 1, "(2) to confirm"}, {{m_old, m_recent}, 2, "not due"},
            {{m_old, m_client}, 2, "not due"},       {{m_old, m_restricted}, 2, "restricted"},
            {{m_requested}, 1, "privacy request"},   {{}, 0, "Choose"},
        };
        for (const Case& c : refused) {
            auto r = RetentionReview::eraseDue(t.vault(), enquiries(c.ids), c.count);
            QVERIFY(!r.ok());
            QVERIFY2(r.message().contains(QString::fromUtf8(c.says)), qPrintable(r.message()));
        }
        QCOMPARE(dumpData(t.db()), before); // nothing changed by any refusal

        t.db().setActor({9, QStringLiteral("reception"), Role::Receptionist});
        auto forbidden = RetentionReview::eraseDue(t.vault(), enquiries({m_old}), 1);
        QCOMPARE(forbidden.error().kind, Error::Kind::Permission);
        QCOMPARE(RetentionReview(t.db()).due().error().kind, Error::Kind::Permission);
    }

    void bulkErasureErasesForRealWithTombstonesAndLedger()
    {
        TestVault t;
        fill(t);
        auto r = RetentionReview::eraseDue(t.vault(), enquiries({m_old, m_older}), 2);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QCOMPARE(r.value(), 2);

        // Gone from the client list and the search index; the others are untouched.
        auto gone = t.db().prepare("SELECT count(*) FROM clients WHERE id IN (?, ?)");
        gone.bind(1, m_old).bind(2, m_older).step();
        QCOMPARE(gone.int64(0), 0);
        QVERIFY(ClientSearch(t.db()).search(QStringLiteral("Okafor"), 10).value().isEmpty());
        QVERIFY(ClientSearch(t.db()).search(QStringLiteral("Oldest"), 10).value().isEmpty());
        QCOMPARE(ClientSearch(t.db()).search(QStringLiteral("Recent"), 10).value().size(), 1);
        auto tomb = t.db().prepare("SELECT count(*) FROM erasure_tombstones");
        tomb.step();
        QCOMPARE(tomb.int64(0), 2);
        auto audit = t.db().prepare("SELECT count(*) FROM audit_log WHERE action = 'client-erased' AND "
                                    "detail LIKE '%retention review%'");
        audit.step();
        QCOMPARE(audit.int64(0), 2);
        QCOMPARE(t.vault().erasureLedger().value().size(), 2);

        QCOMPARE(RetentionReview(t.db()).due().value().size(), 2); // the two blocked ones stay for review
    }

    void bulkErasureLeavesNoTraceInAnyFile()
    {
        // The same database code without encryption (test-only path), so the raw bytes can be read.
        QTemporaryDir tmp;
        auto opened = openPlainDemo(tmp.path(), 40, 5, 4);
        Database& db = *opened;
        QList<qint64> targets;
        for (const char* last : {"Quarrington-Vole", "Zymurgist"}) {
            Client c;
            c.firstName = QStringLiteral("Xanthippe");
            c.lastName = QString::fromUtf8(last);
            c.emails = {{QStringLiteral("home"),
                         QStringLiteral("%1@example.org").arg(QString::fromUtf8(last).toLower())}};
            targets << ClientStore(db).create(c).value();
            Interaction i;
            i.clientId = targets.last();
            i.kind = InteractionKind::Email;
            i.body = QStringLiteral("Wants a quote; mentioned the word perspicacious");
            QVERIFY(InteractionStore(db).add(i).ok());
        }
        QVERIFY(generateDemoData(db, DemoOptions{40, 6, 4}).ok());
        const QByteArray beforeBytes = allBytes(tmp.path());
        QVERIFY(beforeBytes.contains("Quarrington") && beforeBytes.contains("perspicacious"));

        auto r = Erasure(db).eraseMany(targets, 1, QStringLiteral("retention review"));
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QCOMPARE(r->size(), 2);
        for (const char* word :
             {"Quarrington", "Zymurgist", "zymurgist@example", "perspicacious", "Xanthippe"})
            QVERIFY2(!allBytes(tmp.path()).contains(word), word);
        auto check = db.prepare("PRAGMA integrity_check");
        QVERIFY(check.step());
        QCOMPARE(check.text(0), QStringLiteral("ok"));
        opened.reset();
        for (const char* word : {"Quarrington", "Zymurgist", "perspicacious"})
            QVERIFY2(!allBytes(tmp.path()).contains(word), word);
    }

    void treatmentRecordsAndPaymentsGoWhenTheirYearsHavePassed()
    {
        TestVault t;
        // Tess: treated in 2017 and 2018 (the last more than 8 years before today), paid in 2019 and 2024.
        at(QDate(2017, 6, 1));
        const qint64 tess = t.addClient(QStringLiteral("Tess"), QStringLiteral("Treated"));
        const QString photo = QDir(t.root()).filePath(QStringLiteral("before.png"));
        QImage img(64, 48, QImage::Format_RGB32);
        img.fill(Qt::darkRed);
        QVERIFY(img.save(photo));
        ImageDetails details;
        details.kind = ImageKind::Before;
        details.area = FaceArea::Lips;
        const qint64 imageId = ImageStore(t.db()).importFile(tess, photo, details, 1).value();
        const auto treat = [&](qint64 client, const QDate& on) {
            at(on);
            TreatmentRecord r;
            r.clientId = client;
            r.givenOn = on;
            r.treatment = QStringLiteral("Lip filler");
            r.product = QStringLiteral("Hyaluronic acid filler");
            r.batchNumber = QStringLiteral("HA-2017-1");
            r.expiryDate = on.addYears(1);
            test::signConsent(t.db(), client, on);
            return TreatmentRecords(t.db()).add(r).value();
        };
        const qint64 first = treat(tess, QDate(2017, 6, 1));
        QVERIFY(TreatmentRecords(t.db()).linkPhoto(first, imageId).ok());
        treat(tess, QDate(2018, 9, 1));
        const auto pay = [&](qint64 client, const QDate& on, qint64 pence) {
            at(on);
            Payment p;
            p.clientId = client;
            p.amountPence = pence;
            p.description = QStringLiteral("treatment");
            p.paidOn = on;
            QVERIFY(Payments(t.db()).record(p).ok());
        };
        pay(tess, QDate(2019, 1, 10), 25000);
        pay(tess, QDate(2024, 5, 1), 30000);
        // Rita's last treatment is recent enough: nothing of hers is due.
        at(QDate(2020, 1, 1));
        const qint64 rita = t.addClient(QStringLiteral("Rita"), QStringLiteral("Recent"));
        treat(rita, QDate(2020, 1, 1));
        // Ed was erased in 2021, his treatment record kept for legal claims; by now its years are up.
        at(QDate(2017, 3, 1));
        const qint64 ed = t.addClient(QStringLiteral("Ed"), QStringLiteral("Erased"));
        treat(ed, QDate(2017, 3, 1));
        at(QDate(2021, 2, 1));
        auto tomb = Erasure(t.db()).erase(ed, QStringLiteral("Ed Erased"), 0, 1);
        QVERIFY(tomb.ok());
        {
            auto kept = t.db().prepare("SELECT erased_at IS NOT NULL FROM clients WHERE id = ?");
            QVERIFY(kept.bind(1, ed).step() &&
                    kept.int64(0) == 1); // the minimal record stays with the treatment
        }

        at(m_today);
        auto due = RetentionReview(t.db()).due();
        QVERIFY2(due.ok(), qPrintable(due.ok() ? QString() : due.message()));
        QStringList seen;
        for (const RetentionItem& i : due.value())
            seen << QStringLiteral("%1/%2/%3").arg(i.clientId).arg(i.rule).arg(i.rows);
        QCOMPARE(seen.size(), 4);
        // Oldest first: Tess's 2019 payment (due 2025-01-10), Ed's record (2025-03-01), Ed's consent form
        // (2026-03-01: forms are kept a year longer, as a consent may be signed a year before the
        // treatment it covers), Tess's two records and their photo (2026-09-01); Tess's forms are due
        // in 2027.
        QCOMPARE(
            seen,
            (QStringList{QStringLiteral("%1/payments/1").arg(tess), QStringLiteral("%1/treatments/1").arg(ed),
                         QStringLiteral("%1/forms/1").arg(ed), QStringLiteral("%1/treatments/3").arg(tess)}));
        QCOMPARE(due->at(3).dueSince, QDate(2026, 9, 1)); // 8 years after the LAST treatment
        QVERIFY(due->at(1).name.contains(QStringLiteral("erased")));

        const QList<RetentionReview::Key> all{{tess, QStringLiteral("treatments")},
                                              {tess, QStringLiteral("payments")},
                                              {ed, QStringLiteral("treatments")},
                                              {ed, QStringLiteral("forms")}};
        auto r = RetentionReview::eraseDue(t.vault(), all, 4);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QCOMPARE(r.value(), 4);
        const auto count = [&](const char* sql, qint64 id) {
            auto st = t.db().prepare(sql);
            st.bind(1, id).step();
            return st.int64(0);
        };
        QCOMPARE(count("SELECT count(*) FROM treatment_records WHERE client_id = ?", tess), 0);
        QCOMPARE(count("SELECT count(*) FROM images WHERE client_id = ?", tess), 0);
        QCOMPARE(count("SELECT count(*) FROM image_blobs WHERE client_id = ?", tess), 0);
        QCOMPARE(count("SELECT count(*) FROM payments WHERE client_id = ?", tess), 1); // 2024's stays
        QCOMPARE(count("SELECT count(*) FROM clients WHERE id = ?", tess), 1); // Tess is still a client
        QCOMPARE(count("SELECT count(*) FROM treatment_records WHERE client_id = ?", rita), 1);
        QCOMPARE(count("SELECT count(*) FROM clients WHERE id = ?", ed),
                 0); // nothing kept: the minimal record goes
        QCOMPARE(count("SELECT count(*) FROM forms WHERE client_id = ?", ed), 0);
        QCOMPARE(count("SELECT count(*) FROM forms WHERE client_id = ?", tess), 2); // due in 2027
        QCOMPARE(count("SELECT count(*) FROM audit_log WHERE action = 'retention-erased' AND ? > 0", 1), 4);
        QVERIFY(RetentionReview(t.db()).due()->isEmpty());
        QCOMPARE(t.vault().erasureLedger()->size(), 1); // Ed
    }
};

QTEST_MAIN(TestRetention)
#include "tst_retention.moc"
