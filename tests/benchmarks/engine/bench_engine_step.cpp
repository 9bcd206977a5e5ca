// The C++ side of python_vs_cpp.py: one process, one measurement, one JSON line.
//
//   bench_engine_step --describe CONFIG             the model/data/training shapes, FLOPs
//   bench_engine_step --step CONFIG STEPS WARMUP THREADS   the bare LibTorch step, ms/step
//   bench_engine_step --step-lean CONFIG STEPS WARMUP THREADS  the same step doing less work
//   bench_engine_step --trainer CONFIG STEPS WARMUP THREADS  seekbench::train(), ms/step
//   bench_engine_step --gemm N REPS THREADS          fp32 torch::mm FLOP/s
//   bench_engine_step --profile CONFIG STEPS WARMUP THREADS TRACE
//                      the bare step under LibTorch's profiler after WARMUP steps, a
//                      Chrome trace in TRACE (profile_summary.py TRACE adds it up)

#include "engine_bench.h"

#include "seekbench/config/estimates.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

using namespace seekbench;
using namespace seekbench::bench;
using nlohmann::json;

namespace {

json describe(const RunConfig &c)
{
    const auto &m = c.model;
    const auto &t = c.training;
    return {{"name", c.name},
            {"hidden_size", m.hidden_size},
            {"num_attention_heads", m.num_attention_heads},
            {"num_key_value_heads", m.num_key_value_heads},
            {"intermediate_size", m.intermediate_size},
            {"num_hidden_layers", m.num_hidden_layers},
            {"vocab_size", m.vocab_size},
            {"max_position_embeddings", m.max_position_embeddings},
            {"rms_norm_eps", m.rms_norm_eps},
            {"rope_theta", m.rope_theta},
            {"num_labels", m.num_labels},
            {"head", m.head},
            {"pooling", m.pooling},
            {"causal", m.causal},
            {"attention_bias", m.attention_bias},
            {"attention_dropout", m.attention_dropout},
            {"n_routed_experts", m.n_routed_experts},
            {"train_samples", c.data.train_samples},
            {"seq_len", c.data.seq_len},
            {"batch_size", t.batch_size},
            {"grad_accum_steps", t.grad_accum_steps},
            {"lr", t.lr},
            {"min_lr_ratio", t.min_lr_ratio},
            {"weight_decay", t.weight_decay},
            {"beta1", t.beta1},
            {"beta2", t.beta2},
            {"eps", t.eps},
            {"schedule", t.schedule},
            {"warmup_steps", t.warmup_steps},
            {"max_steps", t.max_steps},
            {"grad_clip", t.grad_clip},
            {"seed", t.seed},
            {"flops_per_step", trainingStepFlops(c, t.batch_size) * t.grad_accum_steps}};
}

} // namespace

int main(int argc, char **argv)
{
    try {
        const std::vector<std::string> a(argv + 1, argv + argc);
        if (a.size() == 2 && a[0] == "--describe") {
            std::printf("%s\n", describe(benchConfig(a[1], 1, 2)).dump().c_str());
            return 0;
        }
        if (a.size() == 5 && (a[0] == "--step" || a[0] == "--step-lean" || a[0] == "--trainer")) {
            const int warmup = std::stoi(a[3]);
            const RunConfig c = benchConfig(a[1], std::stoi(a[2]), std::stoi(a[4]));
            const auto ends = a[0] == "--step"        ? runBareLoop(c)
                              : a[0] == "--step-lean" ? runLeanLoop(c)
                                                      : runTrainer(c);
            const json out = {{"ms_per_step", 1e3 * secondsPerStep(ends, warmup)},
                              {"median_step_ms", 1e3 * medianStepSeconds(ends, warmup)},
                              {"flops_per_step",
                               trainingStepFlops(c, c.training.batch_size) * c.training.grad_accum_steps}};
            std::printf("%s\n", out.dump().c_str());
            return 0;
        }
        if (a.size() == 6 && a[0] == "--profile") {
            const RunConfig c = benchConfig(a[1], std::stoi(a[2]), std::stoi(a[4]));
            runBareLoop(c, a[5], std::stoi(a[3]));
            return 0;
        }
        if (a.size() == 4 && a[0] == "--gemm") {
            const json out = {{"flops", gemmPeakFlops(std::stoi(a[1]), std::stoi(a[2]), std::stoi(a[3]))}};
            std::printf("%s\n", out.dump().c_str());
            return 0;
        }
        std::fprintf(stderr, "usage: see the header of bench_engine_step.cpp\n");
        return 2;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_engine_step: %s\n", e.what());
        return 1;
    }
}
