#include "export/Letterhead.h"

#include <QImage>
#include <QStringList>
#include <QTextDocument>
#include <QUrl>

namespace cd {

QString letterheadHtml(const Letterhead& head, QTextDocument& doc)
{
    QStringList lines{QStringLiteral("<span style='font-size: x-large; font-weight: 600'>%1</span>")
                          .arg(head.name.toHtmlEscaped())};
    for (const QString& l : head.address.split(QLatin1Char('\n')))
        if (!l.trimmed().isEmpty())
            lines << l.trimmed().toHtmlEscaped();
    if (!head.phone.isEmpty())
        lines << QObject::tr("Telephone %1").arg(head.phone.toHtmlEscaped());
    if (!head.email.isEmpty())
        lines << head.email.toHtmlEscaped();
    QString logo;
    const QImage image = QImage::fromData(head.logoPng);
    if (!image.isNull()) {
        const QUrl url(QStringLiteral("clinicdesk:letterhead-logo"));
        doc.addResource(QTextDocument::ImageResource, url, image);
        // At most 70 px high and 240 wide on the page, in its own proportions.
        const double scale = std::min({1.0, 70.0 / image.height(), 240.0 / image.width()});
        logo = QStringLiteral("<img src='%1' width='%2' height='%3'>")
                   .arg(url.toString())
                   .arg(qRound(image.width() * scale))
                   .arg(qRound(image.height() * scale));
    }
    return QStringLiteral("<table width='100%' cellspacing='0' cellpadding='0'><tr><td valign='top'>%1</td>"
                          "<td align='right' valign='top'>%2</td></tr></table><hr>")
        .arg(logo, lines.join(QStringLiteral("<br>")));
}

} // namespace cd
