#include "cli/commandline.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("rewind-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(REWIND_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);
    Rewind::CommandLine cli(out, err);
    const int status = cli.run(QCoreApplication::arguments().mid(1));
    out.flush();
    err.flush();
    return status;
}
