#pragma once

#include "common/Result.h"
#include "common/Vocabulary.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace cd {

class Database;

enum class PaymentKind { Payment, Refund };
enum class PaymentMethod { Card, Cash, BankTransfer, Voucher, Other };

template <> inline std::span<const vocab::Term<PaymentKind>> vocab::terms()
{
    static constexpr Term<PaymentKind> t[] = {
        {PaymentKind::Payment, "payment", QT_TRANSLATE_NOOP("vocabulary", "Payment")},
        {PaymentKind::Refund, "refund", QT_TRANSLATE_NOOP("vocabulary", "Refund")}};
    return t;
}

template <> inline std::span<const vocab::Term<PaymentMethod>> vocab::terms()
{
    static constexpr Term<PaymentMethod> t[] = {
        {PaymentMethod::Card, "card", QT_TRANSLATE_NOOP("vocabulary", "Card")},
        {PaymentMethod::Cash, "cash", QT_TRANSLATE_NOOP("vocabulary", "Cash")},
        {PaymentMethod::BankTransfer, "bank_transfer", QT_TRANSLATE_NOOP("vocabulary", "Bank transfer")},
        {PaymentMethod::Voucher, "voucher", QT_TRANSLATE_NOOP("vocabulary", "Voucher")},
        {PaymentMethod::Other, "other", QT_TRANSLATE_NOOP("vocabulary", "Other")}};
    return t;
}

// Money received from, or given back to, a client. No card processing: the desk records what the
// card machine, the till or the bank says.
struct Payment
{
    qint64 id = 0;
    qint64 clientId = 0;
    PaymentKind kind = PaymentKind::Payment;
    qint64 amountPence = 0; // always positive; kind says which way it went
    PaymentMethod method = PaymentMethod::Card;
    QString description; // what it was for, e.g. "Lip filler 1 ml, deposit"
    qint64 quoteId = 0;  // optional: the quote it pays (0: none; cleared if the quote is erased)
    QDate paidOn;        // local date; defaults to today
    // Read-only.
    QString recordedAt;
    qint64 recordedBy = 0;
    qint64 signedPence() const { return kind == PaymentKind::Refund ? -amountPence : amountPence; }
};

// A client's balance, defined simply and honestly: what the client agreed to pay (the totals of
// their ACCEPTED quotes) minus what they paid net of refunds. Positive: the client owes the clinic;
// negative: the clinic holds credit for the client. Treatments given without an accepted quote are
// not priced by Clinicdesk and so do not count.
struct ClientBalance
{
    qint64 acceptedQuotesPence = 0;
    qint64 paidPence = 0;
    qint64 refundedPence = 0;
    qint64 balancePence() const { return acceptedQuotesPence - paidPence + refundedPence; }
};

// One day's takings: payments and refunds by method, by the date paid.
struct DayTakings
{
    struct Line
    {
        PaymentMethod method = PaymentMethod::Card;
        int payments = 0;
        int refunds = 0;
        qint64 paymentsPence = 0;
        qint64 refundsPence = 0;
        qint64 netPence() const { return paymentsPence - refundsPence; }
    };
    QDate day;
    QList<Line> byMethod; // in the vocabulary's order of methods; methods with nothing that day left out
    qint64 totalPaymentsPence() const;
    qint64 totalRefundsPence() const;
    qint64 netPence() const { return totalPaymentsPence() - totalRefundsPence(); }
};

// Payments and refunds (receptionist and up: Action::RecordPayments). A recorded payment is never
// edited or deleted (tax records): a mistake is put right with a refund, so the books show both.
class Payments final
{
public:
    explicit Payments(Database& db) : m_db(db) {}

    // staffId: who records it (0: the signed-in account). Returns the new id.
    Result<qint64> record(const Payment& p, qint64 staffId = 0);
    // For bulk writers holding a transaction (the demo generator): the payment as given, recorded
    // at `recordedAt`. Throws StorageError.
    qint64 insertInTransaction(const Payment& p, const QString& recordedAt, qint64 recordedBy);
    Result<QList<Payment>> forClient(qint64 clientId); // newest first
    Result<ClientBalance> balance(qint64 clientId);
    Result<DayTakings> takings(const QDate& day);
    // Payments of one day, oldest first, with the clients' display names (for the takings report).
    Result<QList<std::pair<Payment, QString>>> dayPayments(const QDate& day);
    // The day's takings as CSV to a file the user chose: each payment and refund (client, kind,
    // method, amount, what for), then the totals per method. Audited as an export (the day and the
    // count, no client data).
    Status exportDayCsv(const QDate& day, const QString& path);

private:
    Database& m_db;
};

} // namespace cd
