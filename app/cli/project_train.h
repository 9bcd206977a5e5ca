#pragma once

// How `seekbench-cli train --project DIR` records a run in a project's store.

#include "seekbench/engine/trainer.h"
#include "seekbench/metrics_sink.h"
#include "seekbench/run_config.h"

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace seekbench::cli {

class ProjectTrainSession
{
public:
    virtual ~ProjectTrainSession() = default;

    // A new run: creates the run row (status running, host, pid, launcher, config
    // snapshot and hash, flattened params) and runs/<run-id>/. Throws std::runtime_error
    // with a message naming the project and the problem. A non-empty `parentId` records
    // the run as a clone of that run (which must exist in the project).
    static std::unique_ptr<ProjectTrainSession> beginNew(const std::filesystem::path &project,
                                                         const RunConfig &config,
                                                         const std::string &name,
                                                         const std::string &parentId = {});
    // Resume of an existing run: same run id, a new attempt. The config comes from the
    // run's snapshot. resumeCheckpoint() is its latest checkpoint.
    static std::unique_ptr<ProjectTrainSession> beginResume(const std::filesystem::path &project,
                                                            const std::string &runId);

    // One rank of a distributed run that its owner (launch, slurm submit) created: the
    // config is the run's snapshot, points go to this rank's segment file, and nothing
    // here opens seekbench.db (distributed_train.cpp). attempt > 1 resumes from the
    // run's latest checkpoint.
    static std::unique_ptr<ProjectTrainSession> joinRun(const std::filesystem::path &project,
                                                        const std::string &runId, int attempt, int rank);

    virtual std::string runId() const = 0;
    virtual const RunConfig &config() const = 0;
    virtual std::filesystem::path outDir() const = 0;           // runs/<run-id>
    virtual std::optional<std::filesystem::path> resumeCheckpoint() const = 0;
    virtual MetricsSink *sink() = 0;                            // the batched store writer
    // Flushes and records the final status and final/best metrics.
    virtual void end(const TrainResult &result) = 0;
};

} // namespace seekbench::cli
