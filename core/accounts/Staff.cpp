#include "accounts/Staff.h"

#include "storage/Sql.h"

#include <QObject>

namespace cd::staff {

namespace {
StaffMember read(const Statement& st)
{
    return {st.int64(0), st.text(1), st.text(2), st.text(3), st.int64(4) != 0};
}
constexpr const char* kSelect = "SELECT id, username, display_name, role, active FROM staff ";
} // namespace

Result<StaffMember> byUsername(Database& db, const QString& username)
{
    return guarded([&]() -> Result<StaffMember> {
        auto st = db.prepare(std::string(kSelect) + "WHERE username = ?");
        if (!st.bind(1, username).step())
            return makeError(Error::Kind::NotFound,
                             QObject::tr("There is no member of staff named \"%1\".").arg(username));
        return read(st);
    });
}

Result<QList<StaffMember>> all(Database& db)
{
    return guarded([&]() -> Result<QList<StaffMember>> {
        QList<StaffMember> out;
        auto st = db.prepare(std::string(kSelect) + "ORDER BY display_name");
        while (st.step())
            out.append(read(st));
        return out;
    });
}

} // namespace cd::staff
