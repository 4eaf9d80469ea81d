#pragma once
// Any thread: pure functions.
//
// How Ferry writes keys into URLs and @odata.bind values (reference/dataverse-web-api.md §5.4 [MS S12]):
// string key values are single-quoted with a quote doubled ('O''Brien'); Integer, BigInt, Decimal and GUID
// values are unquoted; composite keys are "a=1,b='x'" in the key's column order.

#include <ferry/source/Value.h>
#include <ferry/target/TargetModel.h>

#include <QString>
#include <QStringView>
#include <QUuid>

#include <optional>

namespace ferry::mapping {

/// The characters the service refuses in alternate-key column data because they break key-based GET, PATCH
/// and upsert: / < > * % & : \ ? + ([MS S11], reference §5.4). Control characters (U+0000..U+001F) are
/// refused too: they cannot travel in a URL key literal unescaped and the service's handling is undocumented.
bool isForbiddenKeyChar(QChar c);
/// The first forbidden character of a key value, or nothing.
std::optional<QChar> forbiddenKeyChar(QStringView value);

/// The OData literal of one key value for a column of `type`: 'text' with '' doubling for String, Memo and
/// DateTime-less text types; the canonical number for Integer, BigInt, Decimal, Double, Money, Picklist;
/// the bare GUID for Uniqueidentifier / Lookup. Nothing when the value does not fit the type.
std::optional<QString> keyLiteral(const Value &value, target::AttributeType type);

/// "/<set>(<predicate>)", the value of an @odata.bind.
QString bindPath(const QString &entitySetName, const QString &predicate);

/// Ferry's namespace for deterministic ids (a fixed UUID, so ids are the same on every machine).
QUuid deterministicIdNamespace();
/// UUIDv5 (RFC 4122, SHA-1) of "<targetEntity>\x1f<sourceKeyText>" in deterministicIdNamespace(): the same
/// source row always gets the same target id, so a resend updates instead of duplicating.
QUuid deterministicId(const QString &targetEntity, const QString &sourceKeyText);
/// The id as the Web API writes it: lower case, no braces.
QString guidText(const QUuid &id);

} // namespace ferry::mapping
