// Forms signed at the desk: templates in versions (a signed form keeps its wording when the template
// changes), locking (every way to change a signed form refused in core, an alteration outside
// Clinicdesk found by its hash), the answers a form will not take, the flags a medical history
// raises, the consent an injectable needs before its record (and a manager's override with a
// reason), and what a receptionist, a re-key, a subject-access export and an erasure make of forms.
#include "CliRunner.h"
#include "Clinic.h"
#include "FormFixtures.h"
#include "Insider.h"
#include "TestVault.h"
#include "audit/AuditLog.h"
#include "common/ClinicalSeal.h"
#include "common/Clock.h"
#include "forms/Forms.h"
#include "privacy/Erasure.h"
#include "privacy/SubjectData.h"
#include "records/TreatmentRecords.h"
#include "staff/Accounts.h"
#include "storage/Sql.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>

using namespace cd;
using namespace cd::test;

namespace {

const QString kConsent = QStringLiteral("Consent for injectable treatment");
const QString kHistory = QStringLiteral("Medical history");

Forms::Signing history(qint64 client, const char* anticoagulants, const QString& which = {})
{
    Forms::Signing s;
    s.clientId = client;
    s.templateName = kHistory;
    for (const char* no : {"allergies", "pregnant", "reactions", "autoimmune"})
        s.answers.insert(QString::fromLatin1(no), {QStringLiteral("no"), {}});
    s.answers.insert(QStringLiteral("anticoagulants"), {QString::fromLatin1(anticoagulants), which});
    s.signaturePng = signaturePng(1);
    return s;
}

QStringList flagsOf(Database& db, qint64 client)
{
    QStringList out;
    for (const ClientFlag& f : Forms(db).flags(client).value())
        out << (f.detail.isEmpty() ? f.flag : f.flag + QStringLiteral(": ") + f.detail);
    return out;
}

TreatmentRecord lipFiller(qint64 client, const QDate& on)
{
    TreatmentRecord r;
    r.clientId = client;
    r.givenOn = on;
    r.treatment = QStringLiteral("Lip filler");
    r.product = QStringLiteral("Hyaluronic acid filler");
    return r;
}

bool audited(Database& db, const char* action, const QString& detailPart)
{
    AuditFilter f;
    f.action = QString::fromLatin1(action);
    const auto entries = AuditLog(db).query(f);
    return entries && std::any_of(entries->cbegin(), entries->cend(),
                                  [&](const AuditEntry& e) { return e.detail.contains(detailPart); });
}

} // namespace

class TestForms : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void cleanup() { Clock::setSource(nullptr); }

    void aNewVaultComesWithTheClinicsForms()
    {
        TestVault t;
        auto templates = Forms(t.db()).templates();
        QVERIFY(templates.ok());
        QStringList names;
        for (const FormTemplate& f : templates.value()) {
            names << f.name;
            QCOMPARE(f.version, 1);
        }
        QCOMPARE(names, (QStringList{QStringLiteral("Aftercare acknowledgement"), kConsent, kHistory,
                                     QStringLiteral("Photo consent")}));
        // The consent is what injectables need; the medical history raises flags.
        const FormTemplate consent = Forms(t.db()).latest(kConsent).value();
        QVERIFY(consent.requiredFor.contains(QStringLiteral("filler")));
        const FormTemplate medical = Forms(t.db()).latest(kHistory).value();
        QVERIFY(std::any_of(medical.questions.cbegin(), medical.questions.cend(), [](const FormQuestion& q) {
            return q.id == QLatin1String("anticoagulants") && q.flag == QLatin1String("Anticoagulants");
        }));
    }

    // Whatever changes in a template, the change is a new version, and a form signed on the old one
    // still reads as it was signed.
    void aSignedFormKeepsItsWording_data()
    {
        QTest::addColumn<QString>("change");
        QTest::newRow("the introduction") << QStringLiteral("intro");
        QTest::newRow("a question's wording") << QStringLiteral("wording");
        QTest::newRow("a question added") << QStringLiteral("added");
        QTest::newRow("a question no longer required") << QStringLiteral("optional");
        QTest::newRow("the treatments that need it") << QStringLiteral("required_for");
    }
    void aSignedFormKeepsItsWording()
    {
        QFETCH(QString, change);
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 signedOnOld = signConsent(t.db(), amara);
        QVERIFY(signedOnOld > 0);
        const SignedForm before = Forms(t.db()).get(signedOnOld).value();
        QVERIFY(before.intact && before.contentRead);

        FormTemplate next = Forms(t.db()).latest(kConsent).value();
        if (change == QLatin1String("intro"))
            next.intro += QStringLiteral(" Results last 3 to 4 months.");
        else if (change == QLatin1String("wording"))
            next.questions[0].text = QStringLiteral("I have read the leaflet and understood the risks.");
        else if (change == QLatin1String("added"))
            next.questions.append({QStringLiteral("photos"),
                                   QuestionKind::YesNo,
                                   QStringLiteral("May we take before and after photos?"),
                                   true,
                                   {},
                                   {},
                                   {}});
        else if (change == QLatin1String("optional"))
            next.questions[1].required = false;
        else
            next.requiredFor << QStringLiteral("thread lift");
        auto saved = Forms(t.db()).saveTemplate(next);
        QVERIFY2(saved.ok(), qPrintable(saved.ok() ? QString() : saved.message()));
        QCOMPARE(saved->version, 2);
        QCOMPARE(Forms(t.db()).latest(kConsent)->version, 2);
        QVERIFY(audited(t.db(), "form-template-saved", kConsent + QStringLiteral(" version 2")));
        // Saving it again unchanged makes no version 3.
        QCOMPARE(Forms(t.db()).saveTemplate(saved.value()).error().kind, Error::Kind::Invalid);

        const SignedForm after = Forms(t.db()).get(signedOnOld).value();
        QCOMPARE(after.form.version, 1);
        QCOMPARE(after.form.toJson(), before.form.toJson());
        QVERIFY(after.intact);
        // A new signature is taken on the new wording.
        Forms::Signing s;
        s.clientId = amara;
        s.templateName = kConsent;
        for (const FormQuestion& q : saved->questions)
            s.answers.insert(
                q.id, {q.id == QLatin1String("pregnant") ? QStringLiteral("no") : QStringLiteral("yes"), {}});
        s.signaturePng = signaturePng(2);
        auto newer = Forms(t.db()).sign(s);
        QVERIFY(newer.ok());
        QCOMPARE(Forms(t.db()).get(newer->id)->form.version, 2);
        QCOMPARE(Forms(t.db()).get(newer->id)->form.toJson(), saved->toJson());
    }

    // Every way to change a signed form or a template's version in the database is refused; what is
    // changed all the same (the sealed content swapped by someone with the database key) is found.
    void aSignedFormCannotBeChanged_data()
    {
        QTest::addColumn<QString>("sql");
        QTest::newRow("signed at another time")
            << QStringLiteral("UPDATE forms SET signed_at = '2020-01-01T00:00:00Z'");
        QTest::newRow("signed on another day") << QStringLiteral("UPDATE forms SET signed_on = '2020-01-01'");
        QTest::newRow("another hash") << QStringLiteral("UPDATE forms SET sha256 = 'x'");
        QTest::newRow("another template") << QStringLiteral("UPDATE forms SET template_id = template_id + 1");
        QTest::newRow("made a correction") << QStringLiteral("UPDATE forms SET replaces_id = id");
        QTest::newRow("taken by someone else") << QStringLiteral("UPDATE forms SET signed_by = NULL");
        QTest::newRow("a template reworded") << QStringLiteral("UPDATE form_templates SET wording = '{}'");
        QTest::newRow("a template renumbered") << QStringLiteral("UPDATE form_templates SET version = 9");
        QTest::newRow("a template deleted") << QStringLiteral("DELETE FROM form_templates");
    }
    void aSignedFormCannotBeChanged()
    {
        QFETCH(QString, sql);
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 id = signConsent(t.db(), amara);
        QVERIFY(id > 0);
        const SignedForm before = Forms(t.db()).get(id).value();
        const Status refused = guarded([&]() -> Status {
            t.db().exec(sql.toStdString());
            return {};
        });
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message().contains(QStringLiteral("never changed")) ||
                     refused.message().contains(QStringLiteral("cannot be changed")) ||
                     refused.message().contains(QStringLiteral("is kept")),
                 qPrintable(refused.message()));
        const SignedForm after = Forms(t.db()).get(id).value();
        QCOMPARE(after.sha256, before.sha256);
        QCOMPARE(after.signedAt, before.signedAt);
        QVERIFY(after.intact);
    }

    void anAlteredFormIsFoundByItsHash()
    {
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 first = signConsent(t.db(), amara);
        QVERIFY(Forms(t.db()).sign(history(amara, "yes", QStringLiteral("warfarin"))).ok());
        // The insider puts the medical history's content (sealed, well formed) in the consent's place.
        t.db().exec("UPDATE forms SET content = (SELECT content FROM forms WHERE id <> " +
                    std::to_string(first) + ") WHERE id = " + std::to_string(first));
        QVERIFY(!Forms(t.db()).get(first)->intact);
    }

    void whatAFormWillNotTake_data()
    {
        QTest::addColumn<QString>("question");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("signature");
        QTest::addColumn<QString>("said");
        const QByteArray ok = signaturePng();
        QTest::newRow("a required answer missing")
            << QStringLiteral("consent") << QString() << ok << QStringLiteral("(consent) needs an answer");
        QTest::newRow("yes or no answered otherwise")
            << QStringLiteral("consent") << QStringLiteral("maybe") << ok << QStringLiteral("yes or no");
        QTest::newRow("a question the form has not")
            << QStringLiteral("favourite_colour") << QStringLiteral("blue") << ok
            << QStringLiteral("“favourite_colour” is not a question");
        QTest::newRow("no signature") << QStringLiteral("consent") << QStringLiteral("yes") << QByteArray()
                                      << QStringLiteral("no signature");
        QTest::newRow("not a picture")
            << QStringLiteral("consent") << QStringLiteral("yes") << QByteArray("%PDF-1.4 not a png")
            << QStringLiteral("not a readable PNG");
        QImage blank(300, 100, QImage::Format_RGB32);
        blank.fill(Qt::white);
        QByteArray blankPng;
        QBuffer buffer(&blankPng);
        buffer.open(QIODevice::WriteOnly);
        blank.save(&buffer, "PNG");
        QTest::newRow("a blank pad") << QStringLiteral("consent") << QStringLiteral("yes") << blankPng
                                     << QStringLiteral("blank");
    }
    void whatAFormWillNotTake()
    {
        QFETCH(QString, question);
        QFETCH(QString, value);
        QFETCH(QByteArray, signature);
        QFETCH(QString, said);
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        Forms::Signing s;
        s.clientId = amara;
        s.templateName = kConsent;
        for (const char* yes : {"informed", "medical_history_current", "consent"})
            s.answers.insert(QString::fromLatin1(yes), {QStringLiteral("yes"), {}});
        s.answers.insert(QStringLiteral("pregnant"), {QStringLiteral("no"), {}});
        s.answers.insert(question, {value, {}});
        s.signaturePng = signature;
        auto r = Forms(t.db()).sign(s);
        QVERIFY(!r.ok());
        QVERIFY2(r.message().contains(said), qPrintable(r.message()));
        QVERIFY(Forms(t.db()).forClient(amara)->isEmpty());
    }

    // The latest medical history speaks for the client: a yes that matters is a flag with its detail,
    // and a later history that says no takes it away.
    void aMedicalHistoryRaisesFlags()
    {
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        Clock::setSource([] { return QDateTime(QDate(2025, 3, 4), QTime(9, 0), Qt::UTC); });
        QVERIFY(Forms(t.db()).sign(history(amara, "yes", QStringLiteral("warfarin 5 mg"))).ok());
        QCOMPARE(flagsOf(t.db(), amara), QStringList{QStringLiteral("Anticoagulants: warfarin 5 mg")});
        Clock::setSource([] { return QDateTime(QDate(2025, 9, 4), QTime(9, 0), Qt::UTC); });
        QVERIFY(Forms(t.db()).sign(history(amara, "no")).ok());
        QVERIFY(flagsOf(t.db(), amara).isEmpty());
    }

    // Lip filler needs the signed consent from the year before it; a practitioner cannot go without,
    // a manager can, with a reason kept beside the record and an audit entry.
    void anInjectableNeedsItsConsent()
    {
        Clinic c;
        Database& db = c.t.db();
        const QDate today = kNow.date();
        // Nothing signed: refused, naming the form and what to do.
        auto refused = TreatmentRecords(db).add(lipFiller(c.client, today));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message().contains(kConsent) &&
                     refused.message().contains(QStringLiteral("Forms tab")),
                 qPrintable(refused.message()));
        // A treatment that needs no consent form is recorded as before.
        TreatmentRecord peel = lipFiller(c.client, today);
        peel.treatment = QStringLiteral("Chemical peel");
        peel.product.clear();
        QVERIFY(TreatmentRecords(db).add(peel).ok());
        // A consent signed with a "no" to consenting is no consent.
        Forms::Signing declined;
        declined.clientId = c.client;
        declined.templateName = kConsent;
        for (const char* yes : {"informed", "medical_history_current"})
            declined.answers.insert(QString::fromLatin1(yes), {QStringLiteral("yes"), {}});
        declined.answers.insert(QStringLiteral("pregnant"), {QStringLiteral("no"), {}});
        declined.answers.insert(QStringLiteral("consent"), {QStringLiteral("no"), {}});
        declined.signaturePng = signaturePng();
        QVERIFY(Forms(db).sign(declined).ok());
        QVERIFY(!TreatmentRecords(db).add(lipFiller(c.client, today)).ok());
        // A consent older than a year does not count.
        QVERIFY(signConsent(db, c.client, today.addDays(-400)) > 0);
        QVERIFY(!TreatmentRecords(db).add(lipFiller(c.client, today)).ok());
        // A practitioner cannot record it without, even with a reason.
        const Actor manager = db.actor();
        db.setActor(Actor{c.priya, QStringLiteral("priya"), Role::Practitioner});
        TreatmentRecord without = lipFiller(c.client, today);
        without.consentOverride = QStringLiteral("Signed on paper, to be scanned");
        QCOMPARE(TreatmentRecords(db).add(without).error().kind, Error::Kind::Permission);
        // The manager can, and the reason stays with the record.
        db.setActor(manager);
        auto overridden = TreatmentRecords(db).add(without);
        QVERIFY2(overridden.ok(), qPrintable(overridden.ok() ? QString() : overridden.message()));
        const TreatmentRecord kept = TreatmentRecords(db).get(overridden.value()).value();
        QCOMPARE(kept.overriddenForm, kConsent);
        QCOMPARE(kept.overrideReason, QStringLiteral("Signed on paper, to be scanned"));
        QVERIFY(audited(db, "treatment-consent-overridden",
                        QStringLiteral("treatment record %1: recorded without a signed %2")
                            .arg(overridden.value())
                            .arg(kConsent)));
        // Signed today: the practitioner records it, and the record names the form.
        db.setActor(Actor{c.priya, QStringLiteral("priya"), Role::Practitioner});
        const qint64 form = signConsent(db, c.client, today);
        QVERIFY(form > 0);
        auto given = TreatmentRecords(db).add(lipFiller(c.client, today));
        QVERIFY(given.ok());
        QCOMPARE(TreatmentRecords(db).get(given.value())->consentFormRef,
                 QStringLiteral("form %1").arg(form));
        db.setActor(manager);
    }

    // The receptionist hands over the tablet: she can take the signature, and cannot read it back
    // (her key has no clinical domain); the practitioner reads it.
    void aReceptionistTakesAFormSheCannotRead()
    {
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        QVERIFY(Accounts(t.vault())
                    .add(QStringLiteral("rita"), QStringLiteral("Rita Desk"), QStringLiteral("receptionist"),
                         secret("rita's own passphrase"), KdfParams::forTestsOnly())
                    .ok());
        QVERIFY(t.reopen("rita's own passphrase", QStringLiteral("rita")).ok());
        QVERIFY(!t.db().clinical().canOpen());
        auto taken = Forms(t.db()).sign(history(amara, "yes", QStringLiteral("apixaban")));
        QVERIFY2(taken.ok(), qPrintable(taken.ok() ? QString() : taken.message()));
        const QList<SignedForm> listed = Forms(t.db()).forClient(amara).value();
        QCOMPARE(listed.size(), 1);
        QVERIFY(!listed.first().contentRead);
        QVERIFY(listed.first().answers.isEmpty());
        QCOMPARE(Forms(t.db()).flags(amara).error().kind, Error::Kind::Permission);
        // Nothing she can read holds the answer.
        auto row = t.db().prepare("SELECT content FROM forms");
        QVERIFY(row.step());
        QVERIFY(!row.blob(0).contains("apixaban"));
        row.reset();
        QVERIFY(t.reopen().ok());
        QCOMPARE(flagsOf(t.db(), amara), QStringList{QStringLiteral("Anticoagulants: apixaban")});
        QVERIFY(Forms(t.db()).forClient(amara)->first().intact);
    }

    void aRekeyKeepsFormsReadableAndIntact()
    {
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        QVERIFY(Forms(t.db()).sign(history(amara, "yes", QStringLiteral("aspirin"))).ok());
        auto r = Accounts(t.vault()).rekey(secret(kPassphrase), KdfParams::forTestsOnly(), {});
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QVERIFY(t.reopen().ok());
        const SignedForm f = Forms(t.db()).forClient(amara)->first();
        QVERIFY(f.intact && f.contentRead);
        QCOMPARE(f.answers.value(QStringLiteral("anticoagulants")).detail, QStringLiteral("aspirin"));
    }

    // The person's export holds each form as signed; an erasure keeps forms while their years last
    // (with the treatment records) and takes the rest.
    void formsAreInTheExportAndGoWithErasure()
    {
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        QVERIFY(Forms(t.db()).sign(history(amara, "yes", QStringLiteral("clopidogrel"))).ok());
        auto data = collectSubjectData(t.db(), amara);
        QVERIFY(data.ok());
        const QJsonArray forms = data->value(QStringLiteral("data"))
                                     .toObject()
                                     .value(QStringLiteral("appointments"))
                                     .toObject()
                                     .value(QStringLiteral("forms"))
                                     .toArray();
        QCOMPARE(forms.size(), 1);
        const QJsonObject asSigned = forms.first().toObject().value(QStringLiteral("as_signed")).toObject();
        QCOMPARE(asSigned.value(QStringLiteral("form")).toObject().value(QStringLiteral("name")).toString(),
                 kHistory);
        QCOMPARE(asSigned.value(QStringLiteral("answers"))
                     .toObject()
                     .value(QStringLiteral("anticoagulants"))
                     .toObject()
                     .value(QStringLiteral("detail"))
                     .toString(),
                 QStringLiteral("clopidogrel"));
        QVERIFY(!QImage::fromData(QByteArray::fromBase64(
                                      asSigned.value(QStringLiteral("signature_png")).toString().toLatin1()))
                     .isNull());

        // Signed today: kept for its years, with the reason shown in the plan.
        auto plan = Erasure(t.db()).plan(amara);
        QVERIFY(plan.ok());
        QVERIFY(std::any_of(plan->keep.cbegin(), plan->keep.cend(),
                            [](const auto& k) { return k.table == QLatin1String("forms"); }));
        // Signed ten years ago (and nothing since; forms are kept 8 + 1 years): erased with the client.
        TestVault old;
        const qint64 ed = old.addClient(QStringLiteral("Ed"), QStringLiteral("Erased"));
        Clock::setSource([] { return QDateTime(QDate::currentDate().addYears(-10), QTime(9, 0), Qt::UTC); });
        QVERIFY(Forms(old.db()).sign(history(ed, "no")).ok());
        Clock::setSource(nullptr);
        QVERIFY(Erasure(old.db()).erase(ed, QStringLiteral("Ed Erased"), 0, 1).ok());
        auto left = old.db().prepare("SELECT COUNT(*) FROM forms");
        QVERIFY(left.step());
        QCOMPARE(left.int64(0), qint64(0));
        left.reset();
    }

    // The wording signed is the wording shown: a version saved meanwhile is refused. A form signed on
    // paper earlier is entered by a manager only, and the audit log says when it was entered.
    void whatIsSignedIsWhatWasShownAndWhen()
    {
        Clinic c;
        Database& db = c.t.db();
        const FormTemplate shown = Forms(db).latest(kHistory).value();
        FormTemplate next = shown;
        next.intro += QStringLiteral(" Bring a list of your medicines.");
        QVERIFY(Forms(db).saveTemplate(next).ok());
        Forms::Signing s = history(c.client, "no");
        s.templateId = shown.id;
        auto stale = Forms(db).sign(s);
        QCOMPARE(stale.error().kind, Error::Kind::Conflict);
        QVERIFY2(stale.message().contains(QStringLiteral("changed while it was open")),
                 qPrintable(stale.message()));

        Forms::Signing paper = history(c.client, "no");
        paper.signedAt = kNow.addDays(-20);
        const Actor manager = db.actor();
        db.setActor(Actor{c.priya, QStringLiteral("priya"), Role::Practitioner});
        QCOMPARE(Forms(db).sign(paper).error().kind, Error::Kind::Permission);
        db.setActor(manager);
        auto entered = Forms(db).sign(paper);
        QVERIFY(entered.ok());
        QCOMPARE(entered->signedAt, paper.signedAt);
        QVERIFY(audited(
            db, "form-signed",
            QStringLiteral("signed on paper %1, entered %2")
                .arg(paper.signedAt.toUTC().toString(Qt::ISODate), kNow.toUTC().toString(Qt::ISODate))));
        // A correction replaces what its author read: not the front desk's to make.
        db.setActor(Actor{c.desk, QStringLiteral("tom"), Role::Receptionist});
        Forms::Signing correction = history(c.client, "yes", QStringLiteral("aspirin"));
        correction.replaces = entered->id;
        QCOMPARE(Forms(db).sign(correction).error().kind, Error::Kind::Permission);
        db.setActor(manager);
    }

    // Tom at the front desk holds the database key. He copies Amara's signed consent onto Ben's
    // record as a form of Ben's, moves her medical history onto Ben, and deletes her latest form.
    // Each is found: Ben's forms say what is wrong with them (and the copied consent does not count
    // for his treatment), Amara's own form is as signed, and `verify` names every one.
    void anInsiderCannotForgeMoveOrDeleteAForm()
    {
        StaffClinic c;
        const qint64 amara = c.t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 ben = c.t.addClient(QStringLiteral("Ben"), QStringLiteral("Adams"));
        const QDate today = QDate::currentDate();
        const qint64 consent = signConsent(c.t.db(), amara, today);
        const qint64 moved = Forms(c.t.db()).sign(history(amara, "no"))->id;
        const qint64 deleted = Forms(c.t.db()).sign(history(amara, "yes", QStringLiteral("warfarin")))->id;
        QVERIFY(consent > 0 && moved > 0 && deleted > 0);
        {
            auto tom = c.databaseAs(QStringLiteral("tom"), kTom);
            tom->exec(
                QStringLiteral("INSERT INTO forms (client_id, template_id, signed_at, signed_on, signed_by, "
                               "replaces_id, sha256, content, created_at) SELECT %1, template_id, "
                               "signed_at, signed_on, signed_by, replaces_id, sha256, content, created_at "
                               "FROM forms WHERE id = %2")
                    .arg(ben)
                    .arg(consent)
                    .toStdString());
            tom->exec(QStringLiteral("UPDATE forms SET client_id = %1 WHERE id = %2")
                          .arg(ben)
                          .arg(moved)
                          .toStdString());
            tom->exec(QStringLiteral("DELETE FROM forms WHERE id = %1").arg(deleted).toStdString());
        }
        QVERIFY(c.t.reopen().ok());
        Database& db = c.t.db();
        const QList<SignedForm> bens = Forms(db).forClient(ben).value();
        QCOMPARE(bens.size(), 2);
        for (const SignedForm& f : bens) {
            QVERIFY(f.contentRead);
            QVERIFY(!f.intact);
            QVERIFY2(f.problem.contains(f.id == moved ? QStringLiteral("signed by another client and moved")
                                                      : QStringLiteral("no record of it being signed")),
                     qPrintable(f.problem));
        }
        QCOMPARE(Forms(db).flags(ben)->size(), 0);
        auto refused = TreatmentRecords(db).add(lipFiller(ben, today));
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message().contains(kConsent), qPrintable(refused.message()));
        const QList<SignedForm> amaras = Forms(db).forClient(amara).value();
        QCOMPARE(amaras.size(), 1);
        QVERIFY(amaras.first().intact);
        QVERIFY(TreatmentRecords(db).add(lipFiller(amara, today)).ok());

        const QString dir = c.t.dir();
        c.t.close();
        const CliResult verify = runCli({QStringLiteral("verify"), QStringLiteral("--vault"), dir}, {},
                                        cliEnvironment(QString::fromUtf8(kPassphrase)));
        QCOMPARE(verify.exitCode, 1);
        const qint64 forged = bens.first().id == moved ? bens.last().id : bens.first().id;
        for (const QString& want :
             {QStringLiteral("form %1 is not in the audit log").arg(forged),
              QStringLiteral("form %1, signed %2, is gone").arg(deleted).arg(today.toString(Qt::ISODate))})
            QVERIFY2(verify.out.contains(want), qPrintable(want + QStringLiteral(" not in:\n") + verify.out));
    }

    // A vault whose forms are as signed verifies, erasures included: an erased client's forms are gone
    // with a reason.
    void verifyCountsFormsAsSigned()
    {
        TestVault t;
        const qint64 amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const qint64 ed = t.addClient(QStringLiteral("Ed"), QStringLiteral("Erased"));
        QVERIFY(signConsent(t.db(), amara) > 0);
        // Ed's form was signed ten years ago: its years have passed, and it goes with him.
        Clock::setSource([] { return QDateTime(QDate::currentDate().addYears(-10), QTime(9, 0), Qt::UTC); });
        QVERIFY(Forms(t.db()).sign(history(ed, "no")).ok());
        Clock::setSource(nullptr);
        QVERIFY(Erasure(t.db()).erase(ed, QStringLiteral("Ed Erased"), 0, 1).ok());
        const QString dir = t.dir();
        t.close();
        const CliResult verify = runCli({QStringLiteral("verify"), QStringLiteral("--vault"), dir}, {},
                                        cliEnvironment(QString::fromUtf8(kPassphrase)));
        QVERIFY2(verify.out.contains(
                     QStringLiteral("forms: ok (1 signed form, each as the audit log recorded it)")),
                 qPrintable(verify.out));
        QCOMPARE(verify.exitCode, 0);
    }

    // The command-line contract: `forms templates`, `forms sign` (a missing required answer refused
    // naming the question), `forms --client`, and `forms template` for the next version.
    void theCommandLine()
    {
        QTemporaryDir files;
        qint64 amara = 0;
        QString dir;
        TestVault t;
        amara = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        dir = t.dir();
        t.close();
        const QProcessEnvironment env = cliEnvironment(QString::fromUtf8(kPassphrase));
        const auto cli = [&](QStringList args) {
            args << QStringLiteral("--vault") << dir;
            return runCli(args, {}, env);
        };
        const auto write = [&](const char* name, const QByteArray& bytes) {
            QFile f(files.filePath(QString::fromLatin1(name)));
            f.open(QIODevice::WriteOnly);
            f.write(bytes);
            return f.fileName();
        };
        const CliResult listed = cli({QStringLiteral("forms"), QStringLiteral("templates")});
        QVERIFY2(listed.exitCode == 0, qPrintable(listed.err));
        QJsonObject consent;
        QStringList names;
        for (const QJsonObject& o : listed.jsonLines()) {
            names << o.value(QStringLiteral("name")).toString();
            if (o.value(QStringLiteral("name")).toString() == kConsent)
                consent = o;
            for (const QJsonValue& q : o.value(QStringLiteral("questions")).toArray())
                for (const char* key : {"id", "kind", "required", "options"})
                    QVERIFY2(q.toObject().contains(QLatin1String(key)), key);
        }
        QVERIFY(names.contains(kConsent) && names.contains(kHistory));
        QCOMPARE(consent.value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(consent.value(QStringLiteral("kind")).toString(), QStringLiteral("consent"));

        const QString png = write("signature.png", signaturePng());
        const QString partial = write("partial.json", R"({"informed": true, "pregnant": "no"})");
        const CliResult refused =
            cli({QStringLiteral("forms"), QStringLiteral("sign"), QStringLiteral("--client"),
                 QString::number(amara), QStringLiteral("--template"), kConsent, QStringLiteral("--answers"),
                 partial, QStringLiteral("--signature"), png});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(QStringLiteral("(medical_history_current) needs an answer")),
                 qPrintable(refused.err));

        const QString full = write("answers.json", R"({"informed": true, "pregnant": "no",
            "medical_history_current": "yes", "consent": {"value": "yes"}})");
        const CliResult signedOne =
            cli({QStringLiteral("forms"), QStringLiteral("sign"), QStringLiteral("--client"),
                 QString::number(amara), QStringLiteral("--template"), kConsent, QStringLiteral("--answers"),
                 full, QStringLiteral("--signature"), png});
        QVERIFY2(signedOne.exitCode == 0, qPrintable(signedOne.err));
        QCOMPARE(signedOne.jsonLines().size(), 1);
        const QJsonObject form = signedOne.jsonLines().first();

        const CliResult forms =
            cli({QStringLiteral("forms"), QStringLiteral("--client"), QString::number(amara)});
        QVERIFY2(forms.exitCode == 0, qPrintable(forms.err));
        QCOMPARE(forms.jsonLines().size(), 1);
        const QJsonObject row = forms.jsonLines().first();
        for (const char* key : {"id", "template", "version", "signed_at", "signed_by", "sha256", "locked"})
            QVERIFY2(row.contains(QLatin1String(key)), key);
        QCOMPARE(row.value(QStringLiteral("template")).toString(), kConsent);
        QCOMPARE(row.value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(row.value(QStringLiteral("signed_by")).toString(),
                 QStringLiteral("Manager")); // as the staff list names them
        QCOMPARE(row.value(QStringLiteral("sha256")).toString().size(), 64);
        QCOMPARE(row.value(QStringLiteral("sha256")), form.value(QStringLiteral("sha256")));
        QVERIFY(row.value(QStringLiteral("locked")).toBool());

        consent.insert(QStringLiteral("intro"), QStringLiteral("Reworded: read the leaflet."));
        const QString templ = write("consent.json", QJsonDocument(consent).toJson());
        const CliResult saved =
            cli({QStringLiteral("forms"), QStringLiteral("template"), QStringLiteral("--file"), templ});
        QVERIFY2(saved.exitCode == 0, qPrintable(saved.err));
        QCOMPARE(saved.jsonLines().first().value(QStringLiteral("version")).toInt(), 2);
        // The form signed on version 1 stays on version 1.
        QCOMPARE(cli({QStringLiteral("forms"), QStringLiteral("--client"), QString::number(amara)})
                     .jsonLines()
                     .first()
                     .value(QStringLiteral("version"))
                     .toInt(),
                 1);
    }
};

QTEST_GUILESS_MAIN(TestForms)
#include "tst_forms.moc"
