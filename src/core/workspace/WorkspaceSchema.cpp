#include <ferry/Version.h>
#include <ferry/workspace/WorkspaceSchema.h>

#include "workspace/SchemaInternal.h"
#include "workspace/Sqlite.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <array>

namespace ferry {

namespace {

// The upgrade steps. Step N (index N-1) takes a file from version N-1 to N. Released steps are never edited:
// later work appends steps (e.g. ALTER TABLE ... ADD COLUMN) so that every older file upgrades the same way.
//
// Timestamps are ISO 8601 UTC text. Booleans are INTEGER 0/1 with a CHECK.
constexpr const char *kStep1 = R"sql(
CREATE TABLE schema_version (
    version       INTEGER PRIMARY KEY,
    applied_at    TEXT NOT NULL,
    ferry_version TEXT NOT NULL
);

-- Connections to sources and targets. NEVER store a secret here (client secret, password, token, key): the
-- workspace file is copied and mailed around freely. Secrets live in the OS key store or the environment.
-- tests/unit/workspace checks that no column is named like a secret, and the triggers below refuse
-- settings_json with a secret-like key.
CREATE TABLE connections (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE,
    kind            TEXT NOT NULL,           -- dataverse, emulator, csv, excel, sqlite, odbc, postgresql
    environment_url TEXT,
    tenant          TEXT,
    client_id       TEXT,
    sign_in_kind    TEXT,                    -- client-credentials, device-code, static (emulator)
    settings_json   TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings_json)),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TRIGGER connections_no_secret_insert BEFORE INSERT ON connections
WHEN EXISTS (SELECT 1 FROM json_tree(NEW.settings_json)
             WHERE lower(key) GLOB '*secret*' OR lower(key) GLOB '*password*' OR lower(key) GLOB '*token*')
BEGIN SELECT RAISE(ABORT, 'connections.settings_json must not hold secrets'); END;
CREATE TRIGGER connections_no_secret_update BEFORE UPDATE OF settings_json ON connections
WHEN EXISTS (SELECT 1 FROM json_tree(NEW.settings_json)
             WHERE lower(key) GLOB '*secret*' OR lower(key) GLOB '*password*' OR lower(key) GLOB '*token*')
BEGIN SELECT RAISE(ABORT, 'connections.settings_json must not hold secrets'); END;

-- Application users of a Dataverse connection; the governor rotates requests over them.
CREATE TABLE app_users (
    id            INTEGER PRIMARY KEY,
    connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    client_id     TEXT NOT NULL,
    enabled       INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    UNIQUE (connection_id, client_id)
);

-- The source catalog, as discovered.
CREATE TABLE catalog_sources (
    id            INTEGER PRIMARY KEY,
    connection_id INTEGER REFERENCES connections(id) ON DELETE SET NULL,
    name          TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL,
    location      TEXT,
    discovered_at TEXT
);
CREATE TABLE catalog_tables (
    id          INTEGER PRIMARY KEY,
    source_id   INTEGER NOT NULL REFERENCES catalog_sources(id) ON DELETE CASCADE,
    schema_name TEXT NOT NULL DEFAULT '',
    name        TEXT NOT NULL,
    row_count   INTEGER,
    UNIQUE (source_id, schema_name, name)
);
CREATE TABLE catalog_columns (
    id           INTEGER PRIMARY KEY,
    table_id     INTEGER NOT NULL REFERENCES catalog_tables(id) ON DELETE CASCADE,
    ordinal      INTEGER NOT NULL,
    name         TEXT NOT NULL,
    type_name    TEXT,
    nullable     INTEGER NOT NULL DEFAULT 1 CHECK (nullable IN (0, 1)),
    max_length   INTEGER,
    precision    INTEGER,
    scale        INTEGER,
    profile_json TEXT,
    UNIQUE (table_id, name)
);
-- Primary keys and unique constraints; their columns in key order.
CREATE TABLE catalog_keys (
    id       INTEGER PRIMARY KEY,
    table_id INTEGER NOT NULL REFERENCES catalog_tables(id) ON DELETE CASCADE,
    name     TEXT,
    kind     TEXT NOT NULL CHECK (kind IN ('primary', 'unique'))
);
CREATE TABLE catalog_key_columns (
    key_id      INTEGER NOT NULL REFERENCES catalog_keys(id) ON DELETE CASCADE,
    ordinal     INTEGER NOT NULL,
    column_name TEXT NOT NULL,
    PRIMARY KEY (key_id, ordinal)
) WITHOUT ROWID;
-- Foreign keys; a composite key has one row per column pair, in ordinal order.
CREATE TABLE catalog_foreign_keys (
    id                  INTEGER PRIMARY KEY,
    table_id            INTEGER NOT NULL REFERENCES catalog_tables(id) ON DELETE CASCADE,
    name                TEXT,
    referenced_table_id INTEGER REFERENCES catalog_tables(id) ON DELETE SET NULL,
    referenced_schema   TEXT NOT NULL DEFAULT '',
    referenced_table    TEXT NOT NULL
);
CREATE TABLE catalog_foreign_key_columns (
    foreign_key_id    INTEGER NOT NULL REFERENCES catalog_foreign_keys(id) ON DELETE CASCADE,
    ordinal           INTEGER NOT NULL,
    column_name       TEXT NOT NULL,
    referenced_column TEXT NOT NULL,
    PRIMARY KEY (foreign_key_id, ordinal)
) WITHOUT ROWID;

-- The target metadata cache (EntityDefinitions JSON as fetched).
CREATE TABLE target_entities (
    id              INTEGER PRIMARY KEY,
    connection_id   INTEGER REFERENCES connections(id) ON DELETE CASCADE,
    logical_name    TEXT NOT NULL,
    entity_set_name TEXT,
    metadata_json   TEXT NOT NULL,
    fetched_at      TEXT NOT NULL,
    UNIQUE (connection_id, logical_name)
);
CREATE TABLE target_attributes (
    id             INTEGER PRIMARY KEY,
    entity_id      INTEGER NOT NULL REFERENCES target_entities(id) ON DELETE CASCADE,
    logical_name   TEXT NOT NULL,
    attribute_type TEXT,
    metadata_json  TEXT NOT NULL,
    fetched_at     TEXT NOT NULL,
    UNIQUE (entity_id, logical_name)
);

-- Mappings: one per source table -> target table, with one row per target field.
CREATE TABLE mappings (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    source_table  TEXT NOT NULL,
    target_entity TEXT NOT NULL,
    operation     TEXT NOT NULL DEFAULT 'upsert',
    alternate_key TEXT,
    settings_json TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(settings_json)),
    updated_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TABLE field_maps (
    id                INTEGER PRIMARY KEY,
    mapping_id        INTEGER NOT NULL REFERENCES mappings(id) ON DELETE CASCADE,
    ordinal           INTEGER NOT NULL,
    source_expression TEXT,
    target_attribute  TEXT NOT NULL,
    transform_json    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(transform_json)),
    UNIQUE (mapping_id, target_attribute)
);

-- The table plan and its state.
CREATE TABLE table_plan (
    table_name         TEXT PRIMARY KEY,
    plan_order         INTEGER NOT NULL,
    records_to_migrate INTEGER NOT NULL DEFAULT 0 CHECK (records_to_migrate >= 0),
    records_done       INTEGER NOT NULL DEFAULT 0 CHECK (records_done >= 0),
    validated          INTEGER NOT NULL DEFAULT 0 CHECK (validated IN (0, 1)),
    workers            INTEGER NOT NULL DEFAULT 1 CHECK (workers >= 1),
    mapping_id         INTEGER REFERENCES mappings(id) ON DELETE SET NULL
);

CREATE TABLE runs (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL DEFAULT 'run' CHECK (kind IN ('run', 'dry-run', 'retry')),
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    status       TEXT NOT NULL DEFAULT 'running',
    summary_json TEXT
);
-- One row per written batch (request).
CREATE TABLE run_log (
    id               INTEGER PRIMARY KEY,
    run_id           INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    table_name       TEXT NOT NULL,
    partition_id     INTEGER NOT NULL DEFAULT 0,
    batch_id         INTEGER NOT NULL,
    batch_size       INTEGER NOT NULL,
    write_time_ms    INTEGER,
    finished_at      TEXT NOT NULL,
    error            TEXT,
    severity         TEXT CHECK (severity IS NULL OR severity IN ('info', 'warning', 'error', 'fatal')),
    suspected_cause  TEXT,
    quarantine_table TEXT
);
-- Rows that failed, with what is needed to fix and retry them.
CREATE TABLE quarantine (
    id              INTEGER PRIMARY KEY,
    run_id          INTEGER REFERENCES runs(id) ON DELETE SET NULL,
    table_name      TEXT NOT NULL,
    row_key         TEXT NOT NULL,
    payload_json    TEXT NOT NULL,
    error_code      TEXT,
    message         TEXT,
    severity        TEXT CHECK (severity IS NULL OR severity IN ('info', 'warning', 'error', 'fatal')),
    suspected_cause TEXT,
    column_name     TEXT,                    -- the column the error names, if any
    attempts        INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 0),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    updated_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
)sql";

constexpr const char *kStep2 = R"sql(
-- Keyset paging and filters of the grids and reports.
CREATE INDEX table_plan_by_order ON table_plan (plan_order, table_name);
CREATE INDEX run_log_by_run ON run_log (run_id, table_name, batch_id);
CREATE INDEX quarantine_by_row ON quarantine (table_name, row_key);
CREATE INDEX quarantine_by_table ON quarantine (table_name, id);
CREATE INDEX quarantine_by_error ON quarantine (error_code, id);
CREATE INDEX quarantine_by_run ON quarantine (run_id, id);

-- Where each table/partition of a run got to, so an interrupted run resumes.
CREATE TABLE checkpoints (
    run_id       INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    table_name   TEXT NOT NULL,
    partition_id INTEGER NOT NULL DEFAULT 0,
    last_key     TEXT,
    rows_done    INTEGER NOT NULL DEFAULT 0,
    updated_at   TEXT NOT NULL,
    PRIMARY KEY (run_id, table_name, partition_id)
) WITHOUT ROWID;

-- The fingerprint of each source row as last written, for delta runs.
CREATE TABLE row_fingerprints (
    table_name  TEXT NOT NULL,
    row_key     TEXT NOT NULL,
    fingerprint BLOB NOT NULL,
    target_id   TEXT,
    run_id      INTEGER,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (table_name, row_key)
) WITHOUT ROWID;
)sql";

constexpr const char *kStep3 = R"sql(
-- What discovery records beyond step 1: the source URI (never a password), table kinds, whether a row count
-- is exact or an estimate, per-table errors (the other tables are still discovered), what a reader detected
-- (CSV delimiter, sheet title rows...), normalized column types, declared defaults.
ALTER TABLE catalog_sources ADD COLUMN uri TEXT;
ALTER TABLE catalog_tables ADD COLUMN ordinal INTEGER NOT NULL DEFAULT 0;
ALTER TABLE catalog_tables ADD COLUMN kind TEXT NOT NULL DEFAULT 'table'
    CHECK (kind IN ('table', 'view', 'sheet', 'file'));
ALTER TABLE catalog_tables ADD COLUMN row_count_exact INTEGER NOT NULL DEFAULT 0
    CHECK (row_count_exact IN (0, 1));
ALTER TABLE catalog_tables ADD COLUMN error_code TEXT;
ALTER TABLE catalog_tables ADD COLUMN error_message TEXT;
ALTER TABLE catalog_tables ADD COLUMN properties_json TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(properties_json));
ALTER TABLE catalog_columns ADD COLUMN normalized_type TEXT;
ALTER TABLE catalog_columns ADD COLUMN inferred INTEGER NOT NULL DEFAULT 0 CHECK (inferred IN (0, 1));
ALTER TABLE catalog_columns ADD COLUMN default_value TEXT;
CREATE INDEX catalog_foreign_keys_by_table ON catalog_foreign_keys (table_id);
CREATE INDEX catalog_keys_by_table ON catalog_keys (table_id);
)sql";

constexpr const char *kStep4 = R"sql(
-- Target metadata that belongs to no single table: global option sets (kind 'global-option-set', name = the
-- option set's Name), relationships as RelationshipDefinitions lists them (kind 'relationship', name =
-- SchemaName) and the organization a connection reads (kind 'organization', name ''). json is the
-- service's JSON as fetched. Never a secret: an org file's x-ferry-emulator app users are not stored.
CREATE TABLE target_documents (
    id            INTEGER PRIMARY KEY,
    connection_id INTEGER NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind IN ('global-option-set', 'relationship', 'organization')),
    name          TEXT NOT NULL,
    json          TEXT NOT NULL CHECK (json_valid(json)),
    fetched_at    TEXT NOT NULL,
    UNIQUE (connection_id, kind, name)
);
)sql";

constexpr std::array<const char *, 4> kSteps = {kStep1, kStep2, kStep3, kStep4};

QString absolute(const QString &path)
{
    return QFileInfo(path).absoluteFilePath();
}

void removeDatabaseFiles(const QString &path)
{
    QFile::remove(path);
    QFile::remove(path + "-wal");
    QFile::remove(path + "-shm");
    QFile::remove(path + "-journal");
}

} // namespace

namespace schema {

Result<int> probe(sqlite3 *db, const QString &path)
{
    auto appId = sqlite::scalar(db, path, "PRAGMA application_id");
    if (!appId) {
        const int rc = sqlite3_extended_errcode(db);
        if ((rc & 0xff) == SQLITE_NOTADB) {
            return Error::make(
                "workspace.not-a-workspace",
                QStringLiteral("Cannot open '%1': it is not a Ferry workspace (not an SQLite "
                               "database). Choose a .ferry workspace file or create a new one.")
                    .arg(path));
        }
        return Error::make("workspace.io", appId.error().message);
    }
    if (appId->toLongLong() != WorkspaceSchema::kApplicationId) {
        return Error::make(
            "workspace.not-a-workspace",
            QStringLiteral("Cannot open '%1': it is an SQLite database but not a Ferry workspace. "
                           "Choose a .ferry workspace file or create a new one.")
                .arg(path));
    }
    auto hasTable = sqlite::scalar(
        db, path, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
    if (!hasTable) {
        return Error::make("workspace.io", hasTable.error().message);
    }
    if (hasTable->toLongLong() == 0) {
        return Error::make(
            "workspace.not-a-workspace",
            QStringLiteral("Cannot open '%1': it is marked as a Ferry workspace but has no schema "
                           "version table; it is damaged. Restore it from a copy.")
                .arg(path));
    }
    auto version = sqlite::scalar(db, path, "SELECT coalesce(max(version), 0) FROM schema_version");
    if (!version) {
        return Error::make("workspace.io", version.error().message);
    }
    const int v = static_cast<int>(version->toLongLong());
    if (v > WorkspaceSchema::currentVersion()) {
        return Error::make(
            "workspace.newer-version",
            QStringLiteral("Cannot open '%1': it was written by a newer Ferry (schema version %2); "
                           "this Ferry reads up to %3. Upgrade Ferry to open it.")
                .arg(path)
                .arg(v)
                .arg(WorkspaceSchema::currentVersion()));
    }
    return v;
}

Status upgrade(sqlite3 *db, const QString &path, int from, int to)
{
    // Steps may rebuild tables; foreign keys are checked after each step instead.
    if (auto s = sqlite::execScript(db, path, "PRAGMA foreign_keys = OFF"); !s) {
        return s;
    }
    for (int step = from + 1; step <= to; ++step) {
        auto fail = [&](const Error &e) {
            sqlite::execScript(db, path, "ROLLBACK");
            return Error::make(
                "workspace.upgrade-failed",
                QStringLiteral("Cannot upgrade workspace '%1' from schema version %2 to %3; the file "
                               "is unchanged at version %2. Details: %4")
                    .arg(path)
                    .arg(step - 1)
                    .arg(step)
                    .arg(e.message));
        };
        if (auto s = sqlite::execScript(db, path, "BEGIN IMMEDIATE"); !s) {
            return fail(s.error());
        }
        // Checked again inside the write lock: another process may have upgraded the file meanwhile.
        if (step > 1) {
            auto current = sqlite::scalar(db, path, "SELECT coalesce(max(version), 0) FROM schema_version");
            if (!current) {
                return fail(current.error());
            }
            if (current->toInt() >= step) {
                sqlite::execScript(db, path, "COMMIT");
                continue;
            }
        }
        if (step == 1) {
            if (auto s = sqlite::execScript(
                    db, path,
                    QStringLiteral("PRAGMA application_id = %1").arg(WorkspaceSchema::kApplicationId));
                !s) {
                return fail(s.error());
            }
        }
        if (auto s = sqlite::execScript(db, path, QString::fromUtf8(kSteps[static_cast<size_t>(step - 1)]));
            !s) {
            return fail(s.error());
        }
        QHash<QString, sqlite3_stmt *> cache;
        Status recorded =
            sqlite::run(db, cache, path,
                        "INSERT INTO schema_version (version, applied_at, ferry_version) VALUES (?, ?, ?)",
                        {step, sqlite::nowUtc(), QString::fromLatin1(kVersion)}, nullptr);
        sqlite::closeConnection(nullptr, &cache);
        if (!recorded) {
            return fail(recorded.error());
        }
        auto fkProblems = sqlite::scalar(db, path, "SELECT count(*) FROM pragma_foreign_key_check");
        if (!fkProblems) {
            return fail(fkProblems.error());
        }
        if (fkProblems->toLongLong() != 0) {
            return fail(Error::make("workspace.sql", "the upgraded data breaks a foreign key"));
        }
        if (auto s = sqlite::execScript(db, path, "COMMIT"); !s) {
            return fail(s.error());
        }
    }
    return sqlite::execScript(db, path, "PRAGMA foreign_keys = ON");
}

Status createFile(const QString &givenPath, int version)
{
    const QString path = absolute(givenPath);
    if (!QFileInfo(path).dir().exists()) {
        return Error::make("workspace.io",
                           QStringLiteral("Cannot create workspace '%1': the folder '%2' does not "
                                          "exist. Create the folder first or choose another place.")
                               .arg(path, QFileInfo(path).absolutePath()));
    }
    {
        // NewOnly makes creation exclusive, so two processes never both "create" the same workspace.
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
            if (QFileInfo::exists(path)) {
                return Error::make(
                    "workspace.exists",
                    QStringLiteral("Cannot create workspace '%1': the file already exists. Open it "
                                   "instead, or choose another name.")
                        .arg(path));
            }
            return Error::make(
                "workspace.io",
                QStringLiteral("Cannot create workspace '%1': %2.").arg(path, file.errorString()));
        }
    }
    auto db = sqlite::openConnection(path, SQLITE_OPEN_READWRITE);
    if (!db) {
        removeDatabaseFiles(path);
        return db.error();
    }
    Status status = sqlite::execScript(*db, path, "PRAGMA journal_mode = WAL");
    if (status) {
        status = upgrade(*db, path, 0, version);
    }
    sqlite::closeConnection(*db);
    if (!status) {
        removeDatabaseFiles(path);
        return Error::make(
            "workspace.io",
            QStringLiteral("Cannot create workspace '%1': %2").arg(path, status.error().message));
    }
    return {};
}

} // namespace schema

int WorkspaceSchema::currentVersion()
{
    return static_cast<int>(kSteps.size());
}

Status WorkspaceSchema::createAtVersion(const QString &path, int version)
{
    if (version < 1 || version > currentVersion()) {
        return Error::make("workspace.invalid-version",
                           QStringLiteral("Cannot create '%1' at schema version %2: "
                                          "this Ferry knows versions 1 to %3.")
                               .arg(path)
                               .arg(version)
                               .arg(currentVersion()));
    }
    return schema::createFile(path, version);
}

Status WorkspaceSchema::stampVersionForTesting(const QString &path, int version)
{
    auto db = sqlite::openConnection(path, SQLITE_OPEN_READWRITE);
    if (!db) {
        return db.error();
    }
    QHash<QString, sqlite3_stmt *> cache;
    Status status = sqlite::run(*db, cache, path,
                                "INSERT OR REPLACE INTO schema_version (version, applied_at, ferry_version) "
                                "VALUES (?, ?, 'test')",
                                {version, sqlite::nowUtc()}, nullptr);
    sqlite::closeConnection(*db, &cache);
    return status;
}

Result<QStringList> WorkspaceSchema::columnNames(const QString &path)
{
    auto db = sqlite::openConnection(path, SQLITE_OPEN_READONLY);
    if (!db) {
        return db.error();
    }
    QHash<QString, sqlite3_stmt *> cache;
    QList<SqlRow> rows;
    Status status =
        sqlite::run(*db, cache, path,
                    "SELECT m.name || '.' || p.name FROM sqlite_master m, pragma_table_info(m.name) p "
                    "WHERE m.type = 'table' ORDER BY 1",
                    {}, &rows);
    sqlite::closeConnection(*db, &cache);
    if (!status) {
        return status.error();
    }
    QStringList names;
    for (const SqlRow &row : rows) {
        names.append(row.value(0).toString());
    }
    return names;
}

} // namespace ferry
