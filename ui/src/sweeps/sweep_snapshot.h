#pragma once

// What the Sweeps mode shows, read from the store in one go off the GUI thread
// (loadSweepSnapshot) and handed to the GUI whole: the project's sweeps with their counts
// and best values, and the selected sweep's trials already converted into the trial
// table's rows and the charts' data.

#include "seekbench/projects/sweep_store.h"
#include "seekbench/tuning/search_space.h"
#include "seekbench/tuning/trial.h"
#include "seekbench/widgets/sweep_chart_data.h"
#include "seekbench/widgets/trial_curves_plot.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>
#include <vector>

namespace seekbench::projects {
class Project;
}

namespace seekbench::ui {

struct SweepSummary
{
    QString id, name;
    projects::SweepState state = projects::SweepState::Active;
    bool driverAlive = false; // a `sweep run` process of this host drives it now
    int complete = 0, pruned = 0, failed = 0, infeasible = 0, running = 0, total = 0;
    int budget = 0;
    std::optional<double> best;
    bool minimize = true;
    QString problem; // the space does not parse (then the counts still hold)

    bool operator==(const SweepSummary &) const = default;
};

// One row of the trial table: the trial and the id of its run.
struct TrialRow
{
    tuning::Trial trial;
    QString runId;

    bool operator==(const TrialRow &) const = default;
};

struct SweepDetail
{
    SweepSummary summary;
    std::optional<tuning::SearchSpace> space;
    QStringList paramKeys; // the space's params, in its order
    QList<TrialRow> rows;
    widgets::SweepChartData chart;
    QList<widgets::TrialCurve> curves;
    QList<double> cost;     // per chart trial; NaN when none
    QList<int> paretoFront; // indices into the chart's trials
    bool hasCost = false;
    QString costName;
};

struct SweepSnapshot
{
    QList<SweepSummary> sweeps;
    std::shared_ptr<const SweepDetail> detail; // the selected sweep's; null when none
    bool detailUnchanged = false;              // the same trials as `previous`
    QString error;                             // reading the store failed
};

// Reads the sweeps and, when `selectedId` names one, its trials. `previous` is the detail
// shown now: when nothing of the sweep changed, the snapshot says so and skips building.
// Safe on any thread (its own store connection).
SweepSnapshot loadSweepSnapshot(const std::shared_ptr<const projects::Project> &project, const QString &selectedId,
                                const std::shared_ptr<const SweepDetail> &previous);

// The charts' view of a sweep's trials (pure; for tests as well).
widgets::SweepChartData chartDataFor(const tuning::SearchSpace &space, const std::vector<tuning::Trial> &trials);

} // namespace seekbench::ui

Q_DECLARE_METATYPE(seekbench::ui::SweepSnapshot)
