#include "stock/Stock.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "common/ClinicalSeal.h"
#include "common/Clock.h"
#include "settings/Settings.h"
#include "storage/Sql.h"

#include <QObject>
#include <cmath>

namespace cd {

namespace {

// Quantities are kept in thousandths of the unit, so that 0.1 ml + 0.2 ml is 0.3 ml exactly.
qint64 milli(double quantity)
{
    return qint64(std::llround(quantity * 1000.0));
}

double fromMilli(qint64 m)
{
    return double(m) / 1000.0;
}

// Batch numbers are matched as treatment records match them: trimmed, letters in capitals.
QString batchKey(const QString& lot)
{
    return lot.trimmed().toUpper();
}

bool knownUnit(const QString& unit)
{
    return unit == QLatin1String("units") || unit == QLatin1String("ml");
}

// The token a treatment record's use is found by: keyed under the clinical key, so that whoever
// reads the stock with the front-desk key cannot tell whose treatment used it. (A vault made before
// key domains has no clinical key, and nothing sealed: the record's id then stands for itself.)
QString treatmentToken(Database& db, qint64 recordId)
{
    const QByteArray id = QByteArray::number(recordId);
    if (!db.clinical().active())
        return QStringLiteral("record:") + QString::fromLatin1(id);
    auto token = db.clinical().token(QByteArrayLiteral("stock-use"), id);
    if (!token)
        throw StorageError(0, token.message());
    return QString::fromLatin1(token.value());
}

const char* const kBatchSelect =
    "SELECT b.id, b.product, b.batch_number, b.expiry_date, b.unit, "
    "(SELECT MIN(moved_on) FROM stock_movements WHERE batch_id = b.id AND kind = 'received'), "
    "(SELECT COALESCE(SUM(quantity_milli), 0) FROM stock_movements WHERE batch_id = b.id AND kind = "
    "'received'), "
    "(SELECT COALESCE(SUM(quantity_milli), 0) FROM stock_movements WHERE batch_id = b.id) "
    "FROM stock_batches b ";

StockBatch readBatch(const Statement& st, const QDate& today, int expiringDays, int lowPercent)
{
    StockBatch b;
    b.id = st.int64(0);
    b.product = st.text(1);
    b.batchNumber = st.text(2);
    b.expiry = QDate::fromString(st.text(3), Qt::ISODate);
    b.unit = st.text(4);
    b.receivedOn = QDate::fromString(st.text(5), Qt::ISODate);
    const qint64 received = st.int64(6), left = st.int64(7);
    b.received = fromMilli(received);
    b.remaining = fromMilli(left);
    b.status = b.expiry < today                                   ? StockStatus::Expired
               : b.expiry <= today.addDays(expiringDays)          ? StockStatus::Expiring
               : left <= 0 || left * 100 <= received * lowPercent ? StockStatus::Low
                                                                  : StockStatus::Ok;
    return b;
}

Status requireReader(Database& db)
{
    return access::require(db, Action::ViewClients); // anyone at the desk
}

} // namespace

QString Stock::formatQuantity(double quantity, const QString& unit)
{
    QString n = QString::number(quantity, 'f', 3);
    while (n.contains(QLatin1Char('.')) && (n.endsWith(QLatin1Char('0')) || n.endsWith(QLatin1Char('.'))))
        n.chop(1);
    return unit == QLatin1String("units") && n == QLatin1String("1") ? QStringLiteral("1 unit")
                                                                     : n + QLatin1Char(' ') + unit;
}

Result<qint64> Stock::receive(const QString& productIn, const QString& batchIn, const QDate& expiry,
                              double quantity, const QString& unit)
{
    if (auto st = access::require(m_db, Action::TreatmentNotes); !st)
        return st.error();
    const QString product = productIn.trimmed(), batch = batchIn.trimmed();
    if (product.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Name the product received."));
    if (batch.isEmpty())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("Give the batch (lot) number printed on the pack."));
    if (product.size() > 200 || batch.size() > 60)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("A product name is at most 200 characters, a batch number 60."));
    if (!expiry.isValid())
        return makeError(Error::Kind::Invalid, QObject::tr("Give the batch's expiry date (YYYY-MM-DD)."));
    if (!(quantity > 0) || quantity > 1e6)
        return makeError(Error::Kind::Invalid, QObject::tr("The quantity received is more than nothing."));
    if (!knownUnit(unit))
        return makeError(Error::Kind::Invalid, QObject::tr("Count the stock in units or ml."));
    return guarded([&]() -> Result<qint64> {
        Transaction tx(m_db);
        auto found = m_db.prepare(
            "SELECT id, expiry_date, unit FROM stock_batches WHERE product = ? AND batch_key = ?");
        found.bind(1, product).bind(2, batchKey(batch));
        qint64 id = 0;
        if (found.step()) {
            if (found.text(1) != expiry.toString(Qt::ISODate) || found.text(2) != unit)
                return makeError(
                    Error::Kind::Conflict,
                    QObject::tr("Batch %1 of %2 was received before with expiry %3 in %4: check the "
                                "pack (a different expiry is a different batch).")
                        .arg(batch, product, found.text(1), found.text(2)));
            id = found.int64(0);
        } else {
            id = m_db.prepare(
                         "INSERT INTO stock_batches (product, batch_number, batch_key, expiry_date, unit, "
                         "created_at) VALUES (?,?,?,?,?,?)")
                     .bind(1, product)
                     .bind(2, batch)
                     .bind(3, batchKey(batch))
                     .bind(4, expiry.toString(Qt::ISODate))
                     .bind(5, unit)
                     .bind(6, Clock::nowIso())
                     .runInsert();
        }
        auto move =
            m_db.prepare("INSERT INTO stock_movements (batch_id, kind, quantity_milli, moved_on, staff_id, "
                         "created_at) VALUES (?, 'received', ?, ?, ?, ?)");
        move.bind(1, id).bind(2, milli(quantity)).bind(3, Clock::today().toString(Qt::ISODate));
        m_db.actor().staffId > 0 ? move.bind(4, m_db.actor().staffId) : move.bindNull(4);
        move.bind(5, Clock::nowIso()).run();
        if (auto st = AuditLog(m_db).append(
                QStringLiteral("stock-received"), {},
                QStringLiteral("%1 of %2, batch %3").arg(formatQuantity(quantity, unit), product, batch));
            !st)
            return st.error();
        tx.commit();
        return id;
    });
}

Result<QList<StockBatch>> Stock::list(bool includeEmpty)
{
    if (auto st = requireReader(m_db); !st)
        return st.error();
    ClinicSettings settings(m_db);
    const int expiringDays = settings.stockExpiringDays(), lowPercent = settings.stockLowPercent();
    return guarded([&]() -> Result<QList<StockBatch>> {
        QList<StockBatch> out;
        const QDate today = Clock::today();
        for (auto st = m_db.prepare(std::string(kBatchSelect) + "ORDER BY b.product, b.expiry_date, b.id");
             st.step();) {
            StockBatch b = readBatch(st, today, expiringDays, lowPercent);
            // An emptied batch stays listed for a year after it came in (a recall asks about it).
            if (includeEmpty || b.remaining > 0 || b.receivedOn.addYears(1) >= today)
                out << b;
        }
        return out;
    });
}

Result<QList<StockBatch>> Stock::leftOfLot(const QString& lot, bool prefix)
{
    auto all = list(true);
    if (!all)
        return all.error();
    const QString key = batchKey(lot);
    QList<StockBatch> out;
    for (const StockBatch& b : all.value()) {
        const QString k = batchKey(b.batchNumber);
        if (b.remaining > 0 && !key.isEmpty() && (prefix ? k.startsWith(key) : k == key))
            out << b;
    }
    return out;
}

QString Stock::setAsideText(const QList<StockBatch>& left)
{
    QStringList parts;
    for (const StockBatch& b : left)
        parts << QObject::tr("%1 of %2 (batch %3)")
                     .arg(formatQuantity(b.remaining, b.unit), b.product, b.batchNumber);
    if (parts.isEmpty())
        return {};
    return QObject::tr("Still in stock: %1. Set it aside and do not use it.")
        .arg(parts.join(QStringLiteral("; ")));
}

Result<StockBatch> Stock::get(qint64 batchId)
{
    if (auto st = requireReader(m_db); !st)
        return st.error();
    ClinicSettings settings(m_db);
    const int expiringDays = settings.stockExpiringDays(), lowPercent = settings.stockLowPercent();
    return guarded([&]() -> Result<StockBatch> {
        auto st = m_db.prepare(std::string(kBatchSelect) + "WHERE b.id = ?");
        if (!st.bind(1, batchId).step())
            return makeError(Error::Kind::NotFound, QObject::tr("There is no stock batch %1.").arg(batchId));
        return readBatch(st, Clock::today(), expiringDays, lowPercent);
    });
}

Result<std::optional<StockBatch>> Stock::find(const QString& product, const QString& batchNumber)
{
    if (auto st = requireReader(m_db); !st)
        return st.error();
    auto id = guarded([&]() -> Result<qint64> {
        auto st = m_db.prepare("SELECT id FROM stock_batches WHERE product = ? AND batch_key = ?");
        return st.bind(1, product.trimmed()).bind(2, batchKey(batchNumber)).step() ? st.int64(0) : 0;
    });
    if (!id)
        return id.error();
    if (id.value() == 0)
        return std::optional<StockBatch>();
    auto b = get(id.value());
    if (!b)
        return b.error();
    return std::optional<StockBatch>(b.value());
}

Result<StockAlerts> Stock::alerts()
{
    auto all = list();
    if (!all)
        return all.error();
    StockAlerts a;
    for (const StockBatch& b : all.value()) {
        if (b.remaining <= 0)
            continue; // an empty batch is nothing to act on, whatever its date
        a.expired += b.status == StockStatus::Expired;
        a.expiring += b.status == StockStatus::Expiring;
        a.low += b.status == StockStatus::Low;
    }
    return a;
}

Status Stock::correct(qint64 batchId, double remaining, const QString& reason)
{
    if (auto st = access::require(m_db, Action::TreatmentNotes); !st)
        return st;
    if (remaining < 0)
        return makeError(Error::Kind::Invalid, QObject::tr("What is left cannot be less than nothing."));
    if (reason.trimmed().isEmpty())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("Say why the count differs (breakage, a miscount…)."));
    auto b = get(batchId);
    if (!b)
        return b.error();
    return guarded([&]() -> Status {
        const qint64 delta = milli(remaining) - milli(b->remaining);
        if (delta == 0)
            return {};
        Transaction tx(m_db);
        auto move =
            m_db.prepare("INSERT INTO stock_movements (batch_id, kind, quantity_milli, moved_on, note, "
                         "staff_id, created_at) VALUES (?, 'counted', ?, ?, ?, ?, ?)");
        move.bind(1, batchId)
            .bind(2, delta)
            .bind(3, Clock::today().toString(Qt::ISODate))
            .bind(4, reason.trimmed());
        m_db.actor().staffId > 0 ? move.bind(5, m_db.actor().staffId) : move.bindNull(5);
        move.bind(6, Clock::nowIso()).run();
        if (auto st =
                AuditLog(m_db).append(QStringLiteral("stock-counted"), {},
                                      QStringLiteral("%1, batch %2: %3 left (was %4)")
                                          .arg(b->product, b->batchNumber, formatQuantity(remaining, b->unit),
                                               formatQuantity(b->remaining, b->unit)));
            !st)
            return st;
        tx.commit();
        return {};
    });
}

Status Stock::useForTreatmentInTransaction(Database& db, qint64 recordId, const QList<Use>& uses)
{
    const QString token = treatmentToken(db, recordId);
    // The record's earlier use (a correction of the record) is given back first.
    db.prepare("DELETE FROM stock_movements WHERE kind = 'used' AND treatment_token = ?")
        .bind(1, token)
        .run();
    auto batch =
        db.prepare("SELECT b.id, b.unit, (SELECT COALESCE(SUM(quantity_milli), 0) FROM stock_movements "
                   "WHERE batch_id = b.id) FROM stock_batches b WHERE b.product = ? AND b.batch_key = ?");
    auto move = db.prepare("INSERT INTO stock_movements (batch_id, kind, quantity_milli, moved_on, "
                           "treatment_token, staff_id, created_at) VALUES (?, 'used', ?, ?, ?, ?, ?)");
    for (const Use& use : uses) {
        const QString product = use.product.trimmed(), lot = use.batchNumber.trimmed();
        if (lot.isEmpty() || !(use.quantity > 0))
            continue;
        if (!batch.bind(1, product).bind(2, batchKey(lot)).step())
            continue; // not received through Clinicdesk: not counted
        const qint64 batchId = batch.int64(0), left = batch.int64(2);
        const QString unit = batch.text(1);
        batch.reset();
        if (unit != use.unit)
            return makeError(Error::Kind::Invalid,
                             QObject::tr("Batch %1 of %2 is counted in %3: give the quantity in %3.")
                                 .arg(lot, product, unit));
        if (milli(use.quantity) > left)
            return makeError(Error::Kind::Invalid,
                             QObject::tr("Batch %1 of %2 has %3 left, less than %4. Check the quantity, or "
                                         "correct the stock count first (Records → Stock).")
                                 .arg(lot, product, formatQuantity(fromMilli(left), unit),
                                      formatQuantity(use.quantity, unit)));
        move.bind(1, batchId)
            .bind(2, -milli(use.quantity))
            .bind(3, Clock::today().toString(Qt::ISODate))
            .bind(4, token);
        db.actor().staffId > 0 ? move.bind(5, db.actor().staffId) : move.bindNull(5);
        move.bind(6, Clock::nowIso()).run();
    }
    return {};
}

std::optional<double> Stock::remainingInTransaction(Database& db, const QString& product,
                                                    const QString& batchNumber)
{
    auto st =
        db.prepare("SELECT (SELECT COALESCE(SUM(quantity_milli), 0) FROM stock_movements WHERE batch_id = "
                   "b.id) FROM stock_batches b WHERE b.product = ? AND b.batch_key = ?");
    if (!st.bind(1, product.trimmed()).bind(2, batchKey(batchNumber)).step())
        return std::nullopt;
    return fromMilli(st.int64(0));
}

} // namespace cd
