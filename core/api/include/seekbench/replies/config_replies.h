#pragma once

// What `seekbench-cli validate --json` and `seekbench-cli estimate --json` print: one JSON
// object on one stdout line. The CLI writes toJson(); the desktop's estimates are checked
// against fromJson() of the CLI's output. fromJson throws std::invalid_argument naming the
// missing or malformed key.

#include "seekbench/config/config_issue.h"

#include <cstdint>
#include <map>
#include <string>

namespace seekbench {
struct RunConfig;
}

namespace seekbench::replies {

// validate: {"config", "valid", "issues": [{"key", "code", "args", "message"}]}.
struct ValidateReply
{
    std::string config; // the file as given
    ConfigIssues issues;

    bool valid() const { return issues.empty(); }
    std::string toJson() const;
    static ValidateReply fromJson(const std::string &document);
};

// estimate: {"config", "parameters", "active_parameters_per_token", "batch_size",
// "budget_gb", "memory": {"fp32"|"bf16"|"fp16": {"weights_bytes", "gradients_bytes",
// "optimizer_bytes", "activations_bytes", "total_bytes", "largest_batch_in_budget", "available",
// "note"}}, "step_flops"}. "available": false when the config alone gives no estimate (an AML
// graph model: its memory grows with the project's data); then activations and total are 0,
// the largest batch is -1, and "note" says why.
struct EstimateReply
{
    struct Memory
    {
        double weightsBytes = 0, gradientsBytes = 0, optimizerBytes = 0, activationsBytes = 0, totalBytes = 0;
        int largestBatchInBudget = 0;
        bool available = true;
        std::string note;
    };

    std::string config;
    std::int64_t parameters = 0, activeParametersPerToken = 0;
    int batchSize = 0;
    double budgetGb = 0;
    std::map<std::string, Memory> memory; // by precision
    double stepFlops = 0;

    // The estimates (estimates.h) of `runConfig` at its batch size, for the three precisions.
    static EstimateReply of(const RunConfig &runConfig, const std::string &configPath, double budgetGb);

    std::string toJson() const;
    static EstimateReply fromJson(const std::string &document);
};

} // namespace seekbench::replies
