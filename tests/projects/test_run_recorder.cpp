// RunRecorder: how a training process records its run (row, snapshot, params, outcome,
// attempts) and how a rank of a distributed run joins one without the database.

#include "seekbench/config/config_io.h"
#include "seekbench/formats/checkpoint_file.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/run_recorder.h"
#include "seekbench/projects/run_store.h"
#include "test_support.h"

#include <QtTest>

#include <unistd.h>

using namespace seekbench;
using namespace seekbench::projects;
using namespace testsupport;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(seekbench::TrainStatus)
Q_DECLARE_METATYPE(seekbench::RunStatus)

class TestRunRecorder : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    RunConfig m_config;

    RunRecord record(const fs::path &dir, const std::string &id)
    {
        Project p = Project::open(dir);
        return RunStore(p).run(id);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        ConfigLoad load = loadRunConfig(fs::path(SEEKBENCH_SOURCE_DIR) / "resources/configs/tiny.yaml");
        QVERIFY(load.ok());
        m_config = load.config;
    }

    void newRunRow()
    {
        const fs::path dir = tempPath(m_tmp, "new");
        makeProject(dir);
        auto recorder = RunRecorder::beginNew(dir, m_config, "my run");
        const RunRecord r = record(dir, recorder->runId());
        QCOMPARE(seekbench::toString(r.status), seekbench::toString(seekbench::RunStatus::Running));
        QCOMPARE(r.name, std::string("my run"));
        QCOMPARE(r.host, ProcessIdentity::hostName());
        QCOMPARE(r.pid, std::int64_t(::getpid()));
        QCOMPARE(r.configYaml, toYaml(m_config));
        QCOMPARE(r.configHash, configHash(m_config));
        QVERIFY(r.params.count("training.lr") == 1);
        QCOMPARE(readFile(Project::open(dir).layout().runConfigPath(r.id)), toYaml(m_config));
        QCOMPARE(recorder->outDir(), Project::open(dir).runDir(r.id));
        QVERIFY(recorder->sink());
        QVERIFY(!recorder->resumeCheckpoint());
    }

    void unknownParentRefused()
    {
        const fs::path dir = tempPath(m_tmp, "parent");
        makeProject(dir);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, RunRecorder::beginNew(dir, m_config, "x", "no-such-run"));
    }

    void endRecordsOutcome_data()
    {
        QTest::addColumn<TrainStatus>("trainStatus");
        QTest::addColumn<QString>("trainMessage");
        QTest::addColumn<RunStatus>("stored");
        QTest::addColumn<QString>("storedMessage");
        QTest::newRow("finished") << TrainStatus::Finished << "" << RunStatus::Finished << "";
        QTest::newRow("early stop") << TrainStatus::EarlyStopped << "" << RunStatus::Finished << "";
        QTest::newRow("cancelled") << TrainStatus::Cancelled << "" << RunStatus::Cancelled << "";
        QTest::newRow("failed") << TrainStatus::Failed << "out of memory" << RunStatus::Failed << "out of memory";
        QTest::newRow("diverged") << TrainStatus::Diverged << "loss is nan at step 7" << RunStatus::Failed
                                  << "diverged: loss is nan at step 7";
        QTest::newRow("diverged, word kept")
            << TrainStatus::Diverged << "the loss diverged" << RunStatus::Failed << "the loss diverged";
    }

    void endRecordsOutcome()
    {
        QFETCH(TrainStatus, trainStatus);
        QFETCH(QString, trainMessage);
        QFETCH(RunStatus, stored);
        QFETCH(QString, storedMessage);
        const fs::path dir = tempPath(m_tmp, QTest::currentDataTag());
        makeProject(dir);
        auto recorder = RunRecorder::beginNew(dir, m_config, "");
        const std::string id = recorder->runId();
        const fs::path checkpoint = recorder->outDir() / "final.bin";
        writeFile(checkpoint, "weights");
        TrainResult result;
        result.status = trainStatus;
        result.message = trainMessage.toStdString();
        result.step = 12;
        result.lastCheckpoint = checkpoint;
        result.finalMetrics = {{"train/loss", 0.25}};
        recorder->end(result);
        const RunRecord r = record(dir, id);
        QCOMPARE(seekbench::toString(r.status), seekbench::toString(stored));
        QCOMPARE(QString::fromStdString(r.message), storedMessage);
        QVERIFY(r.endedAt.has_value());
        QVERIFY(r.summary.count("train/loss") == 1);
        Project p = Project::open(dir);
        const auto artifacts = RunStore(p).artifacts(id);
        QCOMPARE(artifacts.size(), std::size_t(1));
        QCOMPARE(artifacts.front().kind, std::string("checkpoint"));
        QCOMPARE(artifacts.front().path, "runs/" + id + "/final.bin");
        QVERIFY(artifacts.front().step && *artifacts.front().step == 12);
    }

    void resumeAddsAttempt()
    {
        const fs::path dir = tempPath(m_tmp, "resume");
        makeProject(dir);
        std::string id;
        {
            auto first = RunRecorder::beginNew(dir, m_config, "");
            id = first->runId();
            TrainResult failed;
            failed.status = TrainStatus::Failed;
            failed.message = "boom";
            first->end(failed);
        }
        auto again = RunRecorder::beginResume(dir, id);
        QCOMPARE(again->runId(), id);
        QCOMPARE(toYaml(again->config()), toYaml(m_config));
        const RunRecord r = record(dir, id);
        QCOMPARE(r.attempt, 2);
        QCOMPARE(seekbench::toString(r.status), seekbench::toString(seekbench::RunStatus::Running));
        Project p = Project::open(dir);
        QCOMPARE(RunStore(p).attempts(id).size(), std::size_t(2));
    }

    // A damaged newest checkpoint: the resume starts from the previous intact one, says
    // why (resumeNotes, the run's log) and supersedes the points after that step.
    void resumeSkipsDamagedNewestCheckpoint()
    {
        const fs::path dir = tempPath(m_tmp, "damaged");
        makeProject(dir);
        std::string id;
        {
            auto first = RunRecorder::beginNew(dir, m_config, "");
            id = first->runId();
            for (std::int64_t step : {10, 20})
                writeCheckpointFile(checkpointPath(first->outDir(), step), "{\"step\":" + std::to_string(step) + "}",
                                    "payload");
            TrainResult failed;
            failed.status = TrainStatus::Failed;
            first->end(failed);
        }
        const fs::path newest = checkpointPath(Project::open(dir).runDir(id), 20);
        fs::resize_file(newest, fs::file_size(newest) - 3);
        auto again = RunRecorder::beginResume(dir, id);
        QCOMPARE(again->resumeCheckpoint().value_or(fs::path()).string(), checkpointPath(again->outDir(), 10).string());
        QCOMPARE(again->resumeNotes().size(), std::size_t(1));
        const std::string note = again->resumeNotes().front();
        QVERIFY2(note.starts_with("checkpoint " + newest.string() + " is truncated"), note.c_str());
        QVERIFY2(note.ends_with("resuming from the previous intact checkpoint, step 10"), note.c_str());
        Project p = Project::open(dir);
        QCOMPARE(RunStore(p).attempts(id).back().resumedFromStep.value_or(-1), std::int64_t(10));
    }

    void resumeRefusesLiveRun()
    {
        const fs::path dir = tempPath(m_tmp, "live");
        makeProject(dir);
        // Not ended: its writer (this process) is alive.
        auto live = RunRecorder::beginNew(dir, m_config, "");
        try {
            RunRecorder::beginResume(dir, live->runId());
            QFAIL("resumed a run whose writer is alive");
        } catch (const std::runtime_error &e) {
            QVERIFY2(std::string(e.what()).find("is still running (pid " + std::to_string(::getpid()))
                         != std::string::npos,
                     e.what());
        }
        QCOMPARE(record(dir, live->runId()).attempt, 1);
    }

    void resumeRefusesFinishedRun()
    {
        const fs::path dir = tempPath(m_tmp, "resume-finished");
        makeProject(dir);
        std::string id;
        {
            auto first = RunRecorder::beginNew(dir, m_config, "");
            id = first->runId();
            TrainResult done;
            done.status = TrainStatus::Finished;
            first->end(done);
        }
        try {
            RunRecorder::beginResume(dir, id);
            QFAIL("resumed a finished run");
        } catch (const std::runtime_error &e) {
            QCOMPARE(std::string(e.what()), "run '" + id + "' is finished; there is nothing to resume");
        }
        QCOMPARE(record(dir, id).attempt, 1); // no new attempt
        QCOMPARE(seekbench::toString(record(dir, id).status), "finished");
    }

    void joinRunWritesSegmentsOnly()
    {
        // A node that shares only runs/<id>/: no seekbench.db at all.
        const fs::path dir = tempPath(m_tmp, "node");
        const std::string id = "20260101-000000-0000abcd";
        const ProjectLayout layout(dir);
        fs::create_directories(layout.runDir(id));
        writeFile(layout.runConfigPath(id), toYaml(m_config));
        auto rank = RunRecorder::joinRun(dir, id, 1, 1);
        QCOMPARE(rank->runId(), id);
        QCOMPARE(rank->outDir(), layout.runDir(id));
        const MetricPoint points[] = {{"train/loss", 1, 1.0, 1, 0.5}, {"train/loss", 2, 2.0, 1, 0.4}};
        rank->sink()->addMetrics(points);
        TrainResult done;
        done.status = TrainStatus::Finished;
        rank->end(done);
        QVERIFY(!fs::exists(layout.databasePath()));
        int segments = 0;
        for (const auto &e : fs::directory_iterator(layout.runDir(id) / "segments"))
            segments += e.path().filename().string().rfind("a1-r1-", 0) == 0 && fs::file_size(e.path()) > 0 ? 1 : 0;
        QVERIFY2(segments >= 1, "no segment file of rank 1");
    }

    void joinRunBadInput_data()
    {
        QTest::addColumn<QString>("runId");
        QTest::addColumn<int>("attempt");
        QTest::addColumn<QString>("problem");
        QTest::newRow("bad id") << "../x" << 1 << "--run-id: '../x' is not a run id";
        QTest::newRow("attempt 0") << "r1" << 0 << "--attempt must be at least 1";
        QTest::newRow("no snapshot") << "r2" << 1 << "has no config snapshot";
    }

    void joinRunBadInput()
    {
        QFETCH(QString, runId);
        QFETCH(int, attempt);
        QFETCH(QString, problem);
        const fs::path dir = tempPath(m_tmp, "join-bad");
        try {
            RunRecorder::joinRun(dir, runId.toStdString(), attempt, 0);
            QFAIL("joined");
        } catch (const std::runtime_error &e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(problem), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestRunRecorder)
#include "test_run_recorder.moc"
