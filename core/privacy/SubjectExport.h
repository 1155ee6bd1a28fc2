#pragma once

#include "common/Result.h"
#include "privacy/SubjectData.h"

#include <QString>
#include <functional>

namespace cd {

class Database;

struct SubjectExportOptions
{
    enum class Kind { Access, Portability };
    Kind kind = Kind::Access;
    QString outPath;          // .zip
    QByteArray zipPassword;   // empty: a plain ZIP
    QString protectedPdfPath; // optional: the report alone, AES-256 protected with pdfPassword
    QByteArray pdfPassword;
    SubjectDataOptions data;
    std::function<bool(int done, int total, const QString& step)> progress; // return false to cancel
};

struct SubjectExportResult
{
    QString zipPath;
    QString zipSha256;
    QString pdfPath;
    QString pdfSha256;
    QStringList entries;
    // The request it answered, now marked answered (0: none named, or not an open request of this
    // kind, which stays as it was).
    qint64 answeredRequest = 0;
};

// Subject-access export: one ZIP holding report.pdf (for the person), data.json (the same data,
// machine-readable, documented format) and README.txt; portability: data.json alone. When the
// export answers a request, the register records the file names and SHA-256 of what was sent, and an
// open request of the same kind (access, portability) is marked answered today.
Result<SubjectExportResult> exportSubject(Database& db, qint64 clientId, const SubjectExportOptions& options);

} // namespace cd
