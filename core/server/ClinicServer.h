#pragma once

#include "common/Result.h"
#include "common/Secret.h"

#include <QByteArray>
#include <QString>

namespace cd::server {

// The clinic server (design.md, "The clinic server"): a PostgreSQL 15 cluster on a machine of the
// clinic that every desk reaches over TLS, made and run by `clinicdesk-cli server …` as root
// (PostgreSQL itself runs as the `postgres` system user).
//
// What lives in the folder given as --pgdata DIR:
// - DIR is the cluster's data directory (PGDATA), owned by postgres, 0700;
// - DIR/clinicdesk/ holds the clinic's certificate authority (made at set-up; it signs the server's
//   certificate and one per desk, and its revocation list turns a desk away), the clinic's id and the
//   server's log. A hot standby copies it with the rest, so it can add desks once promoted.
// - PostgreSQL's local socket is in DIR, for the `postgres` superuser with peer authentication (the
//   clinic's administrator runs maintenance there); every network connection is TLS with a desk's
//   certificate (`hostssl … clientcert=verify-ca`) and a staff member's own login (SCRAM-SHA-256).
//
// Logins: one per member of staff, in the group roles clinicdesk_reception, clinicdesk_practitioner
// and clinicdesk_manager; the tables belong to clinicdesk_owner, which never logs in. A login's
// password is derived at the desk from the staff member's passphrase (Argon2id, salted with the
// clinic's id and the login), and the server is given only its SCRAM verifier: neither the
// passphrase nor the password reaches the server.

struct InitOptions
{
    QString pgdata;
    int port = 0;
    QString listen = QStringLiteral("localhost"); // listen_addresses
    QString manager = QStringLiteral("manager");  // the first manager's login
};

// Makes the cluster, its certificates, configuration, roles and schema, starts it, and adds the first
// manager. Returns the recovery key (as `init` prints it). Refused unless run as root, when DIR
// holds anything, or when PostgreSQL 15 is not installed; a failure removes what it made.
Result<QString> init(const InitOptions& options, const SecretBytes& passphrase);

Status start(const QString& pgdata);
Status stop(const QString& pgdata);
// "running on port 5433 (pid 1234)" or "stopped", with the number of desks and of revoked desks.
Result<QString> status(const QString& pgdata);

// A desk folder (`clinicdesk --vault DESKDIR`): the server's address and port, the clinic's id, the
// CA's certificate and the desk's own certificate and key (files 0600, the folder 0700). `host` is
// the name or address the desk reaches the server by (its certificate names it); default: localhost.
Status addDesk(const QString& pgdata, const QString& name, const QString& outDir, const QString& host = {});
// Revokes a desk's certificate (a stolen laptop): the server turns it away from its next connection,
// and nobody's passphrase changes.
Status removeDesk(const QString& pgdata, const QString& name);

// The login password a staff member's passphrase gives on this clinic's server (64 hex digits).
Result<QByteArray> loginPassword(const SecretBytes& passphrase, const QString& clinicId,
                                 const QString& login);
// PostgreSQL's stored form of a SCRAM-SHA-256 password ("SCRAM-SHA-256$4096:salt$StoredKey:ServerKey").
QByteArray scramVerifier(const QByteArray& password, const QByteArray& salt);

} // namespace cd::server
