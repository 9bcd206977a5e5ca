#include "seekbench/aml/run_evaluation.h"

#include "seekbench/aml/features.h"
#include "seekbench/aml/xgb_baseline.h"

#include <algorithm>

namespace seekbench::aml {

EvaluationOptions evaluationOptions(const RunConfig &config, const AmlData &data, const std::string &model)
{
    EvaluationOptions o;
    o.model = model;
    o.split = heldOutStart(data, config.aml.eval_months);
    o.fprTarget = config.aml.fpr_target;
    o.policy.capacity_per_day = config.aml.capacity_per_day;
    o.policy.cost_missed = config.aml.cost_missed;
    o.policy.cost_false_alert = config.aml.cost_false_alert;
    return o;
}

SeverityCuts severityCuts(const AmlConfig &config)
{
    return {config.severity_high, config.severity_medium};
}

RunEvaluation evaluateRun(const RunConfig &config, const AmlData &data, std::vector<float> graphScores,
                          const std::filesystem::path &xgbModelFile)
{
    const auto features = computeFeatures(data);
    const double split = heldOutStart(data, config.aml.eval_months);
    // The baseline learns from the same training months as the graph model.
    std::vector<bool> trainMask(data.tx.size());
    for (std::size_t i = 0; i < data.tx.size(); ++i)
        trainMask[i] = data.tx.time[i] < split;
    XgbOptions xo;
    xo.rounds = config.aml.xgb_rounds;
    xo.max_depth = config.aml.xgb_max_depth;
    xo.seed = config.training.seed;
    xo.threads = std::max(1, config.training.threads);
    XgbResult xgb = trainXgbBaseline(features, data.tx.label, trainMask, xo, xgbModelFile);

    RunEvaluation run;
    run.models.push_back({std::move(graphScores), {}, {}});
    run.models.push_back({std::move(xgb.scores), {}, {}});
    for (auto &m : run.models) {
        const std::string name = &m == &run.models.front() ? "graph" : "xgboost";
        m.accountScores = accountScores(data, m.scores);
        m.evaluation = evaluateModel(data, m.scores, evaluationOptions(config, data, name));
        run.metrics.insert(m.evaluation.metrics.begin(), m.evaluation.metrics.end());
    }
    const ScoredModel &graph = run.models.front();
    run.alerts = buildAlerts(data, features, split, graph.scores, graph.evaluation.choice.point.threshold,
                             graph.evaluation.curve, severityCuts(config.aml));
    run.metrics["aml/xgb_train_seconds"] = xgb.trainSeconds;
    return run;
}

AlertOptions alertOptions(const RunConfig &config, const AmlData &data)
{
    const EvaluationOptions e = evaluationOptions(config, data, "graph");
    AlertOptions a;
    a.split = e.split;
    a.fprTarget = e.fprTarget;
    a.policy = e.policy;
    a.cuts = severityCuts(config.aml);
    return a;
}

AlertReview reviewAlerts(const AmlData &data, const FeatureMatrix &features, const std::vector<float> &scores,
                         const AlertOptions &o)
{
    AlertReview r;
    const HeldOut held = heldOut(data, o.split);
    r.positives = held.positives;
    r.policy = o.policy;
    r.policy.days = heldOutDays(data, o.split);
    r.curve = operatingCurve(held.scoresOf(scores), held.labels);
    r.choice = chooseOperatingPoint(r.curve, r.positives, r.policy, o.threshold);
    r.atFpr = recallAtFpr(r.curve, o.fprTarget);
    r.alerts = buildAlerts(data, features, o.split, scores, r.choice.point.threshold, r.curve, o.cuts);
    return r;
}

} // namespace seekbench::aml
