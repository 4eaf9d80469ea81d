// ferry-cli commands on the workspace file itself.

#include "Command.h"

#include <ferry/workspace/Workspace.h>

namespace ferry::cli {

namespace {

ExitCode workspaceCreate(const QStringList &arguments, CliContext &context)
{
    auto workspace = Workspace::create(arguments.at(0));
    if (!workspace) {
        return context.error(workspace.error());
    }
    context.out << "Created workspace " << (*workspace)->path() << " (schema version "
                << (*workspace)->schemaVersion() << ")" << Qt::endl;
    return ExitCode::Success;
}

QString renderPlan(const QList<PlanEntry> &entries)
{
    const QStringList headers = {"Order", "Table", "To migrate", "Done", "Validated", "Workers"};
    // Numbers are right-aligned so their digits line up; text is left-aligned.
    const QList<bool> numeric = {true, false, true, true, false, true};
    QList<QStringList> rows;
    for (const PlanEntry &e : entries) {
        rows.append({QString::number(e.order), e.tableName, QString::number(e.recordsToMigrate),
                     QString::number(e.recordsDone), e.validated ? "yes" : "no", QString::number(e.workers)});
    }
    QList<qsizetype> widths;
    for (const QString &h : headers) {
        widths.append(h.size());
    }
    for (const QStringList &row : rows) {
        for (qsizetype c = 0; c < row.size(); ++c) {
            widths[c] = std::max(widths[c], row[c].size());
        }
    }
    auto line = [&](const QStringList &cells) {
        QStringList padded;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            padded.append(numeric[c] ? cells[c].rightJustified(widths[c])
                                     : cells[c].leftJustified(widths[c]));
        }
        QString joined = padded.join("  ");
        while (joined.endsWith(' ')) {
            joined.chop(1);
        }
        return joined + '\n';
    };
    QString text = line(headers);
    for (const QStringList &row : rows) {
        text += line(row);
    }
    return text;
}

ExitCode workspaceInfo(const QStringList &arguments, CliContext &context)
{
    auto workspace = Workspace::open(arguments.at(0));
    if (!workspace) {
        return context.error(workspace.error());
    }
    auto plan = (*workspace)->planEntries();
    if (!plan) {
        return context.error(plan.error().message, ExitCode::Failure);
    }
    context.out << "Workspace:      " << (*workspace)->path() << '\n'
                << "Schema version: " << (*workspace)->schemaVersion() << " (this Ferry writes "
                << Workspace::currentSchemaVersion();
    if ((*workspace)->versionBeforeOpen() != (*workspace)->schemaVersion()) {
        context.out << "; upgraded now from version " << (*workspace)->versionBeforeOpen();
    }
    context.out << ")\n"
                << "Tables in the plan: " << plan->size() << "\n\n";
    if (plan->isEmpty()) {
        context.out << "(the plan is empty)\n";
    } else {
        context.out << renderPlan(*plan);
    }
    context.out.flush();
    return ExitCode::Success;
}

} // namespace

QList<Command> workspaceCommands()
{
    return {
        {{"workspace", "create"},
         "PATH",
         "Create a new, empty workspace file (fails if PATH exists).",
         workspaceCreate,
         1,
         1},
        {{"workspace", "info"},
         "PATH",
         "Show the workspace's schema version and its table plan (upgrades an older file).",
         workspaceInfo,
         1,
         1},
    };
}

} // namespace ferry::cli
