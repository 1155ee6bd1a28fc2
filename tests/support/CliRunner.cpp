#include "CliRunner.h"

#include <QJsonDocument>
#include <QProcess>
#include <unistd.h>

namespace cd::test {

QList<QJsonObject> CliResult::jsonLines() const
{
    QList<QJsonObject> lines;
    for (const QString& line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError || !doc.isObject())
            return {};
        lines.append(doc.object());
    }
    return lines;
}

QProcessEnvironment cliEnvironment(const QString& passphrase)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("CLINICDESK_PASSPHRASE"));
    if (!passphrase.isNull())
        env.insert(QStringLiteral("CLINICDESK_PASSPHRASE"), passphrase);
    return env;
}

CliResult runCli(const QStringList& args, const QByteArray& stdinData, const QProcessEnvironment& env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.setChildProcessModifier([] { ::setsid(); });
    p.start(qEnvironmentVariable("CLINICDESK_CLI"), args);
    if (!p.waitForStarted(30000))
        qFatal("clinicdesk-cli (CLINICDESK_CLI=%s) did not start: %s",
               qPrintable(qEnvironmentVariable("CLINICDESK_CLI")), qPrintable(p.errorString()));
    if (!stdinData.isEmpty())
        p.write(stdinData);
    p.closeWriteChannel();
    if (!p.waitForFinished(120000))
        qFatal("clinicdesk-cli did not finish");
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace cd::test
