#pragma once
// Any thread: constants.
//
// The one place where ferry-cli's exit codes are defined. --help prints kExitCodes, so a new code is
// documented by adding it here. Codes are part of the CLI's contract with scripts and pipelines: never
// renumber one.

#include <array>

namespace ferry::cli {

enum class ExitCode : int
{
    Success = 0, // the command did what was asked
    Failure = 1, // the operation failed at run time
    Usage = 2,   // bad arguments: unknown command or option, missing or extra argument
    WorkspaceUnavailable =
        3, // the workspace cannot be opened: missing, not a workspace, newer version, exists
    SourceUnavailable =
        4, // the source cannot be opened or read: missing file, server unreachable, login refused
    // cannot sign in to or reach the target: no usable secret, secret or tenant refused, server unreachable,
    // certificate not verified, not a Web API answer
    TargetUnavailable = 5,
    // 6 and up: reserved for later commands (e.g. run finished with quarantined rows).
    // stopped by Ctrl-C (SIGINT) or SIGTERM; nothing was stored half-way (the shell convention 128 + 2)
    Interrupted = 130,
};

struct ExitCodeDoc
{
    ExitCode code;
    const char *meaning;
};

inline constexpr std::array<ExitCodeDoc, 7> kExitCodes = {{
    {ExitCode::Success, "success"},
    {ExitCode::Failure, "runtime failure: the operation failed"},
    {ExitCode::Usage, "usage error: bad arguments, unknown command or option"},
    {ExitCode::WorkspaceUnavailable,
     "the workspace cannot be opened or created (missing, not a workspace, written by a newer Ferry, "
     "already exists)"},
    {ExitCode::SourceUnavailable,
     "the source cannot be opened or read (missing or unreadable file, server unreachable, login refused)"},
    {ExitCode::TargetUnavailable,
     "cannot sign in to or reach the target (no usable secret, wrong secret, unknown tenant or client, "
     "server unreachable, certificate not verified, an answer that is not the Web API's)"},
    {ExitCode::Interrupted, "interrupted (Ctrl-C): the command stopped cleanly, nothing stored half-way"},
}};

inline int toInt(ExitCode code)
{
    return static_cast<int>(code);
}

} // namespace ferry::cli
