#include "random_forest.h"

#include <algorithm>
#include <numeric>
#include <optional>
#include <random>

namespace seekbench::tuning::detail {
namespace {

class TreeBuilder
{
public:
    TreeBuilder(const std::vector<std::vector<double>> &rows, const std::vector<double> &targets,
                const ForestSettings &settings, std::mt19937_64 &rng)
        : m_rows(rows), m_targets(targets), m_settings(settings), m_rng(rng)
    {}

    int build(RegressionTree &tree, std::vector<std::size_t> &samples, int depth)
    {
        const int id = static_cast<int>(tree.nodes.size());
        tree.nodes.emplace_back();
        double sum = 0;
        for (std::size_t s : samples)
            sum += m_targets[s];
        tree.nodes[id].value = sum / static_cast<double>(samples.size());
        if (depth >= m_settings.maxDepth || static_cast<int>(samples.size()) < m_settings.minSamplesSplit)
            return id;
        const auto split = bestSplit(samples);
        if (!split)
            return id;
        std::vector<std::size_t> left, right;
        for (std::size_t s : samples)
            (m_rows[s][split->feature] <= split->threshold ? left : right).push_back(s);
        samples.clear();
        samples.shrink_to_fit();
        tree.nodes[id].feature = static_cast<int>(split->feature);
        tree.nodes[id].threshold = split->threshold;
        const int l = build(tree, left, depth + 1);
        const int r = build(tree, right, depth + 1);
        tree.nodes[id].left = l;
        tree.nodes[id].right = r;
        return id;
    }

private:
    struct Split
    {
        std::size_t feature;
        double threshold;
    };

    // The split that most reduces the squared error: maximises sumL^2/nL + sumR^2/nR.
    std::optional<Split> bestSplit(const std::vector<std::size_t> &samples)
    {
        const std::size_t n = samples.size();
        if (n < 2)
            return std::nullopt;
        const std::size_t features = m_rows[samples[0]].size();
        std::vector<std::size_t> order(features);
        std::iota(order.begin(), order.end(), 0);
        // Features in random order, as scikit-learn, so ties go to a random feature.
        std::shuffle(order.begin(), order.end(), m_rng);
        double total = 0;
        for (std::size_t s : samples)
            total += m_targets[s];
        const double parent = total * total / static_cast<double>(n);
        double bestGain = 1e-12 * (1.0 + std::abs(parent));
        std::optional<Split> best;
        std::vector<std::size_t> sorted(samples);
        const auto minLeaf = static_cast<std::size_t>(std::max(m_settings.minSamplesLeaf, 1));
        for (std::size_t f : order) {
            std::sort(sorted.begin(), sorted.end(), [&](auto a, auto b) { return m_rows[a][f] < m_rows[b][f]; });
            double left = 0;
            for (std::size_t i = 0; i + 1 < n; ++i) {
                left += m_targets[sorted[i]];
                const double a = m_rows[sorted[i]][f], b = m_rows[sorted[i + 1]][f];
                if (a == b || i + 1 < minLeaf || n - i - 1 < minLeaf)
                    continue;
                const double nl = static_cast<double>(i + 1), nr = static_cast<double>(n - i - 1);
                const double gain = left * left / nl + (total - left) * (total - left) / nr - parent;
                if (gain > bestGain) {
                    bestGain = gain;
                    best = Split{f, a + (b - a) / 2};
                }
            }
        }
        return best;
    }

    const std::vector<std::vector<double>> &m_rows;
    const std::vector<double> &m_targets;
    const ForestSettings &m_settings;
    std::mt19937_64 &m_rng;
};

} // namespace

std::vector<RegressionTree> fitForest(const std::vector<std::vector<double>> &rows, const std::vector<double> &targets,
                                      const ForestSettings &settings)
{
    std::vector<RegressionTree> forest(static_cast<std::size_t>(std::max(settings.trees, 0)));
    if (rows.empty())
        return {};
    std::mt19937_64 rng(settings.seed);
    std::uniform_int_distribution<std::size_t> pick(0, rows.size() - 1);
    for (auto &tree : forest) {
        std::vector<std::size_t> bootstrap(rows.size());
        for (auto &s : bootstrap)
            s = pick(rng);
        TreeBuilder(rows, targets, settings, rng).build(tree, bootstrap, 0);
    }
    return forest;
}

} // namespace seekbench::tuning::detail
