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

private:
    QString value(const char* key, const QString& fallback);
    Status setValue(const char* key, const QString& value);
    Database& m_db;
};

} // namespace cd
