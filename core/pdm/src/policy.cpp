// Maintenance policy simulation (policy.h).

#include "seekbench/pdm/policy.h"
#include "seekbench/text/number_text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <tuple>

namespace seekbench::pdm {
namespace {

void require(bool ok, const char *field, double value, const char *allowed)
{
    if (!ok)
        throw std::invalid_argument(std::string("policy.") + field + " must be " + allowed + " (got "
                                    + shortNumber(value) + ")");
}

// One hour in the fleet's time unit.
double hourOf(TimeUnit unit, const PolicySettings &s)
{
    return unit == TimeUnit::Seconds ? 3600.0 : 1.0 / s.cycle_hours;
}

bool inPeriods(const FailureEvent &f, const std::vector<MachinePeriod> &periods)
{
    return std::any_of(periods.begin(), periods.end(), [&](const MachinePeriod &p) {
        return p.machine == f.machine && f.time >= p.from && f.time <= p.to;
    });
}

// Downtime and costs from the counts.
PolicyResult finish(PolicyResult r, const PolicySettings &s)
{
    r.unplanned_downtime_hours = r.failures * s.corrective_downtime_hours;
    r.planned_downtime_hours = r.planned_actions * s.planned_downtime_hours;
    r.downtime_hours = r.unplanned_downtime_hours + r.planned_downtime_hours;
    r.downtime_cost = r.unplanned_downtime_hours * s.unplanned_cost_per_hour
                      + r.planned_downtime_hours * s.planned_cost_per_hour;
    const int actions = r.failures + r.planned_actions;
    r.parts_cost = actions * s.parts_cost;
    r.crew_cost = actions * s.crew_cost;
    r.total_cost = r.downtime_cost + r.parts_cost + r.crew_cost;
    return r;
}

double reduction(double other, double predictive)
{
    return other != 0 ? (other - predictive) / other : std::numeric_limits<double>::quiet_NaN();
}

} // namespace

void validatePolicySettings(const PolicySettings &s)
{
    auto money = [](double v) { return std::isfinite(v) && v >= 0; };
    require(money(s.unplanned_cost_per_hour), "unplanned_cost_per_hour", s.unplanned_cost_per_hour, "0 or more");
    require(money(s.planned_cost_per_hour), "planned_cost_per_hour", s.planned_cost_per_hour, "0 or more");
    require(money(s.parts_cost), "parts_cost", s.parts_cost, "0 or more");
    require(money(s.crew_cost), "crew_cost", s.crew_cost, "0 or more");
    require(money(s.corrective_downtime_hours), "corrective_downtime_hours", s.corrective_downtime_hours,
            "0 or more hours");
    require(money(s.planned_downtime_hours), "planned_downtime_hours", s.planned_downtime_hours, "0 or more hours");
    require(s.crew_per_day >= 1, "crew_per_day", s.crew_per_day, "at least 1");
    require(money(s.response_hours), "response_hours", s.response_hours, "0 or more hours");
    require(std::isfinite(s.preventable_days) && s.preventable_days > 0, "preventable_days", s.preventable_days,
            "a positive number of days");
    require(!s.schedule_days.empty(), "schedule_days", 0, "a non-empty grid of intervals");
    for (double d : s.schedule_days)
        require(std::isfinite(d) && d > 0, "schedule_days", d, "positive numbers of days");
    require(std::isfinite(s.cycle_hours) && s.cycle_hours > 0, "cycle_hours", s.cycle_hours, "a positive number");
}

std::vector<MachinePeriod> replayPeriods(const Windows &w, Split split)
{
    std::vector<MachinePeriod> out;
    std::vector<int> slot(w.machine_names.size(), -1);
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (w.split[i] != split)
            continue;
        int &k = slot[std::size_t(w.machine[i])];
        if (k < 0) {
            k = int(out.size());
            out.push_back({w.machine[i], w.time[i], w.time[i]});
        }
        out[std::size_t(k)].from = std::min(out[std::size_t(k)].from, w.time[i]);
        out[std::size_t(k)].to = std::max(out[std::size_t(k)].to, w.time[i]);
    }
    for (MachinePeriod &p : out)
        p.to += w.options.horizon;
    std::sort(out.begin(), out.end(), [](auto &a, auto &b) { return a.machine < b.machine; });
    return out;
}

PolicyResult simulateReactive(const std::vector<MachinePeriod> &periods, const std::vector<FailureEvent> &failures,
                              const PolicySettings &settings)
{
    validatePolicySettings(settings);
    PolicyResult r;
    r.policy = "reactive";
    r.failures = int(
        std::count_if(failures.begin(), failures.end(), [&](const FailureEvent &f) { return inPeriods(f, periods); }));
    return finish(r, settings);
}

PolicyResult simulateFixedSchedule(const std::vector<MachinePeriod> &periods, const std::vector<FailureEvent> &failures,
                                   const PolicySettings &settings, TimeUnit unit, double interval_days)
{
    validatePolicySettings(settings);
    require(std::isfinite(interval_days) && interval_days > 0, "interval_days", interval_days,
            "a positive number of days");
    const double day = 24 * hourOf(unit, settings), T = interval_days * day, P = settings.preventable_days * day;
    PolicyResult r;
    r.policy = "fixed_schedule";
    r.interval_days = interval_days;
    for (const MachinePeriod &p : periods) {
        std::vector<double> actions;
        for (long j = 1; p.from + double(j) * T <= p.to; ++j)
            actions.push_back(p.from + double(j) * T);
        std::vector<char> useful(actions.size(), 0);
        for (const FailureEvent &f : failures) {
            if (f.machine != p.machine || f.time < p.from || f.time > p.to)
                continue;
            bool avoided = false;
            for (std::size_t a = 0; a < actions.size(); ++a)
                if (actions[a] >= f.time - P && actions[a] < f.time) {
                    avoided = true;
                    useful[a] = 1;
                }
            ++(avoided ? r.avoided_failures : r.failures);
        }
        r.planned_actions += int(actions.size());
        r.wasted_actions += int(std::count(useful.begin(), useful.end(), 0));
    }
    return finish(r, settings);
}

PolicyResult simulatePredictive(const std::vector<MachinePeriod> &periods, const std::vector<FailureEvent> &failures,
                                const std::vector<Alert> &alerts, const PolicySettings &settings, TimeUnit unit)
{
    validatePolicySettings(settings);
    for (const Alert &a : alerts)
        if (a.failure >= std::int32_t(failures.size()) || !std::isfinite(a.time) || std::isnan(a.score))
            throw std::invalid_argument("policy: an alert (machine " + std::to_string(a.machine)
                                        + ") names a failure or time the replay does not have");
    const double hour = hourOf(unit, settings), day = 24 * hour;
    std::vector<double> ready(alerts.size());
    for (std::size_t i = 0; i < alerts.size(); ++i)
        ready[i] = alerts[i].time + settings.response_hours * hour;
    std::vector<std::size_t> by_ready(alerts.size());
    std::iota(by_ready.begin(), by_ready.end(), std::size_t(0));
    std::stable_sort(by_ready.begin(), by_ready.end(), [&](auto a, auto b) { return ready[a] < ready[b]; });

    std::vector<char> avoided(failures.size(), 0);
    auto failedBetween = [&](const Alert &a, double x) {
        for (std::size_t k = 0; k < failures.size(); ++k)
            if (failures[k].machine == a.machine && !avoided[k] && failures[k].time >= a.time && failures[k].time <= x)
                return true;
        return false;
    };
    PolicyResult r;
    r.policy = "predictive";
    std::vector<std::size_t> pending;
    std::size_t next = 0;
    double D = 0; // the day index
    bool started = false;
    while (next < by_ready.size() || !pending.empty()) {
        if (pending.empty()) {
            const double d = std::ceil(ready[by_ready[next]] / day);
            D = started ? std::max(D, d) : d;
        }
        started = true;
        const double x = D * day;
        while (next < by_ready.size() && ready[by_ready[next]] <= x)
            pending.push_back(by_ready[next++]);
        pending.erase(std::remove_if(pending.begin(), pending.end(),
                                     [&](std::size_t i) { return failedBetween(alerts[i], x); }),
                      pending.end());
        std::stable_sort(pending.begin(), pending.end(), [&](std::size_t a, std::size_t b) {
            const Alert &p = alerts[a], &q = alerts[b];
            return std::make_tuple(-p.score, p.time, p.machine, p.mode)
                   < std::make_tuple(-q.score, q.time, q.machine, q.mode);
        });
        for (int crew = 0; crew < settings.crew_per_day && !pending.empty(); ++crew) {
            const std::int32_t machine = alerts[pending.front()].machine;
            bool useful = false;
            for (std::size_t i : pending) {
                const Alert &a = alerts[i];
                if (a.machine == machine && a.isTrue() && failures[std::size_t(a.failure)].time > x
                    && !avoided[std::size_t(a.failure)]) {
                    avoided[std::size_t(a.failure)] = 1;
                    useful = true;
                }
            }
            pending.erase(std::remove_if(pending.begin(), pending.end(),
                                         [&](std::size_t i) { return alerts[i].machine == machine; }),
                          pending.end());
            ++r.planned_actions;
            r.wasted_actions += useful ? 0 : 1;
        }
        D += 1;
    }
    for (std::size_t k = 0; k < failures.size(); ++k)
        if (inPeriods(failures[k], periods))
            ++(avoided[k] ? r.avoided_failures : r.failures);
    return finish(r, settings);
}

ScheduleTuning tuneFixedSchedule(const std::vector<MachinePeriod> &periods, const std::vector<FailureEvent> &failures,
                                 const PolicySettings &settings, TimeUnit unit)
{
    validatePolicySettings(settings);
    ScheduleTuning t;
    double best = std::numeric_limits<double>::infinity();
    for (double days : settings.schedule_days) {
        const double cost = simulateFixedSchedule(periods, failures, settings, unit, days).total_cost;
        t.interval_days.push_back(days);
        t.total_cost.push_back(cost);
        if (cost < best || (cost == best && days > t.chosen_days)) {
            best = cost;
            t.chosen_days = days;
        }
    }
    return t;
}

PolicyComparison comparePolicies(const Windows &windows, const std::vector<FailureEvent> &failures,
                                 const std::vector<Alert> &test_alerts, const PolicySettings &settings, TimeUnit unit)
{
    PolicyReplay replay = policyReplayOf(windows, failures, test_alerts, settings);
    replay.unit = unit;
    return replayPolicies(replay, settings);
}

PolicyReplay policyReplayOf(const Windows &windows, const std::vector<FailureEvent> &failures,
                            const std::vector<Alert> &test_alerts, const PolicySettings &settings)
{
    PolicyReplay r;
    r.unit = windows.time_unit;
    r.validation = replayPeriods(windows, Split::Validation);
    r.test = replayPeriods(windows, Split::Test);
    r.failures = failures;
    r.test_alerts = test_alerts;
    r.settings = settings;
    return r;
}

PolicyComparison replayPolicies(const PolicyReplay &replay, const PolicySettings &settings)
{
    validatePolicySettings(settings);
    PolicyComparison c;
    c.schedule_tuning = tuneFixedSchedule(replay.validation, replay.failures, settings, replay.unit);
    c.reactive = simulateReactive(replay.test, replay.failures, settings);
    c.fixed_schedule = simulateFixedSchedule(replay.test, replay.failures, settings, replay.unit,
                                             c.schedule_tuning.chosen_days);
    c.predictive = simulatePredictive(replay.test, replay.failures, replay.test_alerts, settings, replay.unit);
    c.downtime_reduction_vs_reactive = reduction(c.reactive.downtime_hours, c.predictive.downtime_hours);
    c.cost_reduction_vs_reactive = reduction(c.reactive.total_cost, c.predictive.total_cost);
    c.downtime_reduction_vs_fixed = reduction(c.fixed_schedule.downtime_hours, c.predictive.downtime_hours);
    c.cost_reduction_vs_fixed = reduction(c.fixed_schedule.total_cost, c.predictive.total_cost);
    return c;
}

namespace {

nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json resultJson(const PolicyResult &r)
{
    nlohmann::json j = {{"policy", r.policy},
                        {"failures", r.failures},
                        {"avoided_failures", r.avoided_failures},
                        {"planned_actions", r.planned_actions},
                        {"wasted_actions", r.wasted_actions},
                        {"unplanned_downtime_hours", r.unplanned_downtime_hours},
                        {"planned_downtime_hours", r.planned_downtime_hours},
                        {"downtime_hours", r.downtime_hours},
                        {"downtime_cost", r.downtime_cost},
                        {"parts_cost", r.parts_cost},
                        {"crew_cost", r.crew_cost},
                        {"total_cost", r.total_cost}};
    if (r.interval_days > 0)
        j["interval_days"] = r.interval_days;
    return j;
}

} // namespace

std::string policyComparisonJson(const PolicyComparison &c)
{
    nlohmann::json j = {{"schedule_tuning",
                         {{"interval_days", c.schedule_tuning.interval_days},
                          {"total_cost", c.schedule_tuning.total_cost},
                          {"chosen_days", c.schedule_tuning.chosen_days}}},
                        {"policies", {resultJson(c.reactive), resultJson(c.fixed_schedule), resultJson(c.predictive)}},
                        {"predictive_reduction",
                         {{"downtime_vs_reactive", number(c.downtime_reduction_vs_reactive)},
                          {"cost_vs_reactive", number(c.cost_reduction_vs_reactive)},
                          {"downtime_vs_fixed_schedule", number(c.downtime_reduction_vs_fixed)},
                          {"cost_vs_fixed_schedule", number(c.cost_reduction_vs_fixed)}}}};
    return j.dump(2);
}

} // namespace seekbench::pdm
