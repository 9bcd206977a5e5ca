#pragma once

// How a training process records its run in a project's store (`seekbench-cli train
// --project DIR`): the run row, config snapshot and params first; points through the
// batched MetricWriter (or, in cluster-safe mode, a segment file imported on a timer);
// end() records the status, the trainer's final and best metrics and the last checkpoint.
// Engine-free: the trainer hands over sink() and, at its end, a TrainResult.

#include "seekbench/config/run_config.h"
#include "seekbench/run/metrics_sink.h"
#include "seekbench/run/run_status.h"
#include "seekbench/run/train_result.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

class RunRecorder
{
public:
    virtual ~RunRecorder() = default;

    // A new run: creates the run row (status running, host, pid, launcher, config
    // snapshot and hash, flattened params) and runs/<run-id>/. Throws std::runtime_error
    // with a message naming the project and the problem. A non-empty `parentId` records
    // the run as a clone of that run (which must exist in the project).
    static std::unique_ptr<RunRecorder> beginNew(const std::filesystem::path &project, const RunConfig &config,
                                                 const std::string &name, const std::string &parentId = {});
    // Resume of an existing run: same run id, a new attempt. The config comes from the
    // run's snapshot. resumeCheckpoint() is its newest intact checkpoint
    // (findResumeCheckpoint): a damaged newer one is skipped, said in resumeNotes() and in
    // the run's log, and the stored points after the checkpoint resumed from are
    // superseded. A run that is still live (RunControl::isLive) is refused.
    static std::unique_ptr<RunRecorder> beginResume(const std::filesystem::path &project, const std::string &runId);

    // One rank of a distributed run that its owner (launch, slurm submit) created: the
    // config is the run's snapshot in runs/<id>/config.yaml, points go to this rank's
    // segment file, and nothing here opens seekbench.db (the project may sit on a network
    // file system shared with other nodes). attempt > 1 resumes from the run's newest
    // intact checkpoint.
    static std::unique_ptr<RunRecorder> joinRun(const std::filesystem::path &project, const std::string &runId,
                                                int attempt, int rank);

    virtual std::string runId() const = 0;
    virtual const RunConfig &config() const = 0;
    virtual std::filesystem::path outDir() const = 0; // runs/<run-id>
    virtual std::optional<std::filesystem::path> resumeCheckpoint() const = 0;
    // Why newer checkpoints than resumeCheckpoint() were skipped (TrainRequest::resumeNotes).
    virtual std::vector<std::string> resumeNotes() const { return {}; }
    virtual MetricsSink *sink() = 0; // the batched store writer
    // The project this recorder writes, when it opened one (not a rank's segment). Use it
    // rather than opening the project again in this process: Project::open reads the
    // database file, and closing any descriptor of that file drops the process's POSIX
    // locks, SQLite's included, so another process could then remove the WAL under this
    // recorder's connection.
    virtual const Project *openProject() const { return nullptr; }
    // Flushes and records the final status (finished, cancelled, or failed with a
    // 'diverged:' or 'disk full:' message) and final/best metrics. A rank of a distributed
    // run only makes its segment durable: the owner records the end from every rank's
    // "end" event. Throws std::runtime_error when the status cannot be recorded (the store
    // itself is full), and when the record could not be stored and the run, though it
    // trained to its end, is therefore marked failed.
    virtual void end(const TrainResult &result) = 0;
};

// The store's status for a trainer's outcome: early stop is finished, divergence failed.
RunStatus runStatusOf(TrainStatus status);

} // namespace seekbench::projects
