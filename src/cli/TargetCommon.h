#pragma once
// Thread: the CLI main thread (the Ctrl-C flag may be read from any thread).
//
// What the connection, signin and target commands share: --option parsing (which refuses secrets on the
// command line), finding the workspace and the connection, where secrets come from, signing in, the exit
// code of a core error, and Ctrl-C.

#include "Command.h"

#include <ferry/Result.h>
#include <ferry/auth/ConnectionProfile.h>
#include <ferry/auth/SecretStore.h>
#include <ferry/auth/TokenProvider.h>
#include <ferry/net/HttpClient.h>

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

#include <atomic>
#include <memory>

namespace ferry {
class Workspace;
} // namespace ferry

namespace ferry::cli {

/// One --option of a command.
struct OptionSpec
{
    QString name;            ///< without the dashes: "workspace"
    bool takesValue = true;  ///< false: a flag such as --no-keyring
    bool repeatable = false; ///< may be given several times (--app-user)
};

/// The parsed options of one command line.
struct ParsedOptions
{
    QHash<QString, QStringList> values; ///< option name -> values in command-line order
    QSet<QString> flags;
    bool help = false; ///< --help or -h appeared somewhere

    /// The (last) value of an option, or an empty string.
    QString value(const QString &name) const;
    QStringList all(const QString &name) const { return values.value(name); }
    bool has(const QString &name) const { return values.contains(name) || flags.contains(name); }
};

/// Parses `arguments` (options only, no positional arguments) against `specs`. Usage errors (code
/// "cli.usage") name the option and end with the usage line. Secrets on the command line (--secret,
/// --client-secret, --password, in any spelling) are refused without echoing the value, pointing at the
/// environment variables and the secrets file instead.
Result<ParsedOptions> parseOptions(const QStringList &arguments, const QList<OptionSpec> &specs,
                                   const QString &usage);

/// The options every command that signs in accepts: --secrets-file, --no-keyring, --ca-file.
QList<OptionSpec> signInOptionSpecs();
/// Help text: where secrets come from, in which order; with the sign-in options, TLS and proxies.
QString secretsHelpText(bool withSignInOptions = true);
/// Help text for --workspace and its defaults.
QString workspaceHelpText();

/// The workspace path: --workspace, else FERRY_WORKSPACE, else the only *.ferry file in the current
/// directory. Error "cli.usage" when none of them gives one.
Result<QString> workspacePath(const ParsedOptions &options, const QString &usage);

/// Opens an existing workspace (workspace.* errors).
Result<std::unique_ptr<Workspace>> openWorkspace(const QString &path);

/// The secret store the options ask for (--secrets-file, --no-keyring).
auth::SecretStore secretStoreFor(const ParsedOptions &options);
/// The TLS policy the options ask for (--ca-file).
net::TlsPolicy tlsPolicyFor(const ParsedOptions &options);

/// The exit code of a core error: connection.invalid and cli.usage are usage errors, workspace.* make the
/// workspace unavailable, auth.* / secret.* / http.* / target.* (sign-in and transport) make the target
/// unavailable, *.cancelled is an interruption, anything else a failure.
ExitCode exitCodeFor(const Error &error);
/// Prints the error's message and returns exitCodeFor(error).
ExitCode fail(CliContext &context, const Error &error);

/// Installs the Ctrl-C (SIGINT) and SIGTERM handler that sets interruptFlag(). The first signal asks the
/// running operation to stop cleanly; the handler then resets itself, so a second Ctrl-C ends the process.
void installInterruptHandler();
/// The flag handed to cancellable core calls.
const std::atomic_bool *interruptFlag();
bool interrupted();

/// Signs in as `user` of `profile` and returns a provider holding a fresh token. Client credentials read the
/// secret from `secrets`; device code prints the service's message (code and URL) to stderr and waits for
/// the person, until interruptFlag() is set.
Result<std::shared_ptr<auth::TokenProvider>> signIn(const auth::ConnectionProfile &profile,
                                                    const auth::AppUser &user,
                                                    const auth::SecretStore &secrets,
                                                    const net::TlsPolicy &tls, CliContext &context);

/// What a command built with makeCommand() runs once its options are parsed (and --help was not asked).
using OptionRunner = ExitCode (*)(const ParsedOptions &options, CliContext &context);

/// A command that parses its own --options with parseOptions(); --help anywhere prints commandHelpText().
Command makeCommand(const QStringList &words, const QString &arguments, const QString &summary,
                    const QString &help, const QList<OptionSpec> &specs, OptionRunner runner);

/// "Ferry Migration 1 (f3b9...)" or just the client id when the user has no name.
QString describeUser(const auth::AppUser &user);

/// Left-aligned text columns separated by two spaces, header first, no trailing blanks.
QString renderTable(const QStringList &headers, const QList<QStringList> &rows);

} // namespace ferry::cli
