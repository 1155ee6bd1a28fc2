#pragma once

#include "CliRunner.h"

#include <QString>
#include <QTemporaryDir>

namespace cd::test {

// A free TCP port on the loopback interface (for a throwaway cluster).
int freePort();

struct Psql
{
    int exitCode = -1;
    QString out, err;
};

// psql as the clinic's administrator on the server itself: postgres over the local socket.
Psql psqlAsAdministrator(const QString& pgdata, int port, const QString& sql);

// A clinic server for one test: `clinicdesk-cli server init` in a temporary folder on a free loopback
// port (run as root: PostgreSQL runs as the postgres user), its first manager's passphrase given;
// stopped when the object goes. ok() says whether it started (error() why not).
class PgCluster final
{
public:
    explicit PgCluster(const char* managerPassphrase);
    ~PgCluster();
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    bool ok() const { return m_ok; }
    const QString& error() const { return m_error; }
    const QString& pgdata() const { return m_pgdata; }
    int port() const { return m_port; }
    const QString& clinicId() const { return m_clinicId; }
    const QString& recoveryKey() const { return m_recovery; }
    QString path(const QString& name) const { return m_dir.filePath(name); }

    // `clinicdesk-cli server ARGS` with the manager's passphrase in the environment.
    CliResult cli(const QStringList& args) const;
    // A desk folder for `name` (empty if add-desk failed).
    QString addDesk(const QString& name) const;
    Psql administrator(const QString& sql) const { return psqlAsAdministrator(m_pgdata, m_port, sql); }
    bool stop() const;
    bool start() const;

private:
    QTemporaryDir m_dir;
    QString m_passphrase, m_pgdata, m_clinicId, m_recovery, m_error;
    int m_port = 0;
    bool m_ok = false;
};

} // namespace cd::test
