#pragma once
// Thread: reads on the thread that owns the WorkspaceReader; writes are jobs for the workspace writer and
// may be submitted from any thread.

#include <ferry/Result.h>
#include <ferry/auth/ConnectionProfile.h>

#include <QList>

namespace ferry {
class WorkspaceReader;
class WorkspaceWriter;
} // namespace ferry

namespace ferry::auth {

/// Target connection profiles in the workspace (tables connections + app_users, kind dataverse/emulator).
/// Error codes: "connection.not-found", "connection.invalid", "connection.exists", plus workspace errors.
class ConnectionStore
{
public:
    /// Every target profile, by name.
    static Result<QList<ConnectionProfile>> list(const WorkspaceReader &reader);
    /// One profile by name.
    static Result<ConnectionProfile> find(const WorkspaceReader &reader, const QString &name);
    /// Validates, then inserts the profile or replaces the one with the same id (or, when id is 0, fails
    /// with "connection.exists" if the name is taken). App users are replaced as a whole. One transaction:
    /// nothing is stored half-way. Returns the row id.
    static Result<qint64> save(WorkspaceWriter &writer, const ConnectionProfile &profile);
    /// Deletes a profile with its app users and its cached metadata.
    static Status remove(WorkspaceWriter &writer, const QString &name);
};

} // namespace ferry::auth
