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
    std::string name;               // "input_ids", "image", "logits"
    std::string datatype;           // KServe v2: "INT64", "FP32"
    std::vector<std::int64_t> dims; // without the batch axis; -1: any length
    std::int64_t maxDim = 0;        // the largest length a -1 axis may have (0: none)
    std::string meaning = {};       // what the tensor holds, for READMEs and config.json (may be empty)
};

struct ModelSignature
{
    std::vector<TensorSpec> inputs;
    std::vector<TensorSpec> outputs;
    std::int64_t vocabSize = 0; // input_ids must lie in [0, vocabSize); 0 for models without token ids
    // false: the model takes no batch axis (Triton's max_batch_size 0): the dims are the
    // whole shapes, and one request is one input (the AML model's transaction graph).
    bool batched = true;
};

// The transformer (data.kind synthetic_text): input_ids INT64 [-1] (a sequence up to
// max_position_embeddings), logits FP32 [num_labels] for sequence classification and
// regression, [-1, num_labels] for token classification, [-1, vocab_size] for causal_lm.
// The cross-modal model (data.kind fashion_mnist_pairs, either architecture) is served as an
// image classifier: image FP32 [1, 28, 28] (a Fashion-MNIST image normalised as the engine's
// splits: (pixel / 255 - 0.2860) / 0.3530), logits FP32 [10] (the class decision; argmax is
// the class). The AML graph model (data.kind aml_transactions) takes one transaction graph
// per request, without a batch axis (batched false): edge_features FP32 [-1, 27],
// node_features FP32 [-1, -1, 6], edge_src and edge_dst INT64 [-1], seq_index INT64
// [-1, K], seq_extra FP32 [-1, K, 3], seq_peer INT64 [-1, K], rows INT64 [-1] (K:
// aml.sequence_length) -> logits FP32 [-1], each described in its `meaning`. Throws
// std::invalid_argument for a model family the servable formats do not cover yet.
ModelSignature modelSignature(const RunConfig &config);

// {"batched": bool, "inputs": [{"name", "datatype", "dims", "meaning"}, ...], "outputs": [...]}
// (config.json's seekbench.signature).
std::string signatureJson(const ModelSignature &signature);

// "[-1, 4]" style, for messages and metadata.
std::string dimsText(const std::vector<std::int64_t> &dims);

} // namespace seekbench
