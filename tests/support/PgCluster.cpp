#include "PgCluster.h"

#include "Files.h"

#include <QFile>
#include <QProcess>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace cd::test {

int freePort()
{
    const int s = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(s);
    return ntohs(a.sin_port);
}

Psql psqlAsAdministrator(const QString& pgdata, int port, const QString& sql)
{
    QProcess p;
    p.start(QStringLiteral("runuser"),
            {QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), QStringLiteral("psql"),
             QStringLiteral("-X"), QStringLiteral("-A"), QStringLiteral("-t"), QStringLiteral("-v"),
             QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"), pgdata, QStringLiteral("-p"),
             QString::number(port), QStringLiteral("-d"), QStringLiteral("clinicdesk"), QStringLiteral("-c"),
             sql});
    // Not started, killed or timed out is a failure, never exit code 0.
    const bool finished = p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit;
    return {finished ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()).trimmed(),
            QString::fromUtf8(p.readAllStandardError()).trimmed() + (finished ? QString() : p.errorString())};
}

PgCluster::PgCluster(const char* managerPassphrase) : m_passphrase(QString::fromUtf8(managerPassphrase))
{
    if (::geteuid() != 0) {
        m_error =
            QStringLiteral("the clinic server's tests run as root (PostgreSQL runs as the postgres user)");
        return;
    }
    // The postgres user walks into the folder to reach its data directory.
    QFile::setPermissions(m_dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                            QFileDevice::ExeOwner | QFileDevice::ExeGroup |
                                            QFileDevice::ExeOther);
    m_pgdata = m_dir.filePath(QStringLiteral("server"));
    m_port = freePort();
    const CliResult made = cli({QStringLiteral("init"), QStringLiteral("--pgdata"), m_pgdata,
                                QStringLiteral("--port"), QString::number(m_port)});
    if (made.exitCode != 0) {
        m_error = made.err;
        return;
    }
    m_recovery = made.out.trimmed();
    m_clinicId = QString::fromLatin1(readAll(m_pgdata + QStringLiteral("/clinicdesk/clinic-id"))).trimmed();
    m_ok = true;
}

PgCluster::~PgCluster()
{
    if (m_ok)
        stop();
}

CliResult PgCluster::cli(const QStringList& args) const
{
    return runCli(QStringList{QStringLiteral("server")} + args, {}, cliEnvironment(m_passphrase));
}

QString PgCluster::addDesk(const QString& name) const
{
    const QString out = m_dir.filePath(name);
    const CliResult r = cli({QStringLiteral("add-desk"), QStringLiteral("--pgdata"), m_pgdata,
                             QStringLiteral("--name"), name, QStringLiteral("--out"), out});
    return r.exitCode == 0 ? out : QString();
}

bool PgCluster::stop() const
{
    return cli({QStringLiteral("stop"), QStringLiteral("--pgdata"), m_pgdata}).exitCode == 0;
}

bool PgCluster::start() const
{
    return cli({QStringLiteral("start"), QStringLiteral("--pgdata"), m_pgdata}).exitCode == 0;
}

} // namespace cd::test
