#include "seekbench/tuning/trial.h"

namespace seekbench::tuning {

const char *stateName(TrialState state)
{
    switch (state) {
    case TrialState::Running: return "running";
    case TrialState::Complete: return "complete";
    case TrialState::Pruned: return "pruned";
    case TrialState::Failed: return "failed";
    case TrialState::Infeasible: return "infeasible";
    }
    return "";
}

std::optional<TrialState> parseTrialState(std::string_view name)
{
    for (auto state :
         {TrialState::Running, TrialState::Complete, TrialState::Pruned, TrialState::Failed, TrialState::Infeasible})
        if (name == stateName(state))
            return state;
    return std::nullopt;
}

bool isActive(const ParamSpec &spec, const TrialParams &params)
{
    if (!spec.when)
        return true;
    const auto it = params.find(spec.when->parent);
    return it != params.end() && it->second == spec.when->equals;
}

} // namespace seekbench::tuning
