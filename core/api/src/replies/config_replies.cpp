#include "seekbench/replies/config_replies.h"

#include "reply_json.h"

#include "seekbench/config/estimates.h"
#include "seekbench/config/run_config.h"

#include <cstdint>

namespace seekbench::replies {

using namespace detail;
using nlohmann::json;

std::string ValidateReply::toJson() const
{
    json list = json::array();
    for (const ConfigIssue &i : issues)
        list.push_back({{"key", i.key}, {"code", i.code}, {"args", i.args}, {"message", describe(i)}});
    return json{{"config", config}, {"valid", valid()}, {"issues", list}}.dump();
}

ValidateReply ValidateReply::fromJson(const std::string &document)
{
    const std::string what = "validate reply";
    const json j = parseObject(what, document);
    ValidateReply r;
    r.config = required<std::string>(what, j, "config", "a string");
    const bool valid = required<bool>(what, j, "valid", "a boolean");
    const json &list = array(what, j, "issues");
    for (std::size_t n = 0; n < list.size(); ++n) {
        const std::string at = what + ": issues[" + std::to_string(n) + "]";
        if (!list[n].is_object())
            throw std::invalid_argument(at + " is not an object");
        ConfigIssue i;
        i.key = required<std::string>(at, list[n], "key", "a string");
        i.code = required<std::string>(at, list[n], "code", "a string");
        i.args = required<std::vector<std::string>>(at, list[n], "args", "a list of strings");
        r.issues.push_back(std::move(i));
    }
    if (valid != r.valid())
        throw std::invalid_argument(what + ": 'valid' says " + (valid ? "true" : "false") + " but there are "
                                    + std::to_string(r.issues.size()) + " issues");
    return r;
}

EstimateReply EstimateReply::of(const RunConfig &c, const std::string &configPath, double budgetGb)
{
    EstimateReply r;
    r.config = configPath;
    const ParameterCount p = countParameters(c);
    r.parameters = p.total;
    r.activeParametersPerToken = p.activePerToken;
    r.batchSize = c.training.batch_size;
    r.budgetGb = budgetGb;
    for (const char *precision : {"fp32", "bf16", "fp16"}) {
        const MemoryEstimate e = estimateTrainingMemory(c, precision, c.training.batch_size);
        r.memory[precision] = {e.weightsBytes,   e.gradientsBytes,
                               e.optimizerBytes, e.activationsBytes,
                               e.totalBytes,     largestBatchThatFits(c, precision, budgetGb * 1e9),
                               e.available,      e.note};
    }
    r.stepFlops = trainingStepFlops(c, c.training.batch_size);
    return r;
}

std::string EstimateReply::toJson() const
{
    json out = {{"config", config},
                {"parameters", parameters},
                {"active_parameters_per_token", activeParametersPerToken},
                {"batch_size", batchSize},
                {"budget_gb", budgetGb},
                {"step_flops", stepFlops}};
    for (const auto &[precision, m] : memory)
        out["memory"][precision] = {{"weights_bytes", m.weightsBytes},
                                    {"gradients_bytes", m.gradientsBytes},
                                    {"optimizer_bytes", m.optimizerBytes},
                                    {"activations_bytes", m.activationsBytes},
                                    {"total_bytes", m.totalBytes},
                                    {"largest_batch_in_budget", m.largestBatchInBudget},
                                    {"available", m.available},
                                    {"note", m.note}};
    return out.dump();
}

EstimateReply EstimateReply::fromJson(const std::string &document)
{
    const std::string what = "estimate reply";
    const json j = parseObject(what, document);
    EstimateReply r;
    r.config = required<std::string>(what, j, "config", "a string");
    r.parameters = required<std::int64_t>(what, j, "parameters", "an integer");
    r.activeParametersPerToken = required<std::int64_t>(what, j, "active_parameters_per_token", "an integer");
    r.batchSize = required<int>(what, j, "batch_size", "an integer");
    r.budgetGb = required<double>(what, j, "budget_gb", "a number");
    r.stepFlops = required<double>(what, j, "step_flops", "a number");
    for (const auto &[precision, m] : object(what, j, "memory").items()) {
        const std::string at = what + ": memory." + precision;
        if (!m.is_object())
            throw std::invalid_argument(at + " is not an object");
        r.memory[precision] = {required<double>(at, m, "weights_bytes", "a number"),
                               required<double>(at, m, "gradients_bytes", "a number"),
                               required<double>(at, m, "optimizer_bytes", "a number"),
                               required<double>(at, m, "activations_bytes", "a number"),
                               required<double>(at, m, "total_bytes", "a number"),
                               required<int>(at, m, "largest_batch_in_budget", "an integer"),
                               required<bool>(at, m, "available", "a boolean"),
                               required<std::string>(at, m, "note", "a string")};
    }
    return r;
}

} // namespace seekbench::replies
