// Quote and treatment images on a real encrypted vault: upright, stripped of location and device
// metadata, refused with a clear message when broken or hostile, never half stored.
#include "Files.h"
#include "ImageFixtures.h"
#include "TestVault.h"
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "common/Clock.h"
#include "images/ImageStore.h"
#include "storage/Sql.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace cd;
using namespace cd::test;

namespace {

qint64 rows(Database& db, const char* table)
{
    auto st = db.prepare(std::string("SELECT count(*) FROM ") + table);
    st.step();
    return st.int64(0);
}

QImage load(const QByteArray& bytes)
{
    return QImage::fromData(bytes);
}

ImageDetails lipsQuote()
{
    ImageDetails d;
    d.kind = ImageKind::QuoteRequest;
    d.area = FaceArea::Lips;
    d.caption = QStringLiteral("Emailed for a quote");
    return d;
}

} // namespace

class TestImages : public QObject
{
    Q_OBJECT
    QTemporaryDir m_files;

    QString file(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_files.filePath(name);
        writeAll(path, bytes);
        return path;
    }

private Q_SLOTS:
    void exifOrientationAppliedAndMetadataStripped()
    {
        const QString source = jpegWithExif(m_files.path());
        QVERIFY2(!source.isEmpty(), "exiftool (libimage-exiftool-perl) is needed to make the fixture");
        // The fixture really carries what must not survive, or this test proves nothing.
        const QString before = exifJson(source);
        QVERIFY(before.contains(QStringLiteral("GPSLatitude")));
        QVERIFY(before.contains(QStringLiteral("iPhone 15 Pro")));
        QVERIFY(before.contains(QStringLiteral("\"EXIF:Orientation\": 6")));

        TestVault t;
        const qint64 client = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        ImageStore store(t.db());
        auto id = store.importFile(client, source, lipsQuote(), 0);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.message()));
        auto rec = store.get(id.value());
        QVERIFY(rec.ok());
        // 200 × 100 rotated a quarter turn clockwise: portrait, the red corner now top right.
        QCOMPARE(rec->width, 100);
        QCOMPARE(rec->height, 200);
        QCOMPARE(rec->mimeType, QStringLiteral("image/jpeg"));
        QCOMPARE(rec->originalName, QStringLiteral("iphone-lips.jpg"));
        QCOMPARE(rec->details.area, FaceArea::Lips);
        QCOMPARE(rec->details.takenOn, Clock::today());
        for (Rendition r : {Rendition::Original, Rendition::Preview, Rendition::Thumbnail}) {
            const QImage img = load(store.data(id.value(), r).value());
            QVERIFY(!img.isNull());
            QVERIFY2(img.height() > img.width(), "every rendition is upright (portrait)");
            QVERIFY(isRed(img.pixelColor(img.width() - 8, 8)));
            QVERIFY(isBlue(img.pixelColor(8, 8)));
            QVERIFY(isBlue(img.pixelColor(img.width() - 8, img.height() - 8)));
        }
        const QByteArray original = store.data(id.value(), Rendition::Original).value();
        QCOMPARE(rec->sha256,
                 QString::fromLatin1(QCryptographicHash::hash(original, QCryptographicHash::Sha256).toHex()));
        // The test (never the product) writes the decrypted bytes out so exiftool can read them.
        const QString stored = file(QStringLiteral("stored-original.jpg"), original);
        const QString after = exifJson(stored);
        QVERIFY2(after.contains(QStringLiteral("\"File:FileType\": \"JPEG\"")), qPrintable(after));
        for (const char* gone : {"GPS", "Make", "Model", "iPhone", "XMP", "Creator", "Okafor", "Orientation"})
            QVERIFY2(!after.contains(QLatin1String(gone)), gone);
    }

    void pngKeepsAlphaAndLosesTextChunks()
    {
        QImage img(64, 48, QImage::Format_ARGB32);
        img.fill(Qt::transparent);
        for (int x = 0; x < 32; ++x)
            for (int y = 0; y < 48; ++y)
                img.setPixelColor(x, y, QColor(255, 0, 0, 128));
        img.setText(QStringLiteral("Comment"), QStringLiteral("taken at 51.5072 N, 0.1276 W"));
        const QByteArray bytes = encoded(img, "png");
        QVERIFY(bytes.contains("51.5072")); // the fixture carries the text chunk
        TestVault t;
        const qint64 client = t.addClient(QStringLiteral("Zoë"), QStringLiteral("O'Brien"));
        ImageStore store(t.db());
        auto id = store.importFile(client, file(QStringLiteral("mockup.png"), bytes), {}, 0);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.message()));
        QCOMPARE(store.get(id.value())->mimeType, QStringLiteral("image/png"));
        const QByteArray original = store.data(id.value(), Rendition::Original).value();
        QVERIFY(!original.contains("51.5072"));
        const QImage back = load(original);
        QVERIFY(back.hasAlphaChannel());
        QCOMPARE(back.pixelColor(50, 10).alpha(), 0);
        QVERIFY(qAbs(back.pixelColor(10, 10).alpha() - 128) <= 1);
        QVERIFY(back.text().isEmpty());
        // The preview is JPEG: transparency shown on white, not black.
        const QImage preview = load(store.data(id.value(), Rendition::Preview).value());
        QVERIFY(preview.pixelColor(50, 10).lightness() > 240);
    }

    void previewsAndThumbnailsAreSmall()
    {
        TestVault t;
        const qint64 client = t.addClient(QStringLiteral("Priya"), QStringLiteral("Patel"));
        ImageStore store(t.db());
        auto id = store.importFile(
            client, file(QStringLiteral("big.jpg"), encoded(markedImage(3000, 2000), "jpeg")), {}, 0);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.message()));
        QCOMPARE(load(store.data(id.value(), Rendition::Original).value()).size(), QSize(3000, 2000));
        QCOMPARE(load(store.data(id.value(), Rendition::Preview).value()).size(), QSize(1600, 1066));
        QCOMPARE(load(store.data(id.value(), Rendition::Thumbnail).value()).size(), QSize(256, 170));
    }

    void heicIsDecodedAndStoredAsJpeg()
    {
        const QByteArray bytes = heic(320, 240);
        QVERIFY2(!bytes.isEmpty(), "libheif's HEVC encoder (x265) is needed to make the fixture");
        TestVault t;
        const qint64 client = t.addClient(QStringLiteral("Mei"), QStringLiteral("Nguyen"));
        ImageStore store(t.db());
        auto id = store.importFile(client, file(QStringLiteral("IMG_0042.HEIC"), bytes), lipsQuote(), 0);
        QVERIFY2(id.ok(), qPrintable(id.ok() ? QString() : id.message()));
        QCOMPARE(store.get(id.value())->width, 320);
        QCOMPARE(store.get(id.value())->mimeType, QStringLiteral("image/jpeg"));
        const QImage back = load(store.data(id.value(), Rendition::Original).value());
        QVERIFY(isRed(back.pixelColor(8, 8)));
        QVERIFY(isBlue(back.pixelColor(300, 200)));
        // A HEIC cut in half is refused with a message, not stored.
        auto cut =
            store.importFile(client, file(QStringLiteral("cut.heic"), bytes.left(bytes.size() / 2)), {}, 0);
        QVERIFY(!cut.ok());
        QVERIFY2(cut.message().contains(QStringLiteral("cut.heic")) &&
                     cut.message().contains(QStringLiteral("damaged")),
                 qPrintable(cut.message()));
        QCOMPARE(store.count(client).value(), qint64(1));
    }

    void badFilesFailOneByOneWithReasons_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("messagePart");
        const QByteArray jpeg = encoded(markedImage(800, 600), "jpeg");
        QTest::newRow("truncated jpeg") << "cut.jpg" << jpeg.left(jpeg.size() * 6 / 10) << "cut short";
        QTest::newRow("empty") << "empty.jpg" << QByteArray() << "is empty";
        QTest::newRow("text named .jpg")
            << "notes.jpg" << QByteArray("Dear clinic,\nplease find my photos attached.\n")
            << "contains text";
        QTest::newRow("decompression bomb") << "bomb.png" << pngBomb() << "2500 megapixels";
        QTest::newRow("bmp") << "scan.bmp" << encoded(markedImage(), "bmp") << "BMP picture";
        QTest::newRow("random bytes")
            << "noise.jpg" << QByteArray::fromHex("00ff13a7c4de9b2201") << "not a JPEG, PNG";
        QTest::newRow("truncated png")
            << "cut.png" << encoded(markedImage(400, 300), "png").left(300) << "damaged";
        // Found by tests/fuzz/fuzz_image_import: a 684-byte HEIC that declares 64 × 48 but whose primary
        // item is a grid of 16384 × 12288; libheif decoded and stored all 201 megapixels.
        QTest::newRow("heic grid beyond the limit") << "grid.heic"
                                                    << readAll(qEnvironmentVariable("CLINICDESK_FIXTURES") +
                                                               QStringLiteral("/heic-grid-16384x12288.heic"))
                                                    << "16384 × 12288 pixels (201 megapixels)";
    }
    void badFilesFailOneByOneWithReasons()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, messagePart);
        TestVault t;
        const qint64 client = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        ImageStore store(t.db());
        const QStringList paths{file(QStringLiteral("good-1.jpg"), encoded(markedImage(), "jpeg")),
                                file(name, bytes),
                                file(QStringLiteral("good-2.png"), encoded(markedImage(120, 90), "png"))};
        QStringList errors;
        int added = 0;
        for (const QString& p : paths) {
            auto id = store.importFile(client, p, {}, 0);
            if (id)
                ++added;
            else
                errors << id.message();
        }
        QCOMPARE(added, 2);
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().contains(name), qPrintable(errors.first()));
        QVERIFY2(errors.first().contains(messagePart), qPrintable(errors.first()));
        QCOMPARE(rows(t.db(), "images"), qint64(2));
        QCOMPARE(rows(t.db(), "image_blobs"), qint64(6));
    }

    void contentDecidesNotTheName()
    {
        TestVault t;
        const qint64 client = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        ImageStore store(t.db());
        auto png = store.importFile(
            client, file(QStringLiteral("really-a-png.jpg"), encoded(markedImage(), "png")), {}, 0);
        QVERIFY(png.ok());
        QCOMPARE(store.get(png.value())->mimeType, QStringLiteral("image/png"));
        auto webp = store.importFile(
            client, file(QStringLiteral("whatsapp.webp"), encoded(markedImage(150, 90), "webp")), {}, 0);
        QVERIFY2(webp.ok(), qPrintable(webp.ok() ? QString() : webp.message()));
        QCOMPARE(store.get(webp.value())->width, 150);
    }

    void oversizedFileRefusedBeforeReading()
    {
        TestVault t;
        const qint64 client = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const QString path = m_files.filePath(QStringLiteral("huge.jpg"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(imaging::kMaxFileBytes + 1)); // sparse: no 60 MB written
        f.close();
        auto id = ImageStore(t.db()).importFile(client, path, {}, 0);
        QVERIFY(!id.ok());
        QVERIFY2(id.message().contains(QStringLiteral("larger than 60 MB")), qPrintable(id.message()));
    }

    void aFailedWriteLeavesNothing()
    {
        TestVault t;
        const qint64 client = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        // The third row of the image (its original) fails, as a full disk would.
        t.db().exec(
            "CREATE TEMP TRIGGER fail_original BEFORE INSERT ON image_blobs WHEN NEW.rendition = 'original' "
            "BEGIN SELECT RAISE(ABORT, 'simulated write failure'); END");
        ImageStore store(t.db());
        auto id =
            store.importFile(client, file(QStringLiteral("a.jpg"), encoded(markedImage(), "jpeg")), {}, 0);
        QVERIFY(!id.ok());
        QVERIFY2(id.message().contains(QStringLiteral("simulated write failure")), qPrintable(id.message()));
        QCOMPARE(rows(t.db(), "images"), qint64(0));
        QCOMPARE(rows(t.db(), "image_blobs"), qint64(0));
        t.db().exec("DROP TRIGGER fail_original");
        QVERIFY(store.importFile(client, file(QStringLiteral("a.jpg"), encoded(markedImage(), "jpeg")), {}, 0)
                    .ok());
    }

    void detailsValidatedDuplicatesRefusedAndErasedWithTheClient()
    {
        TestVault t;
        const qint64 client = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        ImageStore store(t.db());
        const QString path = file(QStringLiteral("lips.jpg"), encoded(markedImage(), "jpeg"));
        // A word outside the vocabulary never becomes details (the CLI says so: tst_cli_images).
        QVERIFY(!imaging::parseArea(QStringLiteral("elbow")));
        QCOMPARE(imaging::parseArea(QStringLiteral("Crow's feet")), FaceArea::CrowsFeet);
        QCOMPARE(imaging::parseArea(QStringLiteral("crows-feet")), FaceArea::CrowsFeet);
        QCOMPARE(imaging::parseKind(QStringLiteral("Quote request")), ImageKind::QuoteRequest);
        auto missing = store.importFile(99999, path, {}, 0);
        QVERIFY(missing.message().contains(QStringLiteral("no client with id 99999")));
        auto id = store.importFile(client, path, lipsQuote(), 0);
        QVERIFY(id.ok());
        auto again = store.importFile(client, path, lipsQuote(), 0);
        QVERIFY(!again.ok());
        QVERIFY2(again.message().contains(QStringLiteral("already in this client's images")),
                 qPrintable(again.message()));
        ImageDetails after = lipsQuote();
        after.kind = ImageKind::After;
        after.takenOn = QDate(2026, 3, 14);
        after.consent = ImageConsent::Marketing;
        QVERIFY(store.updateDetails(id.value(), after).ok());
        QCOMPARE(store.get(id.value())->details.takenOn, QDate(2026, 3, 14));
        QCOMPARE(store.get(id.value())->details.consent, ImageConsent::Marketing);
        t.db().exec("DELETE FROM clients WHERE id = " + std::to_string(client));
        QCOMPARE(rows(t.db(), "images"), qint64(0));
        QCOMPARE(rows(t.db(), "image_blobs"), qint64(0));
    }

    void editsDeletesAndOriginalsAreRoleCheckedAndAudited()
    {
        TestVault t;
        const qint64 client = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        const QString subject = client::subjectRefOf(t.db(), client);
        ImageStore store(t.db());
        auto a = store.importFile(
            client, file(QStringLiteral("e1.jpg"), encoded(markedImage(2400, 1800), "jpeg")), lipsQuote(), 0);
        auto b = store.importFile(
            client, file(QStringLiteral("e2.jpg"), encoded(markedImage(300, 200), "jpeg")), lipsQuote(), 0);
        QVERIFY(a.ok() && b.ok());
        const auto entries = [&](const char* action) {
            AuditFilter f;
            f.action = QString::fromLatin1(action);
            f.subjectRef = subject;
            const Actor me = t.db().actor(); // reading the log is a manager's; look as the system
            t.db().setActor(Actor{});
            auto found = AuditLog(t.db()).query(f);
            t.db().setActor(me);
            return found.value();
        };

        // An edit names the fields it changed, never the caption's words; an edit that changes
        // nothing writes nothing.
        ImageDetails d = lipsQuote();
        d.kind = ImageKind::Before;
        d.caption = QStringLiteral("Left side, Mrs Okafor's request");
        QVERIFY(store.updateDetails(a.value(), d).ok());
        QVERIFY(store.updateDetails(a.value(), d).ok());
        auto edited = entries("image-edited");
        QCOMPARE(edited.size(), 1);
        QCOMPARE(edited.first().detail, QStringLiteral("image %1: kind caption").arg(a.value()));
        QCOMPARE(store.get(a.value())->details.caption, d.caption);

        // A receptionist may edit (she marks the emailed photos) but not see originals or delete.
        t.db().setActor(Actor{7, QStringLiteral("rita"), Role::Receptionist});
        auto refused = store.viewOriginal(a.value());
        QCOMPARE(refused.error().kind, Error::Kind::Permission);
        QCOMPARE(store.remove(a.value()).error().kind, Error::Kind::Permission);
        QCOMPARE(rows(t.db(), "images"), qint64(2));
        QVERIFY(entries("images-viewed").isEmpty());

        t.db().setActor(Actor{8, QStringLiteral("priya"), Role::Practitioner});
        auto original = store.viewOriginal(a.value());
        QVERIFY(original.ok());
        QCOMPARE(imaging::decodeStored(original.value()).size(), QSize(2400, 1800));
        const auto viewed = entries("images-viewed");
        QCOMPARE(viewed.size(), 1);
        QCOMPARE(viewed.first().detail, QStringLiteral("original of image %1").arg(a.value()));
        QCOMPARE(viewed.first().staff, QStringLiteral("priya"));
        QCOMPARE(store.viewOriginal(99999).error().kind, Error::Kind::NotFound);

        // All or nothing: one unknown id and nothing is deleted.
        QCOMPARE(store.remove(QList<qint64>{a.value(), 99999}).error().kind, Error::Kind::NotFound);
        QCOMPARE(rows(t.db(), "images"), qint64(2));
        QVERIFY(store.remove(QList<qint64>{a.value(), b.value()}).ok());
        QCOMPARE(rows(t.db(), "images"), qint64(0));
        QCOMPARE(rows(t.db(), "image_blobs"), qint64(0));
        QCOMPARE(entries("image-removed").size(), 2);
        QVERIFY(AuditLog(t.db()).verify()->intact);
    }

    void galleryOrderIsAreaThenNewest()
    {
        TestVault t;
        const qint64 client = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        ImageStore store(t.db());
        const auto add = [&](const char* area, QDate date, int w) {
            ImageDetails d;
            d.area = *vocab::fromCode<FaceArea>(QString::fromLatin1(area));
            d.takenOn = date;
            QVERIFY(store
                        .importFile(
                            client,
                            file(QStringLiteral("p%1.jpg").arg(w), encoded(markedImage(w, 50), "jpeg")), d, 0)
                        .ok());
        };
        add("neck", QDate(2025, 5, 1), 60);
        add("lips", QDate(2025, 3, 1), 61);
        add("forehead", QDate(2025, 1, 1), 62);
        add("lips", QDate(2025, 5, 1), 63);
        const auto list = store.list(client).value();
        QStringList order;
        for (const ImageRecord& r : list)
            order << vocab::code(r.details.area) + QLatin1Char(' ') + r.details.takenOn.toString(Qt::ISODate);
        QCOMPARE(order, QStringList({"forehead 2025-01-01", "lips 2025-05-01", "lips 2025-03-01",
                                     "neck 2025-05-01"}));
    }
};

QTEST_GUILESS_MAIN(TestImages)
#include "tst_images.moc"
