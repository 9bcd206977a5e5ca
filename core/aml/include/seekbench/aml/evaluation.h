#pragma once

// How a model's transaction scores are judged, and the alerts they raise. Three periods
// (features.h, AmlPeriods): the model learns from the training months; the threshold for
// the analysts' capacity and costs, the threshold of the FPR target and the severities'
// precision come from the validation months; every reported figure (PR-AUC, ROC-AUC,
// recall, precision, FPR and alerts a day at those thresholds, per typology) is the test
// months', measured once at thresholds fixed before looking at them. Pure functions over
// AmlData and scores: no storage (projects/aml_results.h keeps the results), no torch.

#include "seekbench/aml/data.h"
#include "seekbench/aml/features.h"
#include "seekbench/aml/metrics.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::aml {

// The labelled (0/1) transactions in [from, to): one period's rows.
struct HeldOut
{
    std::vector<std::size_t> rows;   // indices into AmlData::tx, in data order
    std::vector<std::int8_t> labels; // one per row
    std::int64_t positives = 0;      // rows labelled laundering

    // The scores of the held-out rows, given scores for every transaction.
    std::vector<float> scoresOf(const std::vector<float> &all) const;
};
HeldOut heldOut(const AmlData &data, double from, double to = std::numeric_limits<double>::infinity());
HeldOut periodRows(const AmlData &data, const AmlPeriods &periods, AmlPeriod period);

// Days from `from` to the last transaction before `to` (or `to` itself when the data goes
// on), at least 1: alerts per day are over these.
double heldOutDays(const AmlData &data, double from, double to = std::numeric_limits<double>::infinity());
double periodDays(const AmlData &data, const AmlPeriods &periods, AmlPeriod period);

// The figures of a curve at a fixed threshold: the lowest curve point still at or above
// it (the rows that threshold alerts on); no alerts when every score is below it.
CurvePoint pointAt(const std::vector<CurvePoint> &curve, double threshold);

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
    AmlPeriods periods;          // amlPeriods(): validation months tune, test months report
    double fprTarget = kDefaultFprTarget;
    ThresholdPolicy policy;        // capacity and costs; `days` is set from the period
    std::size_t curvePoints = 200; // the thinned curve kept for storage
};

// Figures on one slice of the test rows: "all", or one typology's laundering rows
// against all normal rows. `atFpr` is the slice at the threshold the validation months
// chose for the FPR target (its fpr may exceed the target on the test months).
struct SliceEvaluation
{
    std::string typology;
    ScoreEvaluation figures;
};

struct ModelEvaluation
{
    std::string model;
    double fprTarget = kDefaultFprTarget;
    std::vector<SliceEvaluation> slices; // test months: "all" first, then each typology with test positives
    std::vector<CurvePoint> curve;       // test months: every distinct threshold, highest first
    std::vector<CurvePoint> thinCurve;   // at most EvaluationOptions::curvePoints of them
    ThresholdPolicy policy;              // as used on the test months, `days` filled in
    ThresholdChoice choice;              // the validation months' threshold and the test months' figures at it
    double fprThreshold = 1;             // the validation months' threshold for the FPR target
    // The validation months: their overall figures, curve and the tuned operating point
    // (with the validation days), where the thresholds above come from.
    ScoreEvaluation validation;
    std::vector<CurvePoint> validationCurve;
    std::vector<CurvePoint> validationThinCurve; // at most EvaluationOptions::curvePoints of them
    ThresholdPolicy validationPolicy;
    ThresholdChoice validationChoice;
    std::map<std::string, double> metrics; // test months: aml/pr_auc, aml/roc_auc, aml/recall_at_fpr_2_1 (at the
                                           // validation FPR threshold), aml/fpr_at_fpr_threshold,
                                           // aml/precision_at_capacity, aml/alerts_per_day, aml/threshold (from
                                           // validation); validation months: aml/validation_pr_auc,
                                           // aml/validation_recall_at_fpr_2_1, aml/validation_precision_at_capacity
                                           // (prefixed per model: aml/xgboost_pr_auc, ...)

    const ScoreEvaluation &overall() const { return slices.front().figures; }
};
// Throws std::invalid_argument naming the period when the validation or the test months
// have no labelled transactions.
ModelEvaluation evaluateModel(const AmlData &data, const std::vector<float> &scores, const EvaluationOptions &options);

// The operating point on a curve: the tuned one (tuneThreshold), or, with a manual
// threshold, the curve's figures at that threshold (alerts per day and expected cost
// recomputed; capacity-bound and precision at capacity stay the tuned ones).
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

// Test-month transactions scored at or above `threshold`, highest score first (ties in
// data order). Severity comes from the precision `severityCurve` (the validation months')
// shows at the score; reasons are the features furthest above the normal training
// population and the receiver's account risk.
std::vector<Alert> buildAlerts(const AmlData &data, const FeatureMatrix &features, const AmlPeriods &periods,
                               const std::vector<float> &scores, double threshold,
                               const std::vector<CurvePoint> &severityCurve, const SeverityCuts &cuts = {});

} // namespace seekbench::aml
