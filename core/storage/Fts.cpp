#include "storage/Fts.h"

#include "storage/Sql.h"

namespace cd::fts {

namespace {
qint64 totalChanges(Database& db)
{
    auto st = db.prepare("SELECT total_changes()");
    st.step();
    return st.int64(0);
}
} // namespace

void mergeAdded(Database& db, const std::string& table)
{
    // SQLite's documentation: a merge command that changed fewer than two rows had nothing to do.
    for (int round = 0; round < 10000; ++round) {
        const qint64 before = totalChanges(db);
        db.exec("INSERT INTO " + table + " (" + table + ") VALUES ('merge=500,2')");
        if (totalChanges(db) - before < 2)
            return;
    }
}

void optimize(Database& db, const std::string& table)
{
    db.exec("INSERT INTO " + table + " (" + table + ") VALUES ('optimize')");
}

} // namespace cd::fts
