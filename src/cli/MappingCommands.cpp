// ferry-cli mapping export|import and ferry-cli dry-run: mappings in and out of a workspace as reviewable
// JSON, and the dry run of a workspace's mappings (nothing is sent to the target).

#include "Command.h"

#include <ferry/catalog/Discovery.h>
#include <ferry/mapping/DryRun.h>
#include <ferry/mapping/Mapping.h>
#include <ferry/mapping/Validation.h>
#include <ferry/target/Metadata.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceReader.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QFile>
#include <QFileInfo>

#include <csignal>

namespace ferry::cli {

namespace {

using mapping::MappingSet;

// Parses "--name value" pairs and bare flags; positional arguments are returned in order.
struct Options
{
    QHash<QString, QString> values;
    QSet<QString> flags;
    QStringList positional;
    QString error;
};

Options parseOptions(const QStringList &arguments, const QStringList &withValue, const QStringList &flags)
{
    Options o;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (withValue.contains(a)) {
            if (i + 1 >= arguments.size()) {
                o.error = QStringLiteral("%1 needs a value.").arg(a);
                return o;
            }
            o.values.insert(a, arguments.at(++i));
        } else if (flags.contains(a)) {
            o.flags.insert(a);
        } else if (a.startsWith(QLatin1String("--"))) {
            o.error = QStringLiteral("unknown option '%1'.").arg(a);
            return o;
        } else {
            o.positional.append(a);
        }
    }
    return o;
}

Result<std::unique_ptr<Workspace>> openWorkspace(const QString &path)
{
    if (path.isEmpty())
        return Error::make(QStringLiteral("cli.usage"), QStringLiteral("--workspace PATH is required."));
    if (!QFileInfo::exists(path))
        return Error::make(
            QStringLiteral("workspace.not-found"),
            QStringLiteral("The workspace '%1' does not exist. Create it with 'ferry-cli workspace "
                           "create %1'.")
                .arg(path));
    return Workspace::open(path);
}

QByteArray readFile(const QString &path, QString &error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("Cannot read '%1': %2.").arg(path, f.errorString());
        return {};
    }
    return f.readAll();
}

// The org file's people, for owner mapping (the emulator's format: x-ferry-emulator.systemUsers).
QList<mapping::SystemUser> systemUsersOf(const QByteArray &orgJson)
{
    QList<mapping::SystemUser> users;
    const nlohmann::json doc =
        nlohmann::json::parse(orgJson.constData(), orgJson.constData() + orgJson.size(), nullptr, false);
    if (!doc.is_object() || !doc.contains("x-ferry-emulator"))
        return users;
    const auto &section = doc["x-ferry-emulator"];
    if (!section.is_object() || !section.contains("systemUsers") || !section["systemUsers"].is_array())
        return users;
    auto text = [](const nlohmann::json &o, const char *key) {
        return o.contains(key) && o[key].is_string() ? QString::fromStdString(o[key].get<std::string>())
                                                     : QString();
    };
    for (const auto &u : section["systemUsers"])
        if (u.is_object())
            users.append({text(u, "systemuserid"), text(u, "fullname"), text(u, "internalemailaddress"),
                          text(u, "domainname")});
    return users;
}

// The target model: an org file, or the workspace's metadata cache of the named (or only) connection.
Result<target::TargetModel> loadModel(Workspace &ws, const QString &orgPath, const QString &connection,
                                      QList<mapping::SystemUser> &users)
{
    if (!orgPath.isEmpty()) {
        QString error;
        const QByteArray org = readFile(orgPath, error);
        if (!error.isEmpty())
            return Error::make(QStringLiteral("cli.org"), error);
        users = systemUsersOf(org);
        return target::parseOrg(org);
    }
    auto ids =
        connection.isEmpty()
            ? ws.reader().query(QStringLiteral("SELECT DISTINCT connection_id FROM target_entities "
                                               "WHERE connection_id IS NOT NULL"))
            : ws.reader().query(QStringLiteral("SELECT id FROM connections WHERE name = ?1"), {connection});
    if (!ids)
        return ids.error();
    if (ids->size() != 1)
        return Error::make(
            QStringLiteral("cli.no-target"),
            ids->isEmpty()
                ? QStringLiteral("The workspace holds no target metadata%1. Run 'ferry-cli target "
                                 "refresh' first, or give --org FILE.")
                      .arg(connection.isEmpty() ? QString() : QStringLiteral(" for '%1'").arg(connection))
                : QStringLiteral("The workspace holds the metadata of several connections: name one "
                                 "with --connection NAME."));
    return target::MetadataCache::load(ws.reader(), ids->first().value(0).toLongLong());
}

ExitCode mappingExport(const QStringList &arguments, CliContext &context)
{
    const Options o = parseOptions(arguments, {QStringLiteral("--workspace"), QStringLiteral("--out")}, {});
    if (!o.error.isEmpty() || !o.positional.isEmpty())
        return context.error(o.error.isEmpty()
                                 ? QStringLiteral("unexpected argument '%1'.").arg(o.positional.first())
                                 : o.error,
                             ExitCode::Usage);
    auto ws = openWorkspace(o.values.value(QStringLiteral("--workspace")));
    if (!ws)
        return ws.error().code == QLatin1String("cli.usage")
                   ? context.error(ws.error().message, ExitCode::Usage)
                   : context.error(ws.error());
    auto set = mapping::MappingStore::load((*ws)->reader());
    if (!set)
        return context.error(set.error());
    const QByteArray text = mapping::exportMappings(*set);
    const QString out = o.values.value(QStringLiteral("--out"));
    if (out.isEmpty() || out == QLatin1String("-")) {
        context.out << QString::fromUtf8(text);
        context.out.flush();
        return ExitCode::Success;
    }
    QFile f(out);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size())
        return context.error(QStringLiteral("Cannot write '%1': %2.").arg(out, f.errorString()),
                             ExitCode::Failure);
    context.err << "Exported " << set->mappings.size() << " mapping(s) to " << out << Qt::endl;
    return ExitCode::Success;
}

ExitCode mappingImport(const QStringList &arguments, CliContext &context)
{
    const Options o = parseOptions(
        arguments, {QStringLiteral("--workspace"), QStringLiteral("--org"), QStringLiteral("--connection")},
        {});
    if (!o.error.isEmpty())
        return context.error(o.error, ExitCode::Usage);
    if (o.positional.size() != 1)
        return context.error(QStringLiteral("give exactly one mapping FILE."), ExitCode::Usage);
    QString error;
    const QByteArray text = readFile(o.positional.first(), error);
    if (!error.isEmpty())
        return context.error(error, ExitCode::Failure);
    QList<mapping::MappingError> errors;
    auto set = mapping::importMappings(text, &errors);
    if (!set) {
        for (const mapping::MappingError &e : errors)
            context.err << o.positional.first() << ": " << (e.path.isEmpty() ? QStringLiteral("/") : e.path)
                        << ": " << e.message << '\n';
        return context.error(
            QStringLiteral("the mapping file has %1 problem(s); nothing was imported.").arg(errors.size()),
            ExitCode::Failure);
    }
    auto ws = openWorkspace(o.values.value(QStringLiteral("--workspace")));
    if (!ws)
        return ws.error().code == QLatin1String("cli.usage")
                   ? context.error(ws.error().message, ExitCode::Usage)
                   : context.error(ws.error());
    // With a target model at hand, report what does not fit it (the import still happens: mappings are
    // drafts).
    if (o.values.contains(QStringLiteral("--org")) || o.values.contains(QStringLiteral("--connection"))) {
        QList<mapping::SystemUser> users;
        auto model = loadModel(**ws, o.values.value(QStringLiteral("--org")),
                               o.values.value(QStringLiteral("--connection")), users);
        if (!model)
            return context.error(model.error());
        for (const mapping::MappingIssue &i : mapping::validateMappingSet(*set, *model))
            context.err << mapping::severityName(i.severity) << ": " << i.path << ": " << i.message << '\n';
    }
    WorkspaceWriter *writer = (*ws)->writer();
    if (!writer)
        return context.error((*ws)->writerError());
    if (auto s = mapping::MappingStore::save(*writer, *set); !s)
        return context.error(s.error());
    context.err << "Imported " << set->mappings.size() << " mapping(s) into " << (*ws)->path() << Qt::endl;
    return ExitCode::Success;
}

std::atomic_bool g_cancel{false};

void onSignal(int)
{
    g_cancel.store(true);
}

QString seconds(double s)
{
    if (s < 120)
        return QString::number(s, 'f', 1) + QStringLiteral(" s");
    if (s < 7200)
        return QString::number(s / 60.0, 'f', 1) + QStringLiteral(" min");
    return QString::number(s / 3600.0, 'f', 1) + QStringLiteral(" h");
}

void printReport(const mapping::DryRunReport &r, int users, QTextStream &out)
{
    for (const mapping::MappingIssue &i : r.mappingIssues)
        out << mapping::severityName(i.severity) << ": " << i.mapping << " " << i.path << ": " << i.message
            << '\n';
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
               .arg(QStringLiteral("mapping"), -20)
               .arg(QStringLiteral("rows"), 9)
               .arg(QStringLiteral("ok"), 9)
               .arg(QStringLiteral("warnings"), 9)
               .arg(QStringLiteral("refused"), 9)
               .arg(QStringLiteral("insert"), 9)
               .arg(QStringLiteral("update"), 9)
               .arg(QStringLiteral("unchanged"), 9)
               .arg(QStringLiteral("requests"), 9)
               .arg(QStringLiteral("patches"), 8)
               .arg(QStringLiteral("time"), 9);
    for (const mapping::TableDryRun &t : r.tables)
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9 %10 %11\n")
                   .arg(t.mapping, -20)
                   .arg(t.rows, 9)
                   .arg(t.ok, 9)
                   .arg(t.warnings, 9)
                   .arg(t.refused, 9)
                   .arg(t.wouldInsert, 9)
                   .arg(t.wouldUpdate, 9)
                   .arg(t.unchanged, 9)
                   .arg(t.requests, 9)
                   .arg(t.patchRequests, 8)
                   .arg(seconds(t.estimatedSeconds), 9);
    if (!r.lookups.isEmpty())
        out << "\nLookups:\n";
    for (const mapping::LookupReport &l : r.lookups) {
        out << "  " << l.mapping << '.' << l.column << " -> " << l.targets.join(QStringLiteral("/")) << ": "
            << l.rows << " rows, " << l.resolved << " resolved, " << l.ambiguous << " ambiguous, "
            << l.unresolved << " unresolved";
        if (l.unverified)
            out << ", " << l.unverified << " unverified";
        out << " (" << l.distinctKeys << " keys)";
        if (!l.unresolvedSamples.isEmpty())
            out << "; unresolved e.g. " << l.unresolvedSamples.join(QStringLiteral(", "));
        if (!l.ambiguousSamples.isEmpty())
            out << "; ambiguous e.g. " << l.ambiguousSamples.join(QStringLiteral(", "));
        out << '\n';
    }
    bool header = false;
    for (const mapping::TableDryRun &t : r.tables) {
        for (const mapping::RowOutcome &o : t.samples) {
            if (o.verdict != mapping::Verdict::Error)
                continue;
            if (!header)
                out << "\nRefused rows (first of each table):\n";
            header = true;
            const mapping::ValueIssue &i = o.issues.first();
            out << "  " << t.mapping << " row " << o.sourceRow << " (" << o.rowKey << "): " << i.code << ": "
                << i.message << '\n';
            break;
        }
    }
    out << "\nTotal: " << r.totalRows << " rows, " << r.totalRefused << " refused (in the quarantine"
        << (r.runId ? QStringLiteral(", run %1").arg(r.runId) : QString()) << "), " << r.totalRequests
        << " requests, about " << seconds(r.estimatedSeconds) << " with " << users << " application user"
        << (users == 1 ? "" : "s") << (r.cancelled ? "; CANCELLED before the end" : "") << ".\n";
}

ExitCode dryRun(const QStringList &arguments, CliContext &context)
{
    const Options o =
        parseOptions(arguments,
                     {QStringLiteral("--workspace"), QStringLiteral("--org"), QStringLiteral("--connection"),
                      QStringLiteral("--mapping"), QStringLiteral("--only"), QStringLiteral("--users"),
                      QStringLiteral("--plugin-tables")},
                     {QStringLiteral("--json"), QStringLiteral("--no-quarantine"),
                      QStringLiteral("--fail-on-refused"), QStringLiteral("--bypass-plugins")});
    if (!o.error.isEmpty() || !o.positional.isEmpty())
        return context.error(o.error.isEmpty()
                                 ? QStringLiteral("unexpected argument '%1'.").arg(o.positional.first())
                                 : o.error,
                             ExitCode::Usage);
    bool usersOk = true;
    const int users = o.values.value(QStringLiteral("--users"), QStringLiteral("1")).toInt(&usersOk);
    if (!usersOk || users < 1 || users > 1000)
        return context.error(QStringLiteral("--users takes a number of application users (1 to 1000)."),
                             ExitCode::Usage);
    auto ws = openWorkspace(o.values.value(QStringLiteral("--workspace")));
    if (!ws)
        return ws.error().code == QLatin1String("cli.usage")
                   ? context.error(ws.error().message, ExitCode::Usage)
                   : context.error(ws.error());

    MappingSet set;
    if (o.values.contains(QStringLiteral("--mapping"))) {
        QString error;
        const QByteArray text = readFile(o.values.value(QStringLiteral("--mapping")), error);
        if (!error.isEmpty())
            return context.error(error, ExitCode::Failure);
        auto imported = mapping::importMappings(text);
        if (!imported)
            return context.error(imported.error());
        set = *imported;
    } else {
        auto stored = mapping::MappingStore::load((*ws)->reader());
        if (!stored)
            return context.error(stored.error());
        set = *stored;
    }
    if (set.mappings.isEmpty())
        return context.error(
            QStringLiteral("the workspace has no mappings: import some with 'ferry-cli mapping import'."),
            ExitCode::Failure);

    mapping::DryRunOptions options;
    options.applicationUsers = users;
    options.bypassPlugins = o.flags.contains(QStringLiteral("--bypass-plugins"));
    for (const QString &t :
         o.values.value(QStringLiteral("--plugin-tables")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        options.pluginTables.insert(t.trimmed());
    options.only = o.values.value(QStringLiteral("--only")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    options.writeQuarantine = !o.flags.contains(QStringLiteral("--no-quarantine"));
    auto model = loadModel(**ws, o.values.value(QStringLiteral("--org")),
                           o.values.value(QStringLiteral("--connection")), options.systemUsers);
    if (!model) {
        context.error(model.error().message, ExitCode::TargetUnavailable);
        return ExitCode::TargetUnavailable;
    }

    // Sources by their workspace names (catalog_sources.uri, written by 'ferry-cli discover --workspace').
    WorkspaceReader &reader = (*ws)->reader();
    bool sourceFailed = false;
    const mapping::SourceOpener open = [&](const QString &name) -> Result<std::unique_ptr<SourceConnection>> {
        auto uri =
            reader.queryValue(QStringLiteral("SELECT uri FROM catalog_sources WHERE name = ?1"), {name});
        if (!uri)
            return uri.error();
        if (!uri->isValid() || uri->toString().isEmpty()) {
            sourceFailed = true;
            return Error::make(QStringLiteral("source.not-found"),
                               QStringLiteral("The workspace knows no source named '%1'. Discover it with "
                                              "'ferry-cli discover URI --workspace W --name %1'.")
                                   .arg(name));
        }
        auto parsed = SourceUri::parse(uri->toString());
        if (!parsed) {
            sourceFailed = true;
            return parsed.error();
        }
        auto c = openAnySource(*parsed, qEnvironmentVariable("FERRY_SOURCE_PASSWORD"));
        if (!c)
            sourceFailed = true;
        return c;
    };

    g_cancel.store(false);
    options.cancel = &g_cancel;
    auto previousInt = std::signal(SIGINT, onSignal);
    auto previousTerm = std::signal(SIGTERM, onSignal);
    WorkspaceWriter *writer = (*ws)->writer();
    if (!writer)
        return context.error((*ws)->writerError());
    auto report = mapping::runDryRun(set, *model, open, options, &reader, writer);
    std::signal(SIGINT, previousInt);
    std::signal(SIGTERM, previousTerm);
    if (!report) {
        const bool isSource = sourceFailed || report.error().code.startsWith(QLatin1String("source."));
        return isSource ? context.error(report.error().message, ExitCode::SourceUnavailable)
                        : context.error(report.error());
    }
    if (o.flags.contains(QStringLiteral("--json")))
        context.out << QString::fromUtf8(report->toJson());
    else
        printReport(*report, users, context.out);
    context.out.flush();
    if (report->cancelled)
        return ExitCode::Interrupted;
    if (o.flags.contains(QStringLiteral("--fail-on-refused")) && report->totalRefused > 0)
        return ExitCode::Failure;
    return ExitCode::Success;
}

} // namespace

QList<Command> mappingCommands()
{
    Command exportCommand;
    exportCommand.words = {QStringLiteral("mapping"), QStringLiteral("export")};
    exportCommand.arguments = QStringLiteral("--workspace PATH [--out FILE]");
    exportCommand.summary = QStringLiteral(
        "Write the workspace's mappings as readable, diffable JSON (sorted keys, one field per entry).");
    exportCommand.run = mappingExport;
    exportCommand.maxArguments = 4;
    exportCommand.ownOptions = true;

    Command importCommand;
    importCommand.words = {QStringLiteral("mapping"), QStringLiteral("import")};
    importCommand.arguments = QStringLiteral("FILE --workspace PATH [--org ORG.json | --connection NAME]");
    importCommand.summary = QStringLiteral("Check a mapping file (every problem with its JSON path) and "
                                           "store it in the workspace, replacing its mappings.");
    importCommand.help = QStringLiteral("With --org or --connection the mappings are also checked against "
                                        "that target's metadata; findings are\n"
                                        "printed as warnings and errors, and the mappings are imported "
                                        "anyway (they are drafts until a dry run\n"
                                        "comes back clean).\n");
    importCommand.run = mappingImport;
    importCommand.minArguments = 1;
    importCommand.maxArguments = 7;
    importCommand.ownOptions = true;

    Command dry;
    dry.words = {QStringLiteral("dry-run")};
    dry.arguments =
        QStringLiteral("--workspace PATH [--org ORG.json | --connection NAME] [--mapping FILE] [--only M,..] "
                       "[--users N] [--json]");
    dry.summary =
        QStringLiteral("Run the mappings over every source row with nothing sent to the target: verdicts, "
                       "insert/update/unchanged/refused counts, lookups, requests and time.");
    dry.help = QStringLiteral(
        "Options:\n"
        "  --org FILE            target metadata from an org file (emulator format; its systemUsers resolve "
        "owners)\n"
        "  --connection NAME     target metadata from the workspace cache of that connection (default: the "
        "only one)\n"
        "  --mapping FILE        run these mappings instead of the workspace's\n"
        "  --only M1,M2          run only these mappings\n"
        "  --users N             application users for the time estimate (default 1)\n"
        "  --plugin-tables T,..  target tables with synchronous plug-ins (cost more per record)\n"
        "  --bypass-plugins      the real run will bypass custom plug-ins\n"
        "  --no-quarantine       do not write refused rows to the quarantine (nor a runs row)\n"
        "  --fail-on-refused     exit 1 when any row is refused\n"
        "  --json                print the report as JSON\n"
        "Sources are opened by their workspace names (see 'ferry-cli discover --workspace'); a server "
        "password\n"
        "comes from FERRY_SOURCE_PASSWORD. Refused rows land in the quarantine with run kind 'dry-run'.\n");
    dry.run = dryRun;
    dry.maxArguments = 20;
    dry.ownOptions = true;
    return {exportCommand, importCommand, dry};
}

} // namespace ferry::cli
