#include "seekbench/tuning/pruner.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace seekbench::tuning {
namespace {

// The value reported at `step`, if any.
std::optional<double> valueAt(const Trial &t, std::int64_t step)
{
    for (const auto &[s, v] : t.intermediate)
        if (s == step)
            return v;
    return std::nullopt;
}

// numpy.percentile with linear interpolation.
double percentile(std::vector<double> values, double q)
{
    std::sort(values.begin(), values.end());
    const double rank = q / 100.0 * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(rank));
    const std::size_t hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (rank - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

// Optuna's MedianPruner (PercentilePruner at 50, interval 1, n_min_trials 1): prune when the
// trial's best value so far is worse than the median of the completed trials' values at
// this step.
bool medianPrune(const PrunerSettings &s, Direction direction, const Trial &trial, std::int64_t step, double value,
                 const std::vector<Trial> &history)
{
    std::vector<double> atStep;
    int completed = 0;
    for (const auto &t : history) {
        if (t.number == trial.number || t.state != TrialState::Complete)
            continue;
        ++completed;
        if (const auto v = valueAt(t, step); v && !std::isnan(*v))
            atStep.push_back(*v);
    }
    if (completed == 0 || completed < s.startupTrials || step < s.warmupSteps)
        return false;
    const bool maximize = direction == Direction::Maximize;
    double best = value;
    for (const auto &[st, v] : trial.intermediate)
        if (st <= step && !std::isnan(v) && (std::isnan(best) || (maximize ? v > best : v < best)))
            best = v;
    if (std::isnan(best))
        return true;
    if (atStep.empty())
        return false;
    const double median = percentile(atStep, 50.0);
    return maximize ? best < median : best > median;
}

// The value a trial carried into a rung: what it reported at its first step at or past the
// rung. Without stored rung records this rebuilds what Optuna's SuccessiveHalvingPruner
// records, provided shouldPrune was asked at every report (the sweep runner does).
std::optional<double> rungValue(const Trial &t, std::int64_t rungStep)
{
    for (const auto &[s, v] : t.intermediate)
        if (s >= rungStep)
            return v;
    return std::nullopt;
}

// Asynchronous successive halving (Li et al. 2018) as Optuna's SuccessiveHalvingPruner with
// min_early_stopping_rate 0 and bootstrap_count 0: at each rung the trial continues only if
// it is among the top 1/reductionFactor of the values recorded at that rung so far (the
// first reductionFactor - 1 arrivals continue only if best so far).
bool ashaPrune(const PrunerSettings &s, Direction direction, const Trial &trial, std::int64_t step, double value,
               const std::vector<Trial> &history)
{
    const bool maximize = direction == Direction::Maximize;
    // Rungs this trial passed at an earlier report were decided then.
    std::int64_t previous = -1;
    for (const auto &[st, v] : trial.intermediate)
        if (st < step)
            previous = std::max(previous, st);
    std::int64_t rungStep = std::max<std::int64_t>(s.minResource, 1);
    while (rungStep <= previous)
        rungStep *= s.reductionFactor;
    for (; step >= rungStep; rungStep *= s.reductionFactor) {
        if (s.maxResource > 0 && rungStep >= s.maxResource)
            return false;
        if (std::isnan(value))
            return true;
        std::vector<double> competing{value};
        for (const auto &t : history)
            if (t.number != trial.number)
                if (const auto v = rungValue(t, rungStep); v && !std::isnan(*v))
                    competing.push_back(*v);
        std::sort(competing.begin(), competing.end());
        const auto n = static_cast<std::ptrdiff_t>(competing.size());
        const std::ptrdiff_t promotable = std::max<std::ptrdiff_t>(n / s.reductionFactor - 1, 0);
        const bool promoted = maximize ? value >= competing[static_cast<std::size_t>(n - 1 - promotable)]
                                       : value <= competing[static_cast<std::size_t>(promotable)];
        if (!promoted)
            return true;
    }
    return false;
}

} // namespace

bool shouldPrune(const PrunerSettings &settings, Direction direction, const Trial &trial, std::int64_t step,
                 double value, const std::vector<Trial> &history)
{
    switch (settings.kind) {
    case PrunerKind::None: return false;
    case PrunerKind::Median: return medianPrune(settings, direction, trial, step, value, history);
    case PrunerKind::Asha:
        return settings.reductionFactor >= 2 && ashaPrune(settings, direction, trial, step, value, history);
    }
    return false;
}

} // namespace seekbench::tuning
