#pragma once

#include "common/Vocabulary.h"

#include <QDate>
#include <QString>
#include <QStringList>
#include <optional>

namespace cd {

// What a photo is for: the treatment record (before, after, progress) or a quote.
enum class ImageKind { QuoteRequest, Mockup, Before, After, Progress, Other };

template <> inline std::span<const vocab::Term<ImageKind>> vocab::terms()
{
    static constexpr Term<ImageKind> t[] = {
        {ImageKind::QuoteRequest, "quote_request", QT_TRANSLATE_NOOP("vocabulary", "Quote request")},
        {ImageKind::Mockup, "mockup", QT_TRANSLATE_NOOP("vocabulary", "Mock-up")},
        {ImageKind::Before, "before", QT_TRANSLATE_NOOP("vocabulary", "Before")},
        {ImageKind::After, "after", QT_TRANSLATE_NOOP("vocabulary", "After")},
        {ImageKind::Progress, "progress", QT_TRANSLATE_NOOP("vocabulary", "Progress")},
        {ImageKind::Other, "other", QT_TRANSLATE_NOOP("vocabulary", "Other")}};
    return t;
}

// The treatment area a photo shows, in the order the gallery groups them.
enum class FaceArea { Forehead, Glabella, CrowsFeet, Lips, Cheeks, Jawline, Neck, Other };

template <> inline std::span<const vocab::Term<FaceArea>> vocab::terms()
{
    static constexpr Term<FaceArea> t[] = {
        {FaceArea::Forehead, "forehead", QT_TRANSLATE_NOOP("vocabulary", "Forehead")},
        {FaceArea::Glabella, "glabella", QT_TRANSLATE_NOOP("vocabulary", "Frown lines (glabella)")},
        {FaceArea::CrowsFeet, "crows_feet", QT_TRANSLATE_NOOP("vocabulary", "Crow's feet")},
        {FaceArea::Lips, "lips", QT_TRANSLATE_NOOP("vocabulary", "Lips")},
        {FaceArea::Cheeks, "cheeks", QT_TRANSLATE_NOOP("vocabulary", "Cheeks")},
        {FaceArea::Jawline, "jawline", QT_TRANSLATE_NOOP("vocabulary", "Jawline")},
        {FaceArea::Neck, "neck", QT_TRANSLATE_NOOP("vocabulary", "Neck")},
        {FaceArea::Other, "other", QT_TRANSLATE_NOOP("vocabulary", "Other area")}};
    return t;
}

// What the client agreed a photo may be used for.
enum class ImageConsent { ClinicalOnly, Marketing };

template <> inline std::span<const vocab::Term<ImageConsent>> vocab::terms()
{
    static constexpr Term<ImageConsent> t[] = {
        {ImageConsent::ClinicalOnly, "clinical_only",
         QT_TRANSLATE_NOOP("vocabulary", "Clinical record only")},
        {ImageConsent::Marketing, "marketing",
         QT_TRANSLATE_NOOP("vocabulary", "Clinical and marketing use")}};
    return t;
}

// What the clinic says about a photo. The schema checks the stored codes too.
struct ImageDetails
{
    ImageKind kind = ImageKind::Other;
    FaceArea area = FaceArea::Other;
    QDate takenOn; // invalid → the day of import
    QString caption;
    ImageConsent consent = ImageConsent::ClinicalOnly;
    qint64 treatmentRef = 0; // a quote or treatment, once those exist; 0 = none
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

// Accepts the stored code or its label, any case ("Crow's feet", "crows-feet", "crows_feet");
// nullopt for anything else.
std::optional<ImageKind> parseKind(const QString& text);
std::optional<FaceArea> parseArea(const QString& text);

} // namespace imaging
} // namespace cd
