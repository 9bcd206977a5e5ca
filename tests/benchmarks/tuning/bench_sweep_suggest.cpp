// Suggest latency of the sweep samplers (issue 22): grid, random and TPE (independent and
// multivariate) on a 6-parameter mixed space with 100, 1,000 and 5,000 finished trials in
// the history. Goal: TPE at or under 10 ms per suggest at 5,000 trials.
//
//   bench_sweep_suggest [repeats=15] [--history-json FILE]
//
// --history-json writes the 5,000-trial history (params and values) so optuna_latency.py
// times Optuna's TPESampler on exactly the same trials.

#include "seekbench/tuning/sampler.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace seekbench::tuning;

namespace {

SearchSpace mixedSpace()
{
    // Grid points on the continuous params, so the grid sampler has a grid to walk.
    const auto parse = parseSearchSpace(
        "base: configs/tiny.yaml\n"
        "params:\n"
        "  training.lr: {log_uniform: [1.0e-5, 1.0e-1], grid: [1.0e-5, 1.0e-4, 1.0e-3, 1.0e-2, 1.0e-1]}\n"
        "  training.weight_decay: {uniform: [0, 0.3], grid: [0, 0.1, 0.2, 0.3]}\n"
        "  training.warmup_steps: {int: [0, 500], step: 10}\n"
        "  model.num_hidden_layers: {int: [1, 32], log: true}\n"
        "  model.hidden_size: {choices: [64, 128, 256, 512]}\n"
        "  training.optimizer: {choices: [adamw, sgd]}\n");
    if (!parse.space) {
        std::fprintf(stderr, "bad benchmark space\n");
        std::exit(2);
    }
    return *parse.space;
}

// Finished trials from random points with a smooth objective and 10 % of them pruned.
std::vector<Trial> history(const SearchSpace &space, int n)
{
    SamplerSettings random;
    random.kind = SamplerKind::Random;
    random.seed = 99;
    auto sampler = makeSampler(random);
    std::mt19937_64 rng(5);
    std::vector<Trial> out;
    for (int i = 0; i < n; ++i) {
        Trial t;
        t.number = i;
        t.params = *sampler->suggest(space, {}, i);
        const double lr = std::log10(std::stod(t.params.at("training.lr")));
        const double wd = std::stod(t.params.at("training.weight_decay"));
        const double layers = std::stod(t.params.at("model.num_hidden_layers"));
        double v = (lr + 3) * (lr + 3) + 4 * wd + 0.05 * std::abs(layers - 8)
                   + (t.params.at("training.optimizer") == "sgd");
        v += std::normal_distribution<double>(0, 0.05)(rng);
        t.state = TrialState::Complete;
        t.value = v;
        if (i % 10 == 9) {
            t.state = TrialState::Pruned;
            t.intermediate = {{50, v + 0.5}};
            t.value.reset();
        }
        out.push_back(std::move(t));
    }
    return out;
}

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Timing
{
    double wallMs = 0, cpuMs = 0;
};

// Medians of wall time and of this thread's CPU time: on a machine shared with builds the
// CPU time is the steadier figure, the wall time what a user waits.
Timing median(const SearchSpace &space, const SamplerSettings &settings, const std::vector<Trial> &trials, int repeats)
{
    auto sampler = makeSampler(settings);
    std::vector<double> wall, cpu;
    const int next = static_cast<int>(trials.size());
    sampler->suggest(space, trials, next); // warm-up
    for (int r = 0; r < repeats; ++r) {
        const auto start = std::chrono::steady_clock::now();
        const double cpuStart = threadCpuMs();
        const auto params = sampler->suggest(space, trials, next + r);
        cpu.push_back(threadCpuMs() - cpuStart);
        wall.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
        if (!params && settings.kind != SamplerKind::Grid)
            std::fprintf(stderr, "no suggestion\n");
    }
    std::sort(wall.begin(), wall.end());
    std::sort(cpu.begin(), cpu.end());
    return {wall[wall.size() / 2], cpu[cpu.size() / 2]};
}

void writeHistoryJson(const std::vector<Trial> &trials, const char *path)
{
    std::ofstream out(path);
    out << "[\n";
    for (std::size_t i = 0; i < trials.size(); ++i) {
        const Trial &t = trials[i];
        out << "  {\"number\": " << t.number << ", \"state\": \"" << stateName(t.state) << "\", \"params\": {";
        bool first = true;
        for (const auto &[k, v] : t.params) {
            out << (first ? "" : ", ") << "\"" << k << "\": \"" << v << "\"";
            first = false;
        }
        out << "}";
        if (t.value)
            out << ", \"value\": " << *t.value;
        if (!t.intermediate.empty())
            out << ", \"intermediate\": [[" << t.intermediate[0].first << ", " << t.intermediate[0].second << "]]";
        out << "}" << (i + 1 < trials.size() ? "," : "") << "\n";
    }
    out << "]\n";
}

} // namespace

int main(int argc, char **argv)
{
    int repeats = 15;
    const char *historyJson = nullptr;
    const char *only = nullptr; // --only NAME: one sampler row (for a profiler)
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--history-json") == 0 && i + 1 < argc)
            historyJson = argv[++i];
        else if (std::strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else
            repeats = std::max(1, std::atoi(argv[i]));
    }
    const SearchSpace space = mixedSpace();
    const auto full = history(space, 5000);
    if (historyJson)
        writeHistoryJson(full, historyJson);

    struct Variant
    {
        const char *name;
        SamplerKind kind;
        bool multivariate;
    };
    const Variant variants[] = {{"grid", SamplerKind::Grid, false},
                                {"random", SamplerKind::Random, false},
                                {"tpe (independent)", SamplerKind::Tpe, false},
                                {"tpe (multivariate)", SamplerKind::Tpe, true}};
    std::printf("suggest latency, 6-parameter mixed space, median of %d suggests, ms wall (ms CPU)\n", repeats);
    std::printf("%-20s %18s %18s %18s\n", "sampler", "100", "1000", "5000");
    double tpeAt5000 = 0;
    for (const auto &v : variants) {
        if (only && std::strcmp(only, v.name) != 0)
            continue;
        std::printf("%-20s", v.name);
        for (int n : {100, 1000, 5000}) {
            const std::vector<Trial> trials(full.begin(), full.begin() + n);
            SamplerSettings settings;
            settings.kind = v.kind;
            settings.seed = 1;
            settings.multivariate = v.multivariate;
            const Timing t = median(space, settings, trials, repeats);
            std::printf("  %7.3f (%7.3f)", t.wallMs, t.cpuMs);
            if (v.kind == SamplerKind::Tpe && n == 5000)
                tpeAt5000 = std::max(tpeAt5000, t.wallMs);
        }
        std::printf("\n");
    }
    std::printf("TPE at 5,000 trials: %.2f ms (goal <= 10 ms)\n", tpeAt5000);
    return 0;
}
