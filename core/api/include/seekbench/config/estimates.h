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
    double totalBytes = 0;
};

// Training memory for one precision at one micro-batch size: fp32 master weights and
// gradients, AdamW's two moments (or SGD's momentum), and the activations kept for the
// backward pass (with autocast, matmul outputs in 16 bits).
MemoryEstimate estimateTrainingMemory(const RunConfig &config, const std::string &precision, int batchSize);

// The largest micro-batch whose estimate fits the budget; 0 when not even 1 fits.
int largestBatchThatFits(const RunConfig &config, const std::string &precision, double budgetBytes);

// Matmul FLOPs of one training step (forward + backward = 3x forward), per micro-batch.
double trainingStepFlops(const RunConfig &config, int batchSize);

} // namespace seekbench
