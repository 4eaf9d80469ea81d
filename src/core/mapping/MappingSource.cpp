#include <ferry/mapping/MappingSource.h>

#include "source/SqliteSource.h"
#include "source/TextValues.h"

#include <QHash>

#include <sqlite3.h>

namespace ferry::mapping {

namespace {

Error invalid(const QString &message)
{
    return Error::make(QStringLiteral("mapping.invalid"), message);
}

int indexOf(const QList<ColumnInfo> &columns, const QString &name)
{
    for (qsizetype i = 0; i < columns.size(); ++i)
        if (columns.at(i).name.compare(name, Qt::CaseInsensitive) == 0)
            return int(i);
    return -1;
}

QString keyOf(const QVector<Value> &row, const QVector<int> &columns)
{
    QString k;
    for (int c : columns) {
        if (row.at(c).isNull())
            return {}; // a null never matches (SQL join semantics)
        k.append(row.at(c).toText());
        k.append(QChar(0x1f));
    }
    return k;
}

// a < b for "first row" ordering: numbers as numbers, everything else as text; nulls last.
bool lessThan(const Value &a, const Value &b)
{
    if (a.isNull() || b.isNull())
        return !a.isNull() && b.isNull();
    const bool na =
        a.type() == ValueType::Int || a.type() == ValueType::Double || a.type() == ValueType::Decimal;
    const bool nb =
        b.type() == ValueType::Int || b.type() == ValueType::Double || b.type() == ValueType::Decimal;
    if (na && nb)
        return a.toDouble() < b.toDouble();
    return a.toText() < b.toText();
}

struct Join
{
    QVector<int> primaryColumns; ///< into the combined row
    QHash<QString, QVector<Value>> rows;
    int width = 0;
};

class JoinReader final : public SourceReader
{
public:
    JoinReader(std::unique_ptr<SourceReader> primary, QList<ColumnInfo> columns, std::vector<Join> joins)
        : m_primary(std::move(primary)), m_columns(std::move(columns)), m_joins(std::move(joins))
    {}

    const QList<ColumnInfo> &columns() const override { return m_columns; }

    Result<bool> nextBatch(RowBatch &batch, int maxRows) override
    {
        const qsizetype start = batch.rows.size();
        auto more = m_primary->nextBatch(batch, maxRows);
        if (!more)
            return more;
        for (qsizetype r = start; r < batch.rows.size(); ++r) {
            QVector<Value> &row = batch.rows[r];
            row.reserve(m_columns.size());
            for (const Join &j : m_joins) {
                const QString k = keyOf(row, j.primaryColumns);
                auto it = k.isEmpty() ? j.rows.constEnd() : j.rows.constFind(k);
                if (it == j.rows.constEnd())
                    row.resize(row.size() + j.width);
                else
                    row += *it;
            }
        }
        return more;
    }

private:
    std::unique_ptr<SourceReader> m_primary;
    QList<ColumnInfo> m_columns;
    std::vector<Join> m_joins;
};

class SqliteQueryReader final : public SourceReader
{
public:
    ~SqliteQueryReader() override
    {
        sqlite3_finalize(m_st);
        sqlite3_close_v2(m_db);
    }

    Status open(const QString &path, const QString &query)
    {
        m_path = path;
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK)
            return Error::make(QStringLiteral("mapping.query-failed"),
                               QStringLiteral("Cannot open '%1' for the source query: %2.")
                                   .arg(path, QString::fromUtf8(sqlite3_errmsg(m_db))));
        const QByteArray sql = query.toUtf8();
        const char *tail = nullptr;
        if (sqlite3_prepare_v2(m_db, sql.constData(), int(sql.size()), &m_st, &tail) != SQLITE_OK)
            return Error::make(QStringLiteral("mapping.query-failed"),
                               QStringLiteral("The source query does not run on '%1': %2.")
                                   .arg(path, QString::fromUtf8(sqlite3_errmsg(m_db))));
        if (!m_st || !sqlite3_stmt_readonly(m_st) ||
            (tail && QByteArray(tail).trimmed().size() > 0 && QByteArray(tail).trimmed() != ";"))
            return Error::make(QStringLiteral("mapping.query-failed"),
                               QStringLiteral("The source query must be one read-only SELECT statement."));
        const int n = sqlite3_column_count(m_st);
        for (int c = 0; c < n; ++c) {
            ColumnInfo col;
            col.name = QString::fromUtf8(sqlite3_column_name(m_st, c));
            const char *decl = sqlite3_column_decltype(m_st, c);
            source::normalizeSqliteType(decl ? QString::fromUtf8(decl) : QString(), col);
            m_columns.append(col);
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
            if (rc != SQLITE_ROW)
                return Error::make(QStringLiteral("mapping.query-failed"),
                                   QStringLiteral("The source query on '%1' failed after row %2: %3.")
                                       .arg(m_path)
                                       .arg(m_row)
                                       .arg(QString::fromUtf8(sqlite3_errmsg(m_db))));
            ++m_row;
            QVector<Value> row(n);
            for (int c = 0; c < n; ++c)
                row[c] = convert(c);
            batch.rows << row;
            batch.rowNumbers << m_row;
        }
        return true;
    }

private:
    // The same conversion as the SQLite table reader: towards the declared type, keeping what does not fit.
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
            if (col.type == ValueType::Decimal)
                return Value::fromDecimal(col.scale >= 0
                                              ? QString::number(d, 'f', col.scale)
                                              : QString::number(d, 'f', QLocale::FloatingPointShortest));
            return Value::fromDouble(d);
        }
        case SQLITE_BLOB: {
            const auto *p = static_cast<const char *>(sqlite3_column_blob(m_st, c));
            return Value::fromBytes(QByteArray(p, sqlite3_column_bytes(m_st, c)));
        }
        default: {
            const QString text = QString::fromUtf8(
                reinterpret_cast<const char *>(sqlite3_column_text(m_st, c)), sqlite3_column_bytes(m_st, c));
            if (col.type == ValueType::Text || col.type == ValueType::Null || col.type == ValueType::Bytes)
                return Value::fromText(text);
            Value v = source::textToValue(text, col.type);
            return v.isNull() && !text.isNull() ? Value::fromText(text) : v;
        }
        }
    }

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_st = nullptr;
    QString m_path;
    QList<ColumnInfo> m_columns;
    qint64 m_row = 0;
    bool m_done = false;
};

} // namespace

Result<std::unique_ptr<SourceReader>> openMappingReader(SourceConnection &connection, const SourceSpec &spec,
                                                        const ReadOptions &options)
{
    if (!spec.query.trimmed().isEmpty()) {
        if (connection.uri().kind != SourceKind::Sqlite)
            return Error::make(
                QStringLiteral("mapping.query-unsupported"),
                QStringLiteral("Source queries run on SQLite sources only; '%1' is a %2 source. "
                               "Use a join or a view instead.")
                    .arg(spec.source, sourceKindScheme(connection.uri().kind)));
        auto reader = std::make_unique<SqliteQueryReader>();
        if (auto s = reader->open(connection.uri().path, spec.query); !s)
            return s.error();
        return std::unique_ptr<SourceReader>(std::move(reader));
    }
    auto primary = connection.openReader(spec.table, options);
    if (!primary)
        return primary.error();
    if (spec.joins.isEmpty())
        return std::move(primary.value());

    QList<ColumnInfo> columns = (*primary)->columns();
    std::vector<Join> joins;
    for (const JoinSpec &js : spec.joins) {
        const QString alias = js.alias.isEmpty() ? js.table : js.alias;
        Join j;
        for (const QString &c : js.columns) {
            const int i = indexOf(columns, c);
            if (i < 0)
                return invalid(
                    QStringLiteral("The join of '%1' names the column '%2', which the rows do not have.")
                        .arg(js.table, c));
            j.primaryColumns.append(i);
        }
        auto related = connection.openReader(js.table, options);
        if (!related)
            return related.error();
        const QList<ColumnInfo> relatedColumns = (*related)->columns();
        QVector<int> relatedKey;
        for (const QString &c : js.relatedColumns) {
            const int i = indexOf(relatedColumns, c);
            if (i < 0)
                return invalid(QStringLiteral("The joined table '%1' has no column '%2'.").arg(js.table, c));
            relatedKey.append(i);
        }
        const int order = js.orderBy.isEmpty() ? -1 : indexOf(relatedColumns, js.orderBy);
        if (!js.orderBy.isEmpty() && order < 0)
            return invalid(QStringLiteral("The joined table '%1' has no column '%2' to order by.")
                               .arg(js.table, js.orderBy));
        RowBatch batch;
        for (;;) {
            batch.clear();
            auto more = (*related)->nextBatch(batch, 4096);
            if (!more)
                return more.error();
            for (const QVector<Value> &row : batch.rows) {
                const QString k = keyOf(row, relatedKey);
                if (k.isEmpty())
                    continue;
                auto it = j.rows.find(k);
                if (it == j.rows.end())
                    j.rows.insert(k, row);
                else if (order >= 0 && lessThan(row.at(order), it->at(order)))
                    *it = row;
            }
            if (!*more)
                break;
        }
        j.width = int(relatedColumns.size());
        for (ColumnInfo c : relatedColumns) {
            c.name = alias + QLatin1Char('.') + c.name;
            c.nullable = true;
            columns.append(c);
        }
        joins.push_back(std::move(j));
    }
    return std::unique_ptr<SourceReader>(
        new JoinReader(std::move(primary.value()), columns, std::move(joins)));
}

} // namespace ferry::mapping
