#include "int8_report.h"

#include "aml_export.h"
#include "crossmodal_data.h"
#include "quantization.h"
#include "synthetic_text.h"

#include "seekbench/aml/features.h"
#include "seekbench/aml/generator.h"
#include "seekbench/aml/metrics.h"

#include <torch/script.h>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <functional>
#include <sstream>
#include <stdexcept>

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

// One forward of a model on fixed inputs (one input tensor, or the AML model's eight).
using Inputs = std::vector<c10::IValue>;

// The median of 25 runs after 5 warm-ups, in milliseconds.
double latencyMs(torch::jit::Module &m, const Inputs &inputs)
{
    for (int i = 0; i < 5; ++i)
        m.forward(inputs);
    std::vector<double> ms;
    for (int i = 0; i < 25; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        m.forward(inputs);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::nth_element(ms.begin(), ms.begin() + 12, ms.end());
    return ms[12];
}

// The fp32 and INT8 files side by side: the metric from `metric` (null with the reason in
// "metric_unavailable" when `unavailable` says why it cannot be measured), the sizes, and
// the latency at batch 1 (`one`) and 32 (`batch`).
nlohmann::json compare(const std::string &fp32Bytes, const std::string &int8Bytes, nlohmann::json r,
                       const std::function<double(torch::jit::Module &)> &metric, const std::string &unavailable,
                       const Inputs &one, const Inputs &batch)
{
    const Int8Kind kind = chooseInt8Kind();
    r["quantized_engine"] = kind == Int8Kind::Dynamic ? selectQuantizedEngine() : std::string("none (weight-only)");
    r["quantization"] = int8KindName(kind);
    r["threads"] = torch::get_num_threads();
    torch::jit::Module fp32 = loadFrozen(fp32Bytes), int8 = loadFrozen(int8Bytes);
    auto side = [&](torch::jit::Module &m, const std::string &bytes) {
        return nlohmann::json{{"value", unavailable.empty() ? nlohmann::json(metric(m)) : nlohmann::json()},
                              {"bytes", bytes.size()},
                              {"ms_batch1", latencyMs(m, one)},
                              {"ms_batch32", latencyMs(m, batch)}};
    };
    r["fp32"] = side(fp32, fp32Bytes);
    r["int8"] = side(int8, int8Bytes);
    if (unavailable.empty())
        r["metric_change"] = r["int8"]["value"].get<double>() - r["fp32"]["value"].get<double>();
    else
        r["metric_unavailable"] = unavailable;
    r["size_ratio"] = double(fp32Bytes.size()) / double(std::max<std::size_t>(1, int8Bytes.size()));
    r["speedup_batch1"] = r["fp32"]["ms_batch1"].get<double>() / r["int8"]["ms_batch1"].get<double>();
    r["speedup_batch32"] = r["fp32"]["ms_batch32"].get<double>() / r["int8"]["ms_batch32"].get<double>();
    return r;
}

} // namespace

nlohmann::json compareInt8(DeepSeekModelImpl &model, const RunConfig &config, const std::string &fp32Bytes,
                           const std::string &int8Bytes)
{
    (void)model;
    c10::InferenceMode guard;
    const TextDataset data = generateSyntheticText(config.data, config.model.vocab_size);
    const std::int64_t samples = std::min<std::int64_t>(2048, data.eval.inputIds.size(0));
    nlohmann::json r;
    r["metric"] = config.model.head == "regression"             ? "mse"
                  : config.model.head == "causal_lm"            ? "next_token_accuracy"
                  : config.model.head == "token_classification" ? "token_accuracy"
                                                                : "accuracy";
    r["samples"] = samples;
    r["sequence_length"] = data.eval.inputIds.size(1);
    const at::Tensor one = data.eval.inputIds.slice(0, 0, 1).contiguous();
    const at::Tensor batch = data.eval.inputIds.slice(0, 0, std::min<std::int64_t>(32, samples)).contiguous();
    return compare(fp32Bytes, int8Bytes, r,
                   [&](torch::jit::Module &m) { return metric(m, config, data.eval, samples); }, "", {one}, {batch});
}

nlohmann::json compareInt8Images(const RunConfig &config, const std::string &fp32Bytes, const std::string &int8Bytes)
{
    c10::InferenceMode guard;
    FashionSplit test;
    std::string unavailable;
    try {
        test = loadFashionPairs(config, /*withTrain=*/false).test;
    } catch (const std::exception &e) { // the export stands; the report says what it could not measure
        unavailable = std::string("the run's test images cannot be read: ") + e.what();
    }
    const std::int64_t samples = unavailable.empty() ? std::min<std::int64_t>(2048, test.count()) : 0;
    nlohmann::json r;
    r["metric"] = "accuracy";
    r["samples"] = samples;
    r["input"] = "image [1, 28, 28]";
    const at::Tensor images = samples > 0 ? test.images.slice(0, 0, samples).contiguous()
                                          : torch::zeros({32, 1, 28, 28});
    const at::Tensor labels
        = torch::tensor(std::vector<std::int64_t>(test.labels.begin(), test.labels.begin() + samples), torch::kLong);
    auto accuracy = [&](torch::jit::Module &m) {
        double correct = 0;
        for (std::int64_t start = 0; start < samples; start += 64) {
            const std::int64_t end = std::min(samples, start + 64);
            correct
                += (run(m, images.slice(0, start, end)).argmax(-1) == labels.slice(0, start, end)).sum().item<double>();
        }
        return samples > 0 ? correct / double(samples) : 0.0;
    };
    const std::int64_t rows = std::max<std::int64_t>(1, std::min<std::int64_t>(32, images.size(0)));
    return compare(fp32Bytes, int8Bytes, r, accuracy, unavailable, {images.slice(0, 0, 1).contiguous()},
                   {images.slice(0, 0, rows).contiguous()});
}

nlohmann::json compareInt8Aml(const RunConfig &config, const std::string &fp32Bytes, const std::string &int8Bytes,
                              const aml::AmlData *runData)
{
    c10::InferenceMode guard;
    // The run's own transactions (its project's store) when the export was given them;
    // otherwise the generator's (seeded, labelled) transactions stand in, enough months for
    // the config's validation and test months.
    aml::GeneratorOptions o;
    o.accounts = 200;
    o.months = config.aml.validation_months + config.aml.test_months + 2;
    o.seed = 7;
    const aml::AmlData generated = runData ? aml::AmlData() : aml::generateTransactions(o);
    const aml::AmlData &data = runData ? *runData : generated;
    const AmlGraphInputs in = amlGraphInputs(config, data); // the whole graph: scores read earlier months
    const std::int64_t n = in.rows.size(0);
    // The scored rows: the test months' labelled transactions (the run's), or all (generated).
    std::vector<std::int64_t> scored;
    std::vector<std::int8_t> labels;
    const aml::AmlPeriods periods = aml::amlPeriods(data, config.aml);
    for (std::int64_t i = 0; i < n; ++i) {
        const auto l = data.tx.label[std::size_t(i)];
        if (runData && (periods.of(data.tx.time[std::size_t(i)]) != aml::AmlPeriod::Test || (l != 0 && l != 1)))
            continue;
        scored.push_back(i);
        labels.push_back(l);
    }
    if (scored.empty())
        throw std::invalid_argument("the run's test months hold no labelled transaction to measure INT8 on");
    auto select = [&](const at::Tensor &rows) {
        AmlGraphInputs s = in;
        s.seqIndex = in.seqIndex.index_select(0, rows);
        s.seqExtra = in.seqExtra.index_select(0, rows);
        s.seqPeer = in.seqPeer.index_select(0, rows);
        s.rows = rows;
        return s.values();
    };
    const at::Tensor rows = torch::tensor(scored, torch::kLong);
    const std::int64_t count = rows.size(0);
    const Inputs all = select(rows);
    nlohmann::json r;
    r["metric"] = "pr_auc";
    r["samples"] = count;
    r["sequence_length"] = config.aml.sequence_length; // the tokens each scored transaction reads
    if (runData)
        r["data"] = "the run's test months: " + std::to_string(count) + " transactions (labelled, of "
                    + std::to_string(n) + " in the project's store)";
    else
        r["data"] = "generated for the report (seekbench-cli aml generate, " + std::to_string(o.accounts)
                    + " accounts, " + std::to_string(o.months)
                    + " months, seed 7): the export was given no project data, so not the run's own";
    r["input"] = "one transaction graph; batch1/batch32: the last 1/32 scored transactions";
    auto prAuc = [&](torch::jit::Module &m) {
        const at::Tensor scores = torch::sigmoid(m.forward(all).toTensor().to(torch::kFloat)).contiguous();
        return aml::prAuc(std::vector<float>(scores.data_ptr<float>(), scores.data_ptr<float>() + count), labels);
    };
    return compare(fp32Bytes, int8Bytes, r, prAuc, "", select(rows.slice(0, count - 1)),
                   select(rows.slice(0, count - std::min<std::int64_t>(32, count))));
}

} // namespace seekbench::engine
