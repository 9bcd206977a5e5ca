// The outcome of a distributed run from what its ranks recorded: rank 0's result, a
// stop or a scheduler's cancel, and otherwise the rank that failed first, named with
// its log (a rank that never recorded its end is the cause, the ranks that failed in a
// collective after it are consequences).

#include "seekbench/projects/distributed_run.h"

#include <QtTest>

using namespace seekbench::projects;

namespace {

RankEnd ended(int rank, const std::string &status, const std::string &message = {})
{
    RankEnd e;
    e.rank = rank;
    e.reported = true;
    e.status = seekbench::parseTrainStatus(status).value_or(seekbench::TrainStatus::Failed);
    e.message = message;
    if (rank == 0)
        e.finalMetrics = {{"train/loss", 0.5}};
    return e;
}

RankEnd silent(int rank)
{
    RankEnd e;
    e.rank = rank;
    return e;
}

} // namespace

Q_DECLARE_METATYPE(std::vector<RankEnd>)
Q_DECLARE_METATYPE(EndContext)

class TestDistributedRun : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decides_data();
    void decides();
};

void TestDistributedRun::decides_data()
{
    QTest::addColumn<std::vector<RankEnd>>("ranks");
    QTest::addColumn<EndContext>("context");
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("failedRank");
    EndContext local;
    EndContext completed;
    completed.jobId = "42";
    completed.schedulerState = "COMPLETED";
    EndContext failedJob = completed;
    failedJob.schedulerState = "FAILED";
    EndContext timeout = completed;
    timeout.schedulerState = "TIMEOUT";
    EndContext cancelledJob = completed;
    cancelledJob.schedulerState = "CANCELLED";
    EndContext stopped;
    stopped.cancelRequested = true;
    EndContext launcherSaw;
    launcherSaw.firstFailedRank = 1;
    launcherSaw.firstFailedExitCode = 137;
    const std::string log1 = "; its log: runs/R/logs/rank-1.log";

    QTest::newRow("all finished") << std::vector<RankEnd>{ended(0, "finished"), ended(1, "finished")} << local
                                  << "finished"
                                  << "" << -1;
    QTest::newRow("early stop is finished")
        << std::vector<RankEnd>{ended(0, "early_stopped"), ended(1, "early_stopped")} << completed << "finished"
        << "" << -1;
    QTest::newRow("stopped") << std::vector<RankEnd>{ended(0, "cancelled"), ended(1, "cancelled")} << stopped
                             << "cancelled"
                             << "stopped on request" << -1;
    QTest::newRow("scancel") << std::vector<RankEnd>{ended(0, "cancelled"), silent(1)} << cancelledJob << "cancelled"
                             << "slurm job 42 was cancelled" << -1;
    QTest::newRow("killed rank, survivor failed in a collective")
        << std::vector<RankEnd>{ended(0, "failed", "Connection closed by peer"), silent(1)} << failedJob << "failed"
        << QString::fromStdString("slurm job 42: rank 1 ended without a result (killed or crashed)" + log1) << 1;
    QTest::newRow("the launcher saw rank 1 die")
        << std::vector<RankEnd>{ended(0, "cancelled"), silent(1)} << launcherSaw << "failed"
        << QString::fromStdString("rank 1 exited with code 137" + log1) << 1;
    QTest::newRow("a rank reports its failure")
        << std::vector<RankEnd>{ended(0, "finished"), ended(1, "failed", "out of memory")} << local << "failed"
        << QString::fromStdString("rank 1 failed: out of memory" + log1) << 1;
    QTest::newRow("diverged") << std::vector<RankEnd>{ended(0, "diverged", "loss is not finite"),
                                                      ended(1, "diverged", "loss is not finite")}
                              << local << "failed"
                              << "rank 0 diverged: loss is not finite; its log: runs/R/logs/rank-0.log" << 0;
    QTest::newRow("time limit") << std::vector<RankEnd>{ended(0, "finished"), ended(1, "finished")} << timeout
                                << "failed"
                                << "slurm job 42 ended TIMEOUT" << -1;
}

void TestDistributedRun::decides()
{
    QFETCH(std::vector<RankEnd>, ranks);
    QFETCH(EndContext, context);
    QFETCH(QString, status);
    QFETCH(QString, message);
    QFETCH(int, failedRank);
    const RunEnd end = decideRunEnd("R", ranks, context);
    QCOMPARE(QString::fromLatin1(seekbench::toString(end.status)), status);
    QCOMPARE(QString::fromStdString(end.message), message);
    QCOMPARE(end.failedRank, failedRank);
    // The global metrics are rank 0's whenever it reported.
    if (ranks[0].reported)
        QCOMPARE(end.finalMetrics.at("train/loss"), 0.5);
}

QTEST_GUILESS_MAIN(TestDistributedRun)
#include "test_distributed_run.moc"
