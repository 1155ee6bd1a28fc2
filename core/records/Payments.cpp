#include "records/Payments.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
#include "clients/ClientGuard.h"
#include "clients/ClientStore.h"
#include "common/Clock.h"
#include "diary/DiaryCommon.h"
#include "importing/Csv.h"
#include "records/Money.h"
#include "records/Quotes.h"
#include "storage/Sql.h"

#include <QHash>
#include <QObject>
#include <QSet>

namespace cd {

using namespace diary_detail;

namespace {

constexpr const char* kSelect =
    "SELECT p.id, p.client_id, p.kind, p.amount_pence, p.method, p.description, p.quote_id, p.paid_on, "
    "p.recorded_at, p.recorded_by FROM payments p ";

Payment read(const Statement& st)
{
    Payment p;
    p.id = st.int64(0);
    p.clientId = st.int64(1);
    p.kind = vocab::fromCode<PaymentKind>(st.text(2)).value_or(PaymentKind::Payment);
    p.amountPence = st.int64(3);
    p.method = vocab::fromCode<PaymentMethod>(st.text(4)).value_or(PaymentMethod::Other);
    p.description = st.text(5);
    p.quoteId = st.isNull(6) ? 0 : st.int64(6);
    p.paidOn = QDate::fromString(st.text(7), Qt::ISODate);
    p.recordedAt = st.text(8);
    p.recordedBy = st.isNull(9) ? 0 : st.int64(9);
    return p;
}

} // namespace

qint64 DayTakings::totalPaymentsPence() const
{
    qint64 t = 0;
    for (const Line& l : byMethod)
        t += l.paymentsPence;
    return t;
}

qint64 DayTakings::totalRefundsPence() const
{
    qint64 t = 0;
    for (const Line& l : byMethod)
        t += l.refundsPence;
    return t;
}

qint64 Payments::insertInTransaction(const Payment& p, const QString& recordedAt, qint64 recordedBy)
{
    auto ins =
        m_db.prepare("INSERT INTO payments (client_id, kind, amount_pence, method, description, quote_id, "
                     "paid_on, recorded_at, recorded_by) VALUES (?,?,?,?,?,?,?,?,?)");
    ins.bind(1, p.clientId)
        .bind(2, vocab::code(p.kind))
        .bind(3, p.amountPence)
        .bind(4, vocab::code(p.method))
        .bind(5, p.description);
    p.quoteId > 0 ? ins.bind(6, p.quoteId) : ins.bindNull(6);
    ins.bind(7, p.paidOn.toString(Qt::ISODate)).bind(8, recordedAt);
    recordedBy > 0 ? ins.bind(9, recordedBy) : ins.bindNull(9);
    return ins.runInsert();
}

Result<qint64> Payments::record(const Payment& in, qint64 staffId)
{
    if (auto st = access::require(m_db, Action::RecordPayments); !st)
        return st.error();
    Payment p = in;
    p.description = p.description.trimmed();
    if (!p.paidOn.isValid())
        p.paidOn = Clock::today();
    if (p.amountPence <= 0 || p.amountPence > 100000000)
        return makeError(Error::Kind::Invalid,
                         QObject::tr("Give the amount in pounds and pence, more than nothing."));
    if (p.description.isEmpty())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("Say what the %1 was for.").arg(vocab::label(p.kind).toLower()));
    if (p.paidOn > Clock::today())
        return makeError(Error::Kind::Invalid, QObject::tr("The date paid is in the future."));
    return guarded([&]() -> Result<qint64> {
        // A refund gives money back (less processing): still possible for a restricted client.
        if (auto st = client::mayWrite(m_db, p.clientId, Action::RecordPayments,
                                       p.kind == PaymentKind::Payment ? ClientWrite::Add : ClientWrite::Less);
            !st)
            return st.error();
        if (p.quoteId > 0) {
            if (Quotes(m_db).clientOfInTransaction(p.quoteId) != p.clientId)
                return makeError(Error::Kind::Invalid,
                                 QObject::tr("Quote %1 is not this client's.").arg(p.quoteId));
        }
        Transaction tx(m_db);
        if (p.kind == PaymentKind::Refund) {
            // A refund gives back money this client paid: never more than is left of it.
            auto paid =
                m_db.prepare("SELECT COALESCE(sum(CASE WHEN kind = 'payment' THEN amount_pence END), 0), "
                             "COALESCE(sum(CASE WHEN kind = 'refund' THEN amount_pence END), 0) FROM "
                             "payments WHERE client_id = ?");
            paid.bind(1, p.clientId).step();
            const qint64 left = paid.int64(0) - paid.int64(1);
            if (p.amountPence > left)
                return makeError(
                    Error::Kind::Invalid,
                    left <= 0
                        ? QObject::tr("Nothing this client paid is left to refund (paid %1, refunded %2).")
                              .arg(money::format(paid.int64(0)), money::format(paid.int64(1)))
                        : QObject::tr("At most %1 can be refunded: this client paid %2 and has had %3 back.")
                              .arg(money::format(left), money::format(paid.int64(0)),
                                   money::format(paid.int64(1))));
        }
        const qint64 id = insertInTransaction(p, Clock::nowIso(), staffOrActor(m_db, staffId));
        if (auto st =
                AuditLog(m_db).append(p.kind == PaymentKind::Refund ? QStringLiteral("refund-recorded")
                                                                    : QStringLiteral("payment-recorded"),
                                      client::subjectRefOf(m_db, p.clientId),
                                      // "£45.00 by card (payment 295)": what a manager reads first.
                                      QObject::tr("%1 by %2 (payment %3)")
                                          .arg(money::format(p.amountPence), vocab::label(p.method).toLower())
                                          .arg(id));
            !st)
            return st.error();
        tx.commit();
        return id;
    });
}

Result<QList<Payment>> Payments::forClient(qint64 clientId)
{
    if (auto st = access::require(m_db, Action::RecordPayments); !st)
        return st.error();
    return guarded([&]() -> Result<QList<Payment>> {
        auto st =
            m_db.prepare(std::string(kSelect) + "WHERE p.client_id = ? ORDER BY p.paid_on DESC, p.id DESC");
        QList<Payment> out;
        for (st.bind(1, clientId); st.step();)
            out.append(read(st));
        return out;
    });
}

Result<ClientBalance> Payments::balance(qint64 clientId)
{
    if (auto st = access::require(m_db, Action::RecordPayments); !st)
        return st.error();
    return guarded([&]() -> Result<ClientBalance> {
        ClientBalance b;
        b.acceptedQuotesPence = Quotes(m_db).acceptedTotalInTransaction(clientId);
        auto p = m_db.prepare("SELECT COALESCE(sum(CASE WHEN kind = 'payment' THEN amount_pence END), 0), "
                              "COALESCE(sum(CASE WHEN kind = 'refund' THEN amount_pence END), 0) FROM "
                              "payments WHERE client_id = ?");
        p.bind(1, clientId).step();
        b.paidPence = p.int64(0);
        b.refundedPence = p.int64(1);
        return b;
    });
}

Result<DayTakings> Payments::takings(const QDate& day)
{
    if (auto st = access::require(m_db, Action::RecordPayments); !st)
        return st.error();
    return guarded([&]() -> Result<DayTakings> {
        DayTakings t;
        t.day = day;
        auto st = m_db.prepare("SELECT method, sum(kind = 'payment'), sum(kind = 'refund'), "
                               "COALESCE(sum(CASE WHEN kind = 'payment' THEN amount_pence END), 0), "
                               "COALESCE(sum(CASE WHEN kind = 'refund' THEN amount_pence END), 0) "
                               "FROM payments WHERE paid_on = ? GROUP BY method");
        QHash<PaymentMethod, DayTakings::Line> lines;
        for (st.bind(1, day.toString(Qt::ISODate)); st.step();) {
            const PaymentMethod m = vocab::fromCode<PaymentMethod>(st.text(0)).value_or(PaymentMethod::Other);
            DayTakings::Line& l = lines[m];
            l.method = m;
            l.payments += int(st.int64(1));
            l.refunds += int(st.int64(2));
            l.paymentsPence += st.int64(3);
            l.refundsPence += st.int64(4);
        }
        for (PaymentMethod m : vocab::all<PaymentMethod>())
            if (lines.contains(m))
                t.byMethod.append(lines.value(m));
        return t;
    });
}

Result<QList<std::pair<Payment, QString>>> Payments::dayPayments(const QDate& day)
{
    if (auto st = access::require(m_db, Action::RecordPayments); !st)
        return st.error();
    return guarded([&]() -> Result<QList<std::pair<Payment, QString>>> {
        auto st = m_db.prepare(std::string(kSelect) + "WHERE p.paid_on = ? ORDER BY p.recorded_at, p.id");
        QList<Payment> rows;
        QSet<qint64> clients;
        for (st.bind(1, day.toString(Qt::ISODate)); st.step();) {
            rows.append(read(st));
            clients.insert(rows.constLast().clientId);
        }
        const QHash<qint64, QString> names = ClientStore(m_db).displayNamesInTransaction(clients);
        QList<std::pair<Payment, QString>> out;
        for (const Payment& p : rows)
            out.append({p, names.value(p.clientId)});
        return out;
    });
}

Status Payments::exportDayCsv(const QDate& day, const QString& path)
{
    if (path.isEmpty())
        return makeError(Error::Kind::Invalid, QObject::tr("Choose where to save the takings."));
    auto lines = dayPayments(day);
    if (!lines)
        return lines.error();
    auto totals = takings(day);
    if (!totals)
        return totals.error();
    const auto pounds = [](qint64 pence) { return QString::number(double(pence) / 100.0, 'f', 2); };
    QList<QStringList> rows{{QStringLiteral("date"), QStringLiteral("client"), QStringLiteral("kind"),
                             QStringLiteral("method"), QStringLiteral("amount"), QStringLiteral("for")}};
    for (const auto& [p, name] : lines.value())
        rows.append({p.paidOn.toString(Qt::ISODate), name, vocab::code(p.kind), vocab::code(p.method),
                     pounds(p.signedPence()), p.description});
    for (const DayTakings::Line& l : totals->byMethod)
        rows.append({day.toString(Qt::ISODate),
                     QObject::tr("Total"),
                     QStringLiteral("net"),
                     vocab::code(l.method),
                     pounds(l.netPence()),
                     {}});
    rows.append({day.toString(Qt::ISODate),
                 QObject::tr("Total"),
                 QStringLiteral("net"),
                 QStringLiteral("all"),
                 pounds(totals->netPence()),
                 {}});
    if (auto st = csv::writeFile(path, rows); !st)
        return st;
    return guarded([&]() -> Status {
        return AuditLog(m_db).append(QStringLiteral("takings-exported"), {},
                                     QStringLiteral("takings of %1: %2 entries as CSV")
                                         .arg(day.toString(Qt::ISODate))
                                         .arg(lines->size()));
    });
}

} // namespace cd
