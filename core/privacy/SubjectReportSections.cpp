#include "privacy/SubjectReportSections.h"

#include "clients/Client.h"
#include "clients/Interaction.h"
#include "diary/Diary.h"
#include "images/ImageInfo.h"
#include "privacy/Register.h"
#include "records/FaceChart.h"
#include "records/Money.h"
#include "records/Payments.h"
#include "records/Quotes.h"

#include <QDateTime>
#include <QHash>
#include <QImage>
#include <QLocale>
#include <QObject>
#include <QSize>
#include <algorithm>

namespace cd::report {

namespace {

bool hidden(const QString& column)
{
    static const QStringList bookkeeping{
        QStringLiteral("id"),         QStringLiteral("subject_ref"), QStringLiteral("normalised"),
        QStringLiteral("snapshot"),   QStringLiteral("restricted"),  QStringLiteral("erased_at"),
        QStringLiteral("created_at"), QStringLiteral("updated_at"),  QStringLiteral("e164"),
        QStringLiteral("sealed"),     QStringLiteral("sha256"),      QStringLiteral("sequence")};
    return column.endsWith(QLatin1String("_id")) || column.endsWith(QLatin1String("_by")) ||
           bookkeeping.contains(column);
}

template <typename E> QString labelOf(const QString& code)
{
    if (const auto e = vocab::fromCode<E>(code))
        return vocab::label(*e);
    return QString(code).replace(QLatin1Char('_'), QLatin1Char(' '));
}

// A stored code in the words the desk shows (the codes themselves stay in data.json).
QString words(const QString& table, const QString& column, const QString& code)
{
    const auto is = [&](const char* t, const char* c) {
        return table == QLatin1String(t) && column == QLatin1String(c);
    };
    if (is("clients", "status"))
        return labelOf<ClientStatus>(code);
    if (is("interactions", "kind"))
        return labelOf<InteractionKind>(code);
    if (is("interactions", "direction"))
        return labelOf<Direction>(code);
    if (is("interactions", "complaint_status"))
        return labelOf<ComplaintStatus>(code);
    if (is("appointments", "kind"))
        return labelOf<AppointmentKind>(code);
    if (is("appointments", "status"))
        return labelOf<AppointmentStatus>(code);
    if (is("payments", "kind"))
        return labelOf<PaymentKind>(code);
    if (is("payments", "method"))
        return labelOf<PaymentMethod>(code);
    if (is("quotes", "status"))
        return labelOf<QuoteStatus>(code);
    if (is("images", "kind"))
        return labelOf<ImageKind>(code);
    if (is("images", "area"))
        return labelOf<FaceArea>(code);
    if (is("images", "consent"))
        return labelOf<ImageConsent>(code);
    if (is("consent_events", "channel"))
        return labelOf<ContactChannel>(code);
    if (is("privacy_requests", "type"))
        return labelOf<RequestType>(code);
    if (is("privacy_requests", "status"))
        return labelOf<RequestStatus>(code);
    if (is("privacy_requests", "identity_check"))
        return labelOf<IdentityCheck>(code);
    return code;
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
        return longDate(when.toLocalTime().date()) + QStringLiteral(", ") +
               when.toLocalTime().toString(QStringLiteral("HH:mm"));
    const QDate day = QDate::fromString(s, Qt::ISODate);
    if (s.size() == 10 && day.isValid())
        return longDate(day);
    return s;
}

QString v(const QJsonObject& row, const char* column)
{
    return text(QLatin1String(column), row.value(QLatin1String(column)));
}

// A code column of `table` in words.
QString w(const char* table, const QJsonObject& row, const char* column)
{
    return words(QLatin1String(table), QLatin1String(column), row.value(QLatin1String(column)).toString());
}

QString line(const QString& name, const QString& value)
{
    return value.isEmpty()
               ? QString()
               : QStringLiteral("<tr><td width='30%'><i>%1</i></td><td>%2</td></tr>").arg(esc(name), value);
}

} // namespace
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

QString longDate(const QDate& d)
{
    return QLocale().toString(d, QStringLiteral("d MMMM yyyy"));
}

// The person and every way of reaching them, as one block.
QString contactDetails(const QJsonObject& contact)
{
    const QJsonObject c = contact.value(QStringLiteral("clients")).toArray().at(0).toObject();
    QString html = QStringLiteral("<table cellpadding='3' width='100%'>");
    QStringList name;
    for (const char* key : {"title", "first_name", "last_name"})
        if (!v(c, key).isEmpty())
            name << esc(v(c, key));
    html += line(QObject::tr("Name"), name.join(QLatin1Char(' ')));
    html += line(QObject::tr("Preferred name"), esc(v(c, "preferred_name")));
    html += line(QObject::tr("Pronouns"), esc(v(c, "pronouns")));
    html += line(QObject::tr("Date of birth"), esc(v(c, "date_of_birth")));
    for (const QJsonValue& p : contact.value(QStringLiteral("client_phones")).toArray())
        html += line(QObject::tr("Phone (%1)").arg(v(p.toObject(), "label")), esc(v(p.toObject(), "number")));
    for (const QJsonValue& e : contact.value(QStringLiteral("client_emails")).toArray())
        html +=
            line(QObject::tr("Email (%1)").arg(v(e.toObject(), "label")), esc(v(e.toObject(), "address")));
    for (const QJsonValue& a : contact.value(QStringLiteral("client_addresses")).toArray()) {
        QStringList lines;
        for (const char* key : {"line1", "line2", "town", "county", "postcode", "country"})
            if (!v(a.toObject(), key).isEmpty())
                lines << esc(v(a.toObject(), key));
        html += line(QObject::tr("Address (%1)").arg(v(a.toObject(), "label")),
                     lines.join(QStringLiteral("<br>")));
    }
    for (const QJsonValue& h : contact.value(QStringLiteral("client_handles")).toArray())
        html += line(v(h.toObject(), "service"), esc(v(h.toObject(), "handle")));
    QStringList tags;
    for (const QJsonValue& t : contact.value(QStringLiteral("client_tags")).toArray())
        tags << esc(v(t.toObject(), "tag"));
    html += line(QObject::tr("Tags"), tags.join(QStringLiteral(", ")));
    html += line(QObject::tr("How you found us"), esc(v(c, "source")));
    html += line(QObject::tr("Status"), esc(w("clients", c, "status")));
    html +=
        line(QObject::tr("On our records since"),
             esc(longDate(QDateTime::fromString(c.value(QStringLiteral("created_at")).toString(), Qt::ISODate)
                              .toLocalTime()
                              .date())));
    return html + QStringLiteral("</table>");
}

// Notes read as a diary: when, what, then the note itself.
QString notes(const QJsonArray& rows)
{
    QString html;
    for (const QJsonValue& r : rows) {
        const QJsonObject i = r.toObject();
        QString head = v(i, "occurred_at") + QStringLiteral(" — ") + w("interactions", i, "kind");
        if (!v(i, "direction").isEmpty())
            head += QStringLiteral(" (%1)").arg(
                v(i, "direction") == QLatin1String("in") ? QObject::tr("from you") : QObject::tr("from us"));
        QString body = esc(v(i, "body"));
        if (!v(i, "complaint_status").isEmpty())
            body += QObject::tr("<br><i>Complaint: %1.</i> %2")
                        .arg(esc(w("interactions", i, "complaint_status").toLower()),
                             esc(v(i, "complaint_resolution")));
        if (!v(i, "follow_up_on").isEmpty())
            body +=
                QObject::tr("<br><i>We planned to get back to you on %1.</i>").arg(esc(v(i, "follow_up_on")));
        html += QStringLiteral("<p><b>%1</b><br>%2</p>").arg(esc(head), body);
    }
    return html;
}

// Appointments read as a diary: when, what, how it went.
QString appointments(const QJsonArray& rows)
{
    QString html;
    for (const QJsonValue& r : rows) {
        const QJsonObject a = r.toObject();
        const QDateTime start =
            QDateTime::fromString(a.value(QStringLiteral("starts_at")).toString(), Qt::ISODate).toLocalTime();
        const QDateTime end =
            QDateTime::fromString(a.value(QStringLiteral("ends_at")).toString(), Qt::ISODate).toLocalTime();
        const QString kind = w("appointments", a, "kind");
        QString what = v(a, "treatment");
        if (what.isEmpty())
            what = kind;
        else if (!what.startsWith(kind, Qt::CaseInsensitive))
            what = kind + QStringLiteral(": ") + what;
        QString entry = QStringLiteral("<b>%1, %2–%3</b> %4 — %5")
                            .arg(esc(longDate(start.date())), esc(start.toString(QStringLiteral("HH:mm"))),
                                 esc(end.toString(QStringLiteral("HH:mm"))), esc(what),
                                 esc(w("appointments", a, "status").toLower()));
        if (!v(a, "cancel_reason").isEmpty())
            entry += QObject::tr(" (%1)").arg(esc(v(a, "cancel_reason")));
        if (!v(a, "notes").isEmpty())
            entry += QStringLiteral("<br><i>%1</i>").arg(esc(v(a, "notes")));
        html += QStringLiteral("<p>%1</p>").arg(entry);
    }
    return html;
}

namespace {

// The face charts' points by the treatment record they belong to, in the order placed.
QHash<qint64, QList<ChartPoint>> chartsByRecord(const QJsonArray& chartPoints)
{
    QHash<qint64, QList<std::pair<int, ChartPoint>>> placed;
    for (const QJsonValue& v : chartPoints) {
        const QJsonObject o = v.toObject();
        ChartPoint p;
        p.view =
            vocab::fromCode<FaceView>(o.value(QStringLiteral("view")).toString()).value_or(FaceView::Front);
        p.x = o.value(QStringLiteral("x")).toDouble();
        p.y = o.value(QStringLiteral("y")).toDouble();
        p.product = o.value(QStringLiteral("product")).toString();
        p.batchNumber = o.value(QStringLiteral("batch_number")).toString();
        p.amount = o.value(QStringLiteral("amount")).toDouble();
        p.unit = o.value(QStringLiteral("unit")).toString();
        p.note = o.value(QStringLiteral("note")).toString();
        placed[qint64(o.value(QStringLiteral("record_id")).toDouble())].append(
            {o.value(QStringLiteral("position")).toInt(), p});
    }
    QHash<qint64, QList<ChartPoint>> out;
    for (auto it = placed.begin(); it != placed.end(); ++it) {
        std::sort(it->begin(), it->end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (const auto& [position, point] : *it)
            out[it.key()].append(point);
    }
    return out;
}

constexpr int kChartPixels = 1500, kChartWidth = 440; // drawn, and placed (points)

} // namespace

QList<std::pair<QString, QImage>> chartImages(const QJsonArray& chartPoints)
{
    QList<std::pair<QString, QImage>> out;
    const QHash<qint64, QList<ChartPoint>> charts = chartsByRecord(chartPoints);
    for (auto it = charts.cbegin(); it != charts.cend(); ++it)
        out.append({QStringLiteral("chart:%1").arg(it.key()), facechart::render(it.value(), kChartPixels)});
    return out;
}

// One paragraph per treatment given, with product, batch and expiry, and its face chart.
QString treatments(const QJsonArray& rows, const QJsonArray& chartPoints)
{
    const QHash<qint64, QList<ChartPoint>> charts = chartsByRecord(chartPoints);
    const QImage sample = facechart::render({}, 300);
    const int chartHeight = qRound(double(kChartWidth) * sample.height() / sample.width());
    QString html;
    for (const QJsonValue& r : rows) {
        const QJsonObject t = r.toObject();
        QStringList parts;
        const std::pair<const char*, const char*> fields[] = {
            {QT_TRANSLATE_NOOP("QObject", "Areas"), "areas"},
            {QT_TRANSLATE_NOOP("QObject", "Product"), "product"},
            {QT_TRANSLATE_NOOP("QObject", "Batch"), "batch_number"},
            {QT_TRANSLATE_NOOP("QObject", "Expiry"), "expiry_date"},
            {QT_TRANSLATE_NOOP("QObject", "Consent form"), "consent_form_ref"}};
        for (const auto& [name, column] : fields)
            if (!v(t, column).isEmpty())
                parts << QStringLiteral("%1: %2").arg(QObject::tr(name), esc(v(t, column)));
        if (!v(t, "quantity").isEmpty())
            parts << QObject::tr("Quantity: %1 %2").arg(esc(v(t, "quantity")), esc(v(t, "quantity_unit")));
        parts << QObject::tr("Aftercare given: %1").arg(esc(v(t, "aftercare_given")));
        QString body = parts.join(QStringLiteral("<br>"));
        if (!v(t, "notes").isEmpty())
            body += QStringLiteral("<br><i>%1</i>").arg(esc(v(t, "notes")));
        html += QStringLiteral("<p><b>%1 — %2</b><br>%3</p>")
                    .arg(esc(v(t, "given_on")), esc(v(t, "treatment")), body);
        const qint64 id = qint64(t.value(QStringLiteral("id")).toDouble());
        if (const QList<ChartPoint> chart = charts.value(id); !chart.isEmpty()) {
            html += QObject::tr("<p>Where the injections were given:<br><img src='chart:%1' width='%2' "
                                "height='%3'></p>")
                        .arg(id)
                        .arg(kChartWidth)
                        .arg(chartHeight);
            QString lines;
            for (int i = 0; i < chart.size(); ++i)
                lines += QStringLiteral("<tr><td width='4%'>%1</td><td width='18%' style='white-space: "
                                        "nowrap'>%2</td><td>%3</td></tr>")
                             .arg(i + 1)
                             .arg(esc(vocab::label(chart.at(i).view)), esc(facechart::describe(chart.at(i))));
            html += QStringLiteral("<table cellpadding='2' width='100%'>%1</table>").arg(lines);
        }
    }
    return html;
}

QList<std::pair<QString, QImage>> formSignatures(const QJsonArray& rows)
{
    QList<std::pair<QString, QImage>> out;
    for (const QJsonValue& r : rows) {
        const QJsonObject f = r.toObject();
        const QByteArray png = QByteArray::fromBase64(f.value(QStringLiteral("as_signed"))
                                                          .toObject()
                                                          .value(QStringLiteral("signature_png"))
                                                          .toString()
                                                          .toLatin1());
        QImage image;
        if (!png.isEmpty() && image.loadFromData(png, "PNG"))
            out.append({QStringLiteral("signature:%1").arg(qint64(f.value(QStringLiteral("id")).toDouble())),
                        image});
    }
    return out;
}

// Each form as it was signed: its name and version, the wording, the answers, the signature.
QString forms(const QJsonArray& rows)
{
    QHash<QString, QSize> signatures;
    for (const auto& [url, image] : formSignatures(rows)) {
        // 220 points wide at most, in the signature's own proportions.
        const double scale = std::min(1.0, 220.0 / std::max(1, image.width()));
        signatures.insert(url, QSize(std::max(1, qRound(image.width() * scale)),
                                     std::max(1, qRound(image.height() * scale))));
    }
    QString html;
    for (const QJsonValue& r : rows) {
        const QJsonObject row = r.toObject();
        const QJsonObject signedForm = row.value(QStringLiteral("as_signed")).toObject();
        const QJsonObject form = signedForm.value(QStringLiteral("form")).toObject();
        const QJsonObject answers = signedForm.value(QStringLiteral("answers")).toObject();
        const qint64 id = qint64(row.value(QStringLiteral("id")).toDouble());
        const QDateTime at =
            QDateTime::fromString(signedForm.value(QStringLiteral("signed_at")).toString(), Qt::ISODate)
                .toLocalTime();
        html += QObject::tr("<h3>%1 (version %2)</h3>")
                    .arg(esc(form.value(QStringLiteral("name")).toString()))
                    .arg(form.value(QStringLiteral("version")).toInt());
        QString when = QObject::tr("Signed on %1 at %2. Form reference %3.")
                           .arg(esc(longDate(at.date())), esc(at.toString(QStringLiteral("HH:mm"))))
                           .arg(id);
        if (const qint64 replaces = signedForm.value(QStringLiteral("replaces")).toInteger(); replaces > 0)
            when += QObject::tr(" It corrects form %1.").arg(replaces);
        html += QStringLiteral("<p>%1</p>").arg(when);
        if (const QString intro = form.value(QStringLiteral("intro")).toString(); !intro.isEmpty())
            html += QStringLiteral("<p><i>%1</i></p>").arg(esc(intro));
        QString table;
        for (const QJsonValue& qv : form.value(QStringLiteral("questions")).toArray()) {
            const QJsonObject q = qv.toObject();
            const QJsonObject a = answers.value(q.value(QStringLiteral("id")).toString()).toObject();
            QString value = a.value(QStringLiteral("value")).toString();
            const QString kind = q.value(QStringLiteral("kind")).toString();
            if (kind == QLatin1String("yes_no"))
                value = value == QLatin1String("yes")  ? QObject::tr("Yes")
                        : value == QLatin1String("no") ? QObject::tr("No")
                                                       : value;
            else if (kind == QLatin1String("date") && QDate::fromString(value, Qt::ISODate).isValid())
                value = longDate(QDate::fromString(value, Qt::ISODate));
            QString shown = value.isEmpty() ? QObject::tr("(not answered)") : esc(value);
            if (const QString detail = a.value(QStringLiteral("detail")).toString(); !detail.isEmpty())
                shown += QStringLiteral(": ") + esc(detail);
            table += QStringLiteral("<tr><td width='60%'>%1</td><td><b>%2</b></td></tr>")
                         .arg(esc(q.value(QStringLiteral("text")).toString()), shown);
        }
        html += QStringLiteral("<table cellpadding='3' width='100%'>%1</table>").arg(table);
        const QString url = QStringLiteral("signature:%1").arg(id);
        if (signatures.contains(url))
            html += QObject::tr("<p>Your signature:<br><img src='%1' width='%2' height='%3'></p>")
                        .arg(url)
                        .arg(signatures.value(url).width())
                        .arg(signatures.value(url).height());
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
        html += QObject::tr("<p><b>Quote of %1</b>, valid until %2 — %3</p>")
                    .arg(esc(v(q, "created_on")), esc(v(q, "valid_until")),
                         esc(w("quotes", q, "status").toLower()));
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

// Payments and refunds: date, what, amount, how.
QString payments(const QJsonArray& rows)
{
    QString html =
        QStringLiteral("<table border='1' cellspacing='0' cellpadding='3' width='100%'><tr><th "
                       "align='left'>%1</th><th align='left'>%2</th>"
                       "<th align='right'>%3</th><th align='left'>%4</th></tr>")
            .arg(QObject::tr("Date"), QObject::tr("What for"), QObject::tr("Amount"), QObject::tr("Paid by"));
    for (const QJsonValue& r : rows) {
        const QJsonObject p = r.toObject();
        QString what = esc(v(p, "description"));
        if (v(p, "kind") != QLatin1String("payment"))
            what = QStringLiteral("<i>%1</i> %2").arg(esc(w("payments", p, "kind")), what);
        html +=
            QStringLiteral("<tr><td>%1</td><td>%2</td><td align='right'>%3</td><td>%4</td></tr>")
                .arg(esc(v(p, "paid_on")), what, esc(v(p, "amount_pence")), esc(w("payments", p, "method")));
    }
    return html + QStringLiteral("</table>");
}

// Any other table: a column per detail, each value in words.
QString photoNotes(const QJsonArray& rows)
{
    QString html;
    for (const QJsonValue& r : rows) {
        const QJsonObject i = r.toObject();
        QDate taken = QDate::fromString(i.value(QStringLiteral("taken_on")).toString(), Qt::ISODate);
        if (!taken.isValid())
            taken = QDateTime::fromString(i.value(QStringLiteral("created_at")).toString(), Qt::ISODate)
                        .toLocalTime()
                        .date();
        QStringList what;
        if (!v(i, "area").isEmpty())
            what << w("images", i, "area");
        if (!v(i, "kind").isEmpty())
            what << w("images", i, "kind").toLower();
        QString line = QStringLiteral("<b>%1</b> — %2")
                           .arg(esc(taken.isValid() ? longDate(taken) : QObject::tr("undated")),
                                esc(what.join(QStringLiteral(", "))));
        if (!v(i, "consent").isEmpty())
            line += QObject::tr(". May be used for: %1").arg(esc(w("images", i, "consent").toLower()));
        if (!v(i, "caption").isEmpty())
            line += QStringLiteral("<br><i>%1</i>").arg(esc(v(i, "caption")));
        html += QStringLiteral("<p>%1</p>").arg(line);
    }
    // File names, sizes and fingerprints stay in data.json.
    return html;
}

QString table(const QString& name, const QJsonArray& rows)
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
        for (const QString& c : cols) {
            const QJsonValue value = r.toObject().value(c);
            html += QStringLiteral("<td>%1</td>")
                        .arg(esc(value.isString() ? words(name, c, text(c, value)) : text(c, value)));
        }
        html += QStringLiteral("</tr>");
    }
    return html + QStringLiteral("</table>");
}

} // namespace cd::report
