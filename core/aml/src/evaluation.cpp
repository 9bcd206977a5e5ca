#include "seekbench/aml/evaluation.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <stdexcept>

namespace seekbench::aml {

std::vector<float> HeldOut::scoresOf(const std::vector<float> &all) const
{
    std::vector<float> out;
    out.reserve(rows.size());
    for (auto r : rows)
        out.push_back(all[r]);
    return out;
}

HeldOut heldOut(const AmlData &data, double from, double to)
{
    HeldOut h;
    for (std::size_t i = 0; i < data.tx.size(); ++i) {
        const auto label = data.tx.label[i];
        const double t = data.tx.time[i];
        if (t >= from && t < to && (label == 0 || label == 1)) {
            h.rows.push_back(i);
            h.labels.push_back(label);
            h.positives += label == 1;
        }
    }
    return h;
}

namespace {
std::pair<double, double> bounds(const AmlPeriods &p, AmlPeriod period)
{
    const double inf = std::numeric_limits<double>::infinity();
    switch (period) {
    case AmlPeriod::Train: return {-inf, p.validationStart};
    case AmlPeriod::Validation: return {p.validationStart, p.testStart};
    case AmlPeriod::Test: break;
    }
    return {p.testStart, inf};
}
} // namespace

HeldOut periodRows(const AmlData &data, const AmlPeriods &periods, AmlPeriod period)
{
    const auto [from, to] = bounds(periods, period);
    return heldOut(data, from, to);
}

double heldOutDays(const AmlData &data, double from, double to)
{
    double last = from;
    for (std::size_t i = data.tx.size(); i-- > 0;)
        if (data.tx.time[i] < to) {
            last = data.tx.time[i];
            break;
        }
    if (std::isfinite(to) && !data.tx.time.empty() && data.tx.time.back() >= to)
        last = to; // the data goes on past the period: it covers all of it
    return std::max(1.0, (last - from) / 86400.0);
}

double periodDays(const AmlData &data, const AmlPeriods &periods, AmlPeriod period)
{
    const auto [from, to] = bounds(periods, period);
    return heldOutDays(data, std::isfinite(from) ? from : (data.tx.time.empty() ? 0 : data.tx.time.front()), to);
}

CurvePoint pointAt(const std::vector<CurvePoint> &curve, double threshold)
{
    CurvePoint at;
    for (const auto &p : curve)
        if (p.threshold >= threshold)
            at = p;
    at.threshold = threshold;
    return at;
}

std::string recallAtFprName(double fpr)
{
    char buf[64];
    std::snprintf(buf, sizeof buf, "%g", fpr * 100);
    std::string s = buf;
    std::replace(s.begin(), s.end(), '.', '_');
    return "recall_at_fpr_" + s;
}

const char *severity(double precision, const SeverityCuts &cuts)
{
    return precision >= cuts.high ? "high" : precision >= cuts.medium ? "medium" : "low";
}

ModelEvaluation evaluateModel(const AmlData &data, const std::vector<float> &allScores, const EvaluationOptions &o)
{
    ModelEvaluation m;
    m.model = o.model;
    m.fprTarget = o.fprTarget;
    const HeldOut val = periodRows(data, o.periods, AmlPeriod::Validation);
    const HeldOut test = periodRows(data, o.periods, AmlPeriod::Test);
    auto refuse = [&](const char *period) {
        throw std::invalid_argument(std::string("the ") + period + " months have no labelled transactions (the data has "
                                    + std::to_string(o.periods.months) + " months; aml.validation_months "
                                    + std::to_string(o.periods.validationMonths) + ", aml.test_months "
                                    + std::to_string(o.periods.testMonths) + ")");
    };
    if (val.rows.empty())
        refuse("validation");
    if (test.rows.empty())
        refuse("test");

    // The validation months choose the thresholds.
    const std::vector<float> valScores = val.scoresOf(allScores);
    m.validation = evaluateScores(valScores, val.labels, o.fprTarget);
    m.validationCurve = operatingCurve(valScores, val.labels);
    m.validationThinCurve = aml::thinCurve(m.validationCurve, o.curvePoints);
    m.validationPolicy = o.policy;
    m.validationPolicy.days = periodDays(data, o.periods, AmlPeriod::Validation);
    m.validationChoice = tuneThreshold(m.validationCurve, val.positives, m.validationPolicy);
    m.fprThreshold = m.validation.atFpr.threshold;

    // The test months report, at those thresholds.
    const std::vector<float> scores = test.scoresOf(allScores);
    auto sliceAt = [&](const std::vector<float> &ts, const std::vector<std::int8_t> &tl) {
        ScoreEvaluation e = evaluateScores(ts, tl, o.fprTarget);
        e.atFpr = pointAt(operatingCurve(ts, tl), m.fprThreshold);
        return e;
    };
    m.slices.push_back({"all", sliceAt(scores, test.labels)});
    // A typology's laundering rows against every normal row.
    for (int t = 1; t < kTypologyCount; ++t) {
        std::vector<float> ts;
        std::vector<std::int8_t> tl;
        for (std::size_t k = 0; k < test.rows.size(); ++k) {
            if (test.labels[k] == 0 || data.tx.typology[test.rows[k]] == t) {
                ts.push_back(scores[k]);
                tl.push_back(test.labels[k]);
            }
        }
        const auto e = sliceAt(ts, tl);
        if (e.positives > 0)
            m.slices.push_back({typologyName(t), e});
    }
    m.curve = operatingCurve(scores, test.labels);
    m.thinCurve = aml::thinCurve(m.curve, o.curvePoints);
    m.policy = o.policy;
    m.policy.days = periodDays(data, o.periods, AmlPeriod::Test);
    m.choice = chooseOperatingPoint(m.curve, test.positives, m.policy, m.validationChoice.point.threshold);
    m.choice.capacityBound = m.validationChoice.capacityBound;

    const std::string p = o.model == "graph" ? "aml/" : "aml/" + o.model + "_";
    const auto &all = m.overall();
    m.metrics = {{p + "pr_auc", all.prAuc},
                 {p + "roc_auc", all.rocAuc},
                 {p + recallAtFprName(o.fprTarget), all.atFpr.recall},
                 {p + "fpr_at_fpr_threshold", all.atFpr.fpr},
                 {p + "precision_at_capacity", m.choice.precisionAtCapacity},
                 {p + "alerts_per_day", m.choice.alertsPerDay},
                 {p + "threshold", m.choice.point.threshold},
                 {p + "validation_pr_auc", m.validation.prAuc},
                 {p + "validation_" + recallAtFprName(o.fprTarget), m.validation.atFpr.recall},
                 {p + "validation_precision_at_capacity", m.validationChoice.precisionAtCapacity}};
    return m;
}

ThresholdChoice chooseOperatingPoint(const std::vector<CurvePoint> &curve, std::int64_t positives,
                                     const ThresholdPolicy &policy, std::optional<double> manualThreshold)
{
    ThresholdChoice choice = tuneThreshold(curve, positives, policy);
    if (!manualThreshold)
        return choice;
    // The figures of the lowest curve threshold still at or above the manual one: the
    // rows that threshold alerts on.
    const CurvePoint at = pointAt(curve, *manualThreshold);
    choice.point = at;
    choice.alertsPerDay = double(at.alerts) / policy.days;
    choice.expectedCost = policy.cost_missed * double(positives - at.truePositives)
                          + policy.cost_false_alert * double(at.falsePositives);
    return choice;
}

std::vector<float> accountScores(const AmlData &data, const std::vector<float> &scores)
{
    std::vector<float> acc(data.accounts.size(), 0.0f);
    for (std::size_t i = 0; i < data.tx.size(); ++i) {
        auto &s = acc[std::size_t(data.tx.sender[i])];
        s = std::max(s, scores[i]);
        auto &r = acc[std::size_t(data.tx.receiver[i])];
        r = std::max(r, scores[i]);
    }
    return acc;
}

std::vector<Alert> buildAlerts(const AmlData &data, const FeatureMatrix &features, const AmlPeriods &periods,
                               const std::vector<float> &scores, double threshold, const std::vector<CurvePoint> &curve,
                               const SeverityCuts &cuts)
{
    // Reasons are measured against the normal transactions of the training months.
    std::vector<bool> normal(data.tx.size());
    for (std::size_t i = 0; i < data.tx.size(); ++i)
        normal[i] = periods.of(data.tx.time[i]) == AmlPeriod::Train && data.tx.label[i] == 0;
    const auto stats = featureStats(features, normal);
    const auto acc = accountScores(data, scores);
    std::vector<Alert> out;
    for (std::size_t i = 0; i < data.tx.size(); ++i) {
        if (periods.of(data.tx.time[i]) != AmlPeriod::Test || scores[i] < threshold)
            continue;
        double precision = 0;
        for (const auto &p : curve)
            if (p.threshold >= scores[i])
                precision = p.precision; // the last point still at or above this score
        Alert a;
        a.row = i;
        a.txId = data.tx.id[i];
        a.accountId = data.tx.sender[i] + 1;
        a.score = scores[i];
        a.threshold = threshold;
        a.severity = severity(precision, cuts);
        a.reasons = reasonCodes(features, i, stats, {}, 3);
        const auto r = std::size_t(data.tx.receiver[i]);
        char risk[32];
        std::snprintf(risk, sizeof risk, "%.3f", double(acc[r]));
        a.reasons.push_back("NEIGHBOUR: receiver " + data.accounts.name[r] + " has account risk " + risk);
        out.push_back(std::move(a));
    }
    std::stable_sort(out.begin(), out.end(), [](const Alert &x, const Alert &y) { return x.score > y.score; });
    return out;
}

} // namespace seekbench::aml
