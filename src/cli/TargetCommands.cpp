// ferry-cli target refresh/show/snapshot: the target's metadata (tables, columns, option sets, keys,
// relationships), fetched into the workspace cache, shown from it, and written as an org file that
// ferry-emulator loads.

#include "TargetCommon.h"

#include <ferry/auth/ConnectionStore.h>
#include <ferry/target/Metadata.h>
#include <ferry/target/TargetModel.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

#include <cmath>
#include <mutex>

namespace ferry::cli {

namespace {

Error usage(const QString &message, const QString &command)
{
    return Error::make(QStringLiteral("cli.usage"),
                       QStringLiteral("%1 See 'ferry-cli %2 --help'.").arg(message, command));
}

struct Opened
{
    std::unique_ptr<Workspace> workspace;
    auth::ConnectionProfile profile;
};

Result<Opened> openConnection(const ParsedOptions &o, const QString &command)
{
    const QString name = o.value(QStringLiteral("connection")).trimmed();
    if (name.isEmpty())
        return usage(QStringLiteral("'%1' needs --connection NAME.").arg(command), command);
    auto path =
        workspacePath(o, QStringLiteral("ferry-cli %1 --workspace PATH --connection NAME ...").arg(command));
    if (!path)
        return path.error();
    auto workspace = openWorkspace(*path);
    if (!workspace)
        return workspace.error();
    auto profile = auth::ConnectionStore::find((*workspace)->reader(), name);
    if (!profile)
        return profile.error();
    return Opened{std::move(workspace).value(), std::move(profile).value()};
}

QStringList tableList(const ParsedOptions &o)
{
    QStringList tables;
    for (const QString &t : o.value(QStringLiteral("tables")).split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (!t.trimmed().isEmpty())
            tables.append(t.trimmed());
    return tables;
}

qsizetype tableCount(const nlohmann::json &org)
{
    const auto it = org.find("value");
    return it != org.end() && it->is_array() ? static_cast<qsizetype>(it->size()) : 0;
}

// Signs in as the first enabled user (or the person, for device code) and fetches the org file, with
// progress on stderr. Ctrl-C stops it (metadata.cancelled / auth.cancelled).
Result<nlohmann::json> fetchOrg(const auth::ConnectionProfile &profile, const QStringList &tables,
                                const ParsedOptions &o, CliContext &context)
{
    const QList<auth::AppUser> users = profile.effectiveUsers();
    if (users.isEmpty())
        return Error::make(
            QStringLiteral("connection.invalid"),
            QStringLiteral("connection \"%1\" has no enabled application user to sign in with.")
                .arg(profile.name));
    installInterruptHandler();
    const net::TlsPolicy tls = tlsPolicyFor(o);
    auto tokens = signIn(profile, users.first(), secretStoreFor(o), tls, context);
    if (!tokens)
        return tokens.error();
    context.err << "Fetching the metadata of "
                << (tables.isEmpty() ? QStringLiteral("every table") : tables.join(QStringLiteral(", ")))
                << " from " << profile.environmentUrl.toString() << Qt::endl;
    target::MetadataClient client(profile.environmentUrl, *tokens, tls);
    std::mutex errLock; // the callback runs on the client's worker threads
    auto progress = [&](const target::MetadataClient::Progress &p) {
        std::lock_guard lock(errLock);
        context.err << "  [" << p.tablesDone << '/' << p.tablesTotal << "] " << p.lastTable << Qt::endl;
    };
    auto org = client.fetchRaw(tables, progress, interruptFlag());
    if (org && interrupted())
        return Error::make(QStringLiteral("metadata.cancelled"),
                           QStringLiteral("cancelled; nothing was stored."));
    return org;
}

ExitCode targetRefresh(const ParsedOptions &o, CliContext &context)
{
    auto opened = openConnection(o, QStringLiteral("target refresh"));
    if (!opened)
        return fail(context, opened.error());
    const auth::ConnectionProfile &profile = opened->profile;
    const QStringList tables = tableList(o);
    auto org = fetchOrg(profile, tables, o, context);
    if (!org)
        return fail(context, org.error());
    WorkspaceWriter *writer = opened->workspace->writer();
    if (!writer)
        return context.error(opened->workspace->writerError());
    // A refresh of every table also drops the tables the service no longer has.
    if (const Status stored = target::MetadataCache::store(*writer, profile.id, *org, tables.isEmpty());
        !stored)
        return fail(context, stored.error());
    context.out << "Cached the metadata of " << tableCount(*org) << " tables of connection \"" << profile.name
                << "\" in " << opened->workspace->path() << ".\n";
    return ExitCode::Success;
}

QString requiredLevelName(target::RequiredLevel level)
{
    switch (level) {
    case target::RequiredLevel::None:
        return QStringLiteral("None");
    case target::RequiredLevel::Recommended:
        return QStringLiteral("Recommended");
    case target::RequiredLevel::ApplicationRequired:
        return QStringLiteral("ApplicationRequired");
    case target::RequiredLevel::SystemRequired:
        return QStringLiteral("SystemRequired");
    }
    return QString();
}

QString behaviorName(target::DateTimeBehavior behavior)
{
    switch (behavior) {
    case target::DateTimeBehavior::UserLocal:
        return QStringLiteral("UserLocal");
    case target::DateTimeBehavior::DateOnly:
        return QStringLiteral("DateOnly");
    case target::DateTimeBehavior::TimeZoneIndependent:
        return QStringLiteral("TimeZoneIndependent");
    }
    return QString();
}

QString number(double v)
{
    // Integer bounds (BigInt's are +-2^63) read better whole than in exponent notation.
    if (std::floor(v) == v && std::abs(v) < 1e19)
        return QString::number(v, 'f', 0);
    return QString::number(v, 'g', 15);
}

QString optionsText(const target::OptionSet &set)
{
    QStringList options;
    for (const target::OptionValue &v : set.options) {
        QString text = QStringLiteral("%1=%2").arg(v.value).arg(v.label);
        if (v.state)
            text += QStringLiteral(" (state %1)").arg(*v.state);
        if (v.defaultStatus)
            text += QStringLiteral(" (default status %1)").arg(*v.defaultStatus);
        options.append(text);
    }
    QString head = QStringLiteral("options");
    if (set.isGlobal)
        head += QStringLiteral(" (global %1)").arg(set.name);
    return head + QStringLiteral(": ") + options.join(QStringLiteral(", "));
}

QString attributeDetails(const target::Attribute &a)
{
    QStringList parts;
    if (a.isPrimaryId)
        parts << QStringLiteral("primary id");
    if (a.isPrimaryName)
        parts << QStringLiteral("primary name");
    if (!a.attributeOf.isEmpty())
        parts << QStringLiteral("companion of %1").arg(a.attributeOf);
    if (a.maxLength)
        parts << QStringLiteral("max length %1").arg(*a.maxLength);
    if (!a.format.isEmpty() && a.format != QLatin1String("None"))
        parts << QStringLiteral("format %1").arg(a.format);
    if (a.precision)
        parts << QStringLiteral("precision %1").arg(*a.precision);
    if (a.minValue || a.maxValue)
        parts << QStringLiteral("range %1..%2")
                     .arg(a.minValue ? number(*a.minValue) : QString(),
                          a.maxValue ? number(*a.maxValue) : QString());
    if (a.type == target::AttributeType::DateTime)
        parts << QStringLiteral("behavior %1").arg(behaviorName(a.dateTimeBehavior));
    if (!a.targets.isEmpty())
        parts << QStringLiteral("-> %1").arg(a.targets.join(QStringLiteral(", ")));
    if (a.optionSet)
        parts << optionsText(*a.optionSet);
    if (a.isCustom)
        parts << QStringLiteral("custom");
    return parts.join(QStringLiteral("; "));
}

QString validFor(const target::Attribute &a)
{
    QString s;
    s += a.validForCreate ? QLatin1Char('c') : QLatin1Char('-');
    s += a.validForUpdate ? QLatin1Char('u') : QLatin1Char('-');
    s += a.validForRead ? QLatin1Char('r') : QLatin1Char('-');
    return s;
}

QString yesNo(bool b)
{
    return b ? QStringLiteral("yes") : QStringLiteral("no");
}

void printEntity(const target::Entity &e, QTextStream &out)
{
    out << "Table:             " << e.logicalName << '\n'
        << "Schema name:       " << e.schemaName << '\n'
        << "Entity set:        " << e.entitySetName << '\n'
        << "Display name:      " << e.displayName << " (" << e.displayCollectionName << ")\n"
        << "Primary id:        " << e.primaryIdAttribute << '\n'
        << "Primary name:      " << e.primaryNameAttribute << '\n'
        << "Ownership:         " << e.ownershipType << '\n'
        << "Table type:        " << e.tableType << '\n'
        << "Object type code:  " << e.objectTypeCode << '\n'
        << "Custom:            " << yesNo(e.isCustom) << ", activity: " << yesNo(e.isActivity)
        << ", intersect: " << yesNo(e.isIntersect) << '\n';

    out << "\nColumns (" << e.attributes.size() << "; valid for c=create u=update r=read):\n";
    QList<QStringList> rows;
    for (const target::Attribute &a : e.attributes)
        rows.append({a.logicalName, a.typeName, requiredLevelName(a.requiredLevel), validFor(a),
                     a.displayName, attributeDetails(a)});
    out << renderTable({QStringLiteral("Column"), QStringLiteral("Type"), QStringLiteral("Required"),
                        QStringLiteral("Valid"), QStringLiteral("Display name"), QStringLiteral("Details")},
                       rows);

    out << "\nAlternate keys (" << e.keys.size() << "):\n";
    for (const target::AlternateKey &k : e.keys)
        out << "  " << k.logicalName << " (" << k.attributes.join(QStringLiteral(", ")) << ") "
            << (k.indexStatus.isEmpty() ? QStringLiteral("-") : k.indexStatus) << '\n';

    out << "\nLookups on this table, N:1 (" << e.manyToOne.size() << "):\n";
    for (const target::OneToManyRelationship &r : e.manyToOne)
        out << "  " << r.schemaName << ": " << r.referencingAttribute << " -> " << r.referencedEntity << '.'
            << r.referencedAttribute << " (bind as " << r.referencingNavigationProperty << "@odata.bind)\n";
    out << "\nLookups pointing here, 1:N (" << e.oneToMany.size() << "):\n";
    for (const target::OneToManyRelationship &r : e.oneToMany)
        out << "  " << r.schemaName << ": " << r.referencingEntity << '.' << r.referencingAttribute << " -> "
            << r.referencedAttribute << '\n';
    out << "\nN:N relationships (" << e.manyToMany.size() << "):\n";
    for (const target::ManyToManyRelationship &r : e.manyToMany)
        out << "  " << r.schemaName << ": " << r.entity1 << '.' << r.entity1IntersectAttribute << " <-> "
            << r.entity2 << '.' << r.entity2IntersectAttribute << " via " << r.intersectEntity << " ("
            << r.entity1NavigationProperty << ", " << r.entity2NavigationProperty << ")\n";
}

ExitCode targetShow(const ParsedOptions &o, CliContext &context)
{
    const QString cmd = QStringLiteral("target show");
    auto opened = openConnection(o, cmd);
    if (!opened)
        return fail(context, opened.error());
    const auth::ConnectionProfile &profile = opened->profile;
    auto model = target::MetadataCache::load(opened->workspace->reader(), profile.id);
    if (!model)
        return fail(context, model.error());
    if (model->isEmpty())
        return context.error(
            QStringLiteral("no metadata is cached for connection \"%1\". Fetch it with 'ferry-cli "
                           "target refresh --workspace %2 --connection %1'.")
                .arg(profile.name, opened->workspace->path()),
            ExitCode::Failure);
    if (o.has(QStringLiteral("table")) && o.has(QStringLiteral("all")))
        return fail(context, usage(QStringLiteral("--table and --all exclude each other."), cmd));
    if (o.has(QStringLiteral("table"))) {
        const QString name = o.value(QStringLiteral("table")).trimmed();
        const target::Entity *entity = model->entity(name);
        if (!entity)
            entity = model->entity(name.toLower());
        if (!entity)
            entity = model->entityBySetName(name);
        if (!entity)
            return context.error(
                QStringLiteral("table '%1' is not in the cached metadata of connection \"%2\" (%3 "
                               "tables cached; 'ferry-cli target show' lists them). If it was "
                               "added since, fetch it with 'ferry-cli target refresh --tables %1'.")
                    .arg(name, profile.name)
                    .arg(model->entities().size()),
                ExitCode::Failure);
        printEntity(*entity, context.out);
        return ExitCode::Success;
    }
    context.out << model->entities().size() << " tables in the cached metadata of connection \""
                << profile.name << "\":\n";
    QList<QStringList> rows;
    for (const target::Entity &e : model->entities())
        rows.append({e.logicalName, e.entitySetName, e.displayName, QString::number(e.attributes.size()),
                     QString::number(e.keys.size()), e.ownershipType,
                     e.isCustom ? QStringLiteral("custom") : QString()});
    context.out << renderTable({QStringLiteral("Table"), QStringLiteral("Entity set"),
                                QStringLiteral("Display name"), QStringLiteral("Columns"),
                                QStringLiteral("Keys"), QStringLiteral("Ownership"),
                                QStringLiteral("Custom")},
                               rows);
    if (!model->globalOptionSets().isEmpty()) {
        context.out << "\nGlobal option sets (" << model->globalOptionSets().size() << "):\n";
        for (const target::OptionSet &set : model->globalOptionSets())
            context.out << "  " << set.name << ": " << set.options.size() << " options\n";
    }
    if (o.has(QStringLiteral("all"))) {
        for (const target::OptionSet &set : model->globalOptionSets())
            context.out << "\nGlobal option set " << set.name << ": " << optionsText(set) << '\n';
        for (const target::Entity &e : model->entities()) {
            context.out << "\n";
            printEntity(e, context.out);
        }
    }
    return ExitCode::Success;
}

ExitCode targetSnapshot(const ParsedOptions &o, CliContext &context)
{
    const QString cmd = QStringLiteral("target snapshot");
    const QString out = o.value(QStringLiteral("out")).trimmed();
    if (out.isEmpty())
        return fail(context, usage(QStringLiteral("'target snapshot' needs --out ORG.json."), cmd));
    auto opened = openConnection(o, cmd);
    if (!opened)
        return fail(context, opened.error());
    const auth::ConnectionProfile &profile = opened->profile;
    Result<nlohmann::json> org = nlohmann::json();
    if (o.has(QStringLiteral("from-cache"))) {
        if (o.has(QStringLiteral("tables")))
            return fail(context,
                        usage(QStringLiteral("--tables cannot be combined with --from-cache (the snapshot "
                                             "holds every cached table)."),
                              cmd));
        org = target::MetadataCache::loadRaw(opened->workspace->reader(), profile.id);
        if (org && tableCount(*org) == 0)
            return context.error(
                QStringLiteral("no metadata is cached for connection \"%1\". Fetch it with "
                               "'ferry-cli target refresh', or snapshot the live service (leave "
                               "out --from-cache).")
                    .arg(profile.name),
                ExitCode::Failure);
    } else {
        org = fetchOrg(profile, tableList(o), o, context);
    }
    if (!org)
        return fail(context, org.error());
    if (const Status written = target::writeOrgSnapshot(*org, profile, out); !written)
        return fail(context, written.error());
    const QString path = QFileInfo(out).absoluteFilePath();
    context.out
        << "Wrote the org snapshot of connection \"" << profile.name << "\" (" << tableCount(*org)
        << " tables) to " << path << ".\n"
        << "Rehearse against it with: ferry-emulator --org " << path << "\n"
        << "Its application users (x-ferry-emulator.appUsers) keep their client ids but have generated\n"
        << "rehearsal secrets, not the real ones: the real secrets are never written to a snapshot.\n";
    return ExitCode::Success;
}

} // namespace

QList<Command> targetCommands()
{
    const QString fetchHelp = QStringLiteral(
        "  --tables a,b         only these tables (logical names); default: every table the service lists\n");
    const QString refreshHelp =
        QStringLiteral("Options:\n") + workspaceHelpText() +
        QStringLiteral("  --connection N       the connection to read from\n") + fetchHelp +
        QStringLiteral(
            "\nSigns in (the first enabled application user, or a person for device code), fetches the\n"
            "tables with their columns, option sets, alternate keys and relationships (several tables in\n"
            "parallel, progress on stderr) and replaces those tables in the workspace's metadata cache in\n"
            "one transaction. Ctrl-C stops it and stores nothing (exit code 130).\n\n") +
        secretsHelpText();
    const QString showHelp =
        QStringLiteral("Options:\n") + workspaceHelpText() +
        QStringLiteral(
            "  --connection N       the connection\n"
            "  --table T            show T's columns (type, required level, valid for create/update/read,\n"
            "                       lengths, ranges, options, lookup targets), alternate keys and\n"
            "                       relationships; default: list the tables\n"
            "  --all                the list, the global option sets, then every table in full (e.g. to\n"
            "                       diff two environments)\n\n"
            "Reads the workspace's metadata cache only (no sign-in); 'target refresh' fills it.\n");
    const QString snapshotHelp =
        QStringLiteral("Options:\n") + workspaceHelpText() +
        QStringLiteral("  --connection N       the connection\n"
                       "  --out ORG.json       the file to write (replaced if it exists)\n"
                       "  --from-cache         write what the workspace cache holds, without signing in\n") +
        fetchHelp +
        QStringLiteral(
            "\nWrites the org in the format ferry-emulator loads (docs/emulator.md), so any real org can be\n"
            "rehearsed locally: ferry-emulator --org ORG.json. The file's application users keep their\n"
            "client ids but get generated rehearsal secrets; the real secrets are never written.\n\n") +
        secretsHelpText();
    QList<OptionSpec> refreshSpecs = {
        {QStringLiteral("workspace")}, {QStringLiteral("connection")}, {QStringLiteral("tables")}};
    refreshSpecs += signInOptionSpecs();
    QList<OptionSpec> snapshotSpecs = {{QStringLiteral("workspace")},
                                       {QStringLiteral("connection")},
                                       {QStringLiteral("out")},
                                       {QStringLiteral("from-cache"), false},
                                       {QStringLiteral("tables")}};
    snapshotSpecs += signInOptionSpecs();
    return {
        makeCommand(
            {QStringLiteral("target"), QStringLiteral("refresh")},
            QStringLiteral("--workspace W --connection N [--tables a,b] [--secrets-file FILE]"),
            QStringLiteral("Fetch the target's metadata (tables, columns, options, keys, relationships) "
                           "into the workspace cache."),
            refreshHelp, refreshSpecs, targetRefresh),
        makeCommand(
            {QStringLiteral("target"), QStringLiteral("show")},
            QStringLiteral("--workspace W --connection N [--table T | --all]"),
            QStringLiteral("Show the cached target tables, or one table's columns, keys and relationships."),
            showHelp,
            {{QStringLiteral("workspace")},
             {QStringLiteral("connection")},
             {QStringLiteral("table")},
             {QStringLiteral("all"), false}},
            targetShow),
        makeCommand(
            {QStringLiteral("target"), QStringLiteral("snapshot")},
            QStringLiteral("--connection N --out ORG.json [--workspace W] [--from-cache] [--tables a,b]"),
            QStringLiteral("Write the target's metadata as an org file ferry-emulator loads (rehearsal "
                           "secrets, never the real ones)."),
            snapshotHelp, snapshotSpecs, targetSnapshot),
    };
}

} // namespace ferry::cli
