#pragma once
// Test thread: helpers for the workspace tests (raw SQLite access below the Workspace API).

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QString>
#include <QVariant>

#include <sqlite3.h>

#include <gtest/gtest.h>

namespace ferry::test {

inline QByteArray fileHash(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex();
}

/// Runs SQL on a fresh raw connection; returns the first column of the first row of the last statement, as
/// text.
inline QString rawSql(const QString &path, const QString &sql)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        ADD_FAILURE() << "cannot open " << path.toStdString();
        return {};
    }
    QString result;
    const QByteArray utf8 = sql.toUtf8();
    const char *tail = utf8.constData();
    while (tail && *tail) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, tail, -1, &st, &tail) != SQLITE_OK) {
            ADD_FAILURE() << "prepare failed: " << sqlite3_errmsg(db) << " in " << sql.toStdString();
            break;
        }
        if (!st) {
            continue;
        }
        bool first = true;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            if (first) {
                const unsigned char *text = sqlite3_column_text(st, 0);
                result = text ? QString::fromUtf8(reinterpret_cast<const char *>(text)) : QString();
                first = false;
            }
        }
        if (first) {
            result.clear();
        }
        if (rc != SQLITE_DONE) {
            ADD_FAILURE() << "step failed: " << sqlite3_errmsg(db) << " in " << sql.toStdString();
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return result;
}

} // namespace ferry::test
