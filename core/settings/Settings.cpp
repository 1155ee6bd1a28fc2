#include "settings/Settings.h"

#include "accounts/Access.h"
#include "audit/AuditLog.h"
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
    if (auto st = access::require(m_db, Action::Settings); !st)
        return st;
    return guarded([&]() -> Status {
        Transaction tx(m_db);
        m_db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)").bind(1, key).bind(2, value).run();
        if (auto st = AuditLog(m_db).append(QStringLiteral("settings-changed"), {}, QString::fromLatin1(key)); !st)
            return st;
        tx.commit();
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

QString ClinicSettings::nation()
{
    return value("privacy.nation", QStringLiteral("england-wales"));
}

Status ClinicSettings::setNation(const QString& key)
{
    if (key != QLatin1String("england-wales") && key != QLatin1String("scotland") && key != QLatin1String("northern-ireland"))
        return makeError(Error::Kind::Invalid, QStringLiteral("Nation is england-wales, scotland or northern-ireland."));
    return setValue("privacy.nation", key);
}

QString ClinicSettings::controllerAddress()
{
    return value("controller.address", QString());
}

Status ClinicSettings::setControllerAddress(const QString& text)
{
    return setValue("controller.address", text.trimmed());
}

QString ClinicSettings::controllerEmail()
{
    return value("controller.email", QString());
}

Status ClinicSettings::setControllerEmail(const QString& text)
{
    return setValue("controller.email", text.trimmed());
}

QString ClinicSettings::recipients()
{
    return value("privacy.recipients",
                 QStringLiteral("companies of the same group as the clinic; the clinic's employees; the IT and CRM service "
                                "providers who support the clinic's systems"));
}

Status ClinicSettings::setRecipients(const QString& text)
{
    return setValue("privacy.recipients", text.trimmed());
}

int ClinicSettings::enquiryRetentionMonths()
{
    return value("retention.enquiry_months", QStringLiteral("24")).toInt();
}

Status ClinicSettings::setEnquiryRetentionMonths(int months)
{
    if (months < 1 || months > 240)
        return makeError(Error::Kind::Invalid, QStringLiteral("Retention is between 1 and 240 months."));
    return setValue("retention.enquiry_months", QString::number(months));
}

} // namespace cd
