// Alerts and their scoring (alert_metrics.h).

#include "seekbench/pdm/alert_metrics.h"
#include "seekbench/text/number_text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <set>
#include <stdexcept>
#include <tuple>

namespace seekbench::pdm {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

[[noreturn]] void fail(const std::string &what) { throw std::invalid_argument("alert metrics: " + what); }

// What every computation on one split shares: its windows per machine in time order and the
// failures per machine.
struct SplitIndex
{
    std::vector<std::vector<std::size_t>> windows;   // [machine] -> window indices, by time
    std::vector<std::vector<std::int32_t>> failures; // [machine] -> failure indices, by time
};

void validate(const Windows &w, const std::vector<float> &scores, const std::vector<FailureEvent> &failures,
              const AlertOptions &o, bool need_thresholds)
{
    const std::size_t modes = std::size_t(w.modes());
    if (scores.size() != w.size() * modes)
        fail("scores hold " + std::to_string(scores.size())
             + " values, expected windows x modes = " + std::to_string(w.size()) + " x " + std::to_string(modes));
    for (std::size_t i = 0; i < scores.size(); ++i)
        if (std::isnan(scores[i]))
            fail("score is NaN at window " + std::to_string(i / modes) + ", mode " + std::to_string(i % modes));
    if (need_thresholds && o.thresholds.size() != modes)
        fail("thresholds hold " + std::to_string(o.thresholds.size()) + " values, expected one per mode ("
             + std::to_string(modes) + ")");
    if (need_thresholds && std::any_of(o.thresholds.begin(), o.thresholds.end(), [](double t) { return std::isnan(t); }))
        fail("a threshold is NaN");
    if (!(o.min_lead >= 0) || !std::isfinite(o.min_lead))
        fail("min_lead (L) must be 0 or more (got " + shortNumber(o.min_lead) + ")");
    if (!std::isnan(o.cooldown) && !(o.cooldown >= 0))
        fail("cooldown must be 0 or more (got " + shortNumber(o.cooldown) + ")");
    if (o.lead_bins < 1 || o.lead_bins > 1000)
        fail("lead_bins must be 1 to 1000 (got " + std::to_string(o.lead_bins) + ")");
    for (const FailureEvent &f : failures)
        if (f.machine < 0 || std::size_t(f.machine) >= w.machine_names.size() || f.mode < 0
            || std::size_t(f.mode) >= modes || !std::isfinite(f.time))
            fail("a failure names machine " + std::to_string(f.machine) + ", mode " + std::to_string(f.mode)
                 + ", which the windows do not have");
}

SplitIndex indexSplit(const Windows &w, const std::vector<FailureEvent> &failures, Split split)
{
    SplitIndex x;
    x.windows.resize(w.machine_names.size());
    x.failures.resize(w.machine_names.size());
    for (std::size_t i = 0; i < w.size(); ++i)
        if (w.split[i] == split)
            x.windows[std::size_t(w.machine[i])].push_back(i);
    for (auto &v : x.windows)
        std::stable_sort(v.begin(), v.end(), [&](std::size_t a, std::size_t b) { return w.time[a] < w.time[b]; });
    for (std::size_t k = 0; k < failures.size(); ++k)
        x.failures[std::size_t(failures[k].machine)].push_back(std::int32_t(k));
    for (auto &v : x.failures)
        std::stable_sort(v.begin(), v.end(),
                         [&](std::int32_t a, std::int32_t b) { return failures[a].time < failures[b].time; });
    return x;
}

std::vector<Alert> alertsOfMode(const Windows &w, const std::vector<float> &scores,
                                const std::vector<FailureEvent> &failures, const SplitIndex &x, int mode,
                                double threshold, double cooldown)
{
    const double horizon = w.options.horizon;
    const std::size_t modes = std::size_t(w.modes());
    std::vector<Alert> out;
    for (std::size_t m = 0; m < x.windows.size(); ++m) {
        bool open = false;
        Alert a;
        auto close = [&] {
            if (!open)
                return;
            for (std::int32_t k : x.failures[m]) {
                const FailureEvent &f = failures[std::size_t(k)];
                if (f.mode == mode && f.time >= a.time && f.time <= a.time + horizon) {
                    a.failure = k;
                    a.lead = f.time - a.time;
                    break;
                }
            }
            out.push_back(a);
            open = false;
        };
        for (std::size_t i : x.windows[m]) {
            const float s = scores[i * modes + std::size_t(mode)];
            if (s < threshold)
                continue;
            const double t = w.time[i];
            if (open) {
                const bool failed_between = std::any_of(x.failures[m].begin(), x.failures[m].end(), [&](auto k) {
                    const FailureEvent &f = failures[std::size_t(k)];
                    return f.mode == mode && f.time >= a.last_time && f.time < t;
                });
                if (failed_between || t - a.last_time > cooldown)
                    close();
            }
            if (!open) {
                a = Alert();
                a.machine = std::int32_t(m);
                a.mode = mode;
                a.time = t;
                a.score = s;
                open = true;
            }
            a.last_time = t;
            a.score = std::max(a.score, s);
        }
        close();
    }
    return out;
}

// Failures (indices) of `mode` (-1: any) that the split's windows could have seen.
std::vector<std::int32_t> seeableFailures(const Windows &w, const std::vector<FailureEvent> &failures,
                                          const SplitIndex &x, int mode)
{
    std::vector<std::int32_t> out;
    for (std::size_t m = 0; m < x.windows.size(); ++m)
        for (std::int32_t k : x.failures[m]) {
            const FailureEvent &f = failures[std::size_t(k)];
            if (mode >= 0 && f.mode != mode)
                continue;
            if (std::any_of(x.windows[m].begin(), x.windows[m].end(), [&](std::size_t i) {
                    return w.time[i] <= f.time && w.time[i] >= f.time - w.options.horizon;
                }))
                out.push_back(k);
        }
    return out;
}

double quantile(const std::vector<double> &sorted, double q)
{
    const double pos = q * double(sorted.size() - 1);
    const std::size_t lo = std::size_t(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (pos - double(lo)) * (sorted[hi] - sorted[lo]);
}

LeadTimeStats leadStats(const std::vector<Alert> &alerts, double horizon, int bins)
{
    LeadTimeStats s;
    std::vector<double> leads;
    for (const Alert &a : alerts)
        if (a.isTrue())
            leads.push_back(a.lead);
    std::sort(leads.begin(), leads.end());
    for (int b = 0; b <= bins; ++b)
        s.bin_edges.push_back(horizon * b / bins);
    s.bin_counts.assign(std::size_t(bins), 0);
    s.count = int(leads.size());
    if (leads.empty())
        return s;
    s.min = leads.front();
    s.max = leads.back();
    s.p25 = quantile(leads, 0.25);
    s.median = quantile(leads, 0.5);
    s.p75 = quantile(leads, 0.75);
    for (double l : leads)
        ++s.bin_counts[std::size_t(std::clamp(int(std::floor(l / horizon * bins)), 0, bins - 1))];
    return s;
}

// Counts of alerts against the seeable failures.
void score(AlertMetrics &m, const std::vector<Alert> &alerts, const std::vector<std::int32_t> &seeable, double L)
{
    m.alerts = int(alerts.size());
    std::set<std::int32_t> caught;
    for (const Alert &a : alerts) {
        m.true_alerts += a.isTrue() ? 1 : 0;
        m.timely_alerts += a.isTrue() && a.lead >= L ? 1 : 0;
        if (a.isTrue() && a.lead >= L)
            caught.insert(a.failure);
    }
    m.failures = int(seeable.size());
    m.caught_failures = int(std::count_if(seeable.begin(), seeable.end(), [&](auto k) { return caught.count(k); }));
    m.precision = m.alerts > 0 ? double(m.true_alerts) / m.alerts : kNaN;
    m.recall = m.failures > 0 ? double(m.caught_failures) / m.failures : kNaN;
}

double resolvedCooldown(const Windows &w, const AlertOptions &o)
{
    return std::isnan(o.cooldown) ? w.options.horizon : o.cooldown;
}

} // namespace

double cmapssScore(double d) { return d < 0 ? std::exp(-d / 13.0) - 1.0 : std::exp(d / 10.0) - 1.0; }

double averagePrecision(const std::vector<float> &scores, const std::vector<std::int8_t> &labels)
{
    const double positives = double(std::count(labels.begin(), labels.end(), std::int8_t(1)));
    if (positives == 0)
        return kNaN;
    std::vector<std::size_t> order(scores.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return scores[a] > scores[b]; });
    double ap = 0, tp = 0, seen = 0, last_recall = 0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        for (; j < order.size() && scores[order[j]] == scores[order[i]]; ++j) {
            tp += labels[order[j]] == 1 ? 1 : 0;
            seen += 1;
        }
        const double recall = tp / positives;
        ap += (recall - last_recall) * (tp / seen);
        last_recall = recall;
        i = j;
    }
    return ap;
}

std::vector<Alert> raiseAlerts(const Windows &windows, const std::vector<float> &scores,
                               const std::vector<FailureEvent> &failures, const AlertOptions &options)
{
    validate(windows, scores, failures, options, true);
    const SplitIndex x = indexSplit(windows, failures, options.split);
    std::vector<Alert> all;
    for (int k = 0; k < windows.modes(); ++k) {
        std::vector<Alert> a = alertsOfMode(windows, scores, failures, x, k, options.thresholds[std::size_t(k)],
                                            resolvedCooldown(windows, options));
        all.insert(all.end(), a.begin(), a.end());
    }
    std::stable_sort(all.begin(), all.end(), [](const Alert &a, const Alert &b) {
        return std::tie(a.machine, a.mode, a.time) < std::tie(b.machine, b.mode, b.time);
    });
    return all;
}

AlertEvaluation evaluateAlerts(const Windows &windows, const std::vector<float> &scores,
                               const std::vector<float> &predicted_rul, const std::vector<FailureEvent> &failures,
                               const AlertOptions &options)
{
    validate(windows, scores, failures, options, true);
    if (!predicted_rul.empty() && predicted_rul.size() != windows.size())
        fail("predicted RUL holds " + std::to_string(predicted_rul.size()) + " values, expected one per window ("
             + std::to_string(windows.size()) + ")");
    AlertEvaluation e;
    e.split = options.split;
    e.min_lead = options.min_lead;
    e.cooldown = resolvedCooldown(windows, options);
    e.horizon = windows.options.horizon;
    e.alerts = raiseAlerts(windows, scores, failures, options);
    const SplitIndex x = indexSplit(windows, failures, options.split);
    const std::size_t modes = std::size_t(windows.modes());

    std::vector<float> all_scores;
    std::vector<std::int8_t> all_labels;
    for (std::size_t k = 0; k < modes; ++k) {
        AlertMetrics m;
        m.mode = windows.failure_modes[k];
        m.threshold = options.thresholds[k];
        std::vector<Alert> mine;
        for (const Alert &a : e.alerts)
            if (std::size_t(a.mode) == k)
                mine.push_back(a);
        score(m, mine, seeableFailures(windows, failures, x, int(k)), options.min_lead);
        m.lead = leadStats(mine, e.horizon, options.lead_bins);
        std::vector<float> s;
        std::vector<std::int8_t> l;
        for (std::size_t i = 0; i < windows.size(); ++i)
            if (windows.split[i] == options.split) {
                s.push_back(scores[i * modes + k]);
                l.push_back(windows.failure[i * modes + k]);
            }
        m.windows = int(s.size());
        m.positive_windows = int(std::count(l.begin(), l.end(), std::int8_t(1)));
        m.pr_auc = averagePrecision(s, l);
        all_scores.insert(all_scores.end(), s.begin(), s.end());
        all_labels.insert(all_labels.end(), l.begin(), l.end());
        e.modes.push_back(std::move(m));
    }
    e.overall.mode = "overall";
    score(e.overall, e.alerts, seeableFailures(windows, failures, x, -1), options.min_lead);
    e.overall.lead = leadStats(e.alerts, e.horizon, options.lead_bins);
    e.overall.windows = int(windows.count(options.split));
    e.overall.positive_windows = int(std::count(all_labels.begin(), all_labels.end(), std::int8_t(1)));
    e.overall.pr_auc = averagePrecision(all_scores, all_labels);

    const bool hours = options.time_unit == TimeUnit::Seconds;
    e.rul.unit = hours ? "hours" : "cycles";
    if (!predicted_rul.empty()) {
        const double unit = hours ? 3600.0 : 1.0;
        double sq = 0, s = 0;
        for (std::size_t i = 0; i < windows.size(); ++i) {
            if (windows.split[i] != options.split || !windows.rul_observed[i])
                continue;
            if (std::isnan(predicted_rul[i]))
                fail("predicted RUL is NaN at window " + std::to_string(i));
            const double d = (double(predicted_rul[i]) - double(windows.rul[i])) / unit;
            sq += d * d;
            s += cmapssScore(d);
            ++e.rul.windows;
        }
        if (e.rul.windows > 0) {
            e.rul.rmse = std::sqrt(sq / e.rul.windows);
            e.rul.cmapss_score = s;
        }
    }
    return e;
}

std::vector<AlertMetrics> sweepThresholds(const Windows &windows, const std::vector<float> &scores,
                                          const std::vector<FailureEvent> &failures, const AlertOptions &options,
                                          int mode, const std::vector<double> &thresholds)
{
    validate(windows, scores, failures, options, false);
    if (mode < 0 || mode >= windows.modes())
        fail("mode " + std::to_string(mode) + " is not one of the windows' " + std::to_string(windows.modes()));
    const SplitIndex x = indexSplit(windows, failures, options.split);
    const std::vector<std::int32_t> seeable = seeableFailures(windows, failures, x, mode);
    std::vector<AlertMetrics> out;
    for (double t : thresholds) {
        AlertMetrics m;
        m.mode = windows.failure_modes[std::size_t(mode)];
        m.threshold = t;
        score(m, alertsOfMode(windows, scores, failures, x, mode, t, resolvedCooldown(windows, options)), seeable,
              options.min_lead);
        out.push_back(std::move(m));
    }
    return out;
}

namespace {

nlohmann::json number(double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); }

nlohmann::json metricsJson(const AlertMetrics &m)
{
    const LeadTimeStats &l = m.lead;
    nlohmann::json lead = {{"count", l.count}, {"bin_edges", l.bin_edges}, {"bin_counts", l.bin_counts}};
    const char *quantiles[] = {"min", "p25", "median", "p75", "max"};
    const double quantile_values[] = {l.min, l.p25, l.median, l.p75, l.max};
    for (int q = 0; q < 5; ++q)
        lead[quantiles[q]] = number(quantile_values[q]);
    nlohmann::json j = {{"mode", m.mode}, {"lead", lead}};
    const char *counts[] = {"alerts",          "true_alerts", "timely_alerts",   "failures",
                            "caught_failures", "windows",     "positive_windows"};
    const int count_values[] = {m.alerts,          m.true_alerts, m.timely_alerts,   m.failures,
                                m.caught_failures, m.windows,     m.positive_windows};
    for (int c = 0; c < 7; ++c)
        j[counts[c]] = count_values[c];
    const char *ratios[] = {"threshold", "precision", "recall_at_lead", "pr_auc"};
    const double ratio_values[] = {m.threshold, m.precision, m.recall, m.pr_auc};
    for (int r = 0; r < 4; ++r)
        j[ratios[r]] = number(ratio_values[r]);
    return j;
}

} // namespace

std::string alertEvaluationJson(const AlertEvaluation &e)
{
    nlohmann::json modes = nlohmann::json::array();
    for (const AlertMetrics &m : e.modes)
        modes.push_back(metricsJson(m));
    const nlohmann::json rul = {{"unit", e.rul.unit},
                                {"windows", e.rul.windows},
                                {"rmse", number(e.rul.rmse)},
                                {"cmapss_score", number(e.rul.cmapss_score)}};
    return nlohmann::json{{"split", splitName(e.split)},
                          {"min_lead", e.min_lead},
                          {"cooldown", e.cooldown},
                          {"horizon", e.horizon},
                          {"modes", modes},
                          {"overall", metricsJson(e.overall)},
                          {"rul", rul}}
        .dump(2);
}

} // namespace seekbench::pdm
