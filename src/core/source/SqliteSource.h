#pragma once
// Thread: one thread at a time (see SourceConnection.h). The sqlite3 handle is opened read-only and is
// never shared with another thread.

#include <ferry/source/SourceConnection.h>

struct sqlite3;

namespace ferry::source {

/// Maps an SQLite declared type onto a normalized column type, with length/precision/scale
/// ("NVARCHAR(160)" -> Text, length 160; "NUMERIC(10,2)" -> Decimal 10,2; "DATETIME" -> DateTime).
void normalizeSqliteType(const QString &declared, ColumnInfo &column);

/// sqlite:///path: tables and views with keys, foreign keys and exact row counts.
class SqliteConnection final : public SourceConnection
{
public:
    explicit SqliteConnection(SourceUri uri);
    ~SqliteConnection() override;
    SqliteConnection(const SqliteConnection &) = delete;
    SqliteConnection &operator=(const SqliteConnection &) = delete;

    Result<void> open();
    const SourceUri &uri() const override { return m_uri; }
    Result<QList<TableInfo>> listTables() override;
    Result<std::unique_ptr<SourceReader>> openReader(const QString &table,
                                                     const ReadOptions &options) override;

private:
    Result<TableInfo> describe(const QString &name, TableKind kind, bool withoutRowid);
    Error sqlError(const QString &what) const;

    SourceUri m_uri;
    sqlite3 *m_db = nullptr;
};

} // namespace ferry::source
