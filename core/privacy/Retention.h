#pragma once

#include "common/Result.h"

#include <QDate>
#include <QList>
#include <QString>
#include <functional>

namespace cd {

class Database;
class Vault;

// One client whose records have passed their retention rule.
struct RetentionItem
{
    qint64 clientId = 0;
    QString subjectRef;
    QString name;
    // "enquiry": an enquiry that never became a client (the person is erased);
    // "treatments": treatment records and their photos past the period after the last treatment;
    // "payments": payment records past their period (only those rows go).
    QString rule;
    QString ruleText;  // the rule in words, for the review list
    QDate lastContact; // the latest date anything happened with this person (enquiry), the last
                       // treatment (treatments) or the newest payment past its period (payments)
    int rows = 1;      // records that go (treatments: records + their photos; payments: payments)
    QDate dueSince;    // the day the rule was passed
    // Not erasable in bulk (restricted record, open privacy request): the manager looks at it alone.
    QString blockedReason;
};

// The retention review: what has passed the clinic's retention rules (settings), and its bulk
// erasure with the same guarantees as a single erasure (keep rules, tombstones, search-index purge,
// WAL truncated, erasure ledger). Manager only.
class RetentionReview final
{
public:
    explicit RetentionReview(Database& db) : m_db(db) {}
    // Oldest first.
    Result<QList<RetentionItem>> due();

    // Erases the chosen items (each must still be due and not held back). The manager confirms by
    // typing how many (`confirmCount` must equal items.size()). Timed records (treatments, payments)
    // go in one transaction; enquirers are then erased as people, in one more, with tombstones, and
    // added to the vault's erasure ledger. A person erased earlier whose kept records have now all
    // gone loses the minimal record (name, date of birth) too. Returns how many items were erased.
    struct Key
    {
        qint64 clientId = 0;
        QString rule;
        bool operator==(const Key&) const = default;
    };
    static Result<int> eraseDue(Vault& vault, const QList<Key>& items, int confirmCount);

private:
    Database& m_db;
};

} // namespace cd
