// validate, estimate and import-hf: configs in, reports out. No torch is touched here,
// but the CLI links the engine, so validation knows whether the build has CUDA.

#include "commands.h"

#include "seekbench/config_io.h"
#include "seekbench/engine/trainer.h"
#include "seekbench/estimates.h"
#include "seekbench/validation.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace seekbench::cli {

bool Options::has(const std::string &flag) const
{
    return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

std::optional<std::string> Options::get(const std::string &key) const
{
    auto it = values.find(key);
    if (it == values.end())
        return std::nullopt;
    return it->second;
}

Options parseOptions(const std::vector<std::string> &args, const std::vector<std::string> &valued,
                     const std::vector<std::string> &flags)
{
    Options o;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &a = args[i];
        if (a.rfind("--", 0) != 0) {
            o.positional.push_back(a);
            continue;
        }
        if (std::find(valued.begin(), valued.end(), a) != valued.end()) {
            if (i + 1 >= args.size()) {
                o.error = "option " + a + " needs a value";
                return o;
            }
            o.values[a] = args[++i];
        } else if (std::find(flags.begin(), flags.end(), a) != flags.end()) {
            o.flags.push_back(a);
        } else {
            o.error = "unknown option " + a;
            return o;
        }
    }
    return o;
}

namespace {

void printIssues(const std::string &where, const ConfigIssues &issues)
{
    for (const auto &i : issues)
        std::fprintf(stderr, "%s: %s\n", where.c_str(), describe(i).c_str());
}

nlohmann::json issuesJson(const ConfigIssues &issues)
{
    auto arr = nlohmann::json::array();
    for (const auto &i : issues)
        arr.push_back({{"key", i.key}, {"code", i.code}, {"args", i.args}, {"message", describe(i)}});
    return arr;
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

int runValidate(const std::vector<std::string> &args)
{
    const Options o = parseOptions(args, {"--config"}, {"--json"});
    if (!o.error.empty() || !o.get("--config")) {
        std::fprintf(stderr, "seekbench-cli validate: %s\n", o.error.empty() ? "--config is required" : o.error.c_str());
        return ExitBadInput;
    }
    const std::string path = *o.get("--config");
    ConfigLoad load = loadRunConfig(path);
    ConfigIssues issues = load.issues;
    if (load.ok())
        issues = validate(load.config, engineCapabilities());
    if (o.has("--json"))
        std::printf("%s\n", nlohmann::json{{"config", path}, {"valid", issues.empty()}, {"issues", issuesJson(issues)}}.dump().c_str());
    else if (issues.empty())
        std::printf("%s: valid\n", path.c_str());
    printIssues(path, issues);
    return issues.empty() ? ExitOk : ExitBadInput;
}

int runEstimate(const std::vector<std::string> &args)
{
    const Options o = parseOptions(args, {"--config", "--budget-gb"}, {"--json"});
    if (!o.error.empty() || !o.get("--config")) {
        std::fprintf(stderr, "seekbench-cli estimate: %s\n", o.error.empty() ? "--config is required" : o.error.c_str());
        return ExitBadInput;
    }
    const std::string path = *o.get("--config");
    ConfigLoad load = loadRunConfig(path);
    ConfigIssues issues = load.ok() ? validate(load.config, {true, true}) : load.issues;
    // Estimates are arithmetic: fp16 and CUDA problems of this machine do not matter here.
    std::erase_if(issues, [](const ConfigIssue &i) { return i.code == "fp16_unavailable" || i.code == "cuda_unavailable"; });
    if (!issues.empty()) {
        printIssues(path, issues);
        return ExitBadInput;
    }
    double budget = 24.0;
    if (auto b = o.get("--budget-gb")) {
        try {
            budget = std::stod(*b);
        } catch (...) {
            std::fprintf(stderr, "seekbench-cli estimate: --budget-gb '%s' is not a number\n", b->c_str());
            return ExitBadInput;
        }
    }
    const auto &c = load.config;
    const ParameterCount p = countParameters(c);
    nlohmann::json out = {{"config", path}, {"parameters", p.total}, {"active_parameters_per_token", p.activePerToken},
                          {"batch_size", c.training.batch_size}, {"budget_gb", budget}};
    for (const char *precision : {"fp32", "bf16", "fp16"}) {
        const auto e = estimateTrainingMemory(c, precision, c.training.batch_size);
        out["memory"][precision] = {{"weights_bytes", e.weightsBytes}, {"gradients_bytes", e.gradientsBytes},
                                    {"optimizer_bytes", e.optimizerBytes}, {"activations_bytes", e.activationsBytes},
                                    {"total_bytes", e.totalBytes},
                                    {"largest_batch_in_budget", largestBatchThatFits(c, precision, budget * 1e9)}};
    }
    out["step_flops"] = trainingStepFlops(c, c.training.batch_size);
    if (o.has("--json")) {
        std::printf("%s\n", out.dump().c_str());
        return ExitOk;
    }
    auto mb = [](double b) { return b / (1024.0 * 1024.0); };
    std::printf("%s\n  parameters: %lld (active per token: %lld)\n", path.c_str(), (long long)p.total, (long long)p.activePerToken);
    std::printf("  training memory at batch %d (MiB):\n", c.training.batch_size);
    std::printf("    %-6s %10s %10s %10s %12s %10s %14s\n", "", "weights", "grads", "optimizer", "activations", "total",
                "max batch/budget");
    for (const char *precision : {"fp32", "bf16", "fp16"}) {
        const auto &m = out["memory"][precision];
        std::printf("    %-6s %10.1f %10.1f %10.1f %12.1f %10.1f %14d\n", precision, mb(m["weights_bytes"]),
                    mb(m["gradients_bytes"]), mb(m["optimizer_bytes"]), mb(m["activations_bytes"]),
                    mb(m["total_bytes"]), m["largest_batch_in_budget"].get<int>());
    }
    std::printf("  budget: %.1f GB; matmul FLOPs per step: %.3g\n", budget, out["step_flops"].get<double>());
    return ExitOk;
}

int runImportHf(const std::vector<std::string> &args)
{
    const Options o = parseOptions(args, {"--config", "--out"}, {});
    if (!o.error.empty() || !o.get("--config")) {
        std::fprintf(stderr, "seekbench-cli import-hf: %s\n", o.error.empty() ? "--config is required" : o.error.c_str());
        return ExitBadInput;
    }
    const std::string path = *o.get("--config");
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
    if (auto out = o.get("--out")) {
        std::ofstream f(*out);
        f << yaml;
        if (!f) {
            std::fprintf(stderr, "seekbench-cli import-hf: cannot write %s\n", out->c_str());
            return ExitRuntime;
        }
    } else {
        std::fputs(yaml.c_str(), stdout);
    }
    std::fprintf(stderr, "%s: imported %zu keys, %zu unsupported, %zu informational\n", path.c_str(),
                 imp.imported.size(), imp.unsupported.size(), imp.informational.size());
    return ExitOk;
}

} // namespace seekbench::cli
