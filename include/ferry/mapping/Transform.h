#pragma once
// Any thread: pure functions over plain values.
//
// The transform operations of a field's chain (TransformSpec::op) and their parameters. Each step takes the
// current value (a ferry::Value) and the source row, and gives a new value or a per-value error with a
// reason; nothing throws. Parameters not listed are refused by importMappings().
//
// Each operation, its parameters (defaults in parentheses) and what it does:
//
//  trim       side: "both"|"left"|"right" (both). Strips white space from the text.
//  case       to: "upper"|"lower"|"title". Changes case (title: first letter of each word).
//  substring  start (0-based, >= 0), length (optional). Part of the text, by characters.
//  concat     separator (""), skipEmpty (true). Joins every source column's text.
//  split      separator, part (0-based; negative counts from the end). One part; a missing part is null.
//  replace    find, with (""), caseSensitive (true). Replaces every occurrence.
//  regex      pattern, mode: "extract"|"replace", group (0), with, caseSensitive (true).
//             QRegularExpression, compiled once; extract without a match gives null.
//  constant   value (JSON scalar). The value, whatever the input.
//  default    value (JSON scalar), whenEmpty (true). The value when the input is null (or "").
//  nullif     values (array of strings, [""]), trim (true). Null when the text is one of the values.
//  number     type: "int"|"decimal"|"double" (decimal), decimal ("."), thousands (""), locale (optional:
//             "de_DE" takes its separators). Text -> number with explicit separators; numbers pass through.
//  date       formats (array of QDateTime patterns), locale ("C"), kind: "date"|"datetime" (datetime).
//             Text -> Date/DateTime by the first pattern that reads the whole text.
//  bool       true (array), false (array): extra words, case-insensitive. yes/no/y/n/1/0/true/false/on/off
//             and the given (localized) words -> Bool.
//  text       (none). Any value -> its canonical text.
//  datetime   timeZone (IANA id) overriding Mapping::sourceTimeZone. The zone UserLocal values are read in.
//  option     map (object: source text -> option label or value), match: "label"|"value"|"none" (label),
//             unmapped: "error"|"default"|"null"|"pass" (error), default (label or value, for unmapped
//             "default"). Value map onto the target column's option set; unmapped: what to do with a value
//             neither the map nor the match finds ("pass" sends it as an option value).
//  lookup     table + key (alternate key name; "$id": the value is a GUID; "$deterministic": Ferry's id of
//             that table's row with this source key), or targets: [{table, key, column?, equals?, prefix?,
//             strip (true)}] for polymorphic lookups (Customer, Owner, Regarding): the first target whose
//             rule holds (column equals "equals", or the value starts with "prefix", stripped).
//             Gives "<nav>@odata.bind": "/<set>(<key>=<lit>)".
//  owner      by: "email"|"name"|"domainname", default (an e-mail, full name or GUID used when none
//             matches; else an error). Source user -> systemuser by e-mail, full name or domain name ->
//             "ownerid@odata.bind": "/systemusers(<guid>)".
//  expr       expr: "concat(upper(trim(first)), ' ', last)". A small expression (Expression.h).

#include <ferry/mapping/Mapping.h>

#include <QStringList>

namespace ferry::mapping {

/// Every transform operation, in the order of the table above.
QStringList transformOps();

/// Checks one step's parameters (names, types, values; regex patterns compile; expressions parse).
/// Problems are appended with paths under `path` (e.g. "/mappings/0/fields/3/transforms/1").
void checkTransform(const TransformSpec &spec, const QString &path, QList<MappingError> &errors);

/// A Dataverse user an "owner" step can resolve to (read from systemusers, or given to a dry run).
struct SystemUser
{
    QString id;         ///< systemuserid (GUID, lower case, no braces)
    QString fullName;   ///< fullname
    QString email;      ///< internalemailaddress
    QString domainName; ///< domainname (often the UPN)
    friend bool operator==(const SystemUser &, const SystemUser &) = default;
};

} // namespace ferry::mapping
