#pragma once

// The plain data the sweep charts draw (parallel coordinates, scatter, contour): the
// parameters' axes and, per trial, one value per parameter and the objective. The charts
// know nothing of core's tuning types; ui/ converts a sweep's trials into this.

#include <QList>
#include <QString>
#include <QStringList>

#include <limits>

namespace seekbench::widgets {

struct SweepAxis
{
    enum class Scale { Linear, Log, Categorical };
    QString name;
    Scale scale = Scale::Linear;
    QStringList categories; // Categorical: a trial's value is the category's index
};

struct SweepChartData
{
    enum State { Complete = 0, Pruned = 1, Failed = 2, Infeasible = 3, Running = 4 };
    QList<SweepAxis> params;
    QString objectiveName;
    bool minimize = true;
    QList<QList<double>> values; // per trial: one value per param, NaN when inactive
    QList<double> objective;     // per trial, NaN when none
    QList<int> trialNumbers;     // per trial
    QList<int> states;           // per trial, a State

    int trialCount() const { return int(trialNumbers.size()); }
    // Pads values (one per param, NaN), objective (NaN) and states (Complete) to one entry
    // per trial, so that a chart can index them freely. The charts call it on setData.
    void normalize()
    {
        const qsizetype n = trialNumbers.size();
        values.resize(n);
        for (QList<double> &row : values)
            if (row.size() < params.size())
                row.resize(params.size(), std::numeric_limits<double>::quiet_NaN());
        objective.resize(n, std::numeric_limits<double>::quiet_NaN());
        states.resize(n, Complete);
    }
};

} // namespace seekbench::widgets
