#include "workspace/Sqlite.h"

#include <QDateTime>

#include <sqlite3.h>

namespace ferry::sqlite {

namespace {

constexpr int kBusyTimeoutMs = 10000;

bool bindValue(sqlite3_stmt *st, int index, const QVariant &v)
{
    if (!v.isValid() || v.isNull()) {
        return sqlite3_bind_null(st, index) == SQLITE_OK;
    }
    switch (v.typeId()) {
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::Long:
    case QMetaType::LongLong:
    case QMetaType::Short:
    case QMetaType::UShort:
    case QMetaType::ULong:
    case QMetaType::ULongLong:
        return sqlite3_bind_int64(st, index, v.toLongLong()) == SQLITE_OK;
    case QMetaType::Double:
    case QMetaType::Float:
        return sqlite3_bind_double(st, index, v.toDouble()) == SQLITE_OK;
    case QMetaType::QByteArray: {
        const QByteArray bytes = v.toByteArray();
        return sqlite3_bind_blob64(st, index, bytes.constData(), static_cast<sqlite3_uint64>(bytes.size()),
                                   SQLITE_TRANSIENT) == SQLITE_OK;
    }
    default: {
        const QByteArray utf8 = v.toString().toUtf8();
        return sqlite3_bind_text64(st, index, utf8.constData(), static_cast<sqlite3_uint64>(utf8.size()),
                                   SQLITE_TRANSIENT, SQLITE_UTF8) == SQLITE_OK;
    }
    }
}

QVariant columnValue(sqlite3_stmt *st, int i)
{
    switch (sqlite3_column_type(st, i)) {
    case SQLITE_INTEGER:
        return QVariant(static_cast<qint64>(sqlite3_column_int64(st, i)));
    case SQLITE_FLOAT:
        return QVariant(sqlite3_column_double(st, i));
    case SQLITE_TEXT:
        return QVariant(QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, i)),
                                          sqlite3_column_bytes(st, i)));
    case SQLITE_BLOB: {
        const void *data = sqlite3_column_blob(st, i);
        return QVariant(QByteArray(static_cast<const char *>(data), sqlite3_column_bytes(st, i)));
    }
    default:
        return QVariant();
    }
}

Status stepAll(sqlite3 *db, sqlite3_stmt *st, const QString &path, const QString &sql,
               const QVariantList &binds, QList<SqlRow> *rows)
{
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    if (binds.size() > sqlite3_bind_parameter_count(st)) {
        return Error::make("workspace.sql",
                           QStringLiteral("Workspace '%1': statement takes %2 values but %3 were "
                                          "given: %4")
                               .arg(path)
                               .arg(sqlite3_bind_parameter_count(st))
                               .arg(binds.size())
                               .arg(sql));
    }
    for (int i = 0; i < binds.size(); ++i) {
        if (!bindValue(st, i + 1, binds.at(i))) {
            return makeError(db, path, QStringLiteral("binding value %1 of '%2'").arg(i + 1).arg(sql));
        }
    }
    const int columns = sqlite3_column_count(st);
    for (;;) {
        const int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE) {
            break;
        }
        if (rc == SQLITE_ROW) {
            if (rows) {
                SqlRow row;
                row.reserve(columns);
                for (int c = 0; c < columns; ++c) {
                    row.append(columnValue(st, c));
                }
                rows->append(std::move(row));
            }
            continue;
        }
        Error error = makeError(db, path, QStringLiteral("running '%1'").arg(sql),
                                rc == SQLITE_INTERRUPT ? QStringLiteral("workspace.interrupted")
                                                       : QStringLiteral("workspace.sql"));
        sqlite3_reset(st);
        return error;
    }
    // Reset at once so a finished SELECT does not hold its read snapshot open.
    sqlite3_reset(st);
    return {};
}

} // namespace

Result<sqlite3 *> openConnection(const QString &path, int flags)
{
    sqlite3 *db = nullptr;
    const int rc = sqlite3_open_v2(path.toUtf8().constData(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        Error error =
            Error::make("workspace.io", QStringLiteral("Cannot open workspace '%1': %2. Check that the "
                                                       "file exists and that you may read and write it.")
                                            .arg(path, db ? QString::fromUtf8(sqlite3_errmsg(db))
                                                          : QString::fromUtf8(sqlite3_errstr(rc))));
        sqlite3_close_v2(db);
        return error;
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);
    return db;
}

void closeConnection(sqlite3 *db, QHash<QString, sqlite3_stmt *> *cache)
{
    if (cache) {
        for (sqlite3_stmt *st : std::as_const(*cache)) {
            sqlite3_finalize(st);
        }
        cache->clear();
    }
    if (db) {
        sqlite3_close_v2(db);
    }
}

Error makeError(sqlite3 *db, const QString &path, const QString &what, const QString &code)
{
    return Error::make(
        code,
        QStringLiteral("Workspace '%1': %2 failed: %3")
            .arg(path, what, db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("no connection")));
}

Status execScript(sqlite3 *db, const QString &path, const QString &sql)
{
    char *message = nullptr;
    const int rc = sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) {
        return {};
    }
    const QString text = message ? QString::fromUtf8(message) : QString::fromUtf8(sqlite3_errstr(rc));
    sqlite3_free(message);
    const QString shortSql = sql.simplified().left(120);
    return Error::make(rc == SQLITE_INTERRUPT ? "workspace.interrupted" : "workspace.sql",
                       QStringLiteral("Workspace '%1': running '%2' failed: %3").arg(path, shortSql, text));
}

Status run(sqlite3 *db, QHash<QString, sqlite3_stmt *> &cache, const QString &path, const QString &sql,
           const QVariantList &binds, QList<SqlRow> *rows)
{
    sqlite3_stmt *st = cache.value(sql, nullptr);
    if (!st) {
        const QByteArray utf8 = sql.toUtf8();
        if (sqlite3_prepare_v3(db, utf8.constData(), static_cast<int>(utf8.size()), SQLITE_PREPARE_PERSISTENT,
                               &st, nullptr) != SQLITE_OK) {
            sqlite3_finalize(st);
            return makeError(db, path, QStringLiteral("preparing '%1'").arg(sql));
        }
        if (!st) { // empty statement (only whitespace or a comment)
            return {};
        }
        cache.insert(sql, st);
    }
    return stepAll(db, st, path, sql, binds, rows);
}

Result<QVariant> scalar(sqlite3 *db, const QString &path, const QString &sql, const QVariantList &binds)
{
    QHash<QString, sqlite3_stmt *> cache;
    QList<SqlRow> rows;
    Status status = run(db, cache, path, sql, binds, &rows);
    for (sqlite3_stmt *st : std::as_const(cache)) {
        sqlite3_finalize(st);
    }
    if (!status) {
        return status.error();
    }
    if (rows.isEmpty() || rows.first().isEmpty()) {
        return QVariant();
    }
    return rows.first().first();
}

QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace ferry::sqlite
