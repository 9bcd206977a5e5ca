#pragma once

// `launch --nproc N -- train --project DIR ...`: the owner of a distributed run in a
// project (projects/distributed_start.h creates it, projects/distributed_run.h records its
// end); the ranks join it with `train --project DIR --run-id ID --attempt N`.

#include "seekbench/run/cancel_token.h"
#include "seekbench/config/run_config.h"

#include <optional>
#include <string>
#include <vector>

namespace seekbench::cli {

// `launch --nproc N -- train --project DIR (--config FILE [--name N] | --resume RUN_ID)`.
int runProjectLaunch(int nproc, const std::vector<std::string> &trainArgs, const std::optional<std::string> &logDir,
                     const CancelToken *cancel);

} // namespace seekbench::cli
