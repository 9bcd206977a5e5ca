#include "seekbench/projects/aml_results.h"

#include "connection.h"
#include "seekbench/projects/project.h"
#include "seekbench/text/terminal_text.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <map>
#include <stdexcept>

namespace seekbench::projects {

struct AmlResultStore::Impl
{
    sql::Database db;
};

namespace {
// An alert with the analyst's review of its transaction (schema 7: aml_alert_reviews).
const char *kAlertColumns
    = "SELECT a.id, a.run_id, a.model, a.tx_id, a.account_id, a.score, a.threshold, a.severity, a.reasons_json, "
      "coalesce(r.status, 'new'), coalesce(r.notes, ''), a.created_at, r.updated_at FROM aml_alerts a "
      "LEFT JOIN aml_alert_reviews r ON r.run_id = a.run_id AND r.model = a.model AND r.tx_id = a.tx_id ";

AmlAlertRow readAlert(const sql::Statement &st)
{
    AmlAlertRow a;
    a.id = st.int64(0);
    a.runId = st.text(1);
    a.model = st.text(2);
    a.txId = st.int64(3);
    a.accountId = st.int64(4);
    a.score = st.real(5);
    a.threshold = st.real(6);
    a.severity = st.text(7);
    a.reasonsJson = st.text(8);
    a.status = st.text(9);
    a.notes = st.text(10);
    a.createdAt = st.real(11);
    a.updatedAt = st.optReal(12);
    return a;
}

double nowSeconds()
{
    return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

void writeThreshold(sql::Database &db, const AmlThresholdRow &r)
{
    db.prepare(
          "INSERT OR REPLACE INTO aml_thresholds(run_id, model, threshold, capacity_per_day, cost_missed, "
          "cost_false_alert, alerts_per_day, precision, recall, fpr, precision_at_capacity, expected_cost, "
          "capacity_bound, days, chosen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
        .bind(1, r.runId)
        .bind(2, r.model)
        .bind(3, r.threshold)
        .bind(4, r.capacityPerDay)
        .bind(5, r.costMissed)
        .bind(6, r.costFalseAlert)
        .bind(7, r.alertsPerDay)
        .bind(8, r.precision)
        .bind(9, r.recall)
        .bind(10, r.fpr)
        .bind(11, r.precisionAtCapacity)
        .bind(12, r.expectedCost)
        .bind(13, r.capacityBound ? 1 : 0)
        .bind(14, r.days)
        .bind(15, nowSeconds())
        .run();
}

// The analyst's work is not in aml_alerts (schema 7): deleting the old set loses nothing,
// and the new set joins aml_alert_reviews by transaction.
void writeAlerts(sql::Database &db, const std::string &runId, const std::string &model,
                 const std::vector<AmlAlertRow> &alerts)
{
    const double now = nowSeconds();
    db.prepare("DELETE FROM aml_alerts WHERE run_id = ?1 AND model = ?2").bind(1, runId).bind(2, model).run();
    auto st = db.prepare("INSERT INTO aml_alerts(run_id, model, tx_id, account_id, score, threshold, severity, "
                         "reasons_json, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    for (const auto &a : alerts)
        st.bind(1, runId)
            .bind(2, model)
            .bind(3, a.txId)
            .bind(4, a.accountId)
            .bind(5, a.score)
            .bind(6, a.threshold)
            .bind(7, a.severity)
            .bind(8, a.reasonsJson)
            .bind(9, now)
            .run();
}

void checkAlertThresholds(const std::vector<AmlAlertRow> &alerts)
{
    for (const auto &a : alerts)
        checkAmlThreshold(a.threshold);
}
} // namespace

AmlResultStore::AmlResultStore(const Project &project) : d(std::make_unique<Impl>())
{
    d->db = openConnection(project, false);
}

AmlResultStore::~AmlResultStore() = default;

void AmlResultStore::saveScores(const std::string &runId, const std::string &model,
                                const std::vector<std::int64_t> &txIds, const std::vector<float> &scores)
{
    sql::withWriteTransaction(d->db, [&] {
        d->db.prepare("DELETE FROM aml_scores WHERE run_id = ?1 AND model = ?2").bind(1, runId).bind(2, model).run();
        auto st = d->db.prepare("INSERT INTO aml_scores(run_id, model, tx_id, score) VALUES (?1, ?2, ?3, ?4)");
        for (std::size_t i = 0; i < txIds.size(); ++i)
            st.bind(1, runId).bind(2, model).bind(3, txIds[i]).bind(4, double(scores[i])).run();
    });
}

std::vector<std::pair<std::int64_t, float>> AmlResultStore::scores(const std::string &runId, const std::string &model)
{
    std::vector<std::pair<std::int64_t, float>> out;
    auto st = d->db.prepare("SELECT tx_id, score FROM aml_scores WHERE run_id = ?1 AND model = ?2 ORDER BY tx_id");
    st.bind(1, runId).bind(2, model);
    while (st.step())
        out.emplace_back(st.int64(0), float(st.real(1)));
    return out;
}

void AmlResultStore::saveAccountScores(const std::string &runId, const std::string &model,
                                       const std::vector<std::int64_t> &accountIds, const std::vector<float> &scores)
{
    sql::withWriteTransaction(d->db, [&] {
        d->db.prepare("DELETE FROM aml_account_scores WHERE run_id = ?1 AND model = ?2")
            .bind(1, runId)
            .bind(2, model)
            .run();
        auto st = d->db.prepare(
            "INSERT INTO aml_account_scores(run_id, model, account_id, score) VALUES (?1, ?2, ?3, ?4)");
        for (std::size_t i = 0; i < accountIds.size(); ++i)
            st.bind(1, runId).bind(2, model).bind(3, accountIds[i]).bind(4, double(scores[i])).run();
    });
}

std::optional<double> AmlResultStore::accountScore(const std::string &runId, const std::string &model,
                                                   std::int64_t accountId)
{
    auto st = d->db.prepare("SELECT score FROM aml_account_scores WHERE run_id = ?1 AND model = ?2 AND account_id = ?3");
    st.bind(1, runId).bind(2, model).bind(3, accountId);
    if (!st.step())
        return std::nullopt;
    const double v = st.real(0);
    st.reset();
    return v;
}

void AmlResultStore::saveEvaluations(const std::vector<AmlEvaluationRow> &rows)
{
    sql::withWriteTransaction(d->db, [&] {
        auto st = d->db.prepare(
            "INSERT OR REPLACE INTO aml_evaluations(run_id, model, typology, rows, positives, pr_auc, "
            "roc_auc, recall_at_fpr, fpr_target) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        for (const auto &r : rows)
            st.bind(1, r.runId)
                .bind(2, r.model)
                .bind(3, r.typology)
                .bind(4, r.rows)
                .bind(5, r.positives)
                .bind(6, r.prAuc)
                .bind(7, r.rocAuc)
                .bind(8, r.recallAtFpr)
                .bind(9, r.fprTarget)
                .run();
    });
}

std::vector<AmlEvaluationRow> AmlResultStore::evaluations(const std::string &runId)
{
    std::vector<AmlEvaluationRow> out;
    auto st = d->db.prepare(
        "SELECT run_id, model, typology, rows, positives, pr_auc, roc_auc, recall_at_fpr, fpr_target "
        "FROM aml_evaluations WHERE run_id = ?1 ORDER BY typology = 'all' DESC, typology, model");
    st.bind(1, runId);
    while (st.step())
        out.push_back({st.text(0), st.text(1), st.text(2), st.int64(3), st.int64(4), st.real(5), st.real(6), st.real(7),
                       st.real(8)});
    return out;
}

void AmlResultStore::saveCurve(const std::string &runId, const std::string &model, const std::string &split,
                               double days, const std::string &pointsJson)
{
    if (split != "validation" && split != "test")
        throw std::invalid_argument("unknown curve split '" + terminalText(split) + "' (validation or test)");
    sql::withWriteTransaction(d->db, [&] {
        d->db
            .prepare("INSERT OR REPLACE INTO aml_curves(run_id, model, split, days, points_json) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)")
            .bind(1, runId)
            .bind(2, model)
            .bind(3, split)
            .bind(4, days)
            .bind(5, pointsJson)
            .run();
    });
}

std::optional<AmlResultStore::Curve> AmlResultStore::curve(const std::string &runId, const std::string &model,
                                                           const std::string &split)
{
    auto st = d->db.prepare("SELECT days, points_json FROM aml_curves WHERE run_id = ?1 AND model = ?2 AND split = ?3");
    st.bind(1, runId).bind(2, model).bind(3, split);
    if (!st.step())
        return std::nullopt;
    Curve c{st.real(0), st.text(1)};
    st.reset();
    return c;
}

void AmlResultStore::saveThreshold(const AmlThresholdRow &r)
{
    checkAmlThreshold(r.threshold);
    sql::withWriteTransaction(d->db, [&] { writeThreshold(d->db, r); });
}

std::optional<AmlThresholdRow> AmlResultStore::threshold(const std::string &runId, const std::string &model)
{
    auto st = d->db.prepare(
        "SELECT threshold, capacity_per_day, cost_missed, cost_false_alert, alerts_per_day, precision, "
        "recall, fpr, precision_at_capacity, expected_cost, capacity_bound, days FROM aml_thresholds "
        "WHERE run_id = ?1 AND model = ?2");
    st.bind(1, runId).bind(2, model);
    if (!st.step())
        return std::nullopt;
    AmlThresholdRow r;
    r.runId = runId;
    r.model = model;
    r.threshold = st.real(0);
    r.capacityPerDay = st.real(1);
    r.costMissed = st.real(2);
    r.costFalseAlert = st.real(3);
    r.alertsPerDay = st.real(4);
    r.precision = st.real(5);
    r.recall = st.real(6);
    r.fpr = st.real(7);
    r.precisionAtCapacity = st.real(8);
    r.expectedCost = st.real(9);
    r.capacityBound = st.int32(10) != 0;
    r.days = st.real(11);
    st.reset();
    return r;
}

void AmlResultStore::replaceAlerts(const std::string &runId, const std::string &model,
                                   const std::vector<AmlAlertRow> &alerts)
{
    checkAlertThresholds(alerts);
    sql::withWriteTransaction(d->db, [&] { writeAlerts(d->db, runId, model, alerts); });
}

void AmlResultStore::saveOperatingPoint(const AmlThresholdRow &row, const std::vector<AmlAlertRow> &alerts)
{
    checkAmlThreshold(row.threshold);
    checkAlertThresholds(alerts);
    sql::withWriteTransaction(d->db, [&] {
        writeThreshold(d->db, row);
        writeAlerts(d->db, row.runId, row.model, alerts);
    });
}

std::vector<AmlAlertRow> AmlResultStore::alerts(const std::string &runId, const std::string &model, int limit)
{
    std::vector<AmlAlertRow> out;
    auto st = d->db.prepare(std::string(kAlertColumns)
                            + "WHERE a.run_id = ?1 AND a.model = ?2 ORDER BY a.score DESC, a.id LIMIT ?3");
    st.bind(1, runId).bind(2, model).bind(3, limit);
    while (st.step())
        out.push_back(readAlert(st));
    return out;
}

std::optional<AmlAlertRow> AmlResultStore::alert(std::int64_t id)
{
    auto st = d->db.prepare(std::string(kAlertColumns) + "WHERE a.id = ?1");
    st.bind(1, id);
    if (!st.step())
        return std::nullopt;
    auto a = readAlert(st);
    st.reset();
    return a;
}

std::optional<AmlAlertRow> AmlResultStore::alertOfTransaction(const std::string &runId, const std::string &model,
                                                              std::int64_t txId)
{
    auto st = d->db.prepare(std::string(kAlertColumns) + "WHERE a.run_id = ?1 AND a.model = ?2 AND a.tx_id = ?3");
    st.bind(1, runId).bind(2, model).bind(3, txId);
    if (!st.step())
        return std::nullopt;
    auto a = readAlert(st);
    st.reset();
    return a;
}

std::vector<AmlAlertRow> AmlResultStore::alertsOfAccount(std::int64_t accountId, int limit)
{
    std::vector<AmlAlertRow> out;
    auto st = d->db.prepare(std::string(kAlertColumns) + "WHERE a.account_id = ?1 ORDER BY a.score DESC LIMIT ?2");
    st.bind(1, accountId).bind(2, limit);
    while (st.step())
        out.push_back(readAlert(st));
    return out;
}

AmlAlertRow AmlResultStore::findAlert(const std::optional<std::int64_t> &alertId,
                                      const std::optional<std::int64_t> &txId, const std::optional<std::string> &runId,
                                      const std::optional<std::string> &model)
{
    if (alertId.has_value() == txId.has_value())
        throw std::invalid_argument("name an alert by its id or by its transaction (one of them)");
    if (alertId) {
        auto a = alert(*alertId);
        const bool elsewhere = a && ((runId && a->runId != *runId) || (model && a->model != *model));
        if (!a || elsewhere)
            throw std::invalid_argument("no alert " + std::to_string(*alertId) + " in the project"
                                        + (elsewhere ? " for run '" + terminalText(runId.value_or(a->runId)) + "' ("
                                                           + terminalText(model.value_or(a->model)) + ")"
                                                     : std::string()));
        return *a;
    }
    const auto run = runId ? runId : latestScoredRun();
    if (!run)
        throw std::invalid_argument("the project has no evaluated AML run");
    const std::string m = model.value_or("graph");
    auto a = alertOfTransaction(*run, m, *txId);
    if (!a)
        throw std::invalid_argument("no alert on transaction " + std::to_string(*txId) + " in run '"
                                    + terminalText(*run) + "' (" + terminalText(m) + ")");
    return *a;
}

std::optional<std::string> AmlResultStore::latestScoredRun()
{
    auto st = d->db.prepare("SELECT s.run_id FROM aml_evaluations s JOIN runs r ON r.id = s.run_id "
                            "ORDER BY r.created_at DESC LIMIT 1");
    if (!st.step())
        return std::nullopt;
    auto s = st.text(0);
    st.reset();
    return s;
}

std::vector<float> AmlResultStore::scoresOf(const std::string &runId, const std::string &model, const aml::AmlData &data)
{
    const auto stored = scores(runId, model);
    if (stored.empty())
        throw std::invalid_argument("run '" + runId + "' has no " + model + " scores");
    const std::map<std::int64_t, float> byId(stored.begin(), stored.end());
    std::vector<float> out(data.tx.size(), 0.0f);
    for (std::size_t i = 0; i < data.tx.size(); ++i) {
        const auto it = byId.find(data.tx.id[i]);
        if (it == byId.end())
            throw std::invalid_argument("transaction " + std::to_string(data.tx.id[i]) + " was added after run '"
                                        + runId + "' scored the store; train a new run");
        out[i] = it->second;
    }
    return out;
}

void AmlResultStore::saveEvaluation(const std::string &runId, const aml::ModelEvaluation &e)
{
    saveEvaluations(evaluationRows(runId, e));
    saveCurve(runId, e.model, "test", e.policy.days, curveJson(e.thinCurve));
    saveCurve(runId, e.model, "validation", e.validationPolicy.days, curveJson(e.validationThinCurve));
    saveThreshold(thresholdRow(runId, e.model, e.choice, e.policy));
}

void AmlResultStore::saveRun(const std::string &runId, const aml::AmlData &data, const aml::RunEvaluation &run)
{
    std::vector<std::int64_t> accountIds(data.accounts.size());
    for (std::size_t a = 0; a < accountIds.size(); ++a)
        accountIds[a] = std::int64_t(a) + 1;
    for (const auto &m : run.models) {
        saveScores(runId, m.evaluation.model, data.tx.id, m.scores);
        saveAccountScores(runId, m.evaluation.model, accountIds, m.accountScores);
        saveEvaluation(runId, m.evaluation);
    }
    if (!run.models.empty())
        replaceAlerts(runId, run.models.front().evaluation.model, alertRows(run.alerts));
}

std::vector<AmlEvaluationRow> evaluationRows(const std::string &runId, const aml::ModelEvaluation &e)
{
    std::vector<AmlEvaluationRow> rows;
    for (const auto &s : e.slices)
        rows.push_back({runId, e.model, s.typology, s.figures.rows, s.figures.positives, s.figures.prAuc,
                        s.figures.rocAuc, s.figures.atFpr.recall, e.fprTarget});
    return rows;
}

AmlThresholdRow thresholdRow(const std::string &runId, const std::string &model, const aml::ThresholdChoice &c,
                             const aml::ThresholdPolicy &policy)
{
    return {runId,
            model,
            c.point.threshold,
            policy.capacity_per_day,
            policy.cost_missed,
            policy.cost_false_alert,
            c.alertsPerDay,
            c.point.precision,
            c.point.recall,
            c.point.fpr,
            c.precisionAtCapacity,
            c.expectedCost,
            policy.days,
            c.capacityBound};
}

std::vector<AmlAlertRow> alertRows(const std::vector<aml::Alert> &alerts)
{
    std::vector<AmlAlertRow> rows;
    rows.reserve(alerts.size());
    for (const auto &a : alerts) {
        AmlAlertRow r;
        r.txId = a.txId;
        r.accountId = a.accountId;
        r.score = a.score;
        r.threshold = a.threshold;
        r.severity = a.severity;
        // The reasons name accounts (stored text): bad bytes become U+FFFD, never an error.
        r.reasonsJson = nlohmann::json(a.reasons).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        rows.push_back(std::move(r));
    }
    return rows;
}

void checkAmlThreshold(double threshold)
{
    if (threshold >= 0 && threshold <= 1) // false for NaN
        return;
    char text[32];
    std::snprintf(text, sizeof text, "%g", threshold);
    throw std::invalid_argument(std::string("threshold ") + text + " is outside [0, 1]");
}

std::string alertJson(const AmlAlertRow &a)
{
    nlohmann::json reasons = nlohmann::json::parse(a.reasonsJson, nullptr, false);
    if (reasons.is_discarded())
        reasons = nullptr;
    nlohmann::json j{{"id", a.id},
                     {"run", a.runId},
                     {"model", a.model},
                     {"tx_id", a.txId},
                     {"account_id", a.accountId},
                     {"score", a.score},
                     {"threshold", a.threshold},
                     {"severity", a.severity},
                     {"reasons", reasons},
                     {"status", a.status},
                     {"notes", a.notes},
                     {"updated_at", nullptr}};
    if (a.updatedAt)
        j["updated_at"] = *a.updatedAt;
    return j.dump();
}

std::string curveJson(const std::vector<aml::CurvePoint> &curve)
{
    nlohmann::json points = nlohmann::json::array();
    for (const auto &p : curve)
        points.push_back({{"threshold", p.threshold},
                          {"precision", p.precision},
                          {"recall", p.recall},
                          {"fpr", p.fpr},
                          {"alerts", p.alerts}});
    return points.dump();
}

} // namespace seekbench::projects
