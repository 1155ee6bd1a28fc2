#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace cd::test {

struct CliRun
{
    int code = -1;
    QString out;
    QString err;
    // stdout as one JSON object per line (an empty list when a line is not JSON).
    QList<QJsonObject> jsonLines() const;
};

// Runs the real clinicdesk-cli ($CLINICDESK_CLI) without a controlling terminal, with the
// passphrase in CLINICDESK_PASSPHRASE (a null passphrase: the variable unset).
CliRun runCli(const QStringList& args, const QString& passphrase = QStringLiteral("front desk passphrase 1"));

} // namespace cd::test
