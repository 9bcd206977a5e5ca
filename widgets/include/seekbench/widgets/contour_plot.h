#pragma once

#include "seekbench/widgets/sweep_chart_data.h"

#include <QFutureWatcher>
#include <QList>
#include <QWidget>

class QCPGraph;
class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QThreadPool;

namespace seekbench::widgets {

// The objective interpolated on a grid over two parameters. Coordinates are the axes'
// own: log10 of the value on a log axis, the category index on a categorical one.
struct ContourGrid
{
    int cols = 0, rows = 0;
    double xMin = 0, xMax = 1, yMin = 0, yMax = 1; // cell centres at the edges
    QList<double> values;                          // row-major, row 0 at yMin; NaN: no data
    double at(int col, int row) const { return values.at(row * cols + col); }
    bool isEmpty() const { return values.isEmpty(); }
};

// Two parameters against the objective: the objective interpolated onto a grid (inverse
// distance weighting, in the axes' normalised coordinates, so a log axis weighs decades)
// and coloured on the sweep's viridis map, with the trials as dots. The grid is computed
// on a worker thread when the data or the parameters change (gridReady when it is shown);
// a newer request drops an older one.
class ContourPlot : public QWidget
{
    Q_OBJECT
public:
    explicit ContourPlot(QWidget *parent = nullptr);
    ~ContourPlot() override;

    void setData(const SweepChartData &data);
    void showParameters(int xParam, int yParam);
    void setGridSize(int cols, int rows); // 60 x 60 by default
    int xParameter() const { return m_xParam; }
    int yParameter() const { return m_yParam; }
    const ContourGrid &grid() const { return m_grid; } // empty until gridReady
    int dotCount() const { return m_dots; }

    // Inverse-distance weighting (power 2) of (x, y, z) onto a cols x rows grid spanning
    // the points, in coordinates normalised to the span; NaN points are skipped. A cell
    // on a point takes its value.
    static ContourGrid interpolate(const QList<double> &x, const QList<double> &y, const QList<double> &z, int cols,
                                   int rows);

    QWidget *plotWidget() const;
    void replot(); // lays out and draws now (tests, export)
    // Rings one trial's dot (the selection in the table); -1 for none.
    void highlightTrial(int trialNumber);
    int highlightedTrial() const { return m_highlight; }
    bool highlightShown() const; // the ring is on a plotted dot

Q_SIGNALS:
    void gridReady(); // the grid of the latest request is in the plot (or there is none)

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuild();
    void applyGrid(); // on the GUI thread, when the worker is done
    void applyGradient();
    void updateHighlight();

    QCustomPlot *m_plot;
    QCPColorMap *m_map;
    QCPColorScale *m_scale;
    QThreadPool *m_pool;
    QFutureWatcher<ContourGrid> *m_watcher;
    SweepChartData m_data;
    ContourGrid m_grid;
    int m_xParam = 0, m_yParam = 1, m_cols = 60, m_rows = 60, m_dots = 0;
    // The plotted dots, for the ring: their coordinates and trial numbers.
    QList<double> m_dotX, m_dotY;
    QList<int> m_dotTrial;
    int m_highlight = -1;
    QCPGraph *m_ring = nullptr;
};

} // namespace seekbench::widgets
