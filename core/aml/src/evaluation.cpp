#include "seekbench/aml/evaluation.h"

#include <algorithm>
#include <cstdio>

namespace seekbench::aml {

std::vector<float> HeldOut::scoresOf(const std::vector<float> &all) const
{
    std::vector<float> out;
    out.reserve(rows.size());
    for (auto r : rows)
        out.push_back(all[r]);
    return out;
}

HeldOut heldOut(const AmlData &data, double split)
{
    HeldOut h;
    for (std::size_t i = 0; i < data.tx.size(); ++i) {
        const auto label = data.tx.label[i];
        if (data.tx.time[i] >= split && (label == 0 || label == 1)) {
            h.rows.push_back(i);
            h.labels.push_back(label);
            h.positives += label == 1;
        }
    }
    return h;
}

double heldOutDays(const AmlData &data, double split)
{
    const double last = data.tx.time.empty() ? split : data.tx.time.back();
    return std::max(1.0, (last - split) / 86400.0);
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
    const HeldOut held = heldOut(data, o.split);
    const std::vector<float> scores = held.scoresOf(allScores);
    m.slices.push_back({"all", evaluateScores(scores, held.labels, o.fprTarget)});
    // A typology's laundering rows against every normal row.
    for (int t = 1; t < kTypologyCount; ++t) {
        std::vector<float> ts;
        std::vector<std::int8_t> tl;
        for (std::size_t k = 0; k < held.rows.size(); ++k) {
            if (held.labels[k] == 0 || data.tx.typology[held.rows[k]] == t) {
                ts.push_back(scores[k]);
                tl.push_back(held.labels[k]);
            }
        }
        const auto e = evaluateScores(ts, tl, o.fprTarget);
        if (e.positives > 0)
            m.slices.push_back({typologyName(t), e});
    }
    m.curve = operatingCurve(scores, held.labels);
    m.thinCurve = aml::thinCurve(m.curve, o.curvePoints);
    m.policy = o.policy;
    m.policy.days = heldOutDays(data, o.split);
    m.choice = tuneThreshold(m.curve, m.overall().positives, m.policy);

    const std::string p = o.model == "graph" ? "aml/" : "aml/" + o.model + "_";
    const auto &all = m.overall();
    m.metrics = {{p + "pr_auc", all.prAuc},
                 {p + "roc_auc", all.rocAuc},
                 {p + recallAtFprName(o.fprTarget), all.atFpr.recall},
                 {p + "precision_at_capacity", m.choice.precisionAtCapacity},
                 {p + "alerts_per_day", m.choice.alertsPerDay},
                 {p + "threshold", m.choice.point.threshold}};
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
    const double t = *manualThreshold;
    CurvePoint at;
    for (const auto &p : curve)
        if (p.threshold >= t)
            at = p;
    at.threshold = t;
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

std::vector<Alert> buildAlerts(const AmlData &data, const FeatureMatrix &features, double split,
                               const std::vector<float> &scores, double threshold, const std::vector<CurvePoint> &curve,
                               const SeverityCuts &cuts)
{
    // Reasons are measured against the normal transactions of the training months.
    std::vector<bool> normal(data.tx.size());
    for (std::size_t i = 0; i < data.tx.size(); ++i)
        normal[i] = data.tx.time[i] < split && data.tx.label[i] == 0;
    const auto stats = featureStats(features, normal);
    const auto acc = accountScores(data, scores);
    std::vector<Alert> out;
    for (std::size_t i = 0; i < data.tx.size(); ++i) {
        if (data.tx.time[i] < split || scores[i] < threshold)
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
