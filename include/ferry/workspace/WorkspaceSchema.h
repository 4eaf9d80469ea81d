#pragma once
// Any thread: each function opens its own short-lived connection to the file it is given.

#include <ferry/Result.h>

#include <QString>
#include <QStringList>

namespace ferry {

/// The workspace schema: numbered upgrade steps. Step N takes a file from version N-1 to N inside one
/// transaction. Version 0 is an empty file. Later work adds steps at the end; never edit a released step.
class WorkspaceSchema
{
public:
    /// PRAGMA application_id of a workspace file: 'FRRY'.
    static constexpr int kApplicationId = 0x46525259;

    /// The version the last step produces (== Workspace::currentSchemaVersion()).
    static int currentVersion();

    /// Test-visible: creates a new workspace file at an older version (1 <= version <= currentVersion()), so
    /// tests can check that Workspace::open() upgrades it. Fails with "workspace.exists" if the file exists.
    static Status createAtVersion(const QString &path, int version);

    /// Test-visible: records `version` as applied in an existing workspace without running any step, to
    /// simulate a file written by a newer Ferry.
    static Status stampVersionForTesting(const QString &path, int version);

    /// Every "table.column" of the file's schema, for checks such as "no column holds a secret".
    static Result<QStringList> columnNames(const QString &path);
};

} // namespace ferry
