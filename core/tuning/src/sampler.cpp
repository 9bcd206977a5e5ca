#include "seekbench/tuning/sampler.h"

#include "grid_tree.h"
#include "param_values.h"
#include "tpe_sampler.h"

#include <algorithm>
#include <cstdint>
#include <unordered_map>

namespace seekbench::tuning {
namespace {

std::size_t hashOf(const TrialParams &params)
{
    std::size_t h = 0;
    for (const auto &[key, value] : params)
        h = (h * 1000003) ^ std::hash<std::string>()(key) ^ (std::hash<std::string>()(value) * 31);
    return h;
}

// Every combination of grid points, conditional branches included, in a fixed order; no
// list of combinations is ever built (see detail::GridTree).
class GridSampler final : public Sampler
{
public:
    std::optional<TrialParams> suggest(const SearchSpace &space, const std::vector<Trial> &history,
                                       int trialNumber) override
    {
        if (!gridSize(space))
            return std::nullopt;
        const detail::GridTree tree(space);
        if (tree.total() == 0)
            return std::nullopt;
        // Taken points by hash (copying thousands of maps into a set cost more than the rest).
        std::unordered_multimap<std::size_t, const TrialParams *> visited;
        for (const auto &t : history)
            visited.emplace(hashOf(t.params), &t.params);
        auto taken = [&](const TrialParams &params) {
            const auto [from, to] = visited.equal_range(hashOf(params));
            return std::any_of(from, to, [&](const auto &entry) { return *entry.second == params; });
        };
        // Start at the trial's own number so sequential trials seldom scan; skip points
        // already taken (a resumed or parallel sweep, any state: a grid point is tried once).
        const std::uint64_t start = static_cast<std::uint64_t>(trialNumber < 0 ? 0 : trialNumber) % tree.total();
        for (std::uint64_t k = 0; k < tree.total() && k <= visited.size(); ++k) {
            auto params = tree.decode((start + k) % tree.total());
            if (!taken(params))
                return params;
        }
        return std::nullopt;
    }
};

class RandomSampler final : public Sampler
{
public:
    explicit RandomSampler(std::uint64_t seed) : m_seed(seed) {}

    std::optional<TrialParams> suggest(const SearchSpace &space, const std::vector<Trial> &, int trialNumber) override
    {
        auto rng = detail::trialRng(m_seed, trialNumber);
        TrialParams params;
        for (std::size_t i : detail::decisionOrder(space)) {
            const ParamSpec &p = space.params[i];
            if (detail::conditionHolds(p, params))
                params[p.key] = detail::randomValue(p, rng);
        }
        return params;
    }

private:
    std::uint64_t m_seed;
};

} // namespace

std::unique_ptr<Sampler> makeSampler(const SamplerSettings &settings)
{
    switch (settings.kind) {
    case SamplerKind::Grid: return std::make_unique<GridSampler>();
    case SamplerKind::Random: return std::make_unique<RandomSampler>(settings.seed);
    case SamplerKind::Tpe: return std::make_unique<detail::TpeSampler>(settings);
    }
    return nullptr;
}

} // namespace seekbench::tuning
