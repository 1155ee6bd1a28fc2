#include "records/Quotes.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "clients/ClientStore.h"
#include "common/Clock.h"
#include "diary/DiaryCommon.h"
#include "export/Pdf.h"
#include "images/ImageStore.h"
#include "records/Money.h"
#include "settings/Settings.h"
#include "storage/Sql.h"

#include <QFont>
#include <QImage>
#include <QObject>
#include <QTextDocument>
#include <QUrl>

namespace cd {

using namespace diary_detail;

namespace {

QString esc(const QString& s)
{
    return s.toHtmlEscaped();
}

QString statusName(QuoteStatus s)
{
    return vocab::label(s).toLower();
}

} // namespace

qint64 Quote::totalPence() const
{
    qint64 total = 0;
    for (const QuoteItem& i : items)
        total += i.totalPence();
    return total;
}

bool Quotes::canChange(QuoteStatus from, QuoteStatus to)
{
    if (from == QuoteStatus::Draft)
        return to == QuoteStatus::Sent || to == QuoteStatus::Declined;
    if (from == QuoteStatus::Sent)
        return to == QuoteStatus::Accepted || to == QuoteStatus::Declined || to == QuoteStatus::Expired;
    // People change their minds: an accepted quote is withdrawn (declined) or was marked by mistake
    // (back to sent); a declined one is reconsidered (back to sent, and accepted while still valid).
    // An expired quote stays so: a new quote is made.
    if (from == QuoteStatus::Accepted)
        return to == QuoteStatus::Sent || to == QuoteStatus::Declined;
    if (from == QuoteStatus::Declined)
        return to == QuoteStatus::Sent;
    return false;
}

Status Quotes::validate(Quote& q)
{
    if (!q.validUntil.isValid())
        q.validUntil = Clock::today().addDays(30);
    if (q.validUntil < Clock::today())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("The quote's validity date has passed: choose a later date."));
    q.notes = q.notes.trimmed();
    if (q.items.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Add at least one treatment with its price."));
    for (QuoteItem& i : q.items) {
        i.treatment = i.treatment.trimmed();
        if (i.treatment.isEmpty())
            return makeError(Error::Kind::Invalid, QObject::tr("Every line of the quote names a treatment."));
        if (i.pricePence < 0 || i.pricePence > 100000000)
            return makeError(Error::Kind::Invalid,
                             QObject::tr("The price of %1 is not a sensible amount.").arg(i.treatment));
        if (i.quantity < 1 || i.quantity > 1000)
            return makeError(Error::Kind::Invalid,
                             QObject::tr("The quantity of %1 is at least 1.").arg(i.treatment));
    }
    ImageStore images(m_db);
    for (qint64 id : q.imageIds)
        if (images.ownerOf(id).first != q.clientId)
            return makeError(Error::Kind::Invalid,
                             QObject::tr("Image %1 is not one of this client's images.").arg(id));
    return {};
}

void Quotes::writeParts(const Quote& q)
{
    m_db.prepare("DELETE FROM quote_items WHERE quote_id = ?").bind(1, q.id).run();
    m_db.prepare("DELETE FROM quote_images WHERE quote_id = ?").bind(1, q.id).run();
    auto item = m_db.prepare("INSERT INTO quote_items (quote_id, client_id, position, treatment, "
                             "price_pence, quantity) VALUES (?,?,?,?,?,?)");
    for (int i = 0; i < q.items.size(); ++i) {
        const QuoteItem& it = q.items.at(i);
        item.bind(1, q.id)
            .bind(2, q.clientId)
            .bind(3, i + 1)
            .bind(4, it.treatment)
            .bind(5, it.pricePence)
            .bind(6, it.quantity)
            .run();
        item.reset();
    }
    auto image =
        m_db.prepare("INSERT OR IGNORE INTO quote_images (quote_id, image_id, client_id) VALUES (?,?,?)");
    for (qint64 id : q.imageIds) {
        image.bind(1, q.id).bind(2, id).bind(3, q.clientId).run();
        image.reset();
    }
}

qint64 Quotes::insertInTransaction(Quote q, const QString& createdAt, qint64 createdBy)
{
    auto ins =
        m_db.prepare("INSERT INTO quotes (client_id, created_on, valid_until, status, notes, created_at, "
                     "updated_at, created_by) VALUES (?,?,?,?,?,?,?,?)");
    ins.bind(1, q.clientId)
        .bind(2, q.createdOn.toString(Qt::ISODate))
        .bind(3, q.validUntil.toString(Qt::ISODate))
        .bind(4, vocab::code(q.status))
        .bindOptional(5, q.notes)
        .bind(6, createdAt)
        .bind(7, createdAt);
    createdBy > 0 ? ins.bind(8, createdBy) : ins.bindNull(8);
    q.id = ins.runInsert();
    writeParts(q);
    return q.id;
}

qint64 Quotes::clientOfInTransaction(qint64 quoteId)
{
    auto q = m_db.prepare("SELECT client_id FROM quotes WHERE id = ?");
    return q.bind(1, quoteId).step() ? q.int64(0) : 0;
}

qint64 Quotes::acceptedTotalInTransaction(qint64 clientId)
{
    auto q =
        m_db.prepare("SELECT COALESCE(sum(i.price_pence * i.quantity), 0) FROM quote_items i JOIN quotes q "
                     "ON q.id = i.quote_id WHERE q.client_id = ? AND q.status = 'accepted'");
    q.bind(1, clientId).step();
    return q.int64(0);
}

Result<qint64> Quotes::create(const Quote& in, qint64 staffId)
{
    if (auto st = access::require(m_db, Action::ManageQuotes); !st)
        return st.error();
    return guarded([&]() -> Result<qint64> {
        Quote q = in;
        if (auto st = client::mayWrite(m_db, q.clientId, Action::ManageQuotes, ClientWrite::Add); !st)
            return st.error();
        if (auto st = validate(q); !st)
            return st.error();
        Transaction tx(m_db);
        q.status = QuoteStatus::Draft;
        q.createdOn = Clock::today();
        q.id = insertInTransaction(q, Clock::nowIso(), staffOrActor(m_db, staffId));
        if (auto st =
                AuditLog(m_db).append(QStringLiteral("quote-created"), client::subjectRefOf(m_db, q.clientId),
                                      QStringLiteral("quote %1: %2 items, %3 images")
                                          .arg(q.id)
                                          .arg(q.items.size())
                                          .arg(q.imageIds.size()));
            !st)
            return st.error();
        tx.commit();
        return q.id;
    });
}

Status Quotes::update(const Quote& in)
{
    if (auto st = access::require(m_db, Action::ManageQuotes); !st)
        return st;
    return guarded([&]() -> Status {
        auto old = get(in.id);
        if (!old)
            return old.error();
        if (old->status != QuoteStatus::Draft)
            return makeError(
                Error::Kind::Conflict,
                QObject::tr("This quote was %1: only a draft can be changed. Write a new quote instead.")
                    .arg(statusName(old->status)));
        Quote q = in;
        q.clientId = old->clientId;
        if (auto st = client::mayWrite(m_db, q.clientId, Action::ManageQuotes, ClientWrite::Change); !st)
            return st;
        if (auto st = validate(q); !st)
            return st;
        QStringList changed;
        if (q.validUntil != old->validUntil)
            changed << QStringLiteral("valid_until");
        if (q.notes != old->notes)
            changed << QStringLiteral("notes");
        bool itemsDiffer = q.items.size() != old->items.size();
        for (int i = 0; !itemsDiffer && i < q.items.size(); ++i)
            itemsDiffer = q.items.at(i).treatment != old->items.at(i).treatment ||
                          q.items.at(i).pricePence != old->items.at(i).pricePence ||
                          q.items.at(i).quantity != old->items.at(i).quantity;
        if (itemsDiffer)
            changed << QStringLiteral("items");
        if (q.imageIds != old->imageIds)
            changed << QStringLiteral("images");
        if (changed.isEmpty())
            return {};
        Transaction tx(m_db);
        m_db.prepare("UPDATE quotes SET valid_until = ?, notes = ?, updated_at = ? WHERE id = ?")
            .bind(1, q.validUntil.toString(Qt::ISODate))
            .bindOptional(2, q.notes)
            .bind(3, Clock::nowIso())
            .bind(4, q.id)
            .run();
        writeParts(q);
        if (auto st = AuditLog(m_db).append(
                QStringLiteral("quote-changed"), client::subjectRefOf(m_db, q.clientId),
                QStringLiteral("quote %1: %2").arg(q.id).arg(changed.join(QLatin1Char(' '))));
            !st)
            return st;
        tx.commit();
        return {};
    });
}

Status Quotes::setStatus(qint64 id, QuoteStatus status)
{
    if (auto st = access::require(m_db, Action::ManageQuotes); !st)
        return st;
    return guarded([&]() -> Status {
        auto old = get(id);
        if (!old)
            return old.error();
        if (old->status == status)
            return {};
        if (auto st =
                client::mayWrite(m_db, old->clientId, Action::ManageQuotes,
                                 status == QuoteStatus::Declined ? ClientWrite::Less : ClientWrite::Change);
            !st)
            return st;
        if (!canChange(old->status, status))
            return makeError(Error::Kind::Conflict, QObject::tr("A quote that is %1 cannot become %2.")
                                                        .arg(statusName(old->status), statusName(status)));
        if (status == QuoteStatus::Accepted && old->validUntil < Clock::today())
            return makeError(Error::Kind::Conflict,
                             QObject::tr("This quote was valid until %1: write a new quote.")
                                 .arg(old->validUntil.toString(QStringLiteral("dd/MM/yyyy"))));
        Transaction tx(m_db);
        m_db.prepare("UPDATE quotes SET status = ?, updated_at = ? WHERE id = ?")
            .bind(1, vocab::code(status))
            .bind(2, Clock::nowIso())
            .bind(3, id)
            .run();
        if (auto st = AuditLog(m_db).append(QStringLiteral("quote-") + vocab::code(status),
                                            client::subjectRefOf(m_db, old->clientId),
                                            QStringLiteral("quote %1: %2 (was %3)")
                                                .arg(id)
                                                .arg(vocab::code(status), vocab::code(old->status)));
            !st)
            return st;
        tx.commit();
        return {};
    });
}

Status Quotes::remove(qint64 id)
{
    if (auto st = access::require(m_db, Action::ManageQuotes); !st)
        return st;
    return guarded([&]() -> Status {
        auto old = get(id);
        if (!old)
            return old.error();
        if (old->status != QuoteStatus::Draft)
            return makeError(Error::Kind::Conflict,
                             QObject::tr("Only a draft quote can be deleted; this one was %1.")
                                 .arg(statusName(old->status)));
        if (auto st = client::mayWrite(m_db, old->clientId, Action::ManageQuotes, ClientWrite::Less); !st)
            return st;
        Transaction tx(m_db);
        m_db.prepare("DELETE FROM quotes WHERE id = ?").bind(1, id).run();
        if (auto st = AuditLog(m_db).append(QStringLiteral("quote-deleted"),
                                            client::subjectRefOf(m_db, old->clientId),
                                            QStringLiteral("quote %1").arg(id));
            !st)
            return st;
        tx.commit();
        return {};
    });
}

Result<int> Quotes::expireOverdue()
{
    if (auto st = access::require(m_db, Action::ManageQuotes); !st)
        return st.error();
    return guarded([&]() -> Result<int> {
        Transaction tx(m_db);
        QList<std::pair<qint64, qint64>> due;
        auto st = m_db.prepare("SELECT id, client_id FROM quotes WHERE status = 'sent' AND valid_until < ?");
        for (st.bind(1, Clock::today().toString(Qt::ISODate)); st.step();)
            due.append({st.int64(0), st.int64(1)});
        auto up = m_db.prepare("UPDATE quotes SET status = 'expired', updated_at = ? WHERE id = ?");
        for (const auto& [id, client] : due) {
            up.bind(1, Clock::nowIso()).bind(2, id).run();
            up.reset();
            if (auto a =
                    AuditLog(m_db).append(QStringLiteral("quote-expired"), client::subjectRefOf(m_db, client),
                                          QStringLiteral("quote %1: expired (was sent)").arg(id));
                !a)
                return a.error();
        }
        tx.commit();
        return int(due.size());
    });
}

Result<Quote> Quotes::get(qint64 id)
{
    if (auto st = access::require(m_db, Action::ManageQuotes); !st)
        return st.error();
    return guarded([&]() -> Result<Quote> {
        auto st = m_db.prepare(
            "SELECT id, client_id, created_on, valid_until, status, notes FROM quotes WHERE id = ?");
        if (!st.bind(1, id).step())
            return makeError(Error::Kind::NotFound, QObject::tr("There is no quote %1.").arg(id));
        Quote q;
        q.id = st.int64(0);
        q.clientId = st.int64(1);
        q.createdOn = QDate::fromString(st.text(2), Qt::ISODate);
        q.validUntil = QDate::fromString(st.text(3), Qt::ISODate);
        q.status = vocab::fromCode<QuoteStatus>(st.text(4)).value_or(QuoteStatus::Draft);
        q.notes = st.text(5);
        auto items = m_db.prepare("SELECT id, treatment, price_pence, quantity FROM quote_items WHERE "
                                  "quote_id = ? ORDER BY position");
        for (items.bind(1, id); items.step();)
            q.items.append({items.int64(0), items.text(1), items.int64(2), int(items.int64(3))});
        auto images = m_db.prepare("SELECT image_id FROM quote_images WHERE quote_id = ? ORDER BY id");
        for (images.bind(1, id); images.step();)
            q.imageIds.append(images.int64(0));
        return q;
    });
}

Result<QList<Quote>> Quotes::forClient(qint64 clientId)
{
    if (auto st = access::require(m_db, Action::ManageQuotes); !st)
        return st.error();
    return guarded([&]() -> Result<QList<Quote>> {
        QList<qint64> ids;
        auto st = m_db.prepare("SELECT id FROM quotes WHERE client_id = ? ORDER BY created_on DESC, id DESC");
        for (st.bind(1, clientId); st.step();)
            ids.append(st.int64(0));
        QList<Quote> out;
        for (qint64 id : ids) {
            auto q = get(id);
            if (!q)
                return q.error();
            out.append(q.value());
        }
        return out;
    });
}

Result<QByteArray> Quotes::renderPdf(qint64 id)
{
    auto q = get(id);
    if (!q)
        return q.error();
    auto names = guarded([&]() -> Result<QString> {
        const QHash<qint64, QString> found = ClientStore(m_db).displayNamesInTransaction({q->clientId});
        if (!found.contains(q->clientId))
            return makeError(Error::Kind::NotFound,
                             QObject::tr("There is no client with id %1.").arg(q->clientId));
        return found.value(q->clientId);
    });
    if (!names)
        return names.error();
    ClinicSettings settings(m_db);
    QTextDocument doc;
    // Letter spacing turns ligatures off so "filler" reads back as typed (see SubjectReport).
    QFont font(QStringLiteral("DejaVu Sans"), 10);
    font.setLetterSpacing(QFont::AbsoluteSpacing, 0.02);
    doc.setDefaultFont(font);
    QString h;
    h += letterheadHtml(settings.letterhead(), doc);
    h += QObject::tr("<h2>Quote %1 for %2</h2>").arg(q->id).arg(esc(names.value()));
    h += QObject::tr("<p>Date: %1<br>Valid until: %2</p>")
             .arg(q->createdOn.toString(QStringLiteral("d MMMM yyyy")),
                  q->validUntil.toString(QStringLiteral("d MMMM yyyy")));
    h += QStringLiteral(
             "<table border='1' cellspacing='0' cellpadding='4' width='100%'><tr><th align='left'>%1</th>"
             "<th align='right'>%2</th><th align='right'>%3</th><th align='right'>%4</th></tr>")
             .arg(QObject::tr("Treatment"), QObject::tr("Price"), QObject::tr("Quantity"),
                  QObject::tr("Amount"));
    for (const QuoteItem& i : q->items)
        h += QStringLiteral("<tr><td>%1</td><td align='right'>%2</td><td align='right'>%3</td><td "
                            "align='right'>%4</td></tr>")
                 .arg(esc(i.treatment), money::format(i.pricePence))
                 .arg(i.quantity)
                 .arg(money::format(i.totalPence()));
    h += QStringLiteral(
             "<tr><td colspan='3' align='right'><b>%1</b></td><td align='right'><b>%2</b></td></tr></table>")
             .arg(QObject::tr("Total"), money::format(q->totalPence()));
    if (!q->notes.isEmpty())
        h +=
            QStringLiteral("<p>%1</p>").arg(esc(q->notes).replace(QLatin1Char('\n'), QStringLiteral("<br>")));
    h += QObject::tr(
        "<p>Prices include VAT where it applies. This quote is a personal estimate for the treatments "
        "listed and is not a contract; your practitioner confirms the treatment plan at your "
        "consultation.</p>");
    ImageStore images(m_db);
    int shown = 0;
    for (qint64 imageId : q->imageIds) {
        // The preview where the signed-in role may see it, the thumbnail otherwise.
        auto bytes = images.data(imageId, Rendition::Preview);
        if (!bytes)
            bytes = images.data(imageId, Rendition::Thumbnail);
        if (!bytes)
            continue;
        const QImage img = QImage::fromData(bytes.value());
        if (img.isNull())
            continue;
        const QUrl url(QStringLiteral("image:%1").arg(imageId));
        doc.addResource(QTextDocument::ImageResource, url, img);
        if (shown++ == 0)
            h += QObject::tr("<h3>Images</h3>");
        h += QStringLiteral("<p><img src='%1' width='220'></p>").arg(url.toString());
    }
    doc.setHtml(h);
    return printPdf(doc, QObject::tr("Quote %1").arg(q->id), QObject::tr("The quote could not be drawn."));
}

Status Quotes::exportPdf(qint64 id, const QString& path)
{
    if (path.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Choose where to save the quote."));
    auto pdf = renderPdf(id);
    if (!pdf)
        return pdf.error();
    if (auto st = savePdf(pdf.value(), path); !st)
        return st;
    auto q = get(id);
    return guarded([&]() -> Status {
        return AuditLog(m_db).append(QStringLiteral("quote-exported"),
                                     client::subjectRefOf(m_db, q ? q->clientId : 0),
                                     QStringLiteral("quote %1 as PDF").arg(id));
    });
}

} // namespace cd
