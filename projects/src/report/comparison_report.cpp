// A comparison report: the runs side by side, overlaid curves, final and best metrics with
// their deltas against the baseline, and only the config keys that differ.

#include "report_sections.h"

#include "seekbench/projects/curve_query.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/report/config_diff.h"
#include "seekbench/projects/report/provenance.h"
#include "seekbench/projects/run_store.h"

#include <algorithm>
#include <set>

namespace seekbench::projects::report {

using namespace detail;

namespace {

std::string runLabel(const RunRecord &r) { return r.name + " (" + r.id + ")"; }

Section overviewSection(RunStore &store, const std::vector<RunRecord> &runs, const RunRecord &baseline,
                        const ReportLabels &l)
{
    Table t{{},
            {{l.run},
             {l.runId},
             {l.status},
             {l.started},
             {l.wallTime, ColumnKind::Number},
             {l.attempts, ColumnKind::Number},
             {l.ranks, ColumnKind::Number}},
            {}};
    for (const auto &r : runs) {
        const auto attempts = store.attempts(r.id);
        const auto wall = wallSeconds(r, attempts);
        const std::optional<double> start = attempts.empty() ? r.startedAt
                                                             : std::optional<double>(attempts.front().startedAt);
        t.rows.push_back({{r.id == baseline.id ? r.name + " — " + l.baseline : r.name},
                          {r.id},
                          {statusName(r, l)},
                          {start ? utcTime(*start) : l.notRecorded},
                          {wall ? duration(*wall) : l.notRecorded},
                          {integer(r.attempt)},
                          {integer(r.ranks)}});
    }
    return Section{sections::kOverview, l.overview, {std::move(t)}};
}

Section curvesSection(CurveQuery &query, const std::vector<RunRecord> &runs, int buckets, const ReportLabels &l)
{
    Section s{sections::kCurves, l.curves, {Paragraph{l.curveNotes}}};
    std::vector<std::string> keys;
    std::vector<std::set<std::string>> keysOf(runs.size());
    for (std::size_t i = 0; i < runs.size(); ++i)
        for (const auto &c : query.curves(runs[i].id))
            if (c.rank == 0) {
                keys.push_back(c.key);
                keysOf[i].insert(c.key);
            }
    if (keys.empty()) {
        s.blocks = {Paragraph{l.noCurves}};
        return s;
    }
    for (const auto &key : orderedKeys(keys)) {
        std::vector<ChartSeries> series;
        for (std::size_t i = 0; i < runs.size(); ++i)
            if (keysOf[i].count(key))
                series.push_back(seriesOf(query.decimate(runs[i].id, key, buckets), runs[i].name, runs[i].color));
        s.blocks.push_back(chartOf(key, std::move(series), l));
    }
    return s;
}

// One table of final (or best) values, with a delta column per run against the baseline,
// toned by whether the metric is better higher or lower.
Table metricTable(const std::vector<RunRecord> &runs, std::size_t baseline, bool best, const ReportLabels &l)
{
    Table t{best ? l.bestMetrics : l.finalMetrics, {{l.metric}}, {}};
    std::vector<std::string> keys;
    for (const auto &r : runs)
        for (const auto &kv : r.summary)
            keys.push_back(kv.first);
    for (std::size_t i = 0; i < runs.size(); ++i) {
        t.columns.push_back({i == baseline ? runs[i].name + " — " + l.baseline : runs[i].name, ColumnKind::Number});
        if (i != baseline)
            t.columns.push_back({fillLabel(l.delta, {runs[i].name}), ColumnKind::Delta});
    }
    const auto valueOf = [&](const RunRecord &r, const std::string &key) -> std::optional<double> {
        const auto it = r.summary.find(key);
        if (it == r.summary.end())
            return std::nullopt;
        return best ? it->second.bestValue : it->second.finalValue;
    };
    for (const auto &key : orderedKeys(keys)) {
        std::vector<TableCell> row{{key}};
        const auto base = valueOf(runs[baseline], key);
        for (std::size_t i = 0; i < runs.size(); ++i) {
            const auto v = valueOf(runs[i], key);
            row.push_back({v ? number(*v) : l.notRecorded});
            if (i == baseline)
                continue;
            if (!v || !base) {
                row.push_back({l.notRecorded});
                continue;
            }
            const double d = *v - *base;
            const CellTone tone = d == 0                           ? CellTone::Neutral
                                  : (d > 0) == higherIsBetter(key) ? CellTone::Better
                                                                   : CellTone::Worse;
            row.push_back({signedNumber(d), tone});
        }
        t.rows.push_back(std::move(row));
    }
    return t;
}

Section configSection(const std::vector<RunRecord> &runs, std::size_t baseline, const ReportLabels &l)
{
    Section s{sections::kConfig, l.configDifferences, {}};
    std::vector<std::map<std::string, std::string>> configs;
    // The baseline first, so each row reads baseline -> others.
    std::vector<std::size_t> order{baseline};
    for (std::size_t i = 0; i < runs.size(); ++i)
        if (i != baseline)
            order.push_back(i);
    Table t{{}, {{l.configKey}}, {}};
    for (const std::size_t i : order) {
        configs.push_back(runs[i].params);
        t.columns.push_back({i == baseline ? runs[i].name + " — " + l.baseline : runs[i].name});
    }
    const auto diff = diffConfigs(configs);
    if (diff.empty()) {
        s.blocks.push_back(Paragraph{fillLabel(l.configSame, {runs[baseline].name})});
        return s;
    }
    for (const auto &d : diff) {
        std::vector<TableCell> row{{d.key}};
        for (const auto &v : d.values)
            row.push_back({v.value_or(l.absent)});
        t.rows.push_back(std::move(row));
    }
    s.blocks.push_back(std::move(t));
    return s;
}

} // namespace

Report buildComparisonReport(const Project &project, const ReportRequest &request, const ReportLabels &l)
{
    RunStore store(project);
    auto runs = requestedRuns(project, store, request);
    const std::string baselineId = request.baselineId.empty() ? runs.front().id : request.baselineId;
    auto at = std::find_if(runs.begin(), runs.end(), [&](const RunRecord &r) { return r.id == baselineId; });
    if (at == runs.end()) {
        runs.insert(runs.begin(), store.run(baselineId)); // a baseline not listed joins the comparison
        at = runs.begin();
    }
    const auto baseline = static_cast<std::size_t>(at - runs.begin());

    Report report;
    report.kind = "comparison";
    report.language = l.language;
    report.subtitle = fillLabel(l.comparisonSubtitle, {integer(std::int64_t(runs.size())), runLabel(runs[baseline])});
    report.title = request.title.empty() ? report.subtitle : request.title;
    report.notes = request.notes;
    report.contentsTitle = l.contents;
    report.provenance = reportProvenance(project, store, runs, l);

    if (request.wants(sections::kOverview))
        report.sections.push_back(overviewSection(store, runs, runs[baseline], l));
    if (request.wants(sections::kConfig))
        report.sections.push_back(configSection(runs, baseline, l));
    if (request.wants(sections::kCurves)) {
        CurveQuery query(project);
        report.sections.push_back(curvesSection(query, runs, request.chartBuckets, l));
    }
    if (request.wants(sections::kMetrics))
        report.sections.push_back(
            Section{sections::kMetrics,
                    l.metrics,
                    {metricTable(runs, baseline, false, l), metricTable(runs, baseline, true, l)}});
    // Provenance is on every report, each run's config snapshot attached.
    report.sections.push_back(provenanceSection(report.provenance, l, true));
    return report;
}

bool ReportRequest::wants(const std::string &sectionId) const
{
    const auto it = sections.find(sectionId);
    return it == sections.end() || it->second;
}

Report buildReport(const Project &project, const ReportRequest &request, const ReportLabels &labels)
{
    return request.runIds.size() > 1 ? buildComparisonReport(project, request, labels)
                                     : buildRunReport(project, request, labels);
}

} // namespace seekbench::projects::report
