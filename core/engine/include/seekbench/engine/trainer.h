#pragma once

// The training engine's public face. Torch-free: callers (the CLI, tests, the GUI's
// helper process) see configs, sinks and results, never tensors.

#include "seekbench/config/run_config.h"
#include "seekbench/config/validation.h"
#include "seekbench/run/cancel_token.h"
#include "seekbench/run/dataset_source.h"
#include "seekbench/run/metrics_sink.h"
#include "seekbench/run/rank_environment.h"
#include "seekbench/run/train_result.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seekbench {

struct TrainRequest
{
    RunConfig config;
    std::filesystem::path outDir;                    // checkpoints go to outDir/checkpoints
    std::optional<std::filesystem::path> resumeFrom; // a checkpoint file or a run folder
    // Why newer checkpoints were skipped, when the caller chose resumeFrom itself with
    // findResumeCheckpoint (a project's run): warnings at resume, as a folder's own are.
    std::vector<std::string> resumeNotes;
    MetricsSink *sink = nullptr;                   // may be null
    std::function<void(const RunEvent &)> onEvent; // the live channel; may be empty
    const CancelToken *cancel = nullptr;
    // In-memory data for tasks that need it (see dataset_source.h); null for tasks that
    // build their data from the config.
    std::shared_ptr<const DatasetSource> dataset;
    int rank = 0;
    int worldSize = 1;
    // Data parallel over c10d when worldSize > 1: the rendezvous address, the collective
    // timeout, and whether a launcher hosts the store (then rank 0 connects to it like the
    // others). The backend is config.training.backend (auto: NCCL on a CUDA device when
    // the build has it, else Gloo), so every launcher's ranks get it with the config; a
    // CUDA rank trains on device rankEnvironment.localRank.
    RankEnvironment rankEnvironment;
    int collectiveTimeoutSeconds = 300;
    bool storeHostedByLauncher = false;
    // Train even when the memory estimate exceeds the machine's memory
    // (machine_memory.h); otherwise such a run fails as bad input before allocating.
    bool ignoreMemoryCheck = false;
};

// Runs training to the end, to a cancel, or to a failure. Throws only for invalid
// requests (bad config: validate first); runtime failures come back as Failed. A full
// disk (a checkpoint, or the sink's fatalError()) ends the run as Failed with a message
// starting "disk full: " and naming the path; the last good checkpoint stays.
TrainResult train(const TrainRequest &request);

// What this build and machine offer, for validate().
BuildCapabilities engineCapabilities();

// Counts live CPU tensor bytes from now on (reported as train/peak_tensor_bytes).
void enableTensorMemoryTracking();

} // namespace seekbench
