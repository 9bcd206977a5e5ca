#pragma once

#include "seekbench/tuning/search_space.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seekbench::tuning {

// Config key -> value text as ConfigField::set takes it ("128", "0.0003", "true", "adamw").
// Inactive conditional params are absent.
using TrialParams = std::map<std::string, std::string>;

// Infeasible: the trial could not run with these params (out of memory, invalid config
// after applying them); samplers treat it as the worst value so they learn to avoid it.
// Failed: a crash unrelated to the params as far as we know; samplers ignore it.
enum class TrialState { Running, Complete, Pruned, Failed, Infeasible };

const char *stateName(TrialState state); // "running", "complete", "pruned", "failed", "infeasible"
std::optional<TrialState> parseTrialState(std::string_view name);

struct Trial
{
    int number = 0;
    TrialParams params;
    TrialState state = TrialState::Running;
    std::optional<double> value;                               // the objective, when Complete
    std::vector<std::pair<std::int64_t, double>> intermediate; // (step, objective metric), by step
    std::string reason;                                        // why Failed/Infeasible/Pruned, for people
    std::optional<double> cost;                                // the sweep's cost measure, when it has one

    bool operator==(const Trial &) const = default;
};

// Whether spec is active for these params: unconditional, or its parent's value matches.
bool isActive(const ParamSpec &spec, const TrialParams &params);

} // namespace seekbench::tuning
