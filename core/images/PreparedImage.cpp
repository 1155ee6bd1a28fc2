#include "images/PreparedImage.h"

#include "images/Heif.h"

#include <QBuffer>
#include <QColorSpace>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>
#include <QObject>
#include <QPainter>
#include <mutex>

namespace cd::imaging {

namespace {

Error damaged(const QString& name, const QString& why = {})
{
    return makeError(
        Error::Kind::Damaged,
        why.isEmpty()
            ? QObject::tr("%1 is damaged or incomplete. Ask for the photo again.").arg(name)
            : QObject::tr("%1 is damaged or incomplete (%2). Ask for the photo again.").arg(name, why));
}

bool looksLikeText(const QByteArray& bytes)
{
    const QByteArray head = bytes.left(512);
    for (const char c : head) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x09 || (u > 0x0d && u < 0x20) || u == 0x7f)
            return false;
    }
    return true;
}

// Qt's JPEG reader fills a cut-off file with grey and reports success, so a photo cut short in an
// email would be stored half grey. A complete file has an end-of-image marker after its first scan.
bool jpegComplete(const QByteArray& b)
{
    const auto at = [&b](qsizetype i) { return static_cast<unsigned char>(b.at(i)); };
    qsizetype pos = 2;
    while (pos + 3 < b.size()) {
        if (at(pos) != 0xff)
            return false;
        while (pos < b.size() && at(pos) == 0xff)
            ++pos;
        if (pos + 2 >= b.size())
            return false;
        const unsigned char marker = at(pos);
        if (marker == 0xda) // start of scan: the compressed data runs until the end-of-image marker
            return b.indexOf(QByteArrayView("\xff\xd9", 2), pos) > 0;
        if ((marker >= 0xd0 && marker <= 0xd7) || marker == 0x01) {
            ++pos;
            continue;
        }
        pos += 1 + ((qsizetype(at(pos + 1)) << 8) | at(pos + 2));
    }
    return false;
}

bool structurallyComplete(const QByteArray& bytes, const QByteArray& format)
{
    if (format == "jpeg")
        return jpegComplete(bytes);
    if (format == "png")
        return bytes.indexOf(QByteArrayView("IEND")) > 0;
    if (format == "webp" && bytes.size() >= 12) {
        const auto le = [&bytes](int i) { return quint32(static_cast<unsigned char>(bytes.at(i))); };
        const qint64 riff = qint64(le(4) | le(5) << 8 | le(6) << 16 | le(7) << 24) + 8;
        return riff <= bytes.size();
    }
    return true;
}

Error tooManyPixels(const QString& name, qint64 w, qint64 h)
{
    return makeError(Error::Kind::Invalid,
                     QObject::tr("%1 is %2 × %3 pixels (%4 megapixels); the limit is %5 megapixels. "
                                 "Export a smaller copy and add that.")
                         .arg(name)
                         .arg(w)
                         .arg(h)
                         .arg(w * h / 1000000)
                         .arg(kMaxPixels / 1000000));
}

Result<QImage> decodeWithQt(const QByteArray& bytes, const QString& name, QByteArray& format)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setDecideFormatFromContent(true);
    format = reader.format();
    static const QList<QByteArray> accepted{"jpeg", "png", "webp"};
    if (!accepted.contains(format)) {
        if (looksLikeText(bytes))
            return makeError(
                Error::Kind::Invalid,
                QObject::tr(
                    "%1 contains text, not a picture. Clinicdesk adds JPEG, PNG, WebP and HEIC photos.")
                    .arg(name));
        if (!format.isEmpty())
            return makeError(
                Error::Kind::Invalid,
                QObject::tr("%1 is a %2 picture; Clinicdesk adds JPEG, PNG, WebP and HEIC photos. "
                            "Save it as JPEG or PNG and add it again.")
                    .arg(name, QString::fromLatin1(format.toUpper())));
        return makeError(
            Error::Kind::Invalid,
            QObject::tr("%1 is not a JPEG, PNG, WebP or HEIC picture, or it is damaged.").arg(name));
    }
    const QSize size = reader.size();
    if (!size.isValid())
        return damaged(name, QObject::tr("no picture size in its header"));
    if (qint64(size.width()) * size.height() > kMaxPixels)
        return tooManyPixels(name, size.width(), size.height());
    if (!structurallyComplete(bytes, format))
        return damaged(name, QObject::tr("the file is cut short"));
    reader.setAutoTransform(true);
    QImage img;
    if (!reader.read(&img) || img.isNull())
        return damaged(name, reader.errorString());
    return img;
}

// Drops everything a decoder attached to the pixels (text chunks, comments, ICC profile) by
// building a fresh image over the same bytes; colours are first brought to sRGB so they survive.
QImage bareSrgb(QImage img)
{
    img = img.convertToFormat(img.hasAlphaChannel() ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    if (img.colorSpace().isValid() && img.colorSpace() != QColorSpace(QColorSpace::SRgb))
        img.convertToColorSpace(QColorSpace(QColorSpace::SRgb));
    return QImage(img.constBits(), img.width(), img.height(), img.bytesPerLine(), img.format()).copy();
}

QByteArray encode(const QImage& img, const char* format, int quality)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.setQuality(quality);
    if (qstrcmp(format, "jpeg") == 0)
        writer.setOptimizedWrite(true);
    return writer.write(img) ? out : QByteArray();
}

// Previews and thumbnails are JPEG: transparent areas are shown on white.
QImage flattened(const QImage& img)
{
    if (!img.hasAlphaChannel())
        return img;
    QImage flat(img.size(), QImage::Format_RGB32);
    flat.fill(Qt::white);
    QPainter p(&flat);
    p.drawImage(0, 0, img);
    return flat;
}

QImage fitWithin(const QImage& img, int side)
{
    if (img.width() <= side && img.height() <= side)
        return img;
    return img.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
}

void limitDecoderMemory()
{
    // A second guard behind the size check, for headers that understate what decoding allocates.
    static std::once_flag once;
    std::call_once(once, [] { QImageReader::setAllocationLimit(int(kMaxPixels * 4 / (1024 * 1024)) + 64); });
}

} // namespace

Result<PreparedImage> prepareImage(const QByteArray& bytes, const QString& fileName)
{
    limitDecoderMemory();
    const QString name = fileName.isEmpty() ? QObject::tr("The picture") : fileName;
    if (bytes.isEmpty())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("%1 is empty (0 bytes). Save the photo again and add it.").arg(name));
    if (bytes.size() > kMaxFileBytes)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("%1 is larger than %2 MB. Export a smaller copy and add that.")
                             .arg(name)
                             .arg(kMaxFileBytes / (1024 * 1024)));
    QByteArray format;
    Result<QImage> decoded = QImage();
    if (heif::looksLikeHeif(bytes)) {
        format = "heif";
        decoded = heif::decode(bytes, name, kMaxPixels);
    } else {
        decoded = decodeWithQt(bytes, name, format);
    }
    if (!decoded)
        return decoded.error();
    const QImage upright = bareSrgb(std::move(decoded.value()));
    if (upright.isNull())
        return makeError(Error::Kind::Failed, QObject::tr("Not enough memory to open %1.").arg(name));

    PreparedImage p;
    p.fileName = name;
    p.sourceFormat = QString::fromLatin1(format);
    p.width = upright.width();
    p.height = upright.height();
    const bool keepPng = format == "png" || upright.hasAlphaChannel();
    p.original = keepPng ? encode(upright, "png", 0) : encode(upright, "jpeg", 95);
    p.mimeType = keepPng ? QStringLiteral("image/png") : QStringLiteral("image/jpeg");
    const QImage preview = flattened(fitWithin(upright, kPreviewSide));
    p.preview = encode(preview, "jpeg", 85);
    p.thumbnail = encode(fitWithin(preview, kThumbnailSide), "jpeg", 80);
    if (p.original.isEmpty() || p.preview.isEmpty() || p.thumbnail.isEmpty())
        return makeError(Error::Kind::Failed,
                         QObject::tr("%1 could not be converted for storage.").arg(name));
    p.sha256 = QString::fromLatin1(QCryptographicHash::hash(p.original, QCryptographicHash::Sha256).toHex());
    return p;
}

Result<PreparedImage> prepareFile(const QString& path)
{
    const QFileInfo info(path);
    const QString name = info.fileName();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(info.exists() ? Error::Kind::Io : Error::Kind::NotFound,
                         QObject::tr("%1 cannot be read: %2").arg(name, f.errorString()));
    if (f.size() > kMaxFileBytes)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("%1 is larger than %2 MB. Export a smaller copy and add that.")
                             .arg(name)
                             .arg(kMaxFileBytes / (1024 * 1024)));
    return prepareImage(f.readAll(), name);
}

QImage decodeStored(const QByteArray& bytes)
{
    limitDecoderMemory();
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    const QSize size = reader.size();
    if (!size.isValid() || qint64(size.width()) * size.height() > kMaxPixels)
        return {};
    QImage img;
    return reader.read(&img) ? img : QImage();
}

} // namespace cd::imaging
