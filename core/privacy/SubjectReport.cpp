#include "privacy/SubjectReport.h"

#include "diary/Money.h"
#include "privacy/DataMap.h"
#include "settings/Settings.h"

#include <QBuffer>
#include <QFont>
#include <QHash>
#include <QDateTime>
#include <QJsonArray>
#include <QObject>
#include <QPageLayout>
#include <QPdfWriter>
#include <QTextDocument>
#include <QUrl>

namespace cd {

namespace {

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString label(const QString& column)
{
    QString l = column;
    if (l.endsWith(QLatin1String("_pence")))
        l.chop(6); // shown in pounds
    if (l == QLatin1String("treatment_ref"))
        l = QStringLiteral("treatment_record");
    l.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!l.isEmpty())
        l[0] = l[0].toUpper();
    return l;
}

bool hidden(const QString& column)
{
    static const QStringList bookkeeping{QStringLiteral("id"), QStringLiteral("subject_ref"), QStringLiteral("normalised"),
                                         QStringLiteral("snapshot"), QStringLiteral("restricted"), QStringLiteral("erased_at"),
                                         QStringLiteral("created_at"), QStringLiteral("updated_at"), QStringLiteral("e164")};
    return column.endsWith(QLatin1String("_id")) || bookkeeping.contains(column);
}

QString text(const QString& column, const QJsonValue& v)
{
    if (v.isNull() || v.isUndefined())
        return {};
    if (column == QLatin1String("granted"))
        return v.toDouble() != 0 ? QObject::tr("given") : QObject::tr("withdrawn");
    if (column == QLatin1String("aftercare_given"))
        return v.toDouble() != 0 ? QObject::tr("yes") : QObject::tr("no");
    if (column.endsWith(QLatin1String("_pence")) && v.isDouble())
        return money::format(qint64(v.toDouble()));
    if (column == QLatin1String("quantity") && v.isDouble())
        return QString::number(v.toDouble());
    if (v.isDouble())
        return QString::number(qint64(v.toDouble()));
    const QString s = v.toString();
    const QDateTime when = QDateTime::fromString(s, Qt::ISODate);
    if (s.size() == 20 && when.isValid())
        return when.toLocalTime().toString(QStringLiteral("dd/MM/yyyy HH:mm"));
    const QDate day = QDate::fromString(s, Qt::ISODate);
    if (s.size() == 10 && day.isValid())
        return day.toString(QStringLiteral("dd/MM/yyyy"));
    return s;
}

// The person: one line per detail that has a value.
QString personTable(const QJsonObject& c)
{
    QString html = QStringLiteral("<table cellpadding='2'>");
    for (const char* key : {"title", "first_name", "last_name", "preferred_name", "pronouns", "date_of_birth", "status", "source",
                            "created_at"}) {
        const QString value = text(QLatin1String(key), c.value(QLatin1String(key)));
        if (!value.isEmpty())
            html += QStringLiteral("<tr><td><i>%1</i></td><td>%2</td></tr>").arg(esc(label(QLatin1String(key))), esc(value));
    }
    return html + QStringLiteral("</table>");
}

// Notes read as a diary: when, what, then the note itself.
QString notes(const QJsonArray& rows)
{
    QString html;
    for (const QJsonValue& v : rows) {
        const QJsonObject i = v.toObject();
        QString head = text(QStringLiteral("occurred_at"), i.value(QStringLiteral("occurred_at"))) + QStringLiteral(" — ") +
                       label(i.value(QStringLiteral("kind")).toString());
        if (!i.value(QStringLiteral("direction")).toString().isEmpty())
            head += QStringLiteral(" (%1)").arg(i.value(QStringLiteral("direction")).toString() == QLatin1String("in") ? QObject::tr("incoming")
                                                                                                                   : QObject::tr("outgoing"));
        QString body = esc(i.value(QStringLiteral("body")).toString());
        if (!i.value(QStringLiteral("complaint_status")).toString().isEmpty())
            body += QObject::tr("<br><i>Complaint %1.</i> %2").arg(esc(i.value(QStringLiteral("complaint_status")).toString()),
                                                                   esc(i.value(QStringLiteral("complaint_resolution")).toString()));
        if (!i.value(QStringLiteral("follow_up_on")).toString().isEmpty())
            body += QObject::tr("<br><i>Follow-up planned for %1.</i>").arg(text(QStringLiteral("follow_up_on"), i.value(QStringLiteral("follow_up_on"))));
        html += QStringLiteral("<p><b>%1</b><br>%2</p>").arg(esc(head), body);
    }
    return html;
}

QString table(const QJsonArray& rows)
{
    if (rows.isEmpty())
        return {};
    QStringList cols;
    for (const QString& k : rows.first().toObject().keys())
        if (!hidden(k))
            cols << k;
    QString html = QStringLiteral("<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr>");
    for (const QString& c : cols)
        html += QStringLiteral("<th align='left'>%1</th>").arg(esc(label(c)));
    html += QStringLiteral("</tr>");
    for (const QJsonValue& r : rows) {
        html += QStringLiteral("<tr>");
        for (const QString& c : cols)
            html += QStringLiteral("<td>%1</td>").arg(esc(text(c, r.toObject().value(c))));
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

} // namespace

Result<QByteArray> renderSubjectReport(Database& db, const QJsonObject& d, const QList<ReportImage>& images)
{
    ClinicSettings settings(db);
    const QJsonObject controller = d.value(QStringLiteral("controller")).toObject();
    const QJsonObject data = d.value(QStringLiteral("data")).toObject();
    const QJsonObject subject = d.value(QStringLiteral("subject")).toObject();
    QString h;
    h += QObject::tr("<h1>Your personal data at %1</h1>").arg(esc(controller.value(QStringLiteral("name")).toString()));
    const QJsonObject person = data.value(QStringLiteral("contact")).toObject().value(QStringLiteral("clients")).toArray().first().toObject();
    h += QObject::tr("<p>Prepared for %1 on %2 in answer to your request. Reference: %3.</p>")
             .arg(esc(person.value(QStringLiteral("first_name")).toString() + QLatin1Char(' ') + person.value(QStringLiteral("last_name")).toString()),
                  QDate::currentDate().toString(QStringLiteral("d MMMM yyyy")), esc(subject.value(QStringLiteral("subject_ref")).toString()));
    h += QObject::tr("<h2>Who we are</h2><p>%1<br>%2<br>%3</p>")
             .arg(esc(controller.value(QStringLiteral("name")).toString()), esc(controller.value(QStringLiteral("address")).toString()),
                  esc(controller.value(QStringLiteral("email")).toString()));
    h += QObject::tr("<h2>What we hold, why, and for how long</h2>");
    h += QStringLiteral("<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr><th align='left'>%1</th><th align='left'>%2</th>"
                        "<th align='left'>%3</th><th align='left'>%4</th></tr>")
             .arg(QObject::tr("Category"), QObject::tr("Why we hold it"), QObject::tr("Lawful basis"), QObject::tr("How long we keep it"));
    // One row per category held, with every purpose, basis and retention rule of its tables.
    QList<datamap::Category> order;
    QHash<int, QStringList> purposes, grounds, retention;
    const datamap::RetentionPeriods periods = datamap::retentionPeriods(db);
    for (const datamap::Table& t : datamap::tables()) {
        if (t.subjectLink.isEmpty() || !t.exported || !data.value(datamap::categoryKey(t.category)).toObject().contains(t.name))
            continue;
        const int key = int(t.category);
        if (!order.contains(t.category))
            order << t.category;
        for (auto [list, value] : {std::pair{&purposes[key], t.purpose}, std::pair{&grounds[key], datamap::groundName(t.ground)},
                                   std::pair{&retention[key], datamap::expand(t.retention, periods)}})
            if (!list->contains(value))
                *list << value;
    }
    for (datamap::Category c : order)
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                 .arg(esc(datamap::categoryName(c)), esc(purposes[int(c)].join(QStringLiteral("; "))),
                      esc(grounds[int(c)].join(QStringLiteral("; "))), esc(retention[int(c)].join(QStringLiteral("; "))));
    h += QStringLiteral("</table>");
    h += QObject::tr("<p><b>Who receives it:</b> %1.</p>").arg(esc(settings.recipients()));
    h += QObject::tr("<p><b>Where it came from:</b> from you, when you contacted us or visited, and from our staff's notes of "
                     "those contacts. Where your enquiry came from (our website, a referral, social media) is recorded below as "
                     "\"Source\". We do not use automated decision-making or profiling.</p>");
    h += QObject::tr("<h2>Your rights</h2><p>You may ask us for a copy of your data (this report), to correct it, to erase it, "
                     "to restrict how we use it, to receive it in a machine-readable form (the data.json file with this report), "
                     "and to object to marketing at any time; where you gave consent, you may withdraw it. If you are unhappy with "
                     "how we have used your data you can complain to the Information Commissioner's Office: ico.org.uk/make-a-complaint, "
                     "telephone 0303 123 1113, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF.</p>");
    h += QObject::tr("<h2>Your data</h2>");
    for (const datamap::Table& t : datamap::tables()) {
        const QJsonArray rows = data.value(datamap::categoryKey(t.category)).toObject().value(t.name).toArray();
        if (rows.isEmpty() || t.name == QLatin1String("client_merges"))
            continue;
        h += QStringLiteral("<h3>%1 — %2</h3>").arg(esc(datamap::categoryName(t.category)), esc(label(t.name)));
        h += t.name == QLatin1String("clients") ? personTable(rows.first().toObject())
             : t.name == QLatin1String("interactions") ? notes(rows) : table(rows);
    }
    QTextDocument doc;
    // A hair of letter spacing turns off ligatures, so "filler" reads back as typed (copy, search,
    // screen readers) instead of with an "fi" glyph.
    QFont font(QStringLiteral("DejaVu Sans"), 10);
    font.setLetterSpacing(QFont::AbsoluteSpacing, 0.02); // below 1/64 px it rounds to none
    doc.setDefaultFont(font);
    if (!images.isEmpty()) {
        h += QObject::tr("<h2>Your images</h2>");
        for (int i = 0; i < images.size(); ++i) {
            const QUrl url(QStringLiteral("image:%1").arg(i));
            doc.addResource(QTextDocument::ImageResource, url, images.at(i).image);
            h += QStringLiteral("<p><img src='%1' width='300'><br>%2</p>").arg(url.toString(), esc(images.at(i).caption));
        }
    }
    doc.setHtml(h);
    QByteArray pdf;
    QBuffer buffer(&pdf);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setTitle(QObject::tr("Your personal data"));
    writer.setCreator(QStringLiteral("Clinicdesk"));
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    doc.print(&writer);
    buffer.close();
    if (pdf.size() < 100)
        return makeError(Error::Kind::Failed, QObject::tr("The report could not be drawn."));
    return pdf;
}

} // namespace cd
