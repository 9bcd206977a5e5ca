#pragma once

// The owner's start of a distributed run recorded in a project: one run row, N ranks.
// The owner (the local launcher, or `slurm submit`) creates the run or its next attempt
// and hands the run id and attempt to the ranks as `train --project DIR --run-id ID
// --attempt N` (RunRecorder::joinRun); each rank writes its own segment file; the owner
// imports the segments and records the outcome (distributed_run.h).

#include "seekbench/config/run_config.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

struct DistributedRunStart
{
    std::string runId;
    int attempt = 1;
    std::string name;
};

// A new run (`config` given) or a new attempt of `resumeId`, written by `ranks` ranks.
// scheduler "" (local launcher: status running, this process the writer) or "slurm"
// (status queued until the job runs). A live run (RunControl::isLive) is not resumed.
// Throws std::runtime_error naming the problem.
DistributedRunStart beginDistributedRun(Project &project, const std::optional<RunConfig> &config,
                                        const std::string &resumeId, int ranks, const std::string &scheduler);

// The rank command for a run: {"train", "--project", DIR, "--run-id", ID, "--attempt", N}.
std::vector<std::string> rankCommand(const std::filesystem::path &projectDir, const std::string &runId, int attempt);

} // namespace seekbench::projects
