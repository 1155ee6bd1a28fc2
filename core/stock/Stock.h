#pragma once

#include "common/Result.h"
#include "common/Vocabulary.h"

#include <QDate>
#include <QList>
#include <QString>
#include <optional>

namespace cd {

class Database;

// Where a batch stands, worst first: past its expiry; expiring within the clinic's warning days
// (default 30); low (at or below the clinic's low-stock share of what was received, default 20 %,
// or empty); otherwise ok.
enum class StockStatus { Ok, Low, Expiring, Expired };

template <> inline std::span<const vocab::Term<StockStatus>> vocab::terms()
{
    static constexpr Term<StockStatus> t[] = {
        {StockStatus::Ok, "ok", QT_TRANSLATE_NOOP("vocabulary", "In stock")},
        {StockStatus::Low, "low", QT_TRANSLATE_NOOP("vocabulary", "Low")},
        {StockStatus::Expiring, "expiring", QT_TRANSLATE_NOOP("vocabulary", "Expiring soon")},
        {StockStatus::Expired, "expired", QT_TRANSLATE_NOOP("vocabulary", "Expired")}};
    return t;
}

// One batch of a product: what came in, what is left, and its status on a given day.
struct StockBatch
{
    qint64 id = 0;
    QString product;
    QString batchNumber;
    QDate expiry;
    QString unit;     // units | ml (as treatment records count them)
    QDate receivedOn; // the first delivery
    double received = 0;
    double remaining = 0;
    StockStatus status = StockStatus::Ok;
};

// The alerts the main window shows: how many batches are expired, expiring and low.
struct StockAlerts
{
    int expired = 0, expiring = 0, low = 0;
    bool any() const { return expired + expiring + low > 0; }
};

// Stock by batch (tables stock_batches and stock_movements: this is their only owner). Every
// staff member sees the stock; practitioners and managers receive it and correct it. A treatment
// record takes its quantity from the batch it names (TreatmentRecords calls useForTreatment in its
// transaction); the quantity left never goes below zero.
class Stock final
{
public:
    explicit Stock(Database& db) : m_db(db) {}

    // A delivery: a new batch, or more of one already received (same product and batch number,
    // which must then have the same expiry and unit). Returns the batch id. Audited.
    Result<qint64> receive(const QString& product, const QString& batchNumber, const QDate& expiry,
                           double quantity, const QString& unit);
    // Every batch with anything left or received in the last year, by product then expiry.
    Result<QList<StockBatch>> list(bool includeEmpty = false);
    Result<std::optional<StockBatch>> find(const QString& product, const QString& batchNumber);
    Result<StockBatch> get(qint64 batchId);
    // What is left of a recalled batch (number exact or by prefix, case aside), to be set aside.
    Result<QList<StockBatch>> leftOfLot(const QString& lot, bool prefix);
    // "Still in stock: 40 units of … (batch …). Set it aside …", empty when nothing is left.
    static QString setAsideText(const QList<StockBatch>& left);
    Result<StockAlerts> alerts();
    // A count: what is really left of a batch, with the reason (breakage, a miscount). Audited.
    Status correct(qint64 batchId, double remaining, const QString& reason);

    // What a treatment record takes from one batch.
    struct Use
    {
        QString product, batchNumber, unit;
        double quantity = 0;
    };
    // In the caller's transaction, for treatment record `recordId`: its use of stock becomes `uses`
    // (replacing its earlier uses, as when the record is corrected; a use of 0 or without a batch
    // number takes nothing). A batch not received through Clinicdesk is not counted. Refused
    // (Invalid, naming what is left) when a batch has not enough left. Throws StorageError.
    static Status useForTreatmentInTransaction(Database& db, qint64 recordId, const QList<Use>& uses);
    // What is left of a batch received through Clinicdesk (nullopt when it was not), for a recall.
    static std::optional<double> remainingInTransaction(Database& db, const QString& product,
                                                        const QString& batchNumber);

    static QString formatQuantity(double quantity, const QString& unit); // "1.5 ml", "20 units"

private:
    Database& m_db;
};

} // namespace cd
