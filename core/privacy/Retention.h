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
    QString rule;      // "enquiry": an enquiry that never became a client
    QString ruleText;  // the rule in words, for the review list
    QDate lastContact; // the latest date anything happened with this person
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

    // Erases the given clients (each must still be due and not blocked) in one transaction. The
    // manager confirms by typing how many (`confirmCount` must equal clientIds.size()). Each erased
    // person is added to the vault's erasure ledger. Returns how many were erased.
    static Result<int> eraseDue(Vault& vault, const QList<qint64>& clientIds, int confirmCount);

private:
    Database& m_db;
};

} // namespace cd
