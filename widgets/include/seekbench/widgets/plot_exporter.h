#pragma once

#include "seekbench/widgets/plot_series.h"

#include <QString>

class QCustomPlot;

namespace seekbench::widgets {

// Writes a chart as PNG or SVG (QSvgGenerator with QCustomPlot::toPainter) and its data
// as CSV (one row per point or bucket: series, step, wall time, min, max, mean).
class PlotExporter
{
public:
    static bool png(QCustomPlot *plot, const QString &path, int width, int height);
    static bool svg(QCustomPlot *plot, const QString &path, int width, int height, const QString &title);
    static bool csv(const QVector<PlotSeries> &series, const QString &path);
};

} // namespace seekbench::widgets
