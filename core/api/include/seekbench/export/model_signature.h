#pragma once

// What an exported model takes and gives, torch-free (issue 23): the tensor names, KServe
// v2 datatypes and dims (without the batch axis; -1 for an axis of any length) that the
// server checks requests against, Triton's config.pbtxt declares and a receiving
// engineer's client sends. One rule, read from the run's config, for all of them.

#include "seekbench/config/run_config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace seekbench {

struct TensorSpec
{
    std::string name;               // "input_ids", "logits"
    std::string datatype;           // KServe v2: "INT64", "FP32"
    std::vector<std::int64_t> dims; // without the batch axis; -1: any length
    std::int64_t maxDim = 0;        // the largest length a -1 axis may have (0: none)
};

struct ModelSignature
{
    std::vector<TensorSpec> inputs;
    std::vector<TensorSpec> outputs;
    std::int64_t vocabSize = 0; // input_ids must lie in [0, vocabSize)
};

// The transformer (data.kind synthetic_text): input_ids INT64 [-1] (a sequence up to
// max_position_embeddings), logits FP32 [num_labels] for sequence classification and
// regression, [-1, num_labels] for token classification, [-1, vocab_size] for causal_lm.
// Throws std::invalid_argument for a model family the servable formats do not cover yet.
ModelSignature modelSignature(const RunConfig &config);

// "[-1, 4]" style, for messages and metadata.
std::string dimsText(const std::vector<std::int64_t> &dims);

} // namespace seekbench
