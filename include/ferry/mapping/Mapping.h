#pragma once
// Any thread: plain value types and pure JSON functions. MappingStore::save() from any thread (one writer
// job), MappingStore::load() on the thread that owns the WorkspaceReader.

#include <ferry/Result.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <nlohmann/json.hpp>

#include <chrono>
#include <optional>

namespace ferry {
class WorkspaceReader;
class WorkspaceWriter;
class WriteTransaction;
} // namespace ferry

namespace ferry::mapping {

/// What a mapping does with each source row.
enum class Operation
{
    Upsert, ///< UpsertMultiple: insert or update by the key (alternate key or Ferry's deterministic id)
    Create, ///< CreateMultiple: insert only
    Update, ///< UpdateMultiple: update only, by primary id (the Web API's UpdateMultiple takes no alternate
            ///< key)
};
/// "upsert", "create", "update".
QString operationName(Operation op);
std::optional<Operation> operationFromName(const QString &name);

/// How a target row is addressed.
enum class KeyStrategy
{
    AlternateKey,    ///< by the target alternate key Mapping::alternateKey, whose columns are mapped fields
    DeterministicId, ///< primary id = UUIDv5 of the target table and the source key (see deterministicId()),
                     ///< so a resend addresses the same row and never duplicates it
    ServerId,        ///< the service chooses the id (Create only; a resend creates duplicates)
};
/// "alternate-key", "deterministic-id", "server-id".
QString keyStrategyName(KeyStrategy strategy);
std::optional<KeyStrategy> keyStrategyFromName(const QString &name);

/// One step of a field's transform chain: an operation name and its parameters (a JSON object). The
/// operations and their parameters are listed in Transform.h.
struct TransformSpec
{
    QString op;
    nlohmann::json params = nlohmann::json::object(); ///< never holds "op"
    friend bool operator==(const TransformSpec &, const TransformSpec &) = default;
};

/// One target column fed from zero or more source columns through a transform chain.
/// The chain starts with the value of the first source column (null when there is none); "concat" and
/// "expr" read every source column themselves, and a "constant" needs no source at all.
struct FieldMap
{
    QString target;      ///< target column logical name (lookups: the lookup column, e.g. "ferry_artistid")
    QStringList sources; ///< source columns; joined tables' columns as "<alias>.<column>"
    QList<TransformSpec> transforms;
    /// Set by the load planner (or by hand) for a lookup that must wait for a second pass: a self reference
    /// or a lookup that closes a cycle. The first pass leaves it out of the payload; the second patches it.
    bool deferred = false;
    QString comment; ///< free text for reviewers
    friend bool operator==(const FieldMap &, const FieldMap &) = default;
};

/// A related table joined to the primary table with "first row" semantics: for each primary row, the first
/// related row whose relatedColumns equal the primary row's columns (in orderBy order, else reading order);
/// its columns are null when there is none. This flattens e.g. a customer and its first address.
struct JoinSpec
{
    QString table;              ///< the related table (same source)
    QString alias;              ///< prefix of its columns in field maps; defaults to `table`
    QStringList columns;        ///< columns of the primary table (or of an earlier join, as "<alias>.<col>")
    QStringList relatedColumns; ///< the matching columns of the related table
    QString orderBy;            ///< a column of the related table; the smallest value is "first"
    friend bool operator==(const JoinSpec &, const JoinSpec &) = default;
};

/// Where the rows of a mapping come from.
struct SourceSpec
{
    QString source; ///< the workspace's source name (catalog_sources.name)
    QString table;  ///< the primary table (with a query: a label only)
    /// A SELECT run on the source instead of reading `table` (SQL sources; today SQLite files only, see
    /// MappingSource.h). Its result columns are the mapping's source columns.
    QString query;
    QList<JoinSpec> joins;
    QStringList
        keyColumns; ///< source columns identifying a row (row_key, deterministic ids); default: the PK
    friend bool operator==(const SourceSpec &, const SourceSpec &) = default;
};

/// One source table (or join, or query) onto one target table.
struct Mapping
{
    QString name; ///< unique in a workspace; the row_fingerprints / quarantine table_name of its rows
    SourceSpec source;
    QString targetEntity; ///< target table logical name
    Operation operation = Operation::Upsert;
    KeyStrategy keyStrategy = KeyStrategy::AlternateKey;
    QString alternateKey;       ///< AlternateKey: the key's logical name (e.g. "ferry_artistnumber")
    bool deleteMissing = false; ///< also delete target rows whose source row vanished (delta runs)
    int batchSize = 100;        ///< records per bulk request
    /// IANA id of the zone the source's date-times are written in ("UTC", "Europe/Berlin"): UserLocal
    /// columns are converted from it to UTC. A "datetime" transform may override it per field.
    QString sourceTimeZone = QStringLiteral("UTC");
    bool enabled = true;
    QList<FieldMap> fields;

    /// The field feeding `target`, or nullptr.
    const FieldMap *field(const QString &target) const;
    friend bool operator==(const Mapping &, const Mapping &) = default;
};

/// The mappings of a workspace (or of one exported file).
struct MappingSet
{
    static constexpr int kFormatVersion = 1;
    QList<Mapping> mappings;

    const Mapping *mapping(const QString &name) const;
    friend bool operator==(const MappingSet &, const MappingSet &) = default;
};

/// One problem in a mapping document, with the JSON pointer of the bad entry, e.g.
/// "/mappings/2/fields/5/transforms/0/params/unmapped".
struct MappingError
{
    QString path;
    QString message;
    friend bool operator==(const MappingError &, const MappingError &) = default;
};

/// Readable, stable, diffable JSON: keys sorted, 2-space indent, one field map per array entry, every mapping
/// key written out (a field's "deferred" and "comment" only when set), a trailing newline. export(import(x))
/// == x for any exported x.
QByteArray exportMappings(const MappingSet &set);
/// Parses and checks an exported document: structure, names, operations, transform parameters (Transform.h).
/// Every problem is collected with its path; the result is error "mapping.invalid" (message: the first
/// problems, one per line, "path: message") when there is any. Checks against the target model are
/// validateMapping()'s job (Validation.h).
Result<MappingSet> importMappings(const QByteArray &json, QList<MappingError> *errors = nullptr);

/// One mapping as JSON (the entry exportMappings() writes) and back; parse errors get paths under `path`.
nlohmann::json mappingToJson(const Mapping &mapping);
std::optional<Mapping> mappingFromJson(const nlohmann::json &j, const QString &path,
                                       QList<MappingError> &errors);

/// The mappings in a workspace: table mappings (one row per mapping; settings_json holds the source spec,
/// key strategy, batch size, zone...) and field_maps (one row per field; source_expression is the JSON array
/// of source columns, transform_json holds {"transforms": [...], "deferred": bool, "comment": text}).
class MappingStore
{
public:
    /// Makes the workspace hold exactly `set`: mappings are matched by name (their ids, which table_plan
    /// refers to, are kept), changed ones rewritten, missing ones deleted. One writer job, waited for.
    static Status save(WorkspaceWriter &writer, const MappingSet &set,
                       std::chrono::milliseconds timeout = std::chrono::seconds(30));
    /// The same inside a job the caller runs.
    static Status save(WriteTransaction &tx, const MappingSet &set);
    /// Every mapping, by name. Error "mapping.invalid" when a stored row does not parse (names the row).
    static Result<MappingSet> load(const WorkspaceReader &reader);
};

} // namespace ferry::mapping
