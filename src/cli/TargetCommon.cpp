#include "TargetCommon.h"

#include <ferry/workspace/Workspace.h>

#include <QDir>
#include <QFileInfo>

#include <csignal>

namespace ferry::cli {

namespace {

std::atomic_bool g_interrupted{false};
static_assert(std::atomic_bool::is_always_lock_free, "the signal handler may only touch a lock-free flag");

extern "C" void onInterrupt(int)
{
    g_interrupted.store(true);
}

Error usageError(const QString &message, const QString &usage)
{
    return Error::make(QStringLiteral("cli.usage"), QStringLiteral("%1 Usage: %2").arg(message, usage));
}

// True for option names that would carry a secret. Checked before anything else so the value is never
// echoed, and so nobody learns to put a secret where `ps` shows it.
bool isSecretOption(const QString &name)
{
    const QString n = name.toLower();
    if (n == QLatin1String("secrets-file"))
        return false;
    return n.contains(QLatin1String("secret")) || n.contains(QLatin1String("password")) ||
           n == QLatin1String("token") || n == QLatin1String("access-token") || n == QLatin1String("pass");
}

} // namespace

QString ParsedOptions::value(const QString &name) const
{
    const QStringList v = values.value(name);
    return v.isEmpty() ? QString() : v.last();
}

Result<ParsedOptions> parseOptions(const QStringList &arguments, const QList<OptionSpec> &specs,
                                   const QString &usage)
{
    ParsedOptions parsed;
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments[i];
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            parsed.help = true;
            continue;
        }
        if (!a.startsWith(QLatin1String("--"))) {
            return usageError(QStringLiteral("unexpected argument '%1'.").arg(a), usage);
        }
        const qsizetype eq = a.indexOf(QLatin1Char('='));
        const QString name = a.mid(2, eq < 0 ? -1 : eq - 2);
        if (isSecretOption(name)) {
            return usageError(
                QStringLiteral(
                    "secrets are never accepted on the command line (every user of this machine can read "
                    "it in 'ps' and the shell history). Give the client secret in the environment variable "
                    "FERRY_SECRET_<CLIENT_ID> (FERRY_CLIENT_SECRET for a single application user), or in a "
                    "file only you can read (chmod 600) named by --secrets-file FILE or FERRY_SECRETS_FILE, "
                    "or store it in the desktop keyring. See --help."),
                usage);
        }
        const auto spec =
            std::find_if(specs.begin(), specs.end(), [&](const OptionSpec &s) { return s.name == name; });
        if (spec == specs.end()) {
            return usageError(QStringLiteral("unknown option '--%1'.").arg(name), usage);
        }
        if (!spec->takesValue) {
            if (eq >= 0) {
                return usageError(QStringLiteral("'--%1' takes no value.").arg(name), usage);
            }
            parsed.flags.insert(name);
            continue;
        }
        QString value;
        if (eq >= 0) {
            value = a.mid(eq + 1);
        } else if (i + 1 < arguments.size()) {
            value = arguments[++i];
        } else {
            return usageError(QStringLiteral("'--%1' needs a value.").arg(name), usage);
        }
        if (!spec->repeatable && parsed.values.contains(name)) {
            return usageError(QStringLiteral("'--%1' is given twice.").arg(name), usage);
        }
        parsed.values[name].append(value);
    }
    return parsed;
}

QList<OptionSpec> signInOptionSpecs()
{
    return {
        {QStringLiteral("secrets-file")}, {QStringLiteral("no-keyring"), false}, {QStringLiteral("ca-file")}};
}

QString secretsHelpText(bool withSignInOptions)
{
    const QString secrets = QStringLiteral(
        "Secrets (client credentials sign-in):\n"
        "  A client secret is never accepted on the command line (--secret is refused: 'ps' would show it) "
        "and\n"
        "  never stored in the workspace, a log or an error message. For each application user Ferry looks,\n"
        "  in this order, in:\n"
        "  1. the environment variable FERRY_SECRET_<CLIENT_ID>: the client id upper-cased with '-' as '_',\n"
        "     e.g. FERRY_SECRET_F3B9778C_D9C0_54CC_B6C6_29CD1265E38D; for a connection with a single\n"
        "     application user also FERRY_CLIENT_SECRET;\n"
        "  2. a secrets file: --secrets-file FILE, or else the file named by FERRY_SECRETS_FILE. One line\n"
        "     \"<client-id> <secret>\" per user, '#' starts a comment. It must be readable by its owner "
        "only\n"
        "     (chmod 600 FILE); a file others can read is refused;\n"
        "  3. the desktop keyring (Secret Service, where the Connections dialog of the Ferry GUI stores\n"
        "     secrets), service \"ferry\", key \"<tenant>/<client-id>\". Tried last; --no-keyring skips it\n"
        "     (headless runs, pipelines, machines without a desktop session).\n"
        "  Device code sign-in needs no secret: a person signs in in a browser.\n");
    if (!withSignInOptions)
        return secrets;
    return secrets +
           QStringLiteral(
               "\n"
               "Sign-in options:\n"
               "  --secrets-file FILE  read client secrets from FILE (see above)\n"
               "  --no-keyring         do not ask the desktop keyring\n"
               "  --ca-file PEM        also trust the CA certificates in PEM (a corporate TLS-inspecting "
               "proxy)\n"
               "  TLS certificates are always verified; plain http is accepted for a loopback emulator "
               "only.\n"
               "  Proxies come from the environment (https_proxy, http_proxy, no_proxy, ALL_PROXY).\n");
}

QString workspaceHelpText()
{
    return QStringLiteral(
        "  --workspace PATH     the workspace file (.ferry); default: $FERRY_WORKSPACE, else the only\n"
        "                       *.ferry file in the current directory\n");
}

Result<QString> workspacePath(const ParsedOptions &options, const QString &usage)
{
    QString path = options.value(QStringLiteral("workspace"));
    if (path.isEmpty())
        path = qEnvironmentVariable("FERRY_WORKSPACE");
    if (path.isEmpty()) {
        const QStringList candidates =
            QDir::current().entryList({QStringLiteral("*.ferry")}, QDir::Files | QDir::Readable);
        if (candidates.size() == 1)
            path = QDir::current().filePath(candidates.first());
    }
    if (path.isEmpty())
        return usageError(QStringLiteral("say which workspace: --workspace PATH (or set FERRY_WORKSPACE)."),
                          usage);
    return path;
}

Result<std::unique_ptr<Workspace>> openWorkspace(const QString &path)
{
    return Workspace::open(path);
}

auth::SecretStore secretStoreFor(const ParsedOptions &options)
{
    auth::SecretStore::Options o;
    o.secretsFile = options.value(QStringLiteral("secrets-file"));
    o.useKeyring = !options.has(QStringLiteral("no-keyring"));
    return auth::SecretStore(o);
}

net::TlsPolicy tlsPolicyFor(const ParsedOptions &options)
{
    net::TlsPolicy tls;
    tls.caFile = options.value(QStringLiteral("ca-file"));
    return tls;
}

ExitCode exitCodeFor(const Error &error)
{
    const QString &c = error.code;
    if (c == QLatin1String("cli.usage") || c == QLatin1String("connection.invalid"))
        return ExitCode::Usage;
    if (c.endsWith(QLatin1String(".cancelled")))
        return ExitCode::Interrupted;
    static const QStringList unavailable = {"workspace.not-found",      "workspace.not-a-workspace",
                                            "workspace.newer-version",  "workspace.exists",
                                            "workspace.upgrade-failed", "workspace.io"};
    if (unavailable.contains(c))
        return ExitCode::WorkspaceUnavailable;
    if (c.startsWith(QLatin1String("auth.")) || c.startsWith(QLatin1String("secret.")) ||
        c.startsWith(QLatin1String("http.")))
        return ExitCode::TargetUnavailable;
    static const QStringList target = {"target.not-json", "target.unauthorized", "target.forbidden",
                                       "target.throttled"};
    if (target.contains(c))
        return ExitCode::TargetUnavailable;
    return ExitCode::Failure;
}

ExitCode fail(CliContext &context, const Error &error)
{
    return context.error(error.message, exitCodeFor(error));
}

void installInterruptHandler()
{
    struct sigaction action = {};
    action.sa_handler = onInterrupt;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESETHAND; // the second Ctrl-C kills, for when a stop does not come quickly
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

const std::atomic_bool *interruptFlag()
{
    return &g_interrupted;
}

bool interrupted()
{
    return g_interrupted.load();
}

Result<std::shared_ptr<auth::TokenProvider>> signIn(const auth::ConnectionProfile &profile,
                                                    const auth::AppUser &user,
                                                    const auth::SecretStore &secrets,
                                                    const net::TlsPolicy &tls, CliContext &context)
{
    if (profile.signInKind == auth::SignInKind::DeviceCode) {
        std::shared_ptr<auth::DeviceCodeProvider> provider = auth::makeDeviceCodeProvider(profile, tls);
        const Status status = provider->signIn(
            [&context](const auth::DeviceCodePrompt &prompt) {
                const QString message =
                    prompt.message.isEmpty()
                        ? QStringLiteral("To sign in, open %1 in a browser and enter the code %2.")
                              .arg(prompt.verificationUri.toString(), prompt.userCode)
                        : prompt.message;
                context.err << message << '\n';
                context.err << "Waiting for the sign-in";
                if (prompt.expiresIn.count() > 0)
                    context.err << " (the code expires in " << (prompt.expiresIn.count() + 59) / 60
                                << " min)";
                context.err << "; Ctrl-C cancels." << Qt::endl;
            },
            interruptFlag());
        if (!status)
            return status.error();
        return std::shared_ptr<auth::TokenProvider>(std::move(provider));
    }
    std::shared_ptr<auth::TokenProvider> provider =
        auth::makeClientCredentialsProvider(profile, user, secrets, tls);
    auto token = provider->token();
    if (!token)
        return token.error();
    return provider;
}

Command makeCommand(const QStringList &words, const QString &arguments, const QString &summary,
                    const QString &help, const QList<OptionSpec> &specs, OptionRunner runner)
{
    Command command;
    command.words = words;
    command.arguments = arguments;
    command.summary = summary;
    command.help = help;
    command.minArguments = 0;
    command.maxArguments = 1000;
    command.ownOptions = true;
    const Command doc = command;
    const QString usage = QStringLiteral("ferry-cli %1 %2").arg(words.join(QLatin1Char(' ')), arguments);
    command.run = [doc, specs, usage, runner](const QStringList &argv, CliContext &context) {
        auto parsed = parseOptions(argv, specs, usage);
        if (!parsed)
            return fail(context, parsed.error());
        if (parsed->help) {
            context.out << commandHelpText(doc);
            return ExitCode::Success;
        }
        return runner(*parsed, context);
    };
    return command;
}

QString describeUser(const auth::AppUser &user)
{
    if (user.name.isEmpty() || user.name == user.clientId)
        return user.clientId;
    return QStringLiteral("%1 (%2)").arg(user.name, user.clientId);
}

QString renderTable(const QStringList &headers, const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QString &h : headers)
        widths.append(h.size());
    for (const QStringList &row : rows)
        for (qsizetype c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());
    auto line = [&](const QStringList &cells) {
        QStringList padded;
        for (qsizetype c = 0; c < cells.size(); ++c)
            padded.append(c + 1 < cells.size() ? cells[c].leftJustified(widths[c]) : cells[c]);
        QString joined = padded.join(QStringLiteral("  "));
        while (joined.endsWith(QLatin1Char(' ')))
            joined.chop(1);
        return joined + QLatin1Char('\n');
    };
    QString text = line(headers);
    for (const QStringList &row : rows)
        text += line(row);
    return text;
}

} // namespace ferry::cli
