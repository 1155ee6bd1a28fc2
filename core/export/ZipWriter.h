#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace cd {

struct ZipEntry
{
    QString name;
    QByteArray bytes;
    // Already compressed (JPEG, PNG, PDF): stored as it is. Deflating 30 photos again took a
    // quarter of a subject-access export and saved nothing (clinicdesk-bench).
    bool stored = false;
};

// Writes a ZIP from memory with libzip; with a password every entry is AES-256 encrypted
// (WinZip AES: 7-Zip and most archivers open it; not every built-in unzip). The file appears
// only when complete: libzip writes beside it and renames.
Status writeZip(const QString& path, const QList<ZipEntry>& entries, const QByteArray& password = {});

// A PDF protected with AES-256 (PDF 2.0 R6): any PDF reader asks for the password.
Result<QByteArray> protectPdf(const QByteArray& pdf, const QByteArray& password);

} // namespace cd
