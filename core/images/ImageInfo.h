#pragma once

#include <QDate>
#include <QString>
#include <QStringList>

namespace cd {

// What the clinic says about a photo. Kind, area and consent are closed vocabularies that the
// schema checks too; the UI shows their labels.
struct ImageDetails
{
    QString kind = QStringLiteral("other"); // quote_request, mockup, before, after, progress, other
    QString area =
        QStringLiteral("other"); // forehead, glabella, crows_feet, lips, cheeks, jawline, neck, other
    QDate takenOn;               // invalid → the day of import
    QString caption;
    QString consent = QStringLiteral("clinical_only"); // clinical_only | marketing
    qint64 treatmentRef = 0;                           // a quote or treatment, once those exist; 0 = none
};

// One stored image as listed in a gallery: metadata only, never pixels.
struct ImageRecord
{
    qint64 id = 0;
    qint64 clientId = 0;
    ImageDetails details;
    QString originalName;
    QString mimeType; // of the stored original: image/jpeg or image/png
    int width = 0;
    int height = 0;
    QString sha256; // of the stored original's bytes, hex
    qint64 byteSize = 0;
    QString createdAt;
    qint64 addedBy = 0;
};

enum class Rendition { Thumbnail, Preview, Original };

namespace imaging {

const QStringList& kinds();
const QStringList& areas();
const QStringList& consents();
QString kindLabel(const QString& kind);
QString areaLabel(const QString& area);
QString consentLabel(const QString& consent);
// Accepts the stored word or its label, any case ("Crow's feet", "crows-feet", "crows_feet").
QString parseKind(const QString& text);
QString parseArea(const QString& text);

} // namespace imaging
} // namespace cd
