#include "privacy/SubjectReport.h"

#include "export/Pdf.h"
#include "privacy/DataMap.h"
#include "privacy/SubjectReportSections.h"
#include "settings/Settings.h"

#include <QFont>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QTextDocument>
#include <QUrl>
#include <algorithm>

namespace cd {

using namespace report;

namespace {

// What each table holds, in a phrase with its count ("2 phone numbers"), for the letter's summary.
QString counted(const QString& table, qsizetype n)
{
    static const QHash<QString, std::pair<const char*, const char*>> nouns{
        {QStringLiteral("client_phones"), {"phone number", "phone numbers"}},
        {QStringLiteral("client_emails"), {"email address", "email addresses"}},
        {QStringLiteral("client_addresses"), {"postal address", "postal addresses"}},
        {QStringLiteral("client_handles"), {"messaging handle", "messaging handles"}},
        {QStringLiteral("client_tags"), {"tag", "tags"}},
        {QStringLiteral("interactions"),
         {"note of a call, email or message", "notes of calls, emails and messages"}},
        {QStringLiteral("appointments"), {"appointment", "appointments"}},
        {QStringLiteral("treatment_records"), {"treatment record", "treatment records"}},
        {QStringLiteral("forms"), {"form you signed", "forms you signed"}},
        {QStringLiteral("images"), {"photo", "photos"}},
        {QStringLiteral("quotes"), {"quote", "quotes"}},
        {QStringLiteral("payments"), {"payment or refund", "payments and refunds"}},
        {QStringLiteral("consent_events"),
         {"record of your marketing choices", "records of your marketing choices"}},
        {QStringLiteral("privacy_requests"), {"privacy request", "privacy requests"}},
    };
    const auto noun = nouns.constFind(table);
    if (noun == nouns.cend())
        return {};
    return QStringLiteral("%1 %2").arg(n).arg(QString::fromLatin1(n == 1 ? noun->first : noun->second));
}

// The section title for a table in "Your data".
QString title(const QString& table)
{
    static const QHash<QString, const char*> titles{
        {QStringLiteral("interactions"), QT_TRANSLATE_NOOP("QObject", "Calls, emails and messages")},
        {QStringLiteral("appointments"), QT_TRANSLATE_NOOP("QObject", "Appointments")},
        {QStringLiteral("treatment_records"), QT_TRANSLATE_NOOP("QObject", "Treatments")},
        {QStringLiteral("forms"), QT_TRANSLATE_NOOP("QObject", "Forms you signed")},
        {QStringLiteral("treatment_consent_overrides"),
         QT_TRANSLATE_NOOP("QObject", "Treatments recorded without a signed consent form")},
        {QStringLiteral("quotes"), QT_TRANSLATE_NOOP("QObject", "Quotes")},
        {QStringLiteral("payments"), QT_TRANSLATE_NOOP("QObject", "Payments and refunds")},
        {QStringLiteral("consent_events"), QT_TRANSLATE_NOOP("QObject", "Your marketing choices")},
        {QStringLiteral("privacy_requests"), QT_TRANSLATE_NOOP("QObject", "Your privacy requests")},
        {QStringLiteral("images"), QT_TRANSLATE_NOOP("QObject", "Your photos: what we noted about them")},
        {QStringLiteral("client_merges"),
         QT_TRANSLATE_NOOP("QObject", "Records of yours we joined together")}};
    const auto t = titles.constFind(table);
    return t == titles.cend() ? label(table) : QObject::tr(*t);
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

QSize reportPictureSize(const QSize& pixels)
{
    // The report is laid out at 96 units per inch: twice the units is 192 pixels per inch.
    const QSize wanted = placedSize(pixels) * 2;
    return wanted.width() < pixels.width() ? wanted : pixels;
}

Result<QByteArray> renderSubjectReport(Database& db, const QJsonObject& d, const QList<ReportImage>& images)
{
    ClinicSettings settings(db);
    const QJsonObject controller = d.value(QStringLiteral("controller")).toObject();
    const QJsonObject data = d.value(QStringLiteral("data")).toObject();
    const QJsonObject subject = d.value(QStringLiteral("subject")).toObject();
    const QJsonObject contact = data.value(QStringLiteral("contact")).toObject();
    const QJsonObject person = contact.value(QStringLiteral("clients")).toArray().at(0).toObject();
    const QString clinic = controller.value(QStringLiteral("name")).toString();
    const QString fullName = QStringList{person.value(QStringLiteral("first_name")).toString(),
                                         person.value(QStringLiteral("last_name")).toString()}
                                 .join(QLatin1Char(' '))
                                 .trimmed();
    const QString reference = subject.value(QStringLiteral("subject_ref")).toString();

    // The letter: who writes, to whom, and what the law asks a clinic to tell.
    QTextDocument doc;
    QString h;
    // The controller as data.json names them, with the clinic's phone and logo from its settings.
    Letterhead head = settings.letterhead();
    head.name = clinic;
    head.address = controller.value(QStringLiteral("address")).toString();
    head.email = controller.value(QStringLiteral("email")).toString();
    h += letterheadHtml(head, doc);
    h += QStringLiteral("<p align='right'>%1</p>").arg(esc(longDate(QDate::currentDate())));
    h += QObject::tr("<p><br>Dear %1,</p>").arg(esc(fullName));
    h += QObject::tr(
        "<p>You asked us for a copy of the personal data we hold about you. This letter says what "
        "we hold, why, on what lawful basis, who receives it and how long we keep it, and what "
        "your rights are. Your data itself follows the letter, and comes with it in a "
        "machine-readable file (data.json) that you may take to another provider.</p>");

    // What is held, counted, by category of the data map.
    QList<datamap::Category> order;
    QHash<int, QStringList> held, purposes, grounds, retention;
    bool health = false;
    const datamap::RetentionPeriods periods = datamap::retentionPeriods(db);
    for (const datamap::Table& t : datamap::tables()) {
        const QJsonArray rows =
            data.value(datamap::categoryKey(t.category)).toObject().value(t.name).toArray();
        if (t.link.isEmpty() || !t.exported || rows.isEmpty())
            continue;
        const int key = int(t.category);
        if (!order.contains(t.category))
            order << t.category;
        if (const QString what = counted(t.name, rows.size()); !what.isEmpty())
            held[key] << what;
        for (auto [list, value] :
             {std::pair{&purposes[key], t.purpose}, std::pair{&grounds[key], datamap::groundName(t.ground)},
              std::pair{&retention[key], datamap::expand(t.retention, periods)}})
            if (!list->contains(value))
                *list << value;
        health = health || !t.article9.isEmpty();
    }
    h += QObject::tr("<h2>What we hold about you</h2><ul>");
    for (datamap::Category c : order) {
        QStringList what = held[int(c)];
        if (c == datamap::Category::Contact)
            what.prepend(QObject::tr("your name and how we reach you"));
        h += QStringLiteral("<li><b>%1</b>%2</li>")
                 .arg(esc(datamap::categoryName(c)),
                      what.isEmpty() ? QString()
                                     : QStringLiteral(": ") + esc(what.join(QStringLiteral(", "))));
    }
    if (!images.isEmpty())
        h += QObject::tr("<li><b>Photos</b>: %1 (shown at the end)</li>").arg(images.size());
    h += QStringLiteral("</ul>");
    h += QObject::tr("<h2>Why we hold it, on what basis, and for how long</h2>");
    for (datamap::Category c : order)
        h += QObject::tr("<p><b>%1</b><br>Why: %2.<br>Lawful basis: %3.<br>How long: %4.</p>")
                 .arg(esc(datamap::categoryName(c)), esc(purposes[int(c)].join(QStringLiteral("; "))),
                      esc(grounds[int(c)].join(QStringLiteral("; "))),
                      esc(retention[int(c)].join(QStringLiteral("; "))));
    if (health)
        h +=
            QObject::tr("<p><b>Health data.</b> Your treatment records and treatment photos are health data, "
                        "a special category of personal data (UK GDPR Article 9). Besides the lawful basis "
                        "above, we rely on Article 9(2)(h): they are kept to provide your care, by "
                        "practitioners bound by a duty of confidentiality. Only practitioners and managers "
                        "can open them.</p>");
    h += QObject::tr("<h2>Where it came from</h2><p>From you, when you contacted us or visited, and from our "
                     "staff's notes of those contacts and of your treatments. We do not use automated "
                     "decision-making or profiling.</p>");
    h += QObject::tr("<h2>Who receives it</h2><p>%1.</p>").arg(esc(settings.recipients()));
    h += QObject::tr("<h2>Your rights</h2><p>You may ask us:</p><ul>"
                     "<li>for a copy of your data (this letter);</li>"
                     "<li>to correct anything that is wrong;</li>"
                     "<li>to erase your data, where we have no legal reason to keep it;</li>"
                     "<li>to restrict how we use it, or object to our using it;</li>"
                     "<li>for your data in a machine-readable form (data.json, with this letter);</li>"
                     "<li>to stop marketing at any time, and to withdraw any consent you gave.</li></ul>"
                     "<p>If you are unhappy with how we have used your data, please tell us first; you can "
                     "also complain to the Information Commissioner's Office: ico.org.uk/make-a-complaint, "
                     "telephone 0303 123 1113, Wycliffe House, Water Lane, Wilmslow, Cheshire SK9 5AF.</p>");
    h += QObject::tr(
             "<p>If you have a question about this letter, please contact us%1 and quote the reference "
             "%2.</p><p>Yours sincerely,<br><br>%3</p>")
             .arg(controller.value(QStringLiteral("email")).toString().isEmpty()
                      ? QString()
                      : QObject::tr(" at %1").arg(esc(controller.value(QStringLiteral("email")).toString())),
                  esc(reference), esc(clinic));

    // Their data, a section per kind, in words.
    h += QObject::tr("<h1 style='page-break-before: always'>Your data</h1>");
    h += QObject::tr("<h2>Contact details</h2>") + contactDetails(contact);
    for (const datamap::Table& t : datamap::tables()) {
        const QJsonArray rows =
            data.value(datamap::categoryKey(t.category)).toObject().value(t.name).toArray();
        // The contact details are above; quote lines inside their quotes, chart points inside their
        // treatments.
        if (rows.isEmpty() || t.category == datamap::Category::Contact ||
            t.name == QLatin1String("quote_items") || t.name == QLatin1String("quote_images") ||
            t.name == QLatin1String("treatment_chart_points"))
            continue;
        h += QStringLiteral("<h2>%1</h2>").arg(esc(title(t.name)));
        if (t.name == QLatin1String("interactions"))
            h += notes(rows);
        else if (t.name == QLatin1String("appointments"))
            h += appointments(rows);
        else if (t.name == QLatin1String("treatment_records")) {
            const QJsonArray points = data.value(datamap::categoryKey(t.category))
                                          .toObject()
                                          .value(QStringLiteral("treatment_chart_points"))
                                          .toArray();
            for (const auto& [url, image] : chartImages(points))
                doc.addResource(QTextDocument::ImageResource, QUrl(url), image);
            h += treatments(rows, points);
        } else if (t.name == QLatin1String("forms")) {
            for (const auto& [url, image] : formSignatures(rows))
                doc.addResource(QTextDocument::ImageResource, QUrl(url), image);
            h += forms(rows);
        } else if (t.name == QLatin1String("quotes"))
            h += quotes(rows, data.value(datamap::categoryKey(t.category))
                                  .toObject()
                                  .value(QStringLiteral("quote_items"))
                                  .toArray());
        else if (t.name == QLatin1String("payments"))
            h += payments(rows);
        else if (t.name == QLatin1String("images"))
            h += photoNotes(rows);
        else
            h += table(t.name, rows);
    }
    // A hair of letter spacing turns off ligatures, so "filler" reads back as typed (copy, search,
    // screen readers) instead of with an "fi" glyph.
    QFont font(QStringLiteral("DejaVu Sans"), 10);
    font.setLetterSpacing(QFont::AbsoluteSpacing, 0.02); // below 1/64 px it rounds to none
    doc.setDefaultFont(font);
    if (!images.isEmpty()) {
        h += QObject::tr("<h2>Your photos</h2>");
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
