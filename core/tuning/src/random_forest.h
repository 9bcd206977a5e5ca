#pragma once

#include <cstdint>
#include <vector>

namespace seekbench::tuning::detail {

// A regression tree as scikit-learn grows it: mean-squared-error splits at midpoints
// between distinct values, every feature considered at each node.
struct RegressionTree
{
    struct Node
    {
        int feature = -1; // -1: a leaf
        double threshold = 0;
        int left = -1, right = -1; // x[feature] <= threshold goes left
        double value = 0;          // mean of the node's samples
    };
    std::vector<Node> nodes; // nodes[0] is the root
};

struct ForestSettings
{
    int trees = 64;
    int maxDepth = 64;
    int minSamplesSplit = 2;
    int minSamplesLeaf = 1;
    std::uint64_t seed = 0;
};

// scikit-learn's RandomForestRegressor with bootstrap samples and max_features=1.0, the
// settings Optuna's fANOVA evaluator uses. rows[i] is one sample's features.
std::vector<RegressionTree> fitForest(const std::vector<std::vector<double>> &rows, const std::vector<double> &targets,
                                      const ForestSettings &settings);

} // namespace seekbench::tuning::detail
