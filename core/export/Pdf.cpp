#include "export/Pdf.h"

#include <QBuffer>
#include <QObject>
#include <QPageLayout>
#include <QPageSize>
#include <QPdfWriter>
#include <QSaveFile>
#include <QTextDocument>

namespace cd {

Result<QByteArray> printPdf(QTextDocument& doc, const QString& title, const QString& failure)
{
    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("Clinicdesk"));
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    doc.print(&writer);
    buffer.close();
    if (pdf.size() < 100)
        return makeError(Error::Kind::Failed, failure);
    return pdf;
}

Status savePdf(const QByteArray& pdf, const QString& path)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(pdf) != pdf.size() || !f.commit())
        return makeError(Error::Kind::Io, QObject::tr("Cannot write %1: %2").arg(path, f.errorString()));
    return {};
}

} // namespace cd
