#include "QtSqlSource.h"

#include <QAtomicInteger>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QUuid>

namespace ferry::source {

namespace {

QAtomicInteger<quint64> g_connectionCounter;

QString quoteIdent(const QString &name)
{
    QString q = name;
    q.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString quoteLiteral(const QString &text)
{
    QString q = text;
    q.replace(QLatin1Char('\''), QLatin1String("''"));
    return QLatin1Char('\'') + q + QLatin1Char('\'');
}

QString errorText(const QSqlError &e)
{
    QString text = e.databaseText().trimmed();
    const QString driver = e.driverText().trimmed();
    if (text.isEmpty())
        text = driver;
    else if (!driver.isEmpty() && !text.contains(driver))
        text = driver + QStringLiteral(": ") + text;
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    return text.simplified();
}

// ODBC connection string values with separators or braces need {...}.
QString odbcValue(const QString &value)
{
    if (value.contains(QLatin1Char(';')) || value.contains(QLatin1Char('{')) ||
        value.contains(QLatin1Char('}')) || value.contains(QLatin1Char('=')) || value.trimmed() != value) {
        QString v = value;
        v.replace(QLatin1Char('}'), QLatin1String("}}"));
        return QLatin1Char('{') + v + QLatin1Char('}');
    }
    return value;
}

// ODBC SQL type codes (sql.h) for a declared type when the driver reports no type name.
QString odbcTypeName(int code)
{
    switch (code) {
    case 1:
        return QStringLiteral("CHAR");
    case 2:
        return QStringLiteral("NUMERIC");
    case 3:
        return QStringLiteral("DECIMAL");
    case 4:
        return QStringLiteral("INTEGER");
    case 5:
        return QStringLiteral("SMALLINT");
    case 6:
        return QStringLiteral("FLOAT");
    case 7:
        return QStringLiteral("REAL");
    case 8:
        return QStringLiteral("DOUBLE");
    case 9:
    case 91:
        return QStringLiteral("DATE");
    case 10:
    case 92:
        return QStringLiteral("TIME");
    case 11:
    case 93:
        return QStringLiteral("TIMESTAMP");
    case 12:
        return QStringLiteral("VARCHAR");
    case 16:
        return QStringLiteral("BOOLEAN");
    case -1:
        return QStringLiteral("LONGVARCHAR");
    case -2:
        return QStringLiteral("BINARY");
    case -3:
        return QStringLiteral("VARBINARY");
    case -4:
        return QStringLiteral("LONGVARBINARY");
    case -5:
        return QStringLiteral("BIGINT");
    case -6:
        return QStringLiteral("TINYINT");
    case -7:
        return QStringLiteral("BIT");
    case -8:
        return QStringLiteral("WCHAR");
    case -9:
        return QStringLiteral("WVARCHAR");
    case -10:
        return QStringLiteral("WLONGVARCHAR");
    case -11:
        return QStringLiteral("GUID");
    default:
        return {};
    }
}

bool isCanonicalDecimal(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^-?\\d+(\\.\\d+)?$"));
    return re.match(s).hasMatch();
}

QDateTime toWallClock(const QVariant &v)
{
    QDateTime dt;
    if (v.metaType().id() == QMetaType::QString) {
        QString s = v.toString().trimmed();
        s.replace(QLatin1Char(' '), QLatin1Char('T'));
        dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    } else {
        dt = v.toDateTime();
    }
    return dt;
}

// Converts what the driver returns (which differs between QPSQL and QODBC) into the column's type, keeping
// the value as text when it does not fit rather than losing it.
Value convert(const QVariant &v, const ColumnInfo &column)
{
    if (!v.isValid() || v.isNull())
        return {};
    const int id = v.metaType().id();
    if (id == QMetaType::QUuid)
        return Value::fromText(v.toUuid().toString(QUuid::WithoutBraces));
    // ODBC hands GUIDs over in upper case (SQL_GUID), QPSQL in lower case: keep one spelling.
    const QString declared = column.declaredType.toLower();
    if (declared == QLatin1String("uuid") || declared == QLatin1String("guid") ||
        declared == QLatin1String("uniqueidentifier"))
        return Value::fromText(v.toString().toLower());
    if (id == QMetaType::QByteArray && column.type != ValueType::Bytes && column.type != ValueType::Null)
        return convert(QString::fromUtf8(v.toByteArray()), column);
    bool ok = false;
    switch (column.type) {
    case ValueType::Int: {
        const qint64 i = v.toLongLong(&ok);
        if (ok)
            return Value::fromInt(i);
        break;
    }
    case ValueType::Decimal: {
        QString s = v.toString().trimmed();
        if (s.startsWith(QLatin1Char('.')))
            s.prepend(QLatin1Char('0'));
        if (isCanonicalDecimal(s))
            return Value::fromDecimal(s);
        const double d = v.toDouble(&ok);
        if (ok)
            return Value::fromDouble(d);
        break;
    }
    case ValueType::Double: {
        const double d = v.toDouble(&ok);
        if (ok)
            return Value::fromDouble(d);
        break;
    }
    case ValueType::Bool: {
        if (id == QMetaType::Bool)
            return Value::fromBool(v.toBool());
        const QString s = v.toString().trimmed().toLower();
        if (s == QLatin1String("1") || s == QLatin1String("t") || s == QLatin1String("true"))
            return Value::fromBool(true);
        if (s == QLatin1String("0") || s == QLatin1String("f") || s == QLatin1String("false"))
            return Value::fromBool(false);
        break;
    }
    case ValueType::Date: {
        const QDate d =
            id == QMetaType::QString ? QDate::fromString(v.toString().trimmed(), Qt::ISODate) : v.toDate();
        if (d.isValid())
            return Value::fromDate(d);
        break;
    }
    case ValueType::DateTime: {
        const QDateTime dt = toWallClock(v);
        if (dt.isValid())
            return Value::fromDateTime(dt);
        break;
    }
    case ValueType::Time: {
        const QTime t = id == QMetaType::QString
                            ? QTime::fromString(v.toString().trimmed(), Qt::ISODateWithMs)
                            : v.toTime();
        if (t.isValid())
            return Value::fromTime(t);
        break;
    }
    case ValueType::Bytes:
        return Value::fromBytes(v.toByteArray());
    default:
        break;
    }
    return Value::fromText(v.toString());
}

class QtSqlReader final : public SourceReader
{
public:
    QtSqlReader(QSqlQuery query, QList<ColumnInfo> columns, QString table, QString server)
        : m_query(std::move(query)), m_columns(std::move(columns)), m_table(std::move(table)),
          m_server(std::move(server))
    {}

    const QList<ColumnInfo> &columns() const override { return m_columns; }

    Result<bool> nextBatch(RowBatch &batch, int maxRows) override
    {
        if (m_done)
            return false;
        const qsizetype n = m_columns.size();
        for (int produced = 0; produced < maxRows; ++produced) {
            if (!m_query.next()) {
                m_done = true;
                if (m_query.lastError().isValid())
                    return Error::make(
                        QStringLiteral("source.query-failed"),
                        QStringLiteral("Reading the table \"%1\" of the %2 failed after row %3: %4.")
                            .arg(m_table, m_server)
                            .arg(m_rowNumber)
                            .arg(errorText(m_query.lastError())));
                return false;
            }
            ++m_rowNumber;
            QVector<Value> row(n);
            for (qsizetype c = 0; c < n; ++c)
                row[c] = convert(m_query.value(int(c)), m_columns[c]);
            batch.rows << row;
            batch.rowNumbers << m_rowNumber;
        }
        return true;
    }

private:
    QSqlQuery m_query;
    QList<ColumnInfo> m_columns;
    QString m_table;
    QString m_server;
    qint64 m_rowNumber = 0;
    bool m_done = false;
};

} // namespace

ValueType normalizeServerType(const QString &typeName)
{
    QString t = typeName.trimmed().toLower();
    if (const qsizetype paren = t.indexOf(QLatin1Char('(')); paren >= 0)
        t = t.left(paren).trimmed() + t.mid(t.indexOf(QLatin1Char(')'), paren) + 1);
    t = t.trimmed();
    if (t.startsWith(QLatin1Char('_')) || t.endsWith(QLatin1String("[]")))
        return ValueType::Text; // arrays: kept as their text form
    static const QHash<QString, ValueType> known = {
        {QStringLiteral("smallint"), ValueType::Int},
        {QStringLiteral("integer"), ValueType::Int},
        {QStringLiteral("int"), ValueType::Int},
        {QStringLiteral("bigint"), ValueType::Int},
        {QStringLiteral("tinyint"), ValueType::Int},
        {QStringLiteral("int2"), ValueType::Int},
        {QStringLiteral("int4"), ValueType::Int},
        {QStringLiteral("int8"), ValueType::Int},
        {QStringLiteral("serial"), ValueType::Int},
        {QStringLiteral("bigserial"), ValueType::Int},
        {QStringLiteral("smallserial"), ValueType::Int},
        {QStringLiteral("oid"), ValueType::Int},
        {QStringLiteral("numeric"), ValueType::Decimal},
        {QStringLiteral("decimal"), ValueType::Decimal},
        {QStringLiteral("money"), ValueType::Decimal},
        {QStringLiteral("smallmoney"), ValueType::Decimal},
        {QStringLiteral("real"), ValueType::Double},
        {QStringLiteral("double precision"), ValueType::Double},
        {QStringLiteral("double"), ValueType::Double},
        {QStringLiteral("float"), ValueType::Double},
        {QStringLiteral("float4"), ValueType::Double},
        {QStringLiteral("float8"), ValueType::Double},
        {QStringLiteral("boolean"), ValueType::Bool},
        {QStringLiteral("bool"), ValueType::Bool},
        {QStringLiteral("bit"), ValueType::Bool},
        {QStringLiteral("date"), ValueType::Date},
        {QStringLiteral("timestamp"), ValueType::DateTime},
        {QStringLiteral("timestamptz"), ValueType::DateTime},
        {QStringLiteral("datetime"), ValueType::DateTime},
        {QStringLiteral("datetime2"), ValueType::DateTime},
        {QStringLiteral("smalldatetime"), ValueType::DateTime},
        {QStringLiteral("datetimeoffset"), ValueType::DateTime},
        {QStringLiteral("time"), ValueType::Time},
        {QStringLiteral("timetz"), ValueType::Time},
        {QStringLiteral("bytea"), ValueType::Bytes},
        {QStringLiteral("binary"), ValueType::Bytes},
        {QStringLiteral("varbinary"), ValueType::Bytes},
        {QStringLiteral("image"), ValueType::Bytes},
        {QStringLiteral("longvarbinary"), ValueType::Bytes},
    };
    if (auto it = known.constFind(t); it != known.constEnd())
        return *it;
    if (t.startsWith(QLatin1String("timestamp")))
        return ValueType::DateTime; // "timestamp without time zone"
    if (t.startsWith(QLatin1String("time")))
        return ValueType::Time;
    if (t.startsWith(QLatin1String("bit")))
        return ValueType::Text; // bit varying
    return ValueType::Text;     // char, varchar, text, uuid, json, xml, nvarchar, uniqueidentifier, enums...
}

QtSqlConnection::QtSqlConnection(SourceUri uri, QString password)
    : m_uri(std::move(uri)), m_password(std::move(password))
{
    m_schema = m_uri.option(QStringLiteral("schema"), QStringLiteral("public"));
}

QtSqlConnection::~QtSqlConnection()
{
    if (!m_connectionName.isEmpty()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QString QtSqlConnection::serverName() const
{
    if (m_uri.kind == SourceKind::PostgreSql) {
        return QStringLiteral("PostgreSQL server %1:%2 (database \"%3\")")
            .arg(m_uri.host)
            .arg(m_uri.port > 0 ? m_uri.port : 5432)
            .arg(m_uri.database);
    }
    const QString server = m_uri.option(QStringLiteral("server"));
    if (!server.isEmpty())
        return QStringLiteral("ODBC server %1").arg(server);
    return QStringLiteral("ODBC data source \"%1\"").arg(m_uri.host);
}

Error QtSqlConnection::queryError(const QString &what, const QString &detail) const
{
    return Error::make(QStringLiteral("source.query-failed"),
                       QStringLiteral("%1 on the %2 failed: %3.").arg(what, serverName(), detail));
}

Status QtSqlConnection::open()
{
    const bool pg = m_uri.kind == SourceKind::PostgreSql;
    const QString driver = pg ? QStringLiteral("QPSQL") : QStringLiteral("QODBC");
    if (!QSqlDatabase::isDriverAvailable(driver)) {
        return Error::make(
            QStringLiteral("source.unsupported"),
            QStringLiteral("Cannot connect to the %1: the Qt SQL driver %2 is not installed. "
                           "Install it (Debian: %3) and try again.")
                .arg(serverName(), driver,
                     pg ? QStringLiteral("libqt6sql6-psql") : QStringLiteral("libqt6sql6-odbc")));
    }
    QString password = m_password;
    if (password.isEmpty())
        password = qEnvironmentVariable("FERRY_SOURCE_PASSWORD");
    const QString timeout = m_uri.option(QStringLiteral("connectTimeout"), QStringLiteral("10"));

    m_connectionName = QStringLiteral("ferry-source-%1").arg(++g_connectionCounter);
    m_db = QSqlDatabase::addDatabase(driver, m_connectionName);
    if (pg) {
        m_db.setHostName(m_uri.host);
        if (m_uri.port > 0)
            m_db.setPort(m_uri.port);
        m_db.setDatabaseName(m_uri.database);
        m_db.setUserName(m_uri.user);
        if (!password.isEmpty())
            m_db.setPassword(password);
        m_db.setConnectOptions(QStringLiteral("connect_timeout=%1;application_name=ferry").arg(timeout));
    } else {
        static const QStringList ours = {QStringLiteral("schema"), QStringLiteral("rowCounts"),
                                         QStringLiteral("exactCountLimit"), QStringLiteral("connectTimeout"),
                                         QStringLiteral("introspection")};
        // QODBC prepends "DSN=" itself unless the string holds DRIVER= or SERVER=, so a DSN goes in bare.
        QStringList parts;
        if (!m_uri.host.isEmpty())
            parts << odbcValue(m_uri.host);
        for (auto it = m_uri.options.cbegin(); it != m_uri.options.cend(); ++it) {
            if (ours.contains(it.key()))
                continue;
            parts << it.key().toUpper() + QLatin1Char('=') + odbcValue(it.value());
        }
        if (!m_uri.database.isEmpty())
            parts << QStringLiteral("DATABASE=") + odbcValue(m_uri.database);
        if (!m_uri.user.isEmpty())
            parts << QStringLiteral("UID=") + odbcValue(m_uri.user);
        if (!password.isEmpty())
            parts << QStringLiteral("PWD=") + odbcValue(password);
        m_db.setDatabaseName(parts.join(QLatin1Char(';')));
        m_db.setConnectOptions(QStringLiteral("SQL_ATTR_LOGIN_TIMEOUT=%1").arg(timeout));
    }
    if (!m_db.open()) {
        const QString reason = errorText(m_db.lastError());
        const QString lower = reason.toLower();
        const QString who = m_uri.user.isEmpty() ? QStringLiteral("the default user")
                                                 : QStringLiteral("user \"%1\"").arg(m_uri.user);
        if (lower.contains(QLatin1String("password")) || lower.contains(QLatin1String("authentication")) ||
            lower.contains(QLatin1String("login failed")) ||
            lower.contains(QLatin1String("does not exist")) || lower.contains(QLatin1String("pg_hba.conf")) ||
            lower.contains(QLatin1String("permission denied"))) {
            return Error::make(
                QStringLiteral("source.login-refused"),
                QStringLiteral(
                    "The %1 refused the login of %2: %3. Check the user name in the source URI and "
                    "the password (given when connecting, or in the environment variable "
                    "FERRY_SOURCE_PASSWORD), and that the server lets this user connect to this "
                    "database from this machine.")
                    .arg(serverName(), who, reason));
        }
        if (!pg && (lower.contains(QLatin1String("data source name not found")) ||
                    lower.contains(QLatin1String("can't open lib")) ||
                    lower.contains(QLatin1String("no default driver")))) {
            return Error::make(QStringLiteral("source.not-found"),
                               QStringLiteral("Cannot open the %1: %2. Check that the DSN is defined in "
                                              "odbc.ini (or the driver in odbcinst.ini) and that its ODBC "
                                              "driver is installed.")
                                   .arg(serverName(), reason));
        }
        return Error::make(QStringLiteral("source.unreachable"),
                           QStringLiteral("Cannot connect to the %1 as %2: %3. Check the host name and port, "
                                          "that the server is running and that a firewall lets this machine "
                                          "reach it.")
                               .arg(serverName(), who, reason));
    }
    m_postgres = pg || m_db.driver()->dbmsType() == QSqlDriver::PostgreSQL;
    if (!pg && !m_postgres) {
        QSqlQuery probe(m_db);
        m_postgres = probe.exec(QStringLiteral("SELECT version()")) && probe.next() &&
                     probe.value(0).toString().contains(QLatin1String("PostgreSQL"));
    }
    return {};
}

QString QtSqlConnection::qualified(const QString &table) const
{
    if (m_postgres)
        return quoteIdent(m_schema) + QLatin1Char('.') + quoteIdent(table);
    return m_db.driver()->escapeIdentifier(table, QSqlDriver::TableName);
}

void QtSqlConnection::countRows(TableInfo &table, qint64 estimate)
{
    const QString mode = m_uri.option(QStringLiteral("rowCounts"), QStringLiteral("auto"));
    const qint64 limit =
        m_uri.option(QStringLiteral("exactCountLimit"), QStringLiteral("1000000")).toLongLong();
    if (estimate >= 0 &&
        (mode == QLatin1String("estimate") || (mode != QLatin1String("exact") && estimate > limit))) {
        table.rowCount = estimate;
        table.rowCountExact = false;
        return;
    }
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM ") + qualified(table.name)) || !q.next()) {
        table.error = Error::make(QStringLiteral("source.query-failed"),
                                  QStringLiteral("Cannot read the table \"%1\" of the %2: %3.")
                                      .arg(table.name, serverName(), errorText(q.lastError())));
        if (estimate >= 0) {
            table.rowCount = estimate;
            table.rowCountExact = false;
        }
        return;
    }
    table.rowCount = q.value(0).toLongLong();
    table.rowCountExact = true;
}

Result<QList<TableInfo>> QtSqlConnection::listTables()
{
    auto tables = m_postgres && m_uri.option(QStringLiteral("introspection")) != QLatin1String("generic")
                      ? listPostgres()
                      : listGeneric();
    if (tables) {
        m_tables.clear();
        for (const TableInfo &t : *tables)
            m_tables.insert(t.name, t);
    }
    return tables;
}

Result<QList<TableInfo>> QtSqlConnection::listPostgres()
{
    const QString schema = quoteLiteral(m_schema);
    QList<TableInfo> tables;
    QHash<QString, qsizetype> index;
    QHash<QString, qint64> estimates;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.setNumericalPrecisionPolicy(QSql::HighPrecision);
    // Tables, partitioned tables, views, materialized views and foreign tables of the schema.
    if (!q.exec(QStringLiteral("SELECT c.relname, c.relkind::text, c.reltuples::float8 FROM pg_class c "
                               "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %1 "
                               "AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY c.relname")
                    .arg(schema)))
        return queryError(QStringLiteral("Listing the tables"), errorText(q.lastError()));
    while (q.next()) {
        TableInfo t;
        t.name = q.value(0).toString();
        const QString kind = q.value(1).toString();
        t.kind =
            kind == QLatin1String("v") || kind == QLatin1String("m") ? TableKind::View : TableKind::Table;
        // reltuples is -1 (PostgreSQL 14+) or 0 before the first ANALYZE; views have none.
        const double tuples = q.value(2).toDouble();
        estimates.insert(t.name, t.kind == TableKind::Table && tuples > 0 ? qint64(tuples) : -1);
        index.insert(t.name, tables.size());
        tables.append(t);
    }
    if (!q.exec(
            QStringLiteral(
                "SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), t.typname, "
                "CASE WHEN a.attnotnull THEN 0 ELSE 1 END, pg_get_expr(d.adbin, d.adrelid), "
                "CASE WHEN t.typname IN ('varchar', 'bpchar') AND a.atttypmod > 4 THEN a.atttypmod - 4 ELSE "
                "-1 END, "
                "CASE WHEN t.typname = 'numeric' AND a.atttypmod > 4 THEN ((a.atttypmod - 4) >> 16) & 65535 "
                "ELSE -1 END, "
                "CASE WHEN t.typname = 'numeric' AND a.atttypmod > 4 THEN (a.atttypmod - 4) & 65535 ELSE -1 "
                "END, "
                "bt.typname "
                "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid "
                "LEFT JOIN pg_type bt ON bt.oid = t.typbasetype "
                "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                "WHERE n.nspname = %1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 "
                "AND NOT a.attisdropped ORDER BY c.relname, a.attnum")
                .arg(schema)))
        return queryError(QStringLiteral("Listing the columns"), errorText(q.lastError()));
    while (q.next()) {
        const auto it = index.constFind(q.value(0).toString());
        if (it == index.constEnd())
            continue;
        TableInfo &t = tables[*it];
        ColumnInfo c;
        c.name = q.value(1).toString();
        c.declaredType = q.value(2).toString();
        const QString base = q.value(9).toString(); // a domain's base type
        c.type = normalizeServerType(base.isEmpty() ? q.value(3).toString() : base);
        c.nullable = q.value(4).toInt() != 0;
        const QString def = q.value(5).toString();
        if (!def.isEmpty())
            t.properties.insert(QStringLiteral("default.") + c.name, def);
        c.length = q.value(6).toInt();
        c.precision = q.value(7).toInt();
        c.scale = q.value(8).toInt();
        t.columns.append(c);
    }
    // Keys and foreign keys with their columns in key order (conkey/confkey are ordered arrays).
    if (!q.exec(
            QStringLiteral(
                "SELECT cl.relname, c.conname, c.contype::text, a.attname, rcl.relname, ra.attname, "
                "rn.nspname "
                "FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid "
                "JOIN pg_namespace n ON n.oid = cl.relnamespace "
                "CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord) "
                "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum "
                "LEFT JOIN pg_class rcl ON rcl.oid = c.confrelid "
                "LEFT JOIN pg_namespace rn ON rn.oid = rcl.relnamespace "
                "LEFT JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[k.ord] "
                "WHERE n.nspname = %1 AND c.contype IN ('p', 'u', 'f') ORDER BY cl.relname, c.conname, k.ord")
                .arg(schema)))
        return queryError(QStringLiteral("Listing the keys"), errorText(q.lastError()));
    while (q.next()) {
        const auto it = index.constFind(q.value(0).toString());
        if (it == index.constEnd())
            continue;
        TableInfo &t = tables[*it];
        const QString name = q.value(1).toString();
        const QString type = q.value(2).toString();
        const QString column = q.value(3).toString();
        if (type == QLatin1String("p")) {
            t.primaryKey.append(column);
        } else if (type == QLatin1String("u")) {
            if (t.uniqueKeys.isEmpty() || t.uniqueKeys.last().name != name)
                t.uniqueKeys.append(KeyInfo{name, {}});
            t.uniqueKeys.last().columns.append(column);
        } else {
            if (t.foreignKeys.isEmpty() || t.foreignKeys.last().name != name) {
                ForeignKeyInfo fk;
                fk.name = name;
                const QString refSchema = q.value(6).toString();
                fk.referencedTable = refSchema == m_schema
                                         ? q.value(4).toString()
                                         : refSchema + QLatin1Char('.') + q.value(4).toString();
                t.foreignKeys.append(fk);
            }
            t.foreignKeys.last().columns.append(column);
            t.foreignKeys.last().referencedColumns.append(q.value(5).toString());
        }
    }
    for (TableInfo &t : tables)
        countRows(t, estimates.value(t.name, -1));
    return tables;
}

Result<QList<TableInfo>> QtSqlConnection::listGeneric()
{
    QList<TableInfo> tables;
    QHash<QString, qsizetype> index;
    for (const auto &[kind, type] :
         {std::pair{TableKind::Table, QSql::Tables}, std::pair{TableKind::View, QSql::Views}}) {
        QStringList names = m_db.tables(type);
        names.sort(Qt::CaseInsensitive);
        for (const QString &name : names) {
            if (index.contains(name))
                continue;
            TableInfo t;
            t.name = name;
            t.kind = kind;
            index.insert(name, tables.size());
            tables.append(t);
        }
    }
    if (tables.isEmpty() && m_db.lastError().isValid())
        return queryError(QStringLiteral("Listing the tables"), errorText(m_db.lastError()));
    for (TableInfo &t : tables) {
        const QSqlRecord record = m_db.record(t.name);
        if (record.isEmpty()) {
            t.error = Error::make(QStringLiteral("source.query-failed"),
                                  QStringLiteral("Cannot read the columns of \"%1\" on the %2: %3.")
                                      .arg(t.name, serverName(),
                                           m_db.lastError().isValid()
                                               ? errorText(m_db.lastError())
                                               : QStringLiteral("the driver returned none")));
            continue;
        }
        for (int i = 0; i < record.count(); ++i) {
            const QSqlField f = record.field(i);
            ColumnInfo c;
            c.name = f.name();
            c.declaredType = odbcTypeName(f.typeID());
            if (!c.declaredType.isEmpty()) {
                c.type = normalizeServerType(c.declaredType);
                if (c.declaredType == QLatin1String("NUMERIC") || c.declaredType == QLatin1String("DECIMAL"))
                    c.type = ValueType::Decimal;
                else if (c.declaredType == QLatin1String("GUID") ||
                         c.declaredType.contains(QLatin1String("CHAR")))
                    c.type = ValueType::Text;
                else if (c.declaredType == QLatin1String("LONGVARBINARY") ||
                         c.declaredType == QLatin1String("BINARY") ||
                         c.declaredType == QLatin1String("VARBINARY"))
                    c.type = ValueType::Bytes;
            } else {
                switch (f.metaType().id()) {
                case QMetaType::Int:
                case QMetaType::LongLong:
                case QMetaType::Short:
                case QMetaType::UInt:
                    c.type = ValueType::Int;
                    break;
                case QMetaType::Double:
                    c.type = ValueType::Double;
                    break;
                case QMetaType::Bool:
                    c.type = ValueType::Bool;
                    break;
                case QMetaType::QDate:
                    c.type = ValueType::Date;
                    break;
                case QMetaType::QDateTime:
                    c.type = ValueType::DateTime;
                    break;
                case QMetaType::QTime:
                    c.type = ValueType::Time;
                    break;
                case QMetaType::QByteArray:
                    c.type = ValueType::Bytes;
                    break;
                default:
                    c.type = ValueType::Text;
                    break;
                }
            }
            if (c.type == ValueType::Text && f.length() > 0 && f.length() < (1 << 30))
                c.length = f.length();
            if (c.type == ValueType::Decimal) {
                c.precision = f.length() > 0 ? f.length() : -1;
                c.scale = f.precision() >= 0 && c.precision > 0 ? f.precision() : -1;
                if (c.precision > 0)
                    c.declaredType += QStringLiteral("(%1,%2)").arg(c.precision).arg(std::max(c.scale, 0));
            } else if (c.length > 0) {
                c.declaredType += QStringLiteral("(%1)").arg(c.length);
            }
            c.nullable = f.requiredStatus() != QSqlField::Required;
            if (f.defaultValue().isValid() && !f.defaultValue().toString().isEmpty())
                t.properties.insert(QStringLiteral("default.") + c.name, f.defaultValue().toString());
            t.columns.append(c);
        }
        const QSqlIndex pk = m_db.primaryIndex(t.name);
        for (int i = 0; i < pk.count(); ++i)
            t.primaryKey.append(pk.fieldName(i));
    }
    // Unique keys and foreign keys from INFORMATION_SCHEMA where the server has it (SQL Server, PostgreSQL,
    // MySQL). POSITION_IN_UNIQUE_CONSTRAINT pairs composite key columns correctly; SQL Server lacks it, so
    // fall back to pairing by position.
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (q.exec(QStringLiteral(
            "SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, kcu.COLUMN_NAME FROM "
            "INFORMATION_SCHEMA.TABLE_CONSTRAINTS tc "
            "JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE kcu ON kcu.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA "
            "AND kcu.CONSTRAINT_NAME = tc.CONSTRAINT_NAME AND kcu.TABLE_NAME = tc.TABLE_NAME "
            "WHERE tc.CONSTRAINT_TYPE = 'UNIQUE' ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_NAME, "
            "kcu.ORDINAL_POSITION"))) {
        while (q.next()) {
            const auto it = index.constFind(q.value(0).toString());
            if (it == index.constEnd())
                continue;
            TableInfo &t = tables[*it];
            const QString name = q.value(1).toString();
            if (t.uniqueKeys.isEmpty() || t.uniqueKeys.last().name != name)
                t.uniqueKeys.append(KeyInfo{name, {}});
            t.uniqueKeys.last().columns.append(q.value(2).toString());
        }
    }
    const QString fkSql = QStringLiteral(
        "SELECT kcu.TABLE_NAME, rc.CONSTRAINT_NAME, kcu.COLUMN_NAME, kcu2.TABLE_NAME, kcu2.COLUMN_NAME "
        "FROM INFORMATION_SCHEMA.REFERENTIAL_CONSTRAINTS rc "
        "JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE kcu ON kcu.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA "
        "AND kcu.CONSTRAINT_NAME = rc.CONSTRAINT_NAME "
        "JOIN INFORMATION_SCHEMA.KEY_COLUMN_USAGE kcu2 ON kcu2.CONSTRAINT_SCHEMA = "
        "rc.UNIQUE_CONSTRAINT_SCHEMA "
        "AND kcu2.CONSTRAINT_NAME = rc.UNIQUE_CONSTRAINT_NAME AND kcu2.ORDINAL_POSITION = kcu.%1 "
        "ORDER BY kcu.TABLE_NAME, rc.CONSTRAINT_NAME, kcu.ORDINAL_POSITION");
    if (q.exec(fkSql.arg(QStringLiteral("POSITION_IN_UNIQUE_CONSTRAINT"))) ||
        q.exec(fkSql.arg(QStringLiteral("ORDINAL_POSITION")))) {
        while (q.next()) {
            const auto it = index.constFind(q.value(0).toString());
            if (it == index.constEnd())
                continue;
            TableInfo &t = tables[*it];
            const QString name = q.value(1).toString();
            if (t.foreignKeys.isEmpty() || t.foreignKeys.last().name != name) {
                ForeignKeyInfo fk;
                fk.name = name;
                fk.referencedTable = q.value(3).toString();
                t.foreignKeys.append(fk);
            }
            t.foreignKeys.last().columns.append(q.value(2).toString());
            t.foreignKeys.last().referencedColumns.append(q.value(4).toString());
        }
    }
    for (TableInfo &t : tables)
        if (t.error.code.isEmpty())
            countRows(t, -1);
    return tables;
}

Result<std::unique_ptr<SourceReader>> QtSqlConnection::openReader(const QString &table,
                                                                  const ReadOptions &options)
{
    Q_UNUSED(options);
    if (m_tables.isEmpty()) {
        if (auto listed = listTables(); !listed)
            return listed.error();
    }
    auto it = m_tables.constFind(table);
    if (it == m_tables.constEnd()) {
        for (auto i = m_tables.constBegin(); i != m_tables.constEnd(); ++i)
            if (i.key().compare(table, Qt::CaseInsensitive) == 0)
                it = i;
    }
    if (it == m_tables.constEnd())
        return Error::make(QStringLiteral("source.no-such-table"),
                           QStringLiteral("The %1 has no table \"%2\".").arg(serverName(), table));
    const TableInfo &info = *it;
    if (info.columns.isEmpty())
        return info.error.code.isEmpty()
                   ? Error::make(QStringLiteral("source.query-failed"),
                                 QStringLiteral("The table \"%1\" of the %2 has no columns.")
                                     .arg(table, serverName()))
                   : info.error;
    QStringList columns;
    for (const ColumnInfo &c : info.columns)
        columns << m_db.driver()->escapeIdentifier(c.name, QSqlDriver::FieldName);
    QSqlQuery q(m_db);
    q.setForwardOnly(true); // rows stream from the server instead of being buffered whole
    q.setNumericalPrecisionPolicy(QSql::HighPrecision);
    if (!q.exec(QStringLiteral("SELECT %1 FROM %2")
                    .arg(columns.join(QStringLiteral(", ")), qualified(info.name))))
        return Error::make(QStringLiteral("source.query-failed"),
                           QStringLiteral("Cannot read the table \"%1\" of the %2: %3.")
                               .arg(info.name, serverName(), errorText(q.lastError())));
    return std::unique_ptr<SourceReader>(
        std::make_unique<QtSqlReader>(std::move(q), info.columns, info.name, serverName()));
}

} // namespace ferry::source

namespace ferry {

Result<std::unique_ptr<SourceConnection>> openQtSqlSource(const SourceUri &uri, const QString &password)
{
    if (uri.kind != SourceKind::PostgreSql && uri.kind != SourceKind::Odbc)
        return Error::make(QStringLiteral("source.unsupported"),
                           QStringLiteral("%1 is not a PostgreSQL or ODBC source.").arg(uri.toString()));
    auto c = std::make_unique<source::QtSqlConnection>(uri, password);
    if (auto st = c->open(); !st)
        return st.error();
    return std::unique_ptr<SourceConnection>(std::move(c));
}

} // namespace ferry
