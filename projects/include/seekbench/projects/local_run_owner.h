#pragma once

// The owner of a distributed run whose ranks run on this machine (`seekbench-cli launch
// --nproc N -- train --project DIR ...`): the ranks' segments reach the store while they
// train, and once they have ended the run's end is decided and recorded.

#include "seekbench/projects/distributed_run.h"

#include <functional>
#include <string>

namespace seekbench::projects {

class Project;

// How the ranks ended, as the launcher saw it.
struct LocalRanksEnd
{
    bool cancelRequested = false; // SIGINT/SIGTERM reached the owner
    int failedRank = -1;          // the first rank to exit non-zero; -1 for none
    int failedExitCode = 0;
};

// Runs `runRanks` (starts the ranks and waits for them) while importing the run's segments
// every two seconds, then records the end (finishDistributedRun) and returns it. What
// runRanks throws passes through; a failure to record throws std::runtime_error
// "recording the end of run ID failed: ...".
RunEnd ownLocalRun(const Project &project, const std::string &runId, const std::function<LocalRanksEnd()> &runRanks);

} // namespace seekbench::projects
