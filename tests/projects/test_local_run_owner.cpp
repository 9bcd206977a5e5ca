// The owner of a run whose ranks run on this machine: runs the ranks, then records the end
// the launcher saw (the ranks here never write: as if killed before their first segment).

#include "seekbench/projects/distributed_start.h"
#include "seekbench/projects/local_run_owner.h"
#include "seekbench/projects/run_store.h"
#include "test_support.h"

#include <QtTest>

using namespace seekbench;
using namespace seekbench::projects;

Q_DECLARE_METATYPE(LocalRanksEnd)

class TestLocalRunOwner : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

private Q_SLOTS:
    void recordsTheEnd_data()
    {
        QTest::addColumn<LocalRanksEnd>("ranks");
        QTest::addColumn<QString>("status");
        QTest::addColumn<QString>("message");
        QTest::newRow("stopped") << LocalRanksEnd{true, -1, 0} << "cancelled"
                                 << "stopped on request";
        QTest::newRow("rank 1 killed") << LocalRanksEnd{false, 1, 137} << "failed"
                                       << "rank 1 exited with code 137";
        QTest::newRow("no result") << LocalRanksEnd{false, -1, 0} << "failed"
                                   << "rank 0 ended without a result";
    }

    void recordsTheEnd()
    {
        QFETCH(LocalRanksEnd, ranks);
        QFETCH(QString, status);
        QFETCH(QString, message);
        Project p = testsupport::makeProject(testsupport::tempPath(m_tmp, QTest::currentDataTag()), "segments");
        const DistributedRunStart start = beginDistributedRun(p, RunConfig{}, "", 2, "");
        int calls = 0;
        const RunEnd end = ownLocalRun(p, start.runId, [&] {
            ++calls;
            return ranks;
        });
        QCOMPARE(calls, 1);
        QCOMPARE(QString::fromLatin1(toString(end.status)), status);
        QVERIFY2(QString::fromStdString(end.message).contains(message), end.message.c_str());
        const RunRecord run = RunStore(p).run(start.runId);
        QCOMPARE(QString::fromLatin1(toString(run.status)), status);
        QCOMPARE(run.message, end.message);
    }

    void failureToRecordIsNamed()
    {
        Project p = testsupport::makeProject(testsupport::tempPath(m_tmp, "deleted"), "segments");
        const DistributedRunStart start = beginDistributedRun(p, RunConfig{}, "", 2, "");
        try {
            ownLocalRun(p, start.runId, [&] {
                RunStore store(p); // the run is gone when the ranks end
                store.setStatus(start.runId, RunStatus::Failed);
                store.deleteRun(start.runId);
                return LocalRanksEnd{};
            });
            QFAIL("no exception");
        } catch (const std::runtime_error &e) {
            QVERIFY2(std::string(e.what()).find("recording the end of run " + start.runId + " failed") == 0, e.what());
        }
    }

    void whatTheRanksThrowPassesThrough()
    {
        Project p = testsupport::makeProject(testsupport::tempPath(m_tmp, "throws"), "segments");
        const DistributedRunStart start = beginDistributedRun(p, RunConfig{}, "", 2, "");
        QVERIFY_THROWS_EXCEPTION(std::logic_error, ownLocalRun(p, start.runId, []() -> LocalRanksEnd {
                                     throw std::logic_error("cannot start");
                                 }));
    }
};

QTEST_GUILESS_MAIN(TestLocalRunOwner)
#include "test_local_run_owner.moc"
