#pragma once

#include "seekbench/tuning/search_space.h"
#include "seekbench/tuning/trial.h"

#include <cstdint>
#include <string>
#include <vector>

namespace seekbench::tuning {

// fANOVA importance of one param: its share of the objective's variance, mean and
// standard deviation over the forest's trees.
struct ParamImportance
{
    std::string key;
    double mean = 0;
    double stddev = 0;
};

// fANOVA (Hutter et al. 2014) on a random forest, as Optuna's FanovaImportanceEvaluator:
// complete trials only, means normalised to sum 1, sorted by mean, most important first.
std::vector<ParamImportance> parameterImportance(const SearchSpace &space, const std::vector<Trial> &history,
                                                 std::uint64_t seed = 0, int trees = 64);

} // namespace seekbench::tuning
