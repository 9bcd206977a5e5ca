#pragma once

#include "seekbench/config/config_issue.h"
#include "seekbench/config/run_config.h"

namespace seekbench {

// What the build and the machine offer; validation needs it for device and precision.
struct BuildCapabilities
{
    bool cudaBuild = false;  // LibTorch found at build time has CUDA
    bool cudaDevice = false; // and a device is present now
    bool nccl = false;       // LibTorch found at build time has NCCL (training.backend: nccl)
};

// Every problem at once, each with its key and reason. Never throws.
ConfigIssues validate(const RunConfig &config, const BuildCapabilities &caps = {});

} // namespace seekbench
