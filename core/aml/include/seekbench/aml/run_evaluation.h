#pragma once

// What follows the graph model's training in an AML run: the XGBoost baseline is trained
// on the same features and training months, both models' thresholds are tuned on the
// validation months and their figures measured on the test months with the run config's
// policy (evaluation.h), and the graph model's alerts are raised on the test months at
// its validation-tuned threshold. Torch-free: the caller scores the graph model (engine) and stores the
// result (projects/aml_results.h).

#include "seekbench/aml/evaluation.h"
#include "seekbench/config/run_config.h"
#include "seekbench/replies/aml_replies.h"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::aml {

// The evaluation options a run config asks for: its periods (aml.validation_months,
// aml.test_months; throws amlPeriods' error when they leave no training month), FPR target
// and alert policy (capacity and costs).
EvaluationOptions evaluationOptions(const RunConfig &config, const AmlData &data, const std::string &model);
SeverityCuts severityCuts(const AmlConfig &config);

struct ScoredModel
{
    std::vector<float> scores;        // every transaction, in data order
    std::vector<float> accountScores; // every account, in data order (accountScores())
    ModelEvaluation evaluation;
};

struct RunEvaluation
{
    AmlPeriods periods;                    // where each figure comes from
    std::vector<ScoredModel> models;       // "graph", then "xgboost"
    std::vector<Alert> alerts;             // the graph model's, at its tuned threshold
    std::map<std::string, double> metrics; // both models' headline metrics and aml/xgb_train_seconds
};

// `graphScores`: the graph model's score of every transaction. The XGBoost model is saved
// to `xgbModelFile` (none when empty). Throws what trainXgbBaseline throws when the
// baseline cannot be trained.
RunEvaluation evaluateRun(const RunConfig &config, const AmlData &data, std::vector<float> graphScores,
                          const std::filesystem::path &xgbModelFile);

// Reviewing a scored model's alerts again, with another capacity, costs or threshold.
struct AlertOptions
{
    AmlPeriods periods; // validation months tune, test months show
    double fprTarget = kDefaultFprTarget;
    ThresholdPolicy policy;          // `days` is set from each period
    std::optional<double> threshold; // a manual threshold instead of the validation-tuned one
    SeverityCuts cuts;
};
// The run config's periods, FPR target, policy and severity cuts.
AlertOptions alertOptions(const RunConfig &config, const AmlData &data);

struct AlertReview
{
    std::int64_t positives = 0;              // laundering transactions in the test months
    ThresholdPolicy policy;                  // as used on the test months, `days` filled in
    std::vector<CurvePoint> curve;           // the test months' operating curve, highest threshold first
    ThresholdChoice choice;                  // the threshold (validation-tuned or manual) and its test figures
    double fprTarget = kDefaultFprTarget;    // the FPR target as used
    CurvePoint atFpr;                        // the test figures at the validation months' FPR-target threshold
    ThresholdPolicy validationPolicy;        // as used on the validation months
    std::vector<CurvePoint> validationCurve; // where the thresholds come from
    bool manualThreshold = false;            // the threshold is the caller's, not the validation months'
    std::vector<Alert> alerts;               // test-month alerts at the chosen threshold
};
AlertReview reviewAlerts(const AmlData &data, const FeatureMatrix &features, const std::vector<float> &scores,
                         const AlertOptions &options);

// What `aml alerts --json` prints for a review of `model`'s alerts of `runId`: the policy's
// days, the positives, the operating point, the recall at the FPR target, the curve thinned
// to `curvePoints`, the number of alerts made, and `listed` (the top ones, as stored).
replies::AmlAlertsReply alertsReply(const std::string &runId, const std::string &model, const AlertReview &review,
                                    std::vector<replies::AmlAlertItem> listed, std::size_t curvePoints = 200);

// The tables the CLI prints for a person (stdout and stderr are the caller's choice):
// both models side by side on the test months (thresholds from the validation months), overall and per typology (after
// `aml train`), and an alert review: the operating point, the recall at the FPR target, the
// curve around the point and the top alerts (`aml alerts` without --json).
std::string modelComparisonTable(const RunEvaluation &run, const RunConfig &config);
std::string alertsTable(const replies::AmlAlertsReply &reply, double capacityPerDay, double fprTarget);

} // namespace seekbench::aml
