// The subject-access report's photos, read back from the PDF with poppler's pdfimages: each is placed
// in its own proportions, whether the report is drawn on the main thread (the CLI) or in a worker
// thread of a GUI program (the desktop, which once stretched portrait photos to four times their
// height there).
#include "Files.h"
#include "FormFixtures.h"
#include "ImageFixtures.h"
#include "TestVault.h"
#include "images/ImageStore.h"
#include "privacy/SubjectExport.h"
#include "settings/Settings.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace cd;
using namespace cd::test;

namespace {

QString runTool(const QString& program, const QStringList& args)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForFinished(60000) || p.exitCode() != 0)
        qFatal("%s failed: %s", qPrintable(program), p.readAll().constData());
    return QString::fromUtf8(p.readAll());
}

struct Placed
{
    int width = 0, height = 0; // pixels embedded
    double xPpi = 0, yPpi = 0; // pixels per inch across and down, as placed on the page
};

// `pdfimages -list`: page num type width height color comp bpc enc interp object ID x-ppi y-ppi size ratio
QList<Placed> placedImages(const QString& pdf)
{
    QList<Placed> out;
    const QStringList lines = runTool(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf})
                                  .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const QString& line : lines.mid(2)) {
        const QStringList f = line.split(QRegularExpression(QStringLiteral("\\s+")), Qt::SkipEmptyParts);
        if (f.size() < 14 || f[2] != QLatin1String("image"))
            continue;
        out.append({f[3].toInt(), f[4].toInt(), f[12].toDouble(), f[13].toDouble()});
    }
    return out;
}

} // namespace

class TestReportImages : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void photosKeepTheirProportions_data()
    {
        QTest::addColumn<bool>("inWorkerThread");
        QTest::newRow("on the main thread (the CLI)") << false;
        QTest::newRow("in a worker thread (the desktop)") << true;
    }
    void photosKeepTheirProportions()
    {
        QFETCH(bool, inWorkerThread);
        TestVault t;
        QVERIFY(ClinicSettings(t.db()).setControllerAddress(QStringLiteral("1 Harbour Street, Leeds")).ok());
        const qint64 client = t.addClient(QStringLiteral("Amara"), QStringLiteral("Okafor"));
        QTemporaryDir files;
        const QList<QSize> sizes{{900, 1200}, {1200, 800}, {640, 640}};
        for (int i = 0; i < sizes.size(); ++i) {
            const QString path = files.filePath(QStringLiteral("photo%1.jpg").arg(i));
            writeAll(path, encoded(markedImage(sizes[i].width(), sizes[i].height()), "JPEG"));
            QVERIFY(ImageStore(t.db()).importFile(client, path, {}, 0).ok());
        }
        // A signed form: its signature is placed too, in its own proportions (300×100).
        QVERIFY(signConsent(t.db(), client) > 0);
        SubjectExportOptions o;
        o.outPath = files.filePath(QStringLiteral("sar.zip"));
        Result<SubjectExportResult> r = makeError(Error::Kind::Failed, QStringLiteral("not run"));
        if (inWorkerThread) {
            std::unique_ptr<QThread> worker(QThread::create([&] { r = exportSubject(t.db(), client, o); }));
            worker->start();
            QVERIFY(worker->wait(120000));
        } else {
            r = exportSubject(t.db(), client, o);
        }
        QVERIFY2(r.ok(), r.ok() ? "" : qPrintable(r.message()));
        runTool(QStringLiteral("unzip"), {QStringLiteral("-o"), QStringLiteral("-d"), files.path(), o.outPath,
                                          QStringLiteral("report.pdf")});
        const QList<Placed> placed = placedImages(files.filePath(QStringLiteral("report.pdf")));
        QCOMPARE(placed.size(), sizes.size() + 1);
        // What was noted of each photo is in words: file names, types and sizes stay in data.json.
        const QString text = runTool(QStringLiteral("pdftotext"),
                                     {files.filePath(QStringLiteral("report.pdf")), QStringLiteral("-")});
        QVERIFY(text.contains(QStringLiteral("Your photos: what we noted about them")));
        for (const char* technical : {"photo0.jpg", "image/jpeg", "Byte size", "Mime"})
            QVERIFY2(!text.contains(QLatin1String(technical), Qt::CaseInsensitive), technical);
        QList<double> ratios;
        for (const Placed& p : placed) {
            // Equal pixels per inch across and down: the picture is not stretched either way.
            QVERIFY2(qAbs(p.xPpi - p.yPpi) <= 0.02 * p.xPpi,
                     qPrintable(QStringLiteral("%1x%2 px placed at %3 x %4 ppi")
                                    .arg(p.width)
                                    .arg(p.height)
                                    .arg(p.xPpi)
                                    .arg(p.yPpi)));
            ratios << double(p.width) / p.height;
            // At the resolution a printed page needs (about 192 ppi), not the preview's 1,600 pixels
            // drawn 8 cm wide: encoding those again made the report most of an export's time.
            QVERIFY2(p.xPpi <= 200 || p.width * p.height <= 300 * 100,
                     qPrintable(QStringLiteral("%1x%2 px at %3 ppi").arg(p.width).arg(p.height).arg(p.xPpi)));
        }
        // And the pictures are the photos and the signature, in their proportions (previews may be smaller).
        for (const QSize& s : sizes + QList<QSize>{{300, 100}}) {
            const double want = double(s.width()) / s.height();
            QVERIFY2(std::any_of(ratios.cbegin(), ratios.cend(),
                                 [&](double got) { return qAbs(got - want) <= 0.02 * want; }),
                     qPrintable(QStringLiteral("no picture of %1x%2").arg(s.width()).arg(s.height())));
        }
    }
};

QTEST_MAIN(TestReportImages)
#include "tst_report_images.moc"
