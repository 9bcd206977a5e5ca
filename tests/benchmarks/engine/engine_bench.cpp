// The only translation unit of the engine benchmarks that includes <torch/torch.h>.

#include "engine_bench.h"

#include "../perf_smoke.h"

#include "seekbench/config/lr_schedule.h"

#include "fused_adamw.h"
#include "memory_tracking.h"
#include "model.h"
#include "optimizer_step.h"
#include "synthetic_text.h"
#include "task_loss.h"
#include "training_batches.h"

#include "seekbench/config/config_io.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/run/json_lines_sink.h"

#include <nlohmann/json.hpp>
#include <torch/csrc/autograd/profiler_legacy.h>
#include <torch/torch.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <random>
#include <stdexcept>
#include <unistd.h>

namespace seekbench::bench {

namespace fs = std::filesystem;

RunConfig benchConfig(const std::string &nameOrPath, int steps, int threads)
{
    const fs::path path = nameOrPath.find('/') != std::string::npos || nameOrPath.ends_with(".yaml")
                              ? fs::path(nameOrPath)
                              : fs::path(SEEKBENCH_SOURCE_DIR) / "resources/configs" / (nameOrPath + ".yaml");
    ConfigLoad load = loadRunConfig(path);
    if (!load.ok())
        throw std::runtime_error("cannot load " + path.string());
    RunConfig c = load.config;
    auto &t = c.training;
    t.max_steps = steps;
    t.eval_every = 0;
    t.eval_batches = 1;     // the one evaluation at the end, outside the timed interval
    t.checkpoint_every = 0; // still one final checkpoint, outside the timed interval
    t.early_stopping_patience = 0;
    t.log_every = 1; // metric sampling on, every step
    t.threads = threads;
    t.device = "cpu";
    return c;
}

double steadySeconds()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

namespace {

fs::path makeTempDir(const char *prefix)
{
    std::random_device rd;
    for (int i = 0; i < 100; ++i) {
        const auto p = fs::temp_directory_path() / (std::string(prefix) + std::to_string(rd()));
        if (fs::create_directory(p))
            return p;
    }
    throw std::runtime_error("cannot create a temp directory");
}

} // namespace

std::vector<double> runBareLoop(const RunConfig &cfg, const std::string &profileTo, int profileFrom)
{
    const auto &t = cfg.training;
    engine::configureAllocatorForTraining(); // as the trainer does; honours SEEKBENCH_MALLOC_TUNING
    at::set_num_threads(t.threads);
    torch::manual_seed(t.seed);
    const auto data = engine::generateSyntheticText(cfg.data, cfg.model.vocab_size);
    engine::DeepSeekModel model(cfg.model);

    std::vector<at::Tensor> decay, noDecay;
    for (const auto &p : model->parameters())
        (p.dim() >= 2 ? decay : noDecay).push_back(p);
    auto opts = torch::optim::AdamWOptions(t.lr).betas({t.beta1, t.beta2}).eps(t.eps);
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(decay, std::make_unique<torch::optim::AdamWOptions>(
                                   torch::optim::AdamWOptions(opts).weight_decay(t.weight_decay)));
    groups.emplace_back(noDecay,
                        std::make_unique<torch::optim::AdamWOptions>(torch::optim::AdamWOptions(opts).weight_decay(0)));
    engine::FusedAdamW optimizer(std::move(groups), opts); // the trainer's AdamW
    engine::BatchStream batches(data.train, cfg.model.head, t.batch_size, t.seed);
    const auto params = model->parameters();
    const double clip = t.grad_clip > 0 ? t.grad_clip : std::numeric_limits<double>::infinity();
    engine::GradientBuffers gradients(params); // the trainer's, instead of zero_grad()

    model->train();
    std::vector<double> ends;
    ends.reserve(size_t(t.max_steps));
    double sink = 0; // keeps the loss read-back, as any loop that logs a loss has it
    std::unique_ptr<torch::autograd::profiler::RecordProfile> profile;
    for (std::int64_t step = 0; step < t.max_steps; ++step) {
        if (!profileTo.empty() && step == profileFrom)
            profile = std::make_unique<torch::autograd::profiler::RecordProfile>(profileTo);
        const double lr = learningRateAt(t, step);
        for (auto &group : optimizer.param_groups())
            group.options().set_lr(lr);
        gradients.release();
        for (int micro = 0; micro < t.grad_accum_steps; ++micro) {
            const auto batch = batches.next();
            const auto out = model->forward(batch.inputIds);
            const auto tl = engine::taskLoss(cfg.model.head, out.logits, batch.target);
            const auto loss = (tl.loss + out.auxLoss) / double(t.grad_accum_steps);
            sink += tl.loss.item<double>();
            loss.backward();
        }
        gradients.restoreMissing();
        sink += torch::nn::utils::clip_grad_norm_(params, clip);
        optimizer.step();
        ends.push_back(steadySeconds());
    }
    profile.reset(); // writes the trace
    if (!std::isfinite(sink))
        std::fprintf(stderr, "bare loop: non-finite loss\n");
    return ends;
}

std::vector<double> runLeanLoop(const RunConfig &cfg)
{
    namespace F = torch::nn::functional;
    const auto &t = cfg.training;
    if (cfg.model.head != "sequence_classification" || t.optimizer != "adamw")
        throw std::runtime_error("the lean loop covers the AdamW sequence-classification step only");
    engine::configureAllocatorForTraining();
    at::set_num_threads(t.threads);
    torch::manual_seed(t.seed);
    const auto data = engine::generateSyntheticText(cfg.data, cfg.model.vocab_size);
    engine::DeepSeekModel model(cfg.model);

    struct Group
    {
        std::vector<at::Tensor> params, expAvg, expAvgSq;
        double weightDecay = 0;
    };
    std::array<Group, 2> groups;
    groups[0].weightDecay = t.weight_decay;
    for (const auto &p : model->parameters()) {
        auto &g = groups[p.dim() >= 2 ? 0 : 1];
        g.params.push_back(p);
        g.expAvg.push_back(torch::zeros_like(p));
        g.expAvgSq.push_back(torch::zeros_like(p));
    }
    engine::BatchStream batches(data.train, cfg.model.head, t.batch_size, t.seed);
    const auto params = model->parameters();
    const double clip = t.grad_clip > 0 ? t.grad_clip : std::numeric_limits<double>::infinity();

    model->train();
    std::vector<double> ends;
    ends.reserve(size_t(t.max_steps));
    double sink = 0;
    for (std::int64_t step = 0; step < t.max_steps; ++step) {
        const double lr = learningRateAt(t, step);
        for (const auto &p : params)
            p.mutable_grad().reset(); // set to none: backward writes fresh gradients
        for (int micro = 0; micro < t.grad_accum_steps; ++micro) {
            const auto batch = batches.next();
            const auto out = model->forward(batch.inputIds);
            const auto loss = F::cross_entropy(out.logits, batch.target);
            sink += loss.item<double>();
            (t.grad_accum_steps > 1 ? loss / double(t.grad_accum_steps) : loss).backward();
        }
        sink += torch::nn::utils::clip_grad_norm_(params, clip);
        const double n = double(step + 1);
        const double bc1 = 1 - std::pow(t.beta1, n), bc2 = 1 - std::pow(t.beta2, n);
        for (auto &g : groups) {
            std::vector<at::Tensor> grads;
            grads.reserve(g.params.size());
            for (const auto &p : g.params)
                grads.push_back(p.grad());
            if (g.weightDecay != 0)
                at::_foreach_mul_(g.params, 1 - lr * g.weightDecay);
            at::_foreach_mul_(g.expAvg, t.beta1);
            at::_foreach_add_(g.expAvg, grads, 1 - t.beta1);
            at::_foreach_mul_(g.expAvgSq, t.beta2);
            at::_foreach_addcmul_(g.expAvgSq, grads, grads, 1 - t.beta2);
            auto denom = at::_foreach_sqrt(g.expAvgSq);
            at::_foreach_div_(denom, std::sqrt(bc2));
            at::_foreach_add_(denom, t.eps);
            at::_foreach_addcdiv_(g.params, g.expAvg, denom, -lr / bc1);
        }
        ends.push_back(steadySeconds());
    }
    if (!std::isfinite(sink))
        std::fprintf(stderr, "lean loop: non-finite loss\n");
    return ends;
}

std::vector<double> runTrainer(const RunConfig &cfg, bool slowed)
{
    const fs::path dir = makeTempDir("seekbench-bench-");
    std::vector<double> ends;
    ends.reserve(size_t(cfg.training.max_steps));
    TrainResult result;
    {
        JsonLinesSink sink(dir / "metrics.jsonl");
        // The CLI's live channel: every event as a JSON line on stdout (here a file), and
        // the progress line formatted from a parsed step event at most every 500 ms.
        std::FILE *live = std::fopen((dir / "events.jsonl").c_str(), "w");
        if (!live)
            throw std::runtime_error("cannot open the events file in " + dir.string());
        auto lastProgress = std::chrono::steady_clock::time_point{};
        std::array<char, 256> progress{};
        TrainRequest request;
        request.config = cfg;
        request.outDir = dir;
        request.sink = &sink;
        request.onEvent = [&](const RunEvent &ev) {
            std::fwrite(ev.json.data(), 1, ev.json.size(), live);
            std::fputc('\n', live);
            if (ev.kind != "step" && ev.kind != "system")
                std::fflush(live);
            if (ev.kind != "step")
                return;
            const auto now = std::chrono::steady_clock::now();
            if (now - lastProgress >= std::chrono::milliseconds(500)) {
                lastProgress = now;
                const auto j = nlohmann::json::parse(ev.json);
                std::snprintf(progress.data(), progress.size(),
                              "\rstep %lld/%d  loss %.4f  lr %.2e  %.0f samples/s  eta %.0f s   ", (long long)ev.step,
                              cfg.training.max_steps, j.value("loss", 0.0), j.value("lr", 0.0),
                              j.value("samples_per_s", 0.0), j.value("eta_s", 0.0));
            }
            if (slowed && !ends.empty())
                perfsmoke::stretch(steadySeconds() - ends.back()); // this step's work, F times
            ends.push_back(steadySeconds());                       // last: the step's whole record is inside
        };
        result = train(request);
        std::fclose(live);
    }
    std::error_code ec;
    fs::remove_all(dir, ec);
    if (result.status != TrainStatus::Finished)
        throw std::runtime_error(std::string("train() ended ") + toString(result.status) + ": " + result.message);
    return ends;
}

double gemmPeakFlops(int n, int reps, int threads)
{
    at::set_num_threads(threads);
    torch::manual_seed(0);
    const auto a = torch::randn({n, n});
    const auto b = torch::randn({n, n});
    auto c = torch::mm(a, b); // warm-up: pages, BLAS threads
    c = torch::mm(a, b);
    std::vector<double> times;
    for (int r = 0; r < reps; ++r) {
        const double t0 = steadySeconds();
        c = torch::mm(a, b);
        times.push_back(steadySeconds() - t0);
    }
    if (!std::isfinite(c[0][0].item<double>()))
        std::fprintf(stderr, "gemm: non-finite result\n");
    return 2.0 * double(n) * double(n) * double(n) / median(times);
}

double median(std::vector<double> v)
{
    if (v.empty())
        return std::numeric_limits<double>::quiet_NaN();
    std::sort(v.begin(), v.end());
    const size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : 0.5 * (v[m - 1] + v[m]);
}

double secondsPerStep(const std::vector<double> &ends, int warmup)
{
    if (int(ends.size()) <= warmup || warmup < 1)
        throw std::runtime_error("not enough steps after the warm-up");
    return (ends.back() - ends[size_t(warmup - 1)]) / double(int(ends.size()) - warmup);
}

double medianStepSeconds(const std::vector<double> &ends, int warmup)
{
    std::vector<double> d;
    for (size_t i = size_t(std::max(1, warmup)); i < ends.size(); ++i)
        d.push_back(ends[i] - ends[i - 1]);
    return median(d);
}

std::string runSelf(const std::string &env, const std::string &args)
{
    std::array<char, 4096> exe{};
    const ssize_t n = ::readlink("/proc/self/exe", exe.data(), exe.size() - 1);
    if (n <= 0)
        throw std::runtime_error("cannot read /proc/self/exe");
    const std::string cmd = (env.empty() ? std::string() : "env " + env + " ") + "'"
                            + std::string(exe.data(), size_t(n)) + "' " + args;
    std::FILE *pipe = ::popen(cmd.c_str(), "r");
    if (!pipe)
        throw std::runtime_error("cannot run " + cmd);
    std::string out;
    std::array<char, 4096> buf{};
    size_t got = 0;
    while ((got = std::fread(buf.data(), 1, buf.size(), pipe)) > 0)
        out.append(buf.data(), got);
    const int status = ::pclose(pipe);
    if (status != 0)
        throw std::runtime_error("child failed (" + std::to_string(status) + "): " + cmd);
    return out;
}

std::string loadAverage()
{
    std::ifstream in("/proc/loadavg");
    double a = 0, b = 0, c = 0;
    in >> a >> b >> c;
    char buf[96];
    std::snprintf(buf, sizeof buf, "load average: %.2f, %.2f, %.2f", a, b, c);
    return buf;
}

} // namespace seekbench::bench
