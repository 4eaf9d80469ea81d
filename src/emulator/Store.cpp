#include "Store.h"

#include "ODataQuery.h"

#include <sqlite3.h>

#include <cmath>

namespace ferry::emu {

std::string keyComponent(const nlohmann::json &v)
{
    if (v.is_string())
        return lowerAscii(v.get<std::string>()); // SQL collation of Dataverse is case-insensitive
    if (v.is_number_float()) {
        double d = v.get<double>();
        if (std::floor(d) == d && std::fabs(d) < 9e15)
            return std::to_string(static_cast<long long>(d));
        return v.dump();
    }
    return v.dump();
}

std::optional<std::string> compositeKey(const Entity &, const EntityKey &k, const Row &row)
{
    std::string out;
    for (int a : k.attrs) {
        const auto &c = row.cells[static_cast<size_t>(a)];
        if (c.is_null())
            return std::nullopt;
        if (!out.empty())
            out.push_back('\x1f');
        out += keyComponent(c);
    }
    return out;
}

Persistence::~Persistence()
{
    close();
}

bool Persistence::open(const std::string &path, std::string &error)
{
    if (sqlite3_open(path.c_str(), &m_db) != SQLITE_OK) {
        error = path + ": cannot open the data file: " + (m_db ? sqlite3_errmsg(m_db) : "out of memory");
        close();
        return false;
    }
    const char *ddl =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        "CREATE TABLE IF NOT EXISTS ferry_rows(tbl TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL,"
        " PRIMARY KEY(tbl, id)) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS ferry_assoc(rel TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL,"
        " PRIMARY KEY(rel, a, b)) WITHOUT ROWID;";
    char *msg = nullptr;
    if (sqlite3_exec(m_db, ddl, nullptr, nullptr, &msg) != SQLITE_OK) {
        error = path + ": not a usable ferry-emulator data file: " + (msg ? msg : "");
        sqlite3_free(msg);
        close();
        return false;
    }
    return true;
}

void Persistence::close()
{
    std::lock_guard lock(m_mu);
    if (m_db)
        sqlite3_close(m_db);
    m_db = nullptr;
}

void Persistence::write(
    const std::vector<std::tuple<std::string, std::string, std::optional<std::string>>> &rows,
    const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> &assocs)
{
    std::lock_guard lock(m_mu);
    if (!m_db || (rows.empty() && assocs.empty()))
        return;
    sqlite3_exec(m_db, "BEGIN", nullptr, nullptr, nullptr);
    sqlite3_stmt *up = nullptr, *del = nullptr;
    sqlite3_prepare_v2(m_db, "INSERT OR REPLACE INTO ferry_rows(tbl,id,data) VALUES(?,?,?)", -1, &up,
                       nullptr);
    sqlite3_prepare_v2(m_db, "DELETE FROM ferry_rows WHERE tbl=? AND id=?", -1, &del, nullptr);
    for (const auto &[tbl, id, data] : rows) {
        sqlite3_stmt *st = data ? up : del;
        sqlite3_reset(st);
        sqlite3_bind_text(st, 1, tbl.c_str(), static_cast<int>(tbl.size()), SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, id.c_str(), static_cast<int>(id.size()), SQLITE_TRANSIENT);
        if (data)
            sqlite3_bind_text(st, 3, data->c_str(), static_cast<int>(data->size()), SQLITE_TRANSIENT);
        sqlite3_step(st);
    }
    sqlite3_finalize(up);
    sqlite3_finalize(del);
    for (const auto &[rel, pairs] : assocs) {
        sqlite3_stmt *d = nullptr, *ins = nullptr;
        sqlite3_prepare_v2(m_db, "DELETE FROM ferry_assoc WHERE rel=?", -1, &d, nullptr);
        sqlite3_bind_text(d, 1, rel.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_step(d);
        sqlite3_finalize(d);
        sqlite3_prepare_v2(m_db, "INSERT OR IGNORE INTO ferry_assoc(rel,a,b) VALUES(?,?,?)", -1, &ins,
                           nullptr);
        for (const auto &p : pairs) {
            sqlite3_reset(ins);
            sqlite3_bind_text(ins, 1, rel.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(ins, 2, p.first.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(ins, 3, p.second.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_step(ins);
        }
        sqlite3_finalize(ins);
    }
    sqlite3_exec(m_db, "COMMIT", nullptr, nullptr, nullptr);
}

void Persistence::wipe()
{
    std::lock_guard lock(m_mu);
    if (m_db)
        sqlite3_exec(m_db, "DELETE FROM ferry_rows; DELETE FROM ferry_assoc;", nullptr, nullptr, nullptr);
}

void Persistence::loadRows(std::vector<std::tuple<std::string, std::string, std::string>> &out)
{
    std::lock_guard lock(m_mu);
    if (!m_db)
        return;
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(m_db, "SELECT tbl, id, data FROM ferry_rows", -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW)
        out.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)),
                         reinterpret_cast<const char *>(sqlite3_column_text(st, 1)),
                         reinterpret_cast<const char *>(sqlite3_column_text(st, 2)));
    sqlite3_finalize(st);
}

void Persistence::loadAssocs(std::vector<std::tuple<std::string, std::string, std::string>> &out)
{
    std::lock_guard lock(m_mu);
    if (!m_db)
        return;
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(m_db, "SELECT rel, a, b FROM ferry_assoc", -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW)
        out.emplace_back(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)),
                         reinterpret_cast<const char *>(sqlite3_column_text(st, 1)),
                         reinterpret_cast<const char *>(sqlite3_column_text(st, 2)));
    sqlite3_finalize(st);
}

} // namespace ferry::emu
