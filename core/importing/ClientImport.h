#pragma once

#include "common/Result.h"
#include "importing/Csv.h"

#include <QHash>
#include <QList>
#include <QString>

namespace cd {

class Database;

// The client fields a CSV column can fill.
enum class ImportField {
    Ignore,
    FullName,
    Title,
    FirstName,
    LastName,
    PreferredName,
    Email,
    Phone,
    DateOfBirth,
    AddressLine1,
    AddressLine2,
    Town,
    County,
    Postcode,
    Source,
    Tags,
    Note
};

struct ImportIssue
{
    int line = 0;
    QString reason;
};

struct ImportReport
{
    int imported = 0;
    QList<ImportIssue> rejected; // not imported: invalid or duplicate
    QList<qint64> newClientIds;
};

class ClientImport final
{
public:
    static QString fieldName(ImportField f);
    static QList<ImportField> allFields();
    // Guesses each column's field from its header ("Surname" → LastName, "Mobile" → Phone ...).
    static QList<ImportField> guessMapping(const QStringList& header);

    // Validates every row, skips duplicates of existing clients and of earlier rows, and writes all
    // good rows in one transaction (nothing when dryRun). Rejected rows are listed with line and reason.
    static Result<ImportReport> run(Database& db, const csv::Table& table, const QList<ImportField>& mapping,
                                    qint64 staffId, bool dryRun = false);
};

} // namespace cd
