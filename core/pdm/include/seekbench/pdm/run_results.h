#pragma once

// What a predictive maintenance run leaves for its views, its `pdm alerts|explain|simulate`
// verbs and its maintenance case reports (issue 26), beside the evaluation's figures:
//  - each machine's health at its last window (the highest failure score and the predicted
//    RUL), with a sparkline of its score over time;
//  - each machine's scores per window, in time order (the machine view's risk chart);
//  - every alert of the run's model, on every split (the split is kept, so a view can show
//    the held-out machines alone), raised with the thresholds tuned on validation, with
//    the attention of its first window and the explainable XGBoost model's contributions
//    for its mode there;
//  - the inputs of the policy replay (policy.h), to replay it with other settings.
// Plain values, no XGBoost and no torch: the store keeps them and the desktop reads them.

#include "seekbench/pdm/alert_explanation.h"
#include "seekbench/pdm/alert_metrics.h"
#include "seekbench/pdm/policy.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace seekbench::pdm {

struct ModelOutputs;
class PdmXgboost;
struct WindowFeatureTable;

// Points in a machine's sparkline (at most).
constexpr int kSparkPoints = 48;

struct MachineHealth
{
    std::int32_t machine = 0; // index into the fleet's machines
    std::string name;
    Split split = Split::Train;
    std::int64_t windows = 0;                                    // of this machine, all splits
    double last_time = std::numeric_limits<double>::quiet_NaN(); // its last window's time; NaN with none
    float risk = 0;                                      // the last window's highest failure score over the modes
    std::int32_t risk_mode = -1;                         // the mode of `risk`; -1 with no window
    float rul = std::numeric_limits<float>::quiet_NaN(); // the last window's predicted RUL (time unit)
    float peak_risk = 0;                                 // the highest score of any of its windows
    int alerts = 0, failures = 0;                        // alerts of the run's model; failures in the log
    std::vector<float> spark;                            // the highest score over modes, max-pooled in time order
    std::vector<float> temporal;                         // the last window's attention over its steps (empty without)
    std::vector<float> sensor;                           // ... and over the sensors (empty without)
};

struct MachineScores
{
    std::int32_t machine = 0;
    std::vector<double> time;       // the machine's windows' prediction times, ascending
    std::vector<float> scores;      // [window][mode]
    std::vector<float> rul;         // [window]
    std::vector<std::int8_t> split; // [window], Split as a number
};

struct AlertRecord
{
    std::int64_t id = 0; // the store's id once kept; 0 before
    Alert alert;         // machine, mode, time, last_time, highest score, failure, lead
    Split split = Split::Test;
    double threshold = 0;
    double failure_time = std::numeric_limits<double>::quiet_NaN(); // the matched failure's; NaN for a false alert
    std::int64_t window = -1;     // the alert's first window, an index into the run's windows
    std::vector<float> temporal;  // that window's attention over its steps (empty without)
    std::vector<float> sensor;    // ... and over the sensors
    AlertExplanation explanation; // XGBoost with the embedding, the alert's mode, that window
};

struct RunResults
{
    TimeUnit unit = TimeUnit::Seconds;
    double step = 0, horizon = 0, min_lead = 0;
    int history = 0;
    std::vector<std::string> sensors;    // the per-sensor attention's order
    std::vector<std::string> modes;      // failure modes
    std::vector<double> thresholds;      // per mode, tuned on validation
    std::vector<MachineHealth> machines; // every machine of the fleet, in fleet order
    std::vector<MachineScores> scores;   // likewise
    std::vector<AlertRecord> alerts;     // by machine, mode, time
    PolicyReplay replay;
};

// The results of a run whose outputs are `outputs` (of `windows`), with its model's
// `thresholds`, explained by `explained` on `table` (the windows' summary features and the
// embedding). Throws std::invalid_argument when the outputs, thresholds or table are not
// of these windows.
RunResults runResults(const Windows &windows, const std::vector<FailureEvent> &failures, const ModelOutputs &outputs,
                      const std::vector<double> &thresholds, double min_lead, const PdmXgboost &explained,
                      const WindowFeatureTable &table, const PolicySettings &settings);

// The sensor names of the per-sensor attention: the windows' features' sensors, in order.
std::vector<std::string> attentionSensors(const Windows &windows);

} // namespace seekbench::pdm
