#include "cli/Cli.h"
#include "common/Hardening.h"

#include <QGuiApplication>

int main(int argc, char** argv)
{
    cd::hardenProcess();
    // Reports are drawn with QtGui's text engine, which needs a GUI application; the command line
    // never shows a window, so it never needs a display.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Qt's own chatter (font and runtime-directory warnings) is not for the user of a command-line
    // tool whose errors are one line each.
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& msg) {
        if (type == QtCriticalMsg || type == QtFatalMsg)
            fprintf(stderr, "%s\n", qPrintable(msg));
    });
    QGuiApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("clinicdesk"));
    QTextStream out(stdout), err(stderr);
    const int rc = cd::cli::run(QCoreApplication::arguments(), out, err);
    out.flush();
    err.flush();
    return rc;
}
