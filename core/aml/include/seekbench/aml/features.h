#pragma once

// Engineered features per transaction, shared by the XGBoost baseline and (as edge
// features) by the graph model: amount, time of day, channel, cross-border and round
// amounts, degrees, flow ratios, velocity, pass-through timing and cycle closing.
// Transactions must be sorted by time (AmlData::sortByTime; the store returns them so).
//
// Features are point-in-time: a transaction's row uses the transaction itself and the
// transactions strictly earlier in time, never later ones and never others with the same
// timestamp (their order within a second is not known, and a bank posting a batch does
// not know the batch's other entries either). So the rows of every transaction up to a
// time T are the same whether the data ends at T or goes on (tests/aml/test_aml_features).

#include "seekbench/aml/data.h"
#include "seekbench/config/run_config.h"

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

// The three periods of an AML run, in 30-day months counted from the first transaction:
// training months, then `validation_months` (the threshold, the operating points, the
// severity cut-offs and early stopping are chosen here), then the last `test_months`
// (reported once, never tuned on). The last month may be partial.
enum class AmlPeriod { Train, Validation, Test };
const char *periodName(AmlPeriod period); // "training" | "validation" | "test"

struct AmlPeriods
{
    double validationStart = 0, testStart = 0; // seconds; training is before validationStart
    int months = 0, trainMonths = 0, validationMonths = 0, testMonths = 0;

    AmlPeriod of(double time) const
    {
        return time < validationStart ? AmlPeriod::Train : time < testStart ? AmlPeriod::Validation : AmlPeriod::Test;
    }
};
// Throws std::invalid_argument naming both keys and the data's months when a period
// would be empty (fewer than validation + test + 1 months, or a count below 1).
AmlPeriods amlPeriods(const AmlData &data, int validationMonths, int testMonths);
AmlPeriods amlPeriods(const AmlData &data, const AmlConfig &config);

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
