#pragma once

// Point-in-time windows over a fleet: what the predictive maintenance models train and are
// scored on.
//
// Each machine's readings are aggregated into steps of `step` time units. Step j of the
// fleet covers (origin + j*step, origin + (j+1)*step]; its end is the moment it becomes
// known. A window is `history` consecutive steps of one machine and its prediction time t
// is the end of its last step: its features use only readings taken at or before t.
// Nothing after t reaches them, which the tests check by cutting the data at t.
//
// Normalisation, in two parts that see no future data:
//  - per machine: each reading becomes a z-score against that machine's own baseline
//    (mean and spread per sensor and operating regime) over its first `baseline` time
//    units, so machines with different set points become comparable. Windows before the
//    baseline is complete are not made. baseline = 0 skips this part.
//  - per feature: mean and spread of the step features, fitted on the training machines'
//    training windows only and applied to every split.
//
// Labels, from the failure log: failure of mode k within [t, t+horizon], and the remaining
// useful life (time to the next failure of any mode, capped at `rul_cap`). A label that the
// data cannot decide (no failure is known after t and the machine's data ends before
// t+horizon) is not guessed: the window is not made. The RUL of a window with no known
// failure after it is censored (`rul_observed` 0) and holds the time to the end of the data.
// While a machine is down (from a failure to the end of the repair that follows) no window
// is made.
//
// The split is by machine and by time, never by random windows: machines are dealt to
// training, validation and test (seeded by machine name, spreading the machines that
// failed), and with a time cut `test_from` training and validation windows must have their
// labels decided before it (t + horizon <= test_from) while test windows start at it. A
// fleet in cycles (C-MAPSS: every unit its own life) has no time cut.

#include "seekbench/pdm/fleet.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace seekbench::pdm {

enum class Split : std::int8_t { Train = 0, Validation = 1, Test = 2 };
const char *splitName(Split split); // "train" | "validation" | "test"

// What each step keeps per sensor. Full: mean, standard deviation and maximum of the
// step's z-scores and the share of readings missing; Mean: mean and missing share (for
// data with one reading a step, as C-MAPSS has). Auto: Full for seconds, Mean for cycles.
enum class StepStats { Auto, Full, Mean };

struct WindowOptions
{
    double step = 3600;          // time units a step (seconds: an hour; cycles: 1)
    int history = 24;            // steps a window
    int stride = 1;              // a window every `stride` steps
    double horizon = 72 * 3600;  // failure within [t, t + horizon]
    double rul_cap = 30 * 86400; // RUL above this is reported as this
    double baseline = 86400;     // per-machine baseline period; 0: none
    StepStats stats = StepStats::Auto;
    double validation_share = 0.2; // of the machines
    double test_share = 0.2;
    // Time cut (see above). NaN: for seconds, the last quarter of the fleet's period; for
    // cycles, none. +inf: no cut.
    double test_from = std::numeric_limits<double>::quiet_NaN();
    std::uint64_t seed = 7;
};

// Options fitted to a fleet's time unit: hours and days for seconds, cycles for C-MAPSS
// (step 1, history 30, horizon 30, RUL cap 125 as the C-MAPSS literature uses, no baseline).
WindowOptions defaultWindowOptions(TimeUnit unit);

// Throws std::invalid_argument naming the field, its value and what is allowed.
void validateWindowOptions(const WindowOptions &options);

struct MachineSteps
{
    std::vector<double> end_time; // step ends, ascending, one per step of the fleet's grid
    std::vector<float> values;    // [step][feature]: per-machine normalised; NaN when no reading
};

struct Windows
{
    WindowOptions options; // as used: stats and test_from resolved
    TimeUnit time_unit = TimeUnit::Seconds;
    int history = 0;
    int features = 0;                       // per step
    std::vector<std::string> feature_names; // "vibration_rms.mean", ...
    std::vector<std::string> failure_modes;
    std::vector<std::string> machine_names;
    std::vector<Split> machine_split;
    std::vector<MachineSteps> steps; // per machine

    // Per feature, fitted on the training windows: x' = (x - mean) / scale.
    std::vector<float> feature_mean, feature_scale;

    // One entry per window.
    std::vector<std::int32_t> machine;
    std::vector<std::int32_t> end_step; // the window is steps (end_step - history, end_step]
    std::vector<double> time;           // prediction time t
    std::vector<Split> split;
    std::vector<std::int8_t> failure; // [window][mode], 1: fails in that mode within the horizon
    std::vector<float> rul;
    std::vector<std::int8_t> rul_observed;

    std::size_t size() const { return machine.size(); }
    std::size_t count(Split s) const;
    int modes() const { return int(failure_modes.size()); }
    // Window i as [history][features], standardised; a step with no reading, or before the
    // machine's first step, reads 0 (the training mean) with its missing share at 1.
    void copyWindow(std::size_t i, float *out) const;
};

// Throws std::invalid_argument for bad options, and std::runtime_error naming the problem
// for a fleet it cannot window (no machines, no sensors, a series out of time order).
Windows makeWindows(const Fleet &fleet, const WindowOptions &options);

// Features for a model without memory of the sequence (the XGBoost baseline): per step
// feature, over the window: the last value, the mean, the slope per step (least squares)
// and the maximum.
int summaryFeatureCount(const Windows &windows);
std::vector<std::string> summaryFeatureNames(const Windows &windows);
void summaryFeatures(const Windows &windows, std::size_t i, float *out);

// What a windowing gives, as one JSON object (`seekbench-cli pdm windows`): the options as
// used, the features, and per split the machines, windows, positives per failure mode and
// RULs observed, so a user sees before training whether each split has failures to learn
// and to score.
std::string windowSummaryJson(const Windows &windows);

} // namespace seekbench::pdm
