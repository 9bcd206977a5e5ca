// Distributed runs in a project: the owner's side (create the run, start or hand over the
// ranks, import their segments, record the outcome) and the rank's side (join a run by
// id and attempt, write a segment file).

#include "distributed_train.h"

#include "commands.h"
#include "project_train.h"

#include "seekbench/checkpoint_file.h"
#include "seekbench/config_io.h"
#include "seekbench/engine/launcher.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/projects/distributed_run.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/segment_importer.h"
#include "seekbench/projects/segment_writer.h"
#include "seekbench/validation.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace seekbench::cli {

namespace fs = std::filesystem;
using namespace seekbench::projects;

namespace {

// A rank of a distributed run: no database access at all (the project may sit on a
// network file system shared with other nodes). The config is the run's snapshot in
// runs/<id>/config.yaml; the points go to this rank's segment file.
class RankTrainSession final : public ProjectTrainSession
{
public:
    RankTrainSession(fs::path runDir, std::string runId, RunConfig config, int attempt, int rank)
        : m_runDir(std::move(runDir)), m_runId(std::move(runId)), m_config(std::move(config))
    {
        if (attempt > 1)
            m_resume = latestCheckpoint(m_runDir);
        m_sink = std::make_unique<SegmentWriter>(m_runDir, m_runId, attempt, rank);
    }

    std::string runId() const override { return m_runId; }
    const RunConfig &config() const override { return m_config; }
    fs::path outDir() const override { return m_runDir; }
    std::optional<fs::path> resumeCheckpoint() const override { return m_resume; }
    MetricsSink *sink() override { return m_sink.get(); }
    // The owner records the end from every rank's "end" event; this rank only makes its
    // segment durable.
    void end(const TrainResult &) override { m_sink->flush(); }

private:
    fs::path m_runDir;
    std::string m_runId;
    RunConfig m_config;
    std::optional<fs::path> m_resume;
    std::unique_ptr<SegmentWriter> m_sink;
};

std::string readFile(const fs::path &path)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot read " + path.string());
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

} // namespace

std::unique_ptr<ProjectTrainSession> ProjectTrainSession::joinRun(const fs::path &projectDir, const std::string &runId,
                                                                  int attempt, int rank)
{
    try {
        Project::checkRunId(runId);
    } catch (const ProjectError &e) {
        throw std::runtime_error(std::string("--run-id: ") + e.what());
    }
    if (attempt < 1)
        throw std::runtime_error("--attempt must be at least 1");
    const fs::path runDir = projectDir / "runs" / runId;
    const fs::path snapshot = runDir / "config.yaml";
    std::error_code ec;
    if (!fs::is_regular_file(snapshot, ec))
        throw std::runtime_error("run '" + runId + "' has no config snapshot " + snapshot.string()
                                 + " (is the project folder shared with this node?)");
    ConfigLoad load = parseRunConfig(readFile(snapshot));
    if (!load.ok())
        throw std::runtime_error(snapshot.string() + ": " + describe(load.issues.front()));
    try {
        return std::make_unique<RankTrainSession>(runDir, runId, load.config, attempt, rank);
    } catch (const ProjectError &e) {
        throw std::runtime_error(e.what());
    }
}

DistributedRunStart beginDistributedRun(Project &project, const std::optional<RunConfig> &config,
                                        const std::string &resumeId, int ranks, const std::string &scheduler)
{
    if (project.isReadOnly())
        throw std::runtime_error("project " + project.dir().string()
                                 + " is in cluster-safe (segments) mode and another process holds its writer lock "
                                   "(seekbench.db.lock); start the run from that process or stop it first");
    const std::string status = scheduler.empty() ? "running" : "queued";
    try {
        RunStore store(project);
        DistributedRunStart start;
        if (config) {
            NewRun run;
            run.name = config->name;
            run.configYaml = toYaml(*config);
            run.configHash = configHash(*config);
            run.launcher = scheduler.empty() ? "launch" : scheduler;
            run.status = status;
            run.ranks = ranks;
            run.scheduler = scheduler;
            start.runId = store.createRun(run);
            start.name = run.name;
            return start;
        }
        const RunRecord record = store.run(resumeId);
        if (record.status == "running" || record.status == "queued") {
            const ProcessIdentity writer{record.host, record.pid, record.pidStart};
            if (!record.jobId.empty() || writer.host != ProcessIdentity::hostName() || writer.isAliveHere())
                throw std::runtime_error("run '" + resumeId + "' is still " + record.status
                                         + (record.jobId.empty() ? " (pid " + std::to_string(record.pid) + " on " + record.host + ")"
                                                                 : " (slurm job " + record.jobId + ")"));
        }
        ConfigLoad load = parseRunConfig(record.configYaml);
        if (!load.ok())
            throw std::runtime_error("the config snapshot of run '" + resumeId + "' does not parse: "
                                     + describe(load.issues.front()));
        std::int64_t step = -1;
        if (auto latest = latestCheckpoint(project.runDir(resumeId)))
            step = readCheckpointInfo(*latest).step;
        // The ranks read the snapshot from runs/<id>/config.yaml: make it the store's.
        {
            std::ofstream out(project.runDir(resumeId) / "config.yaml");
            out << record.configYaml;
            if (!out)
                throw std::runtime_error("cannot write " + (project.runDir(resumeId) / "config.yaml").string());
        }
        start.runId = resumeId;
        start.name = record.name;
        start.attempt = store.beginAttempt(resumeId, step);
        store.setRanks(resumeId, ranks);
        if (!scheduler.empty()) {
            store.setJob(resumeId, scheduler, "", "");
            store.setStatus(resumeId, status);
        }
        return start;
    } catch (const ProjectError &e) {
        throw std::runtime_error(e.what());
    } catch (const CheckpointError &e) {
        throw std::runtime_error("cannot resume run '" + resumeId + "': " + e.what());
    }
}

std::vector<std::string> rankCommand(const fs::path &projectDir, const std::string &runId, int attempt)
{
    return {"train", "--project", projectDir.string(), "--run-id", runId, "--attempt", std::to_string(attempt)};
}

int runProjectLaunch(int nproc, const std::vector<std::string> &trainArgs, const std::optional<std::string> &logDirArg,
                     const CancelToken *cancel)
{
    auto fail = [](const std::string &msg) {
        std::fprintf(stderr, "seekbench-cli launch: %s\n", msg.c_str());
        return ExitBadInput;
    };
    const Options o = parseOptions(std::vector<std::string>(trainArgs.begin() + 1, trainArgs.end()),
                                   {"--project", "--config", "--name", "--resume"}, {});
    if (!o.error.empty())
        return fail("train " + o.error);
    if (!o.get("--config") == !o.get("--resume"))
        return fail("give the run as --config FILE [--name NAME] (a new run) or --resume RUN_ID");
    std::optional<RunConfig> config;
    if (auto path = o.get("--config")) {
        RunConfig loaded;
        if (!loadValidConfig(*path, o.get("--name"), loaded))
            return ExitBadInput;
        config = loaded;
    }
    std::optional<Project> project;
    DistributedRunStart start;
    try {
        project.emplace(Project::open(fs::absolute(*o.get("--project"))));
        start = beginDistributedRun(*project, config, o.get("--resume").value_or(""), nproc, "");
    } catch (const std::exception &e) {
        return fail(e.what());
    }
    // Programs (the GUI) learn the run id from this first line.
    std::printf("%s\n", nlohmann::json{{"event", "launch"}, {"run", start.runId}, {"attempt", start.attempt},
                                       {"ranks", nproc}, {"project", project->dir().string()}}.dump().c_str());
    std::fflush(stdout);

    LaunchRequest req;
    req.nproc = nproc;
    req.executable = fs::read_symlink("/proc/self/exe");
    req.rankArguments = rankCommand(project->dir(), start.runId, start.attempt);
    req.logDir = logDirArg ? fs::path(*logDirArg) : project->runDir(start.runId) / "logs";
    LaunchResult r;
    {
        // The ranks' points reach the store while they train, not only at the end.
        SegmentImporter importer(*project);
        importer.startTimer(std::chrono::seconds(2));
        r = launchLocal(req, cancel);
    }
    EndContext ctx;
    ctx.cancelRequested = cancel && cancel->isCancelled();
    ctx.firstFailedRank = r.failedRank;
    ctx.firstFailedExitCode = r.failedRank >= 0 ? r.exitCode : 0;
    try {
        const RunEnd end = finishDistributedRun(*project, start.runId, ctx);
        std::fprintf(stderr, "seekbench-cli launch: run %s (%d ranks) %s%s%s\n", start.runId.c_str(), nproc,
                     end.status.c_str(), end.message.empty() ? "" : ": ", end.message.c_str());
    } catch (const std::exception &e) {
        std::fprintf(stderr, "seekbench-cli launch: recording the end of run %s failed: %s\n", start.runId.c_str(), e.what());
        return ExitRuntime;
    }
    return r.exitCode;
}

} // namespace seekbench::cli
