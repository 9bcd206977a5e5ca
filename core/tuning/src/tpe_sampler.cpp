#include "tpe_sampler.h"

#include "param_values.h"
#include "parzen_estimator.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace seekbench::tuning::detail {
namespace {

// A trial's rank for the split into "good" (l) and "bad" (g), smaller is better, as
// Optuna's _get_observation_pairs: complete trials by value; pruned ones after them, later
// steps first, then by their last value; then infeasible trials, the worst, so the sampler
// learns to avoid their region (Optuna has no such state; a run that did not fit in memory
// is the case); running trials last (the constant liar: a pending point counts among the
// bad, which pushes l(x)/g(x) away from it, so parallel asks do not collide). Failed trials
// say nothing about their params and are left out.
struct Rank
{
    int tier = 0; // 0 complete, 1 pruned, 2 infeasible, 3 running
    double first = 0, second = 0;
    int number = 0;
    std::size_t index = 0; // into history

    bool operator<(const Rank &o) const
    {
        return std::tie(tier, first, second, number) < std::tie(o.tier, o.first, o.second, o.number);
    }
};

std::optional<Rank> rankOf(const Trial &t, double sign, bool constantLiar)
{
    switch (t.state) {
    case TrialState::Complete:
        if (t.value && std::isfinite(*t.value))
            return Rank{0, sign * *t.value, 0, t.number, 0};
        return Rank{2, 0, 0, t.number, 0};
    case TrialState::Pruned: {
        // Its last report: the one at the largest step.
        const auto last = std::max_element(t.intermediate.begin(), t.intermediate.end());
        if (last != t.intermediate.end() && std::isfinite(last->second))
            return Rank{1, -static_cast<double>(last->first), sign * last->second, t.number, 0};
        return Rank{2, 0, 0, t.number, 0};
    }
    case TrialState::Infeasible: return Rank{2, 0, 0, t.number, 0};
    case TrialState::Running:
        if (constantLiar)
            return Rank{3, 0, 0, t.number, 0};
        return std::nullopt;
    case TrialState::Failed: return std::nullopt;
    }
    return std::nullopt;
}

// Optuna's default_gamma.
std::size_t gammaOf(std::size_t n)
{
    return std::min<std::size_t>(static_cast<std::size_t>(std::ceil(0.1 * static_cast<double>(n))), 25);
}

// Groups of params sampled jointly. Independent: one param each. Multivariate: params that
// share a condition (all unconditional ones together; those under the same parent value
// together) form a group, so each group's params are present in exactly the same trials
// and a joint kernel over them is well defined. This is what Optuna's multivariate TPE
// does with group=True (a group per set of params that appear together); a single joint
// kernel over params that are sometimes absent has no value to put there.
std::vector<std::vector<std::size_t>> groupsOf(const SearchSpace &space, bool multivariate)
{
    std::vector<std::vector<std::size_t>> groups;
    for (std::size_t i : decisionOrder(space)) {
        auto same = std::find_if(groups.begin(), groups.end(), [&](const auto &g) {
            return multivariate && space.params[g.front()].when == space.params[i].when;
        });
        if (same == groups.end())
            groups.push_back({i});
        else
            same->push_back(i);
    }
    return groups;
}

} // namespace

std::optional<TrialParams> TpeSampler::suggest(const SearchSpace &space, const std::vector<Trial> &history,
                                               int trialNumber)
{
    auto rng = trialRng(m_settings.seed, trialNumber);
    const double sign = space.objective.direction == Direction::Maximize ? -1.0 : 1.0;

    std::vector<Rank> ranks;
    std::size_t finished = 0;
    for (std::size_t i = 0; i < history.size(); ++i)
        if (auto r = rankOf(history[i], sign, m_settings.constantLiar)) {
            r->index = i;
            ranks.push_back(*r);
            finished += r->tier < 3;
        }

    TrialParams params;
    if (finished < static_cast<std::size_t>(std::max(m_settings.startupTrials, 1))) {
        for (std::size_t i : decisionOrder(space))
            if (conditionHolds(space.params[i], params))
                params[space.params[i].key] = randomValue(space.params[i], rng);
        return params;
    }
    // Internal values of every ranked trial, one pass over each trial's params (a merge
    // of two sorted key lists, no lookups): NaN where a param is absent or out of the space.
    std::vector<std::size_t> byKey(space.params.size());
    for (std::size_t i = 0; i < byKey.size(); ++i)
        byKey[i] = i;
    std::sort(byKey.begin(), byKey.end(), [&](auto a, auto b) { return space.params[a].key < space.params[b].key; });
    const std::size_t width = space.params.size();
    // [row * width + param], rows in history order, as the ranks.
    std::vector<double> values(ranks.size() * width, NAN);
    for (std::size_t r = 0; r < ranks.size(); ++r) {
        const TrialParams &tp = history[ranks[r].index].params;
        auto it = tp.begin();
        for (std::size_t p : byKey) {
            const ParamSpec &spec = space.params[p];
            // Usually the trial has exactly the space's keys, so the first test matches.
            int order = 1;
            while (it != tp.end() && (order = it->first.compare(spec.key)) < 0)
                ++it;
            if (order == 0)
                if (const auto v = internalValue(spec, it->second))
                    values[r * width + p] = *v;
        }
    }

    // Ranked trials in trial-number order (the history's own order, as a rule): each side of
    // the split is fed oldest first, so the weight ramp discounts old trials.
    std::vector<std::size_t> byNumber(ranks.size());
    for (std::size_t r = 0; r < ranks.size(); ++r)
        byNumber[r] = r;
    const auto numberLess = [&](auto a, auto b) { return ranks[a].number < ranks[b].number; };
    if (!std::is_sorted(byNumber.begin(), byNumber.end(), numberLess))
        std::sort(byNumber.begin(), byNumber.end(), numberLess);

    std::vector<std::size_t> holders;
    for (const auto &group : groupsOf(space, m_settings.multivariate)) {
        if (!conditionHolds(space.params[group.front()], params))
            continue;
        std::vector<ParzenDimension> dims;
        for (std::size_t p : group)
            dims.push_back(ParzenDimension::of(space.params[p]));
        // Trials that have this group; gamma over the finished ones among them.
        std::vector<bool> has(ranks.size());
        holders.clear();
        std::size_t groupFinished = 0;
        for (std::size_t r = 0; r < ranks.size(); ++r) {
            has[r] = std::all_of(group.begin(), group.end(),
                                 [&](std::size_t p) { return !std::isnan(values[r * width + p]); });
            if (has[r])
                holders.push_back(r);
            groupFinished += has[r] && ranks[r].tier < 3;
        }
        // The best `below` (at most 25) of them form l(x): one pass keeping the best so far
        // in order, instead of sorting every trial; most trials are rejected by one comparison.
        const std::size_t below = std::min(gammaOf(groupFinished), holders.size());
        std::vector<std::size_t> lowest;
        lowest.reserve(below + 1);
        for (std::size_t r : holders) {
            if (lowest.size() == below && (below == 0 || !(ranks[r] < ranks[lowest.back()])))
                continue;
            const auto at = std::upper_bound(lowest.begin(), lowest.end(), r,
                                             [&](std::size_t a, std::size_t b) { return ranks[a] < ranks[b]; });
            lowest.insert(at, r);
            if (lowest.size() > below)
                lowest.pop_back();
        }
        std::vector<bool> isBelow(ranks.size());
        for (std::size_t r : lowest)
            isBelow[r] = true;
        std::vector<double> goodObs, badObs;
        goodObs.reserve(below * group.size());
        badObs.reserve((holders.size() - below) * group.size());
        for (std::size_t r : byNumber)
            if (has[r])
                for (std::size_t p : group)
                    (isBelow[r] ? goodObs : badObs).push_back(values[r * width + p]);
        const ParzenEstimator good(dims, goodObs, m_settings.multivariate);
        const ParzenEstimator bad(dims, badObs, m_settings.multivariate);
        const auto candidates = good.sample(rng, std::max(m_settings.eiCandidates, 1));
        const auto logL = good.logPdf(candidates);
        const auto logG = bad.logPdf(candidates);
        std::size_t best = 0;
        for (std::size_t c = 1; c < candidates.size(); ++c)
            if (logL[c] - logG[c] > logL[best] - logG[best])
                best = c;
        for (std::size_t d = 0; d < group.size(); ++d)
            params[space.params[group[d]].key] = externalText(space.params[group[d]], candidates[best][d]);
    }
    return params;
}

} // namespace seekbench::tuning::detail
