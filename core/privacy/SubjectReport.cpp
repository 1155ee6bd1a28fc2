#include "privacy/SubjectReport.h"

#include "export/Pdf.h"
#include "privacy/DataMap.h"
#include "records/Money.h"
#include "settings/Settings.h"

#include <QDateTime>
#include <QFont>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QTextDocument>
#include <QUrl>
#include <algorithm>

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
    static const QStringList bookkeeping{
        QStringLiteral("id"),         QStringLiteral("subject_ref"), QStringLiteral("normalised"),
        QStringLiteral("snapshot"),   QStringLiteral("restricted"),  QStringLiteral("erased_at"),
        QStringLiteral("created_at"), QStringLiteral("updated_at"),  QStringLiteral("e164")};
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
    for (const char* key : {"title", "first_name", "last_name", "preferred_name", "pronouns", "date_of_birth",
                            "status", "source", "created_at"}) {
        const QString value = text(QLatin1String(key), c.value(QLatin1String(key)));
        if (!value.isEmpty())
            html += QStringLiteral("<tr><td><i>%1</i></td><td>%2</td></tr>")
                        .arg(esc(label(QLatin1String(key))), esc(value));
    }
    return html + QStringLiteral("</table>");
}

// Notes read as a diary: when, what, then the note itself.
QString notes(const QJsonArray& rows)
{
    QString html;
    for (const QJsonValue& v : rows) {
        const QJsonObject i = v.toObject();
        QString head = text(QStringLiteral("occurred_at"), i.value(QStringLiteral("occurred_at"))) +
                       QStringLiteral(" — ") + label(i.value(QStringLiteral("kind")).toString());
        if (!i.value(QStringLiteral("direction")).toString().isEmpty())
            head += QStringLiteral(" (%1)").arg(i.value(QStringLiteral("direction")).toString() ==
                                                        QLatin1String("in")
                                                    ? QObject::tr("incoming")
                                                    : QObject::tr("outgoing"));
        QString body = esc(i.value(QStringLiteral("body")).toString());
        if (!i.value(QStringLiteral("complaint_status")).toString().isEmpty())
            body += QObject::tr("<br><i>Complaint %1.</i> %2")
                        .arg(esc(i.value(QStringLiteral("complaint_status")).toString()),
                             esc(i.value(QStringLiteral("complaint_resolution")).toString()));
        if (!i.value(QStringLiteral("follow_up_on")).toString().isEmpty())
            body += QObject::tr("<br><i>Follow-up planned for %1.</i>")
                        .arg(text(QStringLiteral("follow_up_on"), i.value(QStringLiteral("follow_up_on"))));
        html += QStringLiteral("<p><b>%1</b><br>%2</p>").arg(esc(head), body);
    }
    return html;
}

QString v(const QJsonObject& row, const char* column)
{
    return text(QLatin1String(column), row.value(QLatin1String(column)));
}

// Appointments read as a diary: when, what, status.
QString appointments(const QJsonArray& rows)
{
    QString html;
    for (const QJsonValue& r : rows) {
        const QJsonObject a = r.toObject();
        const QDateTime start =
            QDateTime::fromString(a.value(QStringLiteral("starts_at")).toString(), Qt::ISODate).toLocalTime();
        const QDateTime end =
            QDateTime::fromString(a.value(QStringLiteral("ends_at")).toString(), Qt::ISODate).toLocalTime();
        QString line = QStringLiteral("<b>%1–%2</b> %3")
                           .arg(esc(start.toString(QStringLiteral("dd/MM/yyyy HH:mm"))),
                                esc(end.toString(QStringLiteral("HH:mm"))), esc(label(v(a, "kind"))));
        if (!v(a, "treatment").isEmpty())
            line += QStringLiteral(": ") + esc(v(a, "treatment"));
        line += QStringLiteral(" (%1)").arg(esc(v(a, "status").replace(QLatin1Char('_'), QLatin1Char('-'))));
        if (!v(a, "cancel_reason").isEmpty())
            line += QObject::tr(" — reason: %1").arg(esc(v(a, "cancel_reason")));
        if (!v(a, "notes").isEmpty())
            line += QStringLiteral("<br><i>%1</i>").arg(esc(v(a, "notes")));
        html += QStringLiteral("<p>%1</p>").arg(line);
    }
    return html;
}

// One paragraph per treatment given, with product, batch and expiry.
QString treatments(const QJsonArray& rows)
{
    QString html;
    for (const QJsonValue& r : rows) {
        const QJsonObject t = r.toObject();
        QStringList parts;
        if (!v(t, "areas").isEmpty())
            parts << QObject::tr("Areas: %1").arg(esc(v(t, "areas")));
        if (!v(t, "product").isEmpty())
            parts << QObject::tr("Product: %1").arg(esc(v(t, "product")));
        if (!v(t, "batch_number").isEmpty())
            parts << QObject::tr("Batch: %1").arg(esc(v(t, "batch_number")));
        if (!v(t, "expiry_date").isEmpty())
            parts << QObject::tr("Expiry: %1").arg(esc(v(t, "expiry_date")));
        if (!v(t, "quantity").isEmpty())
            parts << QObject::tr("Quantity: %1 %2").arg(esc(v(t, "quantity")), esc(v(t, "quantity_unit")));
        if (!v(t, "consent_form_ref").isEmpty())
            parts << QObject::tr("Consent form: %1").arg(esc(v(t, "consent_form_ref")));
        parts << QObject::tr("Aftercare given: %1").arg(esc(v(t, "aftercare_given")));
        QString body = parts.join(QStringLiteral("<br>"));
        if (!v(t, "notes").isEmpty())
            body += QStringLiteral("<br><i>%1</i>").arg(esc(v(t, "notes")));
        html += QStringLiteral("<p><b>%1 — %2</b><br>%3</p>")
                    .arg(esc(v(t, "given_on")), esc(v(t, "treatment")), body);
    }
    return html;
}

// Each quote with its lines and total.
QString quotes(const QJsonArray& rows, const QJsonArray& items)
{
    QString html;
    for (const QJsonValue& r : rows) {
        const QJsonObject q = r.toObject();
        const double id = q.value(QStringLiteral("id")).toDouble();
        html += QObject::tr("<p><b>Quote of %1</b>, valid until %2 (%3)</p>")
                    .arg(esc(v(q, "created_on")), esc(v(q, "valid_until")), esc(v(q, "status")));
        html += QStringLiteral("<table border='1' cellspacing='0' cellpadding='3'>");
        qint64 total = 0;
        for (const QJsonValue& iv : items) {
            const QJsonObject i = iv.toObject();
            if (i.value(QStringLiteral("quote_id")).toDouble() != id)
                continue;
            const qint64 price = qint64(i.value(QStringLiteral("price_pence")).toDouble());
            const qint64 quantity = qint64(i.value(QStringLiteral("quantity")).toDouble());
            const qint64 n = quantity > 0 ? quantity : 1;
            total += price * n;
            html += QStringLiteral("<tr><td>%1</td><td align='right'>%2 × %3</td></tr>")
                        .arg(esc(v(i, "treatment")), money::format(price))
                        .arg(n);
        }
        html += QObject::tr("<tr><td><b>Total</b></td><td align='right'><b>%1</b></td></tr></table>")
                    .arg(money::format(total));
        if (!v(q, "notes").isEmpty())
            html += QStringLiteral("<p><i>%1</i></p>").arg(esc(v(q, "notes")));
    }
    return html;
}

// Payments and refunds: date, kind, amount, method, what for.
QString payments(const QJsonArray& rows)
{
    QString html =
        QStringLiteral("<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr><th "
                       "align='left'>%1</th><th align='left'>%2</th>"
                       "<th align='right'>%3</th><th align='left'>%4</th><th align='left'>%5</th></tr>")
            .arg(QObject::tr("Date"), QObject::tr("Kind"), QObject::tr("Amount"), QObject::tr("Method"),
                 QObject::tr("What for"));
    for (const QJsonValue& r : rows) {
        const QJsonObject p = r.toObject();
        html +=
            QStringLiteral("<tr><td>%1</td><td>%2</td><td align='right'>%3</td><td>%4</td><td>%5</td></tr>")
                .arg(esc(v(p, "paid_on")), esc(v(p, "kind")), esc(v(p, "amount_pence")),
                     esc(v(p, "method").replace(QLatin1Char('_'), QLatin1Char(' '))),
                     esc(v(p, "description")));
    }
    return html + QStringLiteral("</table>");
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

// A photo's place on the page: 300 units wide at most and 360 high at most (two fit a page), in the
// picture's own proportions.
QSize placedSize(const QSize& pixels)
{
    if (pixels.isEmpty())
        return {1, 1};
    QSizeF s(300.0, 300.0 * pixels.height() / pixels.width());
    if (s.height() > 360.0)
        s = QSizeF(360.0 * pixels.width() / pixels.height(), 360.0);
    return QSize(qMax(1, qRound(s.width())), qMax(1, qRound(s.height())));
}

} // namespace

Result<QByteArray> renderSubjectReport(Database& db, const QJsonObject& d, const QList<ReportImage>& images)
{
    ClinicSettings settings(db);
    const QJsonObject controller = d.value(QStringLiteral("controller")).toObject();
    const QJsonObject data = d.value(QStringLiteral("data")).toObject();
    const QJsonObject subject = d.value(QStringLiteral("subject")).toObject();
    QString h;
    h += QObject::tr("<h1>Your personal data at %1</h1>")
             .arg(esc(controller.value(QStringLiteral("name")).toString()));
    const QJsonObject person = data.value(QStringLiteral("contact"))
                                   .toObject()
                                   .value(QStringLiteral("clients"))
                                   .toArray()
                                   .first()
                                   .toObject();
    h += QObject::tr("<p>Prepared for %1 on %2 in answer to your request. Reference: %3.</p>")
             .arg(esc(person.value(QStringLiteral("first_name")).toString() + QLatin1Char(' ') +
                      person.value(QStringLiteral("last_name")).toString()),
                  QDate::currentDate().toString(QStringLiteral("d MMMM yyyy")),
                  esc(subject.value(QStringLiteral("subject_ref")).toString()));
    h += QObject::tr("<h2>Who we are</h2><p>%1<br>%2<br>%3</p>")
             .arg(esc(controller.value(QStringLiteral("name")).toString()),
                  esc(controller.value(QStringLiteral("address")).toString()),
                  esc(controller.value(QStringLiteral("email")).toString()));
    h += QObject::tr("<h2>What we hold, why, and for how long</h2>");
    h += QStringLiteral("<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr><th "
                        "align='left'>%1</th><th align='left'>%2</th>"
                        "<th align='left'>%3</th><th align='left'>%4</th></tr>")
             .arg(QObject::tr("Category"), QObject::tr("Why we hold it"), QObject::tr("Lawful basis"),
                  QObject::tr("How long we keep it"));
    // One row per category held, with every purpose, basis and retention rule of its tables.
    QList<datamap::Category> order;
    QHash<int, QStringList> purposes, grounds, retention;
    const datamap::RetentionPeriods periods = datamap::retentionPeriods(db);
    for (const datamap::Table& t : datamap::tables()) {
        if (t.link.isEmpty() || !t.exported ||
            !data.value(datamap::categoryKey(t.category)).toObject().contains(t.name))
            continue;
        const int key = int(t.category);
        if (!order.contains(t.category))
            order << t.category;
        for (auto [list, value] :
             {std::pair{&purposes[key], t.purpose}, std::pair{&grounds[key], datamap::groundName(t.ground)},
              std::pair{&retention[key], datamap::expand(t.retention, periods)}})
            if (!list->contains(value))
                *list << value;
        if (!t.article9.isEmpty() && !grounds[key].contains(t.article9))
            grounds[key] << t.article9;
    }
    for (datamap::Category c : order)
        h += QStringLiteral("<tr><td>%1</td><td>%2</td><td>%3</td><td>%4</td></tr>")
                 .arg(esc(datamap::categoryName(c)), esc(purposes[int(c)].join(QStringLiteral("; "))),
                      esc(grounds[int(c)].join(QStringLiteral("; "))),
                      esc(retention[int(c)].join(QStringLiteral("; "))));
    h += QStringLiteral("</table>");
    if (std::any_of(order.cbegin(), order.cend(), [&](datamap::Category c) {
            return grounds[int(c)].contains(datamap::healthCareCondition());
        }))
        h +=
            QObject::tr("<p><b>Health data.</b> Your treatment records and treatment photos are health data, "
                        "a special category of personal data (UK GDPR Article 9). Besides the lawful basis "
                        "above, we rely on Article 9(2)(h): they are kept to provide your care, by "
                        "practitioners bound by a duty of confidentiality. Only practitioners and managers "
                        "can open them.</p>");
    h += QObject::tr("<p><b>Who receives it:</b> %1.</p>").arg(esc(settings.recipients()));
    h += QObject::tr("<p><b>Where it came from:</b> from you, when you contacted us or visited, and from our "
                     "staff's notes of "
                     "those contacts. Where your enquiry came from (our website, a referral, social media) "
                     "is recorded below as "
                     "\"Source\". We do not use automated decision-making or profiling.</p>");
    h += QObject::tr("<h2>Your rights</h2><p>You may ask us for a copy of your data (this report), to "
                     "correct it, to erase it, "
                     "to restrict how we use it, to receive it in a machine-readable form (the data.json "
                     "file with this report), "
                     "and to object to marketing at any time; where you gave consent, you may withdraw it. "
                     "If you are unhappy with "
                     "how we have used your data you can complain to the Information Commissioner's Office: "
                     "ico.org.uk/make-a-complaint, "
                     "telephone 0303 123 1113, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF.</p>");
    h += QObject::tr("<h2>Your data</h2>");
    for (const datamap::Table& t : datamap::tables()) {
        const QJsonArray rows =
            data.value(datamap::categoryKey(t.category)).toObject().value(t.name).toArray();
        // Quote lines are shown inside their quotes; which images a quote used is in data.json.
        if (rows.isEmpty() || t.name == QLatin1String("client_merges") ||
            t.name == QLatin1String("quote_items") || t.name == QLatin1String("quote_images"))
            continue;
        h += QStringLiteral("<h3>%1 — %2</h3>")
                 .arg(esc(datamap::categoryName(t.category)), esc(label(t.name)));
        if (t.name == QLatin1String("clients"))
            h += personTable(rows.first().toObject());
        else if (t.name == QLatin1String("interactions"))
            h += notes(rows);
        else if (t.name == QLatin1String("appointments"))
            h += appointments(rows);
        else if (t.name == QLatin1String("treatment_records"))
            h += treatments(rows);
        else if (t.name == QLatin1String("quotes"))
            h += quotes(rows, data.value(datamap::categoryKey(t.category))
                                  .toObject()
                                  .value(QStringLiteral("quote_items"))
                                  .toArray());
        else if (t.name == QLatin1String("payments"))
            h += payments(rows);
        else
            h += table(rows);
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
            const QImage& picture = images.at(i).image;
            doc.addResource(QTextDocument::ImageResource, url, picture);
            // Both sides given, in the picture's own proportions: with the width alone, Qt's text
            // layout sizes the height from the pixels when it draws outside the GUI thread (the
            // desktop exports in a worker), which stretched a portrait photo to four times its height.
            const QSize placed = placedSize(picture.size());
            h += QStringLiteral("<p><img src='%1' width='%2' height='%3'><br>%4</p>")
                     .arg(url.toString())
                     .arg(placed.width())
                     .arg(placed.height())
                     .arg(esc(images.at(i).caption));
        }
    }
    doc.setHtml(h);
    return printPdf(doc, QObject::tr("Your personal data"), QObject::tr("The report could not be drawn."));
}

} // namespace cd
