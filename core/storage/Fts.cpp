#include "storage/Fts.h"

#include "storage/Sql.h"

namespace cd::fts {

void optimize(Database& db, const std::string& table)
{
    db.exec("INSERT INTO " + table + " (" + table + ") VALUES ('optimize')");
}

} // namespace cd::fts
