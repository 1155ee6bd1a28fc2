#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QImage>

namespace cd::heif {

// True when the bytes start like an HEIF/HEIC/AVIF file (ISO base media "ftyp" with a HEIF brand).
bool looksLikeHeif(const QByteArray& bytes);
// Decodes the primary image, upright (libheif applies the file's rotation and mirror boxes).
// The dimensions are checked against maxPixels before any pixel is decoded.
Result<QImage> decode(const QByteArray& bytes, const QString& fileName, qint64 maxPixels);

} // namespace cd::heif
