#include "seekbench/aml/metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>

namespace seekbench::aml {

namespace {
std::vector<std::size_t> ranked(const std::vector<float> &scores, const std::vector<std::int8_t> &labels)
{
    std::vector<std::size_t> idx;
    idx.reserve(scores.size());
    for (std::size_t i = 0; i < scores.size(); ++i)
        if (labels[i] == 0 || labels[i] == 1)
            idx.push_back(i);
    std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
    return idx;
}
} // namespace

std::vector<CurvePoint> operatingCurve(const std::vector<float> &scores, const std::vector<std::int8_t> &labels)
{
    const auto idx = ranked(scores, labels);
    std::int64_t pos = 0, neg = 0;
    for (auto i : idx)
        (labels[i] == 1 ? pos : neg)++;
    std::vector<CurvePoint> curve;
    std::int64_t tp = 0, fp = 0;
    for (std::size_t k = 0; k < idx.size(); ++k) {
        (labels[idx[k]] == 1 ? tp : fp)++;
        if (k + 1 < idx.size() && scores[idx[k + 1]] == scores[idx[k]])
            continue; // one point per distinct threshold
        CurvePoint p;
        p.threshold = scores[idx[k]];
        p.alerts = tp + fp;
        p.truePositives = tp;
        p.falsePositives = fp;
        p.precision = double(tp) / double(tp + fp);
        p.recall = pos ? double(tp) / double(pos) : 0;
        p.fpr = neg ? double(fp) / double(neg) : 0;
        curve.push_back(p);
    }
    return curve;
}

std::vector<CurvePoint> thinCurve(const std::vector<CurvePoint> &curve, std::size_t maxPoints)
{
    if (curve.size() <= maxPoints || maxPoints < 2)
        return curve;
    std::vector<CurvePoint> out{curve.front()};
    const double step = 2.0 / double(maxPoints - 2);
    for (std::size_t i = 1; i + 1 < curve.size(); ++i) {
        const auto &last = out.back();
        if (std::abs(curve[i].recall - last.recall) + std::abs(curve[i].fpr - last.fpr) * 4 >= step)
            out.push_back(curve[i]);
    }
    out.push_back(curve.back());
    return out;
}

double prAuc(const std::vector<float> &scores, const std::vector<std::int8_t> &labels)
{
    const auto curve = operatingCurve(scores, labels);
    double ap = 0, lastRecall = 0;
    for (const auto &p : curve) {
        ap += (p.recall - lastRecall) * p.precision;
        lastRecall = p.recall;
    }
    return ap;
}

double rocAuc(const std::vector<float> &scores, const std::vector<std::int8_t> &labels)
{
    const auto curve = operatingCurve(scores, labels);
    if (curve.empty() || curve.back().recall == 0 || curve.back().fpr == 0)
        return 0.5;
    double auc = 0, r0 = 0, f0 = 0;
    for (const auto &p : curve) {
        auc += (p.fpr - f0) * (p.recall + r0) / 2; // trapezoids count ties half
        r0 = p.recall;
        f0 = p.fpr;
    }
    return auc;
}

CurvePoint recallAtFpr(const std::vector<CurvePoint> &curve, double fpr)
{
    CurvePoint best;
    best.threshold = curve.empty() ? 1.0 : curve.front().threshold;
    for (const auto &p : curve)
        if (p.fpr <= fpr + 1e-12 && p.recall >= best.recall)
            best = p;
    return best;
}

ThresholdChoice tuneThreshold(const std::vector<CurvePoint> &curve, std::int64_t positives,
                              const ThresholdPolicy &policy)
{
    ThresholdChoice c;
    const double days = std::max(policy.days, 1e-9);
    const double budget = policy.capacity_per_day * days;
    double bestCost = 0, bestUnbounded = 0;
    bool have = false, haveUnbounded = false;
    CurvePoint unbounded;
    for (const auto &p : curve) {
        const double cost = policy.cost_missed * double(positives - p.truePositives)
                            + policy.cost_false_alert * double(p.falsePositives);
        if (!haveUnbounded || cost < bestUnbounded) {
            bestUnbounded = cost;
            unbounded = p;
            haveUnbounded = true;
        }
        if (double(p.alerts) <= budget && (!have || cost < bestCost)) {
            bestCost = cost;
            c.point = p;
            have = true;
        }
    }
    if (!have && !curve.empty()) {
        c.point = curve.front();
        bestCost = policy.cost_missed * double(positives - c.point.truePositives)
                   + policy.cost_false_alert * double(c.point.falsePositives);
    }
    c.capacityBound = haveUnbounded && unbounded.alerts > c.point.alerts;
    c.expectedCost = bestCost;
    c.alertsPerDay = double(c.point.alerts) / days;
    // Precision of the top `budget` rows: the last point with alerts within budget.
    for (const auto &p : curve)
        if (double(p.alerts) <= budget)
            c.precisionAtCapacity = p.precision;
    return c;
}

ScoreEvaluation evaluateScores(const std::vector<float> &scores, const std::vector<std::int8_t> &labels, double fpr)
{
    ScoreEvaluation e;
    const auto curve = operatingCurve(scores, labels);
    e.prAuc = prAuc(scores, labels);
    e.rocAuc = rocAuc(scores, labels);
    e.atFpr = recallAtFpr(curve, fpr);
    for (auto l : labels) {
        e.rows += (l == 0 || l == 1);
        e.positives += (l == 1);
    }
    return e;
}

} // namespace seekbench::aml
