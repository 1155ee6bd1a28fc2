#include "cli/Cli.h"
#include "common/Hardening.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    cd::hardenProcess();
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("clinicdesk"));
    QTextStream out(stdout), err(stderr);
    const int rc = cd::cli::run(QCoreApplication::arguments(), out, err);
    out.flush();
    err.flush();
    return rc;
}
