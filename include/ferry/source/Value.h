#pragma once
// Any thread: a plain value type.

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QString>
#include <QTime>

#include <variant>

namespace ferry {

/// The type of one source value, and the normalized type of a source column.
/// For a column, Null means "unknown / untyped" (e.g. an SQLite column without a declared type).
enum class ValueType
{
    Null,
    Bool,
    Int,     ///< 64-bit signed integer
    Double,  ///< IEEE double
    Decimal, ///< exact decimal kept as its canonical text, e.g. "12.50"
    Text,
    Date,
    DateTime, ///< naive wall-clock date and time (no zone); QDateTime with Qt::UTC so nothing converts it
    Time,
    Bytes,
};

/// Stable lower-case name of a type ("null", "bool", "int", "double", "decimal", "text", "date",
/// "datetime", "time", "bytes").
QString valueTypeName(ValueType type);

/// One typed value read from a source. Small, copyable; the type is always explicit.
class Value
{
public:
    Value() = default; ///< null

    static Value fromBool(bool v);
    static Value fromInt(qint64 v);
    static Value fromDouble(double v);
    /// `text` must be a canonical decimal: optional '-', digits, optional '.' and digits.
    static Value fromDecimal(QString text);
    static Value fromText(QString v);
    static Value fromDate(QDate v);
    /// Stored without a zone: the wall-clock fields of `v` are kept as they are.
    static Value fromDateTime(const QDateTime &v);
    static Value fromTime(QTime v);
    static Value fromBytes(QByteArray v);

    ValueType type() const { return m_type; }
    bool isNull() const { return m_type == ValueType::Null; }

    /// Typed accessors: they return the value when the type matches and a conversion otherwise
    /// (0 / false / invalid / empty when no sensible conversion exists).
    bool toBool() const;
    qint64 toInt() const;
    double toDouble() const;
    QDate toDate() const;
    QDateTime toDateTime() const;
    QTime toTime() const;
    QByteArray toBytes() const;
    /// Canonical text of any value: integers without decimals, doubles in shortest round-trip form,
    /// ISO 8601 dates ("2024-01-31", "2024-01-31T13:05:00", with ".zzz" when there are milliseconds),
    /// "true"/"false", bytes as hex. Null gives an empty string.
    QString toText() const;

    friend bool operator==(const Value &a, const Value &b)
    {
        return a.m_type == b.m_type && a.m_data == b.m_data;
    }

private:
    using Data =
        std::variant<std::monostate, bool, qint64, double, QString, QDate, QDateTime, QTime, QByteArray>;
    Value(ValueType type, Data data) : m_type(type), m_data(std::move(data)) {}

    ValueType m_type = ValueType::Null;
    Data m_data;
};

} // namespace ferry
