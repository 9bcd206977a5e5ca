#pragma once

// Thresholds: the tuning of any model's alert thresholds on validation, and the plant's
// baseline rule.
//
// Threshold tuning on one split (normally validation), then applied unchanged to test. Per
// mode, candidates are the split's distinct scores (thinned evenly by rank to at most
// `max_candidates`) plus one just above the highest (no alerts). The threshold chosen
// maximises recall at lead >= L among those with at least one alert and precision >=
// target_precision (ties: the higher threshold); when none reaches the target, it maximises
// F1 of precision and recall at lead >= L (ties: the higher threshold), and `criterion`
// says which was used. Alerts as alert_metrics.h raises them, with options.min_lead,
// cooldown and split (options.thresholds is not read).
//
// The plant's baseline (issue 26): a threshold on one raw sensor, what plants do today.
//
// The rule reads each window's LAST step: the per-machine z-score of each sensor's step
// mean (the ".mean" features of Windows::steps, before the per-feature standardisation),
// so "k" is in units of the machine's own baseline spread. A step with no reading counts
// as 0 (no evidence).
//
// Per failure mode, the sensor and direction are chosen on the TRAINING windows: for every
// sensor, the rank AUC of its last-step z-score between that mode's positive and negative
// windows; the sensor with the largest |AUC - 0.5| wins (ties: the first sensor), with
// direction +1 when high readings precede the failure (AUC >= 0.5) and -1 when low ones
// do. The mode's score is direction x z-score, so "alert when score >= k" reads "the
// sensor above k" or "below -k". A mode without training positives (or with no negatives)
// falls back to "any sensor": the largest |z| over all sensors.
//
// The scores have the shape a model's have ([window][mode]); k per mode is tuned on
// validation with tuneThresholds (alert_metrics.h) like a model's thresholds.

#include "seekbench/pdm/alert_metrics.h"
#include "seekbench/pdm/windows.h"

#include <string>
#include <vector>

namespace seekbench::pdm {

struct ThresholdChoice
{
    std::vector<double> thresholds;        // per mode
    std::vector<std::string> criterion;    // per mode: "recall_at_precision" | "f1"
    std::vector<double> precision, recall; // per mode, on the tuning split
};

// Throws std::invalid_argument as sweepThresholds does, and for a target outside [0, 1] or
// fewer than 2 candidates.
ThresholdChoice tuneThresholds(const Windows &windows, const std::vector<float> &scores,
                               const std::vector<FailureEvent> &failures, const AlertOptions &options,
                               double target_precision, int max_candidates = 256);

struct ThresholdRule
{
    std::vector<int> feature;        // per mode: index into Windows::feature_names; -1: any sensor
    std::vector<std::string> sensor; // per mode: the feature's name, or "any"
    std::vector<int> direction;      // per mode: +1 or -1 (1 for "any")
    std::vector<double> train_auc;   // per mode: the chosen sensor's training AUC (NaN for "any")
};

// Throws std::invalid_argument when the windows have no ".mean" feature.
ThresholdRule fitThresholdRule(const Windows &windows);

// Scores [window][mode] for every window of every split.
std::vector<float> thresholdRuleScores(const Windows &windows, const ThresholdRule &rule);

// The last-step per-machine z-score of feature f in window i (0 when not read).
float lastStepValue(const Windows &windows, std::size_t i, int feature);

} // namespace seekbench::pdm
