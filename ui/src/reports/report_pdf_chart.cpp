// A report chart in the PDF: the mean of each bucket as a line over its min/max band, in
// vector paths, with ticked axes and a legend (report_pdf_page.h).
#include "reports/report_pdf_page.h"

#include "seekbench/projects/report/report_html.h"

#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace seekbench::ui::reportpdf {

namespace {

using projects::report::Chart;
using projects::report::ChartPoint;

constexpr double kPlotHeight = 170;
constexpr double kLeftAxis = 48, kBottomAxis = 28, kTopPad = 4, kRightPad = 8;

// Steps and other large x values as 200k, 1.5M.
QString xTickText(double v)
{
    const double a = std::abs(v);
    if (a >= 1e6)
        return QString::number(v / 1e6, 'g', 4) + QLatin1Char('M');
    if (a >= 1e4)
        return QString::number(v / 1e3, 'g', 4) + QLatin1Char('k');
    return QString::number(v, 'g', 6);
}

QString tickText(double v, bool logY)
{
    return logY ? QString::number(std::pow(10.0, v), 'g', 6) : QString::number(v, 'g', 4);
}

} // namespace

std::vector<double> niceTicks(double lo, double hi)
{
    if (!(hi > lo)) {
        const double pad = lo == 0 ? 1 : std::abs(lo) * 0.1;
        lo -= pad;
        hi += pad;
    }
    const double raw = (hi - lo) / 5;
    const double power = std::pow(10.0, std::floor(std::log10(raw)));
    double step = power;
    for (double m : {1.0, 2.0, 5.0, 10.0})
        if (raw <= m * power) {
            step = m * power;
            break;
        }
    std::vector<double> ticks;
    for (double t = std::ceil(lo / step) * step; t <= hi + step * 1e-9; t += step)
        ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
    return ticks;
}

std::vector<double> valueTicks(const ValueRange &r, bool log)
{
    if (!log || std::floor(r.hi) - std::ceil(r.lo) < 1)
        return niceTicks(r.lo, r.hi);
    std::vector<double> decades; // 0.01, 0.1, 1 ...
    for (double d = std::ceil(r.lo); d <= std::floor(r.hi); d += 1)
        decades.push_back(d);
    return decades;
}

PlotAxes drawPlotAxes(PageFlow &flow, const QRectF &plot, const ValueRange &xr, const std::vector<double> &xt,
                      const ValueRange &yr, const std::vector<double> &yt, const std::function<QString(double)> &xText,
                      const std::function<QString(double)> &yText, const QString &xLabel)
{
    const PlotAxes a{plot, std::min(xr.lo, xt.front()), std::max(xr.hi, xt.back()), std::min(yr.lo, yt.front()),
                     std::max(yr.hi, yt.back())};
    const QColor tick(0x55, 0x55, 0x55), label(0x33, 0x33, 0x33);
    const QFont tickFont = flow.font(7);
    QPainter &p = flow.painter();
    p.setPen(QPen(QColor(0xe4, 0xe4, 0xe4), 0.4));
    for (double t : yt)
        p.drawLine(QPointF(plot.left(), a.py(t)), QPointF(plot.right(), a.py(t)));
    for (double t : yt)
        flow.textAt(yText(t), tickFont, 0, a.py(t) - 4.5, plot.left() - 4, tick, Qt::AlignRight);
    for (double t : xt)
        flow.textAt(xText(t), tickFont, a.px(t) - 30, plot.bottom() + 3, 60, tick, Qt::AlignHCenter);
    flow.textAt(xLabel, tickFont, plot.left(), plot.bottom() + 14, plot.width(), label, Qt::AlignHCenter);
    return a;
}

void drawChart(PageFlow &flow, const Chart &chart)
{
    const bool anyNonPositive = std::any_of(chart.series.begin(), chart.series.end(), [](const auto &s) {
        return std::any_of(s.points.begin(), s.points.end(),
                           [](const ChartPoint &p) { return p.min <= 0 || p.mean <= 0; });
    });
    const bool logY = chart.logY && !anyNonPositive;
    const auto yOf = [logY](double v) { return logY ? std::log10(v) : v; };
    ValueRange xr, yr;
    for (const auto &s : chart.series)
        for (const ChartPoint &p : s.points) {
            xr.add(p.x);
            yr.add(yOf(p.mean));
            if (chart.band) {
                yr.add(yOf(p.min));
                yr.add(yOf(p.max));
            }
        }

    const QFont titleFont = flow.font(9.5, true);
    const QFont tickFont = flow.font(7);
    const QFont legendFont = flow.font(7.5);
    const double width = flow.width();
    // The legend: one swatch and name per series, wrapped across lines.
    struct LegendItem
    {
        QString name;
        QColor colour;
        double x = 0, line = 0, width = 0;
    };
    std::vector<LegendItem> legend;
    double lx = 0, lineNo = 0;
    const double legendLine = flow.measure(QStringLiteral("Xg"), legendFont, 1000);
    for (const auto &s : chart.series) {
        LegendItem item{QString::fromStdString(s.name),
                        QColor(QString::fromStdString(projects::report::seriesColour(s.colorIndex)))};
        // Measured the way textAt draws it (a font metric of the plain text came out narrower
        // than the layout, and long legends ran off the page).
        item.width = 14 + flow.naturalWidth(item.name, legendFont) + 12;
        if (lx > 0 && lx + item.width > width) {
            lx = 0;
            ++lineNo;
        }
        item.x = lx;
        item.line = lineNo;
        lx += item.width;
        legend.push_back(item);
    }
    const double legendHeight = legend.empty() ? 0 : (lineNo + 1) * legendLine + 4;
    const double titleHeight = flow.measure(QString::fromStdString(chart.title), titleFont, width) + 4;
    flow.ensure(titleHeight + kPlotHeight + legendHeight + 10);
    flow.flowText(QString::fromStdString(chart.title), titleFont, 0, width, Qt::black);
    flow.advance(4);
    const double top = flow.y();
    const QRectF plot(kLeftAxis, top + kTopPad, width - kLeftAxis - kRightPad, kPlotHeight - kTopPad - kBottomAxis);
    flow.advance(kPlotHeight);

    if (flow.painting()) {
        QPainter &p = flow.painter();
        p.save();
        p.setBrush(Qt::NoBrush);
        if (xr.valid() && yr.valid()) {
            const std::vector<double> xt = niceTicks(xr.lo, xr.hi), yt = valueTicks(yr, logY);
            const PlotAxes axes = drawPlotAxes(
                flow, plot, xr, xt, yr, yt, xTickText, [logY](double v) { return tickText(v, logY); },
                QString::fromStdString(chart.xLabel));
            const auto px = [&axes](double x) { return axes.px(x); };
            const auto py = [&axes](double y) { return axes.py(y); };
            p.setClipRect(plot.adjusted(-1, -1, 1, 1));
            for (const auto &s : chart.series) {
                if (s.points.empty())
                    continue;
                const QColor colour(QString::fromStdString(projects::report::seriesColour(s.colorIndex)));
                if (chart.band && s.points.size() > 1) {
                    QPainterPath band;
                    band.moveTo(px(s.points.front().x), py(yOf(s.points.front().max)));
                    for (const ChartPoint &pt : s.points)
                        band.lineTo(px(pt.x), py(yOf(pt.max)));
                    for (auto it = s.points.rbegin(); it != s.points.rend(); ++it)
                        band.lineTo(px(it->x), py(yOf(it->min)));
                    band.closeSubpath();
                    QColor fill = colour;
                    fill.setAlphaF(0.22);
                    p.fillPath(band, fill);
                }
                QPolygonF line;
                for (const ChartPoint &pt : s.points)
                    if (std::isfinite(pt.mean))
                        line << QPointF(px(pt.x), py(yOf(pt.mean)));
                p.setPen(QPen(colour, 1.1));
                if (line.size() == 1)
                    p.drawEllipse(line.front(), 1.5, 1.5);
                else
                    p.drawPolyline(line);
            }
            p.setClipping(false);
        }
        p.setPen(QPen(QColor(0x99, 0x99, 0x99), 0.6));
        p.setBrush(Qt::NoBrush); // an outline: a series' brush must not fill the frame
        p.drawRect(plot);
        p.restore();
        if (!chart.yLabel.empty() && chart.yLabel != chart.title)
            flow.textAt(QString::fromStdString(chart.yLabel), tickFont, plot.left() + 4, plot.top() + 2,
                        plot.width() / 2, QColor(0x33, 0x33, 0x33));
        const double legendTop = flow.y();
        for (const LegendItem &item : legend) {
            const double y = legendTop + item.line * legendLine;
            p.fillRect(QRectF(item.x, y + legendLine / 2 - 2, 10, 4), item.colour);
            flow.textAt(item.name, legendFont, item.x + 14, y, item.width - 14, QColor(0x33, 0x33, 0x33));
        }
    }
    flow.advance(legendHeight + 8);
}

} // namespace seekbench::ui::reportpdf
