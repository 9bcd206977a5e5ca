#pragma once

// `seekbench-cli launch --nproc N`: hosts the rendezvous store (a c10d TCPStore on a free
// port), starts N rank processes with torchrun's environment (RANK, WORLD_SIZE,
// LOCAL_RANK, LOCAL_WORLD_SIZE, MASTER_ADDR, MASTER_PORT), collects their logs per rank,
// and owns them: a cancel stops every rank, and when one rank fails the others are
// ended at once instead of waiting in a collective.

#include "seekbench/run/cancel_token.h"

#include <filesystem>
#include <string>
#include <vector>

namespace seekbench {

struct LaunchRequest
{
    int nproc = 2;
    std::filesystem::path executable;       // the program each rank runs (seekbench-cli)
    std::vector<std::string> rankArguments; // its arguments, e.g. {"train", "--config", ...}
    std::filesystem::path logDir;           // rank-<r>.log (stderr), rank-<r>.jsonl (stdout of r > 0)
    int graceSeconds = 15;                  // SIGTERM, then SIGKILL after this long
};

struct LaunchResult
{
    int exitCode = 0; // 0, 130 when cancelled, else the failing rank's code
    int failedRank = -1;
    std::string message; // names the failing rank and its log
    int masterPort = 0;
};

LaunchResult launchLocal(const LaunchRequest &request, const CancelToken *cancel);

} // namespace seekbench
