// ferry-cli connection add/list/show/remove/test and signin: target connection profiles in the workspace
// (never their secrets), and signing in to check them.

#include "TargetCommon.h"

#include <ferry/auth/ConnectionStore.h>
#include <ferry/target/DataverseClient.h>
#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QFile>
#include <QFileInfo>

namespace ferry::cli {

namespace {

const QString kAddArguments = QStringLiteral("--workspace W --name N --url URL --tenant T [OPTIONS]");

Error usage(const QString &message, const QString &command)
{
    return Error::make(QStringLiteral("cli.usage"),
                       QStringLiteral("%1 See 'ferry-cli %2 --help'.").arg(message, command));
}

// A URL the user typed: absolute, with a scheme and a host. Anything else is a usage error naming the option.
Result<QUrl> parseUrl(const QString &text, const QString &option, const QString &command)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.host().isEmpty()) {
        const QString why =
            url.isValid() ? QStringLiteral("it needs a scheme and a host") : url.errorString();
        return usage(
            QStringLiteral("--%1 '%2' is not a valid URL (%3). Example: "
                           "https://contoso.crm.dynamics.com/ or http://127.0.0.1:8089/ for ferry-emulator.")
                .arg(option, text, why),
            command);
    }
    return url;
}

Result<std::unique_ptr<Workspace>> openFor(const ParsedOptions &options, const QString &command)
{
    auto path = workspacePath(options, QStringLiteral("ferry-cli %1 --workspace PATH ...").arg(command));
    if (!path)
        return path.error();
    return openWorkspace(*path);
}

Result<QString> required(const ParsedOptions &options, const QString &name, const QString &command)
{
    const QString v = options.value(name);
    if (v.trimmed().isEmpty())
        return usage(QStringLiteral("'%1' needs --%2.").arg(command, name), command);
    return v.trimmed();
}

QString kindAndUrl(const auth::ConnectionProfile &p)
{
    return QStringLiteral("%1, %2, tenant %3").arg(p.kind, p.environmentUrl.toString(), p.tenant);
}

void printSecretSources(const auth::ConnectionProfile &p, CliContext &context)
{
    if (p.signInKind == auth::SignInKind::DeviceCode)
        return;
    const QList<auth::AppUser> users = p.effectiveUsers();
    QList<QStringList> rows;
    for (const auth::AppUser &u : users)
        rows.append({u.name.isEmpty() ? QStringLiteral("-") : u.name, u.clientId,
                     auth::SecretStore::environmentVariableFor(u.clientId)});
    context.out << renderTable({QStringLiteral("Application user"), QStringLiteral("Client id"),
                                QStringLiteral("Secret from (or --secrets-file / keyring)")},
                               rows);
}

ExitCode connectionAdd(const ParsedOptions &o, CliContext &context)
{
    const QString cmd = QStringLiteral("connection add");
    auth::ConnectionProfile p;
    for (const char *name : {"name", "url", "tenant"}) {
        auto v = required(o, QLatin1String(name), cmd);
        if (!v)
            return fail(context, v.error());
    }
    p.name = o.value(QStringLiteral("name")).trimmed();
    p.tenant = o.value(QStringLiteral("tenant")).trimmed();
    auto url = parseUrl(o.value(QStringLiteral("url")).trimmed(), QStringLiteral("url"), cmd);
    if (!url)
        return fail(context, url.error());
    p.environmentUrl = *url;
    p.kind = o.has(QStringLiteral("kind")) ? o.value(QStringLiteral("kind")) : QStringLiteral("dataverse");
    if (p.kind != QLatin1String("dataverse") && p.kind != QLatin1String("emulator"))
        return fail(
            context,
            usage(QStringLiteral("--kind must be dataverse or emulator, not '%1'.").arg(p.kind), cmd));
    if (o.has(QStringLiteral("sign-in"))) {
        auto kind = auth::signInKindFromName(o.value(QStringLiteral("sign-in")));
        if (!kind)
            return fail(context,
                        usage(QStringLiteral("--sign-in must be client-credentials or device-code, not "
                                             "'%1'.")
                                  .arg(o.value(QStringLiteral("sign-in"))),
                              cmd));
        p.signInKind = *kind;
    }
    p.clientId = o.value(QStringLiteral("client-id")).trimmed();
    for (const QString &spec : o.all(QStringLiteral("app-user"))) {
        const qsizetype eq = spec.lastIndexOf(QLatin1Char('='));
        if (eq <= 0 || eq == spec.size() - 1)
            return fail(
                context,
                usage(QStringLiteral("--app-user takes NAME=CLIENT_ID (e.g. \"Migration 1=f3b9778c-...\"), "
                                     "not '%1'.")
                          .arg(spec),
                      cmd));
        auth::AppUser user;
        user.name = spec.left(eq).trimmed();
        user.clientId = spec.mid(eq + 1).trimmed();
        p.appUsers.append(user);
    }
    if (o.has(QStringLiteral("authority"))) {
        auto authority =
            parseUrl(o.value(QStringLiteral("authority")).trimmed(), QStringLiteral("authority"), cmd);
        if (!authority)
            return fail(context, authority.error());
        p.authorityUrl = *authority;
    }
    // Everything is checked before the workspace is touched: a refused profile leaves no file behind.
    if (const Status valid = p.validate(); !valid)
        return context.error(valid.error().message +
                                 QStringLiteral(" See 'ferry-cli connection add --help'."),
                             ExitCode::Usage);
    auto path = workspacePath(o, QStringLiteral("ferry-cli connection add ") + kAddArguments);
    if (!path)
        return fail(context, path.error());

    const bool created = !QFileInfo::exists(*path);
    auto workspace = created ? Workspace::create(*path) : Workspace::open(*path);
    if (!workspace)
        return context.error(workspace.error());
    WorkspaceWriter *writer = (*workspace)->writer();
    if (!writer)
        return context.error((*workspace)->writerError());
    const auto id = auth::ConnectionStore::save(*writer, p);
    const QString workspaceFile = (*workspace)->path();
    if (!id) {
        if (created) { // do not leave an empty workspace that the user never asked for
            (*workspace)->close();
            for (const char *suffix : {"", "-wal", "-shm", "-journal"})
                QFile::remove(workspaceFile + QLatin1String(suffix));
        }
        return fail(context, id.error());
    }
    if (created)
        context.err << "Created workspace " << workspaceFile << Qt::endl;
    context.out << "Added connection \"" << p.name << "\" (" << kindAndUrl(p) << ", "
                << auth::signInKindName(p.signInKind) << ") to " << workspaceFile << ".\n";
    if (p.signInKind == auth::SignInKind::DeviceCode) {
        context.out << "Sign in with: ferry-cli signin --workspace " << workspaceFile << " --connection "
                    << p.name << '\n';
    } else {
        context.out
            << "Secrets are read at sign-in, never stored in the workspace (see 'ferry-cli connection "
               "add --help'):\n";
        printSecretSources(p, context);
        context.out << "Check them with: ferry-cli connection test --workspace " << workspaceFile
                    << " --name " << p.name << '\n';
    }
    return ExitCode::Success;
}

ExitCode connectionList(const ParsedOptions &o, CliContext &context)
{
    auto workspace = openFor(o, QStringLiteral("connection list"));
    if (!workspace)
        return fail(context, workspace.error());
    auto profiles = auth::ConnectionStore::list((*workspace)->reader());
    if (!profiles)
        return fail(context, profiles.error());
    if (profiles->isEmpty()) {
        context.out << "(no target connections; add one with 'ferry-cli connection add')\n";
        return ExitCode::Success;
    }
    QList<QStringList> rows;
    for (const auth::ConnectionProfile &p : *profiles) {
        const qsizetype users = p.signInKind == auth::SignInKind::DeviceCode ? 0 : p.effectiveUsers().size();
        rows.append({p.name, p.kind, auth::signInKindName(p.signInKind), p.tenant, QString::number(users),
                     p.environmentUrl.toString()});
    }
    context.out << renderTable({QStringLiteral("Name"), QStringLiteral("Kind"), QStringLiteral("Sign-in"),
                                QStringLiteral("Tenant"), QStringLiteral("App users"), QStringLiteral("URL")},
                               rows);
    return ExitCode::Success;
}

ExitCode connectionShow(const ParsedOptions &o, CliContext &context)
{
    const QString cmd = QStringLiteral("connection show");
    auto name = required(o, QStringLiteral("name"), cmd);
    if (!name)
        return fail(context, name.error());
    auto workspace = openFor(o, cmd);
    if (!workspace)
        return fail(context, workspace.error());
    auto p = auth::ConnectionStore::find((*workspace)->reader(), *name);
    if (!p)
        return fail(context, p.error());
    context.out << "Name:        " << p->name << '\n'
                << "Kind:        " << p->kind << '\n'
                << "URL:         " << p->environmentUrl.toString() << '\n'
                << "Web API:     " << p->webApiUrl().toString() << '\n'
                << "Tenant:      " << p->tenant << '\n'
                << "Authority:   " << p->effectiveAuthority().toString()
                << (p->authorityUrl.isEmpty() ? " (default for the kind)" : "") << '\n'
                << "Sign-in:     " << auth::signInKindName(p->signInKind) << '\n';
    if (!p->clientId.isEmpty())
        context.out << "Client id:   " << p->clientId << '\n';
    if (p->signInKind == auth::SignInKind::ClientCredentials) {
        QList<QStringList> rows;
        const QList<auth::AppUser> users = p->appUsers.isEmpty() ? p->effectiveUsers() : p->appUsers;
        for (const auth::AppUser &u : users)
            rows.append({u.name.isEmpty() ? QStringLiteral("-") : u.name, u.clientId,
                         u.enabled ? QStringLiteral("enabled") : QStringLiteral("disabled"),
                         auth::SecretStore::environmentVariableFor(u.clientId)});
        context.out << "\n"
                    << renderTable({QStringLiteral("Application user"), QStringLiteral("Client id"),
                                    QStringLiteral("State"),
                                    QStringLiteral("Secret from (or --secrets-file / keyring)")},
                                   rows);
    }
    return ExitCode::Success;
}

ExitCode connectionRemove(const ParsedOptions &o, CliContext &context)
{
    const QString cmd = QStringLiteral("connection remove");
    auto name = required(o, QStringLiteral("name"), cmd);
    if (!name)
        return fail(context, name.error());
    auto workspace = openFor(o, cmd);
    if (!workspace)
        return fail(context, workspace.error());
    WorkspaceWriter *writer = (*workspace)->writer();
    if (!writer)
        return context.error((*workspace)->writerError());
    if (const Status removed = auth::ConnectionStore::remove(*writer, *name); !removed)
        return fail(context, removed.error());
    context.out << "Removed connection \"" << *name << "\" and its cached metadata from "
                << (*workspace)->path() << ".\n";
    return ExitCode::Success;
}

QString optionalInt(const std::optional<int> &v, const QString &unit)
{
    return v ? QStringLiteral("%1 %2").arg(*v).arg(unit) : QStringLiteral("not reported");
}

void printWhoAmI(const target::WhoAmI &who, CliContext &context)
{
    context.out << "  User id:              " << who.userId << '\n'
                << "  User name:            "
                << (who.userName.isEmpty() ? QStringLiteral("(not readable)") : who.userName) << '\n'
                << "  Organization id:      " << who.organizationId << '\n'
                << "  Business unit id:     " << who.businessUnitId << '\n'
                << "  x-ms-dop-hint:        "
                << optionalInt(who.dopHint, QStringLiteral("parallel requests recommended")) << '\n'
                << "  Requests left:        "
                << optionalInt(who.burstRequestsRemaining, QStringLiteral("in the current 5-minute window"))
                << '\n'
                << "  Execution time left:  "
                << (who.timeRemainingSeconds ? QStringLiteral("%1 s in the current 5-minute window")
                                                   .arg(QString::number(*who.timeRemainingSeconds, 'f', 1))
                                             : QStringLiteral("not reported"))
                << '\n';
}

// Signs in as one user and asks WhoAmI. Prints the result; returns the error, if any.
Status testUser(const auth::ConnectionProfile &p, const auth::AppUser &user, const auth::SecretStore &secrets,
                const net::TlsPolicy &tls, CliContext &context)
{
    auto tokens = signIn(p, user, secrets, tls, context);
    if (!tokens)
        return tokens.error();
    target::DataverseClient client(p.environmentUrl, *tokens, tls);
    auto who = client.whoAmI();
    if (!who)
        return who.error();
    if (p.signInKind == auth::SignInKind::DeviceCode)
        context.out << "Device code sign-in: signed in, WhoAmI answered\n";
    else
        context.out << describeUser(user) << ": signed in, WhoAmI answered\n";
    printWhoAmI(*who, context);
    context.out.flush();
    return {};
}

Result<auth::ConnectionProfile> findProfile(const ParsedOptions &o, const QString &option, const QString &cmd,
                                            std::unique_ptr<Workspace> &workspace)
{
    auto name = required(o, option, cmd);
    if (!name)
        return name.error();
    auto opened = openFor(o, cmd);
    if (!opened)
        return opened.error();
    workspace = std::move(opened).value();
    return auth::ConnectionStore::find(workspace->reader(), *name);
}

ExitCode connectionTest(const ParsedOptions &o, CliContext &context)
{
    const QString cmd = QStringLiteral("connection test");
    std::unique_ptr<Workspace> workspace;
    auto p = findProfile(o, QStringLiteral("name"), cmd, workspace);
    if (!p)
        return fail(context, p.error());
    QList<auth::AppUser> users;
    if (p->signInKind == auth::SignInKind::DeviceCode) {
        users.append(auth::AppUser{QString(), p->clientId, true});
    } else {
        users = p->effectiveUsers();
        if (o.has(QStringLiteral("user"))) {
            const QString wanted = o.value(QStringLiteral("user"));
            QList<auth::AppUser> chosen;
            QStringList known;
            const QList<auth::AppUser> all = p->appUsers.isEmpty() ? users : p->appUsers;
            for (const auth::AppUser &u : all) {
                known << u.clientId;
                if (u.clientId.compare(wanted, Qt::CaseInsensitive) == 0 || u.name == wanted)
                    chosen.append(u);
            }
            if (chosen.isEmpty())
                return fail(context,
                            usage(QStringLiteral("connection \"%1\" has no application user '%2'; its users "
                                                 "are: %3.")
                                      .arg(p->name, wanted, known.join(QStringLiteral(", "))),
                                  cmd));
            users = chosen.mid(0, 1);
        }
    }
    if (users.isEmpty())
        return context.error(
            QStringLiteral("connection \"%1\" has no enabled application user to test. Add one "
                           "with 'ferry-cli connection add ... --app-user NAME=CLIENT_ID'.")
                .arg(p->name),
            ExitCode::Failure);
    installInterruptHandler();
    const auth::SecretStore secrets = secretStoreFor(o);
    const net::TlsPolicy tls = tlsPolicyFor(o);
    context.out << "Connection \"" << p->name << "\" (" << kindAndUrl(*p) << ", "
                << auth::signInKindName(p->signInKind) << ")\n";
    ExitCode worst = ExitCode::Success;
    int failed = 0;
    for (const auth::AppUser &user : users) {
        const Status status = testUser(*p, user, secrets, tls, context);
        if (status)
            continue;
        ++failed;
        const ExitCode code = exitCodeFor(status.error());
        context.error(p->signInKind == auth::SignInKind::DeviceCode
                          ? status.error().message
                          : QStringLiteral("%1: %2").arg(describeUser(user), status.error().message),
                      code);
        if (code == ExitCode::Interrupted || interrupted())
            return ExitCode::Interrupted;
        if (worst == ExitCode::Success || code == ExitCode::TargetUnavailable)
            worst = code;
    }
    if (failed > 0 && users.size() > 1)
        context.err << "ferry-cli: " << failed << " of " << users.size() << " users could not sign in."
                    << Qt::endl;
    return worst;
}

ExitCode signInCommand(const ParsedOptions &o, CliContext &context)
{
    const QString cmd = QStringLiteral("signin");
    std::unique_ptr<Workspace> workspace;
    auto p = findProfile(o, QStringLiteral("connection"), cmd, workspace);
    if (!p)
        return fail(context, p.error());
    if (p->signInKind != auth::SignInKind::DeviceCode)
        return context.error(
            QStringLiteral("connection \"%1\" signs in with client credentials (application users "
                           "and their secrets), which needs no interactive sign-in. Check it with "
                           "'ferry-cli connection test --name %1'.")
                .arg(p->name),
            ExitCode::Usage);
    installInterruptHandler();
    const net::TlsPolicy tls = tlsPolicyFor(o);
    auto tokens = signIn(*p, auth::AppUser{QString(), p->clientId, true}, secretStoreFor(o), tls, context);
    if (!tokens)
        return fail(context, tokens.error());
    target::DataverseClient client(p->environmentUrl, *tokens, tls);
    auto who = client.whoAmI();
    if (!who)
        return fail(context, who.error());
    context.out << "Signed in to \"" << p->name << "\" as "
                << (who->userName.isEmpty() ? who->userId
                                            : QStringLiteral("%1 (%2)").arg(who->userName, who->userId))
                << ".\n";
    printWhoAmI(*who, context);
    return ExitCode::Success;
}

QList<OptionSpec> withSignIn(QList<OptionSpec> specs)
{
    specs += signInOptionSpecs();
    return specs;
}

} // namespace

QList<Command> connectionCommands()
{
    const QString addHelp =
        QStringLiteral("Options:\n") + workspaceHelpText() +
        QStringLiteral(
            "                       (created when it does not exist)\n"
            "  --name N             the connection's name, unique in the workspace\n"
            "  --url URL            the environment URL, e.g. https://contoso.crm.dynamics.com/ (https; http "
            "only\n"
            "                       for a loopback ferry-emulator, e.g. http://127.0.0.1:8089/)\n"
            "  --tenant T           the directory (tenant) id or domain, e.g. contoso.onmicrosoft.com\n"
            "  --kind K             dataverse (default) or emulator (tokens come from the emulator's own "
            "URL)\n"
            "  --sign-in S          client-credentials (default: application users with client secrets) or\n"
            "                       device-code (a person signs in in a browser; needs --client-id)\n"
            "  --client-id ID       device code: the public client id; client credentials: the application "
            "user\n"
            "                       when no --app-user is given\n"
            "  --app-user NAME=ID   an application user (repeatable); the engine spreads requests over them\n"
            "  --authority URL      the identity platform (default https://login.microsoftonline.com/ for\n"
            "                       dataverse, the environment URL for emulator)\n"
            "\n"
            "The profile is checked before anything is written; a refused profile stores nothing. No secret "
            "is\n"
            "asked for or stored: see below for where sign-in reads it.\n\n") +
        secretsHelpText(false);
    const QString nameHelp = QStringLiteral("Options:\n") + workspaceHelpText() +
                             QStringLiteral("  --name N             the connection\n");
    const QString testHelp =
        nameHelp +
        QStringLiteral(
            "  --user CLIENT_ID     test only this application user (client id or name); default: every\n"
            "                       enabled one\n\n"
            "For each user: signs in, calls WhoAmI and prints the user id and name, the organization, the\n"
            "business unit, x-ms-dop-hint (recommended parallel requests) and the service protection\n"
            "budget left (requests and execution time in the current 5-minute window).\n"
            "Device code connections ask a person to sign in (see 'ferry-cli signin --help').\n\n") +
        secretsHelpText();
    const QString signInHelp =
        QStringLiteral("Options:\n") + workspaceHelpText() +
        QStringLiteral(
            "  --connection N       a connection added with --sign-in device-code\n\n"
            "Prints the identity platform's message (the URL to open and the code to enter) to stderr,\n"
            "then waits until the person has signed in, declined, or the code expired. Ctrl-C cancels\n"
            "(exit code 130). On success prints who signed in (WhoAmI). The sign-in lasts for this\n"
            "command; no token or refresh token is written anywhere.\n"
            "Client-credentials connections need no interactive sign-in: use 'connection test'.\n\n") +
        secretsHelpText();

    const QList<OptionSpec> workspaceOnly = {{QStringLiteral("workspace")}};
    const QList<OptionSpec> withName = {{QStringLiteral("workspace")}, {QStringLiteral("name")}};
    return {
        makeCommand({QStringLiteral("connection"), QStringLiteral("add")}, kAddArguments,
                    QStringLiteral(
                        "Add a Dataverse (or ferry-emulator) connection to the workspace; never a secret."),
                    addHelp,
                    {{QStringLiteral("workspace")},
                     {QStringLiteral("name")},
                     {QStringLiteral("url")},
                     {QStringLiteral("tenant")},
                     {QStringLiteral("kind")},
                     {QStringLiteral("sign-in")},
                     {QStringLiteral("client-id")},
                     {QStringLiteral("app-user"), true, true},
                     {QStringLiteral("authority")}},
                    connectionAdd),
        makeCommand({QStringLiteral("connection"), QStringLiteral("list")}, QStringLiteral("--workspace W"),
                    QStringLiteral("List the workspace's target connections."),
                    QStringLiteral("Options:\n") + workspaceHelpText(), workspaceOnly, connectionList),
        makeCommand({QStringLiteral("connection"), QStringLiteral("show")},
                    QStringLiteral("--workspace W --name N"),
                    QStringLiteral(
                        "Show one connection, its application users and where their secrets are read from."),
                    nameHelp, withName, connectionShow),
        makeCommand({QStringLiteral("connection"), QStringLiteral("remove")},
                    QStringLiteral("--workspace W --name N"),
                    QStringLiteral("Remove a connection with its application users and cached metadata."),
                    nameHelp, withName, connectionRemove),
        makeCommand(
            {QStringLiteral("connection"), QStringLiteral("test")},
            QStringLiteral("--workspace W --name N [--user CLIENT_ID] [--secrets-file FILE]"),
            QStringLiteral(
                "Sign in as each application user; print WhoAmI, x-ms-dop-hint and the limits left."),
            testHelp,
            withSignIn({{QStringLiteral("workspace")}, {QStringLiteral("name")}, {QStringLiteral("user")}}),
            connectionTest),
        makeCommand({QStringLiteral("signin")}, QStringLiteral("--workspace W --connection N"),
                    QStringLiteral(
                        "Device code sign-in: print the code and URL, wait for the person (Ctrl-C cancels)."),
                    signInHelp, withSignIn({{QStringLiteral("workspace")}, {QStringLiteral("connection")}}),
                    signInCommand),
    };
}

} // namespace ferry::cli
