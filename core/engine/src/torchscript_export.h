#pragma once

// The DeepSeek-style transformer as a TorchScript module (issue 23): each part of the
// architecture written once more as TorchScript source, generated for the model's config
// (layers, MoE layers, heads), with the trained weights registered into it. Loadable by
// Python's torch.jit.load and a bare LibTorch program, without Seekbench; tests check its
// outputs against the C++ module's on fixed inputs.

#include "model.h"

#include <filesystem>
#include <string>

namespace seekbench::engine {

// forward(input_ids: int64 [batch, sequence]) -> logits, as DeepSeekModel::forward gives
// them (eval mode). Writes `path` atomically. `int8`: every linear layer but the MoE
// router as LibTorch's dynamic INT8 linear with per-channel weight scales (the receiving
// program sets a quantized engine that has them: oneDNN or QNNPACK, FBGEMM elsewhere).
void writeTorchScript(DeepSeekModelImpl &model, const std::filesystem::path &path, bool int8 = false);
// The same file's bytes.
std::string torchScriptBytes(DeepSeekModelImpl &model, bool int8 = false);

} // namespace seekbench::engine
