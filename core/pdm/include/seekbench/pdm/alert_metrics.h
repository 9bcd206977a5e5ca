#pragma once

// Scoring a predictive maintenance model's per-window predictions against the fleet's
// failures (issue 26): alerts, their precision and recall at a minimum lead time, the
// lead-time distribution, a threshold-free window-level PR-AUC, and RUL error. Torch-free:
// a model (or the threshold rule of threshold_rule.h) hands over plain scores.
// Thresholds are tuned on validation with tuneThresholds (threshold_rule.h), which sweeps
// sweepThresholds below, and applied unchanged to test.
//
// Scores are [window][mode], the probability (or any monotone score) of a failure of that
// mode within the windows' horizon, one row per window of `Windows`, as Windows::failure.
//
// Alerts, per machine and mode, over that machine's windows of the scored split in time
// order. A window alerts when its score >= the mode's threshold. The first alerting window
// opens an alert at its time. Later alerting windows join the open alert, which closes
//  - when a failure of that mode on that machine comes (a failure at f closes an alert whose
//    last alerting window is at or before f; the next alerting window after f opens a new
//    one): consecutive alerting windows before the same failure are one alert; or
//  - when more than `cooldown` time units pass between two of its alerting windows
//    (default: the horizon).
// An alert is true when a failure of its mode on its machine falls in [alert time, alert
// time + horizon]; it is matched to the first such failure, and its lead time is that
// failure's time minus the alert's time. An alert that stayed open for longer than the
// horizon before its failure is therefore a false alert (it came too early to act on).
//
// Precision = true alerts / alerts (NaN when there are none). Recall at lead >= L = the
// seeable failures matched by a true alert with lead >= L / the seeable failures, where a
// failure is seeable when at least one window of its machine in the scored split lies in
// [f - horizon, f] (the windows could have seen it coming). Overall figures pool all modes;
// the overall PR-AUC is micro-averaged over (window, mode) pairs.
//
// Lead times are in the fleet's time unit. RUL figures (RMSE and the C-MAPSS score) are in
// cycles for a fleet in cycles and in HOURS for a fleet in seconds.

#include "seekbench/pdm/fleet.h"
#include "seekbench/pdm/windows.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace seekbench::pdm {

struct AlertOptions
{
    std::vector<double> thresholds;                             // per mode: a window alerts when score >= threshold
    double min_lead = 0;                                        // L, in the fleet's time unit; >= 0
    double cooldown = std::numeric_limits<double>::quiet_NaN(); // NaN: the windows' horizon
    Split split = Split::Test;                                  // the windows scored
    TimeUnit time_unit = TimeUnit::Seconds;                     // for the RUL figures' unit
    int lead_bins = 8;                                          // the lead histogram: equal bins over [0, horizon]
};

struct Alert
{
    std::int32_t machine = 0;
    std::int32_t mode = 0;
    double time = 0;                                        // the first alerting window's time
    double last_time = 0;                                   // the last alerting window that joined it
    float score = 0;                                        // the highest score while open
    std::int32_t failure = -1;                              // index into the failures given; -1: a false alert
    double lead = std::numeric_limits<double>::quiet_NaN(); // failure time - time; NaN when false
    bool isTrue() const { return failure >= 0; }
};

struct LeadTimeStats
{
    int count = 0; // true alerts
    double min = std::numeric_limits<double>::quiet_NaN(), p25 = min, median = min, p75 = min, max = min;
    std::vector<double> bin_edges; // lead_bins + 1 edges over [0, horizon]; the last bin includes its end
    std::vector<int> bin_counts;
};

struct AlertMetrics
{
    std::string mode; // the failure mode's name; "overall" for the pooled figures
    double threshold = std::numeric_limits<double>::quiet_NaN(); // NaN for overall
    int alerts = 0, true_alerts = 0;
    int timely_alerts = 0;   // true alerts with lead >= L
    int failures = 0;        // seeable failures
    int caught_failures = 0; // of those, matched by a true alert with lead >= L
    double precision = std::numeric_limits<double>::quiet_NaN();
    double recall = std::numeric_limits<double>::quiet_NaN(); // at lead >= L; NaN without failures
    LeadTimeStats lead;
    int windows = 0, positive_windows = 0;
    double pr_auc = std::numeric_limits<double>::quiet_NaN(); // average precision; NaN without positives
};

struct RulMetrics
{
    std::string unit; // "cycles" | "hours"
    int windows = 0;  // windows of the split with rul_observed
    double rmse = std::numeric_limits<double>::quiet_NaN();
    double cmapss_score = std::numeric_limits<double>::quiet_NaN();
};

struct AlertEvaluation
{
    Split split = Split::Test;
    double min_lead = 0, cooldown = 0, horizon = 0;
    std::vector<AlertMetrics> modes;
    AlertMetrics overall;
    std::vector<Alert> alerts; // by machine, mode, time
    RulMetrics rul;            // windows 0 when no predicted RUL was given
};

// Throws std::invalid_argument naming the problem: scores of the wrong size or with a NaN,
// thresholds not one per mode or NaN, a negative or NaN L or cooldown, a predicted RUL of
// the wrong size or NaN on a scored window, a failure naming an unknown machine or mode.
std::vector<Alert> raiseAlerts(const Windows &windows, const std::vector<float> &scores,
                               const std::vector<FailureEvent> &failures, const AlertOptions &options);

// `predicted_rul` is one per window, or empty for none.
AlertEvaluation evaluateAlerts(const Windows &windows, const std::vector<float> &scores,
                               const std::vector<float> &predicted_rul, const std::vector<FailureEvent> &failures,
                               const AlertOptions &options);

// Window-level average precision of scores against 0/1 labels (tied scores form one step).
double averagePrecision(const std::vector<float> &scores, const std::vector<std::int8_t> &labels);

// The C-MAPSS asymmetric score of one error d = predicted - true RUL: exp(-d/13) - 1 for
// d < 0 (early), exp(d/10) - 1 for d >= 0 (late, punished harder).
double cmapssScore(double d);

// The alert counts of one mode (alerts, true and timely alerts, seeable and caught failures,
// precision, recall at lead >= L; no lead statistics, no PR-AUC) at each of `thresholds`,
// on options.split (options.thresholds is not read): what threshold tuning sweeps, with the
// split indexed once. Throws as raiseAlerts does, and for a mode the windows do not have.
std::vector<AlertMetrics> sweepThresholds(const Windows &windows, const std::vector<float> &scores,
                                          const std::vector<FailureEvent> &failures, const AlertOptions &options,
                                          int mode, const std::vector<double> &thresholds);

std::string alertEvaluationJson(const AlertEvaluation &evaluation);

} // namespace seekbench::pdm
