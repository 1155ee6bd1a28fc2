#pragma once

#include "common/Result.h"
#include "common/Secret.h"

#include <QByteArray>
#include <QString>
#include <memory>

namespace cd {
class Database;
}
namespace cd::pg {
class Connection;
}

namespace cd::server {

// A desk folder (written by `server add-desk`): where the clinic's server is and how this desk proves
// it is one of the clinic's.
struct Desk
{
    QString dir;
    QString name, host, database, clinicId;
    int port = 0;
    static constexpr const char* kFile = "desk.json";
    static bool isDeskFolder(const QString& dir);
    static Result<Desk> load(const QString& dir);
    QString address() const; // "localhost:5433"
};

// A staff member's connection from a desk to the clinic server: TLS checked against the clinic's CA
// and the server's name (`sslmode=verify-full`), the desk's certificate, the login's password derived
// from the passphrase on this desk (never sent or stored as it is). Failures come back in words that
// say what to do: the server not answering, this desk removed, a wrong passphrase, a server that is
// not the clinic's.
class DeskConnection final
{
public:
    static Result<std::unique_ptr<DeskConnection>> open(const Desk& desk, const QString& login,
                                                        const SecretBytes& passphrase);
    ~DeskConnection();
    DeskConnection(const DeskConnection&) = delete;
    DeskConnection& operator=(const DeskConnection&) = delete;

    QString tlsVersion() const; // "TLSv1.3"
    // The connection as the storage layer speaks it (storage/PgBackend.h).
    pg::Connection& sql();
    // The same connection as a Database (storage/Sql.h), for the stores: their SQL runs on the server.
    std::unique_ptr<Database> database();
    QString cipher() const;
    // The clinic's keyring as the server keeps it (clinicdesk.clinic.keyring).
    Result<QByteArray> keyring();
    // Entries in the server's audit log, and whether this login may change them (it must not: the
    // change is tried inside a transaction that is rolled back whatever happens).
    Result<qint64> auditEntries();
    Result<bool> mayRewriteAuditLog();

private:
    struct Conn;
    explicit DeskConnection(std::unique_ptr<Conn> c);
    std::unique_ptr<Conn> m_conn;
};

} // namespace cd::server
