#include "seekbench/tuning/importance.h"

#include "param_values.h"
#include "random_forest.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace seekbench::tuning {
namespace {

// A param's columns in the forest's input: one for a numeric param (its internal
// coordinate: log scale for log params, the space the user searched in), one-hot columns
// for choices, as Optuna's search space transform.
struct Column
{
    std::size_t param;
    std::size_t first = 0; // first column
    int width = 1;         // choices: one column per choice
    double low = 0, high = 1;
};

// One leaf of a tree: its value and, per param, the part of the param's range it covers.
struct Leaf
{
    double value = 0;
    std::vector<double> lo, hi;           // numeric params: the interval
    std::vector<std::vector<bool>> allow; // choices: which choices reach this leaf
};

void collectLeaves(const detail::RegressionTree &tree, int node, const std::vector<Column> &columns,
                   const std::vector<std::size_t> &paramOfColumn, Leaf box, std::vector<Leaf> &leaves)
{
    const auto &n = tree.nodes[static_cast<std::size_t>(node)];
    if (n.feature < 0) {
        box.value = n.value;
        leaves.push_back(std::move(box));
        return;
    }
    const auto f = static_cast<std::size_t>(n.feature);
    const std::size_t p = paramOfColumn[f];
    Leaf left = box, right = std::move(box);
    if (columns[p].width == 1 && left.allow[p].empty()) {
        left.hi[p] = std::min(left.hi[p], n.threshold);
        right.lo[p] = std::max(right.lo[p], n.threshold);
    } else {
        // A one-hot column: choice j has it at 1, every other choice at 0.
        const std::size_t j = f - columns[p].first;
        for (std::size_t c = 0; c < left.allow[p].size(); ++c) {
            const double x = c == j ? 1.0 : 0.0;
            if (x <= n.threshold)
                right.allow[p][c] = false;
            else
                left.allow[p][c] = false;
        }
    }
    collectLeaves(tree, n.left, columns, paramOfColumn, std::move(left), leaves);
    collectLeaves(tree, n.right, columns, paramOfColumn, std::move(right), leaves);
}

double fraction(const Leaf &leaf, const Column &c, std::size_t p)
{
    if (!leaf.allow[p].empty())
        return static_cast<double>(std::count(leaf.allow[p].begin(), leaf.allow[p].end(), true)) / leaf.allow[p].size();
    return std::max(leaf.hi[p] - leaf.lo[p], 0.0) / (c.high - c.low);
}

// fANOVA of one tree (Hutter et al. 2014) under the uniform measure on the search space:
// the share of the tree's variance explained by each param's marginal.
std::vector<double> treeShares(const std::vector<Leaf> &leaves, const std::vector<Column> &columns)
{
    const std::size_t params = columns.size();
    std::vector<double> volume(leaves.size(), 1.0);
    double mean = 0;
    for (std::size_t l = 0; l < leaves.size(); ++l) {
        for (std::size_t p = 0; p < params; ++p)
            volume[l] *= fraction(leaves[l], columns[p], p);
        mean += volume[l] * leaves[l].value;
    }
    double total = 0;
    for (std::size_t l = 0; l < leaves.size(); ++l)
        total += volume[l] * (leaves[l].value - mean) * (leaves[l].value - mean);
    std::vector<double> shares(params, 0.0);
    if (!(total > 1e-300))
        return shares;
    for (std::size_t p = 0; p < params; ++p) {
        // Cells of the param's range cut by every leaf boundary; the marginal is constant in each.
        std::vector<double> cuts;
        const bool categorical = !leaves[0].allow[p].empty();
        if (categorical) {
            for (int c = 0; c <= columns[p].width; ++c)
                cuts.push_back(c);
        } else {
            for (const auto &leaf : leaves)
                cuts.insert(cuts.end(), {leaf.lo[p], leaf.hi[p]});
            std::sort(cuts.begin(), cuts.end());
            cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
        }
        std::vector<double> marginal(cuts.size(), 0.0); // difference array over cells
        for (std::size_t l = 0; l < leaves.size(); ++l) {
            const double own = fraction(leaves[l], columns[p], p);
            if (own <= 0)
                continue;
            const double contribution = leaves[l].value * volume[l] / own;
            if (categorical) {
                for (std::size_t c = 0; c < leaves[l].allow[p].size(); ++c)
                    if (leaves[l].allow[p][c]) {
                        marginal[c] += contribution;
                        marginal[c + 1] -= contribution;
                    }
                continue;
            }
            const auto from = std::lower_bound(cuts.begin(), cuts.end(), leaves[l].lo[p]) - cuts.begin();
            const auto to = std::lower_bound(cuts.begin(), cuts.end(), leaves[l].hi[p]) - cuts.begin();
            marginal[static_cast<std::size_t>(from)] += contribution;
            marginal[static_cast<std::size_t>(to)] -= contribution;
        }
        double running = 0, variance = 0;
        const double span = cuts.back() - cuts.front();
        for (std::size_t c = 0; c + 1 < cuts.size(); ++c) {
            running += marginal[c];
            variance += (cuts[c + 1] - cuts[c]) / span * (running - mean) * (running - mean);
        }
        shares[p] = variance / total;
    }
    return shares;
}

} // namespace

std::vector<ParamImportance> parameterImportance(const SearchSpace &space, const std::vector<Trial> &history,
                                                 std::uint64_t seed, int trees)
{
    std::vector<const Trial *> complete;
    for (const auto &t : history)
        if (t.state == TrialState::Complete && t.value && std::isfinite(*t.value))
            complete.push_back(&t);
    // Params present in every complete trial, as Optuna's intersection search space:
    // a conditional param that is sometimes inactive has no value to put in those rows.
    std::vector<Column> columns;
    std::size_t width = 0;
    for (std::size_t i = 0; i < space.params.size(); ++i) {
        const ParamSpec &spec = space.params[i];
        const bool everywhere = std::all_of(complete.begin(), complete.end(), [&](const Trial *t) {
            const auto it = t->params.find(spec.key);
            return it != t->params.end() && detail::internalValue(spec, it->second);
        });
        if (!everywhere || complete.empty())
            continue;
        Column c{i, width, spec.kind == ParamKind::Choice ? static_cast<int>(spec.choices.size()) : 1, 0, 1};
        if (spec.kind != ParamKind::Choice) {
            c.low = *detail::internalValue(spec, detail::valueText(spec, spec.low));
            c.high = *detail::internalValue(spec, detail::valueText(spec, spec.high));
        }
        width += static_cast<std::size_t>(c.width);
        columns.push_back(c);
    }
    if (columns.empty() || complete.size() < 2)
        return {};

    std::vector<std::vector<double>> rows;
    std::vector<double> targets;
    for (const Trial *t : complete) {
        std::vector<double> row(width, 0.0);
        for (const auto &c : columns) {
            const double v = *detail::internalValue(space.params[c.param], t->params.at(space.params[c.param].key));
            if (c.width == 1 && space.params[c.param].kind != ParamKind::Choice)
                row[c.first] = v;
            else
                row[c.first + static_cast<std::size_t>(v)] = 1.0;
        }
        rows.push_back(std::move(row));
        targets.push_back(*t->value);
    }
    std::vector<std::size_t> paramOfColumn(width);
    for (std::size_t p = 0; p < columns.size(); ++p)
        for (int k = 0; k < columns[p].width; ++k)
            paramOfColumn[columns[p].first + static_cast<std::size_t>(k)] = p;

    detail::ForestSettings settings;
    settings.trees = trees;
    settings.seed = seed;
    const auto forest = detail::fitForest(rows, targets, settings);
    std::vector<std::vector<double>> shares; // [tree][param]
    for (const auto &tree : forest) {
        Leaf root;
        for (const auto &c : columns) {
            const bool categorical = space.params[c.param].kind == ParamKind::Choice;
            root.lo.push_back(c.low);
            root.hi.push_back(c.high);
            root.allow.emplace_back(categorical ? static_cast<std::size_t>(c.width) : 0, true);
        }
        std::vector<Leaf> leaves;
        collectLeaves(tree, 0, columns, paramOfColumn, std::move(root), leaves);
        shares.push_back(treeShares(leaves, columns));
    }

    std::vector<ParamImportance> out;
    double sum = 0;
    for (std::size_t p = 0; p < columns.size(); ++p) {
        double mean = 0, squares = 0;
        for (const auto &s : shares)
            mean += s[p];
        mean /= static_cast<double>(shares.size());
        for (const auto &s : shares)
            squares += (s[p] - mean) * (s[p] - mean);
        out.push_back(
            {space.params[columns[p].param].key, mean, std::sqrt(squares / static_cast<double>(shares.size()))});
        sum += mean;
    }
    // Normalised to sum 1, as Optuna's evaluator; the spread scales with the mean.
    for (auto &i : out)
        if (sum > 0) {
            i.mean /= sum;
            i.stddev /= sum;
        }
    std::stable_sort(out.begin(), out.end(), [](const auto &a, const auto &b) { return a.mean > b.mean; });
    return out;
}

} // namespace seekbench::tuning
