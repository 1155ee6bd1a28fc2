#include "settings/Settings.h"

#include "storage/Sql.h"

namespace cd {

QString ClinicSettings::value(const char* key, const QString& fallback)
{
    try {
        auto st = m_db.prepare("SELECT value FROM settings WHERE key = ?");
        return st.bind(1, key).step() ? st.text(0) : fallback;
    } catch (const StorageError&) {
        return fallback;
    }
}

Status ClinicSettings::setValue(const char* key, const QString& value)
{
    return guarded([&]() -> Status {
        m_db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)").bind(1, key).bind(2, value).run();
        return {};
    });
}

QString ClinicSettings::clinicName()
{
    return value("clinic.name", QString());
}

Status ClinicSettings::setClinicName(const QString& name)
{
    return setValue("clinic.name", name.trimmed());
}

} // namespace cd
