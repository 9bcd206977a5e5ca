#include "seekbench/widgets/contour_plot.h"

#include "plot_theme.h"
#include "qcustomplot_wrapper.h"
#include "sweep_scale.h"

#include <QPromise>
#include <QThreadPool>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>

namespace seekbench::widgets {

namespace {

// A parameter's value in the axis's own coordinate (log10 on a log axis); NaN if none.
double axisCoordinate(const SweepAxis &axis, double v)
{
    if (!std::isfinite(v))
        return std::nan("");
    if (axis.scale == SweepAxis::Scale::Log)
        return v > 0 ? std::log10(v) : std::nan("");
    return v;
}

void setupAxis(QCPAxis *qcpAxis, const SweepAxis &axis)
{
    const bool log = axis.scale == SweepAxis::Scale::Log;
    qcpAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log) {
        qcpAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    } else if (axis.scale == SweepAxis::Scale::Categorical) {
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        for (int i = 0; i < axis.categories.size(); ++i)
            ticker->addTick(i, axis.categories.at(i));
        qcpAxis->setTicker(ticker);
    } else {
        qcpAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    }
    qcpAxis->setLabel(axis.name);
}

// From the axis's coordinate back to the value QCustomPlot plots.
double plotted(const SweepAxis &axis, double c) { return axis.scale == SweepAxis::Scale::Log ? std::pow(10.0, c) : c; }

} // namespace

ContourGrid ContourPlot::interpolate(const QList<double> &x, const QList<double> &y, const QList<double> &z, int cols,
                                     int rows)
{
    ContourGrid g;
    std::vector<double> px, py, pz;
    const double inf = std::numeric_limits<double>::infinity();
    g.xMin = g.yMin = inf;
    g.xMax = g.yMax = -inf;
    for (qsizetype i = 0; i < std::min({x.size(), y.size(), z.size()}); ++i) {
        if (!std::isfinite(x.at(i)) || !std::isfinite(y.at(i)) || !std::isfinite(z.at(i)))
            continue;
        px.push_back(x.at(i));
        py.push_back(y.at(i));
        pz.push_back(z.at(i));
        g.xMin = std::min(g.xMin, x.at(i));
        g.xMax = std::max(g.xMax, x.at(i));
        g.yMin = std::min(g.yMin, y.at(i));
        g.yMax = std::max(g.yMax, y.at(i));
    }
    if (pz.empty() || cols < 2 || rows < 2)
        return ContourGrid{};
    if (g.xMax - g.xMin < 1e-12) {
        g.xMin -= 0.5;
        g.xMax += 0.5;
    }
    if (g.yMax - g.yMin < 1e-12) {
        g.yMin -= 0.5;
        g.yMax += 0.5;
    }
    g.cols = cols;
    g.rows = rows;
    g.values.resize(qsizetype(cols) * rows);
    const double sx = 1 / (g.xMax - g.xMin), sy = 1 / (g.yMax - g.yMin);
    for (size_t i = 0; i < pz.size(); ++i) { // normalised once
        px[i] = (px[i] - g.xMin) * sx;
        py[i] = (py[i] - g.yMin) * sy;
    }
    for (int r = 0; r < rows; ++r) {
        const double cy = double(r) / (rows - 1);
        for (int c = 0; c < cols; ++c) {
            const double cx = double(c) / (cols - 1);
            double num = 0, den = 0, exact = std::nan("");
            for (size_t i = 0; i < pz.size(); ++i) {
                const double d2 = (px[i] - cx) * (px[i] - cx) + (py[i] - cy) * (py[i] - cy);
                if (d2 < 1e-14) {
                    exact = pz[i];
                    break;
                }
                num += pz[i] / d2;
                den += 1 / d2;
            }
            g.values[qsizetype(r) * cols + c] = std::isnan(exact) ? num / den : exact;
        }
    }
    return g;
}

ContourPlot::ContourPlot(QWidget *parent)
    : QWidget(parent), m_pool(new QThreadPool(this)), m_watcher(new QFutureWatcher<ContourGrid>(this))
{
    setObjectName(QStringLiteral("contourPlot"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("contourCanvas"));
    layout->addWidget(m_plot);
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->setInterpolate(true);
    m_scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(0, 1, m_scale);
    m_map->setColorScale(m_scale);
    auto *group = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    followPalette(m_plot);
    m_plot->installEventFilter(this);
    m_pool->setMaxThreadCount(1);
    connect(m_watcher, &QFutureWatcher<ContourGrid>::finished, this, &ContourPlot::applyGrid);
    applyGradient();
}

ContourPlot::~ContourPlot()
{
    m_watcher->future().cancel();
    m_pool->waitForDone(); // its task holds copies only, but finish before the members go
}

QWidget *ContourPlot::plotWidget() const { return m_plot; }

void ContourPlot::replot() { m_plot->replot(); }

void ContourPlot::setData(const SweepChartData &data)
{
    m_data = data;
    m_data.normalize();
    rebuild();
}

void ContourPlot::showParameters(int xParam, int yParam)
{
    m_xParam = xParam;
    m_yParam = yParam;
    rebuild();
}

void ContourPlot::setGridSize(int cols, int rows)
{
    m_cols = std::max(2, cols);
    m_rows = std::max(2, rows);
    rebuild();
}

void ContourPlot::applyGradient()
{
    // The sweep's map: quality 1 (the best) where the objective is best.
    QCPColorGradient gradient;
    gradient.clearColorStops();
    const QColor base = palette().color(QPalette::Base);
    for (int i = 0; i <= 16; ++i) {
        const double f = i / 16.0;
        gradient.setColorStopAt(f, objectiveColour(m_data.minimize ? 1 - f : f, base));
    }
    m_map->setGradient(gradient);
    // The scale's axis, like the plot's, in the palette's text colour.
    const QColor text = palette().color(QPalette::Text);
    m_scale->axis()->setBasePen(QPen(text));
    m_scale->axis()->setTickPen(QPen(text));
    m_scale->axis()->setSubTickPen(QPen(text));
    m_scale->axis()->setTickLabelColor(text);
    m_scale->axis()->setLabelColor(text);
}

void ContourPlot::rebuild()
{
    const int params = int(m_data.params.size());
    m_plot->clearGraphs();
    m_ring = nullptr;
    m_dotX.clear();
    m_dotY.clear();
    m_dotTrial.clear();
    m_map->data()->clear();
    m_grid = {};
    m_dots = 0;
    m_watcher->future().cancel(); // a grid still on its way is stale now
    applyGradient();
    if (m_xParam < 0 || m_yParam < 0 || m_xParam >= params || m_yParam >= params) {
        m_plot->replot(QCustomPlot::rpQueuedReplot);
        m_watcher->setFuture(QFuture<ContourGrid>());
        Q_EMIT gridReady();
        return;
    }
    const SweepAxis &ax = m_data.params.at(m_xParam), &ay = m_data.params.at(m_yParam);
    QList<double> xs, ys, zs;
    for (int t = 0; t < m_data.trialCount(); ++t) {
        xs << axisCoordinate(ax, m_data.values.at(t).value(m_xParam, std::nan("")));
        ys << axisCoordinate(ay, m_data.values.at(t).value(m_yParam, std::nan("")));
        zs << m_data.objective.value(t, std::nan(""));
    }
    setupAxis(m_plot->xAxis, ax);
    setupAxis(m_plot->yAxis, ay);
    m_scale->axis()->setLabel(m_data.objectiveName.isEmpty() ? tr("objective") : m_data.objectiveName);

    // The trials: small discs with a ring in the base colour, readable on any cell.
    auto *dots = m_plot->addGraph();
    dots->setLineStyle(QCPGraph::lsNone);
    dots->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(palette().color(QPalette::Base), 1.2),
                                          palette().color(QPalette::Text), 6));
    dots->setName(tr("trials"));
    for (int t = 0; t < xs.size(); ++t)
        if (std::isfinite(xs.at(t)) && std::isfinite(ys.at(t)) && std::isfinite(zs.at(t))) {
            dots->addData(plotted(ax, xs.at(t)), plotted(ay, ys.at(t)));
            m_dotX << plotted(ax, xs.at(t));
            m_dotY << plotted(ay, ys.at(t));
            m_dotTrial << m_data.trialNumbers.at(t);
            ++m_dots;
        }
    // Red, which the viridis cells (purple to yellow) never are: visible on any of them.
    m_ring = addSelectionRing(m_plot, QColor(232, 69, 60));
    updateHighlight();

    // The grid on the widget's worker thread (tens of ms at thousands of trials); the
    // watcher drops a result that a newer request replaced.
    auto promise = std::make_shared<QPromise<ContourGrid>>();
    m_watcher->setFuture(promise->future());
    const int cols = m_cols, rows = m_rows;
    m_pool->start([promise, xs, ys, zs, cols, rows] {
        promise->start();
        if (!promise->isCanceled())
            promise->addResult(interpolate(xs, ys, zs, cols, rows));
        promise->finish();
    });
}

void ContourPlot::highlightTrial(int trialNumber)
{
    if (trialNumber == m_highlight)
        return;
    m_highlight = trialNumber;
    updateHighlight();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ContourPlot::updateHighlight()
{
    if (!m_ring)
        return;
    m_ring->data()->clear();
    if (const auto i = m_dotTrial.indexOf(m_highlight); i >= 0)
        m_ring->addData(m_dotX.at(i), m_dotY.at(i));
}

bool ContourPlot::highlightShown() const { return m_ring && !m_ring->data()->isEmpty(); }

void ContourPlot::applyGrid()
{
    const QFuture<ContourGrid> future = m_watcher->future();
    if (future.isCanceled() || future.resultCount() == 0)
        return;
    m_grid = future.result();
    const SweepAxis &ax = m_data.params.at(m_xParam), &ay = m_data.params.at(m_yParam);
    if (!m_grid.isEmpty()) {
        m_map->data()->setSize(m_grid.cols, m_grid.rows);
        m_map->data()->setRange(QCPRange(plotted(ax, m_grid.xMin), plotted(ax, m_grid.xMax)),
                                QCPRange(plotted(ay, m_grid.yMin), plotted(ay, m_grid.yMax)));
        for (int r = 0; r < m_grid.rows; ++r)
            for (int c = 0; c < m_grid.cols; ++c)
                m_map->data()->setCell(c, r, m_grid.at(c, r));
        m_map->rescaleDataRange(true);
        // A margin so that the dots on the edges show whole: half a category, or 3%.
        const double padX = ax.scale == SweepAxis::Scale::Categorical ? 0.5 : 0.03 * (m_grid.xMax - m_grid.xMin);
        const double padY = ay.scale == SweepAxis::Scale::Categorical ? 0.5 : 0.03 * (m_grid.yMax - m_grid.yMin);
        m_plot->xAxis->setRange(plotted(ax, m_grid.xMin - padX), plotted(ax, m_grid.xMax + padX));
        m_plot->yAxis->setRange(plotted(ay, m_grid.yMin - padY), plotted(ay, m_grid.yMax + padY));
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    Q_EMIT gridReady();
}

bool ContourPlot::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot && event->type() == QEvent::PaletteChange)
        rebuild();
    return QWidget::eventFilter(watched, event);
}

} // namespace seekbench::widgets
