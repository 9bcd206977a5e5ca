#pragma once

// The DeepSeek-style transformer as a TorchScript module (issue 23): each part of the
// architecture written once more as TorchScript source, generated for the model's config
// (layers, MoE layers, heads), with the trained weights registered into it. Loadable by
// Python's torch.jit.load and a bare LibTorch program, without Seekbench; tests check its
// outputs against the C++ module's on fixed inputs.

#include "model.h"

#include <filesystem>

namespace seekbench::engine {

// forward(input_ids: int64 [batch, sequence]) -> logits, as DeepSeekModel::forward gives
// them (eval mode). Writes `path` atomically.
void writeTorchScript(DeepSeekModelImpl &model, const std::filesystem::path &path);

} // namespace seekbench::engine
