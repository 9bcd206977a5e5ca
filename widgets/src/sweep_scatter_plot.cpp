#include "seekbench/widgets/sweep_scatter_plot.h"

#include "plot_theme.h"
#include "qcustomplot_wrapper.h"
#include "seekbench/widgets/run_palette.h"

#include <QMouseEvent>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace seekbench::widgets {

namespace {

// Tol "bright", one hue per state.
QColor stateColour(int state)
{
    switch (state) {
    case SweepChartData::Pruned: return runColor(3);     // yellow
    case SweepChartData::Failed: return runColor(1);     // red
    case SweepChartData::Infeasible: return runColor(5); // purple
    case SweepChartData::Running: return runColor(4);    // cyan
    default: break;
    }
    return runColor(0); // complete: blue
}

QString stateName(int state)
{
    switch (state) {
    case SweepChartData::Pruned: return SweepScatterPlot::tr("pruned");
    case SweepChartData::Failed: return SweepScatterPlot::tr("failed");
    case SweepChartData::Infeasible: return SweepScatterPlot::tr("infeasible");
    case SweepChartData::Running: return SweepScatterPlot::tr("running");
    default: break;
    }
    return SweepScatterPlot::tr("complete");
}

QCPRange padded(double lo, double hi, bool log)
{
    if (!(lo <= hi))
        return log ? QCPRange(0.1, 10) : QCPRange(0, 1);
    if (log) {
        const double f = hi > lo ? std::pow(hi / lo, 0.05) : 2;
        return QCPRange(lo / f, hi * f);
    }
    const double pad = hi > lo ? (hi - lo) * 0.05 : std::max(0.5, std::abs(lo) * 0.1);
    return QCPRange(lo - pad, hi + pad);
}

} // namespace

SweepScatterPlot::SweepScatterPlot(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("sweepScatterPlot"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("sweepScatterCanvas"));
    followPalette(m_plot);
    m_plot->legend->setVisible(true);
    m_plot->installEventFilter(this);
    layout->addWidget(m_plot);
}

QWidget *SweepScatterPlot::plotWidget() const { return m_plot; }

void SweepScatterPlot::replot() { m_plot->replot(); }

void SweepScatterPlot::setData(const SweepChartData &data)
{
    m_data = data;
    m_data.normalize();
    if (m_mode == Mode::Pareto) // the costs and the front belong to the old trials
        m_mode = Mode::History;
    rebuild();
}

void SweepScatterPlot::showParameter(int param)
{
    m_mode = Mode::Parameter;
    m_param = param;
    rebuild();
}

void SweepScatterPlot::showHistory()
{
    m_mode = Mode::History;
    rebuild();
}

void SweepScatterPlot::showPareto(const QList<double> &cost, const QString &costName, const QList<int> &front)
{
    m_mode = Mode::Pareto;
    m_cost = cost;
    m_costName = costName;
    m_front = front;
    rebuild();
}

void SweepScatterPlot::setBestSoFarVisible(bool visible)
{
    m_bestSoFar = visible;
    rebuild();
}

QList<int> SweepScatterPlot::paretoTrials() const
{
    QList<int> out;
    if (m_mode != Mode::Pareto)
        return out;
    for (int i : m_front)
        if (i >= 0 && i < m_data.trialCount())
            out.push_back(m_data.trialNumbers.at(i));
    return out;
}

double SweepScatterPlot::jitter(int trial) const
{
    // A fixed spread per trial, so points of one category do not sit on each other and
    // stay where they are from one redraw to the next.
    const uint h = uint(m_data.trialNumbers.at(trial)) * 2654435761u;
    return ((h >> 8) % 1000) / 1000.0 * 0.36 - 0.18;
}

void SweepScatterPlot::rebuild()
{
    m_plot->clearGraphs();
    m_plot->clearItems();
    m_x.clear();
    m_y.clear();
    m_trials.clear();
    const bool paramMode = m_mode == Mode::Parameter && m_param >= 0 && m_param < m_data.params.size();
    const SweepAxis axis = paramMode ? m_data.params.at(m_param) : SweepAxis{};
    const bool log = paramMode && axis.scale == SweepAxis::Scale::Log;
    const bool categorical = paramMode && axis.scale == SweepAxis::Scale::Categorical;
    QCPAxis *xAxis = m_plot->xAxis;
    xAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else if (categorical) {
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        for (int i = 0; i < axis.categories.size(); ++i)
            ticker->addTick(i, axis.categories.at(i));
        xAxis->setTicker(ticker);
    } else
        xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    xAxis->setLabel(m_mode == Mode::Pareto ? m_costName : m_mode == Mode::History ? tr("trial") : axis.name);
    m_plot->yAxis->setLabel(m_data.objectiveName.isEmpty() ? tr("objective") : m_data.objectiveName);

    // One graph per state, the points of the front (Pareto) drawn over them.
    const double inf = std::numeric_limits<double>::infinity();
    double xlo = inf, xhi = -inf, ylo = inf, yhi = -inf;
    QList<QCPGraph *> byState(5, nullptr);
    for (int t = 0; t < m_data.trialCount(); ++t) {
        const double y = m_data.objective.value(t, std::nan(""));
        double x = m_mode == Mode::Pareto    ? m_cost.value(t, std::nan(""))
                   : m_mode == Mode::History ? m_data.trialNumbers.at(t)
                                             : m_data.values.at(t).value(m_param, std::nan(""));
        if (!std::isfinite(x) || !std::isfinite(y) || (log && x <= 0))
            continue;
        if (categorical)
            x += jitter(t);
        const int state = std::clamp(m_data.states.value(t, 0), 0, 4);
        if (!byState[state]) {
            byState[state] = m_plot->addGraph();
            QColor c = stateColour(state);
            byState[state]->setLineStyle(QCPGraph::lsNone);
            byState[state]->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, 6));
            byState[state]->setName(stateName(state));
        }
        byState[state]->addData(x, y);
        m_x << x;
        m_y << y;
        m_trials << t;
        xlo = std::min(xlo, x);
        xhi = std::max(xhi, x);
        ylo = std::min(ylo, y);
        yhi = std::max(yhi, y);
    }
    const QColor text = palette().color(QPalette::Text);
    if (m_mode == Mode::History && m_bestSoFar) {
        std::vector<int> order(m_trials.begin(), m_trials.end());
        std::sort(order.begin(), order.end(),
                  [&](int a, int b) { return m_data.trialNumbers.at(a) < m_data.trialNumbers.at(b); });
        auto *best = m_plot->addGraph();
        best->setName(tr("best so far"));
        best->setLineStyle(QCPGraph::lsStepLeft);
        best->setPen(QPen(text, 1.6));
        double running = m_data.minimize ? inf : -inf;
        for (int t : order) {
            const double y = m_data.objective.at(t);
            running = m_data.minimize ? std::min(running, y) : std::max(running, y);
            best->addData(m_data.trialNumbers.at(t), running);
        }
    }
    if (m_mode == Mode::Pareto && !m_front.isEmpty()) {
        std::vector<std::pair<double, double>> points;
        for (int i : m_front)
            if (i >= 0 && i < m_data.trialCount() && std::isfinite(m_cost.value(i, std::nan("")))
                && std::isfinite(m_data.objective.value(i, std::nan(""))))
                points.emplace_back(m_cost.at(i), m_data.objective.at(i));
        std::sort(points.begin(), points.end());
        auto *front = m_plot->addGraph();
        front->setName(tr("Pareto front"));
        front->setLineStyle(QCPGraph::lsStepLeft);
        front->setPen(QPen(runColor(1), 1.6));
        front->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(runColor(1), 2), palette().color(QPalette::Base), 10));
        for (const auto &[x, y] : points)
            front->addData(x, y);
        for (QCPGraph *g : byState) // the rest steps back
            if (g) {
                QColor c = g->scatterStyle().pen().color();
                c.setAlpha(110);
                g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, 6));
            }
    }
    m_ring = addSelectionRing(m_plot, text);
    updateHighlight();
    if (categorical) {
        xlo = -0.5;
        xhi = std::max<double>(0.5, axis.categories.size() - 0.5);
        xAxis->setRange(xlo, xhi);
    } else
        xAxis->setRange(padded(xlo, xhi, log));
    m_plot->yAxis->setRange(padded(ylo, yhi, false));
    m_plot->legend->setVisible(m_plot->graphCount() > 0);
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, m_data.minimize ? Qt::AlignTop | Qt::AlignRight
                                                                            : Qt::AlignBottom | Qt::AlignRight);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SweepScatterPlot::highlightTrial(int trialNumber)
{
    if (trialNumber == m_highlight)
        return;
    m_highlight = trialNumber;
    updateHighlight();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void SweepScatterPlot::updateHighlight()
{
    if (!m_ring)
        return;
    m_ring->data()->clear();
    for (int i = 0; i < m_trials.size(); ++i)
        if (m_data.trialNumbers.at(m_trials.at(i)) == m_highlight)
            m_ring->addData(m_x.at(i), m_y.at(i));
}

bool SweepScatterPlot::highlightShown() const { return m_ring && !m_ring->data()->isEmpty(); }

QPointF SweepScatterPlot::pointPosition(int trialNumber) const
{
    for (int i = 0; i < m_trials.size(); ++i)
        if (m_data.trialNumbers.at(m_trials.at(i)) == trialNumber)
            return {m_plot->xAxis->coordToPixel(m_x.at(i)), m_plot->yAxis->coordToPixel(m_y.at(i))};
    return {};
}

int SweepScatterPlot::trialAt(const QPointF &pos) const
{
    int best = -1;
    double bestDist = 8 * 8;
    for (int i = 0; i < m_trials.size(); ++i) {
        const double dx = m_plot->xAxis->coordToPixel(m_x.at(i)) - pos.x();
        const double dy = m_plot->yAxis->coordToPixel(m_y.at(i)) - pos.y();
        if (dx * dx + dy * dy <= bestDist) {
            bestDist = dx * dx + dy * dy;
            best = m_trials.at(i);
        }
    }
    return best >= 0 ? m_data.trialNumbers.at(best) : -1;
}

bool SweepScatterPlot::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot && event->type() == QEvent::MouseButtonRelease) {
        auto *e = static_cast<QMouseEvent *>(event);
        const int trial = e->button() == Qt::LeftButton ? trialAt(e->position()) : -1;
        if (trial >= 0)
            Q_EMIT trialClicked(trial);
    } else if (watched == m_plot && event->type() == QEvent::PaletteChange) {
        rebuild(); // the best-so-far line and the front's fill follow the theme
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace seekbench::widgets
