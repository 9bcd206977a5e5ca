#pragma once

// Engineered features per transaction, shared by the XGBoost baseline and (as edge
// features) by the graph model: amount, time of day, channel, cross-border and round
// amounts, degrees, flow ratios, velocity, pass-through timing and cycle membership.
// Transactions must be sorted by time (AmlData::sortByTime; the store returns them so).

#include "seekbench/aml/data.h"

#include <string>
#include <vector>

namespace seekbench::aml {

struct FeatureMatrix
{
    std::vector<std::string> names; // one per column
    std::vector<std::string> codes; // reason code per column (FAN_OUT_7D, ...)
    std::vector<float> values;      // row-major [rows, names.size()]
    std::size_t rows = 0;

    std::size_t cols() const { return names.size(); }
    float at(std::size_t row, std::size_t col) const { return values[row * cols() + col]; }
};

struct FeatureOptions
{
    double cycle_window_days = 14; // a cycle must close within this
    int cycle_max_hops = 8;
    double cycle_tolerance = 0.5; // later hops keep 50..105 % of the amount
};

// The start of the held-out months: the last `evalMonths` 30-day months, counted back
// from the month of the latest transaction (months start at the first transaction).
double heldOutStart(const AmlData &data, int evalMonths);

FeatureMatrix computeFeatures(const AmlData &data, const FeatureOptions &options = {});

// Per-column mean and standard deviation over the rows where `use` is true.
struct FeatureStats
{
    std::vector<double> mean, stddev;
};
FeatureStats featureStats(const FeatureMatrix &m, const std::vector<bool> &use);

// The features that most drove a row above the normal population: columns by
// z-score (against `normal`) times weight (a feature importance; 1 when empty), largest
// first, positive contributions only. Returns "CODE: name=value (z=...)" strings.
std::vector<std::string> reasonCodes(const FeatureMatrix &m, std::size_t row, const FeatureStats &normal,
                                     const std::vector<double> &weight, int count);

} // namespace seekbench::aml
