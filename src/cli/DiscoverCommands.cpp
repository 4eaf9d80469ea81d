// ferry-cli discover: lists a source's tables with columns, keys, row counts (and profiles) and the load
// order, as text or JSON; optionally stores the catalog in a workspace.

#include "Command.h"

#include <ferry/catalog/Discovery.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace ferry::cli {

namespace {

QString typeText(const ColumnInfo &c)
{
    QString t = valueTypeName(c.type);
    if (c.type == ValueType::Text && c.length > 0)
        t += QStringLiteral("(%1)").arg(c.length);
    else if (c.type == ValueType::Decimal && c.precision > 0)
        t += QStringLiteral("(%1,%2)").arg(c.precision).arg(std::max(c.scale, 0));
    return t;
}

QString rowCountText(const CatalogTable &t)
{
    if (t.rowCount < 0)
        return QStringLiteral("rows unknown");
    return QStringLiteral("%1%2 rows").arg(t.rowCountExact ? QString() : QStringLiteral("~")).arg(t.rowCount);
}

QString percent(double share)
{
    return QString::number(share * 100.0, 'f', 1) + QLatin1Char('%');
}

QString profileText(const ColumnProfile &p)
{
    QStringList parts;
    parts << QStringLiteral("nulls %1").arg(percent(p.nullShare()));
    parts << QStringLiteral("distinct %1%2")
                 .arg(p.distinctExact ? QString() : QStringLiteral("~"))
                 .arg(p.distinct);
    if (!p.min.isEmpty() || !p.max.isEmpty())
        parts << QStringLiteral("min %1").arg(p.min) << QStringLiteral("max %1").arg(p.max);
    if (p.longestText >= 0)
        parts << QStringLiteral("longest %1").arg(p.longestText);
    if (p.inferredType != ValueType::Null && p.inferredType != ValueType::Text)
        parts << QStringLiteral("holds %1 (%2)").arg(valueTypeName(p.inferredType), percent(p.inferredShare));
    QStringList top;
    for (const TopValue &v : p.topValues.mid(0, 5))
        top << QStringLiteral("%1 (%2)").arg(v.value).arg(v.count);
    if (!top.isEmpty())
        parts << QStringLiteral("top: ") + top.join(QStringLiteral(", "));
    return parts.join(QStringLiteral("; "));
}

QString deferredText(const DeferredLookup &d)
{
    return QStringLiteral("%1.%2 -> %3 (%4)")
        .arg(d.table, d.columns.join(QLatin1Char(',')), d.referencedTable,
             d.selfReference ? QStringLiteral("self reference") : QStringLiteral("breaks a cycle"));
}

void printText(const DiscoveryResult &r, QTextStream &out)
{
    const Catalog &c = r.catalog;
    out << "Source: " << c.sourceUri << '\n';
    out << "Tables: " << c.tables.size();
    if (!r.tableErrors.isEmpty())
        out << " (" << r.tableErrors.size() << " could not be read)";
    out << "\n";
    for (const CatalogTable &t : c.tables) {
        out << '\n' << t.name << " (" << tableKindName(t.kind) << ", " << rowCountText(t) << ")\n";
        if (t.hasError())
            out << "  error: " << t.errorMessage << '\n';
        qsizetype nameWidth = 0, declWidth = 0;
        for (const CatalogColumn &col : t.columns) {
            nameWidth = std::max(nameWidth, col.info.name.size());
            declWidth = std::max(declWidth, col.info.declaredType.size());
        }
        for (const CatalogColumn &col : t.columns) {
            QString line = QStringLiteral("  ") + col.info.name.leftJustified(nameWidth + 2) +
                           col.info.declaredType.leftJustified(declWidth + 2) +
                           typeText(col.info).leftJustified(14) +
                           (col.info.nullable ? QStringLiteral("null") : QStringLiteral("not null"));
            if (!col.defaultValue.isEmpty())
                line += QStringLiteral("  default ") + col.defaultValue;
            out << line << '\n';
            if (col.profile)
                out << "      " << profileText(*col.profile) << '\n';
        }
        if (!t.primaryKey.isEmpty())
            out << "  primary key: " << t.primaryKey.join(QStringLiteral(", ")) << '\n';
        for (const KeyInfo &k : t.uniqueKeys)
            out << "  unique " << (k.name.isEmpty() ? QString() : k.name + QLatin1Char(' ')) << "("
                << k.columns.join(QStringLiteral(", ")) << ")\n";
        for (const ForeignKeyInfo &fk : t.foreignKeys)
            out << "  foreign key " << (fk.name.isEmpty() ? QString() : fk.name + QLatin1Char(' ')) << "("
                << fk.columns.join(QStringLiteral(", ")) << ") -> " << fk.referencedTable << " ("
                << fk.referencedColumns.join(QStringLiteral(", ")) << ")\n";
    }
    const LoadPlan &plan = r.loadPlan;
    out << "\nLoad order (" << plan.passes() << (plan.passes() == 1 ? " pass" : " passes") << "):\n";
    for (qsizetype i = 0; i < plan.steps.size(); ++i) {
        const LoadStep &s = plan.steps[i];
        out << "  " << (i + 1) << ". " << s.table << "  [level " << s.level << "]";
        if (!s.dependsOn.isEmpty())
            out << "  after " << s.dependsOn.join(QStringLiteral(", "));
        out << '\n';
    }
    if (!plan.deferred.isEmpty()) {
        out << "Pass 2 patches these lookups (left empty in pass 1):\n";
        for (const DeferredLookup &d : plan.deferred)
            out << "  " << deferredText(d) << '\n';
    }
    for (const QStringList &cycle : plan.cycles)
        out << "Cycle: " << cycle.join(QStringLiteral(" <-> ")) << '\n';
    for (const QString &e : plan.externalReferences)
        out << "Reference outside the source: " << e << '\n';
}

QJsonArray strings(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QJsonObject toJson(const DiscoveryResult &r)
{
    QJsonArray tables;
    for (const CatalogTable &t : r.catalog.tables) {
        QJsonArray columns;
        for (const CatalogColumn &col : t.columns) {
            QJsonObject o{{"name", col.info.name},
                          {"declaredType", col.info.declaredType},
                          {"type", valueTypeName(col.info.type)},
                          {"nullable", col.info.nullable}};
            if (col.info.length >= 0)
                o["length"] = col.info.length;
            if (col.info.precision >= 0)
                o["precision"] = col.info.precision;
            if (col.info.scale >= 0)
                o["scale"] = col.info.scale;
            if (!col.defaultValue.isEmpty())
                o["default"] = col.defaultValue;
            if (col.profile) {
                const ColumnProfile &p = *col.profile;
                QJsonArray top;
                for (const TopValue &v : p.topValues)
                    top.append(QJsonObject{{"value", v.value}, {"count", double(v.count)}});
                QJsonObject po{{"rows", double(p.rows)},
                               {"nulls", double(p.nulls)},
                               {"nullShare", p.nullShare()},
                               {"distinct", double(p.distinct)},
                               {"distinctExact", p.distinctExact},
                               {"min", p.min},
                               {"max", p.max},
                               {"longestText", p.longestText},
                               {"topValues", top}};
                if (p.inferredType != ValueType::Null) {
                    po["inferredType"] = valueTypeName(p.inferredType);
                    po["inferredShare"] = p.inferredShare;
                }
                o["profile"] = po;
            }
            columns.append(o);
        }
        QJsonArray unique;
        for (const KeyInfo &k : t.uniqueKeys)
            unique.append(QJsonObject{{"name", k.name}, {"columns", strings(k.columns)}});
        QJsonArray fks;
        for (const ForeignKeyInfo &fk : t.foreignKeys)
            fks.append(QJsonObject{{"name", fk.name},
                                   {"columns", strings(fk.columns)},
                                   {"referencedTable", fk.referencedTable},
                                   {"referencedColumns", strings(fk.referencedColumns)}});
        QJsonObject o{{"name", t.name},
                      {"kind", tableKindName(t.kind)},
                      {"rowCount", t.rowCount < 0 ? QJsonValue() : QJsonValue(double(t.rowCount))},
                      {"rowCountExact", t.rowCountExact},
                      {"columns", columns},
                      {"primaryKey", strings(t.primaryKey)},
                      {"uniqueKeys", unique},
                      {"foreignKeys", fks}};
        if (t.hasError())
            o["error"] = QJsonObject{{"code", t.errorCode}, {"message", t.errorMessage}};
        tables.append(o);
    }
    QJsonArray steps;
    for (const LoadStep &s : r.loadPlan.steps)
        steps.append(
            QJsonObject{{"table", s.table}, {"level", s.level}, {"dependsOn", strings(s.dependsOn)}});
    QJsonArray deferred;
    for (const DeferredLookup &d : r.loadPlan.deferred)
        deferred.append(QJsonObject{{"table", d.table},
                                    {"foreignKey", d.foreignKey},
                                    {"columns", strings(d.columns)},
                                    {"referencedTable", d.referencedTable},
                                    {"selfReference", d.selfReference},
                                    {"nullable", d.nullable},
                                    {"pass", d.pass}});
    QJsonArray cycles;
    for (const QStringList &c : r.loadPlan.cycles)
        cycles.append(strings(c));
    QJsonArray errors;
    for (const TableError &e : r.tableErrors)
        errors.append(QJsonObject{{"table", e.table}, {"code", e.error.code}, {"message", e.error.message}});
    return QJsonObject{
        {"source", r.catalog.sourceUri},
        {"name", r.catalog.sourceName},
        {"kind", sourceKindScheme(r.catalog.kind)},
        {"tables", tables},
        {"loadOrder", QJsonObject{{"passes", r.loadPlan.passes()},
                                  {"steps", steps},
                                  {"deferred", deferred},
                                  {"cycles", cycles},
                                  {"externalReferences", strings(r.loadPlan.externalReferences)}}},
        {"errors", errors}};
}

const QString kUsage =
    QStringLiteral("ferry-cli discover URI [--profile] [--json] [--workspace PATH] [--name NAME]");

ExitCode discover(const QStringList &arguments, CliContext &context)
{
    QString uriText, workspacePath, name;
    bool profile = false, json = false;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        if (a == QLatin1String("--profile")) {
            profile = true;
        } else if (a == QLatin1String("--json")) {
            json = true;
        } else if (a == QLatin1String("--workspace") || a == QLatin1String("--name")) {
            if (i + 1 >= arguments.size())
                return context.error(QStringLiteral("'%1' needs a value. Usage: %2").arg(a, kUsage),
                                     ExitCode::Usage);
            (a == QLatin1String("--workspace") ? workspacePath : name) = arguments[++i];
        } else if (a.startsWith(QLatin1Char('-'))) {
            return context.error(
                QStringLiteral("unknown option '%1' for 'discover'. Usage: %2").arg(a, kUsage),
                ExitCode::Usage);
        } else if (uriText.isEmpty()) {
            uriText = a;
        } else {
            return context.error(QStringLiteral("'discover' takes one URI. Usage: %1").arg(kUsage),
                                 ExitCode::Usage);
        }
    }
    if (uriText.isEmpty())
        return context.error(QStringLiteral("'discover' needs a source URI. Usage: %1").arg(kUsage),
                             ExitCode::Usage);

    // A plain path is accepted for file sources: ferry-cli discover ./legacy.sqlite
    auto uri = uriText.contains(QLatin1String("://")) ? SourceUri::parse(uriText)
                                                      : SourceUri::fromLocalPath(uriText);
    if (!uri)
        return context.error(uri.error().message, ExitCode::Usage);

    std::unique_ptr<Workspace> workspace;
    DiscoveryOptions options;
    options.profile = profile;
    options.sourceName = name;
    if (!workspacePath.isEmpty()) {
        auto opened = QFileInfo::exists(workspacePath) ? Workspace::open(workspacePath)
                                                       : Workspace::create(workspacePath);
        if (!opened)
            return context.error(opened.error());
        workspace = std::move(opened).value();
        options.writer = workspace->writer();
        if (!options.writer)
            return context.error(workspace->writerError());
    }

    const DiscoveryResult result = Discovery::run(*uri, options);
    if (!result.error.code.isEmpty() && result.catalog.tables.isEmpty()) {
        const bool source = result.error.code.startsWith(QLatin1String("source."));
        return context.error(result.error.message, source ? ExitCode::SourceUnavailable : ExitCode::Failure);
    }
    if (json)
        context.out << QJsonDocument(toJson(result)).toJson(QJsonDocument::Indented);
    else
        printText(result, context.out);
    for (const TableError &e : result.tableErrors)
        context.err << "ferry-cli: warning: " << e.error.message << Qt::endl;
    if (!result.error.code.isEmpty()) // the catalog could not be saved
        return context.error(result.error);
    if (workspace)
        context.err << "Saved the catalog \"" << result.catalog.sourceName << "\" in " << workspace->path()
                    << Qt::endl;
    return ExitCode::Success;
}

} // namespace

QList<Command> discoverCommands()
{
    Command c;
    c.words = {QStringLiteral("discover")};
    c.arguments = QStringLiteral("URI [--profile] [--json] [--workspace PATH] [--name NAME]");
    c.summary = QStringLiteral(
        "List a source's tables, columns, keys, row counts and load order (--profile: value profiles; "
        "--workspace: store the catalog). URIs: sqlite:///path, csv:///path, xlsx:///path, xls:///path, "
        "postgresql://user@host[:port]/db, odbc://[user@]DSN; server password from FERRY_SOURCE_PASSWORD.");
    c.run = discover;
    c.minArguments = 1;
    c.maxArguments = 8;
    c.ownOptions = true;
    return {c};
}

} // namespace ferry::cli
