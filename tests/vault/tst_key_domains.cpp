// Key domains, played by the insider who holds a key: a receptionist derives every key her own slot
// gives her and tries them where the clinic's other keys would work (design.md, "Key domains").
#include "Files.h"
#include "FormFixtures.h"
#include "ImageFixtures.h"
#include "Insider.h"
#include "OldVaults.h"
#include "TestVault.h"
#include "clients/ClientStore.h"
#include "common/ClinicalSeal.h"
#include "images/ImageStore.h"
#include "privacy/SubjectData.h"
#include "records/TreatmentRecords.h"
#include "staff/Accounts.h"
#include "storage/Schema.h"
#include "storage/Sql.h"
#include "vault/Keyring.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <functional>
#include <sodium.h>

using namespace cd;
using namespace cd::test;

namespace {

// The clinic of support/Insider.h: the manager, tom at the front desk, priya in the treatment room.
using Clinic = StaffClinic;

QString hexOf(const SecretBytes& key)
{
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(key.data()), qsizetype(key.size())).toHex());
}

// Every byte a database key decrypts: the whole database exported page by page into a plaintext
// file (sqlcipher_export), as a receptionist with her own key and the sqlcipher shell would.
QByteArray everythingTheKeyReads(const QString& dbPath, const SecretBytes& key, const QString& into)
{
    auto db = Database::open(dbPath, Database::Mode::Open, &key);
    if (!db)
        qFatal("the key does not open the database: %s", qPrintable(db.message()));
    writeAll(into, {}); // the program's connections open files but never create them
    db.value()->prepare("ATTACH DATABASE ? AS plain KEY ''").bind(1, into).run();
    db.value()->prepare("SELECT sqlcipher_export('plain')").step();
    db.value()->exec("DETACH DATABASE plain");
    return readAll(into);
}

// A few stretches of bytes from inside a picture: if any of them is readable, so is the picture.
QList<QByteArray> canariesOf(const QByteArray& picture)
{
    QList<QByteArray> out;
    for (int at : {picture.size() / 4, picture.size() / 2, picture.size() * 3 / 4})
        out << picture.mid(at, 48);
    return out;
}

} // namespace

class TestKeyDomains : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eachSlotHoldsTheKeysOfItsRole()
    {
        Clinic c;
        const Keyring ring = c.ring();
        QVERIFY(ring.hasDomains());
        QCOMPARE(ring.slot(QStringLiteral("manager"))->scope, KeyScope::Management);
        QCOMPARE(ring.slot(QStringLiteral("priya"))->scope, KeyScope::Clinical);
        QCOMPARE(ring.slot(QStringLiteral("tom"))->scope, KeyScope::FrontDesk);

        // Every key the receptionist's slot yields: the database key, and nothing else.
        auto tom = ring.unwrap(QStringLiteral("tom"), secret(kTom));
        QVERIFY(tom.ok());
        QCOMPARE(tom->database.size(), std::size_t(32));
        QVERIFY(tom->clinical.empty());
        QVERIFY(tom->management.empty());
        auto priya = ring.unwrap(QStringLiteral("priya"), secret(kPriya));
        QVERIFY(priya.ok());
        QCOMPARE(priya->clinicalPublic(), ring.clinicalPublic());
        QVERIFY(priya->management.empty());
        QVERIFY(priya->database.equals(tom->database));

        // Her session seals photos for the clinic but opens none.
        QVERIFY(c.t.reopen(kTom, QStringLiteral("tom")).ok());
        const ClinicalSeal& seal = c.t.db().clinical();
        QVERIFY(seal.active());
        QVERIFY(!seal.canOpen());
        const QByteArray sealed = seal.sealForClinic(QByteArrayLiteral("a photo"));
        QVERIFY(!sealed.contains("a photo"));
        QCOMPARE(seal.open(sealed).error().kind, Error::Kind::Permission);
        QVERIFY(!seal.sealValue("a note", "ctx").ok());
        QVERIFY(c.t.reopen(kPriya, QStringLiteral("priya")).ok());
        QCOMPARE(c.t.db().clinical().open(sealed).value(), QByteArrayLiteral("a photo"));
    }

    // Before key domains, the recovery key was the database key, which every slot holds.
    void theReceptionistsKeyIsNotTheRecoveryKey()
    {
        Clinic c;
        const QString dir = c.t.dir();
        c.t.close();
        const SecretBytes tomKey =
            std::move(c.ring().unwrap(QStringLiteral("tom"), secret(kTom)).value().database);
        QVERIFY(hexOf(tomKey).compare(QString(c.t.recoveryKey()).remove(QLatin1Char('-')),
                                      Qt::CaseInsensitive) != 0);
        const QString asRecoveryKey = formatRecoveryKey(tomKey);
        auto opened = Vault::openWithRecoveryKey(dir, asRecoveryKey);
        QVERIFY(!opened.ok());
        QCOMPARE(opened.error().kind, Error::Kind::WrongSecret);
        QVERIFY(!Vault::rawKeys(dir, asRecoveryKey).ok());
        // The recovery key gives the very key she has: the shell opens the same file with both.
        auto raw = Vault::rawKeys(dir, c.t.recoveryKey());
        QVERIFY(raw.ok());
        QCOMPARE(raw->value(0).first, QStringLiteral("clinicdesk.db"));
        QCOMPARE(raw->value(0).second, hexOf(tomKey));
        // And it opens everything, as the manager's slot does.
        auto recovered = Vault::openWithRecoveryKey(dir, c.t.recoveryKey());
        QVERIFY(recovered.ok());
        QVERIFY(recovered.value()->keys().holds(KeyScope::Management));
        QVERIFY(recovered.value()->db().clinical().canOpen());
    }

    // She rewrites the keyring with her own public key, so that photos added at other desks would
    // be sealed to her. The ring's MAC verifies (she has its key), but a clinical slot's secret
    // does not match the public key any more.
    void aPublicKeySwappedInTheKeyringIsNoticed()
    {
        Clinic c;
        const QString dir = c.t.dir();
        c.t.close();
        const SecretBytes tomKey =
            std::move(c.ring().unwrap(QStringLiteral("tom"), secret(kTom)).value().database);
        const QByteArray mine = ClinicalSeal::generate().first;
        rewriteKeyringAs(Vault::keyringPath(dir), tomKey, [&](QJsonObject& o) {
            o.insert(QStringLiteral("clinical_public"), QString::fromLatin1(mine.toBase64()));
        });
        QVERIFY(Keyring::load(Vault::keyringPath(dir)).value().macValid(tomKey));
        auto priya = Vault::open(dir, QStringLiteral("priya"), secret(kPriya));
        QVERIFY(!priya.ok());
        QCOMPARE(priya.error().kind, Error::Kind::Damaged);
        QVERIFY(priya.message().contains(QStringLiteral("public keys")));
        auto manager = Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase));
        QCOMPARE(manager.error().kind, Error::Kind::Damaged);
    }

    // A slot claiming a wider scope than its keys (edited by hand) is damaged, not a promotion.
    void aSlotsScopeCannotBeRaisedByEditingTheKeyring()
    {
        Clinic c;
        const QString dir = c.t.dir();
        c.t.close();
        const SecretBytes tomKey =
            std::move(c.ring().unwrap(QStringLiteral("tom"), secret(kTom)).value().database);
        rewriteKeyringAs(Vault::keyringPath(dir), tomKey, [&](QJsonObject& o) {
            QJsonArray slots = o.value(QStringLiteral("slots")).toArray();
            for (auto it = slots.begin(); it != slots.end(); ++it) {
                QJsonObject s = it->toObject();
                if (s.value(QStringLiteral("user")) == QStringLiteral("tom"))
                    s.insert(QStringLiteral("scope"), QStringLiteral("clinical"));
                *it = s;
            }
            o.insert(QStringLiteral("slots"), slots);
        });
        auto tom = Vault::open(dir, QStringLiteral("tom"), secret(kTom));
        QVERIFY(!tom.ok());
        QCOMPARE(tom.error().kind, Error::Kind::Damaged);
    }

    // A receptionist made practitioner needs the clinical key: her slot is written again with a
    // one-time passphrase; made receptionist again, the clinical key leaves her slot.
    void aNewRoleBringsItsKeys()
    {
        Clinic c;
        auto otp =
            Accounts(c.t.vault())
                .changeRole(QStringLiteral("tom"), QStringLiteral("practitioner"), KdfParams::forTestsOnly());
        QVERIFY2(otp.ok(), otp.ok() ? "" : qPrintable(otp.message()));
        QVERIFY(!otp->isEmpty());
        QCOMPARE(c.ring().slot(QStringLiteral("tom"))->scope, KeyScope::Clinical);
        auto old = c.ring().unwrap(QStringLiteral("tom"), secret(kTom));
        QVERIFY(!old.ok());
        QCOMPARE(old.error().kind, Error::Kind::WrongSecret);
        QByteArray copy = otp.value();
        auto keys = c.ring().unwrap(QStringLiteral("tom"), SecretBytes::takeFrom(copy));
        QVERIFY2(keys.ok(), keys.ok() ? "" : qPrintable(keys.message()));
        QVERIFY(!keys->clinical.empty());
        // Made receptionist again, the clinical key leaves the slot (with another one-time passphrase).
        auto back =
            Accounts(c.t.vault())
                .changeRole(QStringLiteral("tom"), QStringLiteral("receptionist"), KdfParams::forTestsOnly());
        QVERIFY(back.ok() && !back->isEmpty());
        QByteArray again = back.value();
        auto front = c.ring().unwrap(QStringLiteral("tom"), SecretBytes::takeFrom(again));
        QVERIFY2(front.ok(), front.ok() ? "" : qPrintable(front.message()));
        QVERIFY(front->clinical.empty());
    }

    // The receptionist adds a photo at the desk (write-only), then reads, with her own database key,
    // every page of the database and every blob: the thumbnail is there for the front desk; no
    // stretch of the preview or the original is, and neither decodes.
    void aReceptionistAddsPhotosSheCannotReadBack()
    {
        Clinic c;
        const qint64 client = c.t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const QString dir = c.t.dir();
        QVERIFY(c.t.reopen(kTom, QStringLiteral("tom")).ok());
        QTemporaryDir files;
        const QString photo = files.filePath(QStringLiteral("lips-before.png"));
        // Noise: no stretch of its bytes can turn up anywhere else by chance (a flat picture's can).
        QImage noise(900, 1200, QImage::Format_RGB32);
        for (int y = 0; y < noise.height(); ++y)
            randombytes_buf(noise.scanLine(y), std::size_t(noise.bytesPerLine()));
        writeAll(photo, encoded(noise, "PNG"));
        ImageDetails d;
        d.kind = ImageKind::Before;
        d.area = FaceArea::Lips;
        auto id = ImageStore(c.t.db()).importFile(client, photo, d, 0);
        QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.message()));
        QVERIFY(ImageStore(c.t.db()).data(id.value(), Rendition::Thumbnail).ok());
        QCOMPARE(ImageStore(c.t.db()).data(id.value(), Rendition::Preview).error().kind,
                 Error::Kind::Permission);

        // The practitioner sees it whole.
        QVERIFY(c.t.reopen(kPriya, QStringLiteral("priya")).ok());
        auto original = ImageStore(c.t.db()).viewOriginal(id.value());
        QVERIFY2(original.ok(), original.ok() ? "" : qPrintable(original.message()));
        QVERIFY(!QImage::fromData(original.value()).isNull());
        auto preview = ImageStore(c.t.db()).data(id.value(), Rendition::Preview);
        QVERIFY(preview.ok() && !QImage::fromData(preview.value()).isNull());
        c.t.close();

        // Her key, the shell's view: every page, then every blob.
        const SecretBytes tomKey =
            std::move(c.ring().unwrap(QStringLiteral("tom"), secret(kTom)).value().database);
        const QByteArray pages =
            everythingTheKeyReads(Vault::databasePath(dir), tomKey, files.filePath("plain.db"));
        QVERIFY(pages.size() > 100000); // the export really holds the database
        for (const QByteArray& canary : canariesOf(original.value()) + canariesOf(preview.value()))
            QVERIFY(!pages.contains(canary));
        auto db = Database::open(Vault::databasePath(dir), Database::Mode::Open, &tomKey);
        QVERIFY(db.ok());
        int sealed = 0;
        for (auto st = db.value()->prepare("SELECT rendition, data FROM image_blobs"); st.step();) {
            const bool thumbnail = st.text(0) == QLatin1String("thumbnail");
            QCOMPARE(QImage::fromData(st.blob(1)).isNull(), !thumbnail);
            sealed += ClinicalSeal::isSealed(st.blob(1)) ? 1 : 0;
        }
        QCOMPARE(sealed, 2);
        // Through the program with her connection, the store says so in words.
        QCOMPARE(ImageStore(*db.value()).data(id.value(), Rendition::Original).error().kind,
                 Error::Kind::Permission);
    }

    // The practitioner writes a treatment record; the receptionist, with her own key, reads every
    // page of the database and finds none of what was given, where, with which product and batch,
    // how much, or the note. The practitioner reads it whole; a recall finds it by its batch (exact
    // and by prefix); the subject-access data has it; a re-key keeps all of that.
    void aTreatmentRecordIsNotReadableWithAFrontDeskKey()
    {
        Clinic c;
        const qint64 client = c.t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const QString dir = c.t.dir();
        QVERIFY(c.t.reopen(kPriya, QStringLiteral("priya")).ok());
        TreatmentRecord r;
        r.clientId = client;
        r.givenOn = QDate::currentDate();
        r.treatment = QStringLiteral("Zyglomatic lift canary");
        r.areas = QStringLiteral("glabella, marionettecanary lines");
        r.product = QStringLiteral("Canaryxin 100");
        r.batchNumber = QStringLiteral("CNRY-88412");
        r.expiryDate = QDate(2027, 3, 31);
        r.quantity = 37.5;
        r.quantityUnit = QStringLiteral("units");
        r.notes = QStringLiteral("Takes warfarincanary; bruising discussed");
        QVERIFY(test::signConsent(c.t.db(), client) > 0);
        auto id = TreatmentRecords(c.t.db()).add(r);
        QVERIFY2(id.ok(), id.ok() ? "" : qPrintable(id.message()));
        auto back = TreatmentRecords(c.t.db()).get(id.value());
        QVERIFY(back.ok());
        QCOMPARE(back->product, r.product);
        QCOMPARE(back->batchNumber, r.batchNumber);
        QCOMPARE(back->quantity, 37.5);
        QCOMPARE(back->expiryDate, r.expiryDate);
        QCOMPARE(back->notes, r.notes);
        c.t.close();

        QTemporaryDir files;
        const SecretBytes tomKey =
            std::move(c.ring().unwrap(QStringLiteral("tom"), secret(kTom)).value().database);
        const QByteArray pages =
            everythingTheKeyReads(Vault::databasePath(dir), tomKey, files.filePath("plain.db"));
        for (const char* canary : {"Zyglomatic", "marionettecanary", "Canaryxin", "CNRY-88412", "CNRY",
                                   "2027-03-31", "37.5", "warfarincanary"})
            QVERIFY2(!pages.contains(canary), canary);

        // The manager recalls the batch.
        QVERIFY(c.t.reopen().ok());
        auto exact = TreatmentRecords(c.t.db()).whoReceivedBatch(QStringLiteral("cnry-88412"));
        QVERIFY(exact.ok());
        QCOMPARE(exact->size(), 1);
        QCOMPARE(exact->first().product, r.product);
        QCOMPARE(exact->first().name, QStringLiteral("Amara Okafor"));
        auto prefix =
            TreatmentRecords(c.t.db()).whoReceivedBatch(QStringLiteral("CNRY-8"), BatchMatch::Prefix);
        QVERIFY(prefix.ok());
        QCOMPARE(prefix->size(), 1);
        QCOMPARE(
            TreatmentRecords(c.t.db()).whoReceivedBatch(QStringLiteral("CNRY-9"), BatchMatch::Prefix)->size(),
            0);
        auto data = collectSubjectData(c.t.db(), client);
        QVERIFY(data.ok());
        const QByteArray json = QJsonDocument(data.value()).toJson();
        QVERIFY(json.contains("Canaryxin 100") && json.contains("CNRY-88412") &&
                json.contains("warfarincanary"));
        QVERIFY(!json.contains("\"sealed\""));

        auto rk = Accounts(c.t.vault()).rekey(secret(kPassphrase), KdfParams::forTestsOnly());
        QVERIFY(rk.ok());
        QCOMPARE(TreatmentRecords(c.t.db()).get(id.value())->notes, r.notes);
        QCOMPARE(TreatmentRecords(c.t.db()).whoReceivedBatch(QStringLiteral("CNRY-88412"))->size(), 1);
    }

    // A re-key (a leaver) moves the photos to the new clinical key; a vault from before key domains
    // gets them sealed there for the first time.
    void aRekeyMovesThePhotosToTheNewKeys()
    {
        Clinic c;
        const qint64 client = c.t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        QTemporaryDir files;
        const QString photo = files.filePath(QStringLiteral("after.png"));
        writeAll(photo, encoded(markedImage(300, 200), "PNG"));
        auto id = ImageStore(c.t.db()).importFile(client, photo, {}, 0);
        QVERIFY(id.ok());
        const QByteArray before = ImageStore(c.t.db()).viewOriginal(id.value()).value();
        const QByteArray oldPublic = c.ring().clinicalPublic();
        auto r = Accounts(c.t.vault()).rekey(secret(kPassphrase), KdfParams::forTestsOnly());
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.message()));
        QVERIFY(c.ring().clinicalPublic() != oldPublic);
        QCOMPARE(ImageStore(c.t.db()).viewOriginal(id.value()).value(), before);
        c.t.close();
        auto recovered = Vault::openWithRecoveryKey(c.t.dir(), r->recoveryKey);
        QVERIFY(recovered.ok());
        QCOMPARE(ImageStore(recovered.value()->db()).viewOriginal(id.value()).value(), before);
    }

    // A vault made before key domains (keyring format 1, the recovery key is the database key)
    // opens as before, with its passphrases and its recovery key.
    void aVaultFromBeforeKeyDomainsStillOpens()
    {
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("old"));
        const SecretBytes legacyKey = makeVaultBeforeKeyDomains(dir, secret(kPassphrase));
        QVERIFY(!legacyKey.empty());
        QCOMPARE(QJsonDocument::fromJson(readAll(Vault::keyringPath(dir)))
                     .object()
                     .value(QStringLiteral("version"))
                     .toInt(),
                 1);
        auto opened = Vault::open(dir, QStringLiteral("manager"), secret(kPassphrase));
        QVERIFY2(opened.ok(), opened.ok() ? "" : qPrintable(opened.message()));
        QVERIFY(!opened.value()->hasKeyDomains());
        QVERIFY(!opened.value()->db().clinical().active());
        QCOMPARE(schema::currentVersion(opened.value()->db()), schema::latestVersion());
        opened.value().reset();
        auto recovered = Vault::openWithRecoveryKey(dir, formatRecoveryKey(legacyKey));
        QVERIFY2(recovered.ok(), recovered.ok() ? "" : qPrintable(recovered.message()));
        Vault& v = *recovered.value();

        // Its photos are stored as they are (SQLCipher only) until a manager re-keys it, which
        // gives it key domains and seals them.
        Client amara;
        amara.firstName = QStringLiteral("Amara");
        amara.lastName = QStringLiteral("Okafor");
        auto client = ClientStore(v.db()).create(amara);
        QVERIFY(client.ok());
        const QString photo = tmp.filePath(QStringLiteral("old.png"));
        writeAll(photo, encoded(markedImage(300, 200), "PNG"));
        auto id = ImageStore(v.db()).importFile(client.value(), photo, {}, 0);
        QVERIFY(id.ok());
        const QByteArray before = ImageStore(v.db()).viewOriginal(id.value()).value();
        QVERIFY(!QImage::fromData(before).isNull());
        TreatmentRecord given;
        given.clientId = client.value();
        given.givenOn = QDate::currentDate();
        given.treatment = QStringLiteral("Lip filler");
        given.product = QStringLiteral("Old product");
        given.batchNumber = QStringLiteral("OLD-1");
        QVERIFY(test::signConsent(v.db(), client.value()) > 0);
        auto record = TreatmentRecords(v.db()).add(given);
        QVERIFY(record.ok());
        const auto plainRows = [&v] {
            auto st = v.db().prepare("SELECT count(*) FROM treatment_records WHERE sealed IS NULL");
            st.step();
            return st.int64(0);
        };
        QCOMPARE(plainRows(), 1);
        auto r = Accounts(v).rekey(SecretBytes(), KdfParams::forTestsOnly());
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.message()));
        QVERIFY(v.hasKeyDomains());
        QVERIFY(v.db().clinical().active());
        QCOMPARE(ImageStore(v.db()).viewOriginal(id.value()).value(), before);
        int sealed = 0;
        for (auto st = v.db().prepare("SELECT data FROM image_blobs WHERE rendition <> 'thumbnail'");
             st.step();)
            sealed += ClinicalSeal::isSealed(st.blob(0)) ? 1 : 0;
        QCOMPARE(sealed, 2);
        QCOMPARE(plainRows(), 0);
        QCOMPARE(TreatmentRecords(v.db()).get(record.value())->product, given.product);
        QCOMPARE(TreatmentRecords(v.db()).whoReceivedBatch(QStringLiteral("old-1"))->size(), 1);
        recovered.value().reset();
        QVERIFY(!Vault::openWithRecoveryKey(dir, formatRecoveryKey(legacyKey)).ok());
        QVERIFY(Vault::openWithRecoveryKey(dir, r->recoveryKey).ok());
    }
};

QTEST_GUILESS_MAIN(TestKeyDomains)
#include "tst_key_domains.moc"
