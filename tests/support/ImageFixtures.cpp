#include "ImageFixtures.h"

#include "Files.h"

#include <QBuffer>
#include <QDir>
#include <QImageWriter>
#include <QPainter>
#include <QProcess>
#include <QtEndian>
#include <libheif/heif.h>

namespace cd::test {

namespace {

quint32 crc32(const QByteArray& data)
{
    quint32 crc = 0xffffffffu;
    for (const char ch : data) {
        crc ^= static_cast<unsigned char>(ch);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QByteArray pngChunk(const char* type, const QByteArray& body)
{
    QByteArray out(4, '\0');
    qToBigEndian(quint32(body.size()), out.data());
    const QByteArray typed = QByteArray(type) + body;
    out += typed;
    QByteArray crc(4, '\0');
    qToBigEndian(crc32(typed), crc.data());
    return out + crc;
}

} // namespace

QImage markedImage(int w, int h)
{
    QImage img(w, h, QImage::Format_RGB32);
    img.fill(QColor(0, 0, 255));
    QPainter p(&img);
    p.fillRect(0, 0, std::min(w, h) * 2 / 5, std::min(w, h) * 2 / 5, QColor(255, 0, 0));
    return img;
}

QByteArray encoded(const QImage& img, const char* format, int quality)
{
    QByteArray out;
    QBuffer b(&out);
    b.open(QIODevice::WriteOnly);
    QImageWriter w(&b, format);
    w.setQuality(quality);
    return w.write(img) ? out : QByteArray();
}

QString jpegWithExif(const QString& dir, const QString& name)
{
    const QString path = QDir(dir).filePath(name);
    writeAll(path, encoded(markedImage(), "jpeg", 95));
    QProcess p;
    p.start(QStringLiteral("exiftool"),
            {QStringLiteral("-q"), QStringLiteral("-overwrite_original"), QStringLiteral("-n"),
             QStringLiteral("-EXIF:Orientation=6"), QStringLiteral("-EXIF:Make=Apple"),
             QStringLiteral("-EXIF:Model=iPhone 15 Pro"), QStringLiteral("-EXIF:GPSLatitude=51.5072"),
             QStringLiteral("-EXIF:GPSLatitudeRef=N"), QStringLiteral("-EXIF:GPSLongitude=0.1276"),
             QStringLiteral("-EXIF:GPSLongitudeRef=W"), QStringLiteral("-XMP-dc:Creator=Amara Okafor"),
             path});
    if (!p.waitForFinished(30000) || p.exitCode() != 0)
        return {};
    return path;
}

QByteArray pngBomb(quint32 width, quint32 height)
{
    QByteArray ihdr(13, '\0');
    qToBigEndian(width, ihdr.data());
    qToBigEndian(height, ihdr.data() + 4);
    ihdr[8] = 8; // bit depth
    ihdr[9] = 2; // truecolour
    // zlib stream of a few zero bytes: a real bomb would be a long run of them.
    const QByteArray idat = QByteArray::fromHex("789c636000000000010001");
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) + pngChunk("IDAT", idat) +
           pngChunk("IEND", {});
}

QByteArray heic(int w, int h)
{
    const QImage src = markedImage(w, h).convertToFormat(QImage::Format_RGB888);
    heif_context* ctx = heif_context_alloc();
    heif_encoder* enc = nullptr;
    QByteArray out;
    if (heif_context_get_encoder_for_format(ctx, heif_compression_HEVC, &enc).code == heif_error_Ok) {
        heif_image* img = nullptr;
        heif_image_create(w, h, heif_colorspace_RGB, heif_chroma_interleaved_RGB, &img);
        heif_image_add_plane(img, heif_channel_interleaved, w, h, 8);
        int stride = 0;
        uint8_t* dst = heif_image_get_plane(img, heif_channel_interleaved, &stride);
        for (int y = 0; y < h; ++y)
            memcpy(dst + y * stride, src.constScanLine(y), size_t(w) * 3);
        heif_encoder_set_lossy_quality(enc, 90);
        if (heif_context_encode_image(ctx, img, enc, nullptr, nullptr).code == heif_error_Ok) {
            heif_writer writer{};
            writer.writer_api_version = 1;
            writer.write = [](heif_context*, const void* data, size_t size, void* userdata) {
                static_cast<QByteArray*>(userdata)->append(static_cast<const char*>(data), qsizetype(size));
                return heif_error{heif_error_Ok, heif_suberror_Unspecified, ""};
            };
            heif_context_write(ctx, &writer, &out);
        }
        heif_image_release(img);
        heif_encoder_release(enc);
    }
    heif_context_free(ctx);
    return out;
}

QString exifJson(const QString& path)
{
    QProcess p;
    p.start(QStringLiteral("exiftool"),
            {QStringLiteral("-j"), QStringLiteral("-G"), QStringLiteral("-n"), path});
    p.waitForFinished(30000);
    return QString::fromUtf8(p.readAllStandardOutput());
}

bool isRed(QColor c)
{
    return c.red() > 200 && c.green() < 60 && c.blue() < 60;
}

bool isBlue(QColor c)
{
    return c.blue() > 200 && c.red() < 60 && c.green() < 60;
}

} // namespace cd::test
