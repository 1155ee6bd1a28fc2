#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QImage>
#include <QString>

namespace cd::imaging {

// Limits checked before any pixel is decoded: a photo the clinic receives by email is far below
// both; a file above them is a mistake or an attack (a "decompression bomb").
inline constexpr qint64 kMaxFileBytes = 60ll * 1024 * 1024;
inline constexpr qint64 kMaxPixels = 100ll * 1000 * 1000;
inline constexpr int kThumbnailSide = 256;
inline constexpr int kPreviewSide = 1600;

// Everything stored for one image, made once at import. The original is re-encoded from the
// decoded, upright pixels, so no EXIF, XMP, GPS, maker note or text chunk survives.
struct PreparedImage
{
    QString fileName;     // as the user knows it (no folder)
    QString sourceFormat; // jpeg, png, webp, heif
    QByteArray original;  // upright, metadata-free; JPEG (quality 95) or PNG (alpha kept)
    QString mimeType;     // of `original`
    QByteArray preview;   // JPEG, longest side ≤ kPreviewSide
    QByteArray thumbnail; // JPEG, longest side ≤ kThumbnailSide
    int width = 0;
    int height = 0;
    QString sha256; // of `original`, hex
};

// Pure and thread-safe: no database, no disk writes. `fileName` only names the file in messages.
Result<PreparedImage> prepareImage(const QByteArray& bytes, const QString& fileName);
// Reads the file (refusing it above kMaxFileBytes before reading) and prepares it.
Result<PreparedImage> prepareFile(const QString& path);
// Decodes a stored rendition (checked when it was imported) under the same decoder memory limit.
// Pure and thread-safe, for the viewers' workers; a null image if the bytes do not decode.
QImage decodeStored(const QByteArray& bytes);

} // namespace cd::imaging
