#pragma once

// What the AML export tests share (issue 23): small AML configs, generated transactions,
// a model whose weights no initialiser would give written as a checkpoint, the exported
// forward's inputs, and the engine's own scores (scoreAmlTransactions: the training
// task's scoring path) to compare the exported files with. Include after <torch/torch.h>
// and before Qt.

#include "aml_export.h"
#include "export_fixture.h"

#include "seekbench/aml/generator.h"
#include "seekbench/engine/aml_scoring.h"

#include <torch/torch.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace seekbench::export_fixture {

// "dense": aml.yaml shrunk (two message layers, causal blocks). "moe": one message layer,
// grouped-query attention with biases, a MoE block (top-2 of 4, a shared expert),
// bidirectional, 2-day windows.
inline RunConfig amlConfig(const std::string &variant)
{
    RunConfig c = configNamed("aml.yaml");
    c.model.hidden_size = 16;
    c.model.num_attention_heads = 2;
    c.model.num_key_value_heads = 2;
    c.model.intermediate_size = 32;
    c.model.num_hidden_layers = 1;
    c.model.max_position_embeddings = 16;
    c.aml.sequence_length = 8;
    if (variant == "moe") {
        c.aml.message_layers = 1;
        c.aml.window_days = 2;
        c.model.num_hidden_layers = 2;
        c.model.num_attention_heads = 4;
        c.model.num_key_value_heads = 2;
        c.model.attention_bias = true;
        c.model.causal = false;
        c.model.n_routed_experts = 4;
        c.model.num_experts_per_tok = 2;
        c.model.n_shared_experts = 1;
        c.model.moe_intermediate_size = 16;
        c.model.first_k_dense_replace = 1;
    }
    return c;
}

// About 2,000 labelled transactions over four months (two for training).
inline const aml::AmlData &amlData()
{
    static const aml::AmlData data = [] {
        aml::GeneratorOptions o;
        o.accounts = 80;
        o.months = 4;
        o.seed = 21;
        return aml::generateTransactions(o);
    }();
    return data;
}

// The model of `c` with every weight moved by seeded noise of 0.05, written as the
// trainer writes a checkpoint to `path`.
inline std::shared_ptr<torch::nn::Module> writeAmlCheckpoint(const RunConfig &c, const std::filesystem::path &path,
                                                             std::uint64_t seed, std::int64_t step = 4)
{
    torch::manual_seed(seed);
    auto module = engine::makeAmlGraphModule(c);
    {
        torch::NoGradGuard noGrad;
        for (auto &p : module->parameters())
            p.add_(torch::randn_like(p) * 0.05);
    }
    writeCheckpoint(*module, c, path, step);
    return module;
}

// The engine's laundering probabilities of every transaction, from the checkpoint.
inline at::Tensor engineScores(const RunConfig &c, const std::filesystem::path &checkpoint)
{
    const std::vector<float> p = scoreAmlTransactions(c, checkpoint, amlData());
    return torch::tensor(p, torch::kFloat);
}

} // namespace seekbench::export_fixture
