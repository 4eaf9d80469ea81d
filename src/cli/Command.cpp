#include "Command.h"

#include <ferry/Version.h>

namespace ferry::cli {

namespace {

// Help text is wrapped to this many columns.
constexpr qsizetype kHelpWidth = 100;

// `text` wrapped at word boundaries, each line starting with `indent` spaces (the first after `first`).
QString wrapped(const QString &text, qsizetype indent, const QString &first = QString())
{
    QString out;
    QString line = first.isEmpty() ? QString(indent, ' ') : first;
    bool empty = true;
    for (const QString &word : text.split(' ', Qt::SkipEmptyParts)) {
        if (!empty && line.size() + 1 + word.size() > kHelpWidth) {
            out += line + '\n';
            line = QString(indent, ' ');
            empty = true;
        }
        line += (empty ? QString() : QStringLiteral(" ")) + word;
        empty = false;
    }
    return out + line + '\n';
}

QString usageLine(const Command &c)
{
    QString line = "ferry-cli " + c.words.join(' ');
    if (!c.arguments.isEmpty()) {
        line += ' ' + c.arguments;
    }
    return line;
}

// The command whose words are the longest prefix of the arguments (so "workspace" alone is not a command but
// "workspace info" is).
const Command *match(const QList<Command> &commands, const QStringList &arguments)
{
    const Command *best = nullptr;
    for (const Command &c : commands) {
        if (c.words.size() > arguments.size()) {
            continue;
        }
        if (arguments.mid(0, c.words.size()) != c.words) {
            continue;
        }
        if (!best || c.words.size() > best->words.size()) {
            best = &c;
        }
    }
    return best;
}

bool isHelp(const QString &a)
{
    return a == "--help" || a == "-h";
}

} // namespace

ExitCode CliContext::error(const QString &message, ExitCode code)
{
    err << "ferry-cli: error: " << message << Qt::endl;
    return code;
}

ExitCode CliContext::error(const Error &e)
{
    static const QStringList unavailable = {"workspace.not-found",      "workspace.not-a-workspace",
                                            "workspace.newer-version",  "workspace.exists",
                                            "workspace.upgrade-failed", "workspace.io"};
    return error(e.message,
                 unavailable.contains(e.code) ? ExitCode::WorkspaceUnavailable : ExitCode::Failure);
}

QList<Command> allCommands()
{
    QList<Command> all;
    all += workspaceCommands();
    all += discoverCommands();
    all += connectionCommands();
    all += targetCommands();
    all += mappingCommands();
    return all;
}

QString helpText()
{
    QString text;
    QTextStream s(&text);
    s << "Usage: ferry-cli [--help] [--version] COMMAND [ARGUMENTS]\n\n"
      << "Ferry migrates legacy relational data into Microsoft Dataverse. ferry-cli runs a Ferry workspace\n"
      << "(one .ferry file per migration) without the GUI.\n\n"
      << "Options:\n"
      << "  -h, --help     Show this help (after a command: that command's help) and exit.\n"
      << "  --version      Show the version and exit.\n"
      << "  --verbose      Log what Ferry does to stderr (ferry.* debug messages; never a secret).\n\n"
      << "Commands:\n";
    // The usage line, then the summary indented under it and wrapped: usage lines are long, and a column
    // padded to the longest one would push every summary off an 80- or 100-column terminal.
    for (const Command &c : allCommands()) {
        s << "  " << c.words.join(' ') << ' ' << c.arguments << '\n' << wrapped(c.summary, 6);
    }
    s << "\nExit codes:\n";
    for (const ExitCodeDoc &doc : kExitCodes) {
        s << wrapped(QString::fromUtf8(doc.meaning), 7, QStringLiteral("  %1  ").arg(toInt(doc.code), 3));
    }
    s << "\nErrors are printed to stderr as \"ferry-cli: error: <message>\".\n";
    return text;
}

QString commandHelpText(const Command &command)
{
    QString text = "Usage: " + usageLine(command) + "\n\n" + command.summary + '\n';
    if (!command.help.isEmpty()) {
        text += '\n' + command.help;
        if (!text.endsWith('\n')) {
            text += '\n';
        }
    }
    return text;
}

ExitCode dispatch(const QStringList &arguments, CliContext &context)
{
    if (arguments.isEmpty()) {
        context.err << helpText();
        return context.error("no command given.", ExitCode::Usage);
    }
    const QString &first = arguments.first();
    if (isHelp(first) || first == "help") {
        context.out << helpText();
        return ExitCode::Success;
    }
    if (first == "--version") {
        context.out << "ferry-cli " << kVersion << Qt::endl;
        return ExitCode::Success;
    }
    const QList<Command> commands = allCommands();
    const Command *command = match(commands, arguments);
    if (!command) {
        QStringList subcommands;
        for (const Command &c : commands) {
            if (c.words.size() > 1 && c.words.first() == first && arguments.size() == 1) {
                subcommands.append(c.words.at(1));
            }
        }
        if (!subcommands.isEmpty()) {
            return context.error(
                QStringLiteral("'%1' needs a subcommand: %2. Run 'ferry-cli --help' for usage.")
                    .arg(first, subcommands.join(", ")),
                ExitCode::Usage);
        }
        return context.error(
            QStringLiteral("unknown command '%1'. Run 'ferry-cli --help' for the list of commands.")
                .arg(arguments.join(' ')),
            ExitCode::Usage);
    }
    const QStringList rest = arguments.mid(command->words.size());
    if (rest.size() == 1 && isHelp(rest.first())) {
        context.out << commandHelpText(*command);
        return ExitCode::Success;
    }
    for (const QString &a : rest) {
        if (!command->ownOptions && a.startsWith('-') && a != "-") {
            return context.error(QStringLiteral("unknown option '%1' for '%2'. Usage: %3")
                                     .arg(a, command->words.join(' '), usageLine(*command)),
                                 ExitCode::Usage);
        }
    }
    if (rest.size() < command->minArguments || rest.size() > command->maxArguments) {
        return context.error(
            QStringLiteral("'%1' takes %2. Usage: %3")
                .arg(command->words.join(' '),
                     command->arguments.isEmpty() ? QStringLiteral("no arguments") : command->arguments,
                     usageLine(*command)),
            ExitCode::Usage);
    }
    return command->run(rest, context);
}

} // namespace ferry::cli
