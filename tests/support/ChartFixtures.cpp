#include "ChartFixtures.h"

#include <QDir>
#include <QImage>
#include <QProcess>
#include <QTemporaryDir>

namespace cd::test {

QString pdfText(const QString& path)
{
    QProcess p;
    p.start(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), path, QStringLiteral("-")});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput());
}

QStringList chartProblems(const QString& pdf, const QList<ChartPoint>& points, int width)
{
    QTemporaryDir dir;
    QProcess p;
    p.start(QStringLiteral("pdfimages"), {QStringLiteral("-png"), pdf, dir.filePath(QStringLiteral("img"))});
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        return {QStringLiteral("pdfimages failed: ") + QString::fromUtf8(p.readAllStandardError())};
    QImage chart;
    for (const QString& name : QDir(dir.path()).entryList({QStringLiteral("img-*.png")}))
        if (QImage image(dir.filePath(name)); image.width() == width)
            chart = image.convertToFormat(QImage::Format_RGB32);
    if (chart.isNull())
        return {QStringLiteral("no image %1 pixels wide in the PDF").arg(width)};
    QStringList problems;
    const QRectF area(0, 0, chart.width(), chart.height());
    for (int i = 0; i < points.size(); ++i) {
        const ChartPoint& pt = points.at(i);
        const QRectF r = facechart::viewRect(area, pt.view);
        // Beside the number written in the dot: the dot's own colour.
        const double radius = std::max(6.0, facechart::viewRect(area, FaceView::Front).width() * 0.045);
        const QPoint at(qRound(r.left() + pt.x * r.width() - radius * 0.7),
                        qRound(r.top() + pt.y * r.height()));
        const QColor c = chart.pixelColor(at);
        if (std::abs(c.red() - 0xa3) > 40 || std::abs(c.green() - 0x1f) > 40 ||
            std::abs(c.blue() - 0x5c) > 40)
            problems << QStringLiteral("point %1 (%2 at %3, %4): pixel %5 is %6")
                            .arg(i + 1)
                            .arg(vocab::code(pt.view))
                            .arg(pt.x)
                            .arg(pt.y)
                            .arg(QStringLiteral("%1,%2").arg(at.x()).arg(at.y()), c.name());
    }
    return problems;
}

} // namespace cd::test
