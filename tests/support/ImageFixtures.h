#pragma once

#include <QByteArray>
#include <QColor>
#include <QImage>
#include <QString>

namespace cd::test {

// Pictures made in code for the imaging tests; nothing comes from the source tree.
// A landscape picture (w × h) in blue with a red square in its top-left corner.
QImage markedImage(int w = 200, int h = 100);
QByteArray encoded(const QImage& img, const char* format, int quality = 90);
// A JPEG whose EXIF says "rotate 90° clockwise" (orientation 6), with GPS position, camera make
// and model and an XMP creator, written by exiftool. Returns the file path; empty on failure.
QString jpegWithExif(const QString& dir, const QString& name = QStringLiteral("iphone-lips.jpg"));
// A PNG header claiming width × height, a tiny IDAT and IEND: valid CRCs, almost no bytes.
QByteArray pngBomb(quint32 width = 50000, quint32 height = 50000);
// HEIC through libheif's x265 encoder (upright, w × h, red top-left square); empty if no encoder.
QByteArray heic(int w = 320, int h = 240);
// exiftool's JSON for a file (one object, group-prefixed keys such as "EXIF:GPSLatitude").
QString exifJson(const QString& path);
bool isRed(QColor c);
bool isBlue(QColor c);

} // namespace cd::test
