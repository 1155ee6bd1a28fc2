#include "CliRunner.h"

#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>

#include <unistd.h>

namespace cd::test {

QList<QJsonObject> CliRun::jsonLines() const
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

CliRun runCli(const QStringList& args, const QString& passphrase)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("CLINICDESK_PASSPHRASE"));
    if (!passphrase.isNull())
        env.insert(QStringLiteral("CLINICDESK_PASSPHRASE"), passphrase);
    p.setProcessEnvironment(env);
    // No controlling terminal: a missing passphrase must fail, not wait for typing.
    p.setChildProcessModifier([] { ::setsid(); });
    p.start(qEnvironmentVariable("CLINICDESK_CLI"), args);
    if (!p.waitForFinished(300000))
        qFatal("clinicdesk-cli did not finish");
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()), QString::fromUtf8(p.readAllStandardError())};
}

} // namespace cd::test
