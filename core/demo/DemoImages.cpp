#include "demo/DemoImages.h"

#include "common/Clock.h"
#include "images/ImageStore.h"

#include <QBuffer>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QPainterPath>
#include <array>

namespace cd::demo {

namespace {

constexpr std::array kSkin{QRgb(0xf1c6a8), QRgb(0xe0ac8a), QRgb(0xc68863),
                           QRgb(0x9a6644), QRgb(0x6e4630), QRgb(0xf5d5c0)};

// A close-up drawn with shapes only (no text: the command-line tool has no fonts).
// `fullness` 0..1 changes the lips; `lines` the number of expression lines: "after" has fuller
// lips and fewer lines than "before".
QImage drawFace(QRgb skin, const QString& area, double fullness, int lines, int variant)
{
    QImage img(640, 480, QImage::Format_RGB32);
    QPainter p(&img);
    p.setRenderHint(QPainter::Antialiasing);
    QRadialGradient bg(QPointF(320 + variant % 3 * 20, 220), 480);
    bg.setColorAt(0, QColor(skin).lighter(112));
    bg.setColorAt(1, QColor(skin).darker(125));
    p.fillRect(img.rect(), bg);
    const QColor line = QColor(skin).darker(135);
    if (area == QLatin1String("lips")) {
        const double h = 40 + 50 * fullness;
        QPainterPath upper(QPointF(150, 250));
        upper.cubicTo(220, 250 - h, 290, 250 - h * 1.1, 320, 235);
        upper.cubicTo(350, 250 - h * 1.1, 420, 250 - h, 490, 250);
        upper.cubicTo(400, 262, 240, 262, 150, 250);
        QPainterPath lower(QPointF(150, 250));
        lower.cubicTo(240, 262, 400, 262, 490, 250);
        lower.cubicTo(430, 250 + h * 1.4, 210, 250 + h * 1.4, 150, 250);
        const QColor lip = QColor::fromHsv(350, 110 + int(60 * fullness), 190);
        p.fillPath(upper, lip.darker(108));
        p.fillPath(lower, lip);
        p.setPen(QPen(lip.darker(140), 3));
        p.drawLine(QPointF(155, 251), QPointF(485, 251));
    } else {
        p.setPen(QPen(line, 3, Qt::SolidLine, Qt::RoundCap));
        for (int i = 0; i < lines; ++i) {
            const double y = 120 + i * 38;
            p.drawArc(QRectF(120 + i * 8, y, 400 - i * 16, 60), 20 * 16, 140 * 16);
        }
        p.setPen(QPen(QColor(skin).darker(160), 6, Qt::SolidLine, Qt::RoundCap));
        p.drawArc(QRectF(150, 340, 130, 40), 20 * 16, 140 * 16); // brows
        p.drawArc(QRectF(360, 340, 130, 40), 20 * 16, 140 * 16);
    }
    return img;
}

QByteArray asJpeg(const QImage& img)
{
    QByteArray out;
    QBuffer b(&out);
    b.open(QIODevice::WriteOnly);
    QImageWriter w(&b, "jpeg");
    w.setQuality(90);
    w.write(img);
    return out;
}

} // namespace

QDate addImagesInTransaction(Database& db, qint64 clientId, quint64 seed, qint64 staffId,
                             PreparedImageCache& cache)
{
    static const std::array<const char*, 4> kAreas{"lips", "forehead", "glabella", "crows_feet"};
    const std::size_t skinIndex = seed % kSkin.size();
    const QRgb skin = kSkin[skinIndex];
    const QString area = QString::fromLatin1(kAreas[(seed / 7) % kAreas.size()]);
    const QDate today = Clock::today();
    const QDate before = today.addDays(-(70 + int(seed % 60)));
    struct Shot
    {
        const char* kind;
        QDate on;
        double fullness;
        int lines;
        const char* caption;
    };
    const std::array<Shot, 4> shots{
        {{"quote_request", before.addDays(-21), 0.1, 6, "Sent by email for a quote"},
         {"before", before, 0.15, 6, "Before treatment"},
         {"progress", before.addDays(14), 0.5, 4, "Two-week review"},
         {"after", before.addDays(60), 0.8, 2, "After treatment"}}};
    ImageStore store(db);
    QDate beforeStored;
    int variant = 0;
    for (const Shot& s : shots) {
        ++variant;
        if (s.on > today)
            continue;
        // Everything drawFace() draws depends on these (the variant only through variant % 3).
        const int drawVariant = int(seed) + variant;
        const QString key =
            QStringLiteral("%1/%2/%3/%4").arg(skinIndex).arg(area).arg(variant).arg(drawVariant % 3);
        auto cached = cache.constFind(key);
        if (cached == cache.constEnd()) {
            const QImage img = drawFace(skin, area, s.fullness, s.lines, drawVariant);
            auto prepared = imaging::prepareImage(
                asJpeg(img), QStringLiteral("%1-%2.jpg").arg(area, QString::fromLatin1(s.kind)));
            if (!prepared)
                continue;
            cached = cache.insert(key, prepared.value());
        }
        ImageDetails d;
        d.kind = vocab::fromCode<ImageKind>(QString::fromLatin1(s.kind)).value_or(ImageKind::Other);
        d.area = vocab::fromCode<FaceArea>(area).value_or(FaceArea::Other);
        d.takenOn = s.on;
        d.caption = QString::fromLatin1(s.caption);
        store.insertInTransaction(clientId, cached.value(), d, staffId);
        if (d.kind == ImageKind::Before)
            beforeStored = s.on;
    }
    return beforeStored;
}

} // namespace cd::demo
