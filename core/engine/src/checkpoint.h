#pragma once

// The LibTorch archive inside a Seekbench checkpoint: model, optimizer, loss scaler,
// RNG state and data position. The container (header, checksum, atomic write) is
// core_api's checkpoint_file.h.

#include <torch/nn/module.h>

#include <torch/optim/optimizer.h>

#include <cstdint>
#include <string>

namespace seekbench::engine {

class GradScaler;

struct TrainingState
{
    std::int64_t step = 0;  // optimizer steps completed
    std::int64_t epoch = 0; // data position: epoch and index into its permutation
    std::int64_t cursor = 0;
    double bestMetric = 0;
    bool hasBest = false;
    std::int64_t bestStep = -1;
    std::int64_t evalsWithoutImprovement = 0;
};

std::string saveTrainingPayload(torch::nn::Module &model, const torch::optim::Optimizer &optimizer,
                                const TrainingState &state, const GradScaler *scaler);

// Throws CheckpointError naming `source` when the archive does not fit the model.
void loadTrainingPayload(const std::string &payload, const std::string &source, torch::nn::Module &model,
                         torch::optim::Optimizer &optimizer, TrainingState &state, GradScaler *scaler);

// Loads only the model's tensors (inspection), checked against the model like resume.
void loadModelWeights(const std::string &payload, const std::string &source, torch::nn::Module &model);

} // namespace seekbench::engine
