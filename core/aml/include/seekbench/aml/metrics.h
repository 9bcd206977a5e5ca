#pragma once

// Ranking metrics and threshold tuning for alert scores. Labels are 0/1; rows with a
// label of -1 (unknown) are skipped everywhere.

#include <cstdint>
#include <string>
#include <vector>

namespace seekbench::aml {

// The false-positive rate the article quotes recall at (2.1 %); aml.fpr_target's default.
inline constexpr double kDefaultFprTarget = 0.021;

// Average precision (the step-wise area under the precision-recall curve). 0 without positives.
double prAuc(const std::vector<float> &scores, const std::vector<std::int8_t> &labels);
// Area under the ROC curve, ties counted half. 0.5 when one class is missing.
double rocAuc(const std::vector<float> &scores, const std::vector<std::int8_t> &labels);

// One operating point: alerts are the rows with score >= threshold.
struct CurvePoint
{
    double threshold = 0;
    double precision = 0, recall = 0, fpr = 0;
    std::int64_t alerts = 0, truePositives = 0, falsePositives = 0;
};

// Every distinct threshold, highest first (all points; thin it for storage).
std::vector<CurvePoint> operatingCurve(const std::vector<float> &scores, const std::vector<std::int8_t> &labels);
// At most `maxPoints` points, evenly spread over recall and FPR, always keeping the ends.
std::vector<CurvePoint> thinCurve(const std::vector<CurvePoint> &curve, std::size_t maxPoints);

// The best recall among thresholds whose false-positive rate is at most `fpr`
// (the article quotes 2.1 %: kDefaultFprTarget), and that threshold.
CurvePoint recallAtFpr(const std::vector<CurvePoint> &curve, double fpr);

struct ThresholdPolicy
{
    double capacity_per_day = 50; // alerts analysts can work a day
    double cost_missed = 50;      // cost of a laundering transaction not alerted
    double cost_false_alert = 1;  // cost of working a false alert
    double days = 1;              // days the scored rows cover
};

struct ThresholdChoice
{
    CurvePoint point;
    double alertsPerDay = 0;
    double expectedCost = 0;
    bool capacityBound = false;     // the cost optimum had more alerts than capacity allows
    double precisionAtCapacity = 0; // precision of the top capacity*days scores
};

// The threshold of least expected cost (missed * FN + false * FP) among those within
// capacity. With no threshold within capacity, the strictest one.
ThresholdChoice tuneThreshold(const std::vector<CurvePoint> &curve, std::int64_t positives,
                              const ThresholdPolicy &policy);

// Ranking figures of one set of scores (evaluation.h judges a whole model with them).
struct ScoreEvaluation
{
    double prAuc = 0, rocAuc = 0;
    CurvePoint atFpr; // the best recall at FPR <= fpr (2.1 % by default)
    std::int64_t rows = 0, positives = 0;
};
ScoreEvaluation evaluateScores(const std::vector<float> &scores, const std::vector<std::int8_t> &labels,
                               double fpr = kDefaultFprTarget);

} // namespace seekbench::aml
