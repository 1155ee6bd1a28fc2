#pragma once

#include "common/Result.h"

#include <QString>

namespace cd {

class Database;

// The clinic's settings that are personal or legal (name, controller, retention ...) live in the
// encrypted database; one typed accessor per setting with its default.
class ClinicSettings final
{
public:
    explicit ClinicSettings(Database& db) : m_db(db) {}
    QString clinicName();
    Status setClinicName(const QString& name);
    // The UK nation whose bank holidays count for deadlines: england-wales (default), scotland, northern-ireland.
    QString nation();
    Status setNation(const QString& key);
    // The controller's details printed on subject-access reports.
    QString controllerAddress();
    Status setControllerAddress(const QString& text);
    QString controllerEmail();
    Status setControllerEmail(const QString& text);
    // Who receives clients' data, as the clinic's privacy notice says it.
    QString recipients();
    Status setRecipients(const QString& text);
    // Retention of enquiries that never became clients, in months after the last contact (default 24).
    int enquiryRetentionMonths();
    Status setEnquiryRetentionMonths(int months);

private:
    QString value(const char* key, const QString& fallback);
    Status setValue(const char* key, const QString& value);
    Database& m_db;
};

} // namespace cd
