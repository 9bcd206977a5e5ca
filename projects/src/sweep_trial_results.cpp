#include "sweep_trial_results.h"

#include "seekbench/config/config_io.h"
#include "seekbench/config/estimates.h"
#include "seekbench/config/validation.h"

#include <fstream>

namespace seekbench::projects {

using tuning::Trial;
using tuning::TrialState;

std::string issuesText(const ConfigIssues &issues)
{
    std::string text;
    for (const auto &i : issues)
        text += (text.empty() ? "" : "; ") + describe(i);
    return text;
}

std::string lastLines(const std::filesystem::path &file, int lines)
{
    std::ifstream in(file);
    std::vector<std::string> all;
    for (std::string line; std::getline(in, line);)
        if (!line.empty())
            all.push_back(line);
    std::string out;
    for (std::size_t i = all.size() > std::size_t(lines) ? all.size() - lines : 0; i < all.size(); ++i)
        out += (out.empty() ? "" : " | ") + all[i];
    return out;
}

SweepOutcome sweepCounts(const std::vector<Trial> &trials)
{
    SweepOutcome o;
    for (const Trial &t : trials) {
        switch (t.state) {
        case TrialState::Complete: ++o.complete; break;
        case TrialState::Pruned: ++o.pruned; break;
        case TrialState::Failed: ++o.failed; break;
        case TrialState::Infeasible: ++o.infeasible; break;
        case TrialState::Running: ++o.running; break;
        }
    }
    return o;
}

std::optional<double> trialObjective(const tuning::SearchSpace &space, const RunRecord &run)
{
    auto it = run.summary.find(space.objective.metric);
    if (it == run.summary.end())
        return std::nullopt;
    return space.objective.at == tuning::ObjectiveAt::Best ? it->second.bestValue : it->second.finalValue;
}

std::optional<double> trialCost(const tuning::SearchSpace &space, const RunRecord &run)
{
    switch (space.cost) {
    case tuning::CostKind::None: return std::nullopt;
    case tuning::CostKind::WallTime:
        if (run.startedAt && run.endedAt)
            return *run.endedAt - *run.startedAt;
        return std::nullopt;
    case tuning::CostKind::Parameters:
    case tuning::CostKind::Memory: {
        ConfigLoad load = parseRunConfig(run.configYaml);
        if (!load.ok())
            return std::nullopt;
        if (space.cost == tuning::CostKind::Parameters)
            return double(countParameters(load.config).total);
        const std::string p = load.config.training.precision == "auto" ? "fp32" : load.config.training.precision;
        const MemoryEstimate m = estimateTrainingMemory(load.config, p, load.config.training.batch_size);
        return m.available ? std::optional<double>(m.totalBytes) : std::nullopt;
    }
    }
    return std::nullopt;
}

} // namespace seekbench::projects
