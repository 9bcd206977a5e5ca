#pragma once

// What follows the graph model's training in an AML run: the XGBoost baseline is trained
// on the same features and months, both models are evaluated on the held-out months with
// the run config's policy (evaluation.h), and the graph model's alerts are raised at its
// tuned threshold. Torch-free: the caller scores the graph model (engine) and stores the
// result (projects/aml_results.h).

#include "seekbench/aml/evaluation.h"
#include "seekbench/config/run_config.h"
#include "seekbench/replies/aml_replies.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::aml {

// The evaluation options a run config asks for: its held-out months, FPR target and
// alert policy (capacity and costs).
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
    double split = 0; // the start of the held-out months
    double fprTarget = kDefaultFprTarget;
    ThresholdPolicy policy;          // `days` is set from the held-out months
    std::optional<double> threshold; // a manual threshold instead of the tuned one
    SeverityCuts cuts;
};
// The run config's held-out months, FPR target, policy and severity cuts.
AlertOptions alertOptions(const RunConfig &config, const AmlData &data);

struct AlertReview
{
    std::int64_t positives = 0;           // laundering transactions in the held-out months
    ThresholdPolicy policy;               // as used, `days` filled in
    std::vector<CurvePoint> curve;        // the held-out operating curve, highest threshold first
    ThresholdChoice choice;               // chooseOperatingPoint
    double fprTarget = kDefaultFprTarget; // the FPR target as used
    CurvePoint atFpr;                     // the best recall at the FPR target
    std::vector<Alert> alerts;            // at the chosen threshold
};
AlertReview reviewAlerts(const AmlData &data, const FeatureMatrix &features, const std::vector<float> &scores,
                         const AlertOptions &options);

// What `aml alerts --json` prints for a review of `model`'s alerts of `runId`: the policy's
// days, the positives, the operating point, the recall at the FPR target, the curve thinned
// to `curvePoints`, the number of alerts made, and `listed` (the top ones, as stored).
replies::AmlAlertsReply alertsReply(const std::string &runId, const std::string &model, const AlertReview &review,
                                    std::vector<replies::AmlAlertItem> listed, std::size_t curvePoints = 200);

// The tables the CLI prints for a person (stdout and stderr are the caller's choice):
// both models side by side on the held-out months, overall and per typology (after
// `aml train`), and an alert review: the operating point, the recall at the FPR target, the
// curve around the point and the top alerts (`aml alerts` without --json).
std::string modelComparisonTable(const RunEvaluation &run, const RunConfig &config);
std::string alertsTable(const replies::AmlAlertsReply &reply, double capacityPerDay, double fprTarget);

} // namespace seekbench::aml
