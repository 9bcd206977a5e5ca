#include "int8_report.h"

#include "quantization.h"
#include "synthetic_text.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <sstream>

namespace seekbench::engine {
namespace {

torch::jit::Module loadFrozen(const std::string &bytes)
{
    std::istringstream in(bytes);
    torch::jit::Module m = torch::jit::load(in);
    m.eval();
    return torch::jit::freeze(m);
}

at::Tensor run(torch::jit::Module &m, const at::Tensor &ids) { return m.forward({ids}).toTensor().to(torch::kFloat); }

// The metric over the eval split, in batches of 64 (at most 2,048 samples).
double metric(torch::jit::Module &m, const RunConfig &config, const TextSplit &eval, std::int64_t samples)
{
    const std::string &head = config.model.head;
    double sum = 0, count = 0;
    for (std::int64_t start = 0; start < samples; start += 64) {
        const std::int64_t end = std::min(samples, start + 64);
        const at::Tensor ids = eval.inputIds.slice(0, start, end);
        const at::Tensor logits = run(m, ids);
        if (head == "regression") {
            const at::Tensor pred = logits.select(1, 0);
            sum += (pred - eval.targets.slice(0, start, end)).pow(2).sum().item<double>();
            count += double(end - start);
        } else if (head == "token_classification") {
            sum += (logits.argmax(-1) == eval.tokenLabels.slice(0, start, end)).sum().item<double>();
            count += double(ids.numel());
        } else if (head == "causal_lm") {
            const at::Tensor next = logits.slice(1, 0, -1).argmax(-1);
            sum += (next == ids.slice(1, 1)).sum().item<double>();
            count += double(next.numel());
        } else {
            sum += (logits.argmax(-1) == eval.labels.slice(0, start, end)).sum().item<double>();
            count += double(end - start);
        }
    }
    return count > 0 ? sum / count : 0;
}

// The median of 25 runs after 5 warm-ups, in milliseconds.
double latencyMs(torch::jit::Module &m, const at::Tensor &ids)
{
    for (int i = 0; i < 5; ++i)
        run(m, ids);
    std::vector<double> ms;
    for (int i = 0; i < 25; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        run(m, ids);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::nth_element(ms.begin(), ms.begin() + 12, ms.end());
    return ms[12];
}

} // namespace

nlohmann::json compareInt8(DeepSeekModelImpl &model, const RunConfig &config, const std::string &fp32Bytes,
                           const std::string &int8Bytes)
{
    c10::InferenceMode guard;
    const Int8Kind kind = chooseInt8Kind();
    const std::string engine = kind == Int8Kind::Dynamic ? selectQuantizedEngine() : std::string("none (weight-only)");
    const TextDataset data = generateSyntheticText(config.data, config.model.vocab_size);
    const std::int64_t samples = std::min<std::int64_t>(2048, data.eval.inputIds.size(0));
    const std::int64_t length = data.eval.inputIds.size(1);
    torch::jit::Module fp32 = loadFrozen(fp32Bytes), int8 = loadFrozen(int8Bytes);
    const at::Tensor one = data.eval.inputIds.slice(0, 0, 1).contiguous();
    const at::Tensor batch = data.eval.inputIds.slice(0, 0, std::min<std::int64_t>(32, samples)).contiguous();
    nlohmann::json r;
    r["metric"] = config.model.head == "regression"             ? "mse"
                  : config.model.head == "causal_lm"            ? "next_token_accuracy"
                  : config.model.head == "token_classification" ? "token_accuracy"
                                                                : "accuracy";
    r["samples"] = samples;
    r["sequence_length"] = length;
    r["quantized_engine"] = engine;
    r["quantization"] = int8KindName(kind);
    r["threads"] = torch::get_num_threads();
    auto side = [&](torch::jit::Module &m, const std::string &bytes) {
        return nlohmann::json{{"value", metric(m, config, data.eval, samples)},
                              {"bytes", bytes.size()},
                              {"ms_batch1", latencyMs(m, one)},
                              {"ms_batch32", latencyMs(m, batch)}};
    };
    r["fp32"] = side(fp32, fp32Bytes);
    r["int8"] = side(int8, int8Bytes);
    r["metric_change"] = r["int8"]["value"].get<double>() - r["fp32"]["value"].get<double>();
    r["size_ratio"] = double(fp32Bytes.size()) / double(std::max<std::size_t>(1, int8Bytes.size()));
    r["speedup_batch1"] = r["fp32"]["ms_batch1"].get<double>() / r["int8"]["ms_batch1"].get<double>();
    r["speedup_batch32"] = r["fp32"]["ms_batch32"].get<double>() / r["int8"]["ms_batch32"].get<double>();
    return r;
}

} // namespace seekbench::engine
