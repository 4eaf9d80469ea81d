#pragma once
// Thread: the CLI main thread.

#include "ExitCode.h"

#include <ferry/Result.h>

#include <QList>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>

namespace ferry::cli {

/// Where a command writes: normal output to `out`, diagnostics to `err` (through error()).
struct CliContext
{
    QTextStream &out;
    QTextStream &err;

    /// Prints "ferry-cli: error: <message>" to stderr and returns `code`.
    ExitCode error(const QString &message, ExitCode code);
    /// Prints a core error, mapping workspace-opening failures to ExitCode::WorkspaceUnavailable.
    ExitCode error(const Error &error);
};

/// One command of the dispatcher. `words` are the command words ("workspace", "create"); the remaining
/// arguments are passed to `run`, which validates them (returning ExitCode::Usage on bad ones).
struct Command
{
    QStringList words;
    QString arguments; ///< e.g. "PATH", for usage lines
    QString summary;   ///< one line for --help
    std::function<ExitCode(const QStringList &arguments, CliContext &context)> run;
    int minArguments = 0;
    int maxArguments = 0;
    bool ownOptions = false; ///< run() parses its own --options (the dispatcher then passes them through)
    /// Optional: more text after the summary in "COMMAND --help" (options, where secrets come from). Last, so
    /// the positional initializers of the existing tables stay valid.
    QString help;
};

/// Commands of each area. A later issue adds its own function (discoverCommands(), runCommands()...) and
/// lists it in allCommands().
QList<Command> workspaceCommands();
QList<Command> discoverCommands();
QList<Command> connectionCommands(); ///< connection add/list/show/remove/test, signin
QList<Command> targetCommands();     ///< target refresh/show/snapshot
QList<Command> mappingCommands();    ///< mapping export/import, dry-run

/// Every command, in --help order.
QList<Command> allCommands();

/// Parses the arguments (without the program name) and runs the matching command.
ExitCode dispatch(const QStringList &arguments, CliContext &context);

/// The full --help text.
QString helpText();

/// What "COMMAND --help" prints: the usage line, the summary and the command's help text.
QString commandHelpText(const Command &command);

} // namespace ferry::cli
