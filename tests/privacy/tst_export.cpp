// Subject-access export checked with real readers: unzip, 7z (AES-256), pdftotext (also with the
// PDF password), and the JSON against its published schema with python's jsonschema. Also the
// erasure ledger re-applied after an older copy of the database comes back.
#include "Files.h"
#include "FormFixtures.h"
#include "ImageFixtures.h"
#include "TestVault.h"
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "clients/ClientStore.h"
#include "clients/Interaction.h"
#include "diary/Diary.h"
#include "images/ImageStore.h"
#include "privacy/ClinicExport.h"
#include "privacy/Erasure.h"
#include "privacy/Ledger.h"
#include "privacy/Register.h"
#include "privacy/SubjectExport.h"
#include "records/Payments.h"
#include "records/Quotes.h"
#include "records/TreatmentRecords.h"
#include "settings/Settings.h"
#include "storage/Sql.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace cd;
using namespace cd::test;

namespace {

struct Out
{
    int code;
    QString text;
};

Out run(const QString& program, const QStringList& args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(60000))
        qFatal("%s did not finish", qPrintable(program));
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAll())};
}

void must(const Status& st)
{
    if (!st)
        qFatal("%s", qPrintable(st.message()));
}

qint64 amara(TestVault& t)
{
    Client c;
    c.firstName = QStringLiteral("Amara");
    c.lastName = QStringLiteral("Okafor");
    c.dateOfBirth = QDate(1990, 2, 28);
    c.source = QStringLiteral("instagram");
    c.phones = {{QStringLiteral("mobile"), QStringLiteral("07700 900123"), {}}};
    c.emails = {{QStringLiteral("personal"), QStringLiteral("amara@example.com")}};
    const qint64 id = ClientStore(t.db()).create(c).value();
    for (const char* body :
         {"Asked about lip filler prices", "Her sister Joy Okafor also called about botox"}) {
        Interaction i;
        i.clientId = id;
        i.kind = InteractionKind::Call;
        i.body = QString::fromUtf8(body);
        InteractionStore(t.db()).add(i).value();
    }
    must(ConsentStore(t.db()).record(id, ContactChannel::Email, true, QStringLiteral("website form"), 1));
    must(ClinicSettings(t.db()).setControllerAddress(QStringLiteral("1 Harbour Street, Leeds LS1 1AA")));
    must(ClinicSettings(t.db()).setControllerEmail(QStringLiteral("privacy@harbour.example")));
    return id;
}

} // namespace

class TestExport : public QObject
{
    Q_OBJECT
    QTemporaryDir m_out;

private Q_SLOTS:
    // A report must say who holds the data and how to reach them: until the clinic's address as
    // controller is set, the export says what is missing and where to set it, and writes nothing.
    void theControllerMustBeSetBeforeTheFirstReport()
    {
        TestVault t;
        const qint64 id = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        QVERIFY(ClinicSettings(t.db()).setControllerAddress(QString()).ok());
        SubjectExportOptions o;
        o.outPath = m_out.filePath(QStringLiteral("refused.zip"));
        auto r = exportSubject(t.db(), id, o);
        QVERIFY(!r.ok());
        QVERIFY2(r.message().contains(QStringLiteral("its postal address is not set yet")),
                 qPrintable(r.message()));
        QVERIFY(r.message().contains(QStringLiteral("Clinic settings")));
        QVERIFY(r.message().contains(QStringLiteral("controller.address")));
        QVERIFY(!QFile::exists(o.outPath));
        // Portability is data.json alone, no letter: it goes without them.
        SubjectExportOptions portable;
        portable.kind = SubjectExportOptions::Kind::Portability;
        portable.outPath = m_out.filePath(QStringLiteral("portable.zip"));
        QVERIFY(exportSubject(t.db(), id, portable).ok());
        QVERIFY(ClinicSettings(t.db())
                    .setControllerAddress(QStringLiteral("1 Harbour Street\nLeeds LS1 1AA"))
                    .ok());
        QVERIFY(exportSubject(t.db(), id, o).ok());
    }

    void plainZipWithReportAndSchemaValidJson()
    {
        TestVault t;
        const qint64 id = amara(t);
        auto req = PrivacyRegister(t.db()).add(id, QStringLiteral("access"), QDate::currentDate(),
                                               QStringLiteral("called_back_on_file"), 1);
        const QString photo = m_out.filePath(QStringLiteral("lips.jpg"));
        writeAll(photo, encoded(markedImage(400, 300), "JPEG"));
        ImageDetails details;
        details.kind = ImageKind::QuoteRequest;
        details.area = FaceArea::Lips;
        auto imageId = ImageStore(t.db()).importFile(id, photo, details, 1);
        QVERIFY(imageId.ok());
        QList<QString> steps;
        SubjectExportOptions o;
        o.outPath = m_out.filePath(QStringLiteral("sar.zip"));
        o.data.requestId = req->id;
        auto timeline = InteractionStore(t.db()).timeline(id);
        o.data.redactedNotes.insert(timeline->first().id, QStringLiteral("Her [redacted] also called"));
        o.progress = [&steps](int, int, const QString& s) {
            steps << s;
            return true;
        };
        auto r = exportSubject(t.db(), id, o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QVERIFY(steps.size() >= 4);
        const QString imageName = QStringLiteral("images/%1-lips-quote_request.jpg").arg(imageId.value());
        QCOMPARE(r->entries, (QStringList{"report.pdf", "data.json", "README.txt", imageName}));

        QCOMPARE(run(QStringLiteral("unzip"), {QStringLiteral("-t"), o.outPath}).code, 0);
        QVERIFY(run(QStringLiteral("unzip"), {QStringLiteral("-o"), QStringLiteral("-d"),
                                              m_out.filePath(QStringLiteral("plain")), o.outPath})
                    .code == 0);
        Out text = run(QStringLiteral("pdftotext"),
                       {m_out.filePath(QStringLiteral("plain/report.pdf")), QStringLiteral("-")});
        QCOMPARE(text.code, 0);
        text.text = text.text.simplified(); // table cells wrap; words stay in order
        for (const char* expected : {"Dear Amara Okafor", "Test Clinic", "1 Harbour Street", "07700 900123",
                                     "amara@example.com", "Asked about lip filler prices", "website form",
                                     "legitimate interests", "Information Commissioner", "0303 123 1113",
                                     "instagram", "28 February 1990", "Yours sincerely"})
            QVERIFY2(text.text.contains(QString::fromUtf8(expected)), expected);
        QVERIFY(!text.text.contains(QStringLiteral("Joy Okafor"))); // the redacted passage
        QVERIFY(text.text.contains(QStringLiteral("[redacted]")));

        const QString json = m_out.filePath(QStringLiteral("plain/data.json"));
        const QString schema = qEnvironmentVariable("CLINICDESK_SOURCE_DIR") +
                               QStringLiteral("/resources/schema/subject-export-v1.schema.json");
        const Out valid = run(
            QStringLiteral("/usr/bin/python3"),
            {QStringLiteral("-c"),
             QStringLiteral("import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), "
                            "json.load(open(sys.argv[2]))); print('valid')"),
             json, schema});
        QVERIFY2(valid.code == 0 && valid.text.contains(QStringLiteral("valid")), qPrintable(valid.text));
        const QJsonObject doc = QJsonDocument::fromJson(readAll(json)).object();
        QCOMPARE(doc.value(QStringLiteral("redactions")).toArray().size(), 1);
        const QByteArray original = readAll(m_out.filePath(QStringLiteral("plain/")) + imageName);
        QVERIFY(!QImage::fromData(original).isNull());
        QCOMPARE(doc[QStringLiteral("files")][0][QStringLiteral("sha256")].toString(),
                 QString::fromLatin1(QCryptographicHash::hash(original, QCryptographicHash::Sha256).toHex()));
        QVERIFY(text.text.contains(QStringLiteral("Your photos")));
        // The caption in words (the codes are in data.json).
        QVERIFY2(text.text.contains(QStringLiteral("Lips, Quote request")), qPrintable(text.text));
        QVERIFY(!text.text.contains(QStringLiteral("quote_request")));
        QCOMPARE(doc[QStringLiteral("data")][QStringLiteral("contact")][QStringLiteral("client_phones")][0]
                    [QStringLiteral("e164")]
                        .toString(),
                 QStringLiteral("+447700900123"));
        QCOMPARE(doc[QStringLiteral("request")][QStringLiteral("type")].toString(), QStringLiteral("access"));

        // The register records what was sent, with the file's real SHA-256.
        auto sent = PrivacyRegister(t.db()).get(req->id)->files;
        QCOMPARE(sent.size(), 1);
        QCOMPARE(sent.first().fileName, QStringLiteral("sar.zip"));
        QCOMPARE(sent.first().sha256,
                 QString::fromLatin1(
                     QCryptographicHash::hash(readAll(o.outPath), QCryptographicHash::Sha256).toHex()));
        QVERIFY(!(QFile::permissions(o.outPath) & QFileDevice::ReadOther));
    }

    // Appointments, treatment records, quotes and payments are in the report (with their purpose,
    // lawful basis and retention) and in data.json, which still validates against the schema.
    void diaryTreatmentsQuotesAndPaymentsAreExported()
    {
        TestVault t;
        const qint64 id = amara(t);
        Database& db = t.db();
        db.exec("INSERT INTO staff (username, display_name, role, created_at) VALUES ('priya', 'Dr Priya "
                "Shah', 'practitioner', 'x')");
        const qint64 priya = db.lastInsertId();
        Appointment a;
        a.clientId = id;
        a.kind = AppointmentKind::Treatment;
        a.treatment = QStringLiteral("Anti-wrinkle injections");
        a.startsAt = QDateTime(QDate(2031, 5, 6), QTime(14, 30));
        a.durationMinutes = 45;
        a.practitionerId = priya;
        QVERIFY(Diary(db).book(a).ok());
        TreatmentRecord r;
        r.clientId = id;
        r.givenOn = QDate::currentDate().addDays(-20);
        r.practitionerId = priya;
        r.treatment = QStringLiteral("Anti-wrinkle injections");
        r.product = QStringLiteral("Botulinum toxin type A");
        r.batchNumber = QStringLiteral("C3125C3");
        r.expiryDate = QDate(2031, 1, 31);
        r.quantity = 24;
        r.quantityUnit = QStringLiteral("units");
        r.aftercareGiven = true;
        QVERIFY(test::signConsent(db, id, r.givenOn) > 0);
        QVERIFY(TreatmentRecords(db).add(r).ok());
        Quote q;
        q.clientId = id;
        q.items = {{0, QStringLiteral("Lip filler"), 32000, 1}};
        QVERIFY(Quotes(db).create(q).ok());
        Payment p;
        p.clientId = id;
        p.amountPence = 12550;
        p.method = PaymentMethod::Cash;
        p.description = QStringLiteral("Consultation and aftercare kit");
        QVERIFY(Payments(db).record(p).ok());

        SubjectExportOptions o;
        o.outPath = m_out.filePath(QStringLiteral("diary.zip"));
        auto exported = exportSubject(db, id, o);
        QVERIFY2(exported.ok(), qPrintable(exported.ok() ? QString() : exported.message()));
        const QString dir = m_out.filePath(QStringLiteral("diary"));
        QVERIFY(
            run(QStringLiteral("unzip"), {QStringLiteral("-o"), QStringLiteral("-d"), dir, o.outPath}).code ==
            0);
        // -raw: in drawing order, so a table cell's wrapped lines stay together.
        Out text = run(QStringLiteral("pdftotext"),
                       {QStringLiteral("-raw"), dir + QStringLiteral("/report.pdf"), QStringLiteral("-")});
        QCOMPARE(text.code, 0);
        text.text = text.text.simplified();
        for (const char* expected :
             {"Appointments and treatments", "arranging consultations and treatments",
              "keeping treatment records for insurance and legal claims",
              "8 years after the client's last treatment", "establishment or defence of legal claims",
              "Quotes and payments", "processing payments for services",
              "6 years after the payment (tax records)", "Article 9(2)(h)",
              "Your treatment records and treatment photos are health data",
              "6 May 2031, 14:30–15:15 Treatment: Anti-wrinkle injections — booked",
              "Product: Botulinum toxin type A", "Batch: C3125C3", "Expiry: 31 January 2031",
              "Quantity: 24 units", "Aftercare given: yes", "Lip filler £320.00 × 1", "Total £320.00",
              "£125.50", "Consultation and aftercare kit", "Cash",
              // The consent signed for the treatment, as signed, with its answers.
              "Forms you signed", "Consent for injectable treatment (version 1)",
              "Are you pregnant or breastfeeding? No", "Your signature:"})
            QVERIFY2(text.text.contains(QString::fromUtf8(expected)),
                     qPrintable(QString::fromUtf8(expected) + QStringLiteral(" not in: ") + text.text));
        // A letter for a person: no stored code or column name (quote_request, bank_transfer,
        // amount_pence ...) anywhere in it; those stay in data.json.
        const auto code = QRegularExpression(QStringLiteral("\\b[A-Za-z]+_[A-Za-z_]+\\b")).match(text.text);
        QVERIFY2(!code.hasMatch(), qPrintable(code.captured(0)));

        const QString json = dir + QStringLiteral("/data.json");
        const QString schema = qEnvironmentVariable("CLINICDESK_SOURCE_DIR") +
                               QStringLiteral("/resources/schema/subject-export-v1.schema.json");
        const Out valid = run(
            QStringLiteral("/usr/bin/python3"),
            {QStringLiteral("-c"),
             QStringLiteral("import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), "
                            "json.load(open(sys.argv[2]))); print('valid')"),
             json, schema});
        QVERIFY2(valid.code == 0 && valid.text.contains(QStringLiteral("valid")), qPrintable(valid.text));
        const QJsonObject data =
            QJsonDocument::fromJson(readAll(json)).object().value(QStringLiteral("data")).toObject();
        const QJsonObject appt =
            data[QStringLiteral("appointments")][QStringLiteral("appointments")][0].toObject();
        QCOMPARE(appt.value(QStringLiteral("starts_at")).toString(),
                 QStringLiteral("2031-05-06T13:30:00Z")); // BST → UTC
        QCOMPARE(appt.value(QStringLiteral("duration_minutes")).toInt(), 45);
        QCOMPARE(appt.value(QStringLiteral("status")).toString(), QStringLiteral("booked"));
        const QJsonObject rec =
            data[QStringLiteral("appointments")][QStringLiteral("treatment_records")][0].toObject();
        QCOMPARE(rec.value(QStringLiteral("batch_number")).toString(), QStringLiteral("C3125C3"));
        QCOMPARE(rec.value(QStringLiteral("quantity")).toDouble(), 24.0);
        QCOMPARE(rec.value(QStringLiteral("aftercare_given")).toInt(), 1);
        QCOMPARE(
            data[QStringLiteral("financial")][QStringLiteral("quote_items")][0][QStringLiteral("price_pence")]
                .toInt(),
            32000);
        QCOMPARE(data[QStringLiteral("financial")][QStringLiteral("quotes")][0][QStringLiteral("status")]
                     .toString(),
                 QStringLiteral("draft"));
        const QJsonObject pay = data[QStringLiteral("financial")][QStringLiteral("payments")][0].toObject();
        QVERIFY(pay.value(QStringLiteral("amount_pence")).isDouble());
        QCOMPARE(pay.value(QStringLiteral("amount_pence")).toInt(), 12550);
        QCOMPARE(pay.value(QStringLiteral("kind")).toString(), QStringLiteral("payment"));
    }

    void encryptedZipAndProtectedPdf()
    {
        TestVault t;
        const qint64 id = amara(t);
        const QString photo = m_out.filePath(QStringLiteral("glabella.jpg"));
        writeAll(photo, encoded(markedImage(400, 300), "JPEG"));
        ImageDetails details;
        details.kind = ImageKind::After;
        details.area = FaceArea::Glabella;
        QVERIFY(ImageStore(t.db()).importFile(id, photo, details, 1).ok());
        SubjectExportOptions o;
        o.outPath = m_out.filePath(QStringLiteral("secret.zip"));
        o.zipPassword = "tangerine-lighthouse-42";
        o.protectedPdfPath = m_out.filePath(QStringLiteral("report-protected.pdf"));
        o.pdfPassword = o.zipPassword;
        auto r = exportSubject(t.db(), id, o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        const Out listing =
            run(QStringLiteral("7z"), {QStringLiteral("l"), QStringLiteral("-slt"),
                                       QStringLiteral("-ptangerine-lighthouse-42"), o.outPath});
        QVERIFY(listing.text.contains(QStringLiteral("AES-256")));
        QCOMPARE(run(QStringLiteral("7z"),
                     {QStringLiteral("t"), QStringLiteral("-ptangerine-lighthouse-42"), o.outPath})
                     .code,
                 0);
        QVERIFY(
            run(QStringLiteral("7z"), {QStringLiteral("t"), QStringLiteral("-pwrong-password"), o.outPath})
                .code != 0);
        QVERIFY(!readAll(o.outPath).contains("Okafor"));
        // The entry names, which anyone can list without the password, say nothing about the photo.
        const Out names = run(QStringLiteral("unzip"), {QStringLiteral("-l"), o.outPath});
        QVERIFY2(names.text.contains(QStringLiteral("images/image-001.jpg")), qPrintable(names.text));
        QVERIFY(!names.text.contains(QStringLiteral("glabella")) &&
                !names.text.contains(QStringLiteral("after")));
        QVERIFY(!readAll(o.outPath).contains("glabella"));

        QVERIFY(run(QStringLiteral("pdftotext"), {o.protectedPdfPath, QStringLiteral("-")}).code != 0);
        const Out opened = run(QStringLiteral("pdftotext"),
                               {QStringLiteral("-upw"), QStringLiteral("tangerine-lighthouse-42"),
                                o.protectedPdfPath, QStringLiteral("-")});
        QCOMPARE(opened.code, 0);
        QVERIFY(opened.text.contains(QStringLiteral("Okafor")));
        QVERIFY(!readAll(o.protectedPdfPath).contains("Okafor"));

        SubjectExportOptions weak = o;
        weak.protectedPdfPath = m_out.filePath(QStringLiteral("weak.pdf"));
        weak.pdfPassword = "short";
        QVERIFY(exportSubject(t.db(), id, weak).message().contains(QStringLiteral("at least 8")));
    }

    void portabilityIsTheDataAlone()
    {
        TestVault t;
        const qint64 id = amara(t);
        SubjectExportOptions o;
        o.kind = SubjectExportOptions::Kind::Portability;
        o.outPath = m_out.filePath(QStringLiteral("portable.zip"));
        auto r = exportSubject(t.db(), id, o);
        QVERIFY(r.ok());
        QCOMPARE(r->entries, (QStringList{"data.json", "README.txt"})); // no images for this client
    }

    void cancelledExportWritesNothing()
    {
        TestVault t;
        const qint64 id = amara(t);
        SubjectExportOptions o;
        o.outPath = m_out.filePath(QStringLiteral("cancelled.zip"));
        o.progress = [](int done, int, const QString&) { return done < 1; };
        auto r = exportSubject(t.db(), id, o);
        QVERIFY(!r.ok());
        QVERIFY(r.message().contains(QStringLiteral("cancelled")));
        QVERIFY(!QFile::exists(o.outPath));
    }

    void erasuresComeBackAfterAnOlderCopyIsRestored()
    {
        TestVault t;
        const qint64 id = amara(t);
        t.addClient(QStringLiteral("Zoë"), QStringLiteral("O'Brien"));
        t.close();
        const QByteArray olderDb = readAll(Vault::databasePath(t.dir())); // last night's copy
        QVERIFY(t.reopen().ok());
        const QString ref = ClientStore(t.db()).get(id)->subjectRef;
        QVERIFY(Erasure(t.db()).erase(id, QStringLiteral("Amara Okafor"), 0, 1).ok());
        QVERIFY(t.vault().recordErasure(ref).ok());
        QCOMPARE(t.vault().erasureLedger()->size(), 1);
        QVERIFY(!allBytes(t.dir()).contains(ref.toUtf8())); // the ledger on disk is encrypted too
        t.close();
        writeAll(Vault::databasePath(t.dir()), olderDb);
        QVERIFY(t.reopen().ok());
        QVERIFY(ClientStore(t.db()).get(id).ok()); // the old copy still has her ...
        auto applied = reapplyErasureLedger(t.vault());
        QVERIFY(applied.ok());
        QCOMPARE(applied.value(), 1);
        QVERIFY(!ClientStore(t.db()).get(id).ok()); // ... until the ledger is applied
        QCOMPARE(ClientStore(t.db()).count().value(), qint64(1));
        QCOMPARE(reapplyErasureLedger(t.vault()).value(), 0);
    }

    void clinicExportTakesEverythingInOpenFormats()
    {
        TestVault t;
        const qint64 id = amara(t);
        const qint64 other = t.addClient(QStringLiteral("Zoë"), QStringLiteral("O'Brien, \"Jr\""),
                                         QStringLiteral("07700 900456"));
        // A note a spreadsheet would run as a formula, and one with a line break and a comma.
        for (const char* body : {"=HYPERLINK(\"http://evil.example\",\"x\")", "Line one,\nline two"}) {
            Interaction i;
            i.clientId = other;
            i.kind = InteractionKind::Email;
            i.body = QString::fromUtf8(body);
            InteractionStore(t.db()).add(i).value();
        }
        const QString photo = m_out.filePath(QStringLiteral("cheek.png"));
        writeAll(photo, encoded(markedImage(320, 200), "PNG"));
        ImageDetails details;
        details.kind = ImageKind::Before;
        details.area = FaceArea::Cheeks;
        auto imageId = ImageStore(t.db()).importFile(id, photo, details, 1);
        QVERIFY(imageId.ok());

        const QString dir = m_out.filePath(QStringLiteral("clinic-exit"));
        ClinicExportOptions o;
        o.outDir = dir;
        auto r = exportClinic(t.db(), o);
        QVERIFY2(r.ok(), qPrintable(r.ok() ? QString() : r.message()));
        QCOMPARE(r->clients, 2);
        QCOMPARE(r->images, 1);
        // Nothing is left beside the export (the hidden work folder was moved into place).
        const QStringList beside =
            QDir(m_out.path())
                .entryList({QStringLiteral(".clinicdesk-export-*")}, QDir::AllEntries | QDir::Hidden);
        QVERIFY2(beside.isEmpty(), qPrintable(beside.join(QLatin1Char(' '))));

        // Each client in the subject-export schema.
        const QString ref = client::subjectRefOf(t.db(), id);
        const QJsonObject doc = QJsonDocument::fromJson(readAll(dir + QStringLiteral("/clients/") + ref +
                                                                QStringLiteral(".json")))
                                    .object();
        QCOMPARE(doc.value(QStringLiteral("format")).toString(), QStringLiteral("clinicdesk-subject-export"));
        QVERIFY(QJsonDocument(doc).toJson().contains("amara@example.com"));
        const QString schema = qEnvironmentVariable("CLINICDESK_SOURCE_DIR") +
                               QStringLiteral("/resources/schema/subject-export-v1.schema.json");
        for (const QString& f : QDir(dir + QStringLiteral("/clients")).entryList(QDir::Files)) {
            const Out valid =
                run(QStringLiteral("/usr/bin/python3"),
                    {QStringLiteral("-c"),
                     QStringLiteral(
                         "import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), "
                         "json.load(open(sys.argv[2]))); print('valid')"),
                     dir + QStringLiteral("/clients/") + f, schema});
            QVERIFY2(valid.code == 0 && valid.text.contains(QStringLiteral("valid")), qPrintable(valid.text));
        }
        const QJsonArray files = doc.value(QStringLiteral("files")).toArray();
        QCOMPARE(files.size(), 1);
        // The original image, byte for byte what the vault holds.
        const QByteArray original =
            readAll(dir + QLatin1Char('/') + files.at(0).toObject().value(QStringLiteral("path")).toString());
        QCOMPARE(original, ImageStore(t.db()).data(imageId.value(), Rendition::Original).value());
        QVERIFY(!QImage::fromData(original).isNull());

        // The CSV tables a spreadsheet opens: read back with Python's csv module, a real reader.
        QVERIFY(r->tables.contains(QStringLiteral("clients")));
        QVERIFY(r->tables.contains(QStringLiteral("interactions")));
        QVERIFY(!r->tables.contains(QStringLiteral("client_words")));
        const QString script =
            QStringLiteral("import csv,sys,json\n"
                           "rows=list(csv.DictReader(open(sys.argv[1],encoding='utf-8-sig',newline='')))\n"
                           "print(json.dumps(rows))\n");
        Out clientsCsv = run(QStringLiteral("python3"),
                             {QStringLiteral("-c"), script, dir + QStringLiteral("/tables/clients.csv")});
        QCOMPARE(clientsCsv.code, 0);
        const QJsonArray clientRows = QJsonDocument::fromJson(clientsCsv.text.toUtf8()).array();
        QCOMPARE(clientRows.size(), 2);
        QCOMPARE(clientRows.at(1).toObject().value(QStringLiteral("last_name")).toString(),
                 QStringLiteral("O'Brien, \"Jr\""));
        QCOMPARE(clientRows.at(1).toObject().value(QStringLiteral("first_name")).toString(),
                 QStringLiteral("Zoë"));
        Out notesCsv = run(QStringLiteral("python3"),
                           {QStringLiteral("-c"), script, dir + QStringLiteral("/tables/interactions.csv")});
        QCOMPARE(notesCsv.code, 0);
        QStringList bodies;
        for (const QJsonValue& v : QJsonDocument::fromJson(notesCsv.text.toUtf8()).array())
            bodies << v.toObject().value(QStringLiteral("body")).toString();
        QVERIFY(bodies.contains(QStringLiteral("Line one,\nline two")));
        QVERIFY2(bodies.contains(QStringLiteral("'=HYPERLINK(\"http://evil.example\",\"x\")")),
                 qPrintable(bodies.join(QLatin1Char('|'))));

        // The records of processing, read with Python's csv module: health data with its condition.
        Out dataMap = run(QStringLiteral("python3"),
                          {QStringLiteral("-c"), script, dir + QStringLiteral("/data-map.csv")});
        QCOMPARE(dataMap.code, 0);
        QHash<QString, QJsonObject> byTable;
        for (const QJsonValue& v : QJsonDocument::fromJson(dataMap.text.toUtf8()).array())
            byTable.insert(v.toObject().value(QStringLiteral("table")).toString(), v.toObject());
        QVERIFY(byTable.contains(QStringLiteral("clients")));
        QVERIFY(byTable.value(QStringLiteral("clients"))
                    .value(QStringLiteral("special_category_condition"))
                    .toString()
                    .isEmpty());
        QVERIFY(byTable.value(QStringLiteral("treatment_records"))
                    .value(QStringLiteral("special_category_condition"))
                    .toString()
                    .contains(QStringLiteral("Article 9(2)(h)")));
        QVERIFY(byTable.value(QStringLiteral("payments")).value(QStringLiteral("lawful_basis")).toString() ==
                QStringLiteral("legal obligation"));

        // The manifest's checksums match the files.
        const QJsonObject manifest =
            QJsonDocument::fromJson(readAll(dir + QStringLiteral("/manifest.json"))).object();
        QCOMPARE(manifest.value(QStringLiteral("clients")).toInt(), 2);
        for (const QJsonValue& f : manifest.value(QStringLiteral("files")).toArray()) {
            const QJsonObject e = f.toObject();
            const QByteArray bytes =
                readAll(dir + QLatin1Char('/') + e.value(QStringLiteral("path")).toString());
            QCOMPARE(QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()),
                     e.value(QStringLiteral("sha256")).toString());
        }
        // Audited, without personal data.
        auto last = t.db().prepare("SELECT action, detail FROM audit_log ORDER BY id DESC LIMIT 1");
        QVERIFY(last.step());
        QCOMPARE(last.text(0), QStringLiteral("export-all"));
        QVERIFY(!last.text(1).contains(QStringLiteral("Amara")));

        // A second export into the same folder is refused, and the first is untouched.
        const QByteArray before = readAll(dir + QStringLiteral("/manifest.json"));
        auto again = exportClinic(t.db(), o);
        QVERIFY(!again.ok());
        QVERIFY2(again.message().contains(QStringLiteral("new folder")), qPrintable(again.message()));
        QCOMPARE(readAll(dir + QStringLiteral("/manifest.json")), before);
    }

    void clinicExportIsForManagersAndCancelsCleanly()
    {
        TestVault t;
        amara(t);
        const QString dir = m_out.filePath(QStringLiteral("cancelled"));
        ClinicExportOptions o;
        o.outDir = dir;
        o.progress = [](int done, int, const QString&) { return done < 1; };
        auto r = exportClinic(t.db(), o);
        QVERIFY(!r.ok());
        QVERIFY(!QFileInfo::exists(dir));
        QVERIFY(QDir(m_out.path())
                    .entryList({QStringLiteral(".clinicdesk-export-*")}, QDir::AllEntries | QDir::Hidden)
                    .isEmpty());

        t.db().setActor({7, QStringLiteral("reception"), Role::Receptionist});
        o.progress = {};
        auto refused = exportClinic(t.db(), o);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error().kind, Error::Kind::Permission);
        QVERIFY(!QFileInfo::exists(dir));
    }
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
