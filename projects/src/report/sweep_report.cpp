// A sweep report: overview, search space, best trials, the objective by trial with the
// best so far, parallel coordinates, fANOVA importance (core/tuning), the space as
// created, provenance. The best trial and the counts come from sweep_service/sweep_driver,
// the importance from tuning::parameterImportance, as the Sweeps mode computes them.

#include "seekbench/projects/report/sweep_report.h"

#include "report_sections.h"

#include "seekbench/projects/project.h"
#include "seekbench/projects/project_error.h"
#include "seekbench/projects/report/provenance.h"
#include "seekbench/projects/run_store.h"
#include "seekbench/projects/sweep_driver.h"
#include "seekbench/projects/sweep_service.h"
#include "seekbench/projects/sweep_store.h"
#include "seekbench/tuning/importance.h"
#include "seekbench/tuning/param_axis.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <optional>
#include <sstream>

namespace seekbench::projects::report {

using namespace detail;

namespace {

bool lowerIsBetter(const tuning::SearchSpace &space)
{
    return space.objective.direction == tuning::Direction::Minimize;
}

// The complete trials, best first (ties: the earlier trial), as bestTrial() orders them.
std::vector<tuning::Trial> rankedComplete(const tuning::SearchSpace &space, const std::vector<tuning::Trial> &trials)
{
    std::vector<tuning::Trial> out;
    for (const auto &t : trials)
        if (t.state == tuning::TrialState::Complete && t.value && std::isfinite(*t.value))
            out.push_back(t);
    const bool lower = lowerIsBetter(space);
    std::stable_sort(out.begin(), out.end(), [lower](const tuning::Trial &a, const tuning::Trial &b) {
        if (*a.value != *b.value)
            return lower ? *a.value < *b.value : *a.value > *b.value;
        return a.number < b.number;
    });
    return out;
}

// A trial's param as the tables show it: choices and integers as recorded, other numbers
// to 4 significant digits (the sampler's 0.0026222016611... reads as 0.002622).
std::string paramText(const tuning::ParamSpec &spec, const std::string &value)
{
    if (spec.kind == tuning::ParamKind::Choice || spec.kind == tuning::ParamKind::Int)
        return value;
    char *end = nullptr;
    const double v = std::strtod(value.c_str(), &end);
    if (end == value.c_str() || *end != '\0')
        return value;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

std::string paramValues(const tuning::ParamSpec &p)
{
    if (p.kind == tuning::ParamKind::Choice) {
        std::string out;
        for (const auto &c : p.choices)
            out += (out.empty() ? "" : ", ") + c;
        return out;
    }
    std::string out = "[" + number(p.low) + ", " + number(p.high) + "]";
    if (p.kind == tuning::ParamKind::Int && p.step != 1)
        out += " step " + number(p.step);
    if (p.log)
        out += " log";
    if (!p.grid.empty()) {
        out += " grid";
        for (const double g : p.grid)
            out += " " + number(g);
    }
    return out;
}

Section overviewSection(const SweepRecord &sweep, const std::optional<tuning::SearchSpace> &space,
                        const std::string &spaceProblem, const std::vector<tuning::Trial> &trials,
                        const std::optional<double> &wall, const ReportLabels &l)
{
    KeyValueList kv;
    kv.items = {{l.sweep, sweep.name},
                {l.sweepId, sweep.id},
                {l.state, toString(sweep.state)},
                {l.created, utcTime(sweep.createdAt)}};
    if (space) {
        const auto &o = space->objective;
        kv.items.push_back(
            {l.objective, fillLabel(l.objectiveText, {o.metric, lowerIsBetter(*space) ? l.minimize : l.maximize,
                                                      o.at == tuning::ObjectiveAt::End ? l.atEnd : l.atBest})});
        kv.items.push_back({l.sampler, tuning::samplerName(space->sampler.kind)});
        kv.items.push_back({l.seed, integer(std::int64_t(space->sampler.seed))});
        kv.items.push_back({l.pruner, tuning::prunerName(space->pruner.kind)});
        kv.items.push_back({l.budget, integer(space->trials)});
    }
    const SweepOutcome c = sweepCounts(trials);
    kv.items.push_back({l.trials, fillLabel(l.trialCounts, {integer(c.complete), integer(c.pruned), integer(c.failed),
                                                            integer(c.infeasible), integer(c.running),
                                                            integer(std::int64_t(trials.size()))})});
    std::optional<tuning::Trial> best;
    if (space)
        best = bestTrial(*space, trials);
    kv.items.push_back({l.bestValue, best && best->value
                                         ? fillLabel(l.bestTrialValue, {number(*best->value), integer(best->number)})
                                         : l.notRecorded});
    kv.items.push_back({l.trialsWallTime, wall ? duration(*wall) : l.notRecorded});
    Section s{sections::kOverview, l.overview, {std::move(kv)}};
    if (!space)
        s.blocks.push_back(MissingNotice{l.searchSpace, spaceProblem});
    return s;
}

Section spaceSection(const tuning::SearchSpace &space, const ReportLabels &l)
{
    Table t{{}, {{l.parameter}, {l.kind}, {l.values}, {l.condition}}, {}};
    for (const auto &p : space.params)
        t.rows.push_back({{p.key},
                          {tuning::kindName(p.kind)},
                          {paramValues(p)},
                          {p.when ? p.when->parent + " = " + p.when->equals : std::string()}});
    return Section{sections::kSearchSpace, l.searchSpace, {std::move(t)}};
}

Section bestTrialsSection(SweepStore &store, const SweepRecord &sweep, const tuning::SearchSpace &space,
                          const std::vector<tuning::Trial> &ranked, int top, const ReportLabels &l)
{
    Section s{sections::kBestTrials, l.bestTrials, {}};
    if (ranked.empty()) {
        s.blocks.push_back(MissingNotice{l.noCompleteTrials, l.noCompleteTrialsWhy});
        return s;
    }
    const std::size_t shown = std::min<std::size_t>(ranked.size(), std::size_t(top));
    Table t{fillLabel(l.bestTrialsCaption,
                      {integer(std::int64_t(shown)), integer(std::int64_t(ranked.size())),
                       space.objective.metric + " (" + (lowerIsBetter(space) ? l.minimize : l.maximize) + ")"}),
            {{l.trial, ColumnKind::Number}, {space.objective.metric, ColumnKind::Number}},
            {}};
    // Params by the last part of their key ("lr" for training.lr) when those are unique:
    // the table is wide, and the search space above names them in full.
    std::vector<std::string> headers;
    for (const auto &p : space.params)
        headers.push_back(p.key.substr(p.key.rfind('.') == std::string::npos ? 0 : p.key.rfind('.') + 1));
    std::vector<std::string> sorted = headers;
    std::sort(sorted.begin(), sorted.end());
    const bool unique = std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end();
    for (std::size_t i = 0; i < space.params.size(); ++i)
        t.columns.push_back({unique ? headers[i] : space.params[i].key});
    std::vector<std::optional<std::string>> runIds;
    bool anyRun = false;
    for (std::size_t i = 0; i < shown; ++i) {
        runIds.push_back(store.trialRun(sweep.id, ranked[i].number));
        anyRun = anyRun || runIds.back().has_value();
    }
    if (anyRun)
        t.columns.push_back({l.runId});
    for (std::size_t i = 0; i < shown; ++i) {
        const tuning::Trial &trial = ranked[i];
        std::vector<TableCell> row{{integer(trial.number)}, {number(*trial.value)}};
        for (const auto &p : space.params) {
            const auto it = trial.params.find(p.key);
            row.push_back({it == trial.params.end() ? l.notRecorded : paramText(p, it->second)});
        }
        if (anyRun)
            row.push_back({runIds[i].value_or(l.notRecorded)});
        t.rows.push_back(std::move(row));
    }
    s.blocks.push_back(std::move(t));
    return s;
}

Section bestSoFarSection(const tuning::SearchSpace &space, const std::vector<tuning::Trial> &trials,
                         const ReportLabels &l)
{
    Section s{sections::kBestSoFar, l.bestSoFar, {}};
    ChartSeries dots{l.trialObjective, 0, {}, true, false};
    ChartSeries best{l.bestSoFar, 1, {}, false, true};
    const bool lower = lowerIsBetter(space);
    std::optional<double> running;
    for (const auto &t : trials) { // by number, as the store returns them
        if (t.state != tuning::TrialState::Complete || !t.value || !std::isfinite(*t.value))
            continue;
        const double v = *t.value;
        running = !running ? v : lower ? std::min(*running, v) : std::max(*running, v);
        dots.points.push_back({double(t.number), v, v, v});
        best.points.push_back({double(t.number), *running, *running, *running});
    }
    if (dots.points.empty()) {
        s.blocks.push_back(MissingNotice{l.noCompleteTrials, l.noCompleteTrialsWhy});
        return s;
    }
    s.blocks.push_back(Paragraph{l.bestSoFarNotes});
    Chart chart{l.bestSoFar, l.trial, space.objective.metric, false, false, {std::move(dots), std::move(best)}};
    s.blocks.push_back(std::move(chart));
    return s;
}

Section parallelSection(const tuning::SearchSpace &space, const std::vector<tuning::Trial> &ranked,
                        const ReportLabels &l)
{
    Section s{sections::kParallel, l.parallelCoordinates, {}};
    if (ranked.empty()) {
        s.blocks.push_back(MissingNotice{l.noCompleteTrials, l.noCompleteTrialsWhy});
        return s;
    }
    ParallelCoordinates pc;
    pc.title = l.parallelCoordinates;
    pc.colourLabel = fillLabel(l.colourScale, {space.objective.metric});
    pc.lowerIsBetter = lowerIsBetter(space);
    for (const auto &p : space.params) {
        ParallelAxis a{p.key, p.low, p.high, p.kind == tuning::ParamKind::LogUniform || p.log, {}};
        if (p.kind == tuning::ParamKind::Choice) {
            a.categories = p.choices;
            a.min = 0;
            a.max = double(p.choices.size()) - 1;
            a.log = false;
        }
        pc.axes.push_back(std::move(a));
    }
    // The objective's axis spans its values (on a log scale it would hide nothing here).
    ParallelAxis objective{space.objective.metric, *ranked.front().value, *ranked.front().value, false, {}};
    for (const auto &t : ranked) {
        objective.min = std::min(objective.min, *t.value);
        objective.max = std::max(objective.max, *t.value);
    }
    pc.axes.push_back(objective);
    for (std::size_t i = 0; i < ranked.size(); ++i) {
        const tuning::Trial &t = ranked[i];
        ParallelLine line{fillLabel(l.trialLabel, {integer(t.number)}), {}, *t.value, i == 0};
        for (const auto &p : space.params)
            line.values.push_back(tuning::paramAxisValue(p, t.params));
        line.values.push_back(*t.value);
        pc.lines.push_back(std::move(line));
    }
    s.blocks.push_back(Paragraph{l.parallelNotes});
    s.blocks.push_back(std::move(pc));
    return s;
}

Section importanceSection(const tuning::SearchSpace &space, const std::vector<tuning::Trial> &trials, int complete,
                          const ReportLabels &l)
{
    Section s{sections::kImportance, l.importance, {}};
    if (complete < kSweepImportanceMinTrials) {
        s.blocks.push_back(MissingNotice{l.importance, fillLabel(l.importanceNeeds, {integer(kSweepImportanceMinTrials),
                                                                                     integer(complete)})});
        return s;
    }
    std::vector<tuning::ParamImportance> importance;
    try {
        importance = tuning::parameterImportance(space, trials);
    } catch (const std::exception &e) {
        s.blocks.push_back(MissingNotice{l.importance, fillLabel(l.importanceFailed, {e.what()})});
        return s;
    }
    s.blocks.push_back(Paragraph{fillLabel(l.importanceNotes, {integer(complete)})});
    Table t{{}, {{l.parameter}, {l.importanceShare, ColumnKind::Number}, {l.importanceStddev, ColumnKind::Number}}, {}};
    for (const auto &p : importance) {
        char share[32], sd[32];
        std::snprintf(share, sizeof share, "%.3f", p.mean);
        std::snprintf(sd, sizeof sd, "%.3f", p.stddev);
        t.rows.push_back({{p.key}, {share}, {sd}});
    }
    s.blocks.push_back(std::move(t));
    return s;
}

std::optional<std::string> readText(const Project &project, const std::string &relative)
{
    try {
        const auto file = project.resolveInside(relative);
        std::ifstream in(file, std::ios::binary);
        if (!in)
            return std::nullopt;
        std::ostringstream text;
        text << in.rdbuf();
        return text.str();
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

std::string reproduceSweepCommand(const Project &project, const SweepRecord &sweep)
{
    const std::string dir = shellQuote(project.dir().string());
    const std::string space = shellQuote(ProjectLayout().sweepSpacePath(sweep.name).string());
    return "seekbench-cli sweep create --space " + space + " --name " + shellQuote(sweep.name) + " --project " + dir
           + " && seekbench-cli sweep run --sweep " + shellQuote(sweep.name) + " --project " + dir;
}

} // namespace

bool SweepReportRequest::wants(const std::string &sectionId) const
{
    const auto it = sections.find(sectionId);
    return it == sections.end() || it->second;
}

Report buildSweepReport(const Project &project, const SweepReportRequest &request, const ReportLabels &l)
{
    if (request.topTrials < 1)
        throw ProjectError(ProjectError::Kind::BadInput,
                           "--top " + std::to_string(request.topTrials) + ": at least one best trial");
    SweepStore store(project);
    const SweepRecord sweep = store.require(request.sweepId); // names an unknown sweep
    std::optional<tuning::SearchSpace> space;
    std::string spaceProblem;
    try {
        space = sweepSpace(sweep);
    } catch (const std::exception &e) {
        spaceProblem = e.what();
    }
    const std::vector<tuning::Trial> trials = store.trials(sweep.id);

    // The trials' runs: the wall time from the first start to the last end, and the best
    // trial's run for provenance.
    RunStore runs(project);
    std::optional<double> first, last;
    for (const auto &t : trials) {
        const auto id = store.trialRun(sweep.id, t.number);
        const auto run = id ? runs.findRun(*id) : std::nullopt;
        if (!run)
            continue;
        const auto attempts = runs.attempts(run->id);
        const std::optional<double> start = attempts.empty() ? run->startedAt
                                                             : std::optional<double>(attempts.front().startedAt);
        const std::optional<double> end = run->endedAt ? run->endedAt : run->heartbeatAt;
        if (start)
            first = first ? std::min(*first, *start) : *start;
        if (end)
            last = last ? std::max(*last, *end) : *end;
    }
    const std::optional<double> wall = first && last && *last >= *first ? std::optional<double>(*last - *first)
                                                                        : std::nullopt;
    std::vector<RunRecord> provenanceRuns;
    std::vector<tuning::Trial> ranked;
    if (space) {
        ranked = rankedComplete(*space, trials);
        if (!ranked.empty())
            if (const auto id = store.trialRun(sweep.id, ranked.front().number))
                if (auto run = runs.findRun(*id))
                    provenanceRuns.push_back(std::move(*run));
    }

    Report report;
    report.kind = "sweep";
    report.language = l.language;
    report.title = request.title.empty() ? sweep.name : request.title;
    report.subtitle = fillLabel(l.sweepReportSubtitle, {sweep.name + " (" + sweep.id + ")"});
    report.notes = request.notes;
    report.contentsTitle = l.contents;
    report.provenance = reportProvenance(project, runs, provenanceRuns, l);

    if (request.wants(sections::kOverview))
        report.sections.push_back(overviewSection(sweep, space, spaceProblem, trials, wall, l));
    if (space) {
        const int complete = sweepCounts(trials).complete;
        if (request.wants(sections::kSearchSpace))
            report.sections.push_back(spaceSection(*space, l));
        if (request.wants(sections::kBestTrials))
            report.sections.push_back(bestTrialsSection(store, sweep, *space, ranked, request.topTrials, l));
        if (request.wants(sections::kBestSoFar))
            report.sections.push_back(bestSoFarSection(*space, trials, l));
        if (request.wants(sections::kParallel))
            report.sections.push_back(parallelSection(*space, ranked, l));
        if (request.wants(sections::kImportance))
            report.sections.push_back(importanceSection(*space, trials, complete, l));
    }
    if (request.wants(sections::kConfig)) {
        Section s{sections::kConfig, l.sweepDefinition, {}};
        s.blocks.push_back(CodeBlock{l.spaceYaml, "yaml", sweep.spaceYaml});
        if (space)
            if (const auto base = readText(project, space->baseConfig))
                s.blocks.push_back(CodeBlock{fillLabel(l.configSnapshot, {space->baseConfig}), "yaml", *base});
        report.sections.push_back(std::move(s));
    }
    // Provenance is on every report: this build, the commands that reproduce the sweep,
    // and the best trial's run with its environment and checkpoint.
    Section provenance = provenanceSection(report.provenance, l, false);
    provenance.blocks.insert(provenance.blocks.begin() + 1,
                             KeyValueList{{}, {{l.reproduceSweep, reproduceSweepCommand(project, sweep)}}});
    if (!provenanceRuns.empty())
        provenance.blocks.insert(provenance.blocks.begin() + 2, Paragraph{l.bestTrialRun});
    report.sections.push_back(std::move(provenance));
    return report;
}

} // namespace seekbench::projects::report
