// ferry-cli: the headless front end of Ferry. Commands live in Command.h's table; exit codes in ExitCode.h.

#include "Command.h"

#include <ferry/Version.h>

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("ferry-cli");
    QCoreApplication::setApplicationVersion(QString::fromLatin1(ferry::kVersion));

    QTextStream out(stdout);
    QTextStream err(stderr);
    ferry::cli::CliContext context{out, err};
    const ferry::cli::ExitCode code = ferry::cli::dispatch(QCoreApplication::arguments().mid(1), context);
    out.flush();
    err.flush();
    return ferry::cli::toInt(code);
}
