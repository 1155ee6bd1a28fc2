#pragma once

#include "common/Result.h"
#include "common/Secret.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <functional>

class QIODevice;

namespace cd::backup {

// One backup is one file. Layout (all integers big-endian):
//
//   "CDBACKUP"  u32 format version (1)
//   sections:   4-byte tag, u64 length, bytes — in this order:
//     META  JSON: created_at, vault_id, schema_version, app_version (nothing personal)
//     KRNG  keyring.json as the vault held it (key slots wrap the database key; signed)
//     LDGR  erasures.ledger (encrypted under a key derived from the database key); absent if none
//     DBSE  the SQLCipher database: encrypted pages exactly as SQLCipher wrote them
//     SUM_  SHA-256 of every byte before this section: tells damage or truncation from a wrong key
//     HMAC  HMAC-SHA-256 of every byte before this section, under a key derived from the database key
//
// Nothing in it is plaintext personal data: the database pages, the ledger and the wrapped keys are
// all encrypted, and META holds only dates, ids and versions.
inline constexpr char kMagic[] = "CDBACKUP";
inline constexpr quint32 kFormatVersion = 1;
inline constexpr const char* kSuffix = ".cdbackup";

// Key of the container's HMAC, derived from the database key.
SecretBytes macKey(const SecretBytes& databaseKey);

// Writes the sections in order, keeping both digests as it goes.
class Writer final
{
public:
    Writer(QIODevice& out, const SecretBytes& databaseKey);
    ~Writer();
    Q_DISABLE_COPY_MOVE(Writer)
    bool section(const char tag[5], const QByteArray& bytes);
    bool sectionFrom(const char tag[5], QIODevice& source, qint64 length); // streamed, for the database
    bool finish();                                                         // SUM_ and HMAC

private:
    bool put(const QByteArray& bytes);
    struct State;
    QIODevice& m_out;
    State* m_state;
};

// What a backup file holds, read and checked without any key (format, completeness, checksum).
struct Contents
{
    QJsonObject meta;
    QByteArray keyring; // empty if the vault had none
    QByteArray ledger;  // empty if nothing was ever erased
    qint64 databaseOffset = 0;
    qint64 databaseLength = 0;
    qint64 macOffset = 0; // bytes covered by the HMAC
    QByteArray mac;
};

Result<Contents> read(const QString& path);
// True when the file's HMAC verifies under this database key: the key is the backup's, and no byte
// was changed since it was written.
Result<bool> macMatches(const QString& path, const Contents& c, const SecretBytes& databaseKey);
// Removes a database file and the WAL files SQLite keeps beside it.
void removeDatabaseFiles(const QString& dbPath);
// Writes a small file atomically, 0600.
Status writePrivateFile(const QString& path, const QByteArray& bytes);
// Copies the database section into `to`.
Status extractDatabase(const QString& path, const Contents& c, QIODevice& to);

} // namespace cd::backup
