// Main thread: generates (once) a 1,000,000-row, 38-column SQLite table shaped like the wide demo record
// (tests/data/emulator/org-wide.json, ferry_widerecord), then runs the dry-run core over it: SQLite reader,
// 38 field maps with validation against the target metadata, the UpsertMultiple payload of every row, its
// fingerprint, the delta lookup and the duplicate-key check. Prints | metric | ours | target | ratio |.
//
// Usage: bench_dryrun [--rows N]. Not part of ctest.

#include <ferry/mapping/DryRun.h>
#include <ferry/mapping/MappingSource.h>
#include <ferry/source/SourceConnection.h>
#include <ferry/target/Metadata.h>

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>

using namespace ferry;
using namespace ferry::mapping;

namespace {

// CPU seconds of this process: on a shared machine (other builds running) wall time says little about what
// the code costs; both are printed.
double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

bool exec(sqlite3 *db, const char *sql)
{
    char *err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::fprintf(stderr, "sqlite: %s\n", err ? err : "?");
        sqlite3_free(err);
        return false;
    }
    return true;
}

qint64 rowCount(const QString &path)
{
    if (!QFileInfo::exists(path))
        return -1;
    sqlite3 *db = nullptr;
    qint64 n = -1;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM Wide", -1, &st, nullptr) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}

// Deterministic pseudo-random numbers (xorshift), so every machine measures the same data.
quint64 g_state = 0x9E3779B97F4A7C15ULL;
quint64 next()
{
    g_state ^= g_state << 13;
    g_state ^= g_state >> 7;
    g_state ^= g_state << 17;
    return g_state;
}

std::string word(int minLen, int maxLen)
{
    static const char *const syllables[] = {"ka", "lo", "mi", "ne", "ru",  "sa",
                                            "ti", "vo", "xe", "zu", "ber", "don"};
    std::string s;
    const int len = minLen + int(next() % quint64(maxLen - minLen + 1));
    while (int(s.size()) < len) {
        s += syllables[next() % 12];
        if (next() % 5 == 0 && int(s.size()) < len - 1)
            s += ' ';
    }
    s.resize(size_t(len));
    return s;
}

bool generate(const QString &path, qint64 rows)
{
    QFile::remove(path);
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                        nullptr) != SQLITE_OK)
        return false;
    bool ok =
        exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;") &&
        exec(db,
             "CREATE TABLE Wide (Id INTEGER PRIMARY KEY, Name NVARCHAR(100), Code NVARCHAR(40), "
             "Text01 TEXT, Text02 TEXT, Text03 TEXT, Text04 TEXT, Text05 TEXT, Text06 TEXT, Text07 TEXT, "
             "Text08 TEXT, Text09 TEXT, Text10 TEXT, Int01 INTEGER, Int02 INTEGER, Int03 INTEGER, "
             "Int04 INTEGER, Int05 INTEGER, Int06 INTEGER, Dec01 NUMERIC(18,4), Dec02 NUMERIC(18,4), "
             "Dec03 NUMERIC(18,4), Dec04 NUMERIC(18,4), Money01 NUMERIC(19,2), Money02 NUMERIC(19,2), "
             "Money03 NUMERIC(19,2), Money04 NUMERIC(19,2), Flag01 BOOLEAN, Flag02 BOOLEAN, Flag03 BOOLEAN, "
             "Flag04 BOOLEAN, Date01 DATE, Date02 DATE, Date03 DATETIME, Date04 DATETIME, Choice01 INTEGER, "
             "Choice02 INTEGER, Choice03 INTEGER, Notes TEXT)") &&
        exec(db, "BEGIN");
    sqlite3_stmt *st = nullptr;
    ok = ok &&
         sqlite3_prepare_v2(db,
                            "INSERT INTO Wide VALUES "
                            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                            -1, &st, nullptr) == SQLITE_OK;
    const int textMax[] = {10, 20, 40, 50, 80, 100, 160, 200, 250, 400};
    char buf[64];
    for (qint64 r = 1; ok && r <= rows; ++r) {
        int c = 1;
        auto text = [&](const std::string &s) {
            sqlite3_bind_text(st, c++, s.c_str(), int(s.size()), SQLITE_TRANSIENT);
        };
        sqlite3_bind_int64(st, c++, r);
        text(word(6, 24));
        std::snprintf(buf, sizeof buf, "W-%08lld", static_cast<long long>(r));
        text(buf);
        for (int i = 0; i < 10; ++i)
            text(word(3, std::min(textMax[i], 24)));
        sqlite3_bind_int64(st, c++, qint64(next() % 4000000000ULL) - 2000000000LL);
        sqlite3_bind_int64(st, c++, qint64(next() % 2000000000ULL));
        sqlite3_bind_int64(st, c++, qint64(next() % 101));
        sqlite3_bind_int64(st, c++, qint64(next() % 2001) - 1000);
        sqlite3_bind_int64(st, c++, qint64(next() % 1000000000ULL));
        sqlite3_bind_int64(st, c++, 1 + qint64(next() % 12));
        for (int i = 0; i < 4; ++i)
            sqlite3_bind_double(st, c++, double(qint64(next() % 200000000) - 100000000) / 10000.0);
        for (int i = 0; i < 4; ++i)
            sqlite3_bind_double(st, c++, double(next() % 10000000) / 100.0);
        for (int i = 0; i < 4; ++i)
            sqlite3_bind_int(st, c++, int(next() % 2));
        for (int i = 0; i < 2; ++i) {
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", 1950 + int(next() % 70), 1 + int(next() % 12),
                          1 + int(next() % 28));
            text(buf);
        }
        for (int i = 0; i < 2; ++i) {
            std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", 2000 + int(next() % 25),
                          1 + int(next() % 12), 1 + int(next() % 28), int(next() % 24), int(next() % 60),
                          int(next() % 60));
            text(buf);
        }
        sqlite3_bind_int(st, c++, 100000000 + int(next() % 3));
        sqlite3_bind_int(st, c++, 100000000 + int(next() % 4));
        sqlite3_bind_int(st, c++, 100000000 + int(next() % 4));
        text(word(20, 60));
        ok = sqlite3_step(st) == SQLITE_DONE && sqlite3_reset(st) == SQLITE_OK;
    }
    sqlite3_finalize(st);
    ok = ok && exec(db, "COMMIT");
    sqlite3_close(db);
    return ok;
}

Mapping wideMapping()
{
    Mapping m;
    m.name = QStringLiteral("ferry_widerecord");
    m.source.source = QStringLiteral("bench");
    m.source.table = QStringLiteral("Wide");
    m.source.keyColumns = {QStringLiteral("Id")};
    m.targetEntity = QStringLiteral("ferry_widerecord");
    m.alternateKey = QStringLiteral("ferry_code");
    m.batchSize = 100;
    auto add = [&](const QString &target, const QString &source, QList<TransformSpec> steps = {}) {
        m.fields.append(FieldMap{target, {source}, steps, false, {}});
    };
    add(QStringLiteral("ferry_name"), QStringLiteral("Name"),
        {TransformSpec{QStringLiteral("trim"), nlohmann::json::object()}});
    add(QStringLiteral("ferry_code"), QStringLiteral("Code"));
    for (int i = 1; i <= 10; ++i)
        add(QStringLiteral("ferry_text%1").arg(i, 2, 10, QLatin1Char('0')),
            QStringLiteral("Text%1").arg(i, 2, 10, QLatin1Char('0')));
    for (int i = 1; i <= 6; ++i)
        add(QStringLiteral("ferry_int%1").arg(i, 2, 10, QLatin1Char('0')),
            QStringLiteral("Int%1").arg(i, 2, 10, QLatin1Char('0')));
    for (int i = 1; i <= 4; ++i)
        add(QStringLiteral("ferry_decimal%1").arg(i, 2, 10, QLatin1Char('0')),
            QStringLiteral("Dec%1").arg(i, 2, 10, QLatin1Char('0')));
    for (int i = 1; i <= 4; ++i)
        add(QStringLiteral("ferry_money%1").arg(i, 2, 10, QLatin1Char('0')),
            QStringLiteral("Money%1").arg(i, 2, 10, QLatin1Char('0')));
    for (int i = 1; i <= 4; ++i)
        add(QStringLiteral("ferry_flag%1").arg(i, 2, 10, QLatin1Char('0')),
            QStringLiteral("Flag%1").arg(i, 2, 10, QLatin1Char('0')));
    for (int i = 1; i <= 4; ++i)
        add(QStringLiteral("ferry_date%1").arg(i, 2, 10, QLatin1Char('0')),
            QStringLiteral("Date%1").arg(i, 2, 10, QLatin1Char('0')));
    for (int i = 1; i <= 3; ++i)
        add(QStringLiteral("ferry_choice%1").arg(i, 2, 10, QLatin1Char('0')),
            QStringLiteral("Choice%1").arg(i, 2, 10, QLatin1Char('0')));
    add(QStringLiteral("ferry_notes"), QStringLiteral("Notes"));
    return m;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    qint64 rows = 1000000;
    int runs = 2;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--rows") == 0)
            rows = std::atoll(argv[i + 1]);
        if (std::strcmp(argv[i], "--runs") == 0)
            runs = std::max(1, std::atoi(argv[i + 1]));
    }
    const double target = 200000.0;

    const QString path = QStringLiteral(FERRY_BENCH_DATA_DIR "/wide-%1.sqlite").arg(rows);
    if (rowCount(path) != rows) {
        std::printf("generating %lld rows x 38 columns into %s ...\n", static_cast<long long>(rows),
                    qPrintable(path));
        std::fflush(stdout);
        QElapsedTimer g;
        g.start();
        if (!generate(path, rows)) {
            std::fprintf(stderr, "cannot generate %s\n", qPrintable(path));
            return 1;
        }
        std::printf("  generated in %.1f s\n", double(g.elapsed()) / 1000.0);
    }

    QFile orgFile(QStringLiteral(FERRY_SOURCE_DIR "/tests/data/emulator/org-wide.json"));
    if (!orgFile.open(QIODevice::ReadOnly))
        return 1;
    auto model = target::parseOrg(orgFile.readAll());
    if (!model) {
        std::fprintf(stderr, "%s\n", qPrintable(model.error().message));
        return 1;
    }
    MappingSet set;
    set.mappings.append(wideMapping());
    const SourceOpener open = [&](const QString &) { return openSource(QStringLiteral("sqlite://") + path); };

    // 1. reading alone (the floor under everything else; the SQLite reader is the sources' code)
    double readWall = 0;
    double readCpu = 0;
    for (int run = 0; run < runs; ++run) {
        auto src = open(QString());
        auto reader = openMappingReader(**src, set.mappings.first().source);
        QElapsedTimer t;
        t.start();
        const double c0 = cpuSeconds();
        RowBatch batch;
        qint64 n = 0;
        for (bool more = true; more;) {
            batch.clear();
            auto r = (*reader)->nextBatch(batch, 2000);
            if (!r)
                return 1;
            more = *r;
            n += batch.rows.size();
        }
        const double wall = double(t.nsecsElapsed()) / 1e9;
        const double cpu = cpuSeconds() - c0;
        readWall = run == 0 ? wall : std::min(readWall, wall);
        readCpu = run == 0 ? cpu : std::min(readCpu, cpu);
        if (n != rows)
            return 1;
    }

    // 2. the dry-run core: reading + mapping + validation + payload + fingerprint + delta + duplicate keys
    double wall = 0;
    double cpu = 0;
    DryRunReport last;
    for (int run = 0; run < runs; ++run) {
        QElapsedTimer t;
        t.start();
        const double c0 = cpuSeconds();
        auto report = runDryRun(set, *model, open);
        const double w = double(t.nsecsElapsed()) / 1e9;
        const double c = cpuSeconds() - c0;
        if (!report) {
            std::fprintf(stderr, "%s\n", qPrintable(report.error().message));
            return 1;
        }
        last = *report;
        wall = run == 0 ? w : std::min(wall, w);
        cpu = run == 0 ? c : std::min(cpu, c);
    }
    const TableDryRun &table = last.tables.first();
    if (table.rows != rows || table.refused != 0) {
        std::fprintf(stderr, "unexpected: %lld rows, %lld refused\n", static_cast<long long>(table.rows),
                     static_cast<long long>(table.refused));
        for (const RowOutcome &o : table.samples)
            std::fprintf(stderr, "  %s\n", qPrintable(o.issues.first().message));
        return 1;
    }
    const double perWall = double(rows) / wall;
    const double perCpu = double(rows) / cpu;
    std::printf("\n| metric | ours | target | ratio |\n|---|---:|---:|---:|\n");
    std::printf("| dry run, %lld rows x 38 columns, rows/s (wall clock) | %.0f | %.0f | %.2f |\n",
                static_cast<long long>(rows), perWall, target, perWall / target);
    std::printf("| dry run, rows per CPU second (one core) | %.0f | %.0f | %.2f |\n", perCpu, target,
                perCpu / target);
    std::printf("| reading SQLite alone, rows per CPU second | %.0f | - | - |\n", double(rows) / readCpu);
    std::printf("| mapping + validation + payload + fingerprint + delta, CPU us per row | %.2f | - | - |\n",
                (cpu - readCpu) / double(rows) * 1e6);
    std::printf("\nbest of %d: dry run wall %.2f s, CPU %.2f s; reading alone wall %.2f s, CPU %.2f s\n",
                runs, wall, cpu, readWall, readCpu);
    std::printf(
        "would send %lld requests (UpsertMultiple x 100); estimated %.0f s under the service protection "
        "limits for 1 application user\n",
        static_cast<long long>(last.totalRequests), last.estimatedSeconds);
    return perWall >= target ? 0 : 2;
}
