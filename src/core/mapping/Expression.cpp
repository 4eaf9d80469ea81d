#include <ferry/mapping/Expression.h>

#include <vector>

namespace ferry::mapping {

namespace {

enum class Fn
{
    Concat,
    Upper,
    Lower,
    Trim,
    Title,
    Substring,
    Left,
    Right,
    Replace,
    Coalesce,
    Len,
    IfEmpty,
    Split,
};

struct FnInfo
{
    const char *name;
    Fn fn;
    int minArgs;
    int maxArgs; // -1: any
};

constexpr FnInfo kFunctions[] = {
    {"concat", Fn::Concat, 1, -1},     {"upper", Fn::Upper, 1, 1}, {"lower", Fn::Lower, 1, 1},
    {"trim", Fn::Trim, 1, 1},          {"title", Fn::Title, 1, 1}, {"substring", Fn::Substring, 2, 3},
    {"left", Fn::Left, 2, 2},          {"right", Fn::Right, 2, 2}, {"replace", Fn::Replace, 3, 3},
    {"coalesce", Fn::Coalesce, 1, -1}, {"len", Fn::Len, 1, 1},     {"if_empty", Fn::IfEmpty, 2, 2},
    {"split", Fn::Split, 3, 3},
};

constexpr int kMaxNodes = 256;
constexpr int kMaxDepth = 32;

} // namespace

struct Expression::Node
{
    enum class Kind
    {
        Literal,
        Column,
        Call,
    } kind = Kind::Literal;
    Value literal;
    int column = -1;
    Fn fn = Fn::Concat;
    std::vector<std::unique_ptr<Node>> args;
};

namespace {

using Node = Expression::Node;

class Parser
{
public:
    Parser(const QString &text, const QStringList &columns) : m_t(text), m_columns(columns) {}

    std::unique_ptr<Node> parseAll()
    {
        auto n = parseExpr(0);
        if (!n)
            return nullptr;
        skipSpace();
        if (m_pos < m_t.size())
            return fail(QStringLiteral("unexpected '%1'").arg(m_t.at(m_pos)));
        return n;
    }

    QString error;
    qsizetype errorPos = 0;
    QStringList used;

private:
    std::unique_ptr<Node> fail(const QString &message)
    {
        if (error.isEmpty()) {
            error = message;
            errorPos = m_pos;
        }
        return nullptr;
    }

    void skipSpace()
    {
        while (m_pos < m_t.size() && m_t.at(m_pos).isSpace())
            ++m_pos;
    }

    std::unique_ptr<Node> column(const QString &name)
    {
        auto n = std::make_unique<Node>();
        n->kind = Node::Kind::Column;
        if (!m_columns.isEmpty()) {
            for (qsizetype i = 0; i < m_columns.size(); ++i)
                if (m_columns.at(i).compare(name, Qt::CaseInsensitive) == 0)
                    n->column = int(i);
            if (n->column < 0)
                return fail(QStringLiteral("unknown column '%1'").arg(name));
        }
        if (!used.contains(name, Qt::CaseInsensitive))
            used.append(name);
        return n;
    }

    std::unique_ptr<Node> parseExpr(int depth)
    {
        if (depth > kMaxDepth)
            return fail(QStringLiteral("nested deeper than %1 levels").arg(kMaxDepth));
        if (++m_nodes > kMaxNodes)
            return fail(QStringLiteral("longer than %1 terms").arg(kMaxNodes));
        skipSpace();
        if (m_pos >= m_t.size())
            return fail(QStringLiteral("an expression is missing"));
        const QChar c = m_t.at(m_pos);
        if (c == u'\'') {
            QString s;
            ++m_pos;
            for (;;) {
                if (m_pos >= m_t.size())
                    return fail(QStringLiteral("a string is not closed"));
                if (m_t.at(m_pos) == u'\'') {
                    if (m_pos + 1 < m_t.size() && m_t.at(m_pos + 1) == u'\'') {
                        s.append(QLatin1Char('\''));
                        m_pos += 2;
                        continue;
                    }
                    ++m_pos;
                    break;
                }
                s.append(m_t.at(m_pos++));
            }
            auto n = std::make_unique<Node>();
            n->literal = Value::fromText(s);
            return n;
        }
        if (c == u'[') {
            const qsizetype end = m_t.indexOf(QLatin1Char(']'), m_pos);
            if (end < 0)
                return fail(QStringLiteral("a [column] is not closed"));
            const QString name = m_t.mid(m_pos + 1, end - m_pos - 1);
            m_pos = end + 1;
            return column(name);
        }
        if (c.isDigit() || c == u'-') {
            const qsizetype start = m_pos++;
            while (m_pos < m_t.size() && (m_t.at(m_pos).isDigit() || m_t.at(m_pos) == u'.'))
                ++m_pos;
            const QString num = m_t.mid(start, m_pos - start);
            bool ok = false;
            const qint64 i = num.toLongLong(&ok);
            auto n = std::make_unique<Node>();
            if (ok) {
                n->literal = Value::fromInt(i);
            } else {
                const double d = num.toDouble(&ok);
                if (!ok)
                    return fail(QStringLiteral("'%1' is not a number").arg(num));
                n->literal = Value::fromDouble(d);
            }
            return n;
        }
        if (c.isLetter() || c == u'_') {
            const qsizetype start = m_pos;
            while (m_pos < m_t.size() &&
                   (m_t.at(m_pos).isLetterOrNumber() || m_t.at(m_pos) == u'_' || m_t.at(m_pos) == u'.'))
                ++m_pos;
            const QString name = m_t.mid(start, m_pos - start);
            skipSpace();
            if (m_pos < m_t.size() && m_t.at(m_pos) == u'(') {
                const FnInfo *info = nullptr;
                for (const FnInfo &f : kFunctions)
                    if (name.compare(QLatin1String(f.name), Qt::CaseInsensitive) == 0)
                        info = &f;
                if (!info) {
                    m_pos = start;
                    return fail(QStringLiteral("unknown function '%1'").arg(name));
                }
                ++m_pos;
                auto n = std::make_unique<Node>();
                n->kind = Node::Kind::Call;
                n->fn = info->fn;
                skipSpace();
                if (m_pos < m_t.size() && m_t.at(m_pos) == u')') {
                    ++m_pos;
                } else {
                    for (;;) {
                        auto a = parseExpr(depth + 1);
                        if (!a)
                            return nullptr;
                        n->args.push_back(std::move(a));
                        skipSpace();
                        if (m_pos < m_t.size() && m_t.at(m_pos) == u',') {
                            ++m_pos;
                            continue;
                        }
                        if (m_pos < m_t.size() && m_t.at(m_pos) == u')') {
                            ++m_pos;
                            break;
                        }
                        return fail(QStringLiteral("',' or ')' expected"));
                    }
                }
                const int count = int(n->args.size());
                if (count < info->minArgs || (info->maxArgs >= 0 && count > info->maxArgs))
                    return fail(
                        QStringLiteral("%1() takes %2 argument(s), not %3")
                            .arg(QLatin1String(info->name),
                                 info->maxArgs < 0 ? QStringLiteral("%1 or more").arg(info->minArgs)
                                 : info->minArgs == info->maxArgs
                                     ? QString::number(info->minArgs)
                                     : QStringLiteral("%1 to %2").arg(info->minArgs).arg(info->maxArgs))
                            .arg(count));
                return n;
            }
            if (name.compare(QLatin1String("null"), Qt::CaseInsensitive) == 0)
                return std::make_unique<Node>();
            return column(name);
        }
        return fail(QStringLiteral("unexpected '%1'").arg(c));
    }

    const QString &m_t;
    const QStringList &m_columns;
    qsizetype m_pos = 0;
    int m_nodes = 0;
};

Value eval(const Node &n, const QVector<Value> &row)
{
    switch (n.kind) {
    case Node::Kind::Literal:
        return n.literal;
    case Node::Kind::Column:
        return n.column >= 0 && n.column < row.size() ? row.at(n.column) : Value();
    case Node::Kind::Call:
        break;
    }
    auto arg = [&](size_t i) { return eval(*n.args[i], row); };
    auto text = [&](size_t i, bool &isNull) {
        const Value v = arg(i);
        isNull = v.isNull();
        return v.toText();
    };
    bool isNull = false;
    switch (n.fn) {
    case Fn::Concat: {
        QString out;
        bool any = false;
        for (size_t i = 0; i < n.args.size(); ++i) {
            const Value v = arg(i);
            any = any || !v.isNull();
            out.append(v.toText());
        }
        return any ? Value::fromText(out) : Value();
    }
    case Fn::Upper: {
        const QString t = text(0, isNull);
        return isNull ? Value() : Value::fromText(t.toUpper());
    }
    case Fn::Lower: {
        const QString t = text(0, isNull);
        return isNull ? Value() : Value::fromText(t.toLower());
    }
    case Fn::Trim: {
        const QString t = text(0, isNull);
        return isNull ? Value() : Value::fromText(t.trimmed());
    }
    case Fn::Title: {
        QString t = text(0, isNull);
        if (isNull)
            return {};
        bool start = true;
        for (qsizetype i = 0; i < t.size(); ++i) {
            if (t.at(i).isLetter()) {
                t[i] = start ? t.at(i).toUpper() : t.at(i).toLower();
                start = false;
            } else {
                start = t.at(i).isSpace() || t.at(i) == u'-';
            }
        }
        return Value::fromText(t);
    }
    case Fn::Substring: {
        const QString t = text(0, isNull);
        if (isNull)
            return {};
        const qint64 start = qMax<qint64>(0, arg(1).toInt());
        const qint64 len = n.args.size() > 2 ? qMax<qint64>(0, arg(2).toInt()) : -1;
        return Value::fromText(t.mid(start, len));
    }
    case Fn::Left: {
        const QString t = text(0, isNull);
        return isNull ? Value() : Value::fromText(t.left(qMax<qint64>(0, arg(1).toInt())));
    }
    case Fn::Right: {
        const QString t = text(0, isNull);
        return isNull ? Value() : Value::fromText(t.right(qMax<qint64>(0, arg(1).toInt())));
    }
    case Fn::Replace: {
        QString t = text(0, isNull);
        if (isNull)
            return {};
        const QString find = arg(1).toText();
        if (find.isEmpty())
            return Value::fromText(t);
        return Value::fromText(t.replace(find, arg(2).toText()));
    }
    case Fn::Coalesce:
        for (size_t i = 0; i < n.args.size(); ++i) {
            Value v = arg(i);
            if (!v.isNull())
                return v;
        }
        return {};
    case Fn::Len: {
        const QString t = text(0, isNull);
        return isNull ? Value() : Value::fromInt(t.size());
    }
    case Fn::IfEmpty: {
        Value v = arg(0);
        if (v.isNull() || v.toText().trimmed().isEmpty())
            return arg(1);
        return v;
    }
    case Fn::Split: {
        const QString t = text(0, isNull);
        if (isNull)
            return {};
        const QString sep = arg(1).toText();
        if (sep.isEmpty())
            return Value::fromText(t);
        const QStringList parts = t.split(sep);
        const qint64 part = arg(2).toInt();
        const qint64 i = part >= 0 ? part : parts.size() + part;
        return i >= 0 && i < parts.size() ? Value::fromText(parts.at(i)) : Value();
    }
    }
    return {};
}

} // namespace

Expression::Expression() = default;
Expression::~Expression() = default;

Result<std::shared_ptr<const Expression>> Expression::parse(const QString &text, const QStringList &columns)
{
    Parser p(text, columns);
    auto root = p.parseAll();
    if (!root)
        return Error::make(QStringLiteral("mapping.expression"),
                           QStringLiteral("at %1: %2").arg(p.errorPos).arg(p.error));
    std::shared_ptr<Expression> e(new Expression());
    e->m_root = std::move(root);
    e->m_used = p.used;
    return std::shared_ptr<const Expression>(std::move(e));
}

Value Expression::evaluate(const QVector<Value> &row) const
{
    return eval(*m_root, row);
}

QStringList Expression::columnsUsed() const
{
    return m_used;
}

} // namespace ferry::mapping
