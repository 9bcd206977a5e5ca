#pragma once

// What the export tests share: a bundled config by file name, the module a config builds
// (any family), a perturbed transformer, and a checkpoint written as the trainer writes one. Include after
// <torch/torch.h> and before Qt (QT_NO_KEYWORDS is set on the targets).

#include "aml_task.h"
#include "checkpoint.h"
#include "crossmodal_model.h"
#include "model.h"

#include "seekbench/config/config_io.h"
#include "seekbench/engine/model_export.h"
#include "seekbench/formats/checkpoint_file.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

namespace seekbench::export_fixture {

inline RunConfig configNamed(const std::string &file)
{
    const ConfigLoad load = loadRunConfig(std::string(SEEKBENCH_SOURCE_DIR) + "/resources/configs/" + file);
    if (!load.issues.empty()) {
        std::fprintf(stderr, "%s does not load\n", file.c_str());
        std::abort();
    }
    return load.config;
}

inline std::shared_ptr<torch::nn::Module> buildModule(const RunConfig &c)
{
    if (c.data.kind == "synthetic_text")
        return engine::DeepSeekModel(c.model).ptr();
    if (c.data.kind == "fashion_mnist_pairs")
        return engine::CrossModalModel(c).ptr();
    return engine::makeAmlGraphModule(c);
}

// A dense transformer in eval mode whose weights no initialiser would give (each moved by
// seeded noise of 0.05), so that exported outputs compared with it test every weight.
inline engine::DeepSeekModel perturbedModel(const ModelConfig &m, std::uint64_t seed)
{
    torch::manual_seed(seed);
    engine::DeepSeekModel model(m);
    {
        torch::NoGradGuard noGrad;
        for (auto &p : model->parameters())
            p.add_(torch::randn_like(p) * 0.05);
    }
    model->eval();
    return model;
}

// A checkpoint as the trainer writes one: its header carries the step and the run's config.
inline void writeCheckpoint(torch::nn::Module &module, const RunConfig &headerConfig, const std::filesystem::path &path,
                            std::int64_t step)
{
    torch::optim::SGD optimizer(module.parameters(), torch::optim::SGDOptions(0.1));
    engine::TrainingState state;
    state.step = step;
    const std::string payload = engine::saveTrainingPayload(module, optimizer, state, nullptr);
    const nlohmann::json header = {{"step", step}, {"config_yaml", toYaml(headerConfig)}};
    writeCheckpointFile(path, header.dump(), payload);
}

inline ModelExportRequest request(const std::filesystem::path &checkpoint, const std::filesystem::path &out,
                                  ModelExportFormat format)
{
    ModelExportRequest r;
    r.checkpoint = checkpoint;
    r.outDir = out;
    r.format = format;
    return r;
}

} // namespace seekbench::export_fixture
