#pragma once

// A predictive maintenance run's evaluation, after training (`seekbench-cli pdm train`,
// `pdm evaluate`): the sensor model's outputs (pdm_dataset.h) beside the baselines on the
// same windows, thresholds tuned on the validation machines and figures measured once on
// the test machines, and the maintenance policies replayed on the test period.
//  - model: the run's LSTM (with attention, or without: pdm.attention);
//  - xgboost+embedding: XGBoost on the window summary features and the model's embedding,
//    which explains each alert (pred_contribs);
//  - xgboost: XGBoost on the window summary features alone;
//  - threshold_rule: the plant's rule on the raw sensors (threshold_rule.h).
// Per model and failure mode: alerts, precision, recall at lead >= min_lead, the lead
// distribution and window PR-AUC; the model's RUL RMSE and C-MAPSS score; the policies.

#include "seekbench/pdm/alert_metrics.h"
#include "seekbench/pdm/pdm_dataset.h"
#include "seekbench/pdm/policy.h"
#include "seekbench/pdm/run_results.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace seekbench::pdm {

struct RunEvaluationOptions
{
    double target_precision = 0.5; // thresholds: the highest recall at this precision on validation
    double min_lead = 86400;       // alerts count from this lead
    int xgb_rounds = 200;
    PolicySettings policy;
};

struct ModelEvaluation
{
    std::string name; // model | xgboost+embedding | xgboost | threshold_rule
    std::vector<double> thresholds;
    std::vector<std::string> criterion;
    AlertEvaluation test;
};

struct PdmRunEvaluation
{
    std::vector<ModelEvaluation> models;
    PolicyComparison policies; // acting on the model's test alerts
    std::vector<std::string> notes;
    std::map<std::string, double> metrics; // the headline figures, test/... and policy/...
    std::string json;                      // everything, for the run folder and the views
    RunResults results;                    // health, alerts with explanations, the replay (run_results.h)
};

// Throws std::invalid_argument when the outputs are not of these windows.
PdmRunEvaluation evaluatePdmRun(const Windows &windows, const std::vector<FailureEvent> &failures,
                                const ModelOutputs &outputs, const RunEvaluationOptions &options,
                                const std::filesystem::path &xgbFolder = {});

// <run folder>/eval/pdm_evaluation.json.
inline const char *kRunEvaluationFile = "eval/pdm_evaluation.json";

} // namespace seekbench::pdm
