#include "TextValues.h"

namespace ferry::source {

namespace {

bool isDigit(QChar c)
{
    return c.unicode() >= '0' && c.unicode() <= '9';
}

int digitsAt(QStringView s, qsizetype pos, qsizetype count)
{
    if (pos + count > s.size())
        return -1;
    int v = 0;
    for (qsizetype i = pos; i < pos + count; ++i) {
        if (!isDigit(s[i]))
            return -1;
        v = v * 10 + (s[i].unicode() - '0');
    }
    return v;
}

bool parseDate(QStringView s, QDate *out)
{
    if (s.size() < 10 || s[4] != QLatin1Char('-') || s[7] != QLatin1Char('-'))
        return false;
    const int y = digitsAt(s, 0, 4), m = digitsAt(s, 5, 2), d = digitsAt(s, 8, 2);
    if (y < 0 || m < 0 || d < 0)
        return false;
    const QDate date(y, m, d);
    if (!date.isValid())
        return false;
    if (out)
        *out = date;
    return true;
}

// HH:MM[:SS[.f+]] ; returns false on anything else
bool parseTime(QStringView s, QTime *out)
{
    if (s.size() < 5 || s[2] != QLatin1Char(':'))
        return false;
    const int h = digitsAt(s, 0, 2), mi = digitsAt(s, 3, 2);
    int sec = 0, ms = 0;
    if (h < 0 || mi < 0)
        return false;
    qsizetype pos = 5;
    if (s.size() > 5) {
        if (s[5] != QLatin1Char(':'))
            return false;
        sec = digitsAt(s, 6, 2);
        if (sec < 0)
            return false;
        pos = 8;
        if (s.size() > 8) {
            if (s[8] != QLatin1Char('.') || s.size() == 9)
                return false;
            int scale = 100;
            for (qsizetype i = 9; i < s.size(); ++i) {
                if (!isDigit(s[i]))
                    return false;
                ms += (s[i].unicode() - '0') * scale;
                scale /= 10;
            }
            pos = s.size();
        }
    }
    if (pos != s.size())
        return false;
    const QTime t(h, mi, sec, ms);
    if (!t.isValid())
        return false;
    if (out)
        *out = t;
    return true;
}

bool parseDateTime(QStringView s, QDateTime *out)
{
    if (s.size() < 16 || (s[10] != QLatin1Char('T') && s[10] != QLatin1Char(' ')))
        return false;
    QStringView timePart = s.mid(11);
    if (timePart.endsWith(QLatin1Char('Z')))
        timePart.chop(1);
    QDate d;
    QTime t;
    if (!parseDate(s.left(10), &d) || !parseTime(timePart, &t))
        return false;
    if (out)
        *out = QDateTime(d, t, Qt::UTC);
    return true;
}

enum class NumberShape
{
    None,
    Int,
    Decimal,
    Double
};

NumberShape numberShape(QStringView s)
{
    qsizetype i = 0;
    const qsizetype n = s.size();
    if (i < n && (s[i] == QLatin1Char('-') || s[i] == QLatin1Char('+')))
        ++i;
    const qsizetype intStart = i;
    while (i < n && isDigit(s[i]))
        ++i;
    const qsizetype intDigits = i - intStart;
    qsizetype fracDigits = 0;
    bool point = false;
    if (i < n && s[i] == QLatin1Char('.')) {
        point = true;
        ++i;
        const qsizetype f = i;
        while (i < n && isDigit(s[i]))
            ++i;
        fracDigits = i - f;
    }
    if (intDigits + fracDigits == 0)
        return NumberShape::None;
    if (i < n && (s[i] == QLatin1Char('e') || s[i] == QLatin1Char('E'))) {
        ++i;
        if (i < n && (s[i] == QLatin1Char('-') || s[i] == QLatin1Char('+')))
            ++i;
        const qsizetype e = i;
        while (i < n && isDigit(s[i]))
            ++i;
        return (i == n && i > e) ? NumberShape::Double : NumberShape::None;
    }
    if (i != n)
        return NumberShape::None;
    // Leading zeros ("007", "0123") are identifiers, not numbers: keep them as text.
    if (intDigits > 1 && s[intStart] == QLatin1Char('0'))
        return NumberShape::None;
    if (intDigits == 0) // ".5" reads as a number but we keep canonical decimals only
        return NumberShape::None;
    if (point)
        return fracDigits > 0 ? NumberShape::Decimal : NumberShape::None;
    return NumberShape::Int;
}

} // namespace

ValueType classifyText(QStringView text)
{
    if (text.isEmpty())
        return ValueType::Null;
    const QChar c0 = text[0];
    if (isDigit(c0) || c0 == QLatin1Char('-') || c0 == QLatin1Char('+') || c0 == QLatin1Char('.')) {
        switch (numberShape(text)) {
        case NumberShape::Int: {
            bool ok = false;
            (void)text.toLongLong(&ok);
            return ok ? ValueType::Int : ValueType::Decimal;
        }
        case NumberShape::Decimal:
            return ValueType::Decimal;
        case NumberShape::Double:
            return ValueType::Double;
        case NumberShape::None:
            break;
        }
        if (parseDate(text, nullptr) && text.size() == 10)
            return ValueType::Date;
        if (parseDateTime(text, nullptr))
            return ValueType::DateTime;
        if (parseTime(text, nullptr))
            return ValueType::Time;
        return ValueType::Text;
    }
    if (text.size() == 4 || text.size() == 5) {
        if (text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0 ||
            text.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
            return ValueType::Bool;
    }
    return ValueType::Text;
}

ValueType mergeTypes(ValueType a, ValueType b)
{
    if (a == b || b == ValueType::Null)
        return a;
    if (a == ValueType::Null)
        return b;
    auto isNum = [](ValueType t) {
        return t == ValueType::Int || t == ValueType::Decimal || t == ValueType::Double;
    };
    if (isNum(a) && isNum(b)) {
        if (a == ValueType::Double || b == ValueType::Double)
            return ValueType::Double;
        return ValueType::Decimal;
    }
    if ((a == ValueType::Date && b == ValueType::DateTime) ||
        (a == ValueType::DateTime && b == ValueType::Date))
        return ValueType::DateTime;
    return ValueType::Text;
}

Value textToValue(const QString &text, ValueType type)
{
    if (text.isEmpty())
        return {};
    switch (type) {
    case ValueType::Null:
    case ValueType::Text:
    case ValueType::Bytes:
        return Value::fromText(text);
    case ValueType::Bool:
        if (text.compare(QLatin1String("true"), Qt::CaseInsensitive) == 0)
            return Value::fromBool(true);
        if (text.compare(QLatin1String("false"), Qt::CaseInsensitive) == 0)
            return Value::fromBool(false);
        break;
    case ValueType::Int:
        if (numberShape(text) == NumberShape::Int) {
            bool ok = false;
            const qint64 v = text.toLongLong(&ok);
            if (ok)
                return Value::fromInt(v);
        }
        break;
    case ValueType::Decimal: {
        const NumberShape shape = numberShape(text);
        if (shape == NumberShape::Int || shape == NumberShape::Decimal) {
            QString t = text;
            if (t.startsWith(QLatin1Char('+')))
                t.remove(0, 1);
            return Value::fromDecimal(t);
        }
        break;
    }
    case ValueType::Double: {
        if (numberShape(text) != NumberShape::None) {
            bool ok = false;
            const double d = text.toDouble(&ok);
            if (ok)
                return Value::fromDouble(d);
        }
        break;
    }
    case ValueType::Date: {
        QDate d;
        if (text.size() == 10 && parseDate(text, &d))
            return Value::fromDate(d);
        break;
    }
    case ValueType::DateTime: {
        QDateTime dt;
        if (parseDateTime(text, &dt))
            return Value::fromDateTime(dt);
        QDate d;
        if (text.size() == 10 && parseDate(text, &d))
            return Value::fromDateTime(QDateTime(d, QTime(0, 0), Qt::UTC));
        break;
    }
    case ValueType::Time: {
        QTime t;
        if (parseTime(text, &t))
            return Value::fromTime(t);
        break;
    }
    }
    return Value::fromText(text);
}

bool looksNumericOrDate(QStringView text)
{
    const ValueType t = classifyText(text.trimmed());
    return t != ValueType::Text && t != ValueType::Null;
}

} // namespace ferry::source
