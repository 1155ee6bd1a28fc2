#include "storage/PgBackend.h"

#include "storage/Sql.h"

#include <QDate>
#include <QDateTime>
#include <QObject>
#include <QScopeGuard>
#include <QtEndian>
#include <libpq-fe.h>

namespace cd::pg {

namespace {

// Type OIDs of PostgreSQL's catalogue (pg_type.dat) that the schema's columns use.
enum : Oid {
    kBool = 16,
    kBytea = 17,
    kName = 19,
    kInt8 = 20,
    kInt2 = 21,
    kInt4 = 23,
    kText = 25,
    kOid = 26,
    kBpchar = 1042,
    kVarchar = 1043,
    kFloat8 = 701,
    kNumeric = 1700,
    kDate = 1082,
    kTimestamp = 1114,
    kTimestamptz = 1184,
};

// The write lock of a clinic's database (any number: one per database, the same on every desk).
constexpr const char* kWriterLock = "SELECT pg_advisory_xact_lock(7236231977452385101)";
// How long a save waits for another desk's (Database::kBusyTimeoutMs on a vault).
constexpr int kLockTimeoutMs = 2000;

[[noreturn]] void refuse(const QString& why)
{
    throw StorageError(makeError(Error::Kind::Failed, why));
}

bool startsWithWords(std::string_view sql, std::initializer_list<std::string_view> words, size_t* end)
{
    size_t i = 0;
    for (std::string_view w : words) {
        while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i])))
            ++i;
        if (sql.size() - i < w.size())
            return false;
        for (size_t k = 0; k < w.size(); ++k)
            if (std::toupper(static_cast<unsigned char>(sql[i + k])) != w[k])
                return false;
        i += w.size();
        if (i < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[i])) || sql[i] == '_'))
            return false;
    }
    if (end)
        *end = i;
    return true;
}

QDateTime epoch()
{
    return QDateTime(QDate(2000, 1, 1), QTime(0, 0), Qt::UTC);
}

} // namespace

Translated translate(std::string_view in)
{
    if (startsWithWords(in, {"INSERT", "OR", "REPLACE"}, nullptr) ||
        startsWithWords(in, {"REPLACE"}, nullptr) || startsWithWords(in, {"PRAGMA"}, nullptr))
        refuse(QStringLiteral("This SQL has no portable form for the clinic server (its owner needs a text "
                              "for each dialect): %1")
                   .arg(QString::fromUtf8(in.data(), qsizetype(in.size())).left(60)));
    size_t from = 0;
    const bool orIgnore = startsWithWords(in, {"INSERT", "OR", "IGNORE"}, &from);
    Translated out;
    std::vector<bool> used;
    bool ended = false; // a ';' outside quotes: what follows it is another statement
    bool another = false;
    if (orIgnore)
        out.sql = "INSERT";
    out.sql.reserve(in.size() + 32);
    for (size_t i = from; i < in.size();) {
        const char c = in[i];
        const auto copyUntil = [&](std::string_view close, size_t skip) {
            const size_t end = in.find(close, i + skip);
            const size_t stop = end == std::string_view::npos ? in.size() : end + close.size();
            out.sql.append(in.substr(i, stop - i));
            i = stop;
        };
        if (c == '\'') // '' inside a string reads as its end and a new string: copied all the same
            copyUntil("'", 1);
        else if (c == '"')
            copyUntil("\"", 1);
        else if (c == '-' && i + 1 < in.size() && in[i + 1] == '-')
            copyUntil("\n", 2);
        else if (c == '/' && i + 1 < in.size() && in[i + 1] == '*')
            copyUntil("*/", 2);
        else if (c == '?') {
            size_t j = i + 1;
            int n = 0;
            while (j < in.size() && std::isdigit(static_cast<unsigned char>(in[j])))
                n = n * 10 + (in[j++] - '0');
            if (j == i + 1)
                n = out.params + 1; // SQLite: one more than the largest number so far
            out.params = std::max(out.params, n);
            if (used.size() < size_t(n))
                used.resize(size_t(n));
            used[size_t(n - 1)] = true;
            out.sql += '$' + std::to_string(n);
            i = j;
        } else {
            if (c == ';')
                ended = true;
            else if (ended && !std::isspace(static_cast<unsigned char>(c)))
                another = true;
            out.sql += in[i++];
        }
    }
    if (orIgnore && another)
        refuse(QStringLiteral("INSERT OR IGNORE cannot be translated inside several statements: give each "
                              "its own."));
    while (!out.sql.empty() &&
           (std::isspace(static_cast<unsigned char>(out.sql.back())) || out.sql.back() == ';'))
        out.sql.pop_back();
    if (orIgnore) // on a line of its own: the text may end in a -- comment
        out.sql += "\nON CONFLICT DO NOTHING";
    // A number the text skips (?1 and ?3, no ?2) is declared text: PostgreSQL cannot guess its type.
    out.types.assign(size_t(out.params), 0);
    for (size_t k = 0; k < size_t(out.params); ++k)
        if (k >= used.size() || !used[k])
            out.types[k] = kText;
    return out;
}

Error explainServerError(const QString& server, const QByteArray& sqlstate, const QString& message)
{
    const QString detail = message.trimmed().section(QLatin1Char('\n'), 0, 0);
    if (sqlstate.isEmpty() || sqlstate.startsWith("08") || sqlstate == "57P01" || sqlstate == "57P02" ||
        sqlstate == "57P03")
        return makeError(Error::Kind::Io,
                         QObject::tr("The clinic server at %1 does not answer. Nothing was saved: check that "
                                     "it is running (`clinicdesk-cli server status` on the server), then try "
                                     "again. (%2)")
                             .arg(server, detail));
    if (sqlstate == "42501")
        return makeError(
            Error::Kind::Permission,
            QObject::tr("The clinic server refused: your account may not do this (%1).").arg(detail));
    if (sqlstate.startsWith("23"))
        return makeError(Error::Kind::Conflict,
                         QObject::tr("The change conflicts with existing records: %1").arg(detail));
    if (sqlstate == "53100")
        return makeError(Error::Kind::Io,
                         QObject::tr("The clinic server's disk is full. Nothing was saved: tell the clinic's "
                                     "administrator, then try again."));
    if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03")
        return makeError(Error::Kind::Failed,
                         QObject::tr("The clinic server was busy with another desk's change. Nothing was "
                                     "saved: try again."));
    return makeError(Error::Kind::Failed, QObject::tr("The clinic server refused: %1").arg(detail));
}

// --- Connection --------------------------------------------------------------------------------

Connection::Connection(PGconn* pg, QString server) : m_pg(pg), m_server(std::move(server)) {}

Connection::~Connection()
{
    if (m_pg)
        PQfinish(m_pg);
}

void Connection::fail(const PGresult* result) const
{
    const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
    QString message = QString::fromUtf8(result ? PQresultErrorMessage(result) : "");
    if (message.trimmed().isEmpty())
        message = QString::fromUtf8(PQerrorMessage(m_pg));
    // A connection that broke has no SQLSTATE (or a class 08 one): said the same way.
    const QByteArray sqlstate =
        PQstatus(m_pg) == CONNECTION_BAD ? QByteArray() : QByteArray(state ? state : "");
    throw StorageError(explainServerError(m_server, sqlstate, message));
}

void Connection::exec(std::string_view sql)
{
    const Translated t = translate(sql); // refuses what has no portable form
    if (t.params > 0)
        refuse(QStringLiteral("exec() takes no parameters: prepare the statement."));
    PGresult* r = PQexec(m_pg, t.sql.c_str());
    const ExecStatusType status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const auto clear = qScopeGuard([r] { PQclear(r); });
        fail(r);
    }
    const char* tuples = PQcmdTuples(r);
    if (tuples && *tuples && std::string_view(PQcmdStatus(r)).substr(0, 6) != "SELECT")
        m_changes = std::atoi(tuples);
    PQclear(r);
}

void Connection::reconnect()
{
    m_prepared.clear(); // a new session on the server: nothing of the old one is prepared
    PQreset(m_pg);
    if (PQstatus(m_pg) != CONNECTION_OK)
        fail(nullptr);
}

QByteArray Connection::preparedName(const std::string& sql, const std::vector<unsigned>& types)
{
    const QByteArray key = QByteArray::fromStdString(sql);
    if (auto it = m_prepared.constFind(key); it != m_prepared.constEnd())
        return it.value();
    const QByteArray name = "cd_" + QByteArray::number(m_prepared.size() + 1);
    PGresult* r = PQprepare(m_pg, name.constData(), sql.c_str(), int(types.size()), types.data());
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        const auto clear = qScopeGuard([r] { PQclear(r); });
        fail(r);
    }
    PQclear(r);
    m_prepared.insert(key, name);
    return name;
}

Statement Connection::prepare(std::string_view sql)
{
    return Statement(*this, sql);
}

// --- Statement ---------------------------------------------------------------------------------

Statement::Statement(Connection& conn, std::string_view sql) : m_conn(&conn)
{
    Translated t = translate(sql);
    m_sql = std::move(t.sql);
    m_params = t.params;
    m_types = std::move(t.types);
    m_values.resize(size_t(m_params));
    m_null.assign(size_t(m_params), true);
    m_formats.assign(size_t(m_params), 0);
    conn.preparedName(m_sql, m_types); // a mistake in the SQL shows here, as sqlite3_prepare's would
}

Statement::~Statement()
{
    PQclear(m_result);
}

Statement::Statement(Statement&& o) noexcept
    : m_conn(o.m_conn), m_sql(std::move(o.m_sql)), m_params(o.m_params), m_types(std::move(o.m_types)),
      m_values(std::move(o.m_values)), m_null(std::move(o.m_null)), m_formats(std::move(o.m_formats)),
      m_result(std::exchange(o.m_result, nullptr)), m_row(o.m_row)
{
}

namespace {

void checkIndex(int index, int params)
{
    if (index < 1 || index > params)
        refuse(QStringLiteral("Parameter %1 is out of range (the statement has %2).").arg(index).arg(params));
}

} // namespace

Statement& Statement::bind(int index, qint64 value)
{
    checkIndex(index, m_params);
    m_values[size_t(index - 1)] = QByteArray::number(value);
    m_null[size_t(index - 1)] = false;
    m_formats[size_t(index - 1)] = 0;
    return *this;
}

Statement& Statement::bind(int index, const QString& value)
{
    checkIndex(index, m_params);
    // A null QString is '' as on a vault (SQLite stores it so); NULL is bindNull's or bindOptional's.
    m_values[size_t(index - 1)] = value.toUtf8();
    m_null[size_t(index - 1)] = false;
    m_formats[size_t(index - 1)] = 0;
    return *this;
}

Statement& Statement::bindBlob(int index, const QByteArray& value)
{
    checkIndex(index, m_params);
    m_values[size_t(index - 1)] = value;
    m_null[size_t(index - 1)] = false;
    m_formats[size_t(index - 1)] = 1;
    return *this;
}

Statement& Statement::bindNull(int index)
{
    checkIndex(index, m_params);
    m_values[size_t(index - 1)].clear();
    m_null[size_t(index - 1)] = true;
    return *this;
}

Statement& Statement::bindOptional(int index, const QString& value)
{
    return value.isEmpty() ? bindNull(index) : bind(index, value);
}

void Statement::execute(const QByteArray& name)
{
    PQclear(std::exchange(m_result, nullptr));
    m_row = -1;
    std::vector<const char*> values(static_cast<size_t>(m_params));
    std::vector<int> lengths(static_cast<size_t>(m_params));
    for (size_t i = 0; i < size_t(m_params); ++i) {
        values[i] = m_null[i] ? nullptr : m_values[i].constData();
        lengths[i] = int(m_values[i].size());
    }
    PGresult* r = PQexecPrepared(m_conn->m_pg, name.constData(), m_params, values.data(), lengths.data(),
                                 m_formats.data(), 1);
    const ExecStatusType status = PQresultStatus(r);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        const auto clear = qScopeGuard([r] { PQclear(r); });
        m_conn->fail(r);
    }
    const char* tuples = PQcmdTuples(r);
    if (tuples && *tuples && std::string_view(PQcmdStatus(r)).substr(0, 6) != "SELECT")
        m_conn->m_changes = std::atoi(tuples);
    m_result = r;
}

bool Statement::step()
{
    if (!m_result)
        execute(m_conn->preparedName(m_sql, m_types));
    ++m_row;
    return m_row < PQntuples(m_result);
}

void Statement::run()
{
    execute(m_conn->preparedName(m_sql, m_types));
    reset();
}

qint64 Statement::runInsert()
{
    execute(m_conn->preparedName(m_sql + "\nRETURNING id", m_types));
    m_row = 0;
    if (PQntuples(m_result) != 1) {
        reset();
        refuse(QStringLiteral("The insert returned no id."));
    }
    const qint64 id = int64(0);
    reset();
    return id;
}

void Statement::reset()
{
    PQclear(std::exchange(m_result, nullptr));
    m_row = -1;
    // Unbound, as sqlite3_clear_bindings leaves a kept statement: every parameter NULL again.
    for (size_t i = 0; i < size_t(m_params); ++i) {
        m_values[i].clear();
        m_null[i] = true;
        m_formats[i] = 0;
    }
}

const char* Statement::value(int col) const
{
    if (!m_result || m_row < 0 || m_row >= PQntuples(m_result) || col < 0 || col >= PQnfields(m_result))
        return nullptr;
    if (PQgetisnull(m_result, m_row, col))
        return nullptr;
    return PQgetvalue(m_result, m_row, col);
}

bool Statement::isNull(int col) const
{
    return value(col) == nullptr;
}

qint64 Statement::int64(int col) const
{
    const char* v = value(col);
    if (!v)
        return 0;
    switch (PQftype(m_result, col)) {
    case kBool:
        return v[0] != 0;
    case kInt2:
        return qFromBigEndian<qint16>(v);
    case kInt4:
        return qFromBigEndian<qint32>(v);
    case kOid:
        return qFromBigEndian<quint32>(v);
    case kInt8:
        return qFromBigEndian<qint64>(v);
    case kFloat8:
        return qint64(qFromBigEndian<double>(v));
    case kNumeric: // sum() of bigint: base-10000 digits, weight of the first, sign; the integer part
    {
        const qint16 digits = qFromBigEndian<qint16>(v), weight = qFromBigEndian<qint16>(v + 2);
        const quint16 sign = qFromBigEndian<quint16>(v + 4);
        qint64 n = 0;
        for (int d = 0; d <= weight; ++d)
            n = n * 10000 + (d < digits ? qFromBigEndian<qint16>(v + 8 + 2 * d) : 0);
        return sign == 0x4000 ? -n : n;
    }
    case kText:
    case kVarchar:
    case kBpchar:
    case kName: // text read as a number, as SQLite does
        return QByteArray(v, PQgetlength(m_result, m_row, col)).trimmed().toLongLong();
    default:
        refuse(QStringLiteral("Column %1 has a type this desk does not read as a number (oid %2).")
                   .arg(QString::fromUtf8(PQfname(m_result, col)))
                   .arg(PQftype(m_result, col)));
    }
}

QString Statement::text(int col) const
{
    const char* v = value(col);
    if (!v)
        return {};
    const int length = PQgetlength(m_result, m_row, col);
    switch (PQftype(m_result, col)) {
    case kBool:
    case kInt2:
    case kInt4:
    case kOid:
    case kInt8:
        return QString::number(int64(col));
    case kDate:
        return QDate(2000, 1, 1).addDays(qFromBigEndian<qint32>(v)).toString(Qt::ISODate);
    case kTimestamp:
    case kTimestamptz: {
        const qint64 us = qFromBigEndian<qint64>(v);
        const qint64 ms = us >= 0 ? us / 1000 : -((-us + 999) / 1000); // floor, before 2000 too
        const QDateTime t = epoch().addMSecs(ms);
        const QString text = t.toString(ms % 1000 ? Qt::ISODateWithMs : Qt::ISODate);
        return PQftype(m_result, col) == kTimestamp ? text.chopped(1) : text; // no zone, no Z
    }
    case kText:
    case kVarchar:
    case kBpchar:
    case kName:
    case kBytea:
        return QString::fromUtf8(v, length);
    default:
        refuse(QStringLiteral("Column %1 has a type this desk does not read (oid %2).")
                   .arg(QString::fromUtf8(PQfname(m_result, col)))
                   .arg(PQftype(m_result, col)));
    }
}

QByteArray Statement::blob(int col) const
{
    const char* v = value(col);
    if (!v)
        return {};
    return QByteArray(v, PQgetlength(m_result, m_row, col));
}

// --- Transactions ------------------------------------------------------------------------------

Transaction::Transaction(Connection& conn) : m_conn(conn)
{
    if (PQstatus(m_conn.m_pg) != CONNECTION_OK)
        m_conn.fail(nullptr);                             // "does not answer", not a nested transaction
    if (PQtransactionStatus(m_conn.m_pg) != PQTRANS_IDLE) // as SQLite refuses a BEGIN inside one
        refuse(QStringLiteral("A transaction cannot begin inside another one."));
    m_conn.exec("BEGIN");
    try {
        // Another desk's save holds the lock for milliseconds; one that holds it longer is "busy"
        // after the time a vault waits for its lock, never a desk frozen for good.
        m_conn.exec("SET LOCAL lock_timeout = " + std::to_string(kLockTimeoutMs));
        m_conn.exec(kWriterLock);
    } catch (...) {
        PQclear(PQexec(m_conn.m_pg, "ROLLBACK"));
        throw;
    }
}

Transaction::~Transaction()
{
    if (!m_done) // on a broken connection there is nothing to roll back: the server did
        PQclear(PQexec(m_conn.m_pg, "ROLLBACK"));
}

void Transaction::commit()
{
    m_done = true; // a failed COMMIT has ended the transaction too
    // A statement of it failed (and was caught): PostgreSQL would answer COMMIT with ROLLBACK and no
    // error, where SQLite keeps the rest. Nothing is kept, and the caller hears so.
    if (PQtransactionStatus(m_conn.m_pg) == PQTRANS_INERROR) {
        PQclear(PQexec(m_conn.m_pg, "ROLLBACK"));
        refuse(QObject::tr("A step of this change failed on the clinic server, so none of it was saved. "
                           "Try again."));
    }
    PGresult* r = PQexec(m_conn.m_pg, "COMMIT");
    const auto clear = qScopeGuard([r] { PQclear(r); });
    if (PQresultStatus(r) == PGRES_COMMAND_OK && std::string_view(PQcmdStatus(r)) == "COMMIT")
        return;
    if (PQstatus(m_conn.m_pg) == CONNECTION_BAD) // the answer was lost: it may have been saved
        throw StorageError(makeError(
            Error::Kind::Io,
            QObject::tr("The clinic server at %1 stopped answering while it saved this change: it may or may "
                        "not have been saved. Look again once the server is back, before saving it again.")
                .arg(m_conn.m_server)));
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        m_conn.fail(r);
    refuse(QObject::tr("The clinic server did not keep this change. Try again."));
}

ReadTransaction::ReadTransaction(Connection& conn) : m_conn(conn)
{
    if (PQtransactionStatus(m_conn.m_pg) != PQTRANS_IDLE)
        return; // inside the caller's transaction: its snapshot already
    m_conn.exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    m_began = true;
}

ReadTransaction::~ReadTransaction()
{
    if (m_began)
        PQclear(PQexec(m_conn.m_pg, "COMMIT"));
}

} // namespace cd::pg
