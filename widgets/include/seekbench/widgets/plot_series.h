#pragma once

#include <QColor>
#include <QMetaType>
#include <QString>
#include <QVector>

namespace seekbench::widgets {

// One curve as a plot draws it: raw points (min == max == mean) or decimated buckets
// (a min/max envelope per pixel column and the mean that smoothing uses). All vectors
// have the same length and are ordered by step.
struct PlotSeries
{
    QString id;    // stable across updates: which curve this is ("run/key")
    QString label; // legend text
    QVector<double> step;
    QVector<double> time; // wall time, seconds since the epoch
    QVector<double> min;
    QVector<double> max;
    QVector<double> mean;
    double startTime = 0;         // the run's start, for relative time
    double pointsPerBucket = 1;   // 1 for raw points
    QVector<double> restartSteps; // where a resumed run continued from a checkpoint
    // The run's colour (run_palette.h); invalid: the plot picks one by the series' position.
    QColor color;
    Qt::PenStyle style = Qt::SolidLine; // dashed for eval curves (metricLineStyle)

    int size() const { return static_cast<int>(step.size()); }
    void append(double s, double t, double lo, double hi, double avg)
    {
        step.append(s);
        time.append(t);
        min.append(lo);
        max.append(hi);
        mean.append(avg);
    }
};

} // namespace seekbench::widgets

Q_DECLARE_METATYPE(seekbench::widgets::PlotSeries)
