// The one write guard (clients/ClientGuard.h), played as a table: every write about a client, tried
// on an erased client's kept record, on a restricted client and by a role that may not. Each refusal
// says why, and the database is then exactly as it was (no row, no audit entry). The same writes on
// an ordinary client succeed, so the table cannot pass by refusing everything; opting out (consent
// withdrawn, a booking cancelled, a refund, a follow-up ticked off) stays possible while restricted.
#include "FormFixtures.h"
#include "ImageFixtures.h"
#include "TestVault.h"
#include "VaultData.h"
#include "clients/ClientMerge.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "common/Clock.h"
#include "diary/Diary.h"
#include "images/ImageStore.h"
#include "privacy/Erasure.h"
#include "privacy/Rights.h"
#include "records/Payments.h"
#include "records/Quotes.h"
#include "records/TreatmentRecords.h"
#include "storage/Sql.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <functional>

using namespace cd;
using namespace cd::test;

namespace {

const QDateTime kNow(QDate(2025, 3, 4), QTime(9, 0), Qt::UTC);

enum class Situation { Ordinary, Erased, Restricted, Receptionist };

// A clinic with a practitioner, a receptionist, a room and two clients; the first (the one the
// writes are about) has a booking, a treatment record with a photo, a draft quote, a payment, a
// consent, a note with a follow-up and an open complaint.
struct Clinic
{
    TestVault t;
    QTemporaryDir files;
    qint64 priya = 0, tom = 0, room = 0, target = 0, other = 0;
    qint64 appointment = 0, record = 0, photo = 0, quote = 0, followUp = 0, complaint = 0;
    QString photoFile;

    Clinic()
    {
        Clock::setSource([] { return kNow; });
        Database& db = t.db();
        for (const auto& [user, name, role] : {std::tuple{"priya", "Dr Priya Shah", "practitioner"},
                                               std::tuple{"tom", "Tom Reed", "receptionist"}}) {
            db.prepare("INSERT INTO staff (username, display_name, role, created_at) VALUES "
                       "(?,?,?,'2025-01-01T00:00:00Z')")
                .bind(1, user)
                .bind(2, name)
                .bind(3, role)
                .run();
            (QLatin1String(user) == QLatin1String("priya") ? priya : tom) = db.lastInsertId();
        }
        room = must(Diary(db).addRoom(QStringLiteral("Room 1")));
        target = t.addClient(QStringLiteral("Zoë"), QStringLiteral("Okafor"), QStringLiteral("07700 900123"),
                             QStringLiteral("zoe@example.com"));
        other = t.addClient(QStringLiteral("Z."), QStringLiteral("Okafor"), QStringLiteral("07700 900124"));
        appointment = must(Diary(db).book(appointmentAt("14:00")));
        test::signConsent(db, target);
        record = must(TreatmentRecords(db).add(treatmentRecord()));
        photoFile = files.filePath(QStringLiteral("after.png"));
        QFile f(photoFile);
        if (!f.open(QIODevice::WriteOnly) || f.write(encoded(markedImage(), "PNG")) <= 0)
            qFatal("cannot write the photo fixture");
        f.close();
        ImageDetails d;
        d.kind = ImageKind::After;
        d.treatmentRef = record;
        photo = must(ImageStore(db).importFile(target, photoFile, d, priya));
        Quote q;
        q.clientId = target;
        q.validUntil = kNow.date().addDays(30);
        q.items = {{0, QStringLiteral("Lip filler (1 ml)"), 25000, 1}};
        quote = must(Quotes(db).create(q));
        Payment p;
        p.clientId = target;
        p.amountPence = 5000;
        p.description = QStringLiteral("Deposit");
        must(Payments(db).record(p));
        if (!ConsentStore(db)
                 .record(target, ContactChannel::Email, true, QStringLiteral("form at the desk"), priya)
                 .ok())
            qFatal("consent");
        Interaction call;
        call.clientId = target;
        call.body = QStringLiteral("Call back about the quote");
        call.followUpOn = kNow.date();
        followUp = must(InteractionStore(db).add(call));
        Interaction grumble;
        grumble.clientId = target;
        grumble.kind = InteractionKind::Complaint;
        grumble.body = QStringLiteral("Waited forty minutes");
        complaint = must(InteractionStore(db).add(grumble));
    }
    ~Clinic() { Clock::setSource(nullptr); }
    Database& db() { return t.db(); }

    template <typename T> static T must(Result<T> r)
    {
        if (!r)
            qFatal("fixture: %s", qPrintable(r.message()));
        return r.value();
    }

    Appointment appointmentAt(const char* hhmm) const
    {
        Appointment a;
        a.clientId = target;
        a.kind = AppointmentKind::Consultation;
        a.treatment = QStringLiteral("Lip filler");
        a.startsAt =
            QDateTime(kNow.date(), QTime::fromString(QString::fromLatin1(hhmm), QStringLiteral("HH:mm")));
        a.durationMinutes = 30;
        a.practitionerId = priya;
        a.roomId = room;
        return a;
    }
    TreatmentRecord treatmentRecord() const
    {
        TreatmentRecord r;
        r.clientId = target;
        r.givenOn = kNow.date();
        r.practitionerId = priya;
        r.treatment = QStringLiteral("Anti-wrinkle injections");
        r.areas = QStringLiteral("forehead");
        r.product = QStringLiteral("Botulinum toxin type A");
        r.batchNumber = QStringLiteral("C3412");
        r.expiryDate = QDate(2026, 1, 31);
        return r;
    }

    void enter(Situation s)
    {
        switch (s) {
        case Situation::Ordinary:
            break;
        case Situation::Erased: {
            // Kept for the payments and the treatment record: a minimal record stays.
            Erasure e(db());
            auto plan = e.plan(target);
            if (!plan || !plan->keepsMinimalRecord || !e.erase(target, QStringLiteral("Zoë Okafor"), 0, 0))
                qFatal("erase");
            break;
        }
        case Situation::Restricted:
            if (!rights::setRestricted(db(), target, true))
                qFatal("restrict");
            break;
        case Situation::Receptionist:
            db().setActor(Actor{tom, QStringLiteral("tom"), Role::Receptionist});
            break;
        }
    }
};

using Write = std::function<Status(Clinic&)>;

Status status(const Result<qint64>& r)
{
    return r ? Status{} : Status{r.error()};
}

// Every write about a client. `onClient`: the write names the client (not a row of hers), so on an
// erased client it meets the kept record itself and must say so.
struct WriteAction
{
    const char* name;
    bool onClient;
    bool receptionistMayNot;
    Write write;
};

const QList<WriteAction>& writes()
{
    static const QList<WriteAction> all{
        {"edit the client's details", true, false,
         [](Clinic& c) {
             auto z = ClientStore(c.db()).get(c.target);
             if (!z)
                 return Status{z.error()};
             z->firstName = QStringLiteral("Zoe");
             return ClientStore(c.db()).update(z.value());
         }},
        {"log a call", true, false,
         [](Clinic& c) {
             Interaction i;
             i.clientId = c.target;
             i.body = QStringLiteral("Asked about prices");
             return status(InteractionStore(c.db()).add(i));
         }},
        {"record marketing consent", true, false,
         [](Clinic& c) {
             return ConsentStore(c.db()).record(c.target, ContactChannel::Sms, true,
                                                QStringLiteral("asked at the desk"), c.priya);
         }},
        {"add a photo", true, false,
         [](Clinic& c) {
             QFile f(c.files.filePath(QStringLiteral("new.jpg")));
             if (!f.open(QIODevice::WriteOnly) || f.write(encoded(markedImage(320, 240), "JPEG")) <= 0)
                 qFatal("photo");
             f.close();
             return status(ImageStore(c.db()).importFile(c.target, f.fileName(), ImageDetails{}, c.priya));
         }},
        {"edit a photo's details", false, false,
         [](Clinic& c) {
             ImageDetails d;
             d.kind = ImageKind::After;
             d.treatmentRef = c.record;
             d.caption = QStringLiteral("Two weeks after");
             return ImageStore(c.db()).updateDetails(c.photo, d);
         }},
        {"delete a photo", false, true, [](Clinic& c) { return ImageStore(c.db()).remove(c.photo); }},
        {"book an appointment", true, false,
         [](Clinic& c) { return status(Diary(c.db()).book(c.appointmentAt("16:00"))); }},
        {"move an appointment", false, false,
         [](Clinic& c) { return Diary(c.db()).move(c.appointment, QDateTime(kNow.date(), QTime(15, 0))); }},
        {"write a treatment record", true, true,
         [](Clinic& c) { return status(TreatmentRecords(c.db()).add(c.treatmentRecord())); }},
        {"change a treatment record", false, true,
         [](Clinic& c) {
             TreatmentRecord r = c.treatmentRecord();
             r.id = c.record;
             r.notes = QStringLiteral("Review in two weeks");
             return TreatmentRecords(c.db()).update(r);
         }},
        {"unlink a treatment photo", false, true,
         [](Clinic& c) { return TreatmentRecords(c.db()).unlinkPhoto(c.photo); }},
        {"write a quote", true, false,
         [](Clinic& c) {
             Quote q;
             q.clientId = c.target;
             q.validUntil = kNow.date().addDays(14);
             q.items = {{0, QStringLiteral("Skin booster"), 18000, 1}};
             return status(Quotes(c.db()).create(q));
         }},
        {"change a quote", false, false,
         [](Clinic& c) {
             auto q = Quotes(c.db()).get(c.quote);
             if (!q)
                 return Status{q.error()}; // the erasure took it
             q->notes = QStringLiteral("Price held for a month");
             return Quotes(c.db()).update(q.value());
         }},
        {"send a quote", false, false,
         [](Clinic& c) { return Quotes(c.db()).setStatus(c.quote, QuoteStatus::Sent); }},
        {"record a payment", true, false,
         [](Clinic& c) {
             Payment p;
             p.clientId = c.target;
             p.amountPence = 20000;
             p.description = QStringLiteral("Balance");
             return status(Payments(c.db()).record(p));
         }},
        {"merge a duplicate into the client", true, false,
         [](Clinic& c) { return status(ClientMerge(c.db()).merge(c.target, c.other, c.priya)); }},
        {"merge the client into another", true, false,
         [](Clinic& c) { return status(ClientMerge(c.db()).merge(c.other, c.target, c.priya)); }},
        {"resolve a complaint", false, false,
         [](Clinic& c) {
             return InteractionStore(c.db()).resolveComplaint(c.complaint,
                                                              QStringLiteral("Apologised, voucher given"));
         }},
    };
    return all;
}

} // namespace

class TestGuard : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyWriteIsRefusedWithTheReason_data()
    {
        QTest::addColumn<int>("write");
        QTest::addColumn<int>("situation");
        for (int i = 0; i < writes().size(); ++i) {
            const WriteAction& w = writes().at(i);
            QTest::addRow("%s: ordinary client", w.name) << i << int(Situation::Ordinary);
            QTest::addRow("%s: erased client", w.name) << i << int(Situation::Erased);
            QTest::addRow("%s: restricted client", w.name) << i << int(Situation::Restricted);
            if (w.receptionistMayNot)
                QTest::addRow("%s: by a receptionist", w.name) << i << int(Situation::Receptionist);
        }
    }

    void everyWriteIsRefusedWithTheReason()
    {
        QFETCH(int, write);
        QFETCH(int, situation);
        const WriteAction& w = writes().at(write);
        Clinic c;
        const auto s = Situation(situation);
        c.enter(s);
        const QString before = dumpData(c.db());
        const Status st = w.write(c);
        const QString after = dumpData(c.db());
        if (s == Situation::Ordinary) {
            QVERIFY2(st.ok(), qPrintable(st.message()));
            QVERIFY(after != before); // the write is real: the refusals below are not an accident
            return;
        }
        QVERIFY2(!st.ok(), "the write was let through");
        QVERIFY2(after == before, "a refused write left something behind (a row or an audit entry)");
        const QString why = st.message();
        switch (s) {
        case Situation::Erased:
            // A row of hers that the erasure took is simply gone; what the erasure kept says why.
            if (w.onClient || st.error().kind != Error::Kind::NotFound)
                QVERIFY2(why.contains(QStringLiteral("erased")), qPrintable(why));
            break;
        case Situation::Restricted:
            QVERIFY2(why.contains(QStringLiteral("restricted")) &&
                         why.contains(QStringLiteral("lifts the restriction")),
                     qPrintable(why));
            QCOMPARE(st.error().kind, Error::Kind::Permission);
            break;
        case Situation::Receptionist:
            QVERIFY2(why.contains(QStringLiteral("receptionist may not")), qPrintable(why));
            QCOMPARE(st.error().kind, Error::Kind::Permission);
            break;
        case Situation::Ordinary:
            break;
        }
    }

    // Restriction stops processing, not the client's own opt-outs or money owed back.
    void optingOutStaysPossibleWhileRestricted()
    {
        Clinic c;
        c.enter(Situation::Restricted);
        QVERIFY(ConsentStore(c.db())
                    .record(c.target, ContactChannel::Email, false, QStringLiteral("asked by phone"), c.priya)
                    .ok());
        QVERIFY(InteractionStore(c.db()).completeFollowUp(c.followUp).ok());
        QVERIFY(Diary(c.db()).cancel(c.appointment, QStringLiteral("client asked")).ok());
        Payment refund;
        refund.clientId = c.target;
        refund.kind = PaymentKind::Refund;
        refund.amountPence = 5000;
        refund.description = QStringLiteral("Deposit back");
        QVERIFY(Payments(c.db()).record(refund).ok());
        QVERIFY(Quotes(c.db()).setStatus(c.quote, QuoteStatus::Declined).ok());
        // Lifted: new data is welcome again.
        QVERIFY(rights::setRestricted(c.db(), c.target, false).ok());
        Interaction i;
        i.clientId = c.target;
        i.body = QStringLiteral("Restriction lifted after the call");
        QVERIFY(InteractionStore(c.db()).add(i).ok());
    }

    // An erased client's kept record takes nothing, not even an opt-out: there is nothing to opt out of.
    void anErasedRecordTakesNoOptOutEither()
    {
        Clinic c;
        c.enter(Situation::Erased);
        const QString before = dumpData(c.db());
        QVERIFY(
            !ConsentStore(c.db())
                 .record(c.target, ContactChannel::Email, false, QStringLiteral("asked by phone"), c.priya)
                 .ok());
        Payment refund;
        refund.clientId = c.target;
        refund.kind = PaymentKind::Refund;
        refund.amountPence = 5000;
        refund.description = QStringLiteral("Deposit back");
        QVERIFY(Payments(c.db()).record(refund).message().contains(QStringLiteral("erased")));
        QCOMPARE(dumpData(c.db()), before);
    }
};

QTEST_MAIN(TestGuard)
#include "tst_guard.moc"
