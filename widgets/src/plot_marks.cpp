#include "seekbench/widgets/plot_marks.h"

#include "qcustomplot_wrapper.h"
#include "seekbench/widgets/live_plot.h"

#include <QToolTip>

#include <algorithm>
#include <cmath>

namespace seekbench::widgets {

PlotMarks::PlotMarks(LivePlot *plot) : QObject(plot), m_plot(plot)
{
    // LivePlot clears every item when it rebuilds its curves; ours go back on after.
    connect(plot, &LivePlot::replotted, this, &PlotMarks::redraw);
    connect(plot->canvas(), &QCustomPlot::afterReplot, this, &PlotMarks::drawn);
}

void PlotMarks::setMarks(const QVector<PlotMark> &marks)
{
    m_marks = marks;
    redraw();
}

void PlotMarks::setSpans(const QVector<PlotSpan> &spans)
{
    m_spans = spans;
    redraw();
}

void PlotMarks::setLevels(const QVector<PlotLevel> &levels)
{
    m_levels = levels;
    redraw();
}

void PlotMarks::setCaption(const QString &caption)
{
    m_caption = caption;
    redraw();
}

void PlotMarks::setStacked(int leftMargin, bool xTicks, const QString &xLabel, int minHeight)
{
    m_stacked = true;
    m_xTicks = xTicks;
    m_xLabel = xLabel;
    m_plot->setViewControlsVisible(false);
    for (const char *name : {"logYCheck", "boxZoomButton", "exportButton"})
        if (auto *w = m_plot->findChild<QWidget *>(QString::fromLatin1(name)))
            w->hide();
    QCustomPlot *plot = m_plot->canvas();
    plot->setMinimumHeight(minHeight);
    QCPAxisRect *rect = plot->axisRect();
    rect->setAutoMargins(QCP::msTop | QCP::msRight | QCP::msBottom);
    rect->setMargins(QMargins(leftMargin, 0, 0, 0));
    redraw();
}

void PlotMarks::setDateAxis()
{
    m_plot->setXAxis(LivePlot::XAxis::WallTime);
    auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
    ticker->setDateTimeSpec(Qt::UTC);
    ticker->setDateTimeFormat(QStringLiteral("MMM d\nHH:mm"));
    ticker->setTickCount(8);
    m_plot->canvas()->xAxis->setTicker(ticker);
    redraw();
}

void PlotMarks::setHoverText(std::function<QString(double)> xText)
{
    if (!m_xText) // after LivePlot's own handler, so this tooltip is the one left showing
        connect(m_plot->canvas(), &QCustomPlot::mouseMove, this,
                [this](QMouseEvent *e) { showHover(e->pos(), e->globalPosition().toPoint()); });
    m_xText = std::move(xText);
}

void PlotMarks::showHover(const QPoint &pos, const QPoint &global)
{
    const QCustomPlot *plot = m_plot->canvas();
    const double x = plot->xAxis->pixelToCoord(pos.x());
    const bool wall = m_plot->xAxis() == LivePlot::XAxis::WallTime;
    QStringList lines;
    for (const PlotSeries &s : m_plot->series()) {
        const QVector<double> &xs = wall ? s.time : s.step;
        if (xs.isEmpty())
            continue;
        // The nearest point: the curves are in x order.
        auto it = std::lower_bound(xs.begin(), xs.end(), x);
        if (it == xs.end() || (it != xs.begin() && x - *(it - 1) < *it - x))
            --it;
        const auto i = it - xs.begin();
        if (lines.isEmpty())
            lines << m_xText(*it);
        const double v = s.mean[i];
        lines << tr("%1: %2").arg(s.label, std::isnan(v) ? tr("no reading") : QString::number(v, 'g', 5));
    }
    if (!lines.isEmpty())
        QToolTip::showText(global, lines.join(QLatin1Char('\n')), m_plot->canvas());
}

std::pair<int, int> PlotMarks::plotArea() const
{
    const QRect r = m_plot->canvas()->axisRect()->rect();
    const QPoint offset = m_plot->canvas()->mapTo(m_plot.data(), QPoint(0, 0));
    return {r.left() + offset.x(), r.right() + offset.x()};
}

void PlotMarks::redraw()
{
    if (!m_plot)
        return;
    QCustomPlot *plot = m_plot->canvas();
    for (const auto &item : std::as_const(m_items))
        if (item)
            plot->removeItem(item.data());
    m_items.clear();
    for (const PlotSpan &s : std::as_const(m_spans)) {
        auto *rect = new QCPItemRect(plot);
        rect->setLayer(QStringLiteral("grid")); // behind the curves
        rect->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
        rect->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
        rect->topLeft->setCoords(s.from, 0);
        rect->bottomRight->setCoords(s.to, 1);
        rect->setPen(Qt::NoPen);
        rect->setBrush(s.color);
        rect->setClipToAxisRect(true);
        m_items.append(rect);
    }
    for (const PlotLevel &l : std::as_const(m_levels)) {
        auto *line = new QCPItemStraightLine(plot);
        line->point1->setCoords(0, l.y);
        line->point2->setCoords(1, l.y);
        line->setPen(QPen(l.color, 1.2, l.style));
        m_items.append(line);
    }
    for (const PlotMark &m : std::as_const(m_marks)) {
        auto *line = new QCPItemStraightLine(plot);
        line->point1->setCoords(m.x, 0);
        line->point2->setCoords(m.x, 1);
        line->setPen(QPen(m.color, m.width, m.style));
        m_items.append(line);
    }
    if (!m_caption.isEmpty()) {
        auto *text = new QCPItemText(plot);
        text->setLayer(QStringLiteral("legend"));
        text->position->setType(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(0.004, 0.03);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        const QPalette &pal = m_plot->palette();
        QColor back = pal.color(QPalette::Base);
        back.setAlpha(210);
        text->setColor(pal.color(QPalette::Text));
        text->setBrush(back);
        text->setPadding(QMargins(4, 1, 4, 1));
        text->setText(m_caption);
        m_items.append(text);
    }
    if (m_stacked) {
        plot->xAxis->setTickLabels(m_xTicks);
        plot->xAxis->setLabel(m_xTicks ? m_xLabel : QString());
    }
    plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlotGroup::add(LivePlot *plot)
{
    m_plots.append(plot);
    connect(plot->canvas()->xAxis, qOverload<const QCPRange &>(&QCPAxis::rangeChanged), this,
            [this, plot](const QCPRange &r) { follow(plot, r.lower, r.upper); });
}

void PlotGroup::setXRange(double lower, double upper)
{
    m_syncing = true;
    for (const auto &p : std::as_const(m_plots))
        if (p)
            p->zoomToSteps(lower, upper);
    m_syncing = false;
    Q_EMIT xRangeChanged(lower, upper);
}

std::pair<double, double> PlotGroup::xRange() const
{
    for (const auto &p : m_plots)
        if (p)
            return p->xRange();
    return {0, 0};
}

void PlotGroup::follow(LivePlot *from, double lower, double upper)
{
    if (m_syncing)
        return;
    m_syncing = true;
    for (const auto &p : std::as_const(m_plots))
        if (p && p != from && p->xRange() != std::make_pair(lower, upper))
            p->zoomToSteps(lower, upper);
    m_syncing = false;
    Q_EMIT xRangeChanged(lower, upper);
}

} // namespace seekbench::widgets
