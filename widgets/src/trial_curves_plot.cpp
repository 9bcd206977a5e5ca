#include "seekbench/widgets/trial_curves_plot.h"

#include "plot_theme.h"
#include "qcustomplot_wrapper.h"
#include "seekbench/widgets/run_palette.h"
#include "sweep_scale.h"

#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace seekbench::widgets {

TrialCurvesPlot::TrialCurvesPlot(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("trialCurvesPlot"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_plot = new QCustomPlot(this);
    m_plot->setObjectName(QStringLiteral("trialCurvesCanvas"));
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    followPalette(m_plot);
    m_plot->installEventFilter(this);
    m_plot->xAxis->setLabel(tr("step"));
    layout->addWidget(m_plot);
}

QWidget *TrialCurvesPlot::plotWidget() const { return m_plot; }

void TrialCurvesPlot::replot() { m_plot->replot(); }

void TrialCurvesPlot::setCurves(const QList<TrialCurve> &curves, const QString &metricName, bool minimize)
{
    m_curves = curves;
    m_metric = metricName;
    m_minimize = minimize;
    rebuild();
}

void TrialCurvesPlot::setLogY(bool on)
{
    m_logY = on;
    rebuild();
}

void TrialCurvesPlot::highlightTrial(int trialNumber)
{
    const bool known = std::any_of(m_curves.begin(), m_curves.end(),
                                   [&](const TrialCurve &c) { return c.trialNumber == trialNumber; });
    m_highlight = known ? trialNumber : -1;
    rebuild();
}

bool TrialCurvesPlot::curveFaded(int trialNumber) const
{
    return std::any_of(m_curves.begin(), m_curves.end(), [&](const TrialCurve &c) {
        return c.trialNumber == trialNumber && c.state == SweepChartData::Pruned;
    });
}

QColor TrialCurvesPlot::curveColour(int trialNumber) const
{
    for (int i = 0; i < m_curves.size(); ++i)
        if (m_curves.at(i).trialNumber == trialNumber)
            return m_graphs.value(i) ? m_graphs.at(i)->pen().color() : QColor();
    return {};
}

QColor TrialCurvesPlot::colourOf(int index, double lo, double hi) const
{
    const TrialCurve &c = m_curves.at(index);
    const int n = int(m_curves.size());
    const int alpha = n <= 50 ? 230 : std::max(70, int(230 * std::sqrt(50.0 / n)));
    QColor colour;
    if (c.state == SweepChartData::Pruned) {
        colour = palette().color(QPalette::Text);
        colour.setAlpha(std::max(35, alpha / 3));
        return colour;
    }
    if (c.state == SweepChartData::Running)
        colour = runColor(4);
    else if (!c.values.isEmpty() && std::isfinite(c.values.back()))
        colour = objectiveColour(objectiveQuality(c.values.back(), lo, hi, m_minimize), palette().color(QPalette::Base));
    else
        colour = palette().color(QPalette::Mid);
    colour.setAlpha(alpha);
    return colour;
}

void TrialCurvesPlot::rebuild()
{
    m_plot->clearGraphs();
    m_graphs.clear();
    m_plot->yAxis->setLabel(m_metric);
    m_plot->yAxis->setScaleType(m_logY ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (m_logY)
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    else
        m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    // The colour range: the last values of the trials that were not pruned.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const TrialCurve &c : m_curves)
        if (c.state != SweepChartData::Pruned && !c.values.isEmpty() && std::isfinite(c.values.back())) {
            lo = std::min(lo, c.values.back());
            hi = std::max(hi, c.values.back());
        }
    // Pruned first, then the rest from the worst last value to the best, the highlighted
    // last: later graphs are drawn on top.
    std::vector<int> order(size_t(m_curves.size()));
    std::iota(order.begin(), order.end(), 0);
    auto rank = [&](int i) {
        const TrialCurve &c = m_curves.at(i);
        const double last = c.values.isEmpty() ? std::nan("") : c.values.back();
        const double quality = std::isfinite(last) ? objectiveQuality(last, lo, hi, m_minimize) : -1;
        return std::pair(c.trialNumber == m_highlight ? 2 : c.state == SweepChartData::Pruned ? 0 : 1, quality);
    };
    std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return rank(a) < rank(b); });
    m_graphs = QList<QCPGraph *>(m_curves.size(), nullptr);
    for (int i : order) {
        const TrialCurve &c = m_curves.at(i);
        auto *graph = m_plot->addGraph();
        QColor colour = colourOf(i, lo, hi);
        double width = 1.2;
        if (c.trialNumber == m_highlight) {
            colour.setAlpha(255);
            width = 3;
        }
        graph->setPen(QPen(colour, width));
        graph->setData(QVector<double>(c.steps.begin(), c.steps.end()),
                       QVector<double>(c.values.begin(), c.values.end()), true);
        m_graphs[i] = graph;
    }
    m_plot->rescaleAxes();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

bool TrialCurvesPlot::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot && event->type() == QEvent::PaletteChange)
        rebuild(); // the colours depend on the background
    return QWidget::eventFilter(watched, event);
}

} // namespace seekbench::widgets
