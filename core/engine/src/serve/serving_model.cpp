#include "serving_model.h"

#include "../quantization.h"

#include "seekbench/config/config_io.h"
#include "seekbench/config/validation.h"
#include "seekbench/formats/small_file.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace seekbench::engine {

ServingModel::ServingModel(const std::filesystem::path &dir, int instances)
{
    const auto configPath = dir / "config.json";
    const auto modelPath = dir / "model.pt";
    if (!std::filesystem::is_regular_file(modelPath))
        throw std::runtime_error(modelPath.string()
                                 + ": no such file (serve takes a folder written by "
                                   "`seekbench-cli export --format torchscript`)");
    const SmallFileRead read = readSmallFile(configPath, 16 << 20);
    if (!read.ok())
        throw std::runtime_error(configPath.string() + ": " + read.problem);
    nlohmann::json config;
    try {
        config = nlohmann::json::parse(read.text);
    } catch (const nlohmann::json::exception &e) {
        throw std::runtime_error(configPath.string() + ": not JSON: " + e.what());
    }
    const auto block = config.find("seekbench");
    if (block == config.end() || !block->is_object() || !block->contains("config_yaml")
        || !(*block)["config_yaml"].is_string())
        throw std::runtime_error(configPath.string() + ": no \"seekbench\".\"config_yaml\"; not a Seekbench export");
    const ConfigLoad load = parseRunConfig((*block)["config_yaml"].get<std::string>());
    if (!load.issues.empty())
        throw std::runtime_error(configPath.string()
                                 + ": its run config does not load: " + seekbench::describe(load.issues.front()));
    try {
        m_signature = modelSignature(load.config);
    } catch (const std::invalid_argument &e) {
        throw std::runtime_error(configPath.string() + ": " + e.what());
    }
    if (!m_signature.batched) {
        // The batcher, the v2 request parser and runBatch carry one batched input tensor; the
        // AML graph model takes eight named tensors of one graph per call, with no batch axis.
        std::string names;
        for (const TensorSpec &t : m_signature.inputs)
            names += (names.empty() ? "" : ", ") + t.name;
        throw std::runtime_error(configPath.string() + ": this model takes " + std::to_string(m_signature.inputs.size())
                                 + " named inputs of one transaction graph per call (" + names
                                 + ") and has no batch axis; seekbench-cli serve serves models of one batched input "
                                   "(token ids or images). Serve it with Triton: seekbench-cli export --format "
                                   "triton writes its repository (max_batch_size 0)");
    }
    const std::string quantization = block->value("quantization", std::string());
    if (quantization == "int8_dynamic" || quantization == "int8_weight_only")
        m_quantization = quantization;
    if (m_quantization == "int8_dynamic")
        selectQuantizedEngine(); // before load: the packed weights are prepared for the engine in use
    for (int i = 0; i < std::max(1, instances); ++i) {
        try {
            m_instances.push_back(torch::jit::load(modelPath.string()));
        } catch (const c10::Error &e) {
            throw std::runtime_error(modelPath.string()
                                     + ": not a loadable TorchScript file: " + std::string(e.what_without_backtrace()));
        }
        m_instances.back().eval();
        // Frozen: the weights become constants of the graph, which LibTorch then folds and
        // fuses (as torch.jit.freeze; 2x faster at batch 1 on the tiny classifier).
        m_instances.back() = torch::jit::freeze(m_instances.back());
    }
    m_description = modelPath.string()
                    + (m_quantization == "int8_dynamic"       ? " (INT8 dynamic)"
                       : m_quantization == "int8_weight_only" ? " (INT8 weight-only)"
                                                              : " (fp32)");
}

at::Tensor ServingModel::forward(const at::Tensor &input, int instance)
{
    c10::InferenceMode guard;
    return m_instances.at(std::size_t(instance)).forward({input}).toTensor().to(torch::kFloat).contiguous();
}

void ServingModel::runBatch(std::vector<JobPtr> &jobs, int instance)
{
    std::int64_t rows = 0;
    for (const auto &j : jobs)
        rows += j->rows();
    std::vector<std::int64_t> shape = jobs.front()->shape;
    shape.front() = rows;
    at::Tensor input;
    if (m_signature.inputs.front().datatype == "FP32") { // the cross-modal model's image
        input = torch::empty(shape, torch::kFloat);
        float *dst = input.data_ptr<float>();
        for (const auto &j : jobs) {
            std::memcpy(dst, j->values.data(), j->values.size() * sizeof(float));
            dst += j->values.size();
        }
    } else {
        input = torch::empty(shape, torch::kLong);
        std::int64_t *dst = input.data_ptr<std::int64_t>();
        for (const auto &j : jobs) {
            std::memcpy(dst, j->data.data(), j->data.size() * sizeof(std::int64_t));
            dst += j->data.size();
        }
    }
    const at::Tensor out = forward(input, instance);
    const std::int64_t perRow = rows ? out.numel() / rows : 0;
    const float *src = out.data_ptr<float>();
    for (const auto &j : jobs) {
        InferenceOutcome o;
        o.shape.assign(out.sizes().begin(), out.sizes().end());
        o.shape.front() = j->rows();
        o.data.assign(src, src + perRow * j->rows());
        src += perRow * j->rows();
        j->done.set_value(std::move(o));
    }
}

} // namespace seekbench::engine
