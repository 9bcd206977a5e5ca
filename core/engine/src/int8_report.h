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

// The same for the cross-modal model exported as an image classifier (crossmodal_export.h):
// the metric is the class accuracy on the run's test split (the first data.eval_samples
// Fashion-MNIST t10k images of crossmodal.data_dir, at most 2,048), latency on its first
// images. Where those files cannot be read, the values are null and "metric_unavailable"
// names the file and the problem; sizes and latency (on blank images) are still measured.
nlohmann::json compareInt8Images(const RunConfig &config, const std::string &fp32Bytes, const std::string &int8Bytes);

} // namespace seekbench::engine
