#pragma once

// How a model's transaction scores are judged on the held-out months, and the alerts they
// raise: the held-out rows, overall and per-typology figures, the operating curve, the
// threshold chosen for the analysts' capacity and costs, severities and reason codes.
// Pure functions over AmlData and scores: no storage (projects/aml_results.h keeps the
// results), no torch.

#include "seekbench/aml/data.h"
#include "seekbench/aml/features.h"
#include "seekbench/aml/metrics.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::aml {

// The labelled (0/1) transactions at or after `split`: what every model is evaluated on.
struct HeldOut
{
    std::vector<std::size_t> rows;   // indices into AmlData::tx, in data order
    std::vector<std::int8_t> labels; // one per row
    std::int64_t positives = 0;      // rows labelled laundering

    // The scores of the held-out rows, given scores for every transaction.
    std::vector<float> scoresOf(const std::vector<float> &all) const;
};
HeldOut heldOut(const AmlData &data, double split);

// Days from `split` to the last transaction, at least 1: alerts per day are over these.
double heldOutDays(const AmlData &data, double split);

// "recall_at_fpr_2_1" for 0.021: the metric name of recall at an FPR target (in percent,
// the point written as an underscore).
std::string recallAtFprName(double fpr);

// An alert's severity from the precision the curve shows at its score.
struct SeverityCuts
{
    double high = 0.8;   // precision at or above: "high"
    double medium = 0.5; // at or above (and below high): "medium"; below: "low"
};
const char *severity(double precision, const SeverityCuts &cuts);

struct EvaluationOptions
{
    std::string model = "graph"; // names the metrics: aml/pr_auc for graph, aml/<model>_pr_auc otherwise
    double split = 0;            // the start of the held-out months (heldOutStart)
    double fprTarget = kDefaultFprTarget;
    ThresholdPolicy policy;        // capacity and costs; `days` is set from the held-out months
    std::size_t curvePoints = 200; // the thinned curve kept for storage
};

// Figures on one slice of the held-out rows: "all", or one typology's laundering rows
// against all normal rows.
struct SliceEvaluation
{
    std::string typology;
    ScoreEvaluation figures;
};

struct ModelEvaluation
{
    std::string model;
    double fprTarget = kDefaultFprTarget;
    std::vector<SliceEvaluation> slices;   // "all" first, then each typology with held-out positives
    std::vector<CurvePoint> curve;         // every distinct held-out threshold, highest first
    std::vector<CurvePoint> thinCurve;     // at most EvaluationOptions::curvePoints of them
    ThresholdPolicy policy;                // as used, `days` filled in
    ThresholdChoice choice;                // the tuned operating point
    std::map<std::string, double> metrics; // aml/pr_auc, aml/roc_auc, aml/recall_at_fpr_2_1, aml/precision_at_capacity,
                                           // aml/alerts_per_day, aml/threshold (prefixed per model)

    const ScoreEvaluation &overall() const { return slices.front().figures; }
};
ModelEvaluation evaluateModel(const AmlData &data, const std::vector<float> &scores, const EvaluationOptions &options);

// The operating point on a held-out curve: the tuned one (tuneThreshold), or, with a
// manual threshold, the curve's figures at that threshold (alerts per day and expected
// cost recomputed; capacity-bound and precision at capacity stay the tuned ones).
ThresholdChoice chooseOperatingPoint(const std::vector<CurvePoint> &curve, std::int64_t positives,
                                     const ThresholdPolicy &policy,
                                     std::optional<double> manualThreshold = std::nullopt);

// Each account's risk: the highest score of a transaction it sent or received.
std::vector<float> accountScores(const AmlData &data, const std::vector<float> &scores);

struct Alert
{
    std::size_t row = 0; // index into AmlData::tx
    std::int64_t txId = 0;
    std::int64_t accountId = 0; // the sender's store id (index + 1)
    double score = 0, threshold = 0;
    std::string severity;             // high | medium | low
    std::vector<std::string> reasons; // up to three "CODE: feature=value (z=..)", then "NEIGHBOUR: ..."
};

// Held-out transactions (time >= split) scored at or above `threshold`, highest score
// first (ties in data order). Severity comes from the precision `curve` shows at the
// score; reasons are the features furthest above the normal training population and the
// receiver's account risk.
std::vector<Alert> buildAlerts(const AmlData &data, const FeatureMatrix &features, double split,
                               const std::vector<float> &scores, double threshold, const std::vector<CurvePoint> &curve,
                               const SeverityCuts &cuts = {});

} // namespace seekbench::aml
