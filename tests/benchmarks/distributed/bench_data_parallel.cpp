// Data-parallel figures on this machine, through seekbench-cli as a user runs it:
//   A  1 rank, 1 thread, global batch B
//   B  1 rank, 2 threads (all cores), global batch B
//   C  2 ranks (launch --nproc 2), 1 thread each, batch B/2 each (the same global batch)
//   D  as C with training.zero_stage 1
// It prints the median step time, the global throughput, C's speed-up over A and B, the
// communication share of C's step (train/comm_time_s over train/step_time_s, per rank),
// and the optimizer-state bytes per rank of C against D.
//
// usage: bench_data_parallel [CONFIG=small] [STEPS=40] [GLOBAL_BATCH=32]

#include "seekbench/config/config_io.h"
#include "seekbench/projects/slurm_jobs.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace seekbench;

namespace {

double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// key -> values after `warmup` steps, from one rank's metrics file.
std::map<std::string, std::vector<double>> readMetrics(const fs::path &file, int warmup)
{
    std::map<std::string, std::vector<double>> out;
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line)) {
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (!j.is_object() || j.value("event", "") != "metric" || j.value("step", 0) <= warmup)
            continue;
        out[j.value("key", "")].push_back(j.value("value", 0.0));
    }
    return out;
}

struct Variant
{
    const char *name;
    int ranks;
    int threads;
    int zero;
};

struct Figures
{
    std::vector<std::map<std::string, std::vector<double>>> ranks;
    double step() const { return median(ranks[0].at("train/step_time_s")); }
};

Figures run(const Variant &v, const RunConfig &base, int globalBatch, const fs::path &dir)
{
    RunConfig c = base;
    c.training.batch_size = globalBatch / v.ranks;
    c.training.threads = v.threads;
    c.training.zero_stage = v.zero;
    const std::string yaml = toYaml(c);
    const fs::path out = dir / v.name;
    const fs::path config = dir / (std::string(v.name) + ".yaml");
    std::ofstream(config) << yaml;
    std::vector<std::string> argv{SEEKBENCH_CLI_PATH};
    if (v.ranks > 1)
        argv.insert(argv.end(), {"launch", "--nproc", std::to_string(v.ranks), "--"});
    argv.insert(argv.end(), {"train", "--config", config.string(), "--out", out.string()});
    const auto r = projects::runCommand(argv, std::chrono::minutes(30));
    if (r.exitCode != 0) {
        std::fprintf(stderr, "%s failed (exit %d):\n%s\n", v.name, r.exitCode, r.err.c_str());
        std::exit(1);
    }
    Figures f;
    const int warmup = 5;
    f.ranks.push_back(readMetrics(out / "metrics.jsonl", warmup));
    for (int rank = 1; rank < v.ranks; ++rank)
        f.ranks.push_back(readMetrics(out / ("metrics.rank" + std::to_string(rank) + ".jsonl"), warmup));
    return f;
}

std::string loadAverage()
{
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

} // namespace

int main(int argc, char **argv)
{
    const std::string name = argc > 1 ? argv[1] : "small";
    const int steps = argc > 2 ? std::atoi(argv[2]) : 40;
    const int globalBatch = argc > 3 ? std::atoi(argv[3]) : 32;
    const fs::path source = fs::path(SEEKBENCH_SOURCE_DIR) / "resources" / "configs" / (name + ".yaml");
    ConfigLoad load = loadRunConfig(fs::exists(source) ? source.string() : name);
    if (!load.ok()) {
        std::fprintf(stderr, "%s: %s\n", name.c_str(), describe(load.issues.front()).c_str());
        return 2;
    }
    RunConfig base = load.config;
    base.training.max_steps = steps;
    base.training.warmup_steps = 2;
    base.training.eval_every = 0;
    base.training.eval_batches = 1;
    base.training.checkpoint_every = 0;
    base.training.keep_best = false;

    char tmpl[] = "/tmp/bench_dp_XXXXXX";
    const fs::path dir = ::mkdtemp(tmpl);
    std::printf("config %s, %d steps (medians after step 5), global batch %d; load average before: %s\n", name.c_str(),
                steps, globalBatch, loadAverage().c_str());
    const std::vector<Variant> variants{{"A_1rank_1thread", 1, 1, 0},
                                        {"B_1rank_2threads", 1, 2, 0},
                                        {"C_2ranks_1thread", 2, 1, 0},
                                        {"D_2ranks_zero1", 2, 1, 1}};
    std::map<std::string, Figures> figs;
    for (const auto &v : variants) {
        figs[v.name] = run(v, base, globalBatch, dir);
        const Figures &f = figs[v.name];
        const double step = f.step();
        std::printf("%-18s step %.4f s  %8.1f samples/s", v.name, step, globalBatch / step);
        for (std::size_t r = 0; r < f.ranks.size(); ++r) {
            const auto &m = f.ranks[r];
            if (m.count("train/comm_time_s"))
                std::printf("  | rank %zu comm %.4f s (%.1f%% of its step)", r, median(m.at("train/comm_time_s")),
                            100 * median(m.at("train/comm_time_s")) / median(m.at("train/step_time_s")));
            if (m.count("train/optimizer_state_bytes"))
                std::printf(", optimizer state %.2f MB", m.at("train/optimizer_state_bytes").back() / 1e6);
        }
        std::printf("\n");
    }
    const double a = figs["A_1rank_1thread"].step(), b = figs["B_1rank_2threads"].step(),
                 c = figs["C_2ranks_1thread"].step();
    std::printf("speed-up of 2 ranks over 1 rank with 1 thread (ideal 2.0): %.2f\n", a / c);
    std::printf("speed-up of 2 ranks over 1 rank with both threads:         %.2f\n", b / c);
    std::printf("speed-up of 2 threads over 1 thread in one rank:           %.2f\n", a / b);
    if (figs.count("D_2ranks_zero1")) {
        const auto &d = figs["D_2ranks_zero1"];
        const auto &cc = figs["C_2ranks_1thread"];
        for (std::size_t r = 0; r < d.ranks.size(); ++r)
            if (d.ranks[r].count("train/optimizer_state_bytes") && cc.ranks[r].count("train/optimizer_state_bytes"))
                std::printf("rank %zu optimizer state, ZeRO-1 / plain DP: %.3f\n", r,
                            d.ranks[r].at("train/optimizer_state_bytes").back()
                                / cc.ranks[r].at("train/optimizer_state_bytes").back());
        std::printf("ZeRO-1 step / plain DP step: %.3f\n", d.step() / c);
    }
    std::printf("load average after: %s\n", loadAverage().c_str());
    std::error_code ec;
    fs::remove_all(dir, ec);
    return 0;
}
