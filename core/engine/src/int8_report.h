#pragma once

// What INT8 costs and gains for an exported transformer (issue 23): the fp32 and the INT8
// TorchScript files side by side, each loaded from its bytes and frozen as the server
// loads them, on the run's own evaluation data (regenerated from the run's config):
// the task's metric, the file size, and CPU latency at batch 1 and 32.

#include "model.h"

#include <nlohmann/json.hpp>

#include <string>

namespace seekbench::engine {

// {"metric", "samples", "quantized_engine", "threads", "sequence_length",
//  "fp32": {"value", "bytes", "ms_batch1", "ms_batch32"}, "int8": {...},
//  "metric_change", "size_ratio", "speedup_batch1", "speedup_batch32"}
// The metric: accuracy (sequence and token classification), mse (regression, lower is
// better), next-token accuracy (causal_lm).
nlohmann::json compareInt8(DeepSeekModelImpl &model, const RunConfig &config, const std::string &fp32Bytes,
                           const std::string &int8Bytes);

} // namespace seekbench::engine
