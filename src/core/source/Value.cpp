#include <ferry/source/Value.h>

#include <cmath>
#include <limits>

namespace ferry {

QString valueTypeName(ValueType type)
{
    switch (type) {
    case ValueType::Null:
        return QStringLiteral("null");
    case ValueType::Bool:
        return QStringLiteral("bool");
    case ValueType::Int:
        return QStringLiteral("int");
    case ValueType::Double:
        return QStringLiteral("double");
    case ValueType::Decimal:
        return QStringLiteral("decimal");
    case ValueType::Text:
        return QStringLiteral("text");
    case ValueType::Date:
        return QStringLiteral("date");
    case ValueType::DateTime:
        return QStringLiteral("datetime");
    case ValueType::Time:
        return QStringLiteral("time");
    case ValueType::Bytes:
        return QStringLiteral("bytes");
    }
    return {};
}

Value Value::fromBool(bool v)
{
    return Value(ValueType::Bool, v);
}
Value Value::fromInt(qint64 v)
{
    return Value(ValueType::Int, v);
}
Value Value::fromDouble(double v)
{
    return Value(ValueType::Double, v);
}
Value Value::fromDecimal(QString text)
{
    return Value(ValueType::Decimal, std::move(text));
}
Value Value::fromText(QString v)
{
    return Value(ValueType::Text, std::move(v));
}
Value Value::fromDate(QDate v)
{
    return Value(ValueType::Date, v);
}
Value Value::fromDateTime(const QDateTime &v)
{
    // Naive wall-clock value: pin it to UTC so no local-zone/DST conversion can ever shift it.
    return Value(ValueType::DateTime, QDateTime(v.date(), v.time(), Qt::UTC));
}
Value Value::fromTime(QTime v)
{
    return Value(ValueType::Time, v);
}
Value Value::fromBytes(QByteArray v)
{
    return Value(ValueType::Bytes, std::move(v));
}

bool Value::toBool() const
{
    switch (m_type) {
    case ValueType::Bool:
        return std::get<bool>(m_data);
    case ValueType::Int:
        return std::get<qint64>(m_data) != 0;
    case ValueType::Double:
        return std::get<double>(m_data) != 0.0;
    case ValueType::Decimal:
    case ValueType::Text: {
        const QString t = std::get<QString>(m_data).trimmed().toLower();
        return t == QLatin1String("true") || t == QLatin1String("1") || t == QLatin1String("yes");
    }
    default:
        return false;
    }
}

qint64 Value::toInt() const
{
    switch (m_type) {
    case ValueType::Bool:
        return std::get<bool>(m_data) ? 1 : 0;
    case ValueType::Int:
        return std::get<qint64>(m_data);
    case ValueType::Double: {
        const double d = std::get<double>(m_data);
        if (!std::isfinite(d) || d >= 9.2e18 || d <= -9.2e18)
            return 0;
        return static_cast<qint64>(std::llround(d));
    }
    case ValueType::Decimal:
    case ValueType::Text: {
        bool ok = false;
        const qint64 v = std::get<QString>(m_data).trimmed().toLongLong(&ok);
        if (ok)
            return v;
        const double d = std::get<QString>(m_data).trimmed().toDouble(&ok);
        return ok && std::isfinite(d) && std::fabs(d) < 9.2e18 ? static_cast<qint64>(std::llround(d)) : 0;
    }
    default:
        return 0;
    }
}

double Value::toDouble() const
{
    switch (m_type) {
    case ValueType::Bool:
        return std::get<bool>(m_data) ? 1.0 : 0.0;
    case ValueType::Int:
        return static_cast<double>(std::get<qint64>(m_data));
    case ValueType::Double:
        return std::get<double>(m_data);
    case ValueType::Decimal:
    case ValueType::Text: {
        bool ok = false;
        const double d = std::get<QString>(m_data).trimmed().toDouble(&ok);
        return ok ? d : 0.0;
    }
    default:
        return 0.0;
    }
}

QDate Value::toDate() const
{
    switch (m_type) {
    case ValueType::Date:
        return std::get<QDate>(m_data);
    case ValueType::DateTime:
        return std::get<QDateTime>(m_data).date();
    case ValueType::Text:
        return QDate::fromString(std::get<QString>(m_data).trimmed(), Qt::ISODate);
    default:
        return {};
    }
}

QDateTime Value::toDateTime() const
{
    switch (m_type) {
    case ValueType::Date:
        return QDateTime(std::get<QDate>(m_data), QTime(0, 0), Qt::UTC);
    case ValueType::DateTime:
        return std::get<QDateTime>(m_data);
    case ValueType::Text: {
        QDateTime dt = QDateTime::fromString(std::get<QString>(m_data).trimmed(), Qt::ISODateWithMs);
        if (!dt.isValid())
            return {};
        return QDateTime(dt.date(), dt.time(), Qt::UTC);
    }
    default:
        return {};
    }
}

QTime Value::toTime() const
{
    switch (m_type) {
    case ValueType::Time:
        return std::get<QTime>(m_data);
    case ValueType::DateTime:
        return std::get<QDateTime>(m_data).time();
    case ValueType::Text:
        return QTime::fromString(std::get<QString>(m_data).trimmed(), Qt::ISODateWithMs);
    default:
        return {};
    }
}

QByteArray Value::toBytes() const
{
    if (m_type == ValueType::Bytes)
        return std::get<QByteArray>(m_data);
    return toText().toUtf8();
}

QString Value::toText() const
{
    switch (m_type) {
    case ValueType::Null:
        return {};
    case ValueType::Bool:
        return std::get<bool>(m_data) ? QStringLiteral("true") : QStringLiteral("false");
    case ValueType::Int:
        return QString::number(std::get<qint64>(m_data));
    case ValueType::Double:
        return QString::number(std::get<double>(m_data), 'g', QLocale::FloatingPointShortest);
    case ValueType::Decimal:
    case ValueType::Text:
        return std::get<QString>(m_data);
    case ValueType::Date:
        return std::get<QDate>(m_data).toString(Qt::ISODate);
    case ValueType::DateTime: {
        const QDateTime &dt = std::get<QDateTime>(m_data);
        const QString date = dt.date().toString(Qt::ISODate);
        const QTime t = dt.time();
        return date + QLatin1Char('T') +
               t.toString(t.msec() != 0 ? QStringLiteral("HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss"));
    }
    case ValueType::Time: {
        const QTime t = std::get<QTime>(m_data);
        return t.toString(t.msec() != 0 ? QStringLiteral("HH:mm:ss.zzz") : QStringLiteral("HH:mm:ss"));
    }
    case ValueType::Bytes:
        return QString::fromLatin1(std::get<QByteArray>(m_data).toHex());
    }
    return {};
}

} // namespace ferry
