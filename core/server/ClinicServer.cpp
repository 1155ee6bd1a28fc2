#include "server/ClinicServer.h"

#include "vault/Kdf.h"
#include "vault/KeySet.h"
#include "vault/Keyring.h"
#include "vault/PassphraseStrength.h"
#include "vault/Vault.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QObject>
#include <QProcess>
#include <QProcessEnvironment>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSysInfo>
#include <grp.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

namespace cd::server {

namespace {

constexpr const char* kDatabase = "clinicdesk";

struct Ran
{
    int exitCode = -1;
    QString out, err;
    bool ok() const { return exitCode == 0; }
};

QString binDir()
{
    const QString env = qEnvironmentVariable("CLINICDESK_PG_BINDIR");
    return env.isEmpty() ? QStringLiteral("/usr/lib/postgresql/15/bin") : env;
}

QString pgBin(const char* name)
{
    return binDir() + QLatin1Char('/') + QLatin1String(name);
}

Ran run(const QString& program, const QStringList& args, const QByteArray& input = {}, int timeoutMs = 120000)
{
    QProcess p;
    // The tools speak English whatever the machine's language, so their messages can be passed on.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.remove(QStringLiteral("PGPASSWORD"));
    p.setProcessEnvironment(env);
    p.setWorkingDirectory(QStringLiteral("/"));
    p.start(program, args);
    Ran r;
    if (!p.waitForStarted(10000)) {
        r.err = QObject::tr("%1 could not be started").arg(program);
        return r;
    }
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = QObject::tr("%1 did not finish in time").arg(program);
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// PostgreSQL's own tools run as the postgres system user, as PostgreSQL requires.
Ran asPostgres(const QString& program, const QStringList& args, const QByteArray& input = {})
{
    return run(QStringLiteral("runuser"),
               QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--"), program} +
                   args,
               input);
}

Error failed(const QString& what, const Ran& r)
{
    const QString detail = (r.err.trimmed().isEmpty() ? r.out : r.err).trimmed();
    return makeError(Error::Kind::Failed,
                     detail.isEmpty() ? what : QStringLiteral("%1: %2").arg(what, detail.left(600)));
}

QByteArray randomBytes(int n)
{
    QByteArray out(n, '\0');
    QRandomGenerator::system()->generate(out.begin(), out.end());
    return out;
}

struct Paths
{
    QString pgdata, own, ca, caKey, caConf, crl, log, clinicId, conf, hba, socket;
    explicit Paths(const QString& dir)
        : pgdata(QDir(dir).absolutePath()), own(pgdata + QStringLiteral("/clinicdesk")),
          ca(own + QStringLiteral("/ca.crt")), caKey(own + QStringLiteral("/ca.key")),
          caConf(own + QStringLiteral("/ca.cnf")), crl(own + QStringLiteral("/root.crl")),
          log(own + QStringLiteral("/server.log")), clinicId(own + QStringLiteral("/clinic-id")),
          conf(pgdata + QStringLiteral("/clinicdesk.conf")), hba(pgdata + QStringLiteral("/pg_hba.conf")),
          socket(pgdata)
    {
    }
};

Status requireRoot(const char* command)
{
    if (::geteuid() != 0)
        return makeError(Error::Kind::Permission,
                         QObject::tr("Run `clinicdesk-cli server %1` as root (sudo): PostgreSQL runs as the "
                                     "postgres system user, which only root can act as.")
                             .arg(QLatin1String(command)));
    if (!::getpwnam("postgres"))
        return makeError(Error::Kind::Failed,
                         QObject::tr("There is no postgres system user: install PostgreSQL 15 first "
                                     "(sudo apt-get install postgresql-15)."));
    if (!QFileInfo::exists(pgBin("pg_ctl")))
        return makeError(Error::Kind::Failed,
                         QObject::tr("PostgreSQL 15 is not installed (%1 is missing): sudo apt-get install "
                                     "postgresql-15.")
                             .arg(pgBin("pg_ctl")));
    return {};
}

Status requireCluster(const Paths& p)
{
    if (!QFileInfo::exists(p.pgdata + QStringLiteral("/PG_VERSION")) || !QFileInfo::exists(p.ca))
        return makeError(Error::Kind::NotFound,
                         QObject::tr("%1 is not a Clinicdesk server folder (made by `clinicdesk-cli server "
                                     "init`).")
                             .arg(p.pgdata));
    return {};
}

Status chownToPostgres(const QString& path)
{
    const Ran r =
        run(QStringLiteral("chown"), {QStringLiteral("-R"), QStringLiteral("postgres:postgres"), path});
    if (!r.ok())
        return failed(QObject::tr("Cannot give %1 to the postgres user").arg(path), r);
    return {};
}

Status writeFile(const QString& path, const QByteArray& bytes, QFileDevice::Permissions perms)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return makeError(Error::Kind::Io, QObject::tr("Cannot write %1: %2").arg(path, f.errorString()));
    QFile::setPermissions(path, perms);
    return {};
}

QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

int portOf(const Paths& p)
{
    static const QRegularExpression re(QStringLiteral("^port\\s*=\\s*(\\d+)"),
                                       QRegularExpression::MultilineOption);
    return re.match(QString::fromUtf8(readFile(p.conf))).captured(1).toInt();
}

// The names a desk may reach the server by: what it listens on, this machine's name, localhost.
QStringList serverNames(const QString& listen)
{
    QStringList names{QStringLiteral("localhost"), QStringLiteral("127.0.0.1"), QStringLiteral("::1")};
    const QString host = QSysInfo::machineHostName();
    if (!host.isEmpty())
        names << host;
    for (const QString& a : listen.split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (const QString t = a.trimmed(); t != QLatin1String("*") && !t.isEmpty() && !names.contains(t))
            names << t;
    return names;
}

QByteArray caConfig(const Paths& p, const QStringList& names)
{
    QByteArray c = "[ ca ]\ndefault_ca = clinic\n\n[ clinic ]\n";
    c += "dir = " + p.own.toUtf8() + "\n";
    c += "database = $dir/index.txt\nnew_certs_dir = $dir/issued\nserial = $dir/serial\n"
         "crlnumber = $dir/crlnumber\ncertificate = $dir/ca.crt\nprivate_key = $dir/ca.key\n"
         "default_md = sha256\ndefault_days = 1825\ndefault_crl_days = 3650\npolicy = any\n"
         "unique_subject = no\ncopy_extensions = none\n\n[ any ]\ncommonName = supplied\n\n"
         "[ desk_ext ]\nbasicConstraints = critical,CA:FALSE\nkeyUsage = critical,digitalSignature\n"
         "extendedKeyUsage = clientAuth\n\n"
         "[ server_ext ]\nbasicConstraints = critical,CA:FALSE\n"
         "keyUsage = critical,digitalSignature,keyEncipherment\nextendedKeyUsage = serverAuth\n"
         "subjectAltName = @server_names\n\n[ server_names ]\n";
    int dns = 0, ip = 0;
    static const QRegularExpression address(QStringLiteral("^[0-9.]+$|:"));
    for (const QString& n : names)
        c += address.match(n).hasMatch() ? "IP." + QByteArray::number(++ip) + " = " + n.toUtf8() + "\n"
                                         : "DNS." + QByteArray::number(++dns) + " = " + n.toUtf8() + "\n";
    return c;
}

Ran openssl(const QStringList& args)
{
    return run(QStringLiteral("openssl"), args);
}

// A key and a certificate signed by the clinic's CA with `extensions` of ca.cnf. Throws nothing.
Status issue(const Paths& p, const QString& commonName, const QString& extensions, const QString& keyPath,
             const QString& certPath)
{
    const QString csr = keyPath + QStringLiteral(".csr");
    Ran r = openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
                     QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                     QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                     QStringLiteral("-keyout"), keyPath, QStringLiteral("-out"), csr, QStringLiteral("-subj"),
                     QStringLiteral("/CN=") + commonName});
    if (!r.ok())
        return failed(QObject::tr("Cannot make a key for %1").arg(commonName), r);
    QFile::setPermissions(keyPath, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    r = openssl({QStringLiteral("ca"), QStringLiteral("-batch"), QStringLiteral("-notext"),
                 QStringLiteral("-config"), p.caConf, QStringLiteral("-extensions"), extensions,
                 QStringLiteral("-in"), csr, QStringLiteral("-out"), certPath});
    QFile::remove(csr);
    if (!r.ok())
        return failed(QObject::tr("The clinic's CA cannot sign %1").arg(commonName), r);
    return {};
}

Status makeCertificates(const Paths& p, const QString& clinicId, const QString& listen)
{
    if (!QDir().mkpath(p.own + QStringLiteral("/issued")))
        return makeError(Error::Kind::Io, QObject::tr("Cannot create %1.").arg(p.own));
    QFile::setPermissions(p.own, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const QFileDevice::Permissions owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    for (const auto& [name, content] :
         {std::pair{"index.txt", QByteArray()}, std::pair{"serial", QByteArray("1000\n")},
          std::pair{"crlnumber", QByteArray("1000\n")}})
        if (auto st = writeFile(p.own + QLatin1Char('/') + QLatin1String(name), content, owner); !st)
            return st;
    if (auto st = writeFile(p.caConf, caConfig(p, serverNames(listen)), owner); !st)
        return st;
    Ran r = openssl({QStringLiteral("req"),
                     QStringLiteral("-x509"),
                     QStringLiteral("-new"),
                     QStringLiteral("-newkey"),
                     QStringLiteral("ec"),
                     QStringLiteral("-pkeyopt"),
                     QStringLiteral("ec_paramgen_curve:prime256v1"),
                     QStringLiteral("-nodes"),
                     QStringLiteral("-keyout"),
                     p.caKey,
                     QStringLiteral("-out"),
                     p.ca,
                     QStringLiteral("-days"),
                     QStringLiteral("3650"),
                     QStringLiteral("-subj"),
                     QStringLiteral("/CN=Clinicdesk clinic CA ") + clinicId,
                     QStringLiteral("-addext"),
                     QStringLiteral("basicConstraints=critical,CA:TRUE"),
                     QStringLiteral("-addext"),
                     QStringLiteral("keyUsage=critical,keyCertSign,cRLSign")});
    if (!r.ok())
        return failed(QObject::tr("Cannot make the clinic's certificate authority"), r);
    QFile::setPermissions(p.caKey, owner);
    if (auto st = issue(p, QStringLiteral("clinicdesk server"), QStringLiteral("server_ext"),
                        p.pgdata + QStringLiteral("/server.key"), p.pgdata + QStringLiteral("/server.crt"));
        !st)
        return st;
    r = openssl({QStringLiteral("ca"), QStringLiteral("-config"), p.caConf, QStringLiteral("-gencrl"),
                 QStringLiteral("-out"), p.crl});
    if (!r.ok())
        return failed(QObject::tr("Cannot write the revocation list"), r);
    return {};
}

QByteArray serverConfig(const Paths& p, int port, const QString& listen)
{
    QByteArray c = "# Written by clinicdesk-cli server init; included from postgresql.conf.\n";
    c += "listen_addresses = '" + listen.toUtf8() + "'\n";
    c += "port = " + QByteArray::number(port) + "\n";
    c += "unix_socket_directories = '" + p.socket.toUtf8() + "'\n";
    c += "ssl = on\nssl_min_protocol_version = 'TLSv1.3'\n";
    c += "ssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n";
    c += "ssl_ca_file = '" + p.ca.toUtf8() + "'\nssl_crl_file = '" + p.crl.toUtf8() + "'\n";
    c += "password_encryption = 'scram-sha-256'\n";
    // A hot standby streams from this cluster (server add-standby).
    c += "wal_level = replica\nmax_wal_senders = 5\nhot_standby = on\n";
    c += "log_connections = on\n";
    return c;
}

QByteArray hbaConfig()
{
    return "# Written by clinicdesk-cli server init.\n"
           "# The administrator, on the server itself: the postgres superuser over the local socket.\n"
           "local   all          postgres                          peer\n"
           "# Every desk: TLS only, a certificate signed by the clinic's CA (not revoked), and the staff\n"
           "# member's own login. Nothing else is accepted.\n"
           "hostssl clinicdesk   +clinicdesk_staff  0.0.0.0/0      scram-sha-256 clientcert=verify-ca\n"
           "hostssl clinicdesk   +clinicdesk_staff  ::/0           scram-sha-256 clientcert=verify-ca\n";
}

Ran psql(const Paths& p, int port, const char* database, const QByteArray& sql)
{
    return asPostgres(pgBin("psql"),
                      {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-v"),
                       QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"), p.socket,
                       QStringLiteral("-p"), QString::number(port), QStringLiteral("-d"),
                       QLatin1String(database), QStringLiteral("-f"), QStringLiteral("-")},
                      sql);
}

QByteArray quoted(const QByteArray& literal)
{
    QByteArray q = literal;
    q.replace('\'', "''");
    return '\'' + q + '\'';
}

QByteArray resource(const char* path)
{
    QFile f(QString::fromLatin1(path));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

Result<QByteArray> loginPassword(const SecretBytes& passphrase, const QString& clinicId, const QString& login)
{
    // Fixed parameters (the desk must derive the same password anywhere): 64 MiB, 3 passes.
    KdfParams params;
    params.opsLimit = 3;
    params.memLimit = 64ull * 1024 * 1024;
    const QByteArray salt = QCryptographicHash::hash(
                                QStringLiteral("clinicdesk-server-login:%1:%2").arg(clinicId, login).toUtf8(),
                                QCryptographicHash::Sha256)
                                .left(kSaltBytes);
    auto key = deriveKey(passphrase, salt, params);
    if (!key)
        return key.error();
    return QByteArray(reinterpret_cast<const char*>(key->data()), qsizetype(key->size())).toHex();
}

QByteArray scramVerifier(const QByteArray& password, const QByteArray& salt)
{
    // RFC 5802 / 7677: SaltedPassword = PBKDF2-HMAC-SHA-256(password, salt, 4096).
    constexpr int kIterations = 4096;
    QByteArray u = QMessageAuthenticationCode::hash(salt + QByteArray("\0\0\0\1", 4), password,
                                                    QCryptographicHash::Sha256);
    QByteArray salted = u;
    for (int i = 1; i < kIterations; ++i) {
        u = QMessageAuthenticationCode::hash(u, password, QCryptographicHash::Sha256);
        for (int b = 0; b < salted.size(); ++b)
            salted[b] = char(salted[b] ^ u[b]);
    }
    const QByteArray clientKey =
        QMessageAuthenticationCode::hash("Client Key", salted, QCryptographicHash::Sha256);
    const QByteArray storedKey = QCryptographicHash::hash(clientKey, QCryptographicHash::Sha256);
    const QByteArray serverKey =
        QMessageAuthenticationCode::hash("Server Key", salted, QCryptographicHash::Sha256);
    return "SCRAM-SHA-256$" + QByteArray::number(kIterations) + ':' + salt.toBase64() + '$' +
           storedKey.toBase64() + ':' + serverKey.toBase64();
}

Result<QString> init(const InitOptions& o, const SecretBytes& passphrase)
{
    if (auto st = requireRoot("init"); !st)
        return st.error();
    if (o.port < 1 || o.port > 65535)
        return makeError(Error::Kind::Invalid, QObject::tr("Give the server's port (--port), e.g. 5433."));
    static const QRegularExpression login(QStringLiteral("^[a-z][a-z0-9_.-]{0,62}$"));
    if (!login.match(o.manager).hasMatch())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("A login is lower-case letters, digits, dots, dashes and underscores, "
                                     "starting with a letter."));
    if (auto st = requireAcceptable(passphrase, {o.manager, QStringLiteral("clinicdesk")}); !st)
        return st.error();
    const Paths p(o.pgdata);
    // Hidden files count: a home folder of dot-files is not an empty folder.
    if (QDir(p.pgdata).exists() &&
        !QDir(p.pgdata)
             .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System)
             .isEmpty())
        return makeError(Error::Kind::Conflict,
                         QObject::tr("%1 is not empty: choose a new folder for the server.").arg(p.pgdata));
    const bool made = !QDir(p.pgdata).exists();
    // Whatever fails below, nothing half-made is left: the cluster is stopped and the folder emptied.
    const auto undo = [&](const Error& e) -> Result<QString> {
        asPostgres(pgBin("pg_ctl"),
                   {QStringLiteral("-D"), p.pgdata, QStringLiteral("-m"), QStringLiteral("immediate"),
                    QStringLiteral("-w"), QStringLiteral("stop")});
        QDir dir(p.pgdata);
        if (made)
            dir.removeRecursively();
        else
            for (const QString& entry : dir.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
                QFileInfo(dir.filePath(entry)).isDir() ? QDir(dir.filePath(entry)).removeRecursively()
                                                       : QFile::remove(dir.filePath(entry));
        return e;
    };
    if (!QDir().mkpath(p.pgdata))
        return makeError(Error::Kind::Io, QObject::tr("Cannot create %1.").arg(p.pgdata));
    QFile::setPermissions(p.pgdata, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (auto st = chownToPostgres(p.pgdata); !st)
        return undo(st.error());
    Ran r = asPostgres(pgBin("initdb"),
                       {QStringLiteral("-D"), p.pgdata, QStringLiteral("-U"), QStringLiteral("postgres"),
                        QStringLiteral("-E"), QStringLiteral("UTF8"), QStringLiteral("--locale=C.UTF-8"),
                        QStringLiteral("--auth-local=peer"), QStringLiteral("--auth-host=scram-sha-256"),
                        QStringLiteral("--data-checksums")});
    if (!r.ok())
        return undo(failed(QObject::tr("initdb failed"), r));
    const QString clinicId = QString::fromLatin1(randomBytes(12).toHex());
    if (auto st = makeCertificates(p, clinicId, o.listen); !st)
        return undo(st.error());
    const QFileDevice::Permissions owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (auto st = writeFile(p.clinicId, clinicId.toLatin1() + '\n',
                            owner | QFileDevice::ReadGroup | QFileDevice::ReadOther);
        !st)
        return undo(st.error());
    if (auto st = writeFile(p.conf, serverConfig(p, o.port, o.listen), owner); !st)
        return undo(st.error());
    QFile main(p.pgdata + QStringLiteral("/postgresql.conf"));
    if (!main.open(QIODevice::Append) || main.write("\ninclude 'clinicdesk.conf'\n") < 0)
        return undo(makeError(Error::Kind::Io, QObject::tr("Cannot add to postgresql.conf.")));
    main.close();
    if (auto st = writeFile(p.hba, hbaConfig(), owner); !st)
        return undo(st.error());
    if (auto st = chownToPostgres(p.pgdata); !st)
        return undo(st.error());
    if (auto st = start(p.pgdata); !st)
        return undo(st.error());

    // Roles and the database, then the schema (resources/server/schema.sql) as its owner, then the
    // first manager's login: only the SCRAM verifier of the password the passphrase gives.
    r = psql(p, o.port, "postgres", resource(":/server/roles.sql"));
    if (!r.ok())
        return undo(failed(QObject::tr("Cannot make the roles"), r));
    auto password = loginPassword(passphrase, clinicId, o.manager);
    if (!password)
        return undo(password.error());
    const QByteArray verifier = scramVerifier(password.value(), randomBytes(16));
    // The clinic's keys come from the recovery key, as a vault's do (vault/Vault.cpp).
    const SecretBytes recoveryKey = SecretBytes::random(kKeyBytes);
    const QString recovery = formatRecoveryKey(recoveryKey);
    KeySet keys = KeySet::fromRecoveryKey(recoveryKey);
    Keyring ring = Keyring::createFor(keys);
    if (auto st = ring.setSlot(o.manager, passphrase, KdfParams::calibrated(), keys); !st)
        return undo(st.error());
    QByteArray sql = resource(":/server/schema.sql");
    sql += "\nCREATE ROLE \"" + o.manager.toUtf8() + "\" LOGIN PASSWORD " + quoted(verifier) +
           " IN ROLE clinicdesk_manager;\n";
    sql += "INSERT INTO clinicdesk.clinic (id, clinic_id, keyring) VALUES (1, " + quoted(clinicId.toUtf8()) +
           ", " + "decode(" + quoted(ring.serialize().toBase64()) + ", 'base64')" + ");\n";
    sql += "INSERT INTO clinicdesk.audit_log (staff, action, detail) VALUES ('postgres', 'server-created', " +
           quoted("first manager " + o.manager.toUtf8()) + ");\n";
    r = psql(p, o.port, kDatabase, sql);
    if (!r.ok())
        return undo(failed(QObject::tr("Cannot make the schema"), r));
    return recovery;
}

Status start(const QString& pgdata)
{
    if (auto st = requireRoot("start"); !st)
        return st;
    const Paths p(pgdata);
    if (auto st = requireCluster(p); !st)
        return st;
    const Ran r = asPostgres(pgBin("pg_ctl"), {QStringLiteral("-D"), p.pgdata, QStringLiteral("-l"), p.log,
                                               QStringLiteral("-w"), QStringLiteral("-t"),
                                               QStringLiteral("60"), QStringLiteral("start")});
    if (!r.ok())
        return failed(QObject::tr("The server did not start (its log: %1)").arg(p.log), r);
    return {};
}

Status stop(const QString& pgdata)
{
    if (auto st = requireRoot("stop"); !st)
        return st;
    const Paths p(pgdata);
    if (auto st = requireCluster(p); !st)
        return st;
    const Ran r =
        asPostgres(pgBin("pg_ctl"), {QStringLiteral("-D"), p.pgdata, QStringLiteral("-m"),
                                     QStringLiteral("fast"), QStringLiteral("-w"), QStringLiteral("stop")});
    if (!r.ok())
        return failed(QObject::tr("The server did not stop"), r);
    return {};
}

Result<QString> status(const QString& pgdata)
{
    if (auto st = requireRoot("status"); !st)
        return st.error();
    const Paths p(pgdata);
    if (auto st = requireCluster(p); !st)
        return st.error();
    const Ran r = asPostgres(pgBin("pg_ctl"), {QStringLiteral("-D"), p.pgdata, QStringLiteral("status")});
    static const QRegularExpression pid(QStringLiteral("PID: (\\d+)"));
    int desks = 0, revoked = 0;
    for (const QByteArray& line : readFile(p.own + QStringLiteral("/index.txt")).split('\n'))
        if (line.contains("/CN=desk "))
            (line.startsWith('R') ? revoked : desks)++;
    const QString state =
        r.exitCode == 0
            ? QStringLiteral("running on port %1 (pid %2)").arg(portOf(p)).arg(pid.match(r.out).captured(1))
            : QStringLiteral("stopped");
    return QStringLiteral("%1; clinic %2; %3 desks, %4 revoked")
        .arg(state, QString::fromLatin1(readFile(p.clinicId)).trimmed())
        .arg(desks)
        .arg(revoked);
}

Status addDesk(const QString& pgdata, const QString& name, const QString& outDir, const QString& host)
{
    if (auto st = requireRoot("add-desk"); !st)
        return st;
    const Paths p(pgdata);
    if (auto st = requireCluster(p); !st)
        return st;
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,40}$"));
    if (!valid.match(name).hasMatch())
        return makeError(Error::Kind::Invalid,
                         QObject::tr("A desk's name is letters, digits, dots, dashes and underscores (e.g. "
                                     "reception-1)."));
    for (const QByteArray& line : readFile(p.own + QStringLiteral("/index.txt")).split('\n'))
        if (line.startsWith('V') && line.endsWith("/CN=desk " + name.toUtf8()))
            return makeError(
                Error::Kind::Conflict,
                QObject::tr("There is a desk named %1 already: remove it first, or choose another "
                            "name.")
                    .arg(name));
    // A new folder only: one that exists may belong to someone else, who could read the desk's key.
    QDir out(outDir);
    if (out.exists())
        return makeError(Error::Kind::Conflict,
                         QObject::tr("%1 exists already: give a new folder for the desk.").arg(outDir));
    if (!QDir().mkpath(outDir))
        return makeError(Error::Kind::Io, QObject::tr("Cannot create %1.").arg(outDir));
    QFile::setPermissions(outDir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    const auto undo = [&](const Error& e) -> Status {
        QDir(outDir).removeRecursively();
        return e;
    };
    const QString key = out.absoluteFilePath(QStringLiteral("desk.key"));
    const QString cert = out.absoluteFilePath(QStringLiteral("desk.crt"));
    if (auto st = issue(p, QStringLiteral("desk ") + name, QStringLiteral("desk_ext"), key, cert); !st)
        return undo(st.error());
    const QFileDevice::Permissions owner = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    if (auto st = writeFile(out.absoluteFilePath(QStringLiteral("ca.crt")), readFile(p.ca), owner); !st)
        return undo(st.error());
    QFile::setPermissions(cert, owner);
    const QJsonObject desk{
        {QStringLiteral("kind"), QStringLiteral("clinicdesk-desk")},
        {QStringLiteral("desk"), name},
        {QStringLiteral("host"), host.isEmpty() ? QStringLiteral("localhost") : host},
        {QStringLiteral("port"), portOf(p)},
        {QStringLiteral("database"), QLatin1String(kDatabase)},
        {QStringLiteral("clinic_id"), QString::fromLatin1(readFile(p.clinicId)).trimmed()}};
    if (auto st =
            writeFile(out.absoluteFilePath(QStringLiteral("desk.json")), QJsonDocument(desk).toJson(), owner);
        !st)
        return undo(st.error());
    // Run with sudo: the folder belongs to whoever asked for it, not to root.
    const QString uid = qEnvironmentVariable("SUDO_UID"), gid = qEnvironmentVariable("SUDO_GID");
    if (!uid.isEmpty())
        run(QStringLiteral("chown"),
            {QStringLiteral("-R"), uid + QLatin1Char(':') + gid, out.absolutePath()});
    return chownToPostgres(p.own);
}

Status removeDesk(const QString& pgdata, const QString& name)
{
    if (auto st = requireRoot("remove-desk"); !st)
        return st;
    const Paths p(pgdata);
    if (auto st = requireCluster(p); !st)
        return st;
    QString serial;
    bool revokedBefore = false;
    for (const QByteArray& line : readFile(p.own + QStringLiteral("/index.txt")).split('\n'))
        if (line.endsWith("/CN=desk " + name.toUtf8())) {
            if (line.startsWith('V'))
                serial = QString::fromLatin1(line.split('\t').value(3));
            revokedBefore = revokedBefore || line.startsWith('R');
        }
    if (serial.isEmpty() && !revokedBefore)
        return makeError(Error::Kind::NotFound,
                         QObject::tr("There is no desk named %1 (server status counts them).").arg(name));
    Ran r;
    if (!serial.isEmpty()) {
        r = openssl({QStringLiteral("ca"), QStringLiteral("-config"), p.caConf, QStringLiteral("-revoke"),
                     p.own + QStringLiteral("/issued/") + serial + QStringLiteral(".pem")});
        if (!r.ok())
            return failed(QObject::tr("Cannot revoke the desk's certificate"), r);
    }
    // Written again even for a desk revoked before: a list that failed to be written last time is
    // written now, so running remove-desk again always leaves the desk turned away.
    r = openssl({QStringLiteral("ca"), QStringLiteral("-config"), p.caConf, QStringLiteral("-gencrl"),
                 QStringLiteral("-out"), p.crl});
    if (!r.ok())
        return failed(QObject::tr("Cannot write the revocation list: run remove-desk again"), r);
    if (auto st = chownToPostgres(p.own); !st)
        return st;
    // A running server reads the new list at once; a stopped one when it starts.
    const Ran running =
        asPostgres(pgBin("pg_ctl"), {QStringLiteral("-D"), p.pgdata, QStringLiteral("status")});
    if (running.ok()) {
        r = asPostgres(pgBin("pg_ctl"), {QStringLiteral("-D"), p.pgdata, QStringLiteral("reload")});
        if (!r.ok())
            return failed(QObject::tr("The desk is revoked, but the server did not reload its list: run "
                                      "remove-desk again"),
                          r);
    }
    return {};
}

} // namespace cd::server
