#pragma once

#include "seekbench/config/run_config.h"

#include <cstdint>
#include <string>
#include <vector>

namespace seekbench {

// Pure arithmetic over a config: no torch, callable from the GUI while the user types.

struct ParameterCount
{
    std::int64_t embedding = 0;
    std::int64_t attention = 0;
    std::int64_t mlp = 0; // dense MLPs, shared and routed experts, gates
    std::int64_t norms = 0;
    std::int64_t head = 0;
    std::int64_t total = 0;
    std::int64_t activePerToken = 0; // with only num_experts_per_tok routed experts
};

// Exact: equals the number of elements of the built model's parameters.
ParameterCount countParameters(const ModelConfig &model);
// The model the run builds: the text model, or for data.kind fashion_mnist_pairs the
// cross-modal model (embedding: patch and token embeddings and positions; head: the
// gate and joint head, or the image-only classifier). Exact as well.
ParameterCount countParameters(const RunConfig &config);

// The AML graph model (data.kind aml_transactions): edge and node projections, the
// message-passing layers, the token projection, model.num_hidden_layers DeepSeek blocks
// with their final norm, and the risk head. Exact, like countParameters.
std::int64_t amlGraphParameters(const RunConfig &config);
// Its inputs: engineered features per transaction and static features per account.
constexpr int kAmlEdgeFeatures = 27;
constexpr int kAmlNodeFeatures = 6;

struct MemoryEstimate
{
    std::string precision;
    int batchSize = 0;
    double weightsBytes = 0;
    double gradientsBytes = 0;
    double optimizerBytes = 0;
    double activationsBytes = 0;
    double dataBytes = 0;  // the AML graph model's transaction tensors, kept for the whole run
    double totalBytes = 0; // the peak: weights + optimizer + data + max(gradients, activations)
    // False when the config alone cannot tell: the AML graph model (data.kind
    // aml_transactions) passes messages over all of the project's transactions and
    // accounts every step, so its memory grows with the data. Then weights, gradients and
    // optimizer state are exact, activationsBytes and totalBytes are 0 and mean nothing
    // (never compare them with a budget), and `note` says why; estimateAmlTrainingMemory
    // gives the figure for a known data shape.
    bool available = true;
    std::string note;
};

// Training memory for one precision at one micro-batch size: fp32 master weights and
// gradients, AdamW's two moments (or SGD's momentum), and the activations kept for the
// backward pass (with autocast, matmul outputs in 16 bits). Unavailable (see above) for
// data.kind aml_transactions.
MemoryEstimate estimateTrainingMemory(const RunConfig &config, const std::string &precision, int batchSize);

// The size of an AML project's data as the graph model sees it.
struct AmlDataShape
{
    std::int64_t transactions = 0;
    std::int64_t accounts = 0;
    double spanDays = 0; // from the first to the last transaction
};
// The AML graph model's training memory on data of this shape: weights, gradients and
// optimizer state; the prepared transaction tensors (edge features, message-passing
// indices, each transaction's sequence); and the activations of one step, which passes
// messages over every transaction and every (window, account) state and runs the
// DeepSeek blocks over `batchSize` sequences of aml.sequence_length. Measured against the
// allocator's peak in tests/core/test_estimates.cpp.
MemoryEstimate estimateAmlTrainingMemory(const RunConfig &config, const std::string &precision, int batchSize,
                                         const AmlDataShape &data);

// The largest micro-batch whose estimate fits the budget; 0 when not even 1 fits; -1 when
// the estimate is not available (MemoryEstimate::available).
int largestBatchThatFits(const RunConfig &config, const std::string &precision, double budgetBytes);

// Matmul FLOPs of one training step (forward + backward = 3x forward), per micro-batch.
double trainingStepFlops(const RunConfig &config, int batchSize);

} // namespace seekbench
