#include "SqliteSource.h"

#include "TextValues.h"

#include <QFileInfo>
#include <QRegularExpression>

#include <sqlite3.h>

namespace ferry::source {

namespace {

QString quoteIdent(const QString &name)
{
    QString q = name;
    q.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + q + QLatin1Char('"');
}

QString columnText(sqlite3_stmt *st, int col)
{
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(st, col));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(st, col)) : QString();
}

/// A prepared statement that finalizes itself.
class Stmt
{
public:
    Stmt(sqlite3 *db, const QString &sql)
    {
        const QByteArray s = sql.toUtf8();
        m_rc = sqlite3_prepare_v2(db, s.constData(), int(s.size()), &m_st, nullptr);
    }
    ~Stmt() { sqlite3_finalize(m_st); }
    Stmt(const Stmt &) = delete;
    Stmt &operator=(const Stmt &) = delete;
    bool ok() const { return m_rc == SQLITE_OK && m_st; }
    sqlite3_stmt *get() const { return m_st; }

private:
    sqlite3_stmt *m_st = nullptr;
    int m_rc = SQLITE_OK;
};

class SqliteReader final : public SourceReader
{
public:
    SqliteReader(sqlite3 *db, QString table, QList<ColumnInfo> columns, QString sql, QString path)
        : m_db(db), m_table(std::move(table)), m_columns(std::move(columns)), m_sql(std::move(sql)),
          m_path(std::move(path))
    {}
    ~SqliteReader() override { sqlite3_finalize(m_st); }
    SqliteReader(const SqliteReader &) = delete;
    SqliteReader &operator=(const SqliteReader &) = delete;

    Result<void> init()
    {
        const QByteArray s = m_sql.toUtf8();
        if (sqlite3_prepare_v2(m_db, s.constData(), int(s.size()), &m_st, nullptr) != SQLITE_OK) {
            return Error::make(QStringLiteral("source.query-failed"),
                               QStringLiteral("Cannot read the table \"%1\" of \"%2\": %3.")
                                   .arg(m_table, m_path, QString::fromUtf8(sqlite3_errmsg(m_db))));
        }
        return {};
    }

    const QList<ColumnInfo> &columns() const override { return m_columns; }

    Result<bool> nextBatch(RowBatch &batch, int maxRows) override
    {
        if (m_done)
            return false;
        const int n = int(m_columns.size());
        for (int produced = 0; produced < maxRows; ++produced) {
            const int rc = sqlite3_step(m_st);
            if (rc == SQLITE_DONE) {
                m_done = true;
                return false;
            }
            if (rc != SQLITE_ROW) {
                return Error::make(
                    QStringLiteral("source.query-failed"),
                    QStringLiteral("Reading the table \"%1\" of \"%2\" failed after row %3: %4.")
                        .arg(m_table, m_path)
                        .arg(m_rowNumber)
                        .arg(QString::fromUtf8(sqlite3_errmsg(m_db))));
            }
            ++m_rowNumber;
            QVector<Value> row(n);
            for (int c = 0; c < n; ++c)
                row[c] = convert(c);
            batch.rows << row;
            batch.rowNumbers << m_rowNumber;
        }
        return true;
    }

private:
    // SQLite stores values by affinity, not by declared type: a DATETIME column holds text, a
    // NUMERIC(10,2) column holds a REAL. Convert each stored value towards the column's normalized type
    // and keep the stored value when it does not fit (never lose data).
    Value convert(int c) const
    {
        const ColumnInfo &col = m_columns[c];
        switch (sqlite3_column_type(m_st, c)) {
        case SQLITE_NULL:
            return {};
        case SQLITE_INTEGER: {
            const qint64 v = sqlite3_column_int64(m_st, c);
            if (col.type == ValueType::Bool && (v == 0 || v == 1))
                return Value::fromBool(v != 0);
            if (col.type == ValueType::Decimal)
                return Value::fromDecimal(QString::number(v));
            if (col.type == ValueType::Double)
                return Value::fromDouble(double(v));
            return Value::fromInt(v);
        }
        case SQLITE_FLOAT: {
            const double d = sqlite3_column_double(m_st, c);
            if (col.type == ValueType::Decimal) {
                if (col.scale >= 0)
                    return Value::fromDecimal(QString::number(d, 'f', col.scale));
                return Value::fromDecimal(QString::number(d, 'f', QLocale::FloatingPointShortest));
            }
            return Value::fromDouble(d);
        }
        case SQLITE_BLOB: {
            const auto *p = static_cast<const char *>(sqlite3_column_blob(m_st, c));
            return Value::fromBytes(QByteArray(p, sqlite3_column_bytes(m_st, c)));
        }
        default: {
            const QString text = columnText(m_st, c);
            switch (col.type) {
            case ValueType::Date:
            case ValueType::DateTime:
            case ValueType::Time:
            case ValueType::Int:
            case ValueType::Decimal:
            case ValueType::Double:
            case ValueType::Bool: {
                Value v = textToValue(text, col.type);
                return v.isNull() && !text.isNull() ? Value::fromText(text) : v;
            }
            default:
                return Value::fromText(text);
            }
        }
        }
    }

    sqlite3 *m_db;
    QString m_table;
    QList<ColumnInfo> m_columns;
    QString m_sql;
    QString m_path;
    sqlite3_stmt *m_st = nullptr;
    qint64 m_rowNumber = 0;
    bool m_done = false;
};

} // namespace

void normalizeSqliteType(const QString &declared, ColumnInfo &column)
{
    column.declaredType = declared;
    const QString t = declared.trimmed().toUpper();
    static const QRegularExpression args(QStringLiteral("\\(\\s*(\\d+)\\s*(?:,\\s*(\\d+)\\s*)?\\)"));
    const QRegularExpressionMatch m = args.match(t);
    const int a1 = m.hasMatch() ? m.captured(1).toInt() : -1;
    const int a2 = m.hasMatch() && m.capturedLength(2) > 0 ? m.captured(2).toInt() : -1;
    const QString base = m.hasMatch() ? t.left(m.capturedStart()).trimmed() : t;

    if (t.isEmpty()) {
        column.type = ValueType::Null;
    } else if (base == QLatin1String("BOOLEAN") || base == QLatin1String("BOOL") ||
               base == QLatin1String("BIT")) {
        column.type = ValueType::Bool;
    } else if (base.contains(QLatin1String("INT"))) { // SQLite affinity rule 1
        column.type = ValueType::Int;
    } else if (base.contains(QLatin1String("CHAR")) || base.contains(QLatin1String("CLOB")) ||
               base.contains(QLatin1String("TEXT"))) { // rule 2
        column.type = ValueType::Text;
        column.length = a1;
    } else if (base.contains(QLatin1String("BLOB")) || base.contains(QLatin1String("BINARY"))) { // rule 3
        column.type = ValueType::Bytes;
        column.length = a1;
    } else if (base.contains(QLatin1String("REAL")) || base.contains(QLatin1String("FLOA")) ||
               base.contains(QLatin1String("DOUB"))) { // rule 4
        column.type = ValueType::Double;
    } else if (base == QLatin1String("DATETIME") || base.startsWith(QLatin1String("TIMESTAMP"))) {
        column.type = ValueType::DateTime;
    } else if (base == QLatin1String("DATE")) {
        column.type = ValueType::Date;
    } else if (base == QLatin1String("TIME")) {
        column.type = ValueType::Time;
    } else { // NUMERIC affinity: NUMERIC, DECIMAL(p,s), MONEY...
        column.type = ValueType::Decimal;
        column.precision = a1;
        column.scale = a1 >= 0 ? std::max(a2, 0) : -1;
    }
}

SqliteConnection::SqliteConnection(SourceUri uri) : m_uri(std::move(uri)) {}

SqliteConnection::~SqliteConnection()
{
    sqlite3_close_v2(m_db);
}

Error SqliteConnection::sqlError(const QString &what) const
{
    return Error::make(QStringLiteral("source.query-failed"),
                       QStringLiteral("%1 in \"%2\" failed: %3.")
                           .arg(what, m_uri.path, QString::fromUtf8(sqlite3_errmsg(m_db))));
}

Result<void> SqliteConnection::open()
{
    const QFileInfo fi(m_uri.path);
    if (!fi.exists() || fi.isDir()) {
        return Error::make(QStringLiteral("source.not-found"),
                           QStringLiteral("The SQLite database \"%1\" does not exist.").arg(m_uri.path));
    }
    const QByteArray path = QFile::encodeName(fi.absoluteFilePath());
    if (sqlite3_open_v2(path.constData(), &m_db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) !=
        SQLITE_OK) {
        const QString msg = QString::fromUtf8(m_db ? sqlite3_errmsg(m_db) : "out of memory");
        return Error::make(
            QStringLiteral("source.unreadable"),
            QStringLiteral("Cannot open the SQLite database \"%1\": %2.").arg(m_uri.path, msg));
    }
    sqlite3_busy_timeout(m_db, 5000);
    // sqlite3_open_v2 is lazy: read the schema now so that a file that is not a database fails here.
    char *err = nullptr;
    if (sqlite3_exec(m_db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, &err) != SQLITE_OK) {
        const QString msg = QString::fromUtf8(err ? err : sqlite3_errmsg(m_db));
        sqlite3_free(err);
        return Error::make(
            QStringLiteral("source.corrupt"),
            QStringLiteral("\"%1\" is not a readable SQLite database: %2.").arg(m_uri.path, msg));
    }
    return {};
}

Result<TableInfo> SqliteConnection::describe(const QString &name, TableKind kind, bool withoutRowid)
{
    Q_UNUSED(withoutRowid);
    TableInfo t;
    t.name = name;
    t.kind = kind;
    QMap<int, QString> pkByOrder;
    {
        Stmt st(m_db, QStringLiteral("PRAGMA table_info(%1)").arg(quoteIdent(name)));
        if (!st.ok())
            return sqlError(QStringLiteral("Reading the columns of \"%1\"").arg(name));
        while (sqlite3_step(st.get()) == SQLITE_ROW) {
            ColumnInfo c;
            c.name = columnText(st.get(), 1);
            normalizeSqliteType(columnText(st.get(), 2), c);
            c.nullable = sqlite3_column_int(st.get(), 3) == 0;
            const int pk = sqlite3_column_int(st.get(), 5);
            if (pk > 0)
                pkByOrder.insert(pk, c.name);
            // The default as declared (SQL text, e.g. 0 or 'n/a'), passed on like the QtSql connector does.
            if (sqlite3_column_type(st.get(), 4) != SQLITE_NULL)
                t.properties.insert(QStringLiteral("default.") + c.name, columnText(st.get(), 4));
            t.columns << c;
        }
    }
    t.primaryKey = pkByOrder.values();
    for (ColumnInfo &c : t.columns) {
        // INTEGER PRIMARY KEY is the rowid and can never be NULL, whatever table_info says.
        if (t.primaryKey.size() == 1 && t.primaryKey.first() == c.name && c.type == ValueType::Int)
            c.nullable = false;
    }
    if (kind == TableKind::Table) {
        Stmt il(m_db, QStringLiteral("PRAGMA index_list(%1)").arg(quoteIdent(name)));
        QList<QPair<QString, QString>> uniques; // name, origin
        while (il.ok() && sqlite3_step(il.get()) == SQLITE_ROW) {
            const bool unique = sqlite3_column_int(il.get(), 2) != 0;
            const QString origin = columnText(il.get(), 3);
            const bool partial = sqlite3_column_int(il.get(), 4) != 0;
            if (unique && origin != QLatin1String("pk") && !partial)
                uniques << qMakePair(columnText(il.get(), 1), origin);
        }
        for (const auto &u : std::as_const(uniques)) {
            KeyInfo key;
            key.name = u.first;
            Stmt ii(m_db, QStringLiteral("PRAGMA index_info(%1)").arg(quoteIdent(u.first)));
            while (ii.ok() && sqlite3_step(ii.get()) == SQLITE_ROW)
                key.columns << columnText(ii.get(), 2);
            if (!key.columns.isEmpty() && !key.columns.contains(QString()))
                t.uniqueKeys << key;
        }
        Stmt fk(m_db, QStringLiteral("PRAGMA foreign_key_list(%1)").arg(quoteIdent(name)));
        QMap<int, ForeignKeyInfo> fks;
        while (fk.ok() && sqlite3_step(fk.get()) == SQLITE_ROW) {
            ForeignKeyInfo &f = fks[sqlite3_column_int(fk.get(), 0)];
            f.referencedTable = columnText(fk.get(), 2);
            f.columns << columnText(fk.get(), 3);
            f.referencedColumns << columnText(fk.get(), 4); // empty: the parent's primary key
        }
        for (auto it = fks.begin(); it != fks.end(); ++it) {
            ForeignKeyInfo &f = it.value();
            if (f.referencedColumns.contains(QString())) {
                // "REFERENCES Parent" without columns means the parent's primary key.
                QStringList parentPk;
                QMap<int, QString> order;
                Stmt pt(m_db, QStringLiteral("PRAGMA table_info(%1)").arg(quoteIdent(f.referencedTable)));
                while (pt.ok() && sqlite3_step(pt.get()) == SQLITE_ROW)
                    if (const int pk = sqlite3_column_int(pt.get(), 5); pk > 0)
                        order.insert(pk, columnText(pt.get(), 1));
                f.referencedColumns = order.values();
            }
            f.name = QStringLiteral("fk_%1_%2").arg(name, f.columns.join(QLatin1Char('_')));
            t.foreignKeys << f;
        }
    }
    {
        Stmt cnt(m_db, QStringLiteral("SELECT count(*) FROM %1").arg(quoteIdent(name)));
        if (cnt.ok() && sqlite3_step(cnt.get()) == SQLITE_ROW) {
            t.rowCount = sqlite3_column_int64(cnt.get(), 0);
            t.rowCountExact = true;
        } else {
            t.error = sqlError(QStringLiteral("Counting the rows of \"%1\"").arg(name));
        }
    }
    t.properties.insert(QStringLiteral("path"), m_uri.path);
    return t;
}

Result<QList<TableInfo>> SqliteConnection::listTables()
{
    QList<TableInfo> out;
    Stmt st(m_db, QStringLiteral("SELECT name, type, sql FROM sqlite_master WHERE type IN ('table','view') "
                                 "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"));
    if (!st.ok())
        return sqlError(QStringLiteral("Listing the tables"));
    QList<std::tuple<QString, TableKind, bool>> names;
    while (sqlite3_step(st.get()) == SQLITE_ROW) {
        const QString sql = columnText(st.get(), 2);
        names << std::make_tuple(columnText(st.get(), 0),
                                 columnText(st.get(), 1) == QLatin1String("view") ? TableKind::View
                                                                                  : TableKind::Table,
                                 sql.contains(QLatin1String("WITHOUT ROWID"), Qt::CaseInsensitive));
    }
    for (const auto &[name, kind, withoutRowid] : std::as_const(names)) {
        auto t = describe(name, kind, withoutRowid);
        if (!t)
            return t.error();
        out << *t;
    }
    return out;
}

Result<std::unique_ptr<SourceReader>> SqliteConnection::openReader(const QString &table,
                                                                   const ReadOptions &options)
{
    Q_UNUSED(options);
    Stmt st(m_db, QStringLiteral(
                      "SELECT type, sql FROM sqlite_master WHERE name = ?1 AND type IN ('table','view')"));
    if (!st.ok())
        return sqlError(QStringLiteral("Looking up \"%1\"").arg(table));
    const QByteArray nameUtf8 = table.toUtf8();
    sqlite3_bind_text(st.get(), 1, nameUtf8.constData(), int(nameUtf8.size()), SQLITE_TRANSIENT);
    if (sqlite3_step(st.get()) != SQLITE_ROW) {
        return Error::make(
            QStringLiteral("source.no-such-table"),
            QStringLiteral("The SQLite database \"%1\" has no table or view \"%2\".").arg(m_uri.path, table));
    }
    const bool isView = columnText(st.get(), 0) == QLatin1String("view");
    const bool withoutRowid =
        columnText(st.get(), 1).contains(QLatin1String("WITHOUT ROWID"), Qt::CaseInsensitive);
    auto info = describe(table, isView ? TableKind::View : TableKind::Table, withoutRowid);
    if (!info)
        return info.error();
    QStringList cols;
    for (const ColumnInfo &c : std::as_const(info->columns))
        cols << quoteIdent(c.name);
    QString sql = QStringLiteral("SELECT %1 FROM %2").arg(cols.join(QStringLiteral(", ")), quoteIdent(table));
    // A stable order makes batches resumable: rowid for ordinary tables, the key for WITHOUT ROWID.
    if (!isView && !withoutRowid) {
        sql += QStringLiteral(" ORDER BY _rowid_");
    } else if (!info->primaryKey.isEmpty()) {
        QStringList pk;
        for (const QString &c : std::as_const(info->primaryKey))
            pk << quoteIdent(c);
        sql += QStringLiteral(" ORDER BY ") + pk.join(QStringLiteral(", "));
    }
    auto reader = std::make_unique<SqliteReader>(m_db, table, info->columns, sql, m_uri.path);
    if (auto r = reader->init(); !r)
        return r.error();
    return std::unique_ptr<SourceReader>(std::move(reader));
}

} // namespace ferry::source
