// A treatment record on paper (TreatmentRecords::renderPdf): what was given, with which batch, the
// consent it rests on, the face chart with its points, the before/after photos.
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "clients/ClientStore.h"
#include "common/Clock.h"
#include "export/Letterhead.h"
#include "export/Pdf.h"
#include "images/ImageStore.h"
#include "records/FaceChart.h"
#include "records/TreatmentRecords.h"
#include "settings/Settings.h"
#include "stock/Stock.h"
#include "storage/Sql.h"

#include <QFont>
#include <QImage>
#include <QObject>
#include <QTextDocument>
#include <QUrl>

namespace cd {

namespace {

QString esc(const QString& s)
{
    return s.toHtmlEscaped().replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

QString longDate(const QDate& d)
{
    return d.isValid() ? d.toString(QStringLiteral("d MMMM yyyy")) : QString();
}

// The chart is drawn 1500 pixels wide and placed 480 points wide: sharp on paper.
constexpr int kChartPixels = 1500;
constexpr int kChartPoints = 440;

} // namespace

Result<QByteArray> TreatmentRecords::renderPdf(qint64 id)
{
    auto record = get(id);
    if (!record)
        return record.error();
    const TreatmentRecord& r = record.value();
    auto name = guarded([&]() -> Result<QString> {
        return ClientStore(m_db).displayNamesInTransaction({r.clientId}).value(r.clientId);
    });
    if (!name)
        return name.error();
    ClinicSettings settings(m_db);
    QTextDocument doc;
    // Letter spacing turns ligatures off so "filler" reads back as typed (see SubjectReport).
    QFont font(QStringLiteral("DejaVu Sans"), 10);
    font.setLetterSpacing(QFont::AbsoluteSpacing, 0.02);
    doc.setDefaultFont(font);
    QString h = letterheadHtml(settings.letterhead(), doc);
    h += QObject::tr("<h2>Treatment record %1: %2</h2>").arg(r.id).arg(esc(name.value()));

    QList<std::pair<QString, QString>> rows{{QObject::tr("Given on"), longDate(r.givenOn)},
                                            {QObject::tr("Practitioner"), r.practitionerName},
                                            {QObject::tr("Treatment"), r.treatment},
                                            {QObject::tr("Areas"), r.areas},
                                            {QObject::tr("Product"), r.product},
                                            {QObject::tr("Batch"), r.batchNumber},
                                            {QObject::tr("Batch expiry"), longDate(r.expiryDate)}};
    if (r.quantity > 0)
        rows.append({QObject::tr("Quantity"), Stock::formatQuantity(r.quantity, r.quantityUnit)});
    QString consent = r.consentFormRef;
    if (!r.overriddenForm.isEmpty())
        consent = QObject::tr("Recorded by a manager without the signed “%1”: %2")
                      .arg(r.overriddenForm, r.overrideReason);
    rows.append({QObject::tr("Consent"), consent});
    rows.append({QObject::tr("Aftercare given"), r.aftercareGiven ? QObject::tr("Yes") : QObject::tr("No")});
    rows.append({QObject::tr("Notes"), r.notes});
    h += QStringLiteral("<table cellpadding='3' width='100%'>");
    for (const auto& [label, value] : rows)
        if (!value.trimmed().isEmpty())
            h += QStringLiteral("<tr><td width='25%'><b>%1</b></td><td>%2</td></tr>")
                     .arg(esc(label), esc(value));
    h += QStringLiteral("</table>");

    if (!r.chart.isEmpty()) {
        const QImage chart = facechart::render(r.chart, kChartPixels);
        doc.addResource(QTextDocument::ImageResource, QUrl(QStringLiteral("chart:%1").arg(r.id)), chart);
        h += QObject::tr("<h3>Face chart</h3>");
        h += QStringLiteral("<p><img src='chart:%1' width='%2' height='%3'></p>")
                 .arg(r.id)
                 .arg(kChartPoints)
                 .arg(qRound(double(kChartPoints) * chart.height() / chart.width()));
        h += QStringLiteral("<table cellpadding='2' width='100%'>");
        for (int i = 0; i < r.chart.size(); ++i)
            h += QStringLiteral("<tr><td width='4%'><b>%1</b></td><td width='18%' style='white-space: "
                                "nowrap'>%2</td><td>%3</td></tr>")
                     .arg(i + 1)
                     .arg(esc(vocab::label(r.chart.at(i).view)), esc(facechart::describe(r.chart.at(i))));
        h += QStringLiteral("</table>");
    }

    ImageStore images(m_db);
    int shown = 0;
    for (qint64 imageId : r.photoIds) {
        auto bytes = images.data(imageId, Rendition::Preview);
        if (!bytes)
            continue;
        const QImage img = QImage::fromData(bytes.value());
        if (img.isNull())
            continue;
        const QUrl url(QStringLiteral("image:%1").arg(imageId));
        doc.addResource(QTextDocument::ImageResource, url, img);
        if (shown++ == 0)
            h += QObject::tr("<h3>Before and after photos</h3>");
        // 220 points wide at most, 300 high at most, in the photo's own proportions.
        const double scale = std::min(220.0 / img.width(), 300.0 / img.height());
        h += QStringLiteral("<p><img src='%1' width='%2' height='%3'></p>")
                 .arg(url.toString())
                 .arg(qRound(img.width() * scale))
                 .arg(qRound(img.height() * scale));
    }
    const auto day = [](const QString& iso) {
        return longDate(QDate::fromString(iso.left(10), Qt::ISODate));
    };
    h += QObject::tr("<p><small>Written on %1, last changed on %2. Printed on %3 by %4.</small></p>")
             .arg(day(r.createdAt), day(r.updatedAt), longDate(Clock::today()), esc(m_db.actor().username));
    doc.setHtml(h);
    return printPdf(doc, QObject::tr("Treatment record %1").arg(r.id),
                    QObject::tr("The treatment record could not be drawn."));
}

Status TreatmentRecords::exportPdf(qint64 id, const QString& path)
{
    if (path.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Choose where to save the treatment record."));
    auto pdf = renderPdf(id);
    if (!pdf)
        return pdf.error();
    if (auto st = savePdf(pdf.value(), path); !st)
        return st;
    auto r = get(id);
    return guarded([&]() -> Status {
        return AuditLog(m_db).append(QStringLiteral("treatment-record-exported"),
                                     client::subjectRefOf(m_db, r ? r->clientId : 0),
                                     QStringLiteral("treatment record %1 as PDF").arg(id));
    });
}

} // namespace cd
