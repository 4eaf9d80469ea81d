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
    // 5 and up: reserved for later commands (e.g. target unreachable, run finished with quarantined rows).
};

struct ExitCodeDoc
{
    ExitCode code;
    const char *meaning;
};

inline constexpr std::array<ExitCodeDoc, 5> kExitCodes = {{
    {ExitCode::Success, "success"},
    {ExitCode::Failure, "runtime failure: the operation failed"},
    {ExitCode::Usage, "usage error: bad arguments, unknown command or option"},
    {ExitCode::WorkspaceUnavailable,
     "the workspace cannot be opened or created (missing, not a workspace, written by a newer Ferry, "
     "already exists)"},
    {ExitCode::SourceUnavailable,
     "the source cannot be opened or read (missing or unreadable file, server unreachable, login refused)"},
}};

inline int toInt(ExitCode code)
{
    return static_cast<int>(code);
}

} // namespace ferry::cli
