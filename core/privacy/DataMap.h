#pragma once

#include "storage/Rows.h"

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

namespace cd {

class Database;

// The one list of where personal data lives. Subject-access and portability exports, erasure and
// retention all walk it, and a test fails when a column of the schema is missing from it, so no
// new field can escape a privacy request.
namespace datamap {

enum class Category {
    Contact,
    Images,
    Interactions,
    Complaints,
    Consent,
    Financial,
    Appointments,
    Privacy,
    Staff,
    Clinic,
    SearchIndex
};
enum class Ground { LegitimateInterests, LegalObligation, LegalClaims, Consent, None };

struct Table
{
    QString name;
    Category category;
    QString purpose;
    Ground ground;
    // Text below may hold placeholders filled by expand(): {treatment_years}, {payment_years} (the
    // clinic's retention settings). Read it through expand(), never raw.
    QString retention;      // in words, for the report and the erasure preview
    rows::Link link;        // how a client's rows are found; empty: not client data
    QStringList personal;   // columns holding personal data
    QStringList structural; // ids, links, flags and timestamps that identify nobody on their own
    rows::Keep keep;        // rows kept on erasure (legal reasons), and until when (retention) ...
    QString keepReason;     // ... and the reason shown
    bool exported = true; // part of a subject-access export (false: derived copies such as the search index)
    // A date column whose latest value counts as contact with the person (the retention review's
    // "last contact" of an enquirer); empty when the table's rows say nothing of that.
    QString contactDate = {};
    // Special category data (UK GDPR Article 9: health data here) carries the condition relied on,
    // besides the lawful basis above; empty for ordinary personal data.
    QString article9 = {};

    // The table's rows as storage/Rows reads them.
    rows::Slice slice() const { return {name, link, keep}; }
};

const QList<Table>& tables();

// The retention periods the placeholders stand for (clinic settings) and the day they count from.
struct RetentionPeriods
{
    int treatmentYears = 8;
    int paymentYears = 6;
    QDate today;
};
RetentionPeriods retentionPeriods(Database& db); // from the clinic's settings and Clock::today()
QString expand(const QString& text, const RetentionPeriods& periods);
// The first day still inside each period a Keep names ("treatment", "payment").
rows::Cutoffs cutoffs(const RetentionPeriods& periods);
// The names of the periods, as the Keeps of tables() use them.
inline const QString kTreatmentPeriod = QStringLiteral("treatment");
inline const QString kPaymentPeriod = QStringLiteral("payment");
inline const QString kFormPeriod = QStringLiteral("form"); // the treatment period and a year
const Table* find(const QString& name);
QString categoryName(Category c);
QString categoryKey(Category c); // stable key used in the JSON export
QString groundName(Ground g);
// The Article 9 condition for the clinic's health data (treatment records, treatment photos): the
// provision of health care by professionals bound by confidentiality.
QString healthCareCondition();
// Tables SQLite or FTS4 create for their own bookkeeping (sqlite_*, *_segments ...): they hold
// copies covered by their owning table's entry.
bool isInternalTable(const QString& name);

} // namespace datamap
} // namespace cd
