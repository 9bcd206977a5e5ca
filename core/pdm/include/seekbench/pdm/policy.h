#pragma once

// Maintenance policy simulation (issue 26): the recorded test period replayed per machine
// under three policies, with downtime and cost per policy. Pure functions of (periods,
// failures, alerts, settings); deterministic. Replaying recorded data cannot change it, so
// an action never changes what the sensors read afterwards; it only decides which of the
// recorded failures happen. Failures counted are those of a machine inside its period.
//
//  - reactive: run to failure. Each failure costs corrective_downtime_hours of unplanned
//    downtime, parts and crew.
//  - fixed schedule: a planned action on each machine every T days from its period's start
//    (period start + T, + 2T, ... up to the period's end), each costing planned downtime,
//    parts and crew. A failure at f is avoided when a scheduled action falls in its
//    PREVENTABLE WINDOW [f - preventable_days, f): the degradation is visible and fixable
//    that long before the failure, not earlier. T is tuned on the validation periods over
//    `schedule_days` to minimise total cost (ties: the longer interval), then replayed on test.
//  - predictive: act on the model's alerts. An alert can be acted on from its time +
//    response_hours. Crews act at the start of each day (day = 24 h of the fleet's clock;
//    days counted from time 0), at most crew_per_day actions a day across the fleet; the
//    alerts ready by then wait in a queue ordered by score (highest first; ties: earlier
//    alert, then lower machine). An alert whose machine has a failure between the alert and
//    the day's start is dropped: that failure happens (unplanned), and its corrective
//    repair serves the alert at no planned cost. An action on a machine serves every queued
//    alert of that machine raised by then, and avoids the failure each true one was matched
//    to, if it is still ahead. A false alert acted on costs a planned action for nothing.
//
// Time: for a fleet in seconds, days and hours are 86400 and 3600 seconds; for a fleet in
// cycles, one cycle counts as `cycle_hours` hours.

#include "seekbench/pdm/alert_metrics.h"
#include "seekbench/pdm/fleet.h"
#include "seekbench/pdm/windows.h"

#include <string>
#include <vector>

namespace seekbench::pdm {

struct PolicySettings
{
    double unplanned_cost_per_hour = 10000; // currency per hour of unplanned downtime
    double planned_cost_per_hour = 2000;    // currency per hour of planned downtime
    double parts_cost = 5000;               // per action, corrective or planned
    double crew_cost = 1500;                // per action, corrective or planned
    double corrective_downtime_hours = 24;  // per failure
    double planned_downtime_hours = 4;      // per planned action
    int crew_per_day = 2;                   // planned actions a day across the fleet (predictive)
    double response_hours = 8;              // from an alert to the earliest action (predictive)
    double preventable_days = 7;            // the preventable window before a failure (fixed schedule)
    std::vector<double> schedule_days = {7, 14, 30, 60, 90, 180}; // the fixed schedule's grid of T
    double cycle_hours = 1;                                       // hours a cycle, for fleets in cycles
};

// Throws std::invalid_argument naming the field, its value and what is allowed.
void validatePolicySettings(const PolicySettings &settings);

// A machine's replayed period [from, to], in the fleet's time unit.
struct MachinePeriod
{
    std::int32_t machine = 0;
    double from = 0, to = 0;
};

// Per machine with windows in `split`: from its first window's time to its last window's
// time + the horizon (what the windows' labels cover).
std::vector<MachinePeriod> replayPeriods(const Windows &windows, Split split);

struct PolicyResult
{
    std::string policy;       // "reactive" | "fixed_schedule" | "predictive"
    double interval_days = 0; // fixed schedule: T; 0 otherwise
    int failures = 0;         // failures that happened
    int avoided_failures = 0;
    int planned_actions = 0;
    int wasted_actions = 0; // planned actions that avoided nothing
    double unplanned_downtime_hours = 0, planned_downtime_hours = 0, downtime_hours = 0;
    double downtime_cost = 0, parts_cost = 0, crew_cost = 0, total_cost = 0;
};

PolicyResult simulateReactive(const std::vector<MachinePeriod> &periods, const std::vector<FailureEvent> &failures,
                              const PolicySettings &settings);
PolicyResult simulateFixedSchedule(const std::vector<MachinePeriod> &periods, const std::vector<FailureEvent> &failures,
                                   const PolicySettings &settings, TimeUnit unit, double interval_days);
// `alerts` as raiseAlerts gives them, with failures matched against the same `failures`.
PolicyResult simulatePredictive(const std::vector<MachinePeriod> &periods, const std::vector<FailureEvent> &failures,
                                const std::vector<Alert> &alerts, const PolicySettings &settings, TimeUnit unit);

struct ScheduleTuning
{
    std::vector<double> interval_days, total_cost; // the grid and each T's cost on the tuning periods
    double chosen_days = 0;
};
ScheduleTuning tuneFixedSchedule(const std::vector<MachinePeriod> &periods, const std::vector<FailureEvent> &failures,
                                 const PolicySettings &settings, TimeUnit unit);

struct PolicyComparison
{
    ScheduleTuning schedule_tuning; // on the validation periods
    PolicyResult reactive, fixed_schedule, predictive;
    // (other - predictive) / other: 0.45 reads "45% less"; NaN when the other is 0.
    double downtime_reduction_vs_reactive = 0, cost_reduction_vs_reactive = 0;
    double downtime_reduction_vs_fixed = 0, cost_reduction_vs_fixed = 0;
};

// Tunes T on the validation split's periods, replays the test split's periods under the
// three policies with `test_alerts` (raised on the test split).
PolicyComparison comparePolicies(const Windows &windows, const std::vector<FailureEvent> &failures,
                                 const std::vector<Alert> &test_alerts, const PolicySettings &settings, TimeUnit unit);

// Everything a comparison reads, without the windows: what a run keeps so that the policies
// can be replayed later with other settings (the desktop's policy view, `pdm simulate`).
struct PolicyReplay
{
    TimeUnit unit = TimeUnit::Seconds;
    std::vector<MachinePeriod> validation, test; // replayPeriods of each split
    std::vector<FailureEvent> failures;
    std::vector<Alert> test_alerts; // Alert::failure indexes `failures`
    PolicySettings settings;        // as the run was evaluated
};
PolicyReplay policyReplayOf(const Windows &windows, const std::vector<FailureEvent> &failures,
                            const std::vector<Alert> &test_alerts, const PolicySettings &settings);
// comparePolicies on a kept replay, with `settings` in place of the kept ones. Throws
// std::invalid_argument for bad settings (validatePolicySettings).
PolicyComparison replayPolicies(const PolicyReplay &replay, const PolicySettings &settings);

// As JSON, and back. Parsing treats the text as untrusted: std::invalid_argument naming the
// field and what is wrong (not JSON, a missing or mistyped field, a period that ends before
// it starts, an alert naming a failure that is not there, bad settings).
std::string policyReplayJson(const PolicyReplay &replay);
PolicyReplay parsePolicyReplay(const std::string &json);
std::string policySettingsJson(const PolicySettings &settings);
// Fields left out keep the value in `base`.
PolicySettings parsePolicySettings(const std::string &json, const PolicySettings &base = {});

std::string policyComparisonJson(const PolicyComparison &comparison);

} // namespace seekbench::pdm
