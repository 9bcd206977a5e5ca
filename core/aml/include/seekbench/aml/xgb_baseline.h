#pragma once

// The gradient-boosted baseline: XGBoost (C API, Debian's libxgboost) on the engineered
// features, binary:logistic, trained on the training months.

#include "seekbench/aml/features.h"
#include "seekbench/xgb/booster.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace seekbench::aml {

// rounds, max_depth, eta, subsample, seed, threads (xgb/booster.h); scale_pos_weight is
// set from the training months' classes, sqrt(normal/laundering).
using XgbOptions = xgb::TrainOptions;

struct XgbResult
{
    std::vector<float> scores;      // for every row of the feature matrix
    std::vector<double> importance; // total gain per column, normalised to sum 1
    double trainSeconds = 0;
};

// Trains on the rows where `train` is true and label is 0/1, scores every row, and saves
// the model (JSON) when `modelFile` is not empty. Throws std::invalid_argument when the
// matrix is empty or `labels`/`train` do not have one entry per row, std::runtime_error
// when the training months lack either class, and std::runtime_error with XGBoost's
// message when XGBoost fails.
XgbResult trainXgbBaseline(const FeatureMatrix &features, const std::vector<std::int8_t> &labels,
                           const std::vector<bool> &train, const XgbOptions &options,
                           const std::filesystem::path &modelFile = {});

} // namespace seekbench::aml
