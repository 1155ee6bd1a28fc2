#pragma once

#include "common/Result.h"

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace cd {

class Database;

// One client's data, gathered by walking the data map, in the documented export format
// (format "clinicdesk-subject-export", version 1; see docs/export-format.md).
struct SubjectDataOptions
{
    qint64 requestId = 0;
    // Interaction id → note text with passages about other people removed by the manager.
    QHash<qint64, QString> redactedNotes;
    QString redactionReason = QStringLiteral("information about another person");
};

Result<QJsonObject> collectSubjectData(Database& db, qint64 clientId, const SubjectDataOptions& options = {});
constexpr int kExportFormatVersion = 1;

} // namespace cd
