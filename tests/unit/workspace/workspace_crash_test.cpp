// Crash consistency: a real process writing bursts through WorkspaceWriter is killed with SIGKILL; the file
// must open, pass integrity_check, and hold every burst reported committed, whole, and no partial burst.

#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceReader.h>

#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <spawn.h>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

using namespace ferry;

namespace {

// The child's stdout, read line by line with a deadline.
class Child
{
public:
    bool start(const std::string &exe, const std::string &path, int rowsPerBurst)
    {
        int fds[2];
        if (pipe(fds) != 0) {
            return false;
        }
        posix_spawn_file_actions_t actions;
        posix_spawn_file_actions_init(&actions);
        posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
        posix_spawn_file_actions_addclose(&actions, fds[0]);
        posix_spawn_file_actions_addclose(&actions, fds[1]);
        const std::string rows = std::to_string(rowsPerBurst);
        char *argv[] = {const_cast<char *>(exe.c_str()), const_cast<char *>(path.c_str()),
                        const_cast<char *>(rows.c_str()), nullptr};
        const int rc = posix_spawn(&m_pid, exe.c_str(), &actions, nullptr, argv, environ);
        posix_spawn_file_actions_destroy(&actions);
        close(fds[1]);
        m_fd = fds[0];
        return rc == 0;
    }

    // The next line, or an empty string on EOF or after the deadline.
    std::string readLine(std::chrono::milliseconds timeout)
    {
        const auto deadline = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            const auto nl = m_buffer.find('\n');
            if (nl != std::string::npos) {
                std::string line = m_buffer.substr(0, nl);
                m_buffer.erase(0, nl + 1);
                return line;
            }
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) {
                return {};
            }
            pollfd p{m_fd, POLLIN, 0};
            if (poll(&p, 1, static_cast<int>(left.count())) <= 0) {
                return {};
            }
            char chunk[4096];
            const ssize_t n = read(m_fd, chunk, sizeof chunk);
            if (n <= 0) {
                return {};
            }
            m_buffer.append(chunk, static_cast<size_t>(n));
        }
    }

    void kill9()
    {
        if (m_pid > 0) {
            ::kill(m_pid, SIGKILL);
            int status = 0;
            waitpid(m_pid, &status, 0);
            m_killedBySignal = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
            m_pid = -1;
        }
    }

    bool killedBySignal() const { return m_killedBySignal; }

    ~Child()
    {
        kill9();
        if (m_fd >= 0) {
            close(m_fd);
        }
    }

private:
    pid_t m_pid = -1;
    int m_fd = -1;
    std::string m_buffer;
    bool m_killedBySignal = false;
};

quint64 parseCommitted(const std::string &line)
{
    const std::string prefix = "committed ";
    if (line.rfind(prefix, 0) != 0) {
        return 0;
    }
    return std::stoull(line.substr(prefix.size()));
}

void killMidBurstAndCheck(int rowsPerBurst, int burstsBeforeKill, int extraMicroseconds)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QString path = dir.filePath("crash.ferry");
    ASSERT_TRUE(Workspace::create(path).ok());

    quint64 reported = 0;
    {
        Child child;
        ASSERT_TRUE(child.start(FERRY_BURST_WRITER_EXE, path.toStdString(), rowsPerBurst));
        ASSERT_EQ(child.readLine(std::chrono::seconds(30)), "ready");
        while (reported < quint64(burstsBeforeKill)) {
            const std::string line = child.readLine(std::chrono::seconds(30));
            ASSERT_FALSE(line.empty()) << "the burst writer stopped reporting";
            const quint64 burst = parseCommitted(line);
            ASSERT_EQ(burst, reported + 1) << line;
            reported = burst;
        }
        if (extraMicroseconds > 0) {
            usleep(static_cast<useconds_t>(extraMicroseconds));
        }
        child.kill9();
        ASSERT_TRUE(child.killedBySignal());
        // Lines already in the pipe were reported before the kill: they count too.
        for (std::string line = child.readLine(std::chrono::milliseconds(200)); !line.empty();
             line = child.readLine(std::chrono::milliseconds(200))) {
            const quint64 burst = parseCommitted(line);
            ASSERT_EQ(burst, reported + 1) << line;
            reported = burst;
        }
    }
    // The writer died with its connection open: the WAL is still there, to be recovered by the next open.
    EXPECT_TRUE(QFile::exists(path + "-wal"));

    auto ws = Workspace::open(path);
    ASSERT_TRUE(ws.ok()) << ws.error().message.toStdString();
    auto integrity = (*ws)->reader().queryValue("PRAGMA integrity_check");
    ASSERT_TRUE(integrity.ok()) << integrity.error().message.toStdString();
    EXPECT_EQ(integrity->toString(), "ok");
    auto bursts =
        (*ws)->reader().query("SELECT batch_id, count(*), count(DISTINCT partition_id) FROM run_log "
                              "WHERE table_name = 'burst' GROUP BY batch_id ORDER BY batch_id");
    ASSERT_TRUE(bursts.ok()) << bursts.error().message.toStdString();
    // Bursts commit in order, so the file holds exactly bursts 1..N, each whole, with N >= every reported
    // one.
    ASSERT_GE(quint64(bursts->size()), reported);
    for (qsizetype i = 0; i < bursts->size(); ++i) {
        const SqlRow &row = bursts->at(i);
        EXPECT_EQ(row.value(0).toLongLong(), i + 1);
        EXPECT_EQ(row.value(1).toLongLong(), rowsPerBurst) << "burst " << i + 1 << " is partial";
        EXPECT_EQ(row.value(2).toLongLong(), rowsPerBurst) << "burst " << i + 1;
    }
    std::printf("[          ] reported %llu, found %lld bursts\n", static_cast<unsigned long long>(reported),
                static_cast<long long>(bursts->size()));
}

TEST(WorkspaceCrashTest, KillNineAfterAFewBurstsKeepsEveryCommittedBurst)
{
    killMidBurstAndCheck(300, 2, 0);
}

TEST(WorkspaceCrashTest, KillNineAfterManyBurstsKeepsEveryCommittedBurst)
{
    killMidBurstAndCheck(300, 40, 0);
}

TEST(WorkspaceCrashTest, KillNineAtVariousPointsKeepsEveryCommittedBurst)
{
    // Different offsets into the writer's cycle, so the kill lands in different phases of a transaction.
    for (const int extra : {150, 700, 2300, 5100}) {
        SCOPED_TRACE(extra);
        killMidBurstAndCheck(300, 5 + extra % 11, extra);
        if (::testing::Test::HasFatalFailure()) {
            return;
        }
    }
}

TEST(WorkspaceCrashTest, KillNineDuringBurstsLargerThanTheCacheKeepsEveryCommittedBurst)
{
    // 30,000 rows (several MB) per transaction overflow SQLite's page cache, so uncommitted pages are already
    // in the WAL when the kill lands; recovery must ignore them.
    for (const int extra : {0, 20000}) {
        SCOPED_TRACE(extra);
        killMidBurstAndCheck(30000, 2, extra);
        if (::testing::Test::HasFatalFailure()) {
            return;
        }
    }
}

} // namespace
