// Main thread: generates the benchmark databases, then measures discovery, load planning, profiling and
// the Catalog page (tree shown, time per filter keystroke). Prints | metric | ours | target | ratio |.
//
// Usage: bench_catalog [--tables N] [--rows N] [--no-gui] [--keep DIR]
// Runs offscreen unless QT_QPA_PLATFORM is set. Not part of ctest.

#include "MainWindow.h"
#include "catalog/CatalogPage.h"

#include <ferry/catalog/CatalogStore.h>
#include <ferry/catalog/Discovery.h>
#include <ferry/catalog/LoadOrder.h>
#include <ferry/catalog/Profiler.h>
#include <ferry/source/SourceConnection.h>
#include <ferry/source/SourceUri.h>
#include <ferry/workspace/Workspace.h>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeView>

#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

namespace {

struct Figure
{
    std::string metric;
    double ours = 0; // seconds or milliseconds, see unit
    double target = 0;
    std::string unit;
};

std::vector<Figure> g_figures;

void record(const std::string &metric, double ours, double target, const std::string &unit)
{
    g_figures.push_back({metric, ours, target, unit});
    std::printf("  %-44s %10.3f %s\n", metric.c_str(), ours, unit.c_str());
    std::fflush(stdout);
}

bool exec(sqlite3 *db, const std::string &sql)
{
    char *err = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::fprintf(stderr, "sqlite: %s\n  in: %.200s\n", err ? err : "?", sql.c_str());
        sqlite3_free(err);
        return false;
    }
    return true;
}

// Deterministic pseudo-random numbers (no std::random engines: their distributions are not portable).
struct Lcg
{
    quint64 state;
    quint32 next()
    {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        return quint32(state >> 33);
    }
    int below(int n) { return int(next() % quint32(n)); }
};

std::string tableName(int i)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "t_%04d", i);
    return buf;
}

// `tables` tables of 40 columns each: id, up to 3 foreign keys to earlier tables (every 150th table also
// references itself), the rest mixed types; 3 rows per table.
bool generateWide(const QString &path, int tables)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return false;
    bool ok = exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN");
    Lcg rng{42};
    static const char *const kTypes[] = {"INTEGER", "TEXT", "VARCHAR(80)", "DECIMAL(12,2)",
                                         "REAL",    "DATE", "DATETIME",    "BOOLEAN"};
    for (int t = 0; t < tables && ok; ++t) {
        const int fks = t == 0 ? 0 : std::min(t, rng.below(4));
        const bool self = t % 150 == 7;
        std::string ddl = "CREATE TABLE " + tableName(t) + " (id INTEGER PRIMARY KEY";
        std::string constraints;
        std::vector<std::string> cols;
        for (int f = 0; f < fks; ++f) {
            const int target = rng.below(t);
            const std::string c = "ref" + std::to_string(f) + "_id";
            ddl += ", " + c + " INTEGER";
            constraints += ", FOREIGN KEY (" + c + ") REFERENCES " + tableName(target) + "(id)";
            cols.push_back(c);
        }
        if (self) {
            ddl += ", parent_id INTEGER";
            constraints += ", FOREIGN KEY (parent_id) REFERENCES " + tableName(t) + "(id)";
            cols.push_back("parent_id");
        }
        const int rest = 39 - int(cols.size());
        for (int c = 0; c < rest; ++c)
            ddl += ", c" + std::to_string(c) + " " + kTypes[(t + c) % 8] +
                   (c % 5 == 0 ? " NOT NULL DEFAULT 0" : "");
        ddl += constraints + ")";
        ok = exec(db, ddl);
        for (int r = 1; r <= 3 && ok; ++r) {
            std::string ins = "INSERT INTO " + tableName(t) + " (id";
            std::string vals = std::to_string(r);
            for (const std::string &c : cols) {
                ins += ", " + c;
                vals += ", " + std::to_string(r == 3 ? 1 : r);
            }
            ok = exec(db, ins + ") VALUES (" + vals + ")");
        }
    }
    ok = ok && exec(db, "COMMIT");
    sqlite3_close(db);
    return ok;
}

// One table of `rows` rows, 10 mixed columns (ints, decimals, text, dates as text, nulls).
bool generateBig(const QString &path, int rows)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(path.toUtf8().constData(), &db) != SQLITE_OK)
        return false;
    bool ok = exec(db, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; BEGIN") &&
              exec(db, "CREATE TABLE big (id INTEGER PRIMARY KEY, code TEXT NOT NULL, qty INTEGER, "
                       "price DECIMAL(12,2), ratio REAL, name VARCHAR(60), city TEXT, created TEXT, "
                       "flag BOOLEAN, note TEXT)");
    sqlite3_stmt *st = nullptr;
    ok = ok && sqlite3_prepare_v2(db, "INSERT INTO big VALUES (?,?,?,?,?,?,?,?,?,?)", -1, &st, nullptr) ==
                   SQLITE_OK;
    static const char *const kCities[] = {"Lyon", "Zürich", "Porto", "Kraków", "Oslo", "Gent", "Bari"};
    Lcg rng{7};
    char buf[64];
    for (int r = 1; r <= rows && ok; ++r) {
        sqlite3_bind_int64(st, 1, r);
        std::snprintf(buf, sizeof buf, "C%07d", r);
        sqlite3_bind_text(st, 2, buf, -1, SQLITE_TRANSIENT);
        if (r % 10 == 0)
            sqlite3_bind_null(st, 3);
        else
            sqlite3_bind_int(st, 3, rng.below(1000));
        std::snprintf(buf, sizeof buf, "%d.%02d", rng.below(10000), rng.below(100));
        sqlite3_bind_text(st, 4, buf, -1, SQLITE_TRANSIENT);
        sqlite3_bind_double(st, 5, rng.below(1000000) / 1000.0);
        std::snprintf(buf, sizeof buf, "Customer %d", rng.below(50000));
        sqlite3_bind_text(st, 6, buf, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 7, kCities[r % 7], -1, SQLITE_STATIC);
        std::snprintf(buf, sizeof buf, "20%02d-%02d-%02d", 10 + rng.below(15), 1 + rng.below(12),
                      1 + rng.below(28));
        sqlite3_bind_text(st, 8, buf, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(st, 9, r % 2);
        if (r % 3 == 0)
            sqlite3_bind_null(st, 10);
        else
            sqlite3_bind_text(st, 10, "note", -1, SQLITE_STATIC);
        ok = sqlite3_step(st) == SQLITE_DONE;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    ok = ok && exec(db, "COMMIT");
    sqlite3_close(db);
    return ok;
}

int levels(const ferry::LoadPlan &plan)
{
    int top = -1;
    for (const ferry::LoadStep &step : plan.steps)
        top = std::max(top, step.level);
    return top + 1;
}

// CPU time of this thread: on a busy machine the wall time says more about the other processes.
double threadCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) / 1e9;
}

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

void printTable()
{
    std::printf("\n| metric | ours | target | ratio |\n|---|---:|---:|---:|\n");
    for (const Figure &f : g_figures) {
        std::printf("| %s | %.3f %s | %.3f %s | %.2f |\n", f.metric.c_str(), f.ours, f.unit.c_str(), f.target,
                    f.unit.c_str(), f.target > 0 ? f.ours / f.target : 0.0);
    }
    std::printf("\nratio = ours / target (< 1 meets the target)\n");
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    int tables = 4500;
    int rows = 1000000;
    bool gui = true;
    QString keep;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--tables" && i + 1 < argc)
            tables = std::atoi(argv[++i]);
        else if (a == "--rows" && i + 1 < argc)
            rows = std::atoi(argv[++i]);
        else if (a == "--no-gui")
            gui = false;
        else if (a == "--keep" && i + 1 < argc)
            keep = QString::fromLocal8Bit(argv[++i]);
    }
    QApplication app(argc, argv);
    QTemporaryDir tmp;
    const QString dir = keep.isEmpty() ? tmp.path() : keep;
    QDir().mkpath(dir);
    QStandardPaths::setTestModeEnabled(true);
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir + QStringLiteral("/settings"));

    const QString widePath = dir + QStringLiteral("/wide.sqlite");
    const QString bigPath = dir + QStringLiteral("/big.sqlite");
    QFile::remove(widePath);
    QFile::remove(bigPath);

    std::printf("Generating %d tables and a %d-row table in %s\n", tables, rows, qPrintable(dir));
    QElapsedTimer timer;
    timer.start();
    if (!generateWide(widePath, tables) || !generateBig(bigPath, rows)) {
        std::fprintf(stderr, "generation failed\n");
        return 1;
    }
    std::printf("  generated in %.1f s\n\n", double(timer.elapsed()) / 1000.0);

    // (1) discovery of the wide database.
    const auto wideUri = ferry::SourceUri::fromLocalPath(widePath);
    if (!wideUri) {
        std::fprintf(stderr, "%s\n", qPrintable(wideUri.error().message));
        return 1;
    }
    ferry::DiscoveryOptions options;
    options.sourceName = QStringLiteral("bench");
    timer.restart();
    double cpu = threadCpuSeconds();
    ferry::DiscoveryResult discovered = ferry::Discovery::run(*wideUri, options);
    const double discoverySeconds = double(timer.nsecsElapsed()) / 1e9;
    const double discoveryCpu = threadCpuSeconds() - cpu;
    if (!discovered.ok() || discovered.catalog.tables.size() != tables) {
        std::fprintf(stderr, "discovery failed: %s (%d tables)\n", qPrintable(discovered.error.message),
                     int(discovered.catalog.tables.size()));
        return 1;
    }
    int fkCount = 0, columnCount = 0;
    for (const ferry::CatalogTable &t : std::as_const(discovered.catalog.tables)) {
        fkCount += int(t.foreignKeys.size());
        columnCount += int(t.columns.size());
    }
    std::printf("Discovered %d tables, %d columns, %d foreign keys, %d deferred lookups, %d levels\n",
                int(discovered.catalog.tables.size()), columnCount, fkCount,
                int(discovered.loadPlan.deferred.size()), levels(discovered.loadPlan));
    record("discovery, " + std::to_string(tables) + " tables (incl. load plan)", discoverySeconds, 10.0, "s");
    record("  same, CPU time of the thread", discoveryCpu, 10.0, "s");

    // (2) load order alone.
    timer.restart();
    const ferry::LoadPlan plan = ferry::planLoadOrder(discovered.catalog.tables);
    record("planLoadOrder, " + std::to_string(tables) + " tables", double(timer.nsecsElapsed()) / 1e6, 1000.0,
           "ms");
    if (plan.steps.size() != tables)
        std::fprintf(stderr, "plan has %d steps\n", int(plan.steps.size()));

    // (3) profile of the big table.
    {
        auto conn = ferry::openSource(*ferry::SourceUri::fromLocalPath(bigPath));
        if (!conn) {
            std::fprintf(stderr, "%s\n", qPrintable(conn.error().message));
            return 1;
        }
        timer.restart();
        cpu = threadCpuSeconds();
        auto profiles = ferry::profileTable(**conn, QStringLiteral("big"));
        const double s = double(timer.nsecsElapsed()) / 1e9;
        cpu = threadCpuSeconds() - cpu;
        if (!profiles || profiles->isEmpty() || profiles->first().rows != rows) {
            std::fprintf(stderr, "profile failed: %s\n",
                         profiles ? "wrong row count" : qPrintable(profiles.error().message));
            return 1;
        }
        record("profileTable, " + std::to_string(rows) + " rows x 10 columns", s, 5.0, "s");
        record("  same, CPU time of the thread", cpu, 5.0, "s");
    }

    if (!gui) {
        printTable();
        return 0;
    }

    // (4) the Catalog page on a workspace holding the catalog.
    const QString wsPath = dir + QStringLiteral("/bench.ferry");
    QFile::remove(wsPath);
    {
        auto ws = ferry::Workspace::create(wsPath);
        if (!ws || !(*ws)->writer()) {
            std::fprintf(stderr, "workspace: %s\n", ws ? "no writer" : qPrintable(ws.error().message));
            return 1;
        }
        timer.restart();
        const ferry::Status saved = ferry::CatalogStore::save(*(*ws)->writer(), discovered.catalog);
        if (!saved) {
            std::fprintf(stderr, "save: %s\n", qPrintable(saved.error().message));
            return 1;
        }
        record("CatalogStore::save, " + std::to_string(tables) + " tables",
               double(timer.nsecsElapsed()) / 1e9, 10.0, "s");
    }

    ferry::ui::MainWindow window;
    window.resize(1280, 800);
    window.showPage(QStringLiteral("catalog"));
    window.show();
    QApplication::processEvents();
    auto *page = qobject_cast<ferry::ui::CatalogPage *>(window.page(QStringLiteral("catalog")));
    timer.restart();
    if (!window.openWorkspace(wsPath)) {
        std::fprintf(stderr, "could not open the workspace\n");
        return 1;
    }
    QApplication::processEvents();
    const double shownSeconds = double(timer.nsecsElapsed()) / 1e9;
    const QModelIndex sourceIndex = page->filterModel()->index(0, 0);
    const int shownTables = page->filterModel()->rowCount(sourceIndex);
    std::printf("Tree shows %d tables\n", shownTables);
    record("open workspace + tree shown, " + std::to_string(tables) + " tables", shownSeconds, 1.0, "s");

    auto *filter = page->findChild<QLineEdit *>(QStringLiteral("filterEdit"));
    auto *tree = page->findChild<QTreeView *>(QStringLiteral("catalogTree"));
    const QString typed = QStringLiteral("t_12");
    std::vector<double> keystrokes;
    auto keystroke = [&](const QString &text) {
        QElapsedTimer k;
        k.start();
        filter->setText(text);
        QApplication::processEvents();
        tree->viewport()->repaint(); // include painting the visible rows
        keystrokes.push_back(double(k.nsecsElapsed()) / 1e6);
    };
    for (int i = 1; i <= typed.size(); ++i)
        keystroke(typed.left(i));
    const int filtered = page->filterModel()->rowCount(page->filterModel()->index(0, 0));
    std::printf("Filter \"%s\" shows %d tables\n", qPrintable(typed), filtered);
    QDir().mkpath(QStringLiteral(FERRY_SCREENSHOT_DIR));
    const QString shot = QStringLiteral(FERRY_SCREENSHOT_DIR "/catalog-4500.png");
    // Selecting a filtered table shows its details on the screenshot too.
    page->selectTable(QStringLiteral("bench"), QStringLiteral("t_1207"));
    QApplication::processEvents();
    if (!window.grab().save(shot))
        std::fprintf(stderr, "could not save %s\n", qPrintable(shot));
    else
        std::printf("Screenshot: %s\n", qPrintable(shot));
    for (int i = typed.size() - 1; i >= 0; --i)
        keystroke(typed.left(i));
    std::printf("Keystrokes (ms):");
    for (double k : keystrokes)
        std::printf(" %.1f", k);
    std::printf("\n");
    record("filter keystroke, median", median(keystrokes), 100.0, "ms");
    record("filter keystroke, max", *std::max_element(keystrokes.begin(), keystrokes.end()), 100.0, "ms");

    window.closeWorkspace();
    printTable();
    return 0;
}
