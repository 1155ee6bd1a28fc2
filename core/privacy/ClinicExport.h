#pragma once

#include "common/Result.h"

#include <QString>
#include <QStringList>
#include <functional>

namespace cd {

class Database;

struct ClinicExportOptions
{
    QString outDir; // must not exist yet, or be an empty folder
    std::function<bool(int done, int total, const QString& step)> progress; // return false to cancel
};

struct ClinicExportResult
{
    QString outDir;
    int clients = 0;
    int images = 0;
    QStringList tables; // the CSV files written, one per table of the data map
};

// The clinic's own exit: everything it keeps, in open formats, without asking anyone.
//   clients/<subject_ref>.json  each client in the subject-export schema (docs/export-format.md)
//   images/<subject_ref>/...    the original images
//   tables/<table>.csv          every table of the data map, as a spreadsheet opens it
//   manifest.json, README.txt   what is where, with the SHA-256 of every file
// Manager only (ExportData) and audited. Written into a hidden folder beside outDir and moved into
// place at the end, so a failed or cancelled export leaves nothing half-written behind.
Result<ClinicExportResult> exportClinic(Database& db, const ClinicExportOptions& options);

} // namespace cd
