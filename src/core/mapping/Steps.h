#pragma once
// Any thread: compiled steps are immutable; apply() is const and re-entrant.

#include <ferry/Result.h>
#include <ferry/mapping/Mapping.h>
#include <ferry/source/Value.h>

#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

namespace ferry::mapping {

/// One compiled value step of a transform chain (every op except option, lookup, owner and datetime, which
/// RowMapper compiles itself because they depend on the target column).
class Step
{
public:
    virtual ~Step() = default;
    /// Transforms `v` (in place). false with `error` set when the value cannot be transformed.
    virtual bool apply(Value &v, const QVector<Value> &row, QString &error) const = 0;
};

/// What a step may refer to.
struct StepEnv
{
    QStringList columns;       ///< every source column of the row, in row order
    QVector<int> fieldSources; ///< the field's source columns as indexes into `columns`
};

/// Ops RowMapper handles itself (must come last in a chain, except datetime which may be anywhere).
bool isTargetStep(const QString &op);

/// Compiles one generic step. Errors ("mapping.invalid") carry a plain reason; the caller adds the path.
Result<std::unique_ptr<Step>> compileStep(const TransformSpec &spec, const StepEnv &env);

/// Reads a JSON scalar parameter as a Value (string -> Text, integer -> Int, number -> Double, bool -> Bool,
/// null -> Null).
Value valueFromJson(const nlohmann::json &j);

/// Parses text as a boolean with the default words (yes/no/y/n/true/false/1/0/on/off), case-insensitive.
std::optional<bool> parseBoolWord(QStringView text);

/// A canonical decimal text ("-12.50") from a plain number text with '.' as decimal point (optional sign,
/// digits, optional fraction); nothing when it is not one.
std::optional<QString> canonicalDecimal(QStringView text);

} // namespace ferry::mapping
