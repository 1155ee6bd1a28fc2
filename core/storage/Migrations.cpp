// Runs the schema's history (the migrations' SQL is in Migrations1to10.cpp and Migrations11on.cpp).
#include "storage/MigrationSteps.h"
#include "storage/Schema.h"
#include "storage/Sql.h"

#include <QObject>

namespace cd::schema {
namespace {

// Migration n is the (n-1)th of the eras' steps, in order.
const char* step(int v)
{
    const steps::Era first = steps::first();
    if (std::size_t(v) <= first.count)
        return first.sql[v - 1];
    return steps::second().sql[std::size_t(v) - first.count - 1];
}

} // namespace

int latestVersion()
{
    return int(steps::first().count + steps::second().count);
}

int currentVersion(Database& db)
{
    return db.pragma("user_version").toInt();
}

Status migrate(Database& db, int target)
{
    if (target < 0)
        target = latestVersion();
    return guarded([&]() -> Status {
        const int current = currentVersion(db);
        if (current > latestVersion())
            return makeError(Error::Kind::Failed,
                             QObject::tr("This vault was written by a newer Clinicdesk (schema %1; this "
                                         "program knows up to %2). Install the newer version.")
                                 .arg(current)
                                 .arg(latestVersion()));
        for (int v = current + 1; v <= target; ++v) {
            Transaction tx(db);
            db.exec(step(v));
            db.exec("PRAGMA user_version = " + std::to_string(v));
            tx.commit();
        }
        return {};
    });
}

} // namespace cd::schema
