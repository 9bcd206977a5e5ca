#include "sweeps/sweep_snapshot.h"

#include "seekbench/projects/sweep_driver.h"
#include "seekbench/projects/sweep_service.h"
#include "seekbench/tuning/param_axis.h"
#include "seekbench/tuning/pareto.h"

#include <QtGlobal>

#include <algorithm>
#include <cmath>
#include <limits>

namespace seekbench::ui {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr qsizetype kMaxCurves = 200;

int chartState(tuning::TrialState state)
{
    using S = widgets::SweepChartData;
    switch (state) {
    case tuning::TrialState::Complete: return S::Complete;
    case tuning::TrialState::Pruned: return S::Pruned;
    case tuning::TrialState::Failed: return S::Failed;
    case tuning::TrialState::Infeasible: return S::Infeasible;
    case tuning::TrialState::Running: break;
    }
    return S::Running;
}

SweepSummary summarize(projects::SweepRecord &record, const std::optional<tuning::SearchSpace> &space,
                       const std::vector<tuning::Trial> &trials, const QString &problem)
{
    SweepSummary s;
    s.id = QString::fromStdString(record.id);
    s.name = QString::fromStdString(record.name);
    s.state = record.state;
    s.driverAlive = record.driver && record.driver->isAliveHere();
    const projects::SweepOutcome counts = projects::sweepCounts(trials);
    s.complete = counts.complete;
    s.pruned = counts.pruned;
    s.failed = counts.failed;
    s.infeasible = counts.infeasible;
    s.running = counts.running;
    s.total = int(trials.size());
    s.problem = problem;
    if (space) {
        s.budget = space->trials;
        s.minimize = space->objective.direction == tuning::Direction::Minimize;
        if (const auto best = projects::bestTrial(*space, trials))
            s.best = best->value;
    }
    return s;
}
} // namespace

widgets::SweepChartData chartDataFor(const tuning::SearchSpace &space, const std::vector<tuning::Trial> &trials)
{
    widgets::SweepChartData data;
    for (const tuning::ParamSpec &spec : space.params) {
        widgets::SweepAxis axis;
        axis.name = QString::fromStdString(spec.key);
        if (spec.kind == tuning::ParamKind::Choice) {
            axis.scale = widgets::SweepAxis::Scale::Categorical;
            for (const std::string &c : spec.choices)
                axis.categories << QString::fromStdString(c);
        } else if (spec.kind == tuning::ParamKind::LogUniform || (spec.kind == tuning::ParamKind::Int && spec.log)) {
            axis.scale = widgets::SweepAxis::Scale::Log;
        }
        data.params << axis;
    }
    data.objectiveName = QString::fromStdString(space.objective.metric);
    data.minimize = space.objective.direction == tuning::Direction::Minimize;
    data.values.reserve(qsizetype(trials.size()));
    for (const tuning::Trial &t : trials) {
        QList<double> row;
        row.reserve(qsizetype(space.params.size()));
        for (const tuning::ParamSpec &spec : space.params)
            row << tuning::paramAxisValue(spec, t.params);
        data.values << row;
        data.objective << (t.value ? *t.value : kNaN);
        data.trialNumbers << t.number;
        data.states << chartState(t.state);
    }
    data.normalize();
    return data;
}

SweepSnapshot loadSweepSnapshot(const std::shared_ptr<const projects::Project> &project, const QString &selectedId,
                                const std::shared_ptr<const SweepDetail> &previous)
{
    SweepSnapshot out;
    try {
        projects::SweepStore store(*project);
        for (projects::SweepRecord &record : store.sweeps()) {
            std::optional<tuning::SearchSpace> space;
            QString problem;
            try {
                space = projects::sweepSpace(record);
            } catch (const std::exception &e) {
                problem = QString::fromUtf8(e.what());
            }
            const std::vector<tuning::Trial> trials = store.trials(record.id);
            out.sweeps << summarize(record, space, trials, problem);
            if (QString::fromStdString(record.id) != selectedId)
                continue;
            QList<TrialRow> rows;
            rows.reserve(qsizetype(trials.size()));
            for (const tuning::Trial &t : trials) {
                TrialRow row{t, {}};
                if (const auto run = store.trialRun(record.id, t.number))
                    row.runId = QString::fromStdString(*run);
                rows << row;
            }
            if (previous && previous->summary == out.sweeps.back() && previous->rows == rows) {
                out.detail = previous;
                out.detailUnchanged = true;
                continue;
            }
            auto detail = std::make_shared<SweepDetail>();
            detail->summary = out.sweeps.back();
            detail->space = space;
            detail->rows = std::move(rows);
            if (space) {
                for (const tuning::ParamSpec &spec : space->params)
                    detail->paramKeys << QString::fromStdString(spec.key);
                detail->chart = chartDataFor(*space, trials);
                detail->hasCost = space->cost != tuning::CostKind::None;
                detail->costName = QString::fromLatin1(tuning::costName(space->cost));
            }
            std::vector<std::pair<double, double>> points;
            std::vector<int> pointTrial;
            for (size_t i = 0; i < trials.size(); ++i) {
                const tuning::Trial &t = trials[i];
                detail->cost << (t.cost ? *t.cost : kNaN);
                if (t.state == tuning::TrialState::Complete && t.value && t.cost) {
                    points.emplace_back(*t.value, *t.cost);
                    pointTrial.push_back(int(i));
                }
                if (t.intermediate.empty())
                    continue;
                widgets::TrialCurve curve;
                curve.trialNumber = t.number;
                curve.state = chartState(t.state);
                for (const auto &[step, value] : t.intermediate) {
                    curve.steps << double(step);
                    curve.values << value;
                }
                detail->curves << curve;
            }
            // The curves plot draws one graph per curve: past a few hundred it costs seconds
            // and shows a blur. The best curves by their last value stay, and every running one.
            if (detail->curves.size() > kMaxCurves) {
                const bool minimize = !space || space->objective.direction == tuning::Direction::Minimize;
                std::stable_sort(detail->curves.begin(), detail->curves.end(),
                                 [minimize](const widgets::TrialCurve &a, const widgets::TrialCurve &b) {
                                     const bool ra = a.state == widgets::SweepChartData::Running;
                                     const bool rb = b.state == widgets::SweepChartData::Running;
                                     if (ra != rb)
                                         return ra;
                                     return minimize ? a.values.back() < b.values.back()
                                                     : a.values.back() > b.values.back();
                                 });
                detail->curves.resize(kMaxCurves);
                std::sort(detail->curves.begin(), detail->curves.end(),
                          [](const widgets::TrialCurve &a, const widgets::TrialCurve &b) {
                              return a.trialNumber < b.trialNumber;
                          });
            }
            if (space && !points.empty())
                for (size_t i : tuning::paretoFront(points, space->objective.direction))
                    detail->paretoFront << pointTrial[i];
            out.detail = std::move(detail);
        }
    } catch (const std::exception &e) {
        out.error = QString::fromUtf8(e.what());
    }
    return out;
}

} // namespace seekbench::ui
