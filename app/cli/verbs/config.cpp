// validate, estimate, precision and import-hf: configs in, reports out. Only `precision`
// runs torch (the engine's GEMM measurement); the others link the engine only so that
// validation knows whether the build has CUDA.

#include "support/options.h"
#include "verbs/verbs.h"

#include "seekbench/config/config_io.h"
#include "seekbench/config/validation.h"
#include "seekbench/engine/precision.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/replies/config_replies.h"
#include "seekbench/run/precision_choice.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <memory>

namespace seekbench::cli {

namespace {

void printIssues(const std::string &where, const ConfigIssues &issues)
{
    for (const auto &i : issues)
        std::fprintf(stderr, "%s: %s\n", where.c_str(), describe(i).c_str());
}

} // namespace

bool loadValidConfig(const std::string &path, const std::optional<std::string> &name, RunConfig &out)
{
    ConfigLoad load = loadRunConfig(path);
    const ConfigIssues issues = load.ok() ? validate(load.config, engineCapabilities()) : load.issues;
    for (const auto &i : issues)
        std::fprintf(stderr, "%s: %s\n", path.c_str(), describe(i).c_str());
    if (!issues.empty())
        return false;
    out = load.config;
    if (name)
        out.name = *name;
    return true;
}

namespace {

struct ConfigArgs
{
    std::optional<std::string> config, budgetGb, budgetGib, out;
    bool json = false;

    std::string requireConfig() const
    {
        if (!config)
            throw BadInput("--config is required");
        return *config;
    }
};

int validateVerb(const ConfigArgs &o)
{
    const std::string path = o.requireConfig();
    ConfigLoad load = loadRunConfig(path);
    ConfigIssues issues = load.issues;
    if (load.ok())
        issues = validate(load.config, engineCapabilities());
    if (o.json)
        std::printf("%s\n", replies::ValidateReply{path, issues}.toJson().c_str());
    else if (issues.empty())
        std::printf("%s: valid\n", path.c_str());
    printIssues(path, issues);
    return issues.empty() ? ExitOk : ExitBadInput;
}

int estimateVerb(const ConfigArgs &o)
{
    const std::string path = o.requireConfig();
    ConfigLoad load = loadRunConfig(path);
    ConfigIssues issues = load.ok() ? validate(load.config, {true, true}) : load.issues;
    // Estimates are arithmetic: fp16 and CUDA problems of this machine do not matter here.
    std::erase_if(issues,
                  [](const ConfigIssue &i) { return i.code == "fp16_unavailable" || i.code == "cuda_unavailable"; });
    if (!issues.empty()) {
        printIssues(path, issues);
        return ExitBadInput;
    }
    // --budget-gib is binary (as nvidia-smi and the MiB figures count), --budget-gb decimal.
    if (o.budgetGb && o.budgetGib)
        throw BadInput("give --budget-gb or --budget-gib, not both");
    const double kGibInGb = 1.073741824;
    const double budget = o.budgetGib  ? parseNumberIn("--budget-gib", *o.budgetGib, 1e-3, 1e9) * kGibInGb
                          : o.budgetGb ? parseNumberIn("--budget-gb", *o.budgetGb, 1e-3, 1e9)
                                       : 24.0;
    const auto r = replies::EstimateReply::of(load.config, path, budget);
    if (o.json) {
        std::printf("%s\n", r.toJson().c_str());
        return ExitOk;
    }
    auto mb = [](double b) { return b / (1024.0 * 1024.0); };
    std::printf("%s\n  parameters: %lld (active per token: %lld)\n", path.c_str(), (long long)r.parameters,
                (long long)r.activeParametersPerToken);
    std::printf("  training memory at batch %d (MiB; peak: weights, optimizer state and the larger of gradients "
                "and activations, which backward trades one for the other):\n",
                r.batchSize);
    std::printf("    %-6s %10s %10s %10s %12s %10s %14s\n", "", "weights", "grads", "optimizer", "activations", "peak",
                "max batch/budget");
    std::string note;
    for (const char *precision : {"fp32", "bf16", "fp16"}) {
        const auto &m = r.memory.at(precision);
        if (!m.available) {
            std::printf("    %-6s %10.1f %10.1f %10.1f %12s %10s %14s\n", precision, mb(m.weightsBytes),
                        mb(m.gradientsBytes), mb(m.optimizerBytes), "no estimate", "-", "-");
            note = m.note;
            continue;
        }
        std::printf("    %-6s %10.1f %10.1f %10.1f %12.1f %10.1f %14d\n", precision, mb(m.weightsBytes),
                    mb(m.gradientsBytes), mb(m.optimizerBytes), mb(m.activationsBytes), mb(m.totalBytes),
                    m.largestBatchInBudget);
    }
    if (!note.empty())
        std::printf("  %s\n", note.c_str());
    std::printf("  budget: %.1f GB (%.1f GiB); matmul FLOPs per step: %.3g\n", budget, budget / kGibInGb, r.stepFlops);
    return ExitOk;
}

int importHfVerb(const ConfigArgs &o)
{
    const std::string path = o.requireConfig();
    const HfImport imp = importHfConfigFile(path);
    if (!imp.issues.empty()) {
        printIssues(path, imp.issues);
        return ExitBadInput;
    }
    for (const auto &k : imp.unsupported)
        std::fprintf(stderr, "%s: %s: not supported by Seekbench; the imported model differs from the original\n",
                     path.c_str(), k.c_str());
    for (const auto &k : imp.informational)
        std::fprintf(stderr, "%s: %s: informational, ignored\n", path.c_str(), k.c_str());
    RunConfig config;
    config.name = "imported";
    config.model = imp.model;
    const std::string yaml = toYaml(config);
    if (const auto &out = o.out) {
        std::ofstream f(*out);
        f << yaml;
        if (!f)
            throw CliFailure(ExitRuntime, "cannot write " + *out);
    } else {
        std::fputs(yaml.c_str(), stdout);
    }
    std::fprintf(stderr, "%s: imported %zu keys, %zu unsupported, %zu informational\n", path.c_str(),
                 imp.imported.size(), imp.unsupported.size(), imp.informational.size());
    return ExitOk;
}

// One verb: its options on a fresh ConfigArgs, and the body run when it is chosen.
void addConfigVerb(CLI::App &root, const std::string &name, const std::string &what, const std::string &example,
                   int (*body)(const ConfigArgs &), bool budget, bool out, bool json, int &exitCode)
{
    auto args = std::make_shared<ConfigArgs>();
    CLI::App *verb = root.add_subcommand(name, what);
    verb->allow_extras();
    addOption(*verb, "--config", args->config,
              name == "import-hf" ? "the Hugging Face config.json" : "the run config (YAML)")
        ->type_name("FILE");
    if (budget) {
        addOption(*verb, "--budget-gb", args->budgetGb, "the memory budget in GB, 10^9 bytes (default 24)")
            ->type_name("N");
        addOption(*verb, "--budget-gib", args->budgetGib, "the memory budget in GiB, 2^30 bytes (as nvidia-smi)")
            ->type_name("N");
    }
    if (out)
        addOption(*verb, "--out", args->out, "write the run config here (default: stdout)")->type_name("FILE");
    if (json)
        addJsonFlag(*verb, args->json);
    describe(*verb, example);
    verb->callback([verb, args, body, &exitCode] {
        rejectExtras(*verb);
        exitCode = body(*args);
    });
}

struct PrecisionArgs
{
    std::optional<std::string> config, shape, threads;
    bool json = false;
};

GemmShape parseShape(const std::string &text)
{
    GemmShape s;
    int *dims[] = {&s.m, &s.k, &s.n};
    std::size_t at = 0;
    for (int i = 0; i < 3; ++i) {
        const std::size_t end = i < 2 ? text.find('x', at) : text.size();
        if (end == std::string::npos)
            throw BadInput("--shape '" + text + "': expected MxKxN, such as 2048x256x1024");
        *dims[i] = int(parseIntegerIn("--shape", text.substr(at, end - at), 1, 65536));
        at = end + 1;
    }
    return s;
}

// What precision: auto picks on this machine: the fp32 and bf16 GEMM speeds of the
// config's typical shape (or --shape), measured or read from the per-machine cache.
int precisionVerb(const PrecisionArgs &o)
{
    if (o.config.has_value() == o.shape.has_value())
        throw BadInput("give --config or --shape (MxKxN)");
    RunConfig config;
    if (o.config && !loadValidConfig(*o.config, std::nullopt, config))
        return ExitBadInput;
    const GemmShape shape = o.shape ? parseShape(*o.shape) : typicalGemmShape(config);
    const int threads = o.threads ? int(parseIntegerIn("--threads", *o.threads, 1, 4096))
                                  : engine::trainingThreads(config);
    const PrecisionSpeed speed = engine::measurePrecisionSpeed(shape, threads);
    if (o.json) {
        std::printf("%s\n", speed.toJson().c_str());
        return ExitOk;
    }
    const PrecisionChoice choice = decidePrecision("auto", "cpu", speed, false);
    std::printf("GEMM %s on %d thread%s: fp32 %.0f GFLOP/s, bf16 %.0f GFLOP/s\n", shape.text().c_str(), threads,
                threads == 1 ? "" : "s", speed.fp32Gflops, speed.bf16Gflops);
    std::printf("precision: auto trains in %s here (%s)\n", choice.precision.c_str(), choice.reason.c_str());
    if (o.config)
        std::printf("matmuls of one step at batch %d: at least %.0f ms in fp32, %.0f ms in bf16\n",
                    config.training.batch_size, 1e3 * matmulStepSeconds(config, speed.fp32Gflops),
                    1e3 * matmulStepSeconds(config, speed.bf16Gflops));
    return ExitOk;
}

void addPrecisionVerb(CLI::App &root, int &exitCode)
{
    auto args = std::make_shared<PrecisionArgs>();
    CLI::App *verb = root.add_subcommand("precision", "fp32 against bf16 on this machine: what precision: auto picks");
    verb->allow_extras();
    addOption(*verb, "--config", args->config, "the run config (YAML): its typical GEMM shape and threads")
        ->type_name("FILE");
    addOption(*verb, "--shape", args->shape, "measure this GEMM instead (MxKxN)")->type_name("MxKxN");
    addOption(*verb, "--threads", args->threads, "intra-op threads (default: the config's, else every core)")
        ->type_name("N");
    addJsonFlag(*verb, args->json);
    describe(*verb, "seekbench-cli precision --config run.yaml");
    verb->callback([verb, args, &exitCode] {
        rejectExtras(*verb);
        exitCode = precisionVerb(*args);
    });
}

} // namespace

void registerConfigVerbs(CLI::App &root, int &exitCode)
{
    addPrecisionVerb(root, exitCode);
    addConfigVerb(root, "validate", "check a run config; every problem as \"file: key: problem\" on stderr",
                  "seekbench-cli validate --config run.yaml --json", validateVerb, false, false, true, exitCode);
    addConfigVerb(root, "estimate", "parameters, training memory per precision and FLOPs of a run config",
                  "seekbench-cli estimate --config run.yaml --budget-gb 80", estimateVerb, true, false, true, exitCode);
    addConfigVerb(root, "import-hf", "a run config from a Hugging Face DeepSeek config.json",
                  "seekbench-cli import-hf --config config.json --out run.yaml", importHfVerb, false, true, false,
                  exitCode);
}

} // namespace seekbench::cli
