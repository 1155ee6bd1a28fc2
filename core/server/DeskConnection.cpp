#include "server/DeskConnection.h"

#include "server/ClinicServer.h"
#include "storage/PgBackend.h"
#include "storage/Sql.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <libpq-fe.h>
#include <vector>

namespace cd::server {

bool Desk::isDeskFolder(const QString& dir)
{
    return QFileInfo::exists(QDir(dir).filePath(QLatin1String(kFile)));
}

Result<Desk> Desk::load(const QString& dir)
{
    QFile f(QDir(dir).filePath(QLatin1String(kFile)));
    if (!f.open(QIODevice::ReadOnly))
        return makeError(Error::Kind::NotFound,
                         QObject::tr("%1 is not a desk folder (it has no desk.json).").arg(dir));
    const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
    Desk d;
    d.dir = QDir(dir).absolutePath();
    d.name = o.value(QStringLiteral("desk")).toString();
    d.host = o.value(QStringLiteral("host")).toString();
    d.port = o.value(QStringLiteral("port")).toInt();
    d.database = o.value(QStringLiteral("database")).toString();
    d.clinicId = o.value(QStringLiteral("clinic_id")).toString();
    if (o.value(QStringLiteral("kind")).toString() != QLatin1String("clinicdesk-desk") || d.host.isEmpty() ||
        d.port <= 0 || d.database.isEmpty() || d.clinicId.isEmpty())
        return makeError(Error::Kind::Damaged,
                         QObject::tr("%1/desk.json is damaged: ask the clinic's administrator for a new desk "
                                     "folder (server add-desk).")
                             .arg(d.dir));
    for (const char* file : {"ca.crt", "desk.crt", "desk.key"})
        if (!QFileInfo::exists(QDir(dir).filePath(QLatin1String(file))))
            return makeError(Error::Kind::Damaged,
                             QObject::tr("The desk folder %1 has no %2: ask the clinic's administrator for a "
                                         "new desk folder (server add-desk).")
                                 .arg(d.dir, QLatin1String(file)));
    return d;
}

QString Desk::address() const
{
    return QStringLiteral("%1:%2").arg(host).arg(port);
}

struct DeskConnection::Conn
{
    PGconn* pg = nullptr; // owned by `sql` once the connection is up
    std::shared_ptr<pg::Connection> sql;
    ~Conn()
    {
        if (pg && !sql)
            PQfinish(pg);
    }
};

DeskConnection::DeskConnection(std::unique_ptr<Conn> c) : m_conn(std::move(c)) {}
DeskConnection::~DeskConnection() = default;

namespace {

// libpq's message, in words a receptionist can act on; the technical line stays after it.
Error explain(const Desk& desk, const QString& login, const QString& raw)
{
    const QString detail = raw.trimmed().section(QLatin1Char('\n'), 0, 0);
    const auto says = [&](const char* text) {
        return raw.contains(QLatin1String(text), Qt::CaseInsensitive);
    };
    if (says("certificate revoked"))
        return makeError(Error::Kind::Permission,
                         QObject::tr("This desk (%1) was removed from the clinic server: ask the clinic's "
                                     "administrator for a new desk folder.")
                             .arg(desk.name));
    if (says("password authentication failed") || says("no pg_hba.conf entry"))
        return makeError(
            Error::Kind::WrongSecret,
            QObject::tr("Wrong passphrase for %1, or no such account on the clinic server.").arg(login));
    if (says("does not match host name") || says("certificate verify failed"))
        return makeError(
            Error::Kind::Damaged,
            QObject::tr("The server at %1 did not prove it is the clinic's server (%2). Nothing was "
                        "sent to it; tell the clinic's administrator.")
                .arg(desk.address(), detail));
    if (says("connection refused") || says("timeout") || says("could not translate host name") ||
        says("no route to host") || says("server closed the connection"))
        return makeError(Error::Kind::Io,
                         QObject::tr("The clinic server at %1 does not answer. Check that it is running "
                                     "(`clinicdesk-cli server status` on the server) and that this computer "
                                     "reaches it; nothing was changed. (%2)")
                             .arg(desk.address(), detail));
    return makeError(
        Error::Kind::Failed,
        QObject::tr("Cannot connect to the clinic server at %1: %2").arg(desk.address(), detail));
}

} // namespace

Result<std::unique_ptr<DeskConnection>> DeskConnection::open(const Desk& desk, const QString& login,
                                                             const SecretBytes& passphrase)
{
    auto password = loginPassword(passphrase, desk.clinicId, login);
    if (!password)
        return password.error();
    const QByteArray host = desk.host.toUtf8(), port = QByteArray::number(desk.port),
                     db = desk.database.toUtf8(), user = login.toUtf8(),
                     root = QDir(desk.dir).filePath(QStringLiteral("ca.crt")).toUtf8(),
                     cert = QDir(desk.dir).filePath(QStringLiteral("desk.crt")).toUtf8(),
                     key = QDir(desk.dir).filePath(QStringLiteral("desk.key")).toUtf8();
    const std::vector<const char*> keywords{"host",
                                            "port",
                                            "dbname",
                                            "user",
                                            "password",
                                            "sslmode",
                                            "sslrootcert",
                                            "sslcert",
                                            "sslkey",
                                            "connect_timeout",
                                            "application_name",
                                            "channel_binding",
                                            nullptr};
    const std::vector<const char*> values{host.constData(), port.constData(), db.constData(),
                                          user.constData(), password->constData(), "verify-full",
                                          root.constData(), cert.constData(), key.constData(), "5",
                                          // SCRAM bound to this TLS channel: a server that is not this one
                                          // cannot ask for the password in the clear, nor relay it.
                                          "clinicdesk", "require", nullptr};
    auto c = std::make_unique<Conn>();
    c->pg = PQconnectdbParams(keywords.data(), values.data(), 0);
    password->fill('\0');
    if (!c->pg)
        return makeError(Error::Kind::Failed,
                         QObject::tr("Cannot connect to the clinic server: out of memory."));
    if (PQstatus(c->pg) != CONNECTION_OK)
        return explain(desk, login, QString::fromUtf8(PQerrorMessage(c->pg)));
    c->sql = std::make_shared<pg::Connection>(c->pg, desk.address());
    return std::unique_ptr<DeskConnection>(new DeskConnection(std::move(c)));
}

QString DeskConnection::tlsVersion() const
{
    return QString::fromUtf8(PQsslAttribute(m_conn->pg, "protocol"));
}

pg::Connection& DeskConnection::sql()
{
    return *m_conn->sql;
}

std::unique_ptr<Database> DeskConnection::database()
{
    return Database::overServer(m_conn->sql, QString::fromUtf8(PQhost(m_conn->pg)) + QLatin1Char(':') +
                                                 QString::fromUtf8(PQport(m_conn->pg)));
}

QString DeskConnection::cipher() const
{
    return QString::fromUtf8(PQsslAttribute(m_conn->pg, "cipher"));
}

namespace {

struct ResultGuard
{
    PGresult* r;
    ~ResultGuard() { PQclear(r); }
};

Error queryFailed(PGconn* pg)
{
    return makeError(
        Error::Kind::Failed,
        QObject::tr("The clinic server refused: %1")
            .arg(QString::fromUtf8(PQerrorMessage(pg)).trimmed().section(QLatin1Char('\n'), 0, 0)));
}

} // namespace

Result<QByteArray> DeskConnection::keyring()
{
    ResultGuard r{PQexecParams(m_conn->pg, "SELECT keyring FROM clinicdesk.clinic WHERE id = 1", 0, nullptr,
                               nullptr, nullptr, nullptr, 1)};
    if (PQresultStatus(r.r) != PGRES_TUPLES_OK)
        return queryFailed(m_conn->pg);
    if (PQntuples(r.r) != 1)
        return makeError(Error::Kind::Damaged, QObject::tr("The clinic server holds no keyring."));
    return QByteArray(PQgetvalue(r.r, 0, 0), PQgetlength(r.r, 0, 0));
}

Result<qint64> DeskConnection::auditEntries()
{
    ResultGuard r{PQexec(m_conn->pg, "SELECT count(*) FROM clinicdesk.audit_log")};
    if (PQresultStatus(r.r) != PGRES_TUPLES_OK)
        return queryFailed(m_conn->pg);
    return QByteArray(PQgetvalue(r.r, 0, 0)).toLongLong();
}

Result<bool> DeskConnection::mayRewriteAuditLog()
{
    ResultGuard begin{PQexec(m_conn->pg, "BEGIN")};
    if (PQresultStatus(begin.r) != PGRES_COMMAND_OK)
        return queryFailed(m_conn->pg);
    // Each touches no row, but needs the privilege to be planned at all; a savepoint keeps the
    // transaction usable after a refusal, and it is all rolled back.
    bool allowed = false;
    for (const char* change : {"UPDATE clinicdesk.audit_log SET detail = detail WHERE false",
                               "DELETE FROM clinicdesk.audit_log WHERE false"}) {
        ResultGuard mark{PQexec(m_conn->pg, "SAVEPOINT probe")};
        ResultGuard tried{PQexec(m_conn->pg, change)};
        allowed = allowed || PQresultStatus(tried.r) == PGRES_COMMAND_OK;
        ResultGuard back{PQexec(m_conn->pg, "ROLLBACK TO SAVEPOINT probe")};
    }
    ResultGuard rollback{PQexec(m_conn->pg, "ROLLBACK")};
    return allowed;
}

} // namespace cd::server
