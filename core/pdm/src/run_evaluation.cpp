#include "seekbench/pdm/run_evaluation.h"

#include "seekbench/pdm/pdm_xgboost.h"
#include "seekbench/pdm/threshold_rule.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <stdexcept>

namespace seekbench::pdm {

namespace {

using nlohmann::json;

json finite(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

ModelEvaluation evaluateScores(const std::string &name, const Windows &w, const std::vector<FailureEvent> &failures,
                               const std::vector<float> &scores, const std::vector<float> &rul,
                               const RunEvaluationOptions &o, TimeUnit unit)
{
    AlertOptions a;
    a.min_lead = o.min_lead;
    a.time_unit = unit;
    a.split = Split::Validation;
    const ThresholdChoice t = tuneThresholds(w, scores, failures, a, o.target_precision);
    a.thresholds = t.thresholds;
    a.split = Split::Test;
    ModelEvaluation e;
    e.name = name;
    e.thresholds = t.thresholds;
    e.criterion = t.criterion;
    e.test = evaluateAlerts(w, scores, rul, failures, a);
    return e;
}

} // namespace

PdmRunEvaluation evaluatePdmRun(const Windows &w, const std::vector<FailureEvent> &failures,
                                const ModelOutputs &outputs, const RunEvaluationOptions &o,
                                const std::filesystem::path &xgbFolder)
{
    if (outputs.fingerprint != windowsFingerprint(w) || outputs.windows != std::int64_t(w.size())
        || outputs.modes != w.modes())
        throw std::invalid_argument("the model outputs are not of these windows (the fleet or the window options "
                                    "changed since the run was trained)");
    const TimeUnit unit = w.time_unit;
    PdmRunEvaluation r;
    r.models.push_back(evaluateScores("model", w, failures, outputs.scores, outputs.rul, o, unit));

    PdmXgbOptions xo;
    xo.booster.rounds = o.xgb_rounds;
    const WindowFeatureTable withEmbedding = windowFeatureTable(w, outputs.features, outputs.embedding);
    const PdmXgboost explained = PdmXgboost::train(w, withEmbedding, xo);
    if (!xgbFolder.empty())
        explained.save(xgbFolder);
    r.models.push_back(evaluateScores("xgboost+embedding", w, failures, explained.scores(withEmbedding), {}, o, unit));
    const WindowFeatureTable plain = windowFeatureTable(w);
    const PdmXgboost alone = PdmXgboost::train(w, plain, xo);
    r.models.push_back(evaluateScores("xgboost", w, failures, alone.scores(plain), {}, o, unit));
    const ThresholdRule rule = fitThresholdRule(w);
    r.models.push_back(evaluateScores("threshold_rule", w, failures, thresholdRuleScores(w, rule), {}, o, unit));
    for (int k = 0; k < w.modes(); ++k)
        if (!explained.note(k).empty())
            r.notes.push_back(explained.note(k));

    r.policies = comparePolicies(w, failures, r.models.front().test.alerts, o.policy, unit);
    r.results = runResults(w, failures, outputs, r.models.front().thresholds, o.min_lead, explained, withEmbedding,
                           o.policy);

    json models = json::array();
    for (const ModelEvaluation &m : r.models) {
        const AlertMetrics &all = m.test.overall;
        const std::string key = "test/" + m.name + "/";
        r.metrics[key + "precision"] = all.precision;
        r.metrics[key + "recall_at_lead"] = all.recall;
        r.metrics[key + "pr_auc"] = all.pr_auc;
        json j = json::parse(alertEvaluationJson(m.test));
        j["model"] = m.name;
        j["thresholds"] = m.thresholds;
        j["criterion"] = m.criterion;
        models.push_back(j);
    }
    const RulMetrics &rul = r.models.front().test.rul;
    if (rul.windows > 0) {
        r.metrics["test/model/rul_rmse"] = rul.rmse;
        r.metrics["test/model/cmapss_score"] = rul.cmapss_score;
    }
    r.metrics["policy/downtime_reduction_vs_reactive"] = r.policies.downtime_reduction_vs_reactive;
    r.metrics["policy/cost_reduction_vs_reactive"] = r.policies.cost_reduction_vs_reactive;
    r.metrics["policy/downtime_reduction_vs_fixed"] = r.policies.downtime_reduction_vs_fixed;
    r.metrics["policy/cost_reduction_vs_fixed"] = r.policies.cost_reduction_vs_fixed;
    for (auto it = r.metrics.begin(); it != r.metrics.end();)
        it = std::isfinite(it->second) ? std::next(it) : r.metrics.erase(it); // NaN: not measured
    json importance = json::object();
    for (int k = 0; k < w.modes(); ++k) {
        json top = json::array();
        const auto shares = explained.importance(k);
        for (std::size_t i = 0; i < shares.size() && i < 10; ++i)
            top.push_back({{"feature", shares[i].name}, {"share", finite(shares[i].share)}});
        importance[w.failure_modes[std::size_t(k)]] = top;
    }
    r.json = json{{"target_precision", o.target_precision},
                  {"min_lead", o.min_lead},
                  {"time_unit", timeUnitName(unit)},
                  {"models", models},
                  {"policies", json::parse(policyComparisonJson(r.policies))},
                  {"xgboost_importance", importance},
                  {"notes", r.notes}}
                 .dump();
    return r;
}

} // namespace seekbench::pdm
