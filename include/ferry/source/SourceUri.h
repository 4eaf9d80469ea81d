#pragma once
// Any thread: a plain value type.

#include <ferry/Result.h>

#include <QMap>
#include <QString>

namespace ferry {

/// The kinds of source Ferry reads.
enum class SourceKind
{
    Csv,        ///< csv:///path/file.csv or csv:///path/folder (each *.csv file is a table)
    Xlsx,       ///< xlsx:///path/book.xlsx (each worksheet is a table)
    Xls,        ///< xls:///path/book.xls (Excel 97-2003; each worksheet is a table)
    Sqlite,     ///< sqlite:///path/file.sqlite
    PostgreSql, ///< postgresql://user@host:5432/database
    Odbc,       ///< odbc://user@DSN
};

/// The URI scheme of a kind: "csv", "xlsx", "xls", "sqlite", "postgresql", "odbc".
QString sourceKindScheme(SourceKind kind);

/// One source location in the URI form shared by the GUI, the CLI and the workspace.
///
/// File kinds: `<scheme>:///<absolute path>` (percent-encoded; "localhost" as host is accepted).
/// Server kinds: `postgresql://[user@]host[:port]/database`, `odbc://[user@]DSN[/database]`.
/// Options follow as a query: `?delimiter=%3B&encoding=windows-1252&header=auto&titleRows=2`.
/// Passwords are never part of a URI (secrets are not stored in workspaces); a password in the
/// authority is rejected by parse().
///
/// Options understood by the readers:
/// - CSV: `delimiter` (`,` `;` `tab` `|` or one character; default detected), `encoding` (`utf-8`,
///   `utf-16le`, `utf-16be`, `windows-1252`; default detected), `header` (`auto`, `yes`, `no`),
///   `typed` (`yes`/`no`: infer value types, default yes).
/// - XLSX/XLS: `titleRows` (rows above the header; default detected), `header` (`auto`, `yes`, `no`),
///   `footnotes` (`auto`: trailing footnote rows after a blank row are not data; `no`: read them).
struct SourceUri
{
    SourceKind kind = SourceKind::Csv;
    QString path;     ///< file kinds: absolute local path (decoded)
    QString user;     ///< server kinds
    QString host;     ///< postgresql: host name; odbc: the DSN
    int port = -1;    ///< postgresql: -1 for the default port
    QString database; ///< postgresql: database name; odbc: optional database
    QMap<QString, QString> options;

    /// Parses a URI string. Error codes: "source.uri-invalid", "source.uri-unknown-kind",
    /// "source.uri-password".
    static Result<SourceUri> parse(const QString &uri);
    /// A URI for a local file or folder, with the kind taken from the extension (.csv .tsv .txt, a
    /// folder: csv; .xlsx .xlsm: xlsx; .xls: xls; .sqlite .sqlite3 .db .db3: sqlite).
    static Result<SourceUri> fromLocalPath(const QString &path);

    /// The canonical URI text; parse(toString()) gives back an equal SourceUri.
    QString toString() const;
    /// The option `key`, or `fallback` when absent or empty.
    QString option(const QString &key, const QString &fallback = {}) const;
    /// True for csv, xlsx, xls and sqlite.
    bool isFileKind() const;

    friend bool operator==(const SourceUri &, const SourceUri &) = default;
};

} // namespace ferry
