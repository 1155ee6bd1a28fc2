#pragma once

#include <QByteArray>
#include <QMap>
#include <QString>

namespace cd::test {

// SHA-256 of every file in a folder, to prove a failed operation changed nothing.
QMap<QString, QByteArray> snapshot(const QString& dir);
QByteArray readAll(const QString& path);
void writeAll(const QString& path, const QByteArray& bytes);
// Concatenated bytes of every file in a folder (database, WAL, keyring ...).
QByteArray allBytes(const QString& dir);
// Copies every file of folder `from` into `to` (created if missing); false on any failure.
bool copyFolder(const QString& from, const QString& to);
// The raw SQLCipher key (64 hex digits) that a recovery key gives for clinicdesk.db, as
// `clinicdesk-cli keys` prints it: what the standard sqlcipher shell needs.
QString databaseKeyHex(const QString& recoveryKey);

} // namespace cd::test
