#include "seekbench/pdm/run_results.h"

#include "seekbench/pdm/pdm_dataset.h"
#include "seekbench/pdm/pdm_xgboost.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <stdexcept>

namespace seekbench::pdm {

namespace {

// The windows of each machine, in time order.
std::vector<std::vector<std::size_t>> windowsByMachine(const Windows &w)
{
    std::vector<std::vector<std::size_t>> by(w.machine_names.size());
    for (std::size_t i = 0; i < w.size(); ++i)
        by.at(std::size_t(w.machine[i])).push_back(i);
    for (auto &list : by)
        std::stable_sort(list.begin(), list.end(), [&](std::size_t a, std::size_t b) { return w.time[a] < w.time[b]; });
    return by;
}

float highestScore(const ModelOutputs &o, std::size_t window, std::int32_t *mode = nullptr)
{
    const float *s = o.scores.data() + window * std::size_t(o.modes);
    const auto best = std::max_element(s, s + o.modes);
    if (mode)
        *mode = std::int32_t(best - s);
    return *best;
}

std::vector<float> slice(const std::vector<float> &v, std::size_t row, int width)
{
    if (v.empty() || width <= 0)
        return {};
    return {v.begin() + std::ptrdiff_t(row * std::size_t(width)),
            v.begin() + std::ptrdiff_t((row + 1) * std::size_t(width))};
}

// The highest of each of at most kSparkPoints equal runs of the machine's windows.
std::vector<float> spark(const ModelOutputs &o, const std::vector<std::size_t> &windows)
{
    std::vector<float> out;
    const std::size_t n = windows.size(), points = std::min<std::size_t>(n, kSparkPoints);
    for (std::size_t p = 0; p < points; ++p) {
        const std::size_t from = p * n / points, to = (p + 1) * n / points;
        float best = 0;
        for (std::size_t k = from; k < to; ++k)
            best = std::max(best, highestScore(o, windows[k]));
        out.push_back(best);
    }
    return out;
}

} // namespace

std::vector<std::string> attentionSensors(const Windows &w)
{
    const int perSensor = w.options.stats == StepStats::Mean ? 2 : 4;
    std::vector<std::string> names;
    for (std::size_t k = 0; k + 1 <= w.feature_names.size(); k += std::size_t(perSensor)) {
        const std::string &f = w.feature_names[k];
        names.push_back(f.substr(0, f.rfind('.')));
    }
    return names;
}

RunResults runResults(const Windows &w, const std::vector<FailureEvent> &failures, const ModelOutputs &o,
                      const std::vector<double> &thresholds, double min_lead, const PdmXgboost &explained,
                      const WindowFeatureTable &table, const PolicySettings &settings)
{
    if (o.windows != std::int64_t(w.size()) || o.modes != w.modes()
        || o.scores.size() != w.size() * std::size_t(w.modes()))
        throw std::invalid_argument("run results: the model outputs are not of these windows");
    if (thresholds.size() != std::size_t(w.modes()))
        throw std::invalid_argument("run results: " + std::to_string(thresholds.size()) + " thresholds for "
                                    + std::to_string(w.modes()) + " failure modes");
    if (table.rows != w.size())
        throw std::invalid_argument("run results: the feature table is not of these windows");
    RunResults r;
    r.unit = w.time_unit;
    r.step = w.options.step;
    r.horizon = w.options.horizon;
    r.min_lead = min_lead;
    r.history = w.history;
    r.sensors = attentionSensors(w);
    r.modes = w.failure_modes;
    r.thresholds = thresholds;

    const auto by = windowsByMachine(w);
    std::map<std::pair<std::int32_t, double>, std::size_t> windowAt; // (machine, time) -> window
    for (std::size_t i = 0; i < w.size(); ++i)
        windowAt.emplace(std::make_pair(w.machine[i], w.time[i]), i);

    AlertOptions a;
    a.thresholds = thresholds;
    a.min_lead = min_lead;
    a.time_unit = w.time_unit;
    std::vector<Alert> testAlerts;
    for (Split split : {Split::Train, Split::Validation, Split::Test}) {
        a.split = split;
        for (const Alert &alert : raiseAlerts(w, o.scores, failures, a)) {
            if (split == Split::Test)
                testAlerts.push_back(alert);
            AlertRecord rec;
            rec.alert = alert;
            rec.split = split;
            rec.threshold = thresholds[std::size_t(alert.mode)];
            if (alert.isTrue())
                rec.failure_time = failures[std::size_t(alert.failure)].time;
            const auto at = windowAt.find({alert.machine, alert.time});
            if (at != windowAt.end()) {
                rec.window = std::int64_t(at->second);
                rec.temporal = slice(o.temporal, at->second, o.history);
                rec.sensor = slice(o.sensor, at->second, o.sensors);
                rec.explanation = explained.explain(table, at->second, alert.mode);
            }
            r.alerts.push_back(std::move(rec));
        }
    }
    std::stable_sort(r.alerts.begin(), r.alerts.end(), [](const AlertRecord &x, const AlertRecord &y) {
        return std::tie(x.alert.machine, x.alert.mode, x.alert.time)
               < std::tie(y.alert.machine, y.alert.mode, y.alert.time);
    });

    for (std::size_t m = 0; m < w.machine_names.size(); ++m) {
        const std::vector<std::size_t> &list = by[m];
        MachineHealth h;
        h.machine = std::int32_t(m);
        h.name = w.machine_names[m];
        h.split = w.machine_split[m];
        h.windows = std::int64_t(list.size());
        MachineScores s;
        s.machine = std::int32_t(m);
        for (std::size_t i : list) {
            s.time.push_back(w.time[i]);
            s.scores.insert(s.scores.end(), o.scores.begin() + std::ptrdiff_t(i * std::size_t(o.modes)),
                            o.scores.begin() + std::ptrdiff_t((i + 1) * std::size_t(o.modes)));
            s.rul.push_back(o.rul.empty() ? std::nanf("") : o.rul[i]);
            s.split.push_back(std::int8_t(w.split[i]));
            h.peak_risk = std::max(h.peak_risk, highestScore(o, i));
        }
        if (!list.empty()) {
            const std::size_t last = list.back();
            h.last_time = w.time[last];
            h.risk = highestScore(o, last, &h.risk_mode);
            h.rul = o.rul.empty() ? std::nanf("") : o.rul[last];
            h.temporal = slice(o.temporal, last, o.history);
            h.sensor = slice(o.sensor, last, o.sensors);
        }
        h.spark = spark(o, list);
        h.failures = int(std::count_if(failures.begin(), failures.end(),
                                       [&](const FailureEvent &f) { return f.machine == std::int32_t(m); }));
        h.alerts = int(std::count_if(r.alerts.begin(), r.alerts.end(),
                                     [&](const AlertRecord &x) { return x.alert.machine == std::int32_t(m); }));
        r.machines.push_back(std::move(h));
        r.scores.push_back(std::move(s));
    }
    r.replay = policyReplayOf(w, failures, testAlerts, settings);
    return r;
}

} // namespace seekbench::pdm
