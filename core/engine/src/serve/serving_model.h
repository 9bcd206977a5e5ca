#pragma once

// An exported model as the server runs it (issue 23): the folder `seekbench-cli export
// --format torchscript` wrote (model.pt + config.json), loaded once per model instance
// with torch::jit::load, exactly as Triton's LibTorch backend or a bare LibTorch program
// would, so what is served is the file that was exported and verified.

#include "dynamic_batcher.h"

#include "seekbench/export/model_signature.h"

#include <torch/script.h>

#include <filesystem>
#include <string>
#include <vector>

namespace seekbench::engine {

class ServingModel
{
public:
    // Throws std::runtime_error naming the file when model.pt or config.json is missing,
    // unreadable or not a Seekbench export.
    ServingModel(const std::filesystem::path &dir, int instances);

    const ModelSignature &signature() const { return m_signature; }
    // "none", "int8_dynamic" or "int8_weight_only", from the export's config.json
    const std::string &quantization() const { return m_quantization; }
    const std::string &describe() const { return m_description; }

    // Concatenates the jobs' rows, runs instance `instance`, answers each job.
    void runBatch(std::vector<JobPtr> &jobs, int instance);
    // forward on a [rows, ...] input tensor: input_ids (int64) or the cross-modal model's
    // image (float) (the benchmark's in-process ceiling).
    at::Tensor forward(const at::Tensor &input, int instance = 0);

private:
    ModelSignature m_signature;
    std::string m_quantization = "none";
    std::string m_description;
    std::vector<torch::jit::Module> m_instances;
};

} // namespace seekbench::engine
