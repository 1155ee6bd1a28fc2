#pragma once

#include "common/Result.h"
#include "common/Vocabulary.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace cd {

class Database;

struct QuoteItem
{
    qint64 id = 0;         // read-only
    QString treatment;     // e.g. "Lip filler (1 ml)"
    qint64 pricePence = 0; // unit price
    int quantity = 1;
    qint64 totalPence() const { return pricePence * quantity; }
};

enum class QuoteStatus { Draft, Sent, Accepted, Declined, Expired };

template <> inline std::span<const vocab::Term<QuoteStatus>> vocab::terms()
{
    static constexpr Term<QuoteStatus> t[] = {
        {QuoteStatus::Draft, "draft", QT_TRANSLATE_NOOP("vocabulary", "Draft")},
        {QuoteStatus::Sent, "sent", QT_TRANSLATE_NOOP("vocabulary", "Sent")},
        {QuoteStatus::Accepted, "accepted", QT_TRANSLATE_NOOP("vocabulary", "Accepted")},
        {QuoteStatus::Declined, "declined", QT_TRANSLATE_NOOP("vocabulary", "Declined")},
        {QuoteStatus::Expired, "expired", QT_TRANSLATE_NOOP("vocabulary", "Expired")}};
    return t;
}

struct Quote
{
    qint64 id = 0;
    qint64 clientId = 0;
    QDate createdOn; // read-only (set on create)
    QDate validUntil;
    QuoteStatus status = QuoteStatus::Draft; // change with setStatus
    QString notes;                           // printed on the PDF
    QList<QuoteItem> items;                  // in order
    QList<qint64> imageIds; // the client's quote images (e.g. the photos sent for it, a mock-up)
    qint64 totalPence() const;
};

// Personal quotes (receptionist and up: Action::ManageQuotes).
//
// Status rules: draft → sent | declined; sent → accepted | declined | expired; accepted, declined
// and expired are final (write a new quote). Only a draft can be edited or deleted, so what was
// sent stays what the client saw. expireOverdue() marks sent quotes past their validity date.
class Quotes final
{
public:
    explicit Quotes(Database& db) : m_db(db) {}

    static bool canChange(QuoteStatus from, QuoteStatus to);

    // Creates a draft (status in q is ignored). validUntil defaults to 30 days from today.
    Result<qint64> create(const Quote& q, qint64 staffId = 0);
    // For bulk writers holding a transaction (the demo generator): the quote as given, status,
    // created date and lines included. Throws StorageError.
    qint64 insertInTransaction(Quote q, const QString& createdAt, qint64 createdBy);
    // For the payments' checks and balance, without a role check (the caller has one). Throw StorageError.
    qint64 clientOfInTransaction(qint64 quoteId);       // 0: no such quote
    qint64 acceptedTotalInTransaction(qint64 clientId); // pence, every accepted quote's lines
    // Replaces a draft's validity, notes, items and images.
    Status update(const Quote& q);
    Status setStatus(qint64 id, QuoteStatus status);
    Status remove(qint64 id); // drafts only
    // Sent quotes whose validity date has passed become expired; returns how many.
    Result<int> expireOverdue();

    Result<Quote> get(qint64 id);
    Result<QList<Quote>> forClient(qint64 clientId); // newest first

    // The quote as a PDF the clinic can email: clinic name and contact details (settings), the
    // client's name, items with prices, total, validity, notes, and the quote images. In memory.
    Result<QByteArray> renderPdf(qint64 id);
    // Writes renderPdf() to `path` (atomically); audited.
    Status exportPdf(qint64 id, const QString& path);

private:
    Status validate(Quote& q);
    void writeParts(const Quote& q);
    Database& m_db;
};

} // namespace cd
