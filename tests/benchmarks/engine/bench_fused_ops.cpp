// Each fused kernel of core/engine/src/fused_ops.cpp against the composite LibTorch form it
// replaces, forward and backward, at the `small` config's shapes (batch 32 x 64 tokens,
// hidden 256, 4 heads, MLP 1024), and the fused AdamW step against LibTorch's on small's
// parameters. One process, alternated, medians; prints a table and the ratios.
//
//   bench_fused_ops [THREADS] [REPS]

#include "fused_adamw.h"
#include "fused_ops.h"
#include "model.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

using namespace seekbench::engine;

namespace {

double seconds() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Median milliseconds of fn() for a and b, alternated rep by rep.
std::pair<double, double> abTimes(const std::function<void()> &a, const std::function<void()> &b, int reps)
{
    for (int i = 0; i < 3; ++i) {
        a();
        b();
    }
    std::vector<double> ta, tb;
    for (int i = 0; i < reps; ++i) {
        double t0 = seconds();
        a();
        ta.push_back(seconds() - t0);
        t0 = seconds();
        b();
        tb.push_back(seconds() - t0);
    }
    return {1e3 * median(ta), 1e3 * median(tb)};
}

void report(const char *what, std::pair<double, double> t)
{
    std::printf("  %-44s fused %8.3f ms  LibTorch %8.3f ms  speed-up %.2fx\n", what, t.first, t.second,
                t.second / t.first);
}

// Forward and backward of f on inputs that require grad, with a fixed upstream gradient.
std::function<void()> fwdBwd(std::function<at::Tensor(const std::vector<at::Tensor> &)> f,
                             std::vector<at::Tensor> inputs)
{
    return [f, inputs] {
        for (const auto &t : inputs)
            if (t.requires_grad())
                t.mutable_grad().reset();
        const auto y = f(inputs);
        y.backward(torch::ones_like(y));
    };
}

} // namespace

int main(int argc, char **argv)
{
    const int threads = argc > 1 ? std::stoi(argv[1]) : 2;
    const int reps = argc > 2 ? std::stoi(argv[2]) : 30;
    at::set_num_threads(threads);
    torch::manual_seed(0);
    std::printf("bench_fused_ops: %d threads, %d reps, medians; fused kernels %s\n", threads, reps,
                fusedKernelsEnabled() ? "on" : "OFF (SEEKBENCH_FUSED_KERNELS=0: both columns are LibTorch)");
    const int64_t B = 32, T = 64, H = 4, D = 64, hidden = 256, inner = 1024;

    {
        const auto x = torch::randn({B, T, hidden}).requires_grad_(true);
        const auto w = torch::rand({hidden}).add_(0.5).requires_grad_(true);
        report("RMSNorm [32,64,256] forward+backward",
               abTimes(fwdBwd([](const auto &in) { return rmsNorm(in[0], in[1], 1e-6); }, {x, w}),
                       fwdBwd([](const auto &in) { return rmsNormReference(in[0], in[1], 1e-6); }, {x, w}), reps));
    }
    {
        const auto g = torch::randn({B, T, inner}).requires_grad_(true);
        const auto u = torch::randn({B, T, inner}).requires_grad_(true);
        report("silu(gate)*up [32,64,1024] forward+backward",
               abTimes(fwdBwd([](const auto &in) { return swiGlu(in[0], in[1]); }, {g, u}),
                       fwdBwd([](const auto &in) { return swiGluReference(in[0], in[1]); }, {g, u}), reps));
        torch::NoGradGuard noGrad;
        report("silu(gate)*up [32,64,1024] forward only",
               abTimes([&] { (void)swiGlu(g, u); }, [&] { (void)swiGluReference(g, u); }, reps));
    }
    {
        const auto x = torch::randn({B, T, H, D}).requires_grad_(true);
        const auto cos = torch::randn({T, D}), sin = torch::randn({T, D});
        report("rotary [32,64,4,64] forward+backward",
               abTimes(fwdBwd([&](const auto &in) { return rotary(in[0], cos, sin); }, {x}),
                       fwdBwd([&](const auto &in) { return rotaryReference(in[0], cos, sin); }, {x}), reps));
    }
    {
        seekbench::ModelConfig c;
        c.hidden_size = hidden;
        c.intermediate_size = inner;
        c.num_hidden_layers = 4;
        c.num_attention_heads = H;
        c.num_key_value_heads = H;
        c.vocab_size = 8000;
        c.num_labels = 4;
        DeepSeekModel model(c);
        const auto params = model->parameters();
        for (const auto &p : params)
            p.mutable_grad() = torch::randn_like(p) * 1e-3;
        auto make = [&](bool fused) -> std::unique_ptr<torch::optim::AdamW> {
            const auto o = torch::optim::AdamWOptions(1e-4).weight_decay(0.01);
            return fused ? std::make_unique<FusedAdamW>(params, o) : std::make_unique<torch::optim::AdamW>(params, o);
        };
        auto fused = make(true), plain = make(false);
        int64_t n = 0;
        for (const auto &p : params)
            n += p.numel();
        char what[96];
        std::snprintf(what, sizeof what, "AdamW step, small's %.2fM parameters", double(n) / 1e6);
        report(what, abTimes([&] { fused->step(); }, [&] { plain->step(); }, reps));
    }
    return 0;
}
