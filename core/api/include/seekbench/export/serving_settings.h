#pragma once

// How an exported model is served (issue 23): the dynamic batcher's settings as Triton
// names them, shared by `seekbench-cli serve`, the Triton repository's config.pbtxt and
// the Kubernetes manifests, so that the three never disagree.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace seekbench {

struct ServingSettings
{
    std::string modelName = "model";                    // [A-Za-z0-9_.-]{1,64}
    int maxBatchSize = 32;                              // rows per batch (a request may bring several)
    std::vector<int> preferredBatchSizes = {8, 16, 32}; // each in [1, maxBatchSize], ascending
    std::int64_t maxQueueDelayUs = 2000;                // the longest a request waits for a batch to fill
    int instances = 1;                                  // model instances, each running one batch at a time
    int maxQueueSize = 256;                             // queued requests; a full queue answers 503 at once
    std::int64_t requestTimeoutUs = 1000000;            // a request not started by then answers 504
    bool dynamicBatching = true;                        // off: each request is its own batch
};

// The name a served export gets when none is given: its folder's name, or for a Triton
// repository's version folder (<name>/1) the model folder's, with characters a model name
// cannot hold replaced by '-' (at most 64); "model" when nothing is left.
std::string defaultServedModelName(const std::filesystem::path &exportDir);

// Every problem with the settings, each naming its field ("max_batch_size must be ...");
// empty when they are usable.
std::vector<std::string> servingSettingsProblems(const ServingSettings &settings);

} // namespace seekbench
