// The run store: runs with their config, params, tags and notes; filters with bound
// parameters; clone; finish with final/best metrics; stale runs marked crashed.

#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "test_support.h"

#include <QProcess>
#include <QtTest>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace seekbench;
using namespace seekbench::projects;
using namespace testsupport;

namespace {

const char *kConfig = "name: demo\nmodel:\n  hidden_size: 64\n  head: sequence_classification\n"
                      "training:\n  lr: 0.001\n  max_steps: 200\n  optimizer: adamw\n";

std::string makeRun(RunStore &store, const std::string &name, double lr, const std::string &status,
                    std::vector<std::string> tags = {})
{
    NewRun r;
    r.name = name;
    r.status = requireRunStatus(status);
    r.configYaml = "model:\n  hidden_size: 64\ntraining:\n  lr: " + std::to_string(lr) + "\n";
    r.configHash = "h" + name;
    r.tags = std::move(tags);
    return store.createRun(r);
}

std::vector<std::string> names(const std::vector<RunRecord> &runs)
{
    std::vector<std::string> out;
    for (const auto &r : runs)
        out.push_back(r.name);
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace

class TestRunStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;

private Q_SLOTS:
    // The GUI keeps one store open for hours: runs other processes create later must
    // appear in its listings (no read transaction may stay open between calls).
    void longLivedStoreSeesRunsCreatedElsewhere()
    {
        const auto dir = tempPath(m_tmp, "longlived");
        auto viewerProject = makeProject(dir);
        RunStore viewer(viewerProject);
        QCOMPARE(viewer.listRuns().size(), size_t(0));
        QCOMPARE(viewer.countRuns(), size_t(0));
        {
            auto writerProject = Project::open(dir);
            RunStore writer(writerProject);
            makeRun(writer, "later", 0.01, "running");
        }
        QCOMPARE(viewer.countRuns(), size_t(1));
        QCOMPARE(viewer.listRuns().size(), size_t(1));
        {
            auto writerProject = Project::open(dir);
            RunStore writer(writerProject);
            makeRun(writer, "later-still", 0.02, "finished");
        }
        QCOMPARE(viewer.listRuns().size(), size_t(2));
    }

    void createRecordsEverything()
    {
        auto p = makeProject(tempPath(m_tmp, "create"));
        RunStore store(p);
        NewRun r;
        r.name = "first";
        r.configYaml = kConfig;
        r.configHash = "abc123";
        r.launcher = "gui";
        r.tags = {"baseline", "small"};
        r.notes = "why: a first look";
        const auto id = store.createRun(r);
        const auto run = store.run(id);
        QCOMPARE(seekbench::toString(run.status), seekbench::toString(seekbench::RunStatus::Running));
        QCOMPARE(run.configHash, std::string("abc123"));
        QCOMPARE(run.launcher, std::string("gui"));
        QCOMPARE(run.host, ProcessIdentity::hostName());
        QCOMPARE(run.pid, std::int64_t(::getpid()));
        QVERIFY(run.pidStart > 0);
        QCOMPARE(run.params.at("training.lr"), std::string("0.001"));
        QCOMPARE(run.params.at("model.head"), std::string("sequence_classification"));
        QCOMPARE(run.tags, (std::vector<std::string>{"baseline", "small"}));
        QCOMPARE(readFile(p.runDir(id) / "config.yaml"), std::string(kConfig));
        QCOMPARE(run.configYaml, std::string(kConfig));
    }

    // Figures scored after a run's end (a held-out test split, `inspect evaluate`) join its
    // summary beside the trainer's own; status and the other figures stay, a second score
    // replaces the first.
    void addFinalMetricsKeepsTheRunsEnd()
    {
        auto p = makeProject(tempPath(m_tmp, "final"));
        RunStore store(p);
        const auto id = makeRun(store, "cm", 0.001, "running");
        store.finishRun(id, seekbench::RunStatus::Finished, "", {{"eval/accuracy", 0.9}}, {{"eval/accuracy", 0.91}});
        store.addFinalMetrics(id, {{"test/accuracy", 0.88}, {"test/loss", 0.3}}, 40);
        store.addFinalMetrics(id, {{"test/accuracy", 0.87}}, 50);
        const RunRecord run = store.run(id);
        QCOMPARE(run.status, seekbench::RunStatus::Finished);
        QCOMPARE(*run.summary.at("eval/accuracy").finalValue, 0.9);
        QCOMPARE(*run.summary.at("eval/accuracy").bestValue, 0.91);
        QCOMPARE(*run.summary.at("test/accuracy").finalValue, 0.87);
        QCOMPARE(*run.summary.at("test/loss").finalValue, 0.3);
        QVERIFY(!run.summary.at("test/accuracy").bestValue);
        RunFilter f;
        f.finalMetrics = {RunFilter::Condition::parse("test/accuracy>0.8", "--metric")};
        QCOMPARE(names(store.listRuns(f)), (std::vector<std::string>{"cm"}));
        QVERIFY_THROWS_EXCEPTION(ProjectError, store.addFinalMetrics("no-such-run", {{"test/accuracy", 1.0}}, 0));
    }

    void filters()
    {
        auto p = makeProject(tempPath(m_tmp, "filters"));
        RunStore store(p);
        const auto a = makeRun(store, "a", 0.001, "finished", {"sweep"});
        const auto b = makeRun(store, "b", 0.01, "finished", {"sweep", "best"});
        makeRun(store, "c", 0.1, "failed");
        store.finishRun(a, seekbench::RunStatus::Finished, "", {{"eval/loss", 0.9}}, {{"eval/loss", 0.8}});
        store.finishRun(b, seekbench::RunStatus::Finished, "", {{"eval/loss", 0.4}}, {{"eval/loss", 0.35}});

        RunFilter f;
        f.statuses = {seekbench::RunStatus::Finished};
        QCOMPARE(names(store.listRuns(f)), (std::vector<std::string>{"a", "b"}));
        f = {};
        f.tags = {"sweep", "best"};
        QCOMPARE(names(store.listRuns(f)), (std::vector<std::string>{"b"}));
        f = {};
        f.params = {RunFilter::Condition::parse("training.lr>=0.01", "--param")};
        QCOMPARE(names(store.listRuns(f)), (std::vector<std::string>{"b", "c"}));
        f = {};
        f.finalMetrics = {RunFilter::Condition::parse("eval/loss<0.5", "--metric")};
        QCOMPARE(names(store.listRuns(f)), (std::vector<std::string>{"b"}));
        f = {};
        f.bestMetrics = {RunFilter::Condition::parse("eval/loss<=0.8", "--best")};
        QCOMPARE(names(store.listRuns(f)), (std::vector<std::string>{"a", "b"}));
        f = {};
        f.limit = 2;
        QCOMPARE(store.listRuns(f).size(), std::size_t(2));
        // Values are bound, never spliced: a quote is just a character.
        f = {};
        f.nameContains = "x' OR '1'='1";
        QCOMPARE(store.listRuns(f).size(), std::size_t(0));
        f = {};
        f.tags = {"sweep' OR 1=1 --"};
        QCOMPARE(store.listRuns(f).size(), std::size_t(0));
        QCOMPARE(store.countRuns(), std::size_t(3));
    }

    void tagsNotesCloneDelete()
    {
        auto p = makeProject(tempPath(m_tmp, "edit"));
        RunStore store(p);
        const auto id = makeRun(store, "orig", 0.01, "finished");
        store.addTag(id, "keep");
        store.addTag(id, "keep");
        store.removeTag(id, "nothing");
        store.setNotes(id, "line 1");
        store.appendNote(id, "line 2");
        auto run = store.run(id);
        QCOMPARE(run.tags, std::vector<std::string>{"keep"});
        QCOMPARE(run.notes, std::string("line 1\nline 2"));

        const auto clone = store.cloneRun(id, "");
        const auto c = store.run(clone);
        QCOMPARE(c.parentId, id);
        QCOMPARE(c.parentKind, std::string("clone"));
        QCOMPARE(seekbench::toString(c.status), seekbench::toString(seekbench::RunStatus::Queued));
        QCOMPARE(c.configYaml, run.configYaml);

        store.deleteRun(id);
        QVERIFY(!store.findRun(id));
        QVERIFY(!fs::exists(p.runDir(id)));
        QVERIFY(store.findRun(clone));
    }

    // Issue 21: a run's colour is its place in creation order, kept in the store: deleting
    // a run recolours no other, and a new run never takes the colour of the newest one.
    void coloursFollowCreationAndSurviveDeletion()
    {
        auto p = makeProject(tempPath(m_tmp, "colours"));
        RunStore store(p);
        std::vector<std::string> ids;
        for (const char *name : {"a", "b", "c"})
            ids.push_back(makeRun(store, name, 0.01, "finished"));
        QCOMPARE(store.run(ids[0]).color, 0);
        QCOMPARE(store.run(ids[1]).color, 1);
        QCOMPARE(store.run(ids[2]).color, 2);
        store.deleteRun(ids[1]);
        QCOMPARE(store.run(ids[2]).color, 2);
        const auto d = makeRun(store, "d", 0.01, "finished");
        QCOMPARE(store.run(d).color, 3);
        QCOMPARE(store.run(store.cloneRun(ids[0], "")).color, 4); // a clone is a run of its own
    }

    void renameChecksTheName()
    {
        auto p = makeProject(tempPath(m_tmp, "rename"));
        RunStore store(p);
        const auto id = makeRun(store, "before", 0.01, "finished");
        store.setName(id, "after · 之后");
        QCOMPARE(store.run(id).name, std::string("after · 之后"));
        const std::vector<std::pair<std::string, std::string>> bad = {{"", "cannot be empty"},
                                                                      {"two\nlines", "control characters"},
                                                                      {"tab\there", "control characters"},
                                                                      {std::string(201, 'x'), "at most 200 characters"}};
        for (const auto &[name, problem] : bad) {
            try {
                store.setName(id, name);
                QFAIL("accepted a bad name");
            } catch (const ProjectError &e) {
                QVERIFY2(QString::fromUtf8(e.what()).contains(QString::fromStdString(problem)), e.what());
            }
        }
        QCOMPARE(store.run(id).name, std::string("after · 之后")); // nothing half-applied
        QVERIFY_THROWS_EXCEPTION(ProjectError, store.setName("20260101-000000-deadbeef", "x"));
    }

    void attemptsAndSystemSamples()
    {
        auto p = makeProject(tempPath(m_tmp, "attempts"));
        RunStore store(p);
        const auto id = makeRun(store, "a", 0.01, "running");
        {
            MetricWriter w(p, id, 1);
            SystemSample s;
            for (int i = 0; i < 5; ++i) {
                s.wallTime = 100.0 + i;
                s.rssBytes = 1e6 * (i + 1);
                s.cpuPercent = 50;
                w.addSystemSample(s);
            }
            w.flush();
        }
        store.beginAttempt(id, 40);
        const auto attempts = store.attempts(id);
        QCOMPARE(attempts.size(), std::size_t(2));
        QCOMPARE(attempts[0].attempt, 1);
        QVERIFY(!attempts[0].resumedFromStep);
        QCOMPARE(attempts[1].attempt, 2);
        QCOMPARE(*attempts[1].resumedFromStep, std::int64_t(40));
        // The listing carries the current attempt's resume step (the runs table's ETA counts from it).
        const auto listed = store.run(id);
        QCOMPARE(listed.attempt, 2);
        QCOMPARE(listed.resumedFromStep.value_or(-1), std::int64_t(40));

        const auto all = store.systemSamples(id);
        QCOMPARE(all.size(), std::size_t(5));
        QCOMPARE(all.front().wallTime, 100.0);
        QCOMPARE(all.back().rssBytes, 5e6);
        QVERIFY(!all.front().cudaAllocated); // no CUDA: absent, not zero
        const auto since = store.systemSamples(id, 102.0);
        QCOMPARE(since.size(), std::size_t(2));
        QCOMPARE(since.front().wallTime, 103.0);
        const auto newest = store.systemSamples(id, 0, 2); // the newest two, oldest first
        QCOMPARE(newest.size(), std::size_t(2));
        QCOMPARE(newest.front().wallTime, 103.0);
    }

    void deleteRefusesLiveRun()
    {
        auto p = makeProject(tempPath(m_tmp, "live-delete"));
        RunStore store(p);
        const auto id = makeRun(store, "live", 0.01, "running"); // this process: alive
        QVERIFY_THROWS_EXCEPTION(ProjectError, store.deleteRun(id));
    }

    void summaryFromWriter()
    {
        auto p = makeProject(tempPath(m_tmp, "summary"));
        RunStore store(p);
        const auto id = makeRun(store, "s", 0.01, "running");
        {
            MetricWriter w(p, id, 1);
            std::vector<MetricPoint> pts;
            for (int s = 0; s < 100; ++s) {
                pts.push_back({"eval/loss", s, 1.0 * s, 0, s == 40 ? 0.1 : 1.0 - 0.001 * s});
                pts.push_back({"eval/accuracy", s, 1.0 * s, 0, s == 60 ? 0.99 : 0.5});
            }
            w.addMetrics(pts);
            w.flush();
        }
        const auto run = store.run(id);
        QCOMPARE(*run.summary.at("eval/loss").finalValue, 1.0 - 0.099);
        QCOMPARE(run.summary.at("eval/loss").finalStep, std::int64_t(99));
        QCOMPARE(*run.summary.at("eval/loss").bestValue, 0.1);
        QCOMPARE(run.summary.at("eval/loss").bestStep, std::int64_t(40));
        QCOMPARE(*run.summary.at("eval/accuracy").bestValue, 0.99); // higher is better
        QCOMPARE(run.summary.at("eval/accuracy").bestStep, std::int64_t(60));
    }

    void staleRuns()
    {
        auto p = makeProject(tempPath(m_tmp, "stale"));
        const auto db = p.databasePath();
        RunStore store(p);
        // A finished child: its pid is dead.
        const pid_t child = ::fork();
        if (child == 0)
            ::_exit(0);
        ::waitpid(child, nullptr, 0);
        NewRun dead;
        dead.name = "dead";
        dead.process = ProcessIdentity{ProcessIdentity::hostName(), child, 12345};
        const auto deadId = store.createRun(dead);
        // A Slurm job submitted by that same dead process: its scheduler, not the pid,
        // says whether it lives (slurm follow records its end).
        dead.name = "slurm job";
        const auto jobId = store.createRun(dead);
        store.setJob(jobId, "slurm", "77", "RUNNING");
        // Our own pid with another start time: a reused pid.
        NewRun reused;
        reused.name = "reused";
        reused.process = ProcessIdentity{ProcessIdentity::hostName(), ::getpid(), 1};
        const auto reusedId = store.createRun(reused);
        // This very process: alive, even with an old heartbeat.
        const auto aliveId = makeRun(store, "alive", 0.1, "running");
        // Another host: judged by heartbeat only.
        NewRun far;
        far.name = "far-silent";
        far.heartbeatInterval = 1;
        far.process = ProcessIdentity{"some-other-node", 42, 42};
        const auto farSilent = store.createRun(far);
        far.name = "far-beating";
        const auto farBeating = store.createRun(far);
        execSql(db, "UPDATE runs SET heartbeat_at = heartbeat_at - 3600 WHERE name IN ('far-silent', 'alive')");
        // A finished run is never touched.
        const auto done = makeRun(store, "done", 0.1, "finished");

        auto marked = Project::open(p.dir()).staleRunsMarked();
        std::sort(marked.begin(), marked.end());
        std::vector<std::string> expected{deadId, reusedId, farSilent};
        std::sort(expected.begin(), expected.end());
        QCOMPARE(marked, expected);
        QCOMPARE(seekbench::toString(store.run(deadId).status), seekbench::toString(seekbench::RunStatus::Crashed));
        QVERIFY(store.run(deadId).message.find("is gone") != std::string::npos);
        QCOMPARE(seekbench::toString(store.run(aliveId).status), seekbench::toString(seekbench::RunStatus::Running));
        QCOMPARE(seekbench::toString(store.run(farBeating).status), seekbench::toString(seekbench::RunStatus::Running));
        QCOMPARE(seekbench::toString(store.run(farSilent).status), seekbench::toString(seekbench::RunStatus::Crashed));
        QVERIFY(store.run(farSilent).message.find("no heartbeat from some-other-node") != std::string::npos);
        QCOMPARE(seekbench::toString(store.run(done).status), seekbench::toString(seekbench::RunStatus::Finished));
        QCOMPARE(seekbench::toString(store.run(jobId).status), seekbench::toString(seekbench::RunStatus::Running));
    }

    void unknownStoredStatusStillListed()
    {
        // A status word this version does not know (a newer writer, a hand edit) must not
        // hide the project's runs: the run is listed as failed, with the word in its message.
        auto p = makeProject(tempPath(m_tmp, "unknown-status"));
        RunStore store(p);
        const auto id = makeRun(store, "odd", 0.1, "finished");
        const auto other = makeRun(store, "fine", 0.2, "finished");
        sqlite3 *h = nullptr;
        QCOMPARE(sqlite3_open(p.databasePath().c_str(), &h), SQLITE_OK);
        sqlite3_stmt *st = nullptr;
        QCOMPARE(sqlite3_prepare_v2(h, "UPDATE runs SET status = 'paused-by-v9' WHERE id = ?1", -1, &st, nullptr),
                 SQLITE_OK);
        sqlite3_bind_text(st, 1, id.c_str(), -1, SQLITE_TRANSIENT);
        QCOMPARE(sqlite3_step(st), SQLITE_DONE);
        sqlite3_finalize(st);
        sqlite3_close(h);
        const auto runs = RunStore(p).listRuns();
        QCOMPARE(runs.size(), std::size_t(2));
        const RunRecord odd = RunStore(p).run(id);
        QCOMPARE(seekbench::toString(odd.status), seekbench::toString(seekbench::RunStatus::Failed));
        QVERIFY2(odd.message.find("unknown status 'paused-by-v9'") != std::string::npos, odd.message.c_str());
        QCOMPARE(seekbench::toString(RunStore(p).run(other).status), "finished");
    }

    void liveProcessKilled()
    {
        const auto dir = tempPath(m_tmp, "killed");
        makeProject(dir);
        QProcess proc;
        proc.start(QStringLiteral(SEEKBENCH_STORE_TEST_WRITER),
                   {QStringLiteral("live"), QString::fromStdString(dir.string())});
        QVERIFY(proc.waitForReadyRead(10000));
        const std::string id = proc.readLine().trimmed().toStdString();
        QVERIFY(!id.empty());
        // Alive: opening the project leaves it alone.
        QVERIFY(Project::open(dir).staleRunsMarked().empty());
        ::kill(static_cast<pid_t>(proc.processId()), SIGKILL);
        proc.waitForFinished(5000);
        auto p = Project::open(dir);
        QCOMPARE(p.staleRunsMarked(), std::vector<std::string>{id});
        QCOMPARE(seekbench::toString(RunStore(p).run(id).status), seekbench::toString(seekbench::RunStatus::Crashed));
    }

    void badInputs_data()
    {
        QTest::addColumn<int>("what");
        QTest::addColumn<QString>("argument");
        QTest::addColumn<QString>("problem");
        QTest::newRow("condition without operator") << 0 << "training.lr"
                                                    << "has no comparison";
        QTest::newRow("condition without key") << 0 << ">=3"
                                               << "has no key";
        QTest::newRow("condition without value") << 0 << "training.lr>="
                                                 << "has no value";
        QTest::newRow("condition bad operator") << 0 << "training.lr=>3"
                                                << "unknown comparison";
        QTest::newRow("condition bad key char") << 0 << "lr;drop=1"
                                                << "a character that keys do not have";
        QTest::newRow("metric condition on text") << 1 << "eval/loss=low"
                                                  << "needs a number";
        QTest::newRow("unknown status") << 2 << "exploded"
                                        << "is not a run status";
        QTest::newRow("run id with slash") << 3 << "../etc"
                                           << "is not a run id";
        QTest::newRow("unknown run") << 4 << "20260101-000000-deadbeef"
                                     << "no run '20260101-000000-deadbeef'";
        QTest::newRow("empty tag") << 5 << ""
                                   << "an empty tag";
        QTest::newRow("tag with newline") << 5 << "a\nb"
                                          << "the tag 'a\\nb' for run";
        QTest::newRow("tag with CR") << 5 << "ok\rFAKE"
                                     << "holds a control character (\\r)";
        QTest::newRow("tag with escape sequence") << 5 << "x\x1b[31m"
                                                  << "holds a control character (\\e)";
        QTest::newRow("tag with BEL") << 5 << "ding\a"
                                      << "holds a control character (\\x07); a tag is one line of printable text";
    }

    void badInputs()
    {
        QFETCH(int, what);
        QFETCH(QString, argument);
        QFETCH(QString, problem);
        auto p = makeProject(
            tempPath(m_tmp,
                     ("bad"
                      + std::to_string(QTest::currentDataTag() ? std::hash<std::string>{}(QTest::currentDataTag()) : 0))
                         .c_str()));
        RunStore store(p);
        const auto id = makeRun(store, "x", 0.1, "finished");
        const std::string arg = argument.toStdString();
        try {
            switch (what) {
            case 0: RunFilter::Condition::parse(arg, "--param"); break;
            case 1: {
                RunFilter f;
                f.finalMetrics = {RunFilter::Condition::parse(arg, "--metric")};
                store.listRuns(f);
                break;
            }
            case 2: store.setStatus(id, requireRunStatus(arg)); break;
            case 3: store.run(arg); break;
            case 4: store.run(arg); break;
            case 5: store.addTag(id, arg); break;
            }
            QFAIL("accepted a bad input");
        } catch (const ProjectError &e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.contains(problem), qPrintable(msg));
            if (!arg.empty() && what != 5)                         // a tag is named escaped (in the row's problem)
                QVERIFY2(msg.contains(argument), qPrintable(msg)); // names the place
            if (what == 0)
                QVERIFY2(msg.contains(QStringLiteral("--param")), qPrintable(msg));
        }
    }
};

QTEST_GUILESS_MAIN(TestRunStore)
#include "test_run_store.moc"
