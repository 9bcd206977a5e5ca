// The AML outputs of a run in a report: evaluations per model and typology, the
// precision-recall curve of the held-out period, the chosen operating point and the
// statistics of the alerts it raised (docs/aml-store.md).

#include "report_sections.h"

#include "seekbench/projects/aml_results.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

namespace seekbench::projects::report::detail {

using nlohmann::json;

namespace {

std::optional<Chart> prCurveChart(AmlResultStore &results, const std::string &runId, const std::string &model,
                                  const ReportLabels &l)
{
    for (const char *split : {"test", "validation"}) {
        const auto curve = results.curve(runId, model, split);
        if (!curve)
            continue;
        const json points = json::parse(curve->pointsJson, nullptr, false);
        if (!points.is_array())
            continue;
        ChartSeries s{model, model == "graph" ? 0 : 1, {}};
        for (const auto &p : points) {
            if (!p.is_object() || !p.contains("recall") || !p.contains("precision"))
                continue;
            const double precision = p.value("precision", 0.0);
            s.points.push_back({p.value("recall", 0.0), precision, precision, precision});
        }
        std::sort(s.points.begin(), s.points.end(), [](const ChartPoint &a, const ChartPoint &b) { return a.x < b.x; });
        Chart c{fillLabel(l.prCurve, {model, split}), l.recall, l.precision, false, false, {std::move(s)}};
        return c;
    }
    return std::nullopt;
}

} // namespace

std::optional<Section> amlSection(const Project &project, const std::string &runId, const ReportLabels &l)
{
    AmlResultStore results(project);
    const auto evaluations = results.evaluations(runId);
    std::set<std::string> models;
    for (const auto &e : evaluations)
        models.insert(e.model);
    for (const char *m : {"graph", "xgboost"})
        if (results.threshold(runId, m))
            models.insert(m);
    if (models.empty())
        return std::nullopt;

    Section s{sections::kAml, l.aml, {}};
    if (!evaluations.empty()) {
        const std::string fpr = number(evaluations.front().fprTarget);
        Table t{{},
                {{l.model},
                 {l.typology},
                 {l.rows, ColumnKind::Number},
                 {l.positives, ColumnKind::Number},
                 {l.prAuc, ColumnKind::Number},
                 {l.rocAuc, ColumnKind::Number},
                 {fillLabel(l.recallAtFpr, {fpr}), ColumnKind::Number}},
                {}};
        for (const auto &e : evaluations)
            t.rows.push_back({{e.model},
                              {e.typology},
                              {integer(e.rows)},
                              {integer(e.positives)},
                              {number(e.prAuc)},
                              {number(e.rocAuc)},
                              {number(e.recallAtFpr)}});
        s.blocks.push_back(std::move(t));
    }
    for (const auto &model : models) {
        if (auto chart = prCurveChart(results, runId, model, l))
            s.blocks.push_back(std::move(*chart));
        if (const auto op = results.threshold(runId, model))
            s.blocks.push_back(KeyValueList{fillLabel(l.operatingPoint, {model}),
                                            {{l.threshold, number(op->threshold)},
                                             {l.precision, number(op->precision)},
                                             {l.recall, number(op->recall)},
                                             {l.fpr, number(op->fpr)},
                                             {l.alertsPerDay, number(op->alertsPerDay)},
                                             {l.capacityPerDay, number(op->capacityPerDay)},
                                             {l.expectedCost, number(op->expectedCost)}}});
        const auto alerts = results.alerts(runId, model, 1000000);
        if (alerts.empty())
            continue;
        std::map<std::string, std::int64_t> bySeverity, byStatus;
        for (const auto &a : alerts) {
            ++bySeverity[a.severity];
            ++byStatus[a.status];
        }
        Table t{fillLabel(l.alertStatistics, {model}),
                {{l.severity}, {l.count, ColumnKind::Number}, {l.reviewStatus}, {l.count, ColumnKind::Number}},
                {}};
        auto sev = bySeverity.begin();
        auto st = byStatus.begin();
        while (sev != bySeverity.end() || st != byStatus.end()) {
            std::vector<TableCell> row(4);
            if (sev != bySeverity.end()) {
                row[0] = {sev->first};
                row[1] = {integer(sev->second)};
                ++sev;
            }
            if (st != byStatus.end()) {
                row[2] = {st->first};
                row[3] = {integer(st->second)};
                ++st;
            }
            t.rows.push_back(std::move(row));
        }
        t.rows.push_back({{l.alerts}, {integer(std::int64_t(alerts.size()))}, {}, {}});
        s.blocks.push_back(std::move(t));
    }
    return s;
}

} // namespace seekbench::projects::report::detail
