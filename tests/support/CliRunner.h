#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace cd::test {

// The passphrase the CLI test vaults are made with (clinicdesk-cli init reads it from the environment).
inline const char* const kCliPassphrase = "front desk passphrase 1";

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
    // stdout as one JSON object per line (an empty list when any line is not a JSON object).
    QList<QJsonObject> jsonLines() const;
};

// The system environment with CLINICDESK_PASSPHRASE set to `passphrase`, or without it when
// `passphrase` is null (to test what happens when there is none).
QProcessEnvironment cliEnvironment(const QString& passphrase = QString::fromUtf8(kCliPassphrase));

// Runs the real clinicdesk-cli (CLINICDESK_CLI, set by CTest) with `args`, writes `stdinData` to its
// standard input and closes it, and waits for it (two minutes at most, then the test aborts).
// The child has no controlling terminal, so a missing passphrase fails instead of waiting for typing.
CliResult runCli(const QStringList& args, const QByteArray& stdinData = {},
                 const QProcessEnvironment& env = cliEnvironment());

} // namespace cd::test
