#pragma once

// Distributed runs recorded in a project: one run row, N ranks. The owner (the local
// launcher, or `slurm submit`) creates the run or its next attempt and hands the run id
// and attempt to the ranks as `train --project DIR --run-id ID --attempt N`; each rank
// writes its own segment file, never seekbench.db; the owner imports the segments and
// records the outcome (projects/distributed_run.h).

#include "seekbench/cancel_token.h"
#include "seekbench/run_config.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {
class Project;
}

namespace seekbench::cli {

struct DistributedRunStart
{
    std::string runId;
    int attempt = 1;
    std::string name;
};

// A new run (`config` given) or a new attempt of `resumeId`, written by `ranks` ranks.
// scheduler "" (local launcher: status running, this process the writer) or "slurm"
// (status queued until the job runs). Throws std::runtime_error naming the problem.
DistributedRunStart beginDistributedRun(seekbench::projects::Project &project, const std::optional<RunConfig> &config,
                                        const std::string &resumeId, int ranks, const std::string &scheduler);

// The rank command for a run: {"train", "--project", DIR, "--run-id", ID, "--attempt", N}.
std::vector<std::string> rankCommand(const std::filesystem::path &projectDir, const std::string &runId, int attempt);

// `launch --nproc N -- train --project DIR (--config FILE [--name N] | --resume RUN_ID)`.
int runProjectLaunch(int nproc, const std::vector<std::string> &trainArgs, const std::optional<std::string> &logDir,
                     const CancelToken *cancel);

} // namespace seekbench::cli
