#include <ferry/mapping/ODataKeys.h>

namespace ferry::mapping {

bool isForbiddenKeyChar(QChar c)
{
    switch (c.unicode()) {
    case u'/':
    case u'<':
    case u'>':
    case u'*':
    case u'%':
    case u'&':
    case u':':
    case u'\\':
    case u'?':
    case u'+':
        return true;
    default:
        return c.unicode() < 0x20;
    }
}

std::optional<QChar> forbiddenKeyChar(QStringView value)
{
    for (QChar c : value)
        if (isForbiddenKeyChar(c))
            return c;
    return std::nullopt;
}

namespace {

QString quoted(QStringView text)
{
    QString out;
    out.reserve(text.size() + 2);
    out.append(QLatin1Char('\''));
    for (QChar c : text) {
        if (c == QLatin1Char('\''))
            out.append(QLatin1Char('\''));
        out.append(c);
    }
    out.append(QLatin1Char('\''));
    return out;
}

} // namespace

std::optional<QString> keyLiteral(const Value &value, target::AttributeType type)
{
    using target::AttributeType;
    if (value.isNull())
        return std::nullopt;
    switch (type) {
    case AttributeType::String:
    case AttributeType::Memo:
    case AttributeType::EntityName:
        return quoted(value.toText());
    case AttributeType::Integer:
    case AttributeType::BigInt:
    case AttributeType::Picklist:
    case AttributeType::State:
    case AttributeType::Status: {
        if (value.type() == ValueType::Int)
            return QString::number(value.toInt());
        bool ok = false;
        const qint64 v = value.toText().trimmed().toLongLong(&ok);
        if (!ok)
            return std::nullopt;
        return QString::number(v);
    }
    case AttributeType::Decimal:
    case AttributeType::Double:
    case AttributeType::Money: {
        if (value.type() == ValueType::Int || value.type() == ValueType::Decimal ||
            value.type() == ValueType::Double)
            return value.toText();
        bool ok = false;
        const QString t = value.toText().trimmed();
        t.toDouble(&ok);
        if (!ok)
            return std::nullopt;
        return t;
    }
    case AttributeType::Uniqueidentifier:
    case AttributeType::Lookup:
    case AttributeType::Customer:
    case AttributeType::Owner: {
        const QUuid id = QUuid::fromString(value.toText().trimmed());
        if (id.isNull())
            return std::nullopt;
        return guidText(id);
    }
    case AttributeType::DateTime: {
        const QDateTime dt = value.toDateTime();
        if (!dt.isValid())
            return std::nullopt;
        return dt.toString(QStringLiteral("yyyy-MM-dd'T'HH:mm:ss'Z'"));
    }
    default:
        return std::nullopt;
    }
}

QString bindPath(const QString &entitySetName, const QString &predicate)
{
    return QLatin1Char('/') + entitySetName + QLatin1Char('(') + predicate + QLatin1Char(')');
}

QUuid deterministicIdNamespace()
{
    // uuid5(NAMESPACE_URL, "urn:ferry:deterministic-id"); fixed forever: changing it would re-key every
    // target.
    return QUuid(QStringLiteral("71551e62-2607-546c-a39c-2de8408a5662"));
}

QUuid deterministicId(const QString &targetEntity, const QString &sourceKeyText)
{
    return QUuid::createUuidV5(deterministicIdNamespace(),
                               (targetEntity + QChar(0x1f) + sourceKeyText).toUtf8());
}

QString guidText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

} // namespace ferry::mapping
