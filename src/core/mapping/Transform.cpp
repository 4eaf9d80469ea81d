#include <ferry/mapping/Expression.h>
#include <ferry/mapping/Transform.h>

#include "mapping/Steps.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>

#include <cmath>
#include <limits>
#include <vector>

namespace ferry::mapping {

using nlohmann::json;

namespace {

enum class P
{
    String,
    Int,
    Bool,
    Scalar,
    Strings,
    Object,
    Array,
};

struct OpSchema
{
    const char *op;
    // vectors, not initializer_lists: an initializer_list member would dangle once the table is built
    std::vector<std::pair<const char *, P>> params;
    std::vector<const char *> required;
};

const std::vector<OpSchema> &schemas()
{
    static const std::vector<OpSchema> s = {
        {"trim", {{"side", P::String}}, {}},
        {"case", {{"to", P::String}}, {"to"}},
        {"substring", {{"start", P::Int}, {"length", P::Int}}, {"start"}},
        {"concat", {{"separator", P::String}, {"skipEmpty", P::Bool}}, {}},
        {"split", {{"separator", P::String}, {"part", P::Int}}, {"separator", "part"}},
        {"replace", {{"find", P::String}, {"with", P::String}, {"caseSensitive", P::Bool}}, {"find"}},
        {"regex",
         {{"pattern", P::String},
          {"mode", P::String},
          {"group", P::Int},
          {"with", P::String},
          {"caseSensitive", P::Bool}},
         {"pattern"}},
        {"constant", {{"value", P::Scalar}}, {"value"}},
        {"default", {{"value", P::Scalar}, {"whenEmpty", P::Bool}}, {"value"}},
        {"nullif", {{"values", P::Strings}, {"trim", P::Bool}}, {}},
        {"number",
         {{"type", P::String}, {"decimal", P::String}, {"thousands", P::String}, {"locale", P::String}},
         {}},
        {"date", {{"formats", P::Strings}, {"locale", P::String}, {"kind", P::String}}, {"formats"}},
        {"bool", {{"true", P::Strings}, {"false", P::Strings}}, {}},
        {"text", {}, {}},
        {"datetime", {{"timeZone", P::String}}, {"timeZone"}},
        {"option",
         {{"map", P::Object}, {"match", P::String}, {"unmapped", P::String}, {"default", P::Scalar}},
         {}},
        {"lookup", {{"table", P::String}, {"key", P::String}, {"targets", P::Array}}, {}},
        {"owner", {{"by", P::String}, {"default", P::String}}, {"by"}},
        {"expr", {{"expr", P::String}}, {"expr"}},
    };
    return s;
}

const OpSchema *schemaOf(const QString &op)
{
    for (const OpSchema &s : schemas())
        if (op == QLatin1String(s.op))
            return &s;
    return nullptr;
}

bool hasType(const json &v, P type)
{
    switch (type) {
    case P::String:
        return v.is_string();
    case P::Int:
        return v.is_number_integer();
    case P::Bool:
        return v.is_boolean();
    case P::Scalar:
        return v.is_primitive();
    case P::Strings:
        if (!v.is_array())
            return false;
        for (const json &e : v)
            if (!e.is_string())
                return false;
        return true;
    case P::Object:
        return v.is_object();
    case P::Array:
        return v.is_array();
    }
    return false;
}

QString typeWord(P type)
{
    switch (type) {
    case P::String:
        return QStringLiteral("a string");
    case P::Int:
        return QStringLiteral("an integer");
    case P::Bool:
        return QStringLiteral("true or false");
    case P::Scalar:
        return QStringLiteral("a string, number, boolean or null");
    case P::Strings:
        return QStringLiteral("an array of strings");
    case P::Object:
        return QStringLiteral("an object");
    case P::Array:
        return QStringLiteral("an array");
    }
    return {};
}

QString str(const json &params, const char *key, const QString &fallback = {})
{
    auto it = params.find(key);
    if (it == params.end() || !it->is_string())
        return fallback;
    return QString::fromStdString(it->get<std::string>());
}

qint64 integer(const json &params, const char *key, qint64 fallback)
{
    auto it = params.find(key);
    if (it == params.end() || !it->is_number_integer())
        return fallback;
    return it->get<qint64>();
}

bool boolean(const json &params, const char *key, bool fallback)
{
    auto it = params.find(key);
    if (it == params.end() || !it->is_boolean())
        return fallback;
    return it->get<bool>();
}

QStringList strings(const json &params, const char *key, const QStringList &fallback = {})
{
    auto it = params.find(key);
    if (it == params.end() || !it->is_array())
        return fallback;
    QStringList out;
    for (const json &e : *it)
        if (e.is_string())
            out.append(QString::fromStdString(e.get<std::string>()));
    return out;
}

void checkEnum(const json &params, const char *key, std::initializer_list<const char *> allowed,
               const QString &path, QList<MappingError> &errors)
{
    auto it = params.find(key);
    if (it == params.end() || !it->is_string())
        return;
    const QString v = QString::fromStdString(it->get<std::string>());
    QStringList names;
    for (const char *a : allowed) {
        if (v == QLatin1String(a))
            return;
        names.append(QString::fromLatin1(a));
    }
    errors.append({path + QLatin1Char('/') + QLatin1String(key),
                   QStringLiteral("'%1' is not one of %2").arg(v, names.join(QStringLiteral(", ")))});
}

} // namespace

QStringList transformOps()
{
    QStringList ops;
    for (const OpSchema &s : schemas())
        ops.append(QString::fromLatin1(s.op));
    return ops;
}

bool isTargetStep(const QString &op)
{
    return op == QLatin1String("option") || op == QLatin1String("lookup") || op == QLatin1String("owner") ||
           op == QLatin1String("datetime");
}

void checkTransform(const TransformSpec &spec, const QString &path, QList<MappingError> &errors)
{
    const OpSchema *schema = schemaOf(spec.op);
    if (!schema) {
        errors.append(
            {path + QStringLiteral("/op"), QStringLiteral("'%1' is not a transform (known: %2)")
                                               .arg(spec.op, transformOps().join(QStringLiteral(", ")))});
        return;
    }
    const json &p = spec.params;
    if (!p.is_object()) {
        errors.append({path, QStringLiteral("parameters must be an object")});
        return;
    }
    for (auto it = p.begin(); it != p.end(); ++it) {
        const QString key = QString::fromStdString(it.key());
        const QString at = path + QLatin1Char('/') + key;
        bool known = false;
        for (const auto &[name, type] : schema->params) {
            if (key == QLatin1String(name)) {
                known = true;
                if (!hasType(it.value(), type))
                    errors.append({at, QStringLiteral("must be %1").arg(typeWord(type))});
            }
        }
        if (!known)
            errors.append({at, QStringLiteral("is not a parameter of '%1'").arg(spec.op)});
    }
    for (const char *r : schema->required)
        if (!p.contains(r))
            errors.append({path + QLatin1Char('/') + QLatin1String(r), QStringLiteral("is missing")});

    const QString op = spec.op;
    if (op == QLatin1String("trim"))
        checkEnum(p, "side", {"both", "left", "right"}, path, errors);
    else if (op == QLatin1String("case"))
        checkEnum(p, "to", {"upper", "lower", "title"}, path, errors);
    else if (op == QLatin1String("substring")) {
        if (integer(p, "start", 0) < 0)
            errors.append({path + QStringLiteral("/start"), QStringLiteral("must be 0 or more")});
        if (p.contains("length") && integer(p, "length", 0) < 0)
            errors.append({path + QStringLiteral("/length"), QStringLiteral("must be 0 or more")});
    } else if (op == QLatin1String("split")) {
        if (p.contains("separator") && str(p, "separator").isEmpty())
            errors.append({path + QStringLiteral("/separator"), QStringLiteral("must not be empty")});
    } else if (op == QLatin1String("replace")) {
        if (p.contains("find") && str(p, "find").isEmpty())
            errors.append({path + QStringLiteral("/find"), QStringLiteral("must not be empty")});
    } else if (op == QLatin1String("regex")) {
        checkEnum(p, "mode", {"extract", "replace"}, path, errors);
        QRegularExpression re(str(p, "pattern"));
        if (p.contains("pattern") && !re.isValid())
            errors.append(
                {path + QStringLiteral("/pattern"), QStringLiteral("does not compile: %1 at offset %2")
                                                        .arg(re.errorString())
                                                        .arg(re.patternErrorOffset())});
        else if (integer(p, "group", 0) < 0 || integer(p, "group", 0) > re.captureCount())
            errors.append({path + QStringLiteral("/group"),
                           QStringLiteral("the pattern has %1 capture group(s)").arg(re.captureCount())});
    } else if (op == QLatin1String("number")) {
        checkEnum(p, "type", {"int", "decimal", "double"}, path, errors);
        if (p.contains("decimal") && str(p, "decimal").size() != 1)
            errors.append({path + QStringLiteral("/decimal"), QStringLiteral("must be one character")});
        if (p.contains("thousands") && str(p, "thousands").size() > 1)
            errors.append(
                {path + QStringLiteral("/thousands"), QStringLiteral("must be one character or empty")});
        if (p.contains("decimal") && p.contains("thousands") && str(p, "decimal") == str(p, "thousands"))
            errors.append({path + QStringLiteral("/thousands"),
                           QStringLiteral("must differ from the decimal separator")});
        if (p.contains("locale") && QLocale(str(p, "locale")).name() == QLatin1String("C") &&
            str(p, "locale") != QLatin1String("C"))
            errors.append({path + QStringLiteral("/locale"),
                           QStringLiteral("'%1' is not a known locale").arg(str(p, "locale"))});
    } else if (op == QLatin1String("date")) {
        checkEnum(p, "kind", {"date", "datetime"}, path, errors);
        if (p.contains("formats") && strings(p, "formats").isEmpty())
            errors.append(
                {path + QStringLiteral("/formats"), QStringLiteral("must list at least one pattern")});
    } else if (op == QLatin1String("datetime")) {
        if (p.contains("timeZone") && !QTimeZone(str(p, "timeZone").toUtf8()).isValid())
            errors.append({path + QStringLiteral("/timeZone"),
                           QStringLiteral("'%1' is not a known IANA time zone").arg(str(p, "timeZone"))});
    } else if (op == QLatin1String("option")) {
        checkEnum(p, "match", {"label", "value", "none"}, path, errors);
        checkEnum(p, "unmapped", {"error", "default", "null", "pass"}, path, errors);
        if (str(p, "unmapped") == QLatin1String("default") && !p.contains("default"))
            errors.append(
                {path + QStringLiteral("/default"), QStringLiteral("is needed with unmapped \"default\"")});
        if (auto m = p.find("map"); m != p.end() && m->is_object())
            for (auto e = m->begin(); e != m->end(); ++e)
                if (!e.value().is_string() && !e.value().is_number_integer())
                    errors.append({path + QStringLiteral("/map/") + QString::fromStdString(e.key()),
                                   QStringLiteral("must be an option label (string) or value (integer)")});
    } else if (op == QLatin1String("lookup")) {
        const bool single = p.contains("table");
        const bool poly = p.contains("targets");
        if (single == poly)
            errors.append({path, QStringLiteral("needs either \"table\" (and \"key\") or \"targets\"")});
        if (auto t = p.find("targets"); t != p.end() && t->is_array()) {
            if (t->empty())
                errors.append(
                    {path + QStringLiteral("/targets"), QStringLiteral("must list at least one target")});
            for (size_t i = 0; i < t->size(); ++i) {
                const json &e = (*t)[i];
                const QString at = path + QStringLiteral("/targets/") + QString::number(i);
                if (!e.is_object() || !e.contains("table") || !e["table"].is_string()) {
                    errors.append({at, QStringLiteral("must be an object with \"table\"")});
                    continue;
                }
                for (auto k = e.begin(); k != e.end(); ++k) {
                    const std::string &name = k.key();
                    const bool isString = name == "table" || name == "key" || name == "column" ||
                                          name == "equals" || name == "prefix";
                    if (!isString && name != "strip")
                        errors.append({at + QLatin1Char('/') + QString::fromStdString(name),
                                       QStringLiteral("is not a parameter of a lookup target")});
                    else if (isString && !k.value().is_string())
                        errors.append({at + QLatin1Char('/') + QString::fromStdString(name),
                                       QStringLiteral("must be a string")});
                    else if (!isString && !k.value().is_boolean())
                        errors.append(
                            {at + QStringLiteral("/strip"), QStringLiteral("must be true or false")});
                }
                if (e.contains("equals") && !e.contains("column"))
                    errors.append(
                        {at + QStringLiteral("/column"), QStringLiteral("is needed with \"equals\"")});
            }
        }
    } else if (op == QLatin1String("owner")) {
        checkEnum(p, "by", {"email", "name", "domainname"}, path, errors);
    } else if (op == QLatin1String("expr")) {
        if (auto e = Expression::parse(str(p, "expr"), {}); !e)
            errors.append({path + QStringLiteral("/expr"), e.error().message});
    }
}

Value valueFromJson(const json &j)
{
    if (j.is_string())
        return Value::fromText(QString::fromStdString(j.get<std::string>()));
    if (j.is_boolean())
        return Value::fromBool(j.get<bool>());
    if (j.is_number_integer())
        return Value::fromInt(j.get<qint64>());
    if (j.is_number())
        return Value::fromDouble(j.get<double>());
    return Value();
}

std::optional<bool> parseBoolWord(QStringView text)
{
    const QStringView t = text.trimmed();
    static const char *const yes[] = {"yes", "y", "true", "t", "1", "on"};
    static const char *const no[] = {"no", "n", "false", "f", "0", "off"};
    for (const char *w : yes)
        if (t.compare(QLatin1String(w), Qt::CaseInsensitive) == 0)
            return true;
    for (const char *w : no)
        if (t.compare(QLatin1String(w), Qt::CaseInsensitive) == 0)
            return false;
    return std::nullopt;
}

std::optional<QString> canonicalDecimal(QStringView text)
{
    QString out;
    out.reserve(text.size() + 1);
    qsizetype i = 0;
    if (i < text.size() && (text[i] == u'-' || text[i] == u'+')) {
        if (text[i] == u'-')
            out.append(QLatin1Char('-'));
        ++i;
    }
    qsizetype intDigits = 0;
    qsizetype firstNonZero = -1;
    QString intPart;
    for (; i < text.size() && text[i].isDigit() && text[i].unicode() < 128; ++i) {
        if (firstNonZero < 0 && text[i] != u'0')
            firstNonZero = intDigits;
        intPart.append(text[i]);
        ++intDigits;
    }
    QString frac;
    bool point = false;
    if (i < text.size() && text[i] == u'.') {
        point = true;
        ++i;
        for (; i < text.size() && text[i].isDigit() && text[i].unicode() < 128; ++i)
            frac.append(text[i]);
    }
    if (i != text.size() || (intDigits == 0 && frac.isEmpty()) || (point && frac.isEmpty() && intDigits == 0))
        return std::nullopt;
    out.append(firstNonZero < 0 ? QStringLiteral("0") : intPart.mid(firstNonZero));
    if (!frac.isEmpty()) {
        out.append(QLatin1Char('.'));
        out.append(frac);
    }
    if (out == QLatin1String("-0") ||
        (out.startsWith(QLatin1String("-0.")) && frac.count(QLatin1Char('0')) == frac.size()))
        out.remove(0, 1);
    return out;
}

// ---------------------------------------------------------------------------------------------------------
// compiled steps

namespace {

class TrimStep : public Step
{
public:
    explicit TrimStep(int side) : m_side(side) {}
    bool apply(Value &v, const QVector<Value> &, QString &) const override
    {
        if (v.isNull())
            return true;
        const QString t = v.toText();
        if (m_side == 0) {
            v = Value::fromText(t.trimmed());
            return true;
        }
        qsizetype b = 0, e = t.size();
        if (m_side == 1)
            while (b < e && t.at(b).isSpace())
                ++b;
        else
            while (e > b && t.at(e - 1).isSpace())
                --e;
        v = Value::fromText(t.mid(b, e - b));
        return true;
    }

private:
    int m_side; // 0 both, 1 left, 2 right
};

class CaseStep : public Step
{
public:
    explicit CaseStep(int to) : m_to(to) {}
    bool apply(Value &v, const QVector<Value> &, QString &) const override
    {
        if (v.isNull())
            return true;
        QString t = v.toText();
        if (m_to == 0) {
            v = Value::fromText(t.toUpper());
        } else if (m_to == 1) {
            v = Value::fromText(t.toLower());
        } else {
            bool start = true;
            for (qsizetype i = 0; i < t.size(); ++i) {
                const QChar c = t.at(i);
                if (c.isLetter()) {
                    t[i] = start ? c.toUpper() : c.toLower();
                    start = false;
                } else {
                    start = c.isSpace() || c == u'-';
                }
            }
            v = Value::fromText(t);
        }
        return true;
    }

private:
    int m_to; // 0 upper, 1 lower, 2 title
};

class SubstringStep : public Step
{
public:
    SubstringStep(qsizetype start, qsizetype length) : m_start(start), m_length(length) {}
    bool apply(Value &v, const QVector<Value> &, QString &) const override
    {
        if (v.isNull())
            return true;
        v = Value::fromText(v.toText().mid(m_start, m_length));
        return true;
    }

private:
    qsizetype m_start;
    qsizetype m_length; // -1: to the end
};

class ConcatStep : public Step
{
public:
    ConcatStep(QVector<int> sources, QString separator, bool skipEmpty)
        : m_sources(std::move(sources)), m_separator(std::move(separator)), m_skipEmpty(skipEmpty)
    {}
    bool apply(Value &v, const QVector<Value> &row, QString &) const override
    {
        QString out;
        bool any = false;
        bool first = true;
        for (int i : m_sources) {
            const Value &s = row.at(i);
            const QString t = s.toText();
            if (m_skipEmpty && t.isEmpty())
                continue;
            if (!first)
                out.append(m_separator);
            out.append(t);
            first = false;
            any = any || !s.isNull();
        }
        v = any ? Value::fromText(out) : Value();
        return true;
    }

private:
    QVector<int> m_sources;
    QString m_separator;
    bool m_skipEmpty;
};

class SplitStep : public Step
{
public:
    SplitStep(QString separator, int part) : m_separator(std::move(separator)), m_part(part) {}
    bool apply(Value &v, const QVector<Value> &, QString &) const override
    {
        if (v.isNull())
            return true;
        const QStringList parts = v.toText().split(m_separator);
        const qsizetype i = m_part >= 0 ? m_part : parts.size() + m_part;
        v = i >= 0 && i < parts.size() ? Value::fromText(parts.at(i)) : Value();
        return true;
    }

private:
    QString m_separator;
    int m_part;
};

class ReplaceStep : public Step
{
public:
    ReplaceStep(QString find, QString with, bool cs)
        : m_find(std::move(find)), m_with(std::move(with)), m_cs(cs)
    {}
    bool apply(Value &v, const QVector<Value> &, QString &) const override
    {
        if (v.isNull())
            return true;
        v = Value::fromText(
            v.toText().replace(m_find, m_with, m_cs ? Qt::CaseSensitive : Qt::CaseInsensitive));
        return true;
    }

private:
    QString m_find;
    QString m_with;
    bool m_cs;
};

class RegexStep : public Step
{
public:
    RegexStep(QRegularExpression re, bool extract, int group, QString with)
        : m_re(std::move(re)), m_extract(extract), m_group(group), m_with(std::move(with))
    {
        m_re.optimize();
    }
    bool apply(Value &v, const QVector<Value> &, QString &) const override
    {
        if (v.isNull())
            return true;
        const QString t = v.toText();
        if (m_extract) {
            const QRegularExpressionMatch m = m_re.match(t);
            v = m.hasMatch() && m.capturedStart(m_group) >= 0 ? Value::fromText(m.captured(m_group))
                                                              : Value();
        } else {
            QString copy = t;
            v = Value::fromText(copy.replace(m_re, m_with));
        }
        return true;
    }

private:
    QRegularExpression m_re;
    bool m_extract;
    int m_group;
    QString m_with;
};

class ConstantStep : public Step
{
public:
    explicit ConstantStep(Value value) : m_value(std::move(value)) {}
    bool apply(Value &v, const QVector<Value> &, QString &) const override
    {
        v = m_value;
        return true;
    }

private:
    Value m_value;
};

class DefaultStep : public Step
{
public:
    DefaultStep(Value value, bool whenEmpty) : m_value(std::move(value)), m_whenEmpty(whenEmpty) {}
    bool apply(Value &v, const QVector<Value> &, QString &) const override
    {
        if (v.isNull() || (m_whenEmpty && v.type() == ValueType::Text && v.toText().trimmed().isEmpty()))
            v = m_value;
        return true;
    }

private:
    Value m_value;
    bool m_whenEmpty;
};

class NullIfStep : public Step
{
public:
    NullIfStep(QStringList values, bool trim) : m_values(std::move(values)), m_trim(trim) {}
    bool apply(Value &v, const QVector<Value> &, QString &) const override
    {
        if (v.isNull() || (v.type() != ValueType::Text && v.type() != ValueType::Decimal))
            return true;
        const QString t = m_trim ? v.toText().trimmed() : v.toText();
        if (m_values.contains(t))
            v = Value();
        return true;
    }

private:
    QStringList m_values;
    bool m_trim;
};

class NumberStep : public Step
{
public:
    NumberStep(int type, QChar decimal, QChar thousands)
        : m_type(type), m_decimal(decimal), m_thousands(thousands)
    {}
    bool apply(Value &v, const QVector<Value> &, QString &error) const override
    {
        if (v.isNull())
            return true;
        switch (v.type()) {
        case ValueType::Int:
        case ValueType::Double:
        case ValueType::Decimal:
            return fromNumber(v, error);
        case ValueType::Bool:
            v = Value::fromInt(v.toBool() ? 1 : 0);
            return fromNumber(v, error);
        default:
            break;
        }
        const QString raw = v.toText();
        QString t;
        t.reserve(raw.size());
        bool seenDecimal = false;
        for (QChar c : raw.trimmed()) {
            if (!m_thousands.isNull() && c == m_thousands && !seenDecimal)
                continue;
            if (c == m_decimal) {
                if (seenDecimal)
                    return fail(raw, error);
                seenDecimal = true;
                t.append(QLatin1Char('.'));
                continue;
            }
            if (c == u'.' || c == u',' || c.isSpace()) // a separator the format does not allow
                return fail(raw, error);
            t.append(c);
        }
        if (t.isEmpty()) {
            v = Value();
            return true;
        }
        auto canonical = canonicalDecimal(t);
        if (!canonical)
            return fail(raw, error);
        v = Value::fromDecimal(*canonical);
        return fromNumber(v, error);
    }

private:
    bool fail(const QString &raw, QString &error) const
    {
        error =
            QStringLiteral("'%1' is not a number (decimal separator '%2'%3)")
                .arg(raw, QString(m_decimal),
                     m_thousands.isNull() ? QString()
                                          : QStringLiteral(", thousands separator '%1'").arg(m_thousands));
        return false;
    }

    bool fromNumber(Value &v, QString &error) const
    {
        if (m_type == 0) { // int
            if (v.type() == ValueType::Int)
                return true;
            const double d = v.toDouble();
            if (v.type() == ValueType::Decimal && !v.toText().contains(QLatin1Char('.'))) {
                bool ok = false;
                const qint64 i = v.toText().toLongLong(&ok);
                if (!ok) {
                    error = QStringLiteral("%1 does not fit a 64-bit integer").arg(v.toText());
                    return false;
                }
                v = Value::fromInt(i);
                return true;
            }
            if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9.007199254740992e15) {
                error = QStringLiteral("%1 is not a whole number").arg(v.toText());
                return false;
            }
            v = Value::fromInt(qint64(d));
            return true;
        }
        if (m_type == 2) { // double
            if (v.type() != ValueType::Double)
                v = Value::fromDouble(v.toDouble());
            return true;
        }
        if (v.type() == ValueType::Decimal)
            return true;
        if (v.type() == ValueType::Double && !std::isfinite(v.toDouble())) {
            error = QStringLiteral("%1 is not a finite number").arg(v.toText());
            return false;
        }
        auto c = canonicalDecimal(v.toText());
        if (!c) { // doubles in exponent form
            v = Value::fromDecimal(
                QString::number(v.toDouble(), 'f', 10).remove(QRegularExpression(QStringLiteral("\\.?0+$"))));
            return true;
        }
        v = Value::fromDecimal(*c);
        return true;
    }

    int m_type; // 0 int, 1 decimal, 2 double
    QChar m_decimal;
    QChar m_thousands;
};

class DateStep : public Step
{
public:
    DateStep(QStringList formats, QLocale locale, bool dateOnly)
        : m_formats(std::move(formats)), m_locale(std::move(locale)), m_dateOnly(dateOnly)
    {}
    bool apply(Value &v, const QVector<Value> &, QString &error) const override
    {
        if (v.isNull())
            return true;
        if (v.type() == ValueType::Date || v.type() == ValueType::DateTime) {
            if (m_dateOnly)
                v = Value::fromDate(v.toDate());
            return true;
        }
        const QString t = v.toText().trimmed();
        if (t.isEmpty()) {
            v = Value();
            return true;
        }
        for (const QString &f : m_formats) {
            if (m_dateOnly) {
                const QDate d = m_locale.toDate(t, f);
                if (d.isValid()) {
                    v = Value::fromDate(d);
                    return true;
                }
                const QDateTime dt = m_locale.toDateTime(t, f);
                if (dt.isValid()) {
                    v = Value::fromDate(dt.date());
                    return true;
                }
            } else {
                const QDateTime dt = m_locale.toDateTime(t, f);
                if (dt.isValid()) {
                    v = Value::fromDateTime(dt);
                    return true;
                }
            }
        }
        error = QStringLiteral("'%1' matches none of the date patterns %2")
                    .arg(t, m_formats.join(QStringLiteral(", ")));
        return false;
    }

private:
    QStringList m_formats;
    QLocale m_locale;
    bool m_dateOnly;
};

class BoolStep : public Step
{
public:
    BoolStep(QStringList yes, QStringList no) : m_yes(std::move(yes)), m_no(std::move(no)) {}
    bool apply(Value &v, const QVector<Value> &, QString &error) const override
    {
        if (v.isNull() || v.type() == ValueType::Bool)
            return true;
        if (v.type() == ValueType::Int) {
            if (v.toInt() == 0 || v.toInt() == 1) {
                v = Value::fromBool(v.toInt() == 1);
                return true;
            }
        }
        const QString t = v.toText().trimmed();
        if (t.isEmpty()) {
            v = Value();
            return true;
        }
        for (const QString &w : m_yes)
            if (t.compare(w, Qt::CaseInsensitive) == 0) {
                v = Value::fromBool(true);
                return true;
            }
        for (const QString &w : m_no)
            if (t.compare(w, Qt::CaseInsensitive) == 0) {
                v = Value::fromBool(false);
                return true;
            }
        if (auto b = parseBoolWord(t)) {
            v = Value::fromBool(*b);
            return true;
        }
        error = QStringLiteral("'%1' is not a yes/no value").arg(t);
        return false;
    }

private:
    QStringList m_yes;
    QStringList m_no;
};

class TextStep : public Step
{
public:
    bool apply(Value &v, const QVector<Value> &, QString &) const override
    {
        if (!v.isNull() && v.type() != ValueType::Text)
            v = Value::fromText(v.toText());
        return true;
    }
};

class ExprStep : public Step
{
public:
    explicit ExprStep(std::shared_ptr<const Expression> e) : m_e(std::move(e)) {}
    bool apply(Value &v, const QVector<Value> &row, QString &) const override
    {
        v = m_e->evaluate(row);
        return true;
    }

private:
    std::shared_ptr<const Expression> m_e;
};

Error invalid(const QString &message)
{
    return Error::make(QStringLiteral("mapping.invalid"), message);
}

} // namespace

Result<std::unique_ptr<Step>> compileStep(const TransformSpec &spec, const StepEnv &env)
{
    const json &p = spec.params;
    const QString &op = spec.op;
    std::unique_ptr<Step> s;
    if (op == QLatin1String("trim")) {
        const QString side = str(p, "side", QStringLiteral("both"));
        s = std::make_unique<TrimStep>(side == QLatin1String("left")    ? 1
                                       : side == QLatin1String("right") ? 2
                                                                        : 0);
    } else if (op == QLatin1String("case")) {
        const QString to = str(p, "to");
        s = std::make_unique<CaseStep>(to == QLatin1String("upper")   ? 0
                                       : to == QLatin1String("lower") ? 1
                                                                      : 2);
    } else if (op == QLatin1String("substring")) {
        s = std::make_unique<SubstringStep>(integer(p, "start", 0), integer(p, "length", -1));
    } else if (op == QLatin1String("concat")) {
        s = std::make_unique<ConcatStep>(env.fieldSources, str(p, "separator"),
                                         boolean(p, "skipEmpty", true));
    } else if (op == QLatin1String("split")) {
        s = std::make_unique<SplitStep>(str(p, "separator"), int(integer(p, "part", 0)));
    } else if (op == QLatin1String("replace")) {
        s = std::make_unique<ReplaceStep>(str(p, "find"), str(p, "with"), boolean(p, "caseSensitive", true));
    } else if (op == QLatin1String("regex")) {
        QRegularExpression re(str(p, "pattern"), boolean(p, "caseSensitive", true)
                                                     ? QRegularExpression::NoPatternOption
                                                     : QRegularExpression::CaseInsensitiveOption);
        if (!re.isValid())
            return invalid(QStringLiteral("the pattern does not compile: %1").arg(re.errorString()));
        s = std::make_unique<RegexStep>(re,
                                        str(p, "mode", QStringLiteral("extract")) == QLatin1String("extract"),
                                        int(integer(p, "group", 0)), str(p, "with"));
    } else if (op == QLatin1String("constant")) {
        s = std::make_unique<ConstantStep>(valueFromJson(p.value("value", json())));
    } else if (op == QLatin1String("default")) {
        s = std::make_unique<DefaultStep>(valueFromJson(p.value("value", json())),
                                          boolean(p, "whenEmpty", true));
    } else if (op == QLatin1String("nullif")) {
        s = std::make_unique<NullIfStep>(strings(p, "values", {QString()}), boolean(p, "trim", true));
    } else if (op == QLatin1String("number")) {
        const QString type = str(p, "type", QStringLiteral("decimal"));
        QChar decimal = QLatin1Char('.');
        QChar thousands;
        if (p.contains("locale")) {
            const QLocale loc(str(p, "locale"));
            decimal = loc.decimalPoint().at(0);
            thousands = loc.groupSeparator().isEmpty() ? QChar() : loc.groupSeparator().at(0);
        }
        if (p.contains("decimal"))
            decimal = str(p, "decimal").at(0);
        if (p.contains("thousands"))
            thousands = str(p, "thousands").isEmpty() ? QChar() : str(p, "thousands").at(0);
        s = std::make_unique<NumberStep>(type == QLatin1String("int")      ? 0
                                         : type == QLatin1String("double") ? 2
                                                                           : 1,
                                         decimal, thousands);
    } else if (op == QLatin1String("date")) {
        s = std::make_unique<DateStep>(strings(p, "formats"), QLocale(str(p, "locale", QStringLiteral("C"))),
                                       str(p, "kind", QStringLiteral("datetime")) == QLatin1String("date"));
    } else if (op == QLatin1String("bool")) {
        s = std::make_unique<BoolStep>(strings(p, "true"), strings(p, "false"));
    } else if (op == QLatin1String("text")) {
        s = std::make_unique<TextStep>();
    } else if (op == QLatin1String("expr")) {
        auto e = Expression::parse(str(p, "expr"), env.columns);
        if (!e)
            return e.error();
        s = std::make_unique<ExprStep>(*e);
    } else {
        return invalid(QStringLiteral("'%1' is not a value transform").arg(op));
    }
    return s;
}

} // namespace ferry::mapping
