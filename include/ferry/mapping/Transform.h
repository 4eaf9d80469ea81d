#pragma once
// Any thread: pure functions over plain values.
//
// The transform operations of a field's chain (TransformSpec::op) and their parameters. Each step takes the
// current value (a ferry::Value) and the source row, and gives a new value or a per-value error with a
// reason; nothing throws. Parameters not listed are refused by importMappings().
//
//  op          parameters                                              does
//  ----------  ------------------------------------------------------
//  ------------------------------------------- trim        side: "both"|"left"|"right" (both) strips white
//  space of text case        to: "upper"|"lower"|"title"                             changes case (title:
//  first letter of each word) substring   start (0-based, >= 0), length (optional)                part of the
//  text (by characters) concat      separator (""), skipEmpty (true)                        joins every
//  source column's text split       separator, part (0-based; negative counts from the end) one part; a
//  missing part is null replace     find, with (""), caseSensitive (true)                   replaces every
//  occurrence regex       pattern, mode: "extract"|"replace", group (0), with,     QRegularExpression,
//  compiled once; extract
//              caseSensitive (true)                                     without a match gives null
//  constant    value (JSON scalar)                                     the value, whatever the input
//  default     value (JSON scalar), whenEmpty (true)                   the value when the input is null (or
//  "") nullif      values (array of strings, [""]), trim (true)            null when the text is one of the
//  values number      type: "int"|"decimal"|"double" (decimal), decimal ("."),  text -> number with explicit
//  separators
//              thousands (""), locale (optional: "de_DE" takes its     (or the locale's); numbers pass
//              through separators)
//  date        formats (array of QDateTime patterns), locale ("C"),     text -> Date/DateTime by the first
//  pattern
//              kind: "date"|"datetime" (datetime)                       that reads the whole text
//  bool        true (array), false (array): extra words, case-         yes/no/y/n/1/0/true/false/on/off and
//  the
//              insensitive                                              given (localized) words -> Bool
//  text        (none)                                                  any value -> its canonical text
//  datetime    timeZone (IANA id) overriding Mapping::sourceTimeZone   the zone UserLocal values are read in
//  option      map (object: source text -> option label or value),     value map onto the target column's
//  option
//              match: "label"|"value"|"none" (label),                   set; unmapped: what to do with a
//              value unmapped: "error"|"default"|"null"|"pass" (error),       neither the map nor the match
//              finds default (label or value, for unmapped "default")        ("pass" sends it as an option
//              value)
//  lookup      table + key (alternate key name, "$id": the value is a   "<nav>@odata.bind":
//  "/<set>(<key>=<lit>)";
//              GUID, "$deterministic": Ferry's id of that table's       polymorphic (Customer, Owner,
//              Regarding): row with this source key); or targets: [{table, key,     the first target whose
//              rule holds: "column" column?, equals?, prefix?, strip (true)}]                equals "equals",
//              or the value starts with
//                                                                       "prefix" (stripped)
//  owner       by: "email"|"name"|"domainname", default (an e-mail,     source user -> systemuser by e-mail
//  or full
//              name or GUID used when none matches; else an error)      name -> "ownerid@odata.bind":
//                                                                       "/systemusers(<guid>)"
//  expr        expr: "concat(upper(trim(first)), ' ', last)"           a small expression (Expression.h)

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
