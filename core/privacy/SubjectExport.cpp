#include "privacy/SubjectExport.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "common/Clock.h"
#include "common/Durable.h"
#include "export/ZipWriter.h"
#include "images/ImageStore.h"
#include "privacy/Register.h"
#include "privacy/SubjectReport.h"
#include "settings/Settings.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFileInfo>
#include <QImage>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QSaveFile>

namespace cd {

namespace {

QString sha256(const QByteArray& b)
{
    return QString::fromLatin1(QCryptographicHash::hash(b, QCryptographicHash::Sha256).toHex());
}

const char* kReadme = "This archive holds the personal data the clinic keeps about you.\n\n"
                      "report.pdf  - a readable report: who holds your data, why, for how long, your rights, "
                      "and the data itself.\n"
                      "data.json   - the same data in a machine-readable form (format "
                      "\"clinicdesk-subject-export\", version 1),\n"
                      "              which you may take to another provider.\n"
                      "images/     - the original images, when there are any.\n";

// The previews as the report draws them: decoded at the size the page needs (libjpeg decodes at a
// half, a quarter or an eighth of the size directly), not at the preview's 1,600 pixels.
QList<ReportImage> decodeForReport(const QList<std::pair<QString, QByteArray>>& previews)
{
    QList<ReportImage> out;
    for (const auto& [caption, jpeg] : previews) {
        QBuffer buffer;
        buffer.setData(jpeg);
        QImageReader reader(&buffer);
        const QSize full = reader.size();
        if (full.isValid())
            reader.setScaledSize(reportPictureSize(full));
        out.append({caption, reader.read()});
    }
    return out;
}

} // namespace

Result<SubjectExportResult> exportSubject(Database& db, qint64 clientId, const SubjectExportOptions& o)
{
    if (auto st = access::require(db, Action::ExportData); !st)
        return st.error();
    if (o.outPath.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Choose where to save the export."));
    const bool access = o.kind == SubjectExportOptions::Kind::Access;
    // The report is a letter from the controller (portability is data.json alone).
    if (access)
        if (auto st = ClinicSettings(db).checkControllerForReports(); !st)
            return st.error();
    const int steps = access ? 4 : 2;
    auto step = [&](int done, const QString& what) { return !o.progress || o.progress(done, steps, what); };
    if (!step(0, QObject::tr("Gathering the client's data")))
        return makeError(Error::Kind::Failed, QObject::tr("Export cancelled; nothing was written."));
    auto data = collectSubjectData(db, clientId, o.data);
    if (!data)
        return data.error();
    // The original images go in the ZIP as files; their previews go in the report.
    QList<ZipEntry> files;
    QList<std::pair<QString, QByteArray>> previewFiles; // caption, JPEG
    QJsonArray fileList;
    auto images = ImageStore(db).list(clientId);
    if (!images)
        return images.error();
    for (const ImageRecord& img : images.value()) {
        auto original = ImageStore(db).data(img.id, Rendition::Original);
        if (!original)
            return original.error();
        const QString extension =
            img.mimeType == QLatin1String("image/png") ? QStringLiteral("png") : QStringLiteral("jpg");
        // A ZIP's entry names are readable without its password: in an encrypted one they say nothing
        // about the photo (data.json, inside, says which image each one is, its area and kind).
        const QString name = o.zipPassword.isEmpty() ? QStringLiteral("images/%1-%2-%3.%4")
                                                           .arg(img.id)
                                                           .arg(vocab::code(img.details.area),
                                                                vocab::code(img.details.kind), extension)
                                                     : QStringLiteral("images/image-%1.%2")
                                                           .arg(files.size() + 1, 3, 10, QLatin1Char('0'))
                                                           .arg(extension);
        files.append({name, original.value(), true});
        fileList.append(QJsonObject{{QStringLiteral("path"), name},
                                    {QStringLiteral("image_id"), double(img.id)},
                                    {QStringLiteral("area"), vocab::code(img.details.area)},
                                    {QStringLiteral("kind"), vocab::code(img.details.kind)},
                                    {QStringLiteral("sha256"), sha256(original.value())}});
        if (access) {
            auto preview = ImageStore(db).data(img.id, Rendition::Preview);
            if (preview)
                previewFiles.append({QStringLiteral("%1, %2, %3")
                                         .arg(vocab::label(img.details.area), vocab::label(img.details.kind),
                                              img.details.takenOn.toString(QStringLiteral("d MMMM yyyy"))),
                                     preview.value()});
        }
    }
    QJsonObject doc = data.value();
    doc.insert(QStringLiteral("files"), fileList);
    QList<ZipEntry> entries{{QStringLiteral("data.json"), QJsonDocument(doc).toJson(QJsonDocument::Indented)},
                            {QStringLiteral("README.txt"), QByteArray(kReadme)}};
    entries += files;
    QByteArray pdf;
    if (access) {
        if (!step(1, QObject::tr("Writing the report")))
            return makeError(Error::Kind::Failed, QObject::tr("Export cancelled; nothing was written."));
        auto report = renderSubjectReport(db, doc, decodeForReport(previewFiles));
        if (!report)
            return report.error();
        pdf = report.value();
        entries.prepend({QStringLiteral("report.pdf"), pdf, true});
    }
    if (!step(steps - 1, QObject::tr("Writing the ZIP")))
        return makeError(Error::Kind::Failed, QObject::tr("Export cancelled; nothing was written."));
    if (auto st = writeZip(o.outPath, entries, o.zipPassword); !st)
        return st.error();
    SubjectExportResult r;
    r.zipPath = o.outPath;
    QFile zip(o.outPath);
    if (zip.open(QIODevice::ReadOnly))
        r.zipSha256 =
            QString::fromLatin1(QCryptographicHash::hash(zip.readAll(), QCryptographicHash::Sha256).toHex());
    for (const ZipEntry& e : entries)
        r.entries << e.name;
    if (access && !o.protectedPdfPath.isEmpty()) {
        auto protectedPdf = protectPdf(pdf, o.pdfPassword);
        if (!protectedPdf)
            return protectedPdf.error();
        QSaveFile f(o.protectedPdfPath);
        QString why;
        if (!f.open(QIODevice::WriteOnly) || f.write(protectedPdf.value()) != protectedPdf->size() ||
            !files::commit(f, &why))
            return makeError(Error::Kind::Io,
                             QObject::tr("Cannot write %1: %2")
                                 .arg(o.protectedPdfPath, why.isEmpty() ? f.errorString() : why));
        r.pdfPath = o.protectedPdfPath;
        r.pdfSha256 = sha256(protectedPdf.value());
    }
    if (o.data.requestId > 0) {
        PrivacyRegister reg(db);
        if (auto st = reg.recordSentFile(o.data.requestId, QFileInfo(r.zipPath).fileName(), r.zipSha256); !st)
            return st.error();
        if (!r.pdfPath.isEmpty())
            if (auto st = reg.recordSentFile(o.data.requestId, QFileInfo(r.pdfPath).fileName(), r.pdfSha256);
                !st)
                return st.error();
        const auto request = reg.get(o.data.requestId);
        if (request && request->status == RequestStatus::Open &&
            request->type == (access ? RequestType::Access : RequestType::Portability)) {
            if (auto st = reg.complete(o.data.requestId, Clock::today()); !st)
                return st.error();
            r.answeredRequest = o.data.requestId;
        }
    }
    if (auto st = AuditLog(db).append(
            access ? QStringLiteral("export-subject-access") : QStringLiteral("export-portability"),
            client::subjectRefOf(db, clientId),
            QStringLiteral("%1 sha256 %2%3")
                .arg(QFileInfo(r.zipPath).fileName(), r.zipSha256,
                     r.pdfPath.isEmpty() ? QString() : QStringLiteral(" + protected PDF")));
        !st)
        return st.error();
    step(steps, QObject::tr("Done"));
    return r;
}

} // namespace cd
