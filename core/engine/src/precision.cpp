#include "seekbench/engine/precision.h"

#include "autocast.h"
#include "cuda_device.h"
#include "environment.h"
#include "machine_cache.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <vector>

namespace seekbench::engine {

namespace {

using Clock = std::chrono::steady_clock;

// Seconds of one call of `fn`, the median of `reps` after a warm-up.
template<typename Fn>
double medianSeconds(Fn &&fn, int reps)
{
    fn();
    std::vector<double> t;
    for (int i = 0; i < reps; ++i) {
        const auto start = Clock::now();
        fn();
        t.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    }
    std::nth_element(t.begin(), t.begin() + reps / 2, t.end());
    return t[reps / 2];
}

PrecisionSpeed measure(const GemmShape &bucket)
{
    torch::NoGradGuard noGrad;
    // A big model's bucket is measured with fewer rows: the rate is what matters, and the
    // check should stay near a second on a slow machine.
    GemmShape s = bucket;
    while (s.m > 64 && 2.0 * s.m * s.k * s.n > 2e9)
        s.m /= 2;
    at::Generator generator = at::detail::createCPUGenerator(29);
    const at::Tensor a = torch::randn({s.m, s.k}, generator), b = torch::randn({s.k, s.n}, generator);
    const double flops = 2.0 * s.m * s.k * s.n;
    const int reps = std::clamp(int(3e9 / flops), 3, 25);
    auto fp32 = [&] { at::mm(a, b); };
    // As autocast runs a linear layer: both operands cast to bf16, the product in bf16.
    auto bf16 = [&] {
        AutocastGuard autocast(true, false, at::kBFloat16);
        at::mm(a, b);
    };
    // Alternated, so a frequency change or a neighbour's burst hits both alike.
    std::vector<double> f, h;
    for (int round = 0; round < 2; ++round) {
        f.push_back(medianSeconds(fp32, reps));
        h.push_back(medianSeconds(bf16, reps));
    }
    PrecisionSpeed p;
    p.shape = bucket;
    p.fp32Gflops = flops / *std::min_element(f.begin(), f.end()) / 1e9;
    p.bf16Gflops = flops / *std::min_element(h.begin(), h.end()) / 1e9;
    return p;
}

} // namespace

PrecisionSpeed measurePrecisionSpeed(const GemmShape &shape, int threads)
{
    threads = std::max(1, threads);
    const auto file = machineCacheFile("precision-speed.json");
    const std::string key = machineIdentity() + "|" + envText("OPENBLAS_CORETYPE") + "|" + TORCH_VERSION + "|"
                            + std::to_string(threads) + "|" + shape.text();
    nlohmann::json cache = readMachineCache(file);
    if (cache.contains(key)) {
        try {
            return PrecisionSpeed::fromJson(cache[key].dump());
        } catch (const std::invalid_argument &) {
            // a damaged entry is measured again
        }
    }
    const int before = at::get_num_threads();
    at::set_num_threads(threads);
    PrecisionSpeed p = measure(shape);
    at::set_num_threads(before);
    p.threads = threads;
    cache = readMachineCache(file); // another process may have added entries meanwhile
    cache[key] = nlohmann::json::parse(p.toJson());
    writeMachineCache(file, cache);
    return p;
}

int trainingThreads(const RunConfig &config)
{
    if (config.training.threads > 0)
        return config.training.threads;
    // A launcher starting N ranks on one machine gives each its share of the cores.
    if (const char *share = std::getenv("SEEKBENCH_THREADS"))
        return std::max(1, std::atoi(share));
    return coresForProcess();
}

PrecisionChoice resolvePrecision(const RunConfig &config, int threads, int cudaDevice)
{
    const std::string &requested = config.training.precision;
    if (requested != "auto")
        return decidePrecision(requested, config.training.device, std::nullopt, false);
    if (config.training.device == "cuda")
        return decidePrecision(requested, "cuda", std::nullopt, cuda::bf16Supported(cudaDevice));
    std::optional<PrecisionSpeed> speed;
    try {
        speed = measurePrecisionSpeed(typicalGemmShape(config), threads);
    } catch (const std::exception &) {
        // a failed measurement falls back to fp32 (decidePrecision says so)
    }
    return decidePrecision(requested, "cpu", speed, false);
}

} // namespace seekbench::engine
