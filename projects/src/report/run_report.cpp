// A run report: overview, notes, config (and its diff against a baseline), curves from the
// tiles, final and best metrics, the confusion matrix of classification runs, system
// figures, checkpoints and exports checked against their hashes, AML outputs, provenance.

#include "report_sections.h"

#include "seekbench/projects/curve_query.h"
#include "seekbench/projects/project.h"
#include "seekbench/projects/report/config_diff.h"
#include "seekbench/projects/report/provenance.h"
#include "seekbench/projects/run_store.h"

#include <map>

namespace seekbench::projects::report {

using namespace detail;

namespace {

Section overviewSection(const RunRecord &r, const std::vector<AttemptRecord> &attempts, const ReportLabels &l)
{
    KeyValueList kv;
    kv.items = {{l.name, r.name}, {l.runId, r.id}, {l.status, statusName(r, l)}};
    if (!r.message.empty())
        kv.items.push_back({l.message, r.message});
    const std::optional<double> start = attempts.empty() ? r.startedAt
                                                         : std::optional<double>(attempts.front().startedAt);
    kv.items.push_back({l.started, start ? utcTime(*start) : l.notRecorded});
    kv.items.push_back({l.ended, r.endedAt ? utcTime(*r.endedAt) : l.notRecorded});
    const auto wall = wallSeconds(r, attempts);
    kv.items.push_back({l.wallTime, wall ? duration(*wall) : l.notRecorded});
    kv.items.push_back({l.attempts, integer(r.attempt)});
    kv.items.push_back({l.restarts, integer(r.attempt - 1)});
    kv.items.push_back({l.ranks, integer(r.ranks)});
    if (!r.host.empty())
        kv.items.push_back({l.host, r.host});
    if (!r.tags.empty()) {
        std::string tags;
        for (const auto &t : r.tags)
            tags += (tags.empty() ? "" : ", ") + t;
        kv.items.push_back({l.tags, tags});
    }
    if (!r.parentId.empty())
        kv.items.push_back({l.parent, r.parentId + " (" + r.parentKind + ")"});
    return Section{sections::kOverview, l.overview, {std::move(kv)}};
}

Section configSection(const RunRecord &r, const std::optional<RunRecord> &baseline, const ReportLabels &l)
{
    Section s{sections::kConfig, l.config, {}};
    s.blocks.push_back(
        CodeBlock{fillLabel(l.configSnapshot, {ProjectLayout().runConfigPath(r.id).string()}), "yaml", r.configYaml});
    if (!baseline)
        return s;
    const auto diff = diffConfigs({baseline->params, r.params});
    if (diff.empty()) {
        s.blocks.push_back(Paragraph{fillLabel(l.configSame, {baseline->name})});
        return s;
    }
    Table t{fillLabel(l.configDiff, {baseline->name + " (" + baseline->id + ")"}),
            {{l.configKey}, {l.baseline}, {r.name}},
            {}};
    for (const auto &d : diff)
        t.rows.push_back({{d.key}, {d.values[0].value_or(l.absent)}, {d.values[1].value_or(l.absent)}});
    s.blocks.push_back(std::move(t));
    return s;
}

Section curvesSection(CurveQuery &query, const RunRecord &r, int buckets, const ReportLabels &l)
{
    Section s{sections::kCurves, l.curves, {}};
    const auto infos = query.curves(r.id);
    if (infos.empty()) {
        s.blocks.push_back(Paragraph{l.noCurves});
        return s;
    }
    std::map<std::string, std::vector<int>> ranksOf;
    std::vector<std::string> keys;
    for (const auto &c : infos) {
        ranksOf[c.key].push_back(c.rank);
        keys.push_back(c.key);
    }
    s.blocks.push_back(Paragraph{l.curveNotes});
    for (const auto &key : orderedKeys(keys)) {
        std::vector<ChartSeries> series;
        const auto &ranks = ranksOf[key];
        for (const int rank : ranks) {
            const auto curve = query.decimate(r.id, key, buckets, rank);
            series.push_back(seriesOf(curve, ranks.size() > 1 ? fillLabel(l.rankSeries, {integer(rank)}) : r.name,
                                      ranks.size() > 1 ? rank : r.color));
        }
        bool any = false;
        for (const auto &x : series)
            any = any || !x.points.empty();
        if (any)
            s.blocks.push_back(chartOf(key, std::move(series), l));
        else
            s.blocks.push_back(MissingNotice{fillLabel(l.emptyCurve, {key}), l.emptyCurveWhy});
    }
    return s;
}

Section metricsSection(const RunRecord &r, const ReportLabels &l)
{
    Section s{sections::kMetrics, l.metrics, {}};
    if (r.summary.empty()) {
        s.blocks.push_back(Paragraph{l.noMetrics});
        return s;
    }
    Table t{{},
            {{l.metric},
             {l.finalValue, ColumnKind::Number},
             {l.atStep, ColumnKind::Number},
             {l.bestValue, ColumnKind::Number},
             {l.atStep, ColumnKind::Number}},
            {}};
    for (const auto &key : orderedKeys([&] {
             std::vector<std::string> k;
             for (const auto &kv : r.summary)
                 k.push_back(kv.first);
             return k;
         }())) {
        const MetricSummary &m = r.summary.at(key);
        t.rows.push_back({{key},
                          {m.finalValue ? number(*m.finalValue) : l.notRecorded},
                          {m.finalValue ? integer(m.finalStep) : l.notRecorded},
                          {m.bestValue ? number(*m.bestValue) : l.notRecorded},
                          {m.bestValue ? integer(m.bestStep) : l.notRecorded}});
    }
    s.blocks.push_back(std::move(t));
    return s;
}

} // namespace

Report buildRunReport(const Project &project, const ReportRequest &request, const ReportLabels &l)
{
    RunStore store(project);
    const auto runs = requestedRuns(project, store, request);
    const RunRecord &r = runs.front();
    std::optional<RunRecord> baseline;
    if (!request.baselineId.empty() && request.baselineId != r.id)
        baseline = store.run(request.baselineId);
    const auto attempts = store.attempts(r.id);

    Report report;
    report.kind = "run";
    report.language = l.language;
    report.title = request.title.empty() ? r.name : request.title;
    report.subtitle = fillLabel(l.runReportSubtitle, {r.name + " (" + r.id + ")"});
    report.notes = request.notes;
    report.contentsTitle = l.contents;
    report.provenance = reportProvenance(project, store, {r}, l);

    if (request.wants(sections::kOverview))
        report.sections.push_back(overviewSection(r, attempts, l));
    if (request.wants(sections::kNotes) && !r.notes.empty())
        report.sections.push_back(Section{sections::kNotes, l.notes, {Paragraph{r.notes}}});
    if (request.wants(sections::kConfig))
        report.sections.push_back(configSection(r, baseline, l));
    if (request.wants(sections::kCurves)) {
        CurveQuery query(project);
        report.sections.push_back(curvesSection(query, r, request.chartBuckets, l));
    }
    if (request.wants(sections::kMetrics))
        report.sections.push_back(metricsSection(r, l));
    if (request.wants(sections::kClassification))
        if (auto classification = classificationSection(project, r.id, l))
            report.sections.push_back(std::move(*classification));
    if (request.wants(sections::kAttention))
        if (auto attention = attentionSection(project, r, l))
            report.sections.push_back(std::move(*attention));
    if (request.wants(sections::kSystem))
        report.sections.push_back(systemSection(store, r, attempts, l));
    const auto artifacts = store.artifacts(r.id);
    if (request.wants(sections::kCheckpoints)) {
        std::vector<ArtifactRecord> checkpoints;
        for (const auto &a : artifacts)
            if (a.kind == "checkpoint")
                checkpoints.push_back(a);
        Section s{sections::kCheckpoints, l.checkpoints, {}};
        if (checkpoints.empty())
            s.blocks.push_back(Paragraph{l.noCheckpoints});
        else
            s.blocks = artifactBlocks(project, checkpoints, false, l.checkpointMissing, l);
        report.sections.push_back(std::move(s));
    }
    if (request.wants(sections::kExports)) {
        std::vector<ArtifactRecord> exports;
        for (const auto &a : artifacts)
            if (a.kind == "model" || a.kind == "export")
                exports.push_back(a);
        Section s{sections::kExports, l.exports, {}};
        if (exports.empty())
            s.blocks.push_back(Paragraph{l.noExports});
        else
            s.blocks = artifactBlocks(project, exports, true, l.exportMissing, l);
        // Files an export wrote without recording them (an interrupted export, a copy by hand).
        if (auto extra = unrecordedFiles(project, project.runDir(r.id) / "exports", exports, l))
            s.blocks.push_back(std::move(*extra));
        report.sections.push_back(std::move(s));
    }
    if (request.wants(sections::kAml))
        if (auto aml = amlSection(project, r.id, l))
            report.sections.push_back(std::move(*aml));
    // Provenance is on every report: it says how each number was obtained.
    report.sections.push_back(provenanceSection(report.provenance, l, !request.wants(sections::kConfig)));
    return report;
}

} // namespace seekbench::projects::report
