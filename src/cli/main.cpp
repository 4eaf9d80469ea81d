// ferry-cli: the headless front end of Ferry. Commands live in Command.h's table; exit codes in ExitCode.h.

#include "Command.h"

#include <ferry/Version.h>

#include <QCoreApplication>
#include <QLoggingCategory>
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
    QStringList arguments = QCoreApplication::arguments().mid(1);
    // --verbose is global and may stand anywhere, so "ferry-cli target refresh ... --verbose" works too.
    if (arguments.removeAll(QStringLiteral("--verbose")) > 0) {
        QLoggingCategory::setFilterRules(QStringLiteral("ferry.*.debug=true\nferry.*.info=true"));
    }
    const ferry::cli::ExitCode code = ferry::cli::dispatch(arguments, context);
    out.flush();
    err.flush();
    return ferry::cli::toInt(code);
}
