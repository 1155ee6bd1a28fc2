// Photos arrive by email and from phones: any bytes at all. This feeds them to the very import that
// `clinicdesk-cli add-images` and the desktop use (ImageStore::importFile: the file read with its size
// limit, the decoder chosen by content, the pixel limit before decoding, the re-encoding and the
// storage transaction), against one database made once per process.
// Beyond not crashing, leaking or invoking UB:
//   - a refusal always explains itself, with a kind a user can act on (never "Failed" for bad bytes
//     unless it is memory);
//   - an accepted picture is within the pixel limit, its stored original hashes to the recorded
//     SHA-256, and its preview and thumbnail decode and fit their sides;
//   - a refused picture leaves no image row behind.
//
// CLINICDESK_FUZZ_WRITE_SEEDS=DIR fuzz_image_import  writes the seed corpus into DIR and exits
// (tests/fuzz/make-seeds does this for tests/fuzz/corpus/image).
#include "Files.h"
#include "ImageFixtures.h"
#include "accounts/Access.h"
#include "clients/ClientStore.h"
#include "images/ImageStore.h"
#include "storage/Schema.h"
#include "storage/Sql.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDir>
#include <QImage>
#include <QImageReader>
#include <QTemporaryDir>
#include <QtEndian>
#include <cstdio>
#include <cstdlib>

namespace {

cd::Database* g_db = nullptr;
QString g_file;
qint64 g_client = 0;
qint64 g_staff = 0;

[[noreturn]] void fail(const char* what, const QString& detail = {})
{
    std::fprintf(stderr, "fuzz_image_import: %s %s\n", what, qPrintable(detail));
    std::abort();
}

// A JPEG with an APP1 Exif segment that says "rotate 90° clockwise" (orientation 6), made in code
// (exiftool's richer version is also written when exiftool is installed).
QByteArray jpegWithOrientation(int orientation)
{
    const QByteArray jpeg = cd::test::encoded(cd::test::markedImage(48, 24), "jpeg", 80);
    QByteArray tiff = QByteArray("MM\0*", 4);
    tiff += QByteArray::fromHex("00000008"); // first IFD at offset 8
    tiff += QByteArray::fromHex("0001");     // one entry
    tiff += QByteArray::fromHex("011200030000000100");
    tiff += char(orientation);
    tiff += QByteArray::fromHex("0000");
    tiff += QByteArray::fromHex("00000000"); // no next IFD
    const QByteArray body = QByteArray("Exif\0\0", 6) + tiff;
    QByteArray app1 = QByteArray::fromHex("ffe1");
    QByteArray len(2, '\0');
    qToBigEndian(quint16(body.size() + 2), len.data());
    return jpeg.left(2) + app1 + len + body + jpeg.mid(2);
}

// A baseline JPEG header (SOF0) claiming w × h, a scan header and an end marker: no pixels at all.
QByteArray jpegHeaderClaiming(quint16 w, quint16 h)
{
    QByteArray sof = QByteArray::fromHex("ffc0000b08");
    QByteArray dims(4, '\0');
    qToBigEndian(h, dims.data());
    qToBigEndian(w, dims.data() + 2);
    sof += dims + QByteArray::fromHex("01011100");
    const QByteArray dqt = QByteArray::fromHex("ffdb004300") + QByteArray(64, '\x01');
    const QByteArray dht = QByteArray::fromHex("ffc4001f00") +
                           QByteArray::fromHex("00010501010101010100000000000000") +
                           QByteArray::fromHex("000102030405060708090a0b");
    const QByteArray sos = QByteArray::fromHex("ffda0008010100003f00");
    return QByteArray::fromHex("ffd8") + dqt + sof + dht + sos + QByteArray::fromHex("00ffd9");
}

void writeSeeds(const QString& dir)
{
    using namespace cd::test;
    QDir().mkpath(dir);
    QImage alpha(40, 30, QImage::Format_ARGB32);
    alpha.fill(Qt::transparent);
    for (int y = 5; y < 25; ++y)
        for (int x = 5; x < 35; ++x)
            alpha.setPixelColor(x, y, QColor(255, 0, 0, 128));
    const QByteArray jpeg = encoded(markedImage(64, 32), "jpeg", 80);
    const QList<std::pair<const char*, QByteArray>> seeds{
        {"orientation-6.jpg", jpegWithOrientation(6)},
        {"plain.jpg", jpeg},
        {"truncated.jpg", jpeg.left(jpeg.size() / 2)},
        {"alpha.png", encoded(alpha, "png")},
        {"small.webp", encoded(markedImage(40, 20), "webp", 80)},
        {"heic.heic", heic(64, 48)},
        {"bomb-50000x50000.png", pngBomb(50000, 50000)},
        {"bomb-50000x50000.jpg", jpegHeaderClaiming(50000, 50000)},
        {"bitmap.bmp", encoded(markedImage(16, 8), "bmp")},
        {"text.txt", QByteArray("Name,Phone\nAmara,07700 900123\n")},
    };
    for (const auto& [name, bytes] : seeds) {
        if (bytes.isEmpty()) {
            std::fprintf(stderr, "fuzz_image_import: no encoder for %s, seed skipped\n", name);
            continue;
        }
        writeAll(QDir(dir).filePath(QString::fromLatin1(name)), bytes);
    }
    if (const QString exif = jpegWithExif(dir, QStringLiteral("exif-gps-orientation-6.jpg")); exif.isEmpty())
        std::fprintf(stderr, "fuzz_image_import: exiftool missing, EXIF seed skipped\n");
}

qint64 imageRows()
{
    auto st = g_db->prepare("SELECT count(*) FROM images");
    st.step();
    return st.int64(0);
}

void checkRendition(qint64 id, cd::Rendition r, int side)
{
    auto bytes = cd::ImageStore(*g_db).data(id, r);
    if (!bytes)
        fail("stored rendition cannot be read back:", bytes.message());
    QImage img;
    if (!img.loadFromData(bytes.value(), "JPEG") || img.width() > side || img.height() > side || img.isNull())
        fail("preview or thumbnail does not decode or is too large");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    if (const QByteArray seeds = qgetenv("CLINICDESK_FUZZ_WRITE_SEEDS"); !seeds.isEmpty()) {
        writeSeeds(QString::fromLocal8Bit(seeds));
        std::exit(0);
    }
    // A plaintext database is enough: what is fuzzed is the picture, the storage is the real schema.
    static QTemporaryDir tmp;
    auto db = cd::Database::open(QDir(tmp.path()).filePath(QStringLiteral("images.db")),
                                 cd::Database::Mode::Create, nullptr);
    if (!db || !cd::schema::migrate(*db.value()))
        fail("cannot create the database");
    g_db = db.value().release();
    g_db->prepare("INSERT INTO staff (username, display_name, role, created_at) "
                  "VALUES ('manager', 'Manager', 'manager', '2025-01-01T09:00:00Z')")
        .run();
    g_staff = g_db->lastInsertId();
    g_db->setActor(cd::Actor{g_staff, QStringLiteral("manager"), cd::Role::Manager});
    cd::Client c;
    c.firstName = QStringLiteral("Amara");
    c.lastName = QStringLiteral("Okafor");
    auto client = cd::ClientStore(*g_db).create(c);
    if (!client)
        fail("cannot create the client:", client.message());
    g_client = client.value();
    g_file = QDir(tmp.path()).filePath(QStringLiteral("photo.jpg"));
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    cd::test::writeAll(g_file, QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    cd::ImageStore store(*g_db);
    cd::ImageDetails details;
    details.kind = cd::ImageKind::QuoteRequest;
    details.area = cd::FaceArea::Lips;
    const qint64 before = imageRows();
    auto id = store.importFile(g_client, g_file, details, g_staff);
    if (!id) {
        const cd::Error& e = id.error();
        if (e.message.isEmpty())
            fail("a refusal without a message");
        if (e.kind != cd::Error::Kind::Invalid && e.kind != cd::Error::Kind::Damaged &&
            !(e.kind == cd::Error::Kind::Failed && e.message.contains(QStringLiteral("memory"))))
            fail("a refusal of an unexpected kind:", e.message);
        if (imageRows() != before)
            fail("a refused picture left a row behind");
        return 0;
    }
    auto rec = store.get(id.value());
    if (!rec)
        fail("stored image cannot be listed:", rec.message());
    if (rec->width <= 0 || rec->height <= 0 || qint64(rec->width) * rec->height > cd::imaging::kMaxPixels)
        fail("an accepted picture is outside the pixel limit:",
             QStringLiteral("%1x%2").arg(rec->width).arg(rec->height));
    auto original = store.data(id.value(), cd::Rendition::Original);
    if (!original ||
        QString::fromLatin1(QCryptographicHash::hash(original.value(), QCryptographicHash::Sha256).toHex()) !=
            rec->sha256)
        fail("the stored original does not match its SHA-256");
    checkRendition(id.value(), cd::Rendition::Preview, cd::imaging::kPreviewSide);
    checkRendition(id.value(), cd::Rendition::Thumbnail, cd::imaging::kThumbnailSide);
    if (auto st = store.remove(id.value()); !st) // keeps the database small and the next import no duplicate
        fail("cannot remove the image:", st.message());
    return 0;
}
