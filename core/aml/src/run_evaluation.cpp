#include "seekbench/aml/run_evaluation.h"

#include "seekbench/aml/features.h"
#include "seekbench/aml/xgb_baseline.h"
#include "seekbench/text/terminal_text.h"

#include <algorithm>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <map>

namespace seekbench::aml {

EvaluationOptions evaluationOptions(const RunConfig &config, const AmlData &data, const std::string &model)
{
    EvaluationOptions o;
    o.model = model;
    o.periods = amlPeriods(data, config.aml);
    o.fprTarget = config.aml.fpr_target;
    o.policy.capacity_per_day = config.aml.capacity_per_day;
    o.policy.cost_missed = config.aml.cost_missed;
    o.policy.cost_false_alert = config.aml.cost_false_alert;
    return o;
}

SeverityCuts severityCuts(const AmlConfig &config) { return {config.severity_high, config.severity_medium}; }

RunEvaluation evaluateRun(const RunConfig &config, const AmlData &data, std::vector<float> graphScores,
                          const std::filesystem::path &xgbModelFile)
{
    const auto features = computeFeatures(data);
    const AmlPeriods periods = amlPeriods(data, config.aml);
    // The baseline learns from the same training months as the graph model.
    std::vector<bool> trainMask(data.tx.size());
    for (std::size_t i = 0; i < data.tx.size(); ++i)
        trainMask[i] = periods.of(data.tx.time[i]) == AmlPeriod::Train;
    XgbOptions xo;
    xo.rounds = config.aml.xgb_rounds;
    xo.max_depth = config.aml.xgb_max_depth;
    xo.seed = config.training.seed;
    xo.threads = std::max(1, config.training.threads);
    XgbResult xgb = trainXgbBaseline(features, data.tx.label, trainMask, xo, xgbModelFile);

    RunEvaluation run;
    run.periods = periods;
    run.models.push_back({std::move(graphScores), {}, {}});
    run.models.push_back({std::move(xgb.scores), {}, {}});
    for (auto &m : run.models) {
        const std::string name = &m == &run.models.front() ? "graph" : "xgboost";
        m.accountScores = accountScores(data, m.scores);
        m.evaluation = evaluateModel(data, m.scores, evaluationOptions(config, data, name));
        run.metrics.insert(m.evaluation.metrics.begin(), m.evaluation.metrics.end());
    }
    const ScoredModel &graph = run.models.front();
    run.alerts = buildAlerts(data, features, periods, graph.scores, graph.evaluation.choice.point.threshold,
                             graph.evaluation.validationCurve, severityCuts(config.aml));
    run.metrics["aml/xgb_train_seconds"] = xgb.trainSeconds;
    return run;
}

AlertOptions alertOptions(const RunConfig &config, const AmlData &data)
{
    const EvaluationOptions e = evaluationOptions(config, data, "graph");
    AlertOptions a;
    a.periods = e.periods;
    a.fprTarget = e.fprTarget;
    a.policy = e.policy;
    a.cuts = severityCuts(config.aml);
    return a;
}

AlertReview reviewAlerts(const AmlData &data, const FeatureMatrix &features, const std::vector<float> &scores,
                         const AlertOptions &o)
{
    AlertReview r;
    // The validation months choose the thresholds (unless the caller gives one) ...
    const HeldOut val = periodRows(data, o.periods, AmlPeriod::Validation);
    r.validationPolicy = o.policy;
    r.validationPolicy.days = periodDays(data, o.periods, AmlPeriod::Validation);
    r.validationCurve = operatingCurve(val.scoresOf(scores), val.labels);
    const ThresholdChoice tuned = tuneThreshold(r.validationCurve, val.positives, r.validationPolicy);
    const double threshold = o.threshold ? *o.threshold : tuned.point.threshold;
    // ... the test months show what they do.
    const HeldOut test = periodRows(data, o.periods, AmlPeriod::Test);
    r.positives = test.positives;
    r.policy = o.policy;
    r.policy.days = periodDays(data, o.periods, AmlPeriod::Test);
    r.curve = operatingCurve(test.scoresOf(scores), test.labels);
    r.choice = chooseOperatingPoint(r.curve, r.positives, r.policy, threshold);
    r.choice.capacityBound = !o.threshold && tuned.capacityBound;
    r.manualThreshold = o.threshold.has_value();
    r.fprTarget = o.fprTarget;
    r.atFpr = pointAt(r.curve, recallAtFpr(r.validationCurve, o.fprTarget).threshold);
    r.alerts = buildAlerts(data, features, o.periods, scores, r.choice.point.threshold, r.validationCurve, o.cuts);
    return r;
}

replies::AmlAlertsReply alertsReply(const std::string &runId, const std::string &model, const AlertReview &review,
                                    std::vector<replies::AmlAlertItem> listed, std::size_t curvePoints)
{
    replies::AmlAlertsReply r;
    r.run = runId;
    r.model = model;
    r.figuresPeriod = "test";
    r.thresholdPeriod = review.manualThreshold ? "manual" : "validation";
    r.days = review.policy.days;
    r.positives = review.positives;
    const ThresholdChoice &c = review.choice;
    r.operatingPoint = {c.point.threshold, c.point.precision, c.point.recall,  c.point.fpr,
                        c.alertsPerDay,    c.expectedCost,    c.capacityBound, c.precisionAtCapacity};
    r.recallAtFpr = {review.fprTarget, review.atFpr.recall, review.atFpr.threshold, review.atFpr.fpr};
    for (const CurvePoint &p : thinCurve(review.curve, curvePoints))
        r.curve.push_back({p.threshold, p.precision, p.recall, p.fpr, p.alerts});
    r.alertsTotal = std::int64_t(review.alerts.size());
    r.alerts = std::move(listed);
    return r;
}

namespace {

// printf into a string.
void appendf(std::string &out, const char *format, ...)
{
    char buf[512];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    out += buf;
}

// "2.1" for an FPR target of 0.021.
std::string percent(double fpr)
{
    std::string s;
    appendf(s, "%g", fpr * 100);
    return s;
}

} // namespace

std::string modelComparisonTable(const RunEvaluation &run, const RunConfig &config)
{
    std::map<std::string, std::map<std::string, ScoreEvaluation>> table;
    for (const auto &m : run.models)
        for (const auto &slice : m.evaluation.slices)
            table[slice.typology][m.evaluation.model] = slice.figures;
    std::string out;
    const AmlPeriods &p = run.periods;
    appendf(out,
            "\nperiods: training %d month(s) to %s; validation %d month(s) from %s (thresholds tuned); "
            "test %d month(s) from %s (reported below)\n",
            p.trainMonths, formatTimestamp(p.validationStart).c_str(), p.validationMonths,
            formatTimestamp(p.validationStart).c_str(), p.testMonths, formatTimestamp(p.testStart).c_str());
    const std::string recallHeader = "recall@" + percent(config.aml.fpr_target) + "% g/x";
    appendf(out, "%-16s %9s %9s %8s %8s %8s\n", "test PR-AUC", "graph", "xgboost", "rows", "positive",
            recallHeader.c_str());
    for (const auto &[typology, byModel] : table) {
        const auto g = byModel.count("graph") ? byModel.at("graph") : ScoreEvaluation{};
        const auto x = byModel.count("xgboost") ? byModel.at("xgboost") : ScoreEvaluation{};
        appendf(out, "%-16s %9.4f %9.4f %8lld %8lld %6.3f/%.3f\n", typology.c_str(), g.prAuc, x.prAuc,
                (long long)g.rows, (long long)g.positives, g.atFpr.recall, x.atFpr.recall);
    }
    appendf(out,
            "(recall at the threshold the validation months chose for FPR %s%%; validation PR-AUC graph %.4f, "
            "xgboost %.4f; training seed %llu)\n\n",
            percent(config.aml.fpr_target).c_str(),
            run.models.empty() ? 0.0 : run.models[0].evaluation.validation.prAuc,
            run.models.size() < 2 ? 0.0 : run.models[1].evaluation.validation.prAuc,
            (unsigned long long)config.training.seed);
    return out;
}

std::string alertsTable(const replies::AmlAlertsReply &r, double capacityPerDay, double fprTarget)
{
    const auto &op = r.operatingPoint;
    std::string out;
    appendf(out, "run %s, model %s, %s months: %.0f days, %lld laundering transactions\n", r.run.c_str(),
            r.model.c_str(), r.figuresPeriod.c_str(), r.days, (long long)r.positives);
    appendf(out,
            "operating point (threshold from %s, figures from %s): threshold %.4f  precision %.3f  recall %.3f  FPR "
            "%.4f  %.1f alerts/day (capacity %.0f%s)\n",
            r.thresholdPeriod == "manual" ? "the user" : r.thresholdPeriod.c_str(), r.figuresPeriod.c_str(),
            op.threshold, op.precision, op.recall, op.fpr, op.alertsPerDay, capacityPerDay,
            op.capacityBound ? ", capacity-bound" : "");
    appendf(out, "recall at FPR %s%% (threshold %.4f from validation): %s recall %.3f, %s FPR %.4f\n",
            percent(fprTarget).c_str(), r.recallAtFpr.threshold, r.figuresPeriod.c_str(), r.recallAtFpr.recall,
            r.figuresPeriod.c_str(), r.recallAtFpr.fpr);
    appendf(out, "\n%s months' curve:\n", r.figuresPeriod.c_str());
    appendf(out, "\n%10s %9s %7s %7s %10s\n", "threshold", "precision", "recall", "FPR", "alerts/day");
    auto row = [&](double threshold, double precision, double recall, double fpr, double perDay, const char *mark) {
        appendf(out, "%10.4f %9.3f %7.3f %7.4f %10.1f%s\n", threshold, precision, recall, fpr, perDay, mark);
    };
    auto chosen = [&] { row(op.threshold, op.precision, op.recall, op.fpr, op.alertsPerDay, "  <- operating point"); };
    // About 15 rows of the curve, the operating point in its place among them.
    const std::size_t step = std::max<std::size_t>(1, r.curve.size() / 15);
    bool shown = false;
    for (std::size_t i = 0; i < r.curve.size(); i += step) {
        const auto &p = r.curve[i];
        if (!shown && p.threshold <= op.threshold) {
            chosen();
            shown = true;
            if (p.threshold == op.threshold)
                continue;
        }
        row(p.threshold, p.precision, p.recall, p.fpr, double(p.alerts) / r.days, "");
    }
    if (!shown)
        chosen();
    appendf(out, "\n%lld alerts; the top %zu:\n", (long long)r.alertsTotal, r.alerts.size());
    for (const auto &a : r.alerts) {
        appendf(out, "  #%lld tx %lld account %lld score %.3f %s", (long long)a.id, (long long)a.txId,
                (long long)a.accountId, a.score, a.severity.c_str());
        out += (a.status == "new" ? std::string() : " [" + terminalText(a.status) + "]") + ": ";
        // A reason may name an account (stored text from a CSV): shown escaped.
        out += (a.reasons.empty() ? std::string() : terminalText(a.reasons[0])) + "\n";
    }
    return out;
}

} // namespace seekbench::aml
