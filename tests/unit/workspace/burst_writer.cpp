// workspace_burst_writer PATH ROWS_PER_BURST
// Writes bursts of ROWS_PER_BURST run_log rows (batch_id = burst number) through WorkspaceWriter as fast as
// it can, forever, and prints "committed <burst>" (flushed) once the writer confirms each burst's commit. The
// crash-consistency test kills it with SIGKILL and checks the file against what was reported.

#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QString>

#include <chrono>
#include <cstdio>
#include <cstdlib>

using namespace ferry;

int main(int argc, char *argv[])
{
    if (argc != 3) {
        std::fprintf(stderr, "usage: workspace_burst_writer PATH ROWS_PER_BURST\n");
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const int rows = std::atoi(argv[2]);
    auto ws = Workspace::open(path);
    if (!ws) {
        std::fprintf(stderr, "%s\n", qPrintable(ws.error().message));
        return 3;
    }
    WorkspaceWriter *writer = (*ws)->writer();
    if (!writer) {
        std::fprintf(stderr, "%s\n", qPrintable((*ws)->writerError().message));
        return 3;
    }
    Status run = writer->submitAndWait([](WriteTransaction &tx) {
        return tx.exec("INSERT OR IGNORE INTO runs (id, started_at) VALUES (1, '2026-01-01T00:00:00Z')");
    });
    if (!run) {
        std::fprintf(stderr, "%s\n", qPrintable(run.error().message));
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);

    // Several bursts in flight keep the writer busy, so a kill almost always lands inside a transaction.
    constexpr quint64 kInFlight = 4;
    quint64 firstSequence = 0;
    quint64 reported = 0;
    for (quint64 burst = 1;; ++burst) {
        const quint64 seq = writer->submit([burst, rows](WriteTransaction &tx) -> Status {
            for (int i = 0; i < rows; ++i) {
                Status s =
                    tx.exec("INSERT INTO run_log (run_id, table_name, partition_id, batch_id, batch_size, "
                            "write_time_ms, finished_at) VALUES (1, 'burst', ?, ?, ?, 0, "
                            "'2026-01-01T00:00:00Z')",
                            {i, burst, rows});
                if (!s) {
                    return s;
                }
            }
            return {};
        });
        if (firstSequence == 0) {
            firstSequence = seq;
        }
        if (burst <= kInFlight) {
            continue;
        }
        const quint64 waitFor = burst - kInFlight;
        if (!writer->waitForCommitted(firstSequence + waitFor - 1, std::chrono::seconds(30))) {
            std::fprintf(stderr, "writer stalled\n");
            return 1;
        }
        if (!writer->takeFailures().isEmpty()) {
            std::fprintf(stderr, "a burst failed\n");
            return 1;
        }
        for (quint64 b = reported + 1; b <= waitFor; ++b) {
            std::printf("committed %llu\n", static_cast<unsigned long long>(b));
        }
        reported = waitFor;
        std::fflush(stdout);
    }
}
