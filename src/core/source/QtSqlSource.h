#pragma once
// Thread: one thread at a time, and always the thread that opened it: a QSqlDatabase connection belongs to
// the thread that added it. Each QtSqlConnection adds its own uniquely named connection and removes it when
// destroyed. Destroy readers before their connection.

#include <ferry/source/SourceConnection.h>

#include <QSqlDatabase>

namespace ferry::source {

/// Normalizes a server type name (PostgreSQL, SQL Server or standard SQL spelling: "character varying",
/// "numeric", "timestamp without time zone", "nvarchar", "datetime2", "uniqueidentifier"...) into a
/// ValueType.
ValueType normalizeServerType(const QString &typeName);

/// postgresql:// through QPSQL and odbc:// through QODBC. The password comes from `password`, else from
/// the environment variable FERRY_SOURCE_PASSWORD, else from the driver's own means (PGPASSWORD,
/// ~/.pgpass, the DSN).
///
/// URI options: `schema` (PostgreSQL: the schema to list, default "public"; tables of other schemas are
/// not listed), `rowCounts` (`auto`: exact COUNT(*) up to `exactCountLimit` estimated rows, default
/// 1000000, else the server's estimate marked as such; `exact`; `estimate`), `connectTimeout` (seconds,
/// default 10). For odbc, every other option is passed on in the connection string (e.g. `driver`,
/// `server`, `port`, `database`).
///
/// Error codes: "source.unsupported" (driver missing), "source.login-refused" (the server refused the user
/// or password), "source.unreachable" (no server answers), "source.query-failed", "source.no-such-table".
class QtSqlConnection final : public SourceConnection
{
public:
    QtSqlConnection(SourceUri uri, QString password);
    ~QtSqlConnection() override;
    QtSqlConnection(const QtSqlConnection &) = delete;
    QtSqlConnection &operator=(const QtSqlConnection &) = delete;

    Status open();
    const SourceUri &uri() const override { return m_uri; }
    Result<QList<TableInfo>> listTables() override;
    Result<std::unique_ptr<SourceReader>> openReader(const QString &table,
                                                     const ReadOptions &options) override;

    /// True when the server behind the connection is PostgreSQL (QPSQL, or QODBC to psqlODBC).
    bool isPostgres() const { return m_postgres; }

private:
    Result<QList<TableInfo>> listPostgres();
    Result<QList<TableInfo>> listGeneric();
    void countRows(TableInfo &table, qint64 estimate);
    QString qualified(const QString &table) const;
    QString serverName() const;
    Error queryError(const QString &what, const QString &detail) const;

    SourceUri m_uri;
    QString m_password;
    QString m_connectionName;
    QSqlDatabase m_db;
    bool m_postgres = false;
    QString m_schema;
    QHash<QString, TableInfo> m_tables; // by name, filled by listTables() for openReader()
};

} // namespace ferry::source

namespace ferry {

/// Opens a postgresql:// or odbc:// source. The hook for openSource(): `case SourceKind::PostgreSql: case
/// SourceKind::Odbc: return openQtSqlSource(uri);`.
Result<std::unique_ptr<SourceConnection>> openQtSqlSource(const SourceUri &uri, const QString &password = {});

} // namespace ferry
