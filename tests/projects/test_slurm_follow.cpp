// A run as a Slurm job without a cluster: sbatch and scontrol are scripts on PATH that
// answer what the test wrote (a job id, a job state), so the submission, each poll (job
// state onto the run, the run's end when the job ends), the rank-state JSON, cancel's
// refusals and the settings merge are checked against the store.

#include "seekbench/projects/run_store.h"
#include "seekbench/projects/slurm_follow.h"

#include "test_support.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <fstream>
#include <iostream>
#include <sstream>

using namespace seekbench;
using namespace seekbench::projects;
namespace fs = std::filesystem;

class TestSlurmFollow : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    fs::path m_bin;

    void writeScript(const std::string &name, const std::string &body)
    {
        const fs::path p = m_bin / name;
        std::ofstream(p) << "#!/bin/sh\n" << body;
        fs::permissions(p, fs::perms::owner_all);
    }
    void setJobState(const std::string &state) { std::ofstream(m_bin / "state") << state; }

    // A project with one queued two-rank Slurm run submitted through the fake sbatch.
    std::pair<Project, SlurmSubmission> submitted(const char *folder)
    {
        Project project = testsupport::makeProject(testsupport::tempPath(m_tmp, folder));
        SlurmSettings s;
        s.tasksPerNode = 2;
        s.cli = "/opt/seekbench-cli";
        RunConfig config;
        config.name = "demo";
        SlurmSubmission sub = submitSlurmRun(project, config, "", s);
        return {std::move(project), sub};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_tmp.isValid());
        m_bin = fs::path(m_tmp.path().toStdString()) / "bin";
        fs::create_directories(m_bin);
        writeScript("sbatch", "echo 4242\n");
        writeScript("scontrol", "echo \"JobId=$5 JobState=$(cat " + (m_bin / "state").string() + ") Reason=None\"\n");
        writeScript("scancel", "exit 0\n");
        qputenv("PATH", QByteArray::fromStdString(m_bin.string()) + ":" + qgetenv("PATH"));
    }

    void submissionRecordsTheJob()
    {
        auto [project, sub] = submitted("submit");
        QCOMPARE(sub.jobId, std::string("4242"));
        QCOMPARE(sub.attempt, 1);
        QCOMPARE(sub.script, "runs/" + sub.runId + "/job-1.sbatch");
        QVERIFY(fs::exists(project.dir() / sub.script));
        const RunRecord r = RunStore(project).run(sub.runId);
        QCOMPARE(r.scheduler, std::string("slurm"));
        QCOMPARE(r.jobId, std::string("4242"));
        QCOMPARE(r.ranks, 2);
        QCOMPARE(toString(r.status), "queued");
    }

    void refusedSubmissionMarksTheRunFailed()
    {
        Project project = testsupport::makeProject(testsupport::tempPath(m_tmp, "refused"));
        writeScript("sbatch", "echo 'invalid partition' >&2; exit 1\n");
        RunConfig config;
        try {
            submitSlurmRun(project, config, "", SlurmSettings{});
            QFAIL("a refused submission must throw");
        } catch (const std::invalid_argument &) {
            QFAIL("sbatch's refusal is a runtime failure, not bad input");
        } catch (const std::runtime_error &e) {
            QVERIFY2(std::string(e.what()).find("is marked failed") != std::string::npos, e.what());
        }
        writeScript("sbatch", "echo 4242\n");
        const auto runs = RunStore(project).listRuns();
        QCOMPARE(int(runs.size()), 1);
        QCOMPARE(toString(runs.front().status), "failed");
        // Resuming a run that does not exist is bad input, and nothing is recorded.
        QVERIFY_EXCEPTION_THROWN(submitSlurmRun(project, std::nullopt, "20990101-000000-00000000", SlurmSettings{}),
                                 std::invalid_argument);
    }

    void pollsFollowTheJob()
    {
        auto [project, sub] = submitted("poll");
        setJobState("PENDING");
        SlurmPoll p = pollSlurmRun(project, sub.runId);
        QCOMPARE(p.jobState, std::string("PENDING"));
        QCOMPARE(toString(p.status), "queued");
        QVERIFY(!p.done);

        setJobState("RUNNING");
        p = pollSlurmRun(project, sub.runId);
        QCOMPARE(toString(p.status), "running");
        QCOMPARE(RunStore(project).run(sub.runId).jobState, std::string("RUNNING"));
        const auto doc = nlohmann::json::parse(slurmPollJson(project, sub.runId, p));
        QCOMPARE(doc["job_state"].get<std::string>(), std::string("RUNNING"));
        QCOMPARE(doc["ranks"].size(), std::size_t(2));
        for (const char *key : {"rank", "state", "step", "last_seen", "message", "log"})
            QVERIFY2(doc["ranks"][0].contains(key), key);

        // The job ended without the ranks recording theirs: the run fails, naming a rank.
        setJobState("FAILED");
        std::vector<std::string> seen;
        p = followSlurmRun(project, sub.runId, {true, 0.05, 10},
                           [&](const SlurmPoll &q) { seen.push_back(q.jobState); });
        QVERIFY(p.done);
        QCOMPARE(toString(p.status), "failed");
        QCOMPARE(seen, std::vector<std::string>{"FAILED"});
        // An ended run is returned as recorded, without asking Slurm again.
        setJobState("RUNNING");
        QCOMPARE(toString(pollSlurmRun(project, sub.runId).status), "failed");

        const auto ranks = nlohmann::json::parse(rankStatesJson(project, sub.runId));
        for (const char *key : {"run", "status", "attempt", "ranks", "scheduler", "job", "job_state", "rank_states"})
            QVERIFY2(ranks.contains(key), key);
        QCOMPARE(ranks["job"].get<std::string>(), std::string("4242"));
        QCOMPARE(ranks["rank_states"].size(), std::size_t(2));

        // Cancel refuses an ended run; the job's log is slurm-<job>.out, a rank's its own.
        QVERIFY_EXCEPTION_THROWN(cancelSlurmRun(project, sub.runId), std::invalid_argument);
        QCOMPARE(slurmLogFile(project, sub.runId, -1), project.dir() / "runs" / sub.runId / "logs" / "slurm-4242.out");
        QCOMPARE(slurmLogFile(project, sub.runId, 1), project.dir() / "runs" / sub.runId / "logs" / "rank-1.log");
        QVERIFY_EXCEPTION_THROWN(streamRunLog(project, sub.runId, slurmLogFile(project, sub.runId, 1), false, std::cout),
                                 std::runtime_error);
        std::ofstream(slurmLogFile(project, sub.runId, 1)) << "step 1\n";
        std::ostringstream out;
        streamRunLog(project, sub.runId, slurmLogFile(project, sub.runId, 1), true, out); // ended: one read
        QCOMPARE(out.str(), std::string("step 1\n"));
    }

    void cancelAsksScancel()
    {
        auto [project, sub] = submitted("cancel");
        QCOMPARE(cancelSlurmRun(project, sub.runId), std::string("4242"));
    }

    void waitingGivesUpAfterTheTimeout()
    {
        auto [project, sub] = submitted("timeout");
        setJobState("PENDING");
        QVERIFY_EXCEPTION_THROWN(followSlurmRun(project, sub.runId, {true, 0.05, 0.2}, [](const SlurmPoll &) {}),
                                 std::runtime_error);
    }

    void overridesGoOverTheProfile()
    {
        const fs::path profile = fs::path(m_tmp.path().toStdString()) / "lab.yaml";
        std::ofstream(profile) << "nodes: 2\ntasks_per_node: 4\npartition: debug\nsbatch: [\"--qos=low\"]\ncli: /p/cli\n";
        SlurmOverrides o;
        o.profile = profile.string();
        o.tasksPerNode = 8;
        o.extra = {"--comment=x"};
        SlurmSettings s = mergeSlurmSettings(o);
        QCOMPARE(s.nodes, 2);
        QCOMPARE(s.tasksPerNode, 8);
        QCOMPARE(s.partition, std::string("debug"));
        QCOMPARE(s.extra, (std::vector<std::string>{"--qos=low", "--comment=x"}));
        QCOMPARE(s.cli, std::string("/p/cli"));
        // Neither names seekbench-cli: this program.
        s = mergeSlurmSettings(SlurmOverrides{});
        QCOMPARE(fs::path(s.cli), fs::read_symlink("/proc/self/exe"));
        s.nodes = 0;
        s.partition = "a\nb";
        try {
            requireValidSlurmSettings(s, SlurmJobSpec{"RUN_ID", 1, "", "/p"});
            QFAIL("bad settings must throw");
        } catch (const std::invalid_argument &e) {
            const std::string m = e.what();
            QVERIFY2(m.rfind("slurm settings: ", 0) == 0 && m.find("; ") != std::string::npos, e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestSlurmFollow)
#include "test_slurm_follow.moc"
