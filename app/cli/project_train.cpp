// `seekbench-cli train --project DIR`: records a run in a project's store. The run row,
// config snapshot and params come first; points go through the batched MetricWriter
// (or, in cluster-safe mode, a segment file imported on a timer); end() records the
// status and the trainer's final and best metrics.

#include "project_train.h"

#include "seekbench/checkpoint_file.h"
#include "seekbench/config_io.h"
#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/segment_importer.h"
#include "seekbench/projects/segment_writer.h"

#include <chrono>
#include <stdexcept>

namespace seekbench::cli {

namespace {

using namespace seekbench::projects;

// Store statuses for the trainer's outcome; the message is kept for failures.
const char *storeStatus(TrainStatus s)
{
    switch (s) {
    case TrainStatus::Finished:
    case TrainStatus::EarlyStopped: return "finished";
    case TrainStatus::Cancelled: return "cancelled";
    case TrainStatus::Diverged:
    case TrainStatus::Failed: return "failed";
    }
    return "failed";
}

class StoreTrainSession final : public ProjectTrainSession
{
public:
    StoreTrainSession(Project project, RunConfig config) : m_project(std::move(project)), m_config(std::move(config)) {}

    ~StoreTrainSession() override
    {
        // Stop the importer before the sink, then import what the sink wrote last.
        if (m_importer)
            m_importer->stopTimer();
    }

    void openSink(const std::string &runId, int attempt)
    {
        m_runId = runId;
        if (m_project.storageMode() == StorageMode::Segments) {
            // Cluster-safe: this process writes a segment file and, holding the project's
            // writer lock, imports segments on a timer while the run is live.
            m_sink = std::make_unique<SegmentWriter>(m_project.runDir(runId), runId, attempt, 0);
            m_importer = std::make_unique<SegmentImporter>(m_project);
            m_importer->startTimer(std::chrono::seconds(2));
        } else {
            m_sink = std::make_unique<MetricWriter>(m_project, runId, attempt);
        }
    }

    std::string runId() const override { return m_runId; }
    const RunConfig &config() const override { return m_config; }
    std::filesystem::path outDir() const override { return m_project.runDir(m_runId); }
    std::optional<std::filesystem::path> resumeCheckpoint() const override { return m_resume; }
    MetricsSink *sink() override { return m_sink.get(); }

    void end(const TrainResult &result) override
    {
        m_sink->flush();
        if (m_importer) {
            m_importer->stopTimer();
            m_importer->importRun(m_runId);
        }
        RunStore store(m_project);
        std::string message = result.message;
        if (result.status == TrainStatus::Diverged && message.find("diverged") == std::string::npos)
            message = "diverged: " + message; // the store has no 'diverged' status: keep the word
        store.finishRun(m_runId, storeStatus(result.status), message, result.finalMetrics, result.bestMetrics);
        if (!result.lastCheckpoint.empty()) {
            try {
                store.addArtifact(m_runId, "checkpoint", m_project.relativePath(result.lastCheckpoint), result.step);
            } catch (const ProjectError &) {
                // A checkpoint outside the project (an explicit --out) is not an artifact of it.
            }
        }
    }

    const Project &project() const { return m_project; }
    void setResumeCheckpoint(std::filesystem::path checkpoint) { m_resume = std::move(checkpoint); }

private:
    std::optional<std::filesystem::path> m_resume;
    Project m_project;
    RunConfig m_config;
    std::string m_runId;
    std::unique_ptr<SegmentImporter> m_importer;
    std::unique_ptr<MetricsSink> m_sink; // after the importer: destroyed first, flushing its file
};

Project openForWriting(const std::filesystem::path &dir)
{
    Project project = Project::open(dir);
    if (project.isReadOnly())
        throw std::runtime_error("project " + project.dir().string()
                                 + " is in cluster-safe (segments) mode and another process holds its writer lock "
                                   "(seekbench.db.lock); start the run from that process or stop it first");
    return project;
}

} // namespace

std::unique_ptr<ProjectTrainSession> ProjectTrainSession::beginNew(const std::filesystem::path &projectDir,
                                                                   const RunConfig &config, const std::string &name,
                                                                   const std::string &parentId)
{
    try {
        auto session = std::make_unique<StoreTrainSession>(openForWriting(projectDir), config);
        NewRun run;
        run.name = name.empty() ? config.name : name;
        run.configYaml = toYaml(config);
        run.configHash = configHash(config);
        run.launcher = "cli";
        run.status = "running";
        RunStore store(session->project());
        if (!parentId.empty()) {
            if (!store.findRun(parentId))
                throw std::runtime_error("--parent: no run '" + parentId + "' in project "
                                         + session->project().dir().string());
            run.parentId = parentId;
            run.parentKind = "clone";
        }
        const std::string id = store.createRun(run);
        session->openSink(id, 1);
        return session;
    } catch (const ProjectError &e) {
        throw std::runtime_error(e.what());
    }
}

std::unique_ptr<ProjectTrainSession> ProjectTrainSession::beginResume(const std::filesystem::path &projectDir,
                                                                      const std::string &runId)
{
    try {
        Project project = openForWriting(projectDir);
        RunStore store(project);
        const RunRecord record = store.run(runId);
        if (record.status == "running") {
            const ProcessIdentity writer{record.host, record.pid, record.pidStart};
            if (writer.host != ProcessIdentity::hostName() || writer.isAliveHere())
                throw std::runtime_error("run '" + runId + "' in " + project.dir().string() + " is still running (pid "
                                         + std::to_string(record.pid) + " on " + record.host + ")");
        }
        ConfigLoad load = parseRunConfig(record.configYaml);
        if (!load.ok())
            throw std::runtime_error("the config snapshot of run '" + runId + "' does not parse: "
                                     + describe(load.issues.front()));
        auto session = std::make_unique<StoreTrainSession>(std::move(project), load.config);
        // Points after the checkpoint step belong to the attempt being replaced: the new
        // attempt supersedes them. Without a checkpoint, training restarts at step 0.
        std::int64_t step = -1;
        if (auto latest = latestCheckpoint(session->project().runDir(runId))) {
            step = readCheckpointInfo(*latest).step;
            session->setResumeCheckpoint(*latest);
        }
        const int attempt = RunStore(session->project()).beginAttempt(runId, step);
        session->openSink(runId, attempt);
        return session;
    } catch (const ProjectError &e) {
        throw std::runtime_error(e.what());
    } catch (const CheckpointError &e) {
        throw std::runtime_error(std::string("cannot resume run '") + runId + "': " + e.what());
    }
}

} // namespace seekbench::cli
