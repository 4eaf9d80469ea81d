#pragma once
// Any thread: a compiled RowMapper is immutable; map() is const and keeps no state between rows, so one
// mapper may serve several threads at once (each with its own MappedRow).

#include <ferry/Result.h>
#include <ferry/mapping/Fingerprint.h>
#include <ferry/mapping/Mapping.h>
#include <ferry/mapping/Transform.h>
#include <ferry/source/SourceTypes.h>
#include <ferry/target/TargetModel.h>

#include <QByteArray>
#include <QList>
#include <QString>
#include <QVector>

#include <memory>

namespace ferry::mapping {

/// How bad a finding is. Warnings are reported; errors refuse the row (it goes to the quarantine).
enum class Severity
{
    Warning,
    Error,
};
QString severityName(Severity severity); ///< "warning", "error"

/// The verdict on one row.
enum class Verdict
{
    Ok,
    Warning,
    Error,
};
QString verdictName(Verdict verdict); ///< "ok", "warning", "error"

/// A finding on one value of one row.
///
/// Codes: "convert" (a conversion failed), "too-long" (text over MaxLength), "out-of-range" (number or date
/// outside the column's range; DateTime before 1753-01-01), "option" (not in the option set), "key-char"
/// (a forbidden character in a key value), "key-null" (a key column is empty), "required-null" (a
/// SystemRequired column got null), "lookup-target" (no polymorphic target rule matched), "owner" (no
/// systemuser matched), "transform" (any other transform failure), and the dry run's "duplicate-key",
/// "lookup-unresolved", "lookup-ambiguous".
struct ValueIssue
{
    QString column; ///< target column logical name ("" for row-level findings)
    QString code;
    QString message; ///< technical reason naming the value, e.g. "'12,5x' is not a number (decimal ',')"
    Severity severity = Severity::Error;
    friend bool operator==(const ValueIssue &, const ValueIssue &) = default;
};

/// A lookup value of a row, for the dry run's lookup report.
struct LookupUse
{
    int field = -1;       ///< index into Mapping::fields
    QString targetEntity; ///< the table the bind points at
    QString keyText;      ///< "<key predicate>", e.g. "ferry_artistnumber=1" (what identifies the target row)
    bool deferred = false;
};

/// The result of mapping one row. Reused between rows (clear() keeps the buffers' capacity).
struct MappedRow
{
    Verdict verdict = Verdict::Ok;
    QByteArray payload;      ///< the JSON object the real run would send for this row (pass 1)
    QByteArray patch;        ///< pass 2 (deferred lookups): the UpdateMultiple/Upsert target, empty when none
    QString rowKey;          ///< alternate-key predicate, the deterministic id, or the source key text
    QString keyText;         ///< the key predicate other tables' lookups name this row by ("" for ServerId)
    QString sourceKeyText;   ///< the source key columns' canonical text joined by '|'
    Fingerprint fingerprint; ///< of `payload` + `patch`
    QList<ValueIssue> issues;
    QList<LookupUse> lookups;

    void clear();
    void addIssue(ValueIssue issue); ///< also raises the verdict
};

/// What compiling needs besides the mapping and the target model.
struct MapOptions
{
    /// true: bulk targets (UpsertMultiple, CreateMultiple, UpdateMultiple: "@odata.type" first, then
    /// "@odata.id" or the primary id); false: the body of a single-record request (no "@odata.type").
    bool bulk = true;
    QList<SystemUser> systemUsers; ///< for "owner" steps
};

/// A mapping compiled against the target model and the source columns: columns resolved to indexes, regexes
/// and expressions precompiled, option sets and bind prefixes looked up, JSON property names pre-escaped.
///
/// Payload rules (reference §3.1, §5.4): bulk targets start with
/// "@odata.type":"Microsoft.Dynamics.CRM.<entity>"; Upsert by alternate key adds "@odata.id":"<set>(<key>)"
/// and leaves the key columns out of the body (§5.2: not repeated); DeterministicId writes the primary id
/// column; then each mapped, non-deferred field in mapping order, nulls included ("col": null clears a value,
/// "<nav>@odata.bind": null clears a lookup). Value encodings: String/Memo JSON strings; Integer/BigInt
/// integers; Decimal/Money/Double numbers (shortest round trip, Decimal exact text); Boolean true/false;
/// Picklist/State/Status option values; MultiSelectPicklist "1,2,3"; DateTime by behaviour: UserLocal
/// "yyyy-MM-ddTHH:mm:ssZ" converted from the source zone to UTC, DateOnly "yyyy-MM-dd",
/// TimeZoneIndependent "yyyy-MM-ddTHH:mm:ssZ" with the wall clock unchanged; Uniqueidentifier the GUID.
///
/// Error codes of compile(): "mapping.invalid" (message lists "path: problem" lines: unknown target table or
/// column, unknown source column, a transform that does not fit the column, a lookup to a table with no
/// such key...).
class RowMapper
{
public:
    static Result<std::unique_ptr<RowMapper>> compile(const Mapping &mapping,
                                                      const target::TargetModel &model,
                                                      const QList<ColumnInfo> &sourceColumns,
                                                      const MapOptions &options = {});
    ~RowMapper();
    RowMapper(const RowMapper &) = delete;
    RowMapper &operator=(const RowMapper &) = delete;

    /// Maps, validates and encodes one row (values in sourceColumns order), and fingerprints the payload.
    void map(const QVector<Value> &row, MappedRow &out) const;

    const Mapping &mapping() const;
    const target::Entity &entity() const;
    const QList<ColumnInfo> &sourceColumns() const;
    /// Mapped columns per payload (the dry run's cost model counts them).
    int payloadColumns() const;
    /// The bulk message URL segment: "<set>/Microsoft.Dynamics.CRM.UpsertMultiple" (or Create/Update).
    QString bulkPath() const;
    /// True when some field is deferred (a second pass patches it).
    bool hasDeferredFields() const;

private:
    struct Private;
    explicit RowMapper(std::unique_ptr<Private> d);
    std::unique_ptr<Private> m_d;
};

} // namespace ferry::mapping
