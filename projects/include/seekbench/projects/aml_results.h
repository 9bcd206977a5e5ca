#pragma once

// What an AML run leaves in the project's store (schema version 7), for the CLI and the
// analyst views: scores per transaction and account, evaluations (overall and per
// typology), operating curves, the chosen threshold, and alerts. See docs/aml-store.md.
// Core's evaluation (aml/run_evaluation.h) computes them; this file converts and keeps them.

#include "seekbench/aml/run_evaluation.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seekbench::projects {

class Project;

struct AmlEvaluationRow
{
    std::string runId, model, typology; // model: "graph" | "xgboost"; typology: "all" | "cycle" | ...
    std::int64_t rows = 0, positives = 0;
    double prAuc = 0, rocAuc = 0, recallAtFpr = 0, fprTarget = 0.021;
};

struct AmlThresholdRow
{
    std::string runId, model;
    double threshold = 0, capacityPerDay = 0, costMissed = 0, costFalseAlert = 0, alertsPerDay = 0;
    double precision = 0, recall = 0, fpr = 0, precisionAtCapacity = 0, expectedCost = 0, days = 0;
    bool capacityBound = false;
};

struct AmlAlertRow
{
    std::int64_t id = 0;
    std::string runId, model;
    std::int64_t txId = 0, accountId = 0;
    double score = 0, threshold = 0;
    std::string severity;    // high | medium | low
    std::string reasonsJson; // ["CODE: feature=value (z=..)", ..., "NEIGHBOUR: ..."]
    // The analyst's review of the transaction (aml_alert_reviews), read with the alert;
    // written only by AmlCaseStore::review. replaceAlerts ignores these fields.
    std::string status = "new", notes; // new | reviewing | escalated | dismissed (aml_case_store.h)
    std::optional<double> updatedAt;   // when the analyst last changed them; nullopt before
    double createdAt = 0;
};

// Throws std::invalid_argument when `threshold` is not a score in [0, 1] (NaN and the
// infinities included): "threshold 2 is outside [0, 1]". A higher threshold alerts nothing.
void checkAmlThreshold(double threshold);

class AmlResultStore
{
public:
    explicit AmlResultStore(const Project &project);
    ~AmlResultStore();
    AmlResultStore(const AmlResultStore &) = delete;
    AmlResultStore &operator=(const AmlResultStore &) = delete;

    void saveScores(const std::string &runId, const std::string &model, const std::vector<std::int64_t> &txIds,
                    const std::vector<float> &scores);
    // tx id -> score, in tx id order.
    std::vector<std::pair<std::int64_t, float>> scores(const std::string &runId, const std::string &model);
    void saveAccountScores(const std::string &runId, const std::string &model,
                           const std::vector<std::int64_t> &accountIds, const std::vector<float> &scores);
    std::optional<double> accountScore(const std::string &runId, const std::string &model, std::int64_t accountId);

    void saveEvaluations(const std::vector<AmlEvaluationRow> &rows);
    std::vector<AmlEvaluationRow> evaluations(const std::string &runId);

    // An operating curve of one period, split "validation" (where the threshold is chosen)
    // or "test" (reported once), as JSON: [{"threshold":..,"precision":..,"recall":..,
    // "fpr":..,"alerts":..}, ...], with the days the period spans (alerts per day =
    // alerts / days). Another split is refused (std::invalid_argument).
    void saveCurve(const std::string &runId, const std::string &model, const std::string &split, double days,
                   const std::string &pointsJson);
    struct Curve
    {
        double days = 0;
        std::string pointsJson;
    };
    std::optional<Curve> curve(const std::string &runId, const std::string &model, const std::string &split);

    // Both refuse a threshold outside [0, 1] (checkAmlThreshold) and write nothing then.
    void saveThreshold(const AmlThresholdRow &row);
    std::optional<AmlThresholdRow> threshold(const std::string &runId, const std::string &model);

    // Replaces the run's alerts for `model` (a new threshold makes a new set, with new
    // ids). The analyst's status and notes are kept per transaction, whether or not it is
    // alerted now: a transaction alerted again, even after thresholds that left it out,
    // shows them again. Refuses an alert whose threshold is outside [0, 1].
    void replaceAlerts(const std::string &runId, const std::string &model, const std::vector<AmlAlertRow> &alerts);
    // A new operating point and its alerts in one write (`aml alerts`): the thresholds row,
    // then replaceAlerts. Nothing is written when the threshold is outside [0, 1].
    void saveOperatingPoint(const AmlThresholdRow &row, const std::vector<AmlAlertRow> &alerts);
    std::vector<AmlAlertRow> alerts(const std::string &runId, const std::string &model, int limit);
    std::optional<AmlAlertRow> alert(std::int64_t id);
    // The current alert on a transaction, if it is alerted at the run's threshold.
    std::optional<AmlAlertRow> alertOfTransaction(const std::string &runId, const std::string &model, std::int64_t txId);
    // The alert an analyst names (`aml alert set`): by id, or by transaction in a run (the
    // latest scored run without one) and model (graph without one). A run or model given
    // with an id must be the alert's. Throws std::invalid_argument naming what was not
    // found: "no alert on transaction 7 in run 'r' (graph)", "no alert 12 in the project".
    AmlAlertRow findAlert(const std::optional<std::int64_t> &alertId, const std::optional<std::int64_t> &txId,
                          const std::optional<std::string> &runId, const std::optional<std::string> &model);
    std::vector<AmlAlertRow> alertsOfAccount(std::int64_t accountId, int limit);

    // The latest run with AML scores (for commands given no --run).
    std::optional<std::string> latestScoredRun();

    // A model's stored scores for every transaction of `data`, in data order. Throws
    // std::invalid_argument when the run has none, or when a transaction of `data` was added
    // after the run scored the store.
    std::vector<float> scoresOf(const std::string &runId, const std::string &model, const aml::AmlData &data);
    // One model's held-out evaluation: its figures per typology, its thinned curve and its
    // tuned threshold.
    void saveEvaluation(const std::string &runId, const aml::ModelEvaluation &evaluation);
    // What aml::evaluateRun gives: each model's transaction and account scores and its
    // evaluation, and the graph model's alerts.
    void saveRun(const std::string &runId, const aml::AmlData &data, const aml::RunEvaluation &run);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

// Core's results as the store's rows.
std::vector<AmlEvaluationRow> evaluationRows(const std::string &runId, const aml::ModelEvaluation &evaluation);
AmlThresholdRow thresholdRow(const std::string &runId, const std::string &model, const aml::ThresholdChoice &choice,
                             const aml::ThresholdPolicy &policy);
std::vector<AmlAlertRow> alertRows(const std::vector<aml::Alert> &alerts);
// [{"alerts":..,"fpr":..,"precision":..,"recall":..,"threshold":..}, ...]: how curves are stored and printed.
std::string curveJson(const std::vector<aml::CurvePoint> &curve);
// One alert as `aml alert set --json` prints it: {"id","run","model","tx_id","account_id",
// "score","threshold","severity","reasons","status","notes","updated_at"} (updated_at null
// before the analyst's first change; reasons null when the stored list does not parse).
std::string alertJson(const AmlAlertRow &alert);

} // namespace seekbench::projects
