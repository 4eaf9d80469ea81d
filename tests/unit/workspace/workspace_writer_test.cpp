#include <ferry/workspace/Workspace.h>
#include <ferry/workspace/WorkspaceReader.h>
#include <ferry/workspace/WorkspaceWriter.h>

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <vector>

using namespace ferry;
using namespace std::chrono_literals;

namespace {

const QString kInsertLog =
    "INSERT INTO run_log (run_id, table_name, partition_id, batch_id, batch_size, finished_at) "
    "VALUES (1, ?, 0, ?, 1, '2026-01-01T00:00:00Z')";

class WorkspaceWriterTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_dir.isValid());
        auto ws = Workspace::create(m_dir.filePath("w.ferry"));
        ASSERT_TRUE(ws.ok()) << ws.error().message.toStdString();
        m_ws = std::move(ws).value();
        m_writer = m_ws->writer();
        ASSERT_NE(m_writer, nullptr);
        ASSERT_TRUE(m_writer
                        ->submitAndWait([](WriteTransaction &tx) {
                            return tx.exec(
                                "INSERT INTO runs (id, started_at) VALUES (1, '2026-01-01T00:00:00Z')");
                        })
                        .ok());
    }

    qint64 count(const QString &where = "1") const
    {
        auto v = m_ws->reader().queryValue("SELECT count(*) FROM run_log WHERE " + where);
        EXPECT_TRUE(v.ok()) << (v.ok() ? "" : v.error().message.toStdString());
        return v.ok() ? v->toLongLong() : -1;
    }

    // A job that holds the writer thread until released, so that the jobs submitted meanwhile form one burst.
    // Returns once the gate job runs, so the gate's burst holds only the gate.
    quint64 submitGate(std::shared_future<void> open)
    {
        auto entered = std::make_shared<std::promise<void>>();
        auto enteredFuture = entered->get_future();
        const quint64 seq = m_writer->submit([open, entered](WriteTransaction &) mutable {
            if (entered) {
                entered->set_value();
                entered.reset(); // a retried gate must not set it twice
            }
            open.wait();
            return Status{};
        });
        EXPECT_EQ(enteredFuture.wait_for(std::chrono::seconds(10)), std::future_status::ready);
        return seq;
    }

    QTemporaryDir m_dir;
    std::unique_ptr<Workspace> m_ws;
    WorkspaceWriter *m_writer = nullptr;
};

TEST_F(WorkspaceWriterTest, DrainsQueuedJobsAsOneBurstInOrder)
{
    std::promise<void> gate;
    const quint64 gateSeq = submitGate(gate.get_future().share());
    const quint64 before = m_writer->transactionsCommitted();

    std::mutex mutex;
    std::vector<quint64> doneOrder;
    quint64 last = 0;
    for (int i = 1; i <= 500; ++i) {
        last = m_writer->submit(
            [i](WriteTransaction &tx) {
                return tx.exec(kInsertLog, {"t", i});
            },
            [&, i](const Status &s) {
                std::lock_guard lock(mutex);
                doneOrder.push_back(s.ok() ? quint64(i) : 0);
            });
    }
    EXPECT_EQ(last, gateSeq + 500);
    EXPECT_EQ(m_writer->lastSubmitted(), last);
    EXPECT_LT(m_writer->committedThrough(), gateSeq);
    EXPECT_FALSE(m_writer->waitForCommitted(gateSeq, 50ms)); // held by the gate
    gate.set_value();
    ASSERT_TRUE(m_writer->flush(30s));
    EXPECT_EQ(m_writer->committedThrough(), last);
    EXPECT_EQ(count(), 500);
    // The gate's burst, then the 500 queued jobs in one more transaction.
    EXPECT_EQ(m_writer->transactionsCommitted() - before, 2u);
    std::lock_guard lock(mutex);
    ASSERT_EQ(doneOrder.size(), 500u);
    for (size_t i = 0; i < doneOrder.size(); ++i) {
        EXPECT_EQ(doneOrder[i], i + 1);
    }
    // Rows went in in submission order.
    auto rows = m_ws->reader().query("SELECT batch_id FROM run_log ORDER BY id");
    ASSERT_TRUE(rows.ok());
    for (qsizetype i = 0; i < rows->size(); ++i) {
        ASSERT_EQ(rows->at(i).value(0).toLongLong(), i + 1);
    }
    EXPECT_TRUE(m_writer->takeFailures().isEmpty());
}

TEST_F(WorkspaceWriterTest, AFailingJobIsRolledBackAloneAndReported)
{
    std::promise<void> gate;
    submitGate(gate.get_future().share());
    const quint64 before = m_writer->transactionsCommitted();
    std::vector<quint64> seqs;
    std::vector<std::shared_future<Status>> outcomes;
    for (int i = 1; i <= 10; ++i) {
        auto promise = std::make_shared<std::promise<Status>>();
        outcomes.push_back(promise->get_future().share());
        seqs.push_back(m_writer->submit(
            [i](WriteTransaction &tx) -> Status {
                if (Status s = tx.exec(kInsertLog, {"t", i}); !s) {
                    return s;
                }
                if (i == 4) { // wrote a row, then decided to fail: the row must go
                    return Error::make("test.refused", "job 4 refuses");
                }
                if (i == 7) { // breaks a CHECK constraint
                    return tx.exec(
                        "INSERT INTO table_plan (plan_order, table_name, workers) VALUES (1, 'x', 0)");
                }
                if (i == 9) {
                    throw std::runtime_error("job 9 throws");
                }
                return tx.exec("INSERT INTO table_plan (plan_order, table_name) VALUES (?, ?)",
                               {i, QStringLiteral("t%1").arg(i)});
            },
            [promise](const Status &s) { promise->set_value(s); }));
    }
    gate.set_value();
    ASSERT_TRUE(m_writer->flush(30s));
    EXPECT_EQ(m_writer->transactionsCommitted() - before, 2u); // failures did not split the burst

    auto logged =
        m_ws->reader().query("SELECT group_concat(batch_id) FROM (SELECT batch_id FROM run_log ORDER BY 1)");
    ASSERT_TRUE(logged.ok());
    EXPECT_EQ(logged->at(0).value(0).toString(), "1,2,3,5,6,8,10");
    auto planned = m_ws->reader().queryValue("SELECT count(*) FROM table_plan");
    ASSERT_TRUE(planned.ok());
    EXPECT_EQ(planned->toLongLong(), 7);

    for (int i = 1; i <= 10; ++i) {
        ASSERT_EQ(outcomes[size_t(i - 1)].wait_for(5s), std::future_status::ready);
        EXPECT_EQ(outcomes[size_t(i - 1)].get().ok(), i != 4 && i != 7 && i != 9) << i;
    }
    EXPECT_EQ(outcomes[3].get().error().code, "test.refused");
    EXPECT_EQ(outcomes[6].get().error().code, "workspace.sql");
    EXPECT_TRUE(outcomes[6].get().error().message.contains("CHECK constraint"))
        << outcomes[6].get().error().message.toStdString();
    EXPECT_EQ(outcomes[8].get().error().code, "workspace.job-failed");

    const QList<WorkspaceWriter::Failure> failures = m_writer->takeFailures();
    ASSERT_EQ(failures.size(), 3);
    EXPECT_EQ(failures[0].sequence, seqs[3]);
    EXPECT_EQ(failures[1].sequence, seqs[6]);
    EXPECT_EQ(failures[2].sequence, seqs[8]);
    EXPECT_TRUE(m_writer->takeFailures().isEmpty());
}

TEST_F(WorkspaceWriterTest, AFailedCommitIsRetriedJobByJob)
{
    // A deferred foreign key is only checked at COMMIT, so this burst's commit fails as a whole; the writer
    // must then rerun the jobs one by one and lose only the bad one.
    std::promise<void> gate;
    submitGate(gate.get_future().share());
    std::vector<quint64> seqs;
    for (int i = 1; i <= 5; ++i) {
        seqs.push_back(m_writer->submit([i](WriteTransaction &tx) -> Status {
            if (i != 3) {
                return tx.exec(kInsertLog, {"t", i});
            }
            if (Status s = tx.exec("PRAGMA defer_foreign_keys = ON"); !s) {
                return s;
            }
            return tx.exec("INSERT INTO run_log (run_id, table_name, batch_id, batch_size, finished_at) "
                           "VALUES (999, 'orphan', 3, 1, 'now')");
        }));
    }
    gate.set_value();
    ASSERT_TRUE(m_writer->flush(30s));
    EXPECT_EQ(count(), 4);
    EXPECT_EQ(count("run_id = 999"), 0);
    const auto failures = m_writer->takeFailures();
    ASSERT_EQ(failures.size(), 1);
    EXPECT_EQ(failures[0].sequence, seqs[2]);
    EXPECT_TRUE(failures[0].error.message.contains("FOREIGN KEY")) << failures[0].error.message.toStdString();
}

TEST_F(WorkspaceWriterTest, ReadersSeeCommittedDataOnlyAndNeverBlockTheWriter)
{
    auto other = WorkspaceReader::open(m_ws->path()); // as a grid on another thread would
    ASSERT_TRUE(other.ok());
    std::promise<void> inserted;
    std::promise<void> release;
    auto releaseFuture = release.get_future().share();
    const quint64 seq = m_writer->submit([&](WriteTransaction &tx) -> Status {
        Status s = tx.exec(kInsertLog, {"visible-later", 1});
        inserted.set_value();
        releaseFuture.wait();
        return s;
    });
    ASSERT_EQ(inserted.get_future().wait_for(10s), std::future_status::ready);
    // The row is written but not committed: readers must not see it, and must not wait for the writer.
    auto during = (*other)->queryValue("SELECT count(*) FROM run_log");
    ASSERT_TRUE(during.ok()) << during.error().message.toStdString();
    EXPECT_EQ(during->toLongLong(), 0);
    EXPECT_EQ(count(), 0);
    release.set_value();
    ASSERT_TRUE(m_writer->waitForCommitted(seq, 10s));
    auto after = (*other)->queryValue("SELECT table_name FROM run_log");
    ASSERT_TRUE(after.ok());
    EXPECT_EQ(after->toString(), "visible-later");
}

TEST_F(WorkspaceWriterTest, InsertReturnsTheRowIdAndQuerySeesOwnWrites)
{
    qint64 id = 0;
    qint64 seen = -1;
    Status s = m_writer->submitAndWait([&](WriteTransaction &tx) -> Status {
        auto inserted = tx.insert(kInsertLog, {"own", 1});
        if (!inserted) {
            return inserted.error();
        }
        id = *inserted;
        auto rows = tx.query("SELECT count(*) FROM run_log WHERE id = ?", {id});
        if (!rows) {
            return rows.error();
        }
        seen = rows->at(0).value(0).toLongLong();
        return tx.exec("UPDATE run_log SET batch_size = 5 WHERE id = ?", {id});
    });
    ASSERT_TRUE(s.ok()) << s.error().message.toStdString();
    EXPECT_GT(id, 0);
    EXPECT_EQ(seen, 1);
    EXPECT_EQ(count("batch_size = 5"), 1);
}

TEST_F(WorkspaceWriterTest, StopFinishesQueuedJobsAndRefusesLaterOnes)
{
    for (int i = 1; i <= 100; ++i) {
        m_writer->submit([i](WriteTransaction &tx) { return tx.exec(kInsertLog, {"t", i}); });
    }
    m_writer->stop();
    EXPECT_EQ(m_writer->committedThrough(), m_writer->lastSubmitted());
    EXPECT_EQ(count(), 100);
    Status refused = Status{};
    EXPECT_EQ(
        m_writer->submit([](WriteTransaction &) { return Status{}; }, [&](const Status &s) { refused = s; }),
        0u);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, "workspace.writer-stopped");
    Status waited = m_writer->submitAndWait([](WriteTransaction &) { return Status{}; }, 1s);
    ASSERT_FALSE(waited.ok());
    EXPECT_EQ(waited.error().code, "workspace.writer-stopped");
}

TEST_F(WorkspaceWriterTest, ManySubmittersFromSeveralThreads)
{
    constexpr int kThreads = 4;
    constexpr int kPerThread = 250;
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([this, t] {
            for (int i = 0; i < kPerThread; ++i) {
                m_writer->submit([t, i](WriteTransaction &tx) {
                    return tx.exec(kInsertLog, {QStringLiteral("thread%1").arg(t), i});
                });
            }
        });
    }
    for (auto &t : threads) {
        t.join();
    }
    ASSERT_TRUE(m_writer->flush(30s));
    EXPECT_EQ(m_writer->committedThrough(), m_writer->lastSubmitted());
    EXPECT_EQ(count(), kThreads * kPerThread);
    EXPECT_EQ(count("table_name = 'thread2'"), kPerThread);
}

} // namespace
