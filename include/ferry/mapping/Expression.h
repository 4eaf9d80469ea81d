#pragma once
// Any thread: a compiled Expression is immutable; evaluate() is const and re-entrant.
//
// A small, safe expression language for derived columns: no loops, no assignment, no I/O; evaluation is
// bounded by the size of the parsed tree (at most 256 nodes, nesting at most 32).
//
//   expr     := call | column | string | number | 'null'
//   call     := name '(' [expr {',' expr}] ')'
//   column   := identifier | '[' any text but ']' ']'        -- a source column, case-insensitive
//   string   := '...' with '' for a quote
// Functions: concat(a, ...), upper(a), lower(a), trim(a), title(a), substring(a, start[, length]),
//   left(a, n), right(a, n), replace(a, find, with), coalesce(a, ...), len(a), if_empty(a, b),
//   split(a, separator, part).
// Values are texts (numbers written as their canonical text); null propagates except in concat (skipped),
// coalesce and if_empty.

#include <ferry/Result.h>
#include <ferry/source/Value.h>

#include <QList>
#include <QString>
#include <QStringList>
#include <QVector>

#include <memory>

namespace ferry::mapping {

class Expression
{
public:
    /// Parses `text`; column names are resolved against `columns` (case-insensitive). With an empty `columns`
    /// names are not checked (an import checks syntax only; such an expression evaluates columns to null).
    /// Error "mapping.expression" with the position and reason ("at 14: unknown function 'upperr'").
    static Result<std::shared_ptr<const Expression>> parse(const QString &text, const QStringList &columns);
    ~Expression();

    /// The value for one row (values in `columns` order of parse()).
    Value evaluate(const QVector<Value> &row) const;
    /// The columns the expression reads, in order of first use.
    QStringList columnsUsed() const;

    struct Node;

private:
    Expression();
    std::unique_ptr<Node> m_root;
    QStringList m_used;
};

} // namespace ferry::mapping
