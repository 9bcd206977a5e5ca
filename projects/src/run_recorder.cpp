#include "seekbench/projects/run_recorder.h"

#include "seekbench/config/config_io.h"
#include "seekbench/formats/checkpoint_file.h"
#include "seekbench/projects/metric_writer.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/run_control.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/segment_importer.h"
#include "seekbench/projects/segment_writer.h"

#include <chrono>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace fs = std::filesystem;

namespace seekbench::projects {

namespace {

class StoreRecorder final : public RunRecorder
{
public:
    StoreRecorder(Project project, RunConfig config) : m_project(std::move(project)), m_config(std::move(config)) {}

    ~StoreRecorder() override
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
    fs::path outDir() const override { return m_project.runDir(m_runId); }
    std::optional<fs::path> resumeCheckpoint() const override { return m_resume; }
    std::vector<std::string> resumeNotes() const override { return m_resumeNotes; }
    MetricsSink *sink() override { return m_sink.get(); }

    void end(const TrainResult &result) override
    {
        // What could not be stored (a full disk) makes the run failed, never finished.
        std::string unstored;
        try {
            m_sink->flush();
        } catch (const std::exception &e) {
            unstored = e.what();
        }
        if (m_importer) {
            m_importer->stopTimer();
            try {
                m_importer->importRun(m_runId);
            } catch (const std::exception &e) {
                if (unstored.empty())
                    unstored = e.what();
            }
        }
        RunStatus status = runStatusOf(result.status);
        std::string message = result.message;
        if (result.status == TrainStatus::Diverged && message.find("diverged") == std::string::npos)
            message = "diverged: " + message; // the store has no 'diverged' status: keep the word
        const bool lost = !unstored.empty() && status != RunStatus::Failed;
        if (lost) {
            status = RunStatus::Failed;
            const std::string full = m_sink->fatalError();
            message = full.empty() ? "cannot store the run's record: " + unstored : full;
        }
        try {
            RunStore store(m_project);
            store.finishRun(m_runId, status, message, result.finalMetrics, result.bestMetrics);
            if (!result.lastCheckpoint.empty()) {
                try {
                    store.addArtifact(m_runId, "checkpoint", m_project.relativePath(result.lastCheckpoint), result.step);
                } catch (const ProjectError &) {
                    // A checkpoint outside the project (an explicit --out) is not an artifact
                    // of it; one that a full store cannot list is still on disk.
                }
            }
        } catch (const std::exception &e) {
            throw std::runtime_error(std::string("run '") + m_runId + "' could not be marked " + toString(status)
                                     + (message.empty() ? std::string() : " (" + message + ")")
                                     + " in the store: " + e.what());
        }
        if (lost)
            throw std::runtime_error(std::string("run '") + m_runId + "' is marked failed: " + message);
    }

    const Project &project() const { return m_project; }
    const Project *openProject() const override { return &m_project; }
    void setResume(fs::path checkpoint, std::vector<std::string> notes)
    {
        m_resume = std::move(checkpoint);
        m_resumeNotes = std::move(notes);
    }

private:
    std::optional<fs::path> m_resume;
    std::vector<std::string> m_resumeNotes;
    Project m_project;
    RunConfig m_config;
    std::string m_runId;
    std::unique_ptr<SegmentImporter> m_importer;
    std::unique_ptr<MetricsSink> m_sink; // after the importer: destroyed first, flushing its file
};

// A rank of a distributed run: no database access at all. The config is the run's
// snapshot; the points go to this rank's segment file.
class RankRecorder final : public RunRecorder
{
public:
    RankRecorder(fs::path runDir, std::string runId, RunConfig config, int attempt, int rank)
        : m_runDir(std::move(runDir)), m_runId(std::move(runId)), m_config(std::move(config))
    {
        // The checkpoint the owner's beginAttempt superseded the points after (the same rule).
        if (attempt > 1) {
            if (auto found = findResumeCheckpoint(m_runDir)) {
                m_resume = found->contents.info.path;
                m_resumeNotes = std::move(found->skipped);
            }
        }
        m_sink = std::make_unique<SegmentWriter>(m_runDir, m_runId, attempt, rank);
    }

    std::string runId() const override { return m_runId; }
    const RunConfig &config() const override { return m_config; }
    fs::path outDir() const override { return m_runDir; }
    std::optional<fs::path> resumeCheckpoint() const override { return m_resume; }
    std::vector<std::string> resumeNotes() const override { return m_resumeNotes; }
    MetricsSink *sink() override { return m_sink.get(); }
    void end(const TrainResult &) override { m_sink->flush(); }

private:
    fs::path m_runDir;
    std::string m_runId;
    RunConfig m_config;
    std::optional<fs::path> m_resume;
    std::vector<std::string> m_resumeNotes;
    std::unique_ptr<SegmentWriter> m_sink;
};

Project openForWriting(const fs::path &dir)
{
    Project project = Project::open(dir);
    project.requireWritable();
    if (project.isReadOnly())
        throw std::runtime_error("project " + project.dir().string()
                                 + " is in cluster-safe (segments) mode and another process holds its writer lock "
                                   "(seekbench.db.lock); start the run from that process or stop it first");
    return project;
}

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

RunStatus runStatusOf(TrainStatus s)
{
    switch (s) {
    case TrainStatus::Finished:
    case TrainStatus::EarlyStopped: return RunStatus::Finished;
    case TrainStatus::Cancelled: return RunStatus::Cancelled;
    case TrainStatus::Diverged:
    case TrainStatus::Failed: return RunStatus::Failed;
    }
    return RunStatus::Failed;
}

std::unique_ptr<RunRecorder> RunRecorder::beginNew(const fs::path &projectDir, const RunConfig &config,
                                                   const std::string &name, const std::string &parentId)
{
    try {
        auto recorder = std::make_unique<StoreRecorder>(openForWriting(projectDir), config);
        NewRun run;
        run.name = name.empty() ? config.name : name;
        run.configYaml = toYaml(config);
        run.configHash = configHash(config);
        run.launcher = "cli";
        run.status = RunStatus::Running;
        RunStore store(recorder->project());
        if (!parentId.empty()) {
            if (!store.findRun(parentId))
                throw std::runtime_error("--parent: no run '" + parentId + "' in project "
                                         + recorder->project().dir().string());
            run.parentId = parentId;
            run.parentKind = "clone";
        }
        const std::string id = store.createRun(run);
        recorder->openSink(id, 1);
        return recorder;
    } catch (const ProjectError &e) {
        throw std::runtime_error(e.what());
    }
}

std::unique_ptr<RunRecorder> RunRecorder::beginResume(const fs::path &projectDir, const std::string &runId)
{
    try {
        Project project = openForWriting(projectDir);
        RunStore store(project);
        const RunRecord record = store.run(runId);
        RunControl::requireResumable(record);
        ConfigLoad load = parseRunConfig(record.configYaml);
        if (!load.ok())
            throw std::runtime_error("the config snapshot of run '" + runId
                                     + "' does not parse: " + describe(load.issues.front()));
        auto recorder = std::make_unique<StoreRecorder>(std::move(project), load.config);
        // Points after the checkpoint step belong to the attempt being replaced: the new
        // attempt supersedes them. Without a checkpoint, training restarts at step 0. A
        // damaged newest checkpoint falls back to the previous intact one, as a folder's
        // resume does, and the points after the one really resumed from are superseded.
        std::int64_t step = -1;
        std::vector<std::string> skipped;
        if (auto found = findResumeCheckpoint(recorder->project().runDir(runId))) {
            step = found->contents.info.step;
            skipped = found->skipped;
            recorder->setResume(found->contents.info.path, std::move(found->skipped));
        }
        RunStore resumed(recorder->project());
        const int attempt = resumed.beginAttempt(runId, step);
        for (const auto &note : skipped)
            resumed.addLog(runId, "warning", "attempt " + std::to_string(attempt) + ": " + note);
        recorder->openSink(runId, attempt);
        return recorder;
    } catch (const ProjectError &e) {
        throw std::runtime_error(e.what());
    } catch (const CheckpointError &e) {
        throw std::runtime_error(std::string("cannot resume run '") + runId + "': " + e.what());
    }
}

std::unique_ptr<RunRecorder> RunRecorder::joinRun(const fs::path &projectDir, const std::string &runId, int attempt,
                                                  int rank)
{
    const ProjectLayout layout(projectDir);
    fs::path runDir;
    try {
        runDir = layout.runDir(runId);
    } catch (const ProjectError &e) {
        throw std::runtime_error(std::string("--run-id: ") + e.what());
    }
    if (attempt < 1)
        throw std::runtime_error("--attempt must be at least 1");
    const fs::path snapshot = layout.runConfigPath(runId);
    std::error_code ec;
    if (!fs::is_regular_file(snapshot, ec))
        throw std::runtime_error("run '" + runId + "' has no config snapshot " + snapshot.string()
                                 + " (is the project folder shared with this node?)");
    ConfigLoad load = parseRunConfig(readFile(snapshot));
    if (!load.ok())
        throw std::runtime_error(snapshot.string() + ": " + describe(load.issues.front()));
    try {
        return std::make_unique<RankRecorder>(runDir, runId, load.config, attempt, rank);
    } catch (const ProjectError &e) {
        throw std::runtime_error(e.what());
    }
}

} // namespace seekbench::projects
