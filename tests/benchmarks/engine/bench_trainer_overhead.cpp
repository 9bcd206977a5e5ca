// Trainer overhead: seekbench::train() against a bare LibTorch loop on the same model,
// data, optimizer groups, clipping, schedule and accumulation, in one process,
// alternated A B A B. Only the step interval is timed: from the end of step `warmup` to
// the end of the last step (the trainer's "step" events, the bare loop's own clock), so
// setup, the final evaluation and the final checkpoint are outside it. The trainer runs
// with metric sampling on (JsonLinesSink + a CLI-like onEvent). Target: < 3% slower.
//
//   bench_trainer_overhead [--configs tiny,small] [--rounds 4] [--steps-tiny 150]
//                          [--steps-small 25] [--warmup 3] [--threads 2] [--cli-rounds 3]
//
// --cli-rounds N (default 3, tiny only; 0 skips) also compares, in fresh child processes,
// the trainer as the CLI runs it (with the counting tensor allocator of
// enableTensorMemoryTracking(), which is process-global) against the bare loop.
//
//   bench_trainer_overhead --check [--rounds 6] [--steps-tiny 25] [--warmup 3] [--threads 1]
//
// --check (the perf-smoke test, see ../perf_smoke.h): the tiny config only, one thread,
// ABAB; exits 1 unless the trainer's step is at most kCheckRatio times the bare loop's
// (median of the per-pair ratios of the mean step over the interval).

#include "engine_bench.h"

#include "../perf_smoke.h"

#include "seekbench/engine/trainer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <sstream>
#include <string>
#include <vector>

using namespace seekbench;
using namespace seekbench::bench;

namespace {

struct Options
{
    std::vector<std::string> configs{"tiny", "small"};
    int rounds = 4;
    int stepsTiny = 150;
    int stepsSmall = 25;
    int warmup = 3;
    int threads = 2;
    int cliRounds = 3;
};

// --check: tiny, one thread (as every suite runs), 6 pairs of 25 steps, about 16 s quiet.
// Unchanged code measured up to 1.13 (1 run in 6, 2026-12-06) and 1.21 (a CI check at the
// end of the suite, load average 2.1), where 1.10 failed; 1.25 still fails a trainer
// twice as slow (SEEKBENCH_PERF_SMOKE_SLOWDOWN=2).
constexpr double kCheckRatio = 1.25;
Options checkOptions()
{
    Options o;
    o.configs = {"tiny"};
    o.rounds = 6;
    o.stepsTiny = 25;
    o.threads = 1;
    o.cliRounds = 0;
    return o;
}

int stepsFor(const Options &o, const std::string &config) { return config == "tiny" ? o.stepsTiny : o.stepsSmall; }

// A child run: one arm, one config; prints "<ms/step> <median step ms>".
int child(const std::string &arm, const std::string &config, int steps, int warmup, int threads, bool tracking)
{
    if (tracking)
        enableTensorMemoryTracking();
    const RunConfig c = benchConfig(config, steps, threads);
    const auto ends = arm == "trainer" ? runTrainer(c) : runBareLoop(c);
    std::printf("%.6f %.6f\n", 1e3 * secondsPerStep(ends, warmup), 1e3 * medianStepSeconds(ends, warmup));
    return 0;
}

void report(const char *what, const std::vector<double> &a, const std::vector<double> &b)
{
    std::vector<double> ratios;
    for (size_t i = 0; i < a.size() && i < b.size(); ++i)
        ratios.push_back(a[i] / b[i]);
    const double r = median(ratios);
    std::printf("  %s: trainer median %.3f ms/step, bare median %.3f ms/step, ratio of medians %.4f, "
                "median per-pair ratio %.4f (%+.2f%%) -> %s\n",
                what, median(a), median(b), median(a) / median(b), r, 100.0 * (r - 1.0),
                r < 1.03 ? "within the 3% target" : "MISSES the 3% target");
}

int check(const Options &o)
{
    const std::string name = "tiny";
    const int steps = stepsFor(o, name);
    const RunConfig c = benchConfig(name, steps, o.threads);
    std::printf("trainer overhead check: [%s] %d steps per run, warm-up %d, %d threads, %d rounds ABAB\n", name.c_str(),
                steps, o.warmup, o.threads, o.rounds);
    (void)runBareLoop(benchConfig(name, std::min(steps, o.warmup + 2), o.threads)); // process warm-up
    std::vector<double> trainer, bare, ratios;
    for (int r = 0; r < o.rounds; ++r) {
        trainer.push_back(1e3 * secondsPerStep(runTrainer(c, true), o.warmup));
        bare.push_back(1e3 * secondsPerStep(runBareLoop(c), o.warmup));
        ratios.push_back(trainer.back() / bare.back());
        std::printf("  round %d: trainer %.3f ms/step, bare %.3f ms/step, ratio %.4f\n", r + 1, trainer.back(),
                    bare.back(), ratios.back());
        std::fflush(stdout);
    }
    return perfsmoke::verdict("trainer_overhead", "trainer / bare loop step time", ratios,
                              median(trainer) / median(bare), {true, kCheckRatio});
}

} // namespace

int main(int argc, char **argv)
{
    try {
        std::vector<std::string> args(argv + 1, argv + argc);
        if (args.size() >= 6 && args[0] == "--child")
            return child(args[1], args[2], std::stoi(args[3]), std::stoi(args[4]), std::stoi(args[5]),
                         args.size() > 6 && args[6] == "--tracking");
        const bool checkMode = !args.empty() && args[0] == "--check";
        if (checkMode)
            args.erase(args.begin());
        Options o = checkMode ? checkOptions() : Options{};
        for (size_t i = 0; i + 1 < args.size(); i += 2) {
            const std::string &k = args[i], &v = args[i + 1];
            if (k == "--configs") {
                o.configs.clear();
                std::stringstream ss(v);
                for (std::string s; std::getline(ss, s, ',');)
                    o.configs.push_back(s);
            } else if (k == "--rounds")
                o.rounds = std::stoi(v);
            else if (k == "--steps-tiny")
                o.stepsTiny = std::stoi(v);
            else if (k == "--steps-small")
                o.stepsSmall = std::stoi(v);
            else if (k == "--warmup")
                o.warmup = std::stoi(v);
            else if (k == "--threads")
                o.threads = std::stoi(v);
            else if (k == "--cli-rounds")
                o.cliRounds = std::stoi(v);
            else {
                std::fprintf(stderr, "unknown option %s\n", k.c_str());
                return 2;
            }
        }

        if (checkMode)
            return check(o);
        std::printf("bench_trainer_overhead: A = seekbench::train() (JsonLinesSink + CLI-like onEvent), "
                    "B = bare LibTorch loop; %d threads, warm-up %d steps; %s\n",
                    o.threads, o.warmup, loadAverage().c_str());
        for (const auto &name : o.configs) {
            const int steps = stepsFor(o, name);
            const RunConfig c = benchConfig(name, steps, o.threads);
            std::printf("\n[%s] hidden %d, %d layers, batch %d x %d tokens, %d steps per run, %d rounds ABAB\n",
                        name.c_str(), c.model.hidden_size, c.model.num_hidden_layers, c.training.batch_size,
                        c.data.seq_len, steps, o.rounds);
            (void)runBareLoop(benchConfig(name, std::min(steps, o.warmup + 2), o.threads)); // process warm-up
            std::vector<double> trainer, bare, trainerMed, bareMed;
            for (int r = 0; r < o.rounds; ++r) {
                const auto a = runTrainer(c);
                trainer.push_back(1e3 * secondsPerStep(a, o.warmup));
                trainerMed.push_back(1e3 * medianStepSeconds(a, o.warmup));
                const auto b = runBareLoop(c);
                bare.push_back(1e3 * secondsPerStep(b, o.warmup));
                bareMed.push_back(1e3 * medianStepSeconds(b, o.warmup));
                std::printf("  round %d: trainer %.3f ms/step (median step %.3f), bare %.3f ms/step (median step %.3f), "
                            "ratio %.4f\n",
                            r + 1, trainer.back(), trainerMed.back(), bare.back(), bareMed.back(),
                            trainer.back() / bare.back());
                std::fflush(stdout);
            }
            report("mean step over the interval", trainer, bare);
            report("median single step        ", trainerMed, bareMed);
        }

        if (o.cliRounds > 0) {
            const std::string name = "tiny";
            const int steps = stepsFor(o, name);
            std::printf("\n[%s, child processes] A = trainer with the CLI's counting tensor allocator, B = bare loop "
                        "without it; %d rounds ABAB\n",
                        name.c_str(), o.cliRounds);
            const std::string common = name + " " + std::to_string(steps) + " " + std::to_string(o.warmup) + " "
                                       + std::to_string(o.threads);
            std::vector<double> trainer, bare;
            for (int r = 0; r < o.cliRounds; ++r) {
                double ms = 0, med = 0;
                std::istringstream(runSelf("", "--child trainer " + common + " --tracking")) >> ms >> med;
                trainer.push_back(ms);
                std::istringstream(runSelf("", "--child bare " + common)) >> ms >> med;
                bare.push_back(ms);
                std::printf("  round %d: trainer+counting %.3f ms/step, bare %.3f ms/step, ratio %.4f\n", r + 1,
                            trainer.back(), bare.back(), trainer.back() / bare.back());
                std::fflush(stdout);
            }
            report("CLI-equivalent (counting allocator)", trainer, bare);
        }
        std::printf("\n%s\n", loadAverage().c_str());
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "bench_trainer_overhead: %s\n", e.what());
        return 1;
    }
}
