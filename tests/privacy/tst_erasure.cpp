// Erasure forensics: after erasing a client, none of her names, email, phone, note words or
// consent wording survive anywhere in the database file, its WAL or its shared-memory file,
// while every other client is intact. Run on a plaintext database (the test-only path of the same
// storage layer) so the raw bytes can be searched.
#include "Files.h"
#include "FormFixtures.h"
#include "TestVault.h"
#include "VaultData.h"
#include "clients/ClientMerge.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "demo/DemoGenerator.h"
#include "diary/Diary.h"
#include "images/ImageStore.h"
#include "privacy/Erasure.h"
#include "privacy/Register.h"
#include "records/Payments.h"
#include "records/Quotes.h"
#include "records/TreatmentRecords.h"
#include "search/ClientSearch.h"
#include "settings/Settings.h"
#include "storage/Schema.h"
#include "storage/Sql.h"

#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace cd;
using namespace cd::test;

namespace {

const QList<QByteArray> kTraces{"xanthippe",    "quarrington", "vole",       "xqv.private", "447700900987",
                                "07700900987",  "7700900987",  "zymurgical", "glabellar",   "pigeon",
                                "@xanthippe_q", "zq9 9zz",     "ptarmigan"};

QStringList tracesIn(const QString& dir)
{
    const QByteArray bytes = allBytes(dir).toLower();
    QStringList found;
    for (const QByteArray& t : kTraces)
        if (bytes.contains(t))
            found << QString::fromLatin1(t);
    return found;
}

qint64 addTarget(Database& db, bool openComplaint)
{
    Client c;
    c.firstName = QStringLiteral("Xanthippe");
    c.lastName = QStringLiteral("Quarrington-Vole");
    c.phones = {{QStringLiteral("mobile"), QStringLiteral("07700 900987"), {}}};
    c.emails = {{QStringLiteral("personal"), QStringLiteral("xqv.private@example.org")}};
    c.addresses = {{QStringLiteral("home"),
                    QStringLiteral("9 Mill Lane"),
                    {},
                    QStringLiteral("Leeds"),
                    {},
                    QStringLiteral("ZQ9 9ZZ"),
                    {}}};
    c.handles = {{QStringLiteral("Instagram"), QStringLiteral("@xanthippe_q")}};
    const qint64 id = ClientStore(db).create(c).value();
    for (const char* body :
         {"zymurgical consultation about glabellar lines", "asked about zymurgical aftercare"}) {
        Interaction i;
        i.clientId = id;
        i.kind = InteractionKind::Call;
        i.body = QString::fromLatin1(body);
        InteractionStore(db).add(i).value();
    }
    if (openComplaint) {
        Interaction i;
        i.clientId = id;
        i.kind = InteractionKind::Complaint;
        i.body = QStringLiteral("Bruising after treatment; wants a refund");
        InteractionStore(db).add(i).value();
    }
    if (!ConsentStore(db)
             .record(id, ContactChannel::Email, true, QStringLiteral("told us by carrier pigeon"), 1)
             .ok())
        qFatal("consent");
    // A duplicate record merged into her: the merge snapshot holds her details too.
    Client dup;
    dup.firstName = QStringLiteral("X.");
    dup.lastName = QStringLiteral("Quarrington-Vole");
    dup.phones = {{QStringLiteral("mobile"), QStringLiteral("+447700900987"), {}}};
    const qint64 dupId = ClientStore(db).create(dup).value();
    // ... and a note of the duplicate's, indexed under its own id until the merge moves it.
    Interaction n;
    n.clientId = dupId;
    n.kind = InteractionKind::Email;
    n.body = QStringLiteral("ptarmigan feathers in the waiting room");
    InteractionStore(db).add(n).value();
    ClientMerge(db).merge(id, dupId, 1).value();
    return id;
}

} // namespace

class TestErasure : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void nothingSurvivesInAnyFile()
    {
        QTemporaryDir tmp;
        auto opened = openPlainDemo(tmp.path(), 60, 5, 4);
        Database& db = *opened;
        const qint64 target = addTarget(db, false);
        QVERIFY(generateDemoData(db, DemoOptions{60, 6, 4}).ok()); // her pages sit between other clients'
        QVERIFY(!tracesIn(tmp.path()).isEmpty());                  // the check can see her before erasure
        // The merged record's note is hers now: found under her name, indexed where hers are.
        auto merged = ClientSearch(db).search(QStringLiteral("ptarmigan"));
        QCOMPARE(merged->size(), 1);
        QCOMPARE(merged->first().client.id, target);
        QCOMPARE(halfWrittenRecords(db), QStringList());
        const qint64 before = ClientStore(db).count().value();
        auto someoneElse = ClientStore(db).page(0, 1)->first();

        auto plan = Erasure(db).plan(target);
        QVERIFY(plan.ok());
        QVERIFY(!plan->keepsMinimalRecord);
        QVERIFY(std::any_of(plan->keep.cbegin(), plan->keep.cend(), [](const ErasureItem& i) {
                    return i.table == QStringLiteral("privacy_requests");
                }) == false);
        auto wrongName = Erasure(db).erase(target, QStringLiteral("Somebody Else"), 0, 1);
        QVERIFY(!wrongName.ok());
        QVERIFY(wrongName.message().contains(QStringLiteral("Xanthippe Quarrington-Vole")));
        auto tomb = Erasure(db).erase(target, QStringLiteral("xanthippe quarrington vole"), 0, 1);
        QVERIFY2(tomb.ok(), qPrintable(tomb.ok() ? QString() : tomb.message()));

        // While the program is still running (database open), and after it closes.
        QCOMPARE(tracesIn(tmp.path()), QStringList());
        QCOMPARE(ClientStore(db).count().value(), before - 1);
        QVERIFY(ClientSearch(db).search(QStringLiteral("xanthippe"))->isEmpty());
        QVERIFY(ClientSearch(db).search(QStringLiteral("zymurgical"))->isEmpty());
        QVERIFY(ClientSearch(db).search(QStringLiteral("ptarmigan"))->isEmpty());
        QCOMPARE(halfWrittenRecords(db), QStringList());
        QCOMPARE(ClientSearch(db)
                     .search(someoneElse.lastName + QLatin1Char(' ') + someoneElse.firstName)
                     ->isEmpty(),
                 false);
        auto check = db.prepare("PRAGMA integrity_check");
        QVERIFY(check.step());
        QCOMPARE(check.text(0), QStringLiteral("ok"));
        auto t = db.prepare("SELECT erased, kept FROM erasure_tombstones WHERE id = ?");
        QVERIFY(t.bind(1, tomb.value()).step());
        QVERIFY(t.text(0).contains(QStringLiteral("interactions")));
        QVERIFY(!t.text(0).contains(QStringLiteral("Xanthippe")));
        opened.reset();
        QCOMPARE(tracesIn(tmp.path()), QStringList());
    }

    void anOpenComplaintIsKeptWithItsReason()
    {
        TestVault t;
        const qint64 target = addTarget(t.db(), true);
        auto request = PrivacyRegister(t.db()).add(target, QStringLiteral("erasure"), QDate::currentDate(),
                                                   QStringLiteral("email_on_file"), 1);
        QVERIFY(request.ok());
        auto plan = Erasure(t.db()).plan(target);
        QVERIFY(plan->keepsMinimalRecord);
        QStringList reasons;
        for (const ErasureItem& i : plan->keep)
            reasons << i.table + QLatin1Char(':') + i.reason;
        QVERIFY2(reasons.join(QLatin1Char('\n'))
                     .contains(QStringLiteral("interactions:an open complaint is kept")),
                 qPrintable(reasons.join(QLatin1Char('\n'))));
        QVERIFY(reasons.join(QLatin1Char('\n')).contains(QStringLiteral("privacy_requests:")));
        QVERIFY(
            Erasure(t.db()).erase(target, QStringLiteral("Xanthippe Quarrington-Vole"), request->id, 1).ok());
        auto kept = ClientStore(t.db()).get(target);
        QVERIFY(kept.ok());
        QVERIFY(kept->phones.isEmpty());
        QVERIFY(kept->emails.isEmpty());
        QVERIFY(kept->handles.isEmpty());
        auto notes = InteractionStore(t.db()).timeline(target);
        QCOMPARE(notes->size(), 1);
        QCOMPARE(notes->first().kind, InteractionKind::Complaint);
        QVERIFY(ConsentStore(t.db()).history(target)->isEmpty());
        QVERIFY(ClientSearch(t.db()).search(QStringLiteral("xanthippe"))->isEmpty());
        QCOMPARE(PrivacyRegister(t.db()).get(request->id)->status, RequestStatus::Done);
        auto again = Erasure(t.db()).erase(target, QStringLiteral("Xanthippe Quarrington-Vole"), 0, 1);
        QVERIFY(again.message().contains(QStringLiteral("already been erased")));
    }

    // Treatment records and their photos stay for legal claims, payments for tax, each with its
    // reason in the preview; appointments, quotes and quote images go without a trace.
    void treatmentRecordsAndPaymentsAreKeptTheDiaryAndQuotesGo()
    {
        QTemporaryDir tmp;
        auto opened = openPlainDemo(tmp.path(), 40, 7, 2);
        Database& db = *opened;
        const qint64 target = addTarget(db, false);
        const QDate today = QDate::currentDate();
        const qint64 practitioner = [&] {
            auto priya = db.prepare("SELECT id FROM staff WHERE username = 'priya'");
            priya.step();
            return priya.int64(0); // finished here: an open statement would hold the WAL checkpoint back
        }();
        QVERIFY(practitioner > 0);

        Appointment a;
        a.clientId = target;
        a.startsAt = QDateTime(today.addDays(30), QTime(7, 5));
        a.durationMinutes = 15;
        a.practitionerId = practitioner;
        a.notes = QStringLiteral("quizzical periwinkle");
        const qint64 appointment = Diary(db).book(a).value();
        QTemporaryDir pics;
        const auto image = [&](const char* kind, const char* caption, int hue) {
            QImage img(40, 30, QImage::Format_RGB32);
            img.fill(QColor::fromHsv(hue, 255, 255));
            const QString path = pics.filePath(QString::fromLatin1(kind) + QStringLiteral(".png"));
            img.save(path);
            ImageDetails d;
            d.kind = *vocab::fromCode<ImageKind>(QString::fromLatin1(kind));
            d.area = FaceArea::Lips;
            d.caption = QString::fromLatin1(caption);
            return ImageStore(db).importFile(target, path, d, 0).value();
        };
        const qint64 before = image("before", "gorgonzola lips before", 10);
        const qint64 sent = image("quote_request", "hippogriff selfie", 200);
        TreatmentRecord r;
        r.clientId = target;
        r.appointmentId = appointment;
        r.givenOn = today.addYears(-3);
        r.treatment = QStringLiteral("Lip filler");
        r.product = QStringLiteral("Hyaluronic acid filler");
        r.batchNumber = QStringLiteral("QQ77Z");
        r.notes = QStringLiteral("gorgonzola aftercare leaflet");
        QVERIFY(test::signConsent(db, target, r.givenOn) > 0);
        const qint64 record = TreatmentRecords(db).add(r).value();
        QVERIFY(TreatmentRecords(db).linkPhoto(record, before).ok());
        Quote q;
        q.clientId = target;
        q.notes = QStringLiteral("marzipan package");
        q.items = {{0, QStringLiteral("Zanzibar peel"), 9900, 1}};
        q.imageIds = {sent};
        const qint64 quote = Quotes(db).create(q).value();
        Payment recent;
        recent.clientId = target;
        recent.amountPence = 9900;
        recent.description = QStringLiteral("Tattersall deposit");
        recent.quoteId = quote;
        QVERIFY(Payments(db).record(recent).ok());
        Payment old = recent;
        old.quoteId = 0;
        old.description = QStringLiteral("obsolete wombat fee");
        old.paidOn = today.addYears(-7);
        QVERIFY(Payments(db).record(old).ok());
        QVERIFY(generateDemoData(db, DemoOptions{40, 8, 2}).ok());

        auto plan = Erasure(db).plan(target);
        QVERIFY(plan.ok());
        QVERIFY(plan->keepsMinimalRecord);
        QHash<QString, ErasureItem> kept, gone;
        for (const ErasureItem& i : plan->keep)
            kept.insert(i.table, i);
        for (const ErasureItem& i : plan->erase)
            gone.insert(i.table, i);
        QCOMPARE(kept.value(QStringLiteral("treatment_records")).rows, 1);
        QCOMPARE(kept.value(QStringLiteral("treatment_records")).reason,
                 QStringLiteral("kept 8 years after the last treatment for insurance and legal claims"));
        QCOMPARE(kept.value(QStringLiteral("images")).rows, 1);
        QVERIFY(kept.value(QStringLiteral("images"))
                    .reason.contains(QStringLiteral("8 years after the last treatment")));
        QCOMPARE(kept.value(QStringLiteral("image_blobs")).rows, 3); // thumbnail, preview, original
        QCOMPARE(kept.value(QStringLiteral("payments")).rows, 1);
        QCOMPARE(kept.value(QStringLiteral("payments")).reason,
                 QStringLiteral("kept 6 years after the payment for tax (legal obligation)"));
        QCOMPARE(gone.value(QStringLiteral("payments")).rows, 1);
        QCOMPARE(gone.value(QStringLiteral("appointments")).rows, 1);
        QCOMPARE(gone.value(QStringLiteral("quotes")).rows, 1);
        QCOMPARE(gone.value(QStringLiteral("quote_items")).rows, 1);
        QCOMPARE(gone.value(QStringLiteral("quote_images")).rows, 1);
        QCOMPARE(gone.value(QStringLiteral("images")).rows, 1);
        QVERIFY(!kept.contains(QStringLiteral("appointments")) && !kept.contains(QStringLiteral("quotes")));

        const auto inFiles = [&](const char* word) { return allBytes(tmp.path()).toLower().contains(word); };
        for (const char* word :
             {"periwinkle", "marzipan", "zanzibar", "hippogriff", "wombat", "gorgonzola", "tattersall"})
            QVERIFY2(inFiles(word), word); // the check can see them before erasure
        QVERIFY(Erasure(db).erase(target, QStringLiteral("Xanthippe Quarrington-Vole"), 0, 1).ok());
        for (const char* word :
             {"periwinkle", "marzipan", "zanzibar", "hippogriff", "wombat", "xqv.private", "07700900987"})
            QVERIFY2(!inFiles(word), word);
        QVERIFY(inFiles("gorgonzola")); // the treatment record and its photo's caption
        QVERIFY(inFiles("tattersall")); // the recent payment

        // What stays still hangs together: the record lost only its link to the erased appointment,
        // the payment its link to the erased quote, and the photo is still the record's.
        auto left = TreatmentRecords(db).forClient(target);
        QCOMPARE(left->size(), 1);
        QCOMPARE(left->first().appointmentId, qint64(0));
        QCOMPARE(left->first().photoIds, QList<qint64>{before});
        QCOMPARE(ImageStore(db).data(before, Rendition::Original).ok(), true);
        auto pays = Payments(db).forClient(target);
        QCOMPARE(pays->size(), 1);
        QCOMPARE(pays->first().quoteId, qint64(0));
        QVERIFY(Diary(db).forClient(target)->isEmpty());
        QVERIFY(Quotes(db).forClient(target)->isEmpty());
        auto fk = db.prepare("PRAGMA foreign_key_check");
        QVERIFY(!fk.step());
        opened.reset();
        QVERIFY(!allBytes(tmp.path()).toLower().contains("periwinkle"));
    }

    // The retention periods are the clinic's settings: with a shorter one, an old treatment record
    // (and its photo) is no longer a reason to keep anything.
    void treatmentRetentionFollowsTheSetting()
    {
        TestVault t;
        const qint64 target = addTarget(t.db(), false);
        TreatmentRecord r;
        r.clientId = target;
        r.givenOn = QDate::currentDate().addYears(-3);
        r.treatment = QStringLiteral("Anti-wrinkle injections");
        QVERIFY(test::signConsent(t.db(), target, r.givenOn) > 0);
        QVERIFY(TreatmentRecords(t.db()).add(r).ok());
        r.givenOn = QDate::currentDate().addYears(-9);
        QVERIFY(test::signConsent(t.db(), target, r.givenOn) > 0);
        QVERIFY(TreatmentRecords(t.db()).add(r).ok());
        // Kept as a whole: 8 years count from the LAST treatment, so the 9-year-old record stays too.
        auto plan = Erasure(t.db()).plan(target);
        QCOMPARE(plan->keep.first().table, QStringLiteral("treatment_records"));
        QCOMPARE(plan->keep.first().rows, 2);
        QVERIFY(ClinicSettings(t.db()).setTreatmentRetentionYears(2).ok());
        plan = Erasure(t.db()).plan(target);
        QVERIFY(std::none_of(plan->keep.cbegin(), plan->keep.cend(), [](const ErasureItem& i) {
            return i.table == QStringLiteral("treatment_records");
        }));
        // The consent signed three years ago is kept a year longer than the records (a consent may be
        // signed up to a year before its treatment); at one year, nothing is kept.
        QVERIFY(plan->keepsMinimalRecord);
        QVERIFY(std::any_of(plan->keep.cbegin(), plan->keep.cend(),
                            [](const ErasureItem& i) { return i.table == QStringLiteral("forms"); }));
        QVERIFY(ClinicSettings(t.db()).setTreatmentRetentionYears(1).ok());
        plan = Erasure(t.db()).plan(target);
        QVERIFY(!plan->keepsMinimalRecord);
        QVERIFY(ClinicSettings(t.db()).setTreatmentRetentionYears(5).ok());
        plan = Erasure(t.db()).plan(target);
        QCOMPARE(plan->keep.first().reason,
                 QStringLiteral("kept 5 years after the last treatment for insurance and legal claims"));
        QVERIFY(!ClinicSettings(t.db()).setTreatmentRetentionYears(0).ok());
    }
};

QTEST_GUILESS_MAIN(TestErasure)
#include "tst_erasure.moc"
