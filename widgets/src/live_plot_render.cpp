// LivePlot's drawing: curves to QCustomPlot graphs, the automatic range, the crosshair.
#include "seekbench/widgets/live_plot.h"

#include "envelope_band.h"
#include "qcustomplot_wrapper.h"
#include "seekbench/plotmath/smoothing.h"

#include <QElapsedTimer>
#include <QLabel>
#include <QToolTip>

#include <algorithm>
#include <cmath>
#include <limits>

namespace seekbench::widgets {

namespace {

// Curves with at most this many points are drawn with a marker at each point.
constexpr int kMarkedPoints = 40;

QColor seriesColor(int i)
{
    static const QColor palette[] = {QColor(31, 119, 180),  QColor(255, 127, 14),  QColor(44, 160, 44),
                                     QColor(214, 39, 40),   QColor(148, 103, 189), QColor(140, 86, 75),
                                     QColor(227, 119, 194), QColor(127, 127, 127)};
    return palette[i % 8];
}

// A wall-time gap much longer than the usual interval (a stopped and resumed run) is a
// break in the line: QCustomPlot leaves a gap at a NaN value.
QVector<double> gapsAt(const QVector<double> &time)
{
    QVector<double> gaps;
    if (time.size() < 3)
        return gaps;
    QVector<double> dt;
    for (int i = 1; i < time.size(); ++i)
        dt.append(time[i] - time[i - 1]);
    QVector<double> sorted = dt;
    std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
    const double limit = std::max(30.0, 20 * sorted[sorted.size() / 2]);
    for (int i = 0; i < dt.size(); ++i)
        if (dt[i] > limit)
            gaps.append(i + 1);
    return gaps;
}

} // namespace

double LivePlot::xOf(const PlotSeries &s, int i) const
{
    switch (m_xAxis) {
    case XAxis::Step: return s.step[i];
    case XAxis::WallTime: return s.time[i];
    case XAxis::Relative: return s.time[i] - s.startTime;
    }
    return s.step[i];
}

// The step at an x position, through the first curve's points (x is monotone in step).
double LivePlot::stepAtX(double x) const
{
    if (m_xAxis == XAxis::Step || m_series.isEmpty() || m_series.front().size() == 0)
        return x;
    const PlotSeries &s = m_series.front();
    int lo = 0, hi = s.size() - 1;
    while (lo < hi) {
        const int mid = (lo + hi) / 2;
        if (xOf(s, mid) < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return s.step[lo];
}

void LivePlot::rebuildGraphs()
{
    if (!m_dirty)
        return;
    m_dirty = false;
    QElapsedTimer clock;
    clock.start();
    m_plot->clearPlottables(); // curves and their min/max bands
    m_plot->clearItems();      // restart markers; the crosshair is recreated below
    m_crosshair = new QCPItemStraightLine(m_plot);
    m_crosshair->setPen(QPen(QColor(128, 128, 128, 140), 1, Qt::DashLine));
    m_crosshair->setVisible(false);

    int shown = 0;
    for (int si = 0; si < m_series.size(); ++si) {
        const PlotSeries &s = m_series[si];
        if (s.size() == 0)
            continue;
        const QColor color = s.color.isValid() ? s.color : seriesColor(si);
        const QVector<double> gaps = gapsAt(s.time);
        QVector<double> keys, lo, hi;
        QVector<QCPGraphData> mean;
        keys.reserve(s.size() + gaps.size());
        lo.reserve(s.size() + gaps.size());
        hi.reserve(s.size() + gaps.size());
        mean.reserve(s.size() + gaps.size());
        const double nan = std::numeric_limits<double>::quiet_NaN();
        int gi = 0;
        for (int i = 0; i < s.size(); ++i) {
            const double x = xOf(s, i);
            if (gi < gaps.size() && gaps[gi] == i) {
                keys.append(x);
                lo.append(nan);
                hi.append(nan);
                mean.append({x, nan});
                ++gi;
            }
            keys.append(x);
            lo.append(s.min[i]);
            hi.append(s.max[i]);
            mean.append({x, s.mean[i]});
        }
        const bool envelope = s.pointsPerBucket > 1;
        const bool smoothed = m_smoothing > 0.0;
        QColor faint = color;
        faint.setAlpha(smoothed ? 70 : 255);
        QCPGraph *raw = m_plot->addGraph();
        raw->setPen(QPen(faint, 1, smoothed ? Qt::SolidLine : s.style));
        raw->data()->set(mean, true);
        raw->setName(s.label);
        if (smoothed)
            raw->removeFromLegend();
        if (envelope) {
            QColor fill = color;
            fill.setAlpha(45);
            auto *band = new EnvelopeBand(m_plot->xAxis, m_plot->yAxis);
            band->setBrush(fill);
            band->setData(std::move(keys), std::move(lo), std::move(hi));
            band->removeFromLegend();
        }
        if (smoothed) {
            // On raw points or bucket means, never on the envelope.
            const double w = plotmath::bucketWeight(m_smoothing, s.pointsPerBucket);
            const std::vector<double> values(s.mean.begin(), s.mean.end());
            const std::vector<double> ema = plotmath::debiasedEma(values, w);
            QVector<QCPGraphData> smooth = mean;
            for (int i = 0, j = 0; i < smooth.size(); ++i)
                if (!std::isnan(smooth[i].value))
                    smooth[i].value = ema[static_cast<std::size_t>(j++)];
            QCPGraph *g = m_plot->addGraph();
            // Width 1 keeps the fast line path (measured: a width-2 antialiased
            // line doubled the replot); the faint raw curve behind sets it apart.
            g->setPen(QPen(color, 1, s.style));
            g->data()->set(smooth, true);
            g->setName(s.label);
            if (s.size() <= kMarkedPoints)
                g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, color, 5));
        } else if (s.size() <= kMarkedPoints) {
            // A curve of a few points (an eval every 1,000 steps; a single eval point) gets
            // markers: one point alone draws no line at all.
            raw->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, color, 5));
        }
        if (m_xAxis == XAxis::Step) {
            for (double r : s.restartSteps) {
                auto *marker = new QCPItemStraightLine(m_plot);
                marker->setPen(QPen(color, 1, Qt::DotLine));
                marker->point1->setCoords(r, 0);
                marker->point2->setCoords(r, 1);
            }
        }
        ++shown;
    }
    placeLegend(shown > 1);
    m_placeholder->setVisible(shown == 0);
    m_placeholder->setGeometry(m_plot->rect());
    m_plot->xAxis->setLabel(m_xAxis == XAxis::Step       ? tr("step")
                            : m_xAxis == XAxis::WallTime ? tr("wall time")
                                                         : tr("seconds since start"));
    if (m_following)
        applyAutoRange();
    m_plot->replot(QCustomPlot::rpImmediateRefresh);
    m_lastReplotMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    Q_EMIT replotted();
}

void LivePlot::applyAutoRange()
{
    m_settingRange = true;
    const bool found = m_plot->graphCount() > 0;
    m_plot->rescaleAxes(true);
    if (found && m_logY) {
        // Log scale: keep to positive values.
        QCPRange r = m_plot->yAxis->range();
        if (r.lower <= 0)
            r.lower = std::max(1e-12, r.upper * 1e-6);
        m_plot->yAxis->setRange(r);
    }
    if (found)
        m_plot->yAxis->scaleRange(1.08, m_plot->yAxis->range().center());
    m_settingRange = false;
}

void LivePlot::onMouseMove(QMouseEvent *event)
{
    if (m_series.isEmpty())
        return;
    const double x = m_plot->xAxis->pixelToCoord(event->pos().x());
    m_crosshair->point1->setCoords(x, 0);
    m_crosshair->point2->setCoords(x, 1);
    m_crosshair->setVisible(true);
    QStringList lines;
    for (const PlotSeries &s : m_series) {
        if (s.size() == 0)
            continue;
        int best = 0;
        double bestDist = std::numeric_limits<double>::max();
        for (int i = 0; i < s.size(); ++i) {
            const double d = std::abs(xOf(s, i) - x);
            if (d < bestDist) {
                bestDist = d;
                best = i;
            }
        }
        if (s.pointsPerBucket > 1)
            lines << tr("%1 @ step %2: mean %3 (min %4, max %5)")
                         .arg(s.label)
                         .arg(s.step[best])
                         .arg(s.mean[best], 0, 'g', 6)
                         .arg(s.min[best], 0, 'g', 6)
                         .arg(s.max[best], 0, 'g', 6);
        else
            lines << tr("%1 @ step %2: %3").arg(s.label).arg(s.step[best]).arg(s.mean[best], 0, 'g', 6);
    }
    QToolTip::showText(event->globalPosition().toPoint(), lines.join(QLatin1Char('\n')), m_plot);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace seekbench::widgets
