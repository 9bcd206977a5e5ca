#pragma once

#include "seekbench/widgets/plot_series.h"

#include <QObject>

namespace seekbench::widgets {

// Where a LivePlot gets its curves. Implementations query off the GUI thread and answer
// with the signals; the plot never reads a store itself (widgets do not link projects).
class PlotDataProvider : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Every curve over steps [fromStep, toStep] at about `buckets` columns (a min/max
    // envelope per column). Answered by seriesReplaced.
    virtual void requestRange(double fromStep, double toStep, int buckets) = 0;
    // Every curve, whole, at about `buckets` columns. Answered by seriesReplaced.
    virtual void requestAll(int buckets) = 0;

Q_SIGNALS:
    // The complete set of curves: the plot drops what it had.
    void seriesReplaced(const QVector<seekbench::widgets::PlotSeries> &series);
    // New points at the end of curves (matched by id; unknown ids are added).
    void seriesAppended(const QVector<seekbench::widgets::PlotSeries> &tails);
};

} // namespace seekbench::widgets
