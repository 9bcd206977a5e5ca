// Threshold tuning and the plant's threshold rule (threshold_rule.h).

#include "seekbench/pdm/threshold_rule.h"
#include "seekbench/text/number_text.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace seekbench::pdm {
namespace {

std::vector<int> meanFeatures(const Windows &w)
{
    std::vector<int> out;
    const std::string suffix = ".mean";
    for (std::size_t f = 0; f < w.feature_names.size(); ++f) {
        const std::string &n = w.feature_names[f];
        if (n.size() > suffix.size() && n.compare(n.size() - suffix.size(), suffix.size(), suffix) == 0)
            out.push_back(int(f));
    }
    return out;
}

// Rank AUC (Mann-Whitney, ties averaged): P(positive value > negative value).
double rankAuc(const std::vector<float> &values, const std::vector<std::int8_t> &labels)
{
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return values[a] < values[b]; });
    double rank_sum = 0, positives = 0;
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j < order.size() && values[order[j]] == values[order[i]])
            ++j;
        const double rank = (double(i + 1) + double(j)) / 2; // average of ranks i+1 .. j
        for (std::size_t q = i; q < j; ++q)
            if (labels[order[q]] == 1) {
                rank_sum += rank;
                positives += 1;
            }
        i = j;
    }
    const double negatives = double(values.size()) - positives;
    if (positives == 0 || negatives == 0)
        return std::numeric_limits<double>::quiet_NaN();
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives);
}

} // namespace

ThresholdChoice tuneThresholds(const Windows &windows, const std::vector<float> &scores,
                               const std::vector<FailureEvent> &failures, const AlertOptions &options,
                               double target_precision, int max_candidates)
{
    if (!(target_precision >= 0 && target_precision <= 1))
        throw std::invalid_argument("threshold tuning: target precision must be in [0, 1] (got "
                                    + shortNumber(target_precision) + ")");
    if (max_candidates < 2)
        throw std::invalid_argument("threshold tuning: max_candidates must be at least 2 (got "
                                    + std::to_string(max_candidates) + ")");
    const std::size_t modes = std::size_t(windows.modes());
    if (modes > 0)
        sweepThresholds(windows, scores, failures, options, 0, {}); // validates the inputs, naming any problem
    ThresholdChoice c;
    for (std::size_t k = 0; k < modes; ++k) {
        std::vector<float> distinct;
        for (std::size_t i = 0; i < windows.size(); ++i)
            if (windows.split[i] == options.split)
                distinct.push_back(scores[i * modes + k]);
        std::sort(distinct.begin(), distinct.end());
        distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
        std::vector<double> candidates; // ascending
        const std::size_t n = distinct.size(), keep = std::size_t(max_candidates);
        for (std::size_t j = 0; j < std::min(n, keep); ++j)
            candidates.push_back(n <= keep ? distinct[j] : distinct[j * (n - 1) / (keep - 1)]);
        const float top = distinct.empty() ? 0.0f : distinct.back();
        candidates.push_back(std::nextafter(top, std::numeric_limits<float>::infinity()));

        struct Pick
        {
            double key = -1;
            const AlertMetrics *m = nullptr;
        } by_recall, by_f1;
        const std::vector<AlertMetrics> swept = sweepThresholds(windows, scores, failures, options, int(k), candidates);
        for (const AlertMetrics &m : swept) { // ascending: ">=" keeps the higher threshold on ties
            const double p = std::isnan(m.precision) ? 0.0 : m.precision, r = std::isnan(m.recall) ? 0.0 : m.recall;
            const double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0.0;
            if (m.alerts > 0 && p >= target_precision && r >= by_recall.key)
                by_recall = {r, &m};
            if (f1 >= by_f1.key)
                by_f1 = {f1, &m};
        }
        const AlertMetrics &chosen = by_recall.m ? *by_recall.m : *by_f1.m;
        c.thresholds.push_back(chosen.threshold);
        c.criterion.push_back(by_recall.m ? "recall_at_precision" : "f1");
        c.precision.push_back(chosen.precision);
        c.recall.push_back(chosen.recall);
    }
    return c;
}

float lastStepValue(const Windows &w, std::size_t i, int feature)
{
    const MachineSteps &ms = w.steps[std::size_t(w.machine[i])];
    const float v = ms.values[std::size_t(w.end_step[i]) * std::size_t(w.features) + std::size_t(feature)];
    return std::isnan(v) ? 0.0f : v;
}

ThresholdRule fitThresholdRule(const Windows &w)
{
    const std::vector<int> sensors = meanFeatures(w);
    if (sensors.empty())
        throw std::invalid_argument("threshold rule: the windows have no \".mean\" feature to threshold");
    const std::size_t modes = std::size_t(w.modes());
    std::vector<std::size_t> train;
    for (std::size_t i = 0; i < w.size(); ++i)
        if (w.split[i] == Split::Train)
            train.push_back(i);
    ThresholdRule r;
    for (std::size_t k = 0; k < modes; ++k) {
        std::vector<std::int8_t> labels;
        for (std::size_t i : train)
            labels.push_back(w.failure[i * modes + k]);
        int best = -1, direction = 1;
        double best_auc = std::numeric_limits<double>::quiet_NaN(), best_gap = -1;
        for (int f : sensors) {
            std::vector<float> values;
            for (std::size_t i : train)
                values.push_back(lastStepValue(w, i, f));
            const double auc = rankAuc(values, labels);
            if (std::isnan(auc))
                continue;
            if (std::abs(auc - 0.5) > best_gap) {
                best_gap = std::abs(auc - 0.5);
                best = f;
                best_auc = auc;
                direction = auc >= 0.5 ? 1 : -1;
            }
        }
        r.feature.push_back(best);
        r.sensor.push_back(best >= 0 ? w.feature_names[std::size_t(best)] : "any");
        r.direction.push_back(best >= 0 ? direction : 1);
        r.train_auc.push_back(best_auc);
    }
    return r;
}

std::vector<float> thresholdRuleScores(const Windows &w, const ThresholdRule &rule)
{
    const std::size_t modes = std::size_t(w.modes());
    if (rule.feature.size() != modes || rule.direction.size() != modes)
        throw std::invalid_argument("threshold rule: fitted for " + std::to_string(rule.feature.size())
                                    + " modes, the windows have " + std::to_string(modes));
    for (int f : rule.feature)
        if (f >= w.features)
            throw std::invalid_argument("threshold rule: feature " + std::to_string(f) + " is not one of the windows' "
                                        + std::to_string(w.features));
    const std::vector<int> sensors = meanFeatures(w);
    std::vector<float> out(w.size() * modes);
    for (std::size_t i = 0; i < w.size(); ++i) {
        float any = 0;
        for (int f : sensors)
            any = std::max(any, std::abs(lastStepValue(w, i, f)));
        for (std::size_t k = 0; k < modes; ++k) {
            const int f = rule.feature[k];
            out[i * modes + k] = f < 0 ? any : float(rule.direction[k]) * lastStepValue(w, i, f);
        }
    }
    return out;
}

} // namespace seekbench::pdm
