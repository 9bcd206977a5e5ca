#include "seekbench/run/precision_choice.h"

#include "seekbench/config/estimates.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace seekbench {

using nlohmann::json;

namespace {

// The power of two nearest `v` (in log scale) within [lo, hi].
int powerOfTwoBucket(double v, int lo, int hi)
{
    int p = lo;
    while (p < hi && double(p) * 1.41421356 < v)
        p *= 2;
    return p;
}

std::string fixed(double v, int digits)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
}

} // namespace

std::string GemmShape::text() const { return std::to_string(m) + "x" + std::to_string(k) + "x" + std::to_string(n); }

GemmShape typicalGemmShape(const RunConfig &c)
{
    const int batch = std::max(1, c.training.batch_size);
    double tokens = double(batch) * std::max(1, c.data.seq_len);
    if (c.data.kind == "fashion_mnist_pairs" && c.crossmodal.patch_size > 0) {
        const int side = 28 / c.crossmodal.patch_size;
        tokens = double(batch) * side * side;
    } else if (c.data.kind == "aml_transactions") {
        tokens = double(batch) * std::max(1, c.aml.sequence_length);
    }
    const ModelConfig &m = c.model;
    const int inner = m.intermediate_size > 0 ? m.intermediate_size : 4 * m.hidden_size;
    return {powerOfTwoBucket(tokens, 64, 4096), powerOfTwoBucket(m.hidden_size, 32, 8192),
            powerOfTwoBucket(inner, 32, 16384)};
}

std::string PrecisionSpeed::toJson() const
{
    return json{{"shape", {shape.m, shape.k, shape.n}},
                {"threads", threads},
                {"fp32_gflops", fp32Gflops},
                {"bf16_gflops", bf16Gflops}}
        .dump();
}

PrecisionSpeed PrecisionSpeed::fromJson(const std::string &text)
{
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        throw std::invalid_argument("precision speed: not a JSON object");
    auto number = [&](const char *key) {
        if (!j.contains(key) || !j[key].is_number())
            throw std::invalid_argument(std::string("precision speed: ") + key + " is missing or not a number");
        return j[key].get<double>();
    };
    const json &s = j.value("shape", json());
    if (!s.is_array() || s.size() != 3 || !s[0].is_number_integer() || !s[1].is_number_integer()
        || !s[2].is_number_integer())
        throw std::invalid_argument("precision speed: shape must be three integers [m, k, n]");
    PrecisionSpeed p;
    p.shape = {s[0].get<int>(), s[1].get<int>(), s[2].get<int>()};
    p.threads = int(number("threads"));
    p.fp32Gflops = number("fp32_gflops");
    p.bf16Gflops = number("bf16_gflops");
    return p;
}

PrecisionChoice decidePrecision(const std::string &requested, const std::string &device,
                                const std::optional<PrecisionSpeed> &speed, bool cudaBf16)
{
    if (requested != "auto")
        return {requested, "set in the config"};
    if (device == "cuda")
        return cudaBf16 ? PrecisionChoice{"bf16", "auto: the CUDA device has bf16 tensor cores (compute capability "
                                                  "8.0 or later)"}
                        : PrecisionChoice{"fp32", "auto: the CUDA device has no bf16 tensor cores (compute "
                                                  "capability below 8.0)"};
    if (!speed || speed->fp32Gflops <= 0)
        return {"fp32", "auto: the fp32/bf16 GEMM measurement could not be made on this machine"};
    const double ratio = speed->bf16Gflops / speed->fp32Gflops;
    const std::string measured = "a " + speed->shape.text() + " GEMM ran at " + fixed(speed->bf16Gflops, 0)
                                 + " GFLOP/s in bf16 and " + fixed(speed->fp32Gflops, 0) + " in fp32 on "
                                 + std::to_string(speed->threads) + " thread" + (speed->threads == 1 ? "" : "s");
    if (ratio >= kBf16MinSpeedup)
        return {"bf16", "auto: " + measured + " (bf16 " + fixed(ratio, 2) + "x as fast)"};
    return {"fp32", "auto: " + measured + " (bf16 " + fixed(ratio, 2) + "x as fast; it must reach "
                        + fixed(kBf16MinSpeedup, 2) + "x)"};
}

double matmulStepSeconds(const RunConfig &config, double gflops)
{
    if (gflops <= 0)
        return 0;
    return trainingStepFlops(config, config.training.batch_size) / (gflops * 1e9);
}

} // namespace seekbench
