// A sweep's charts in the PDF (report_pdf_page.h): parallel coordinates (one axis per
// param and the objective, one vector polyline per trial coloured by its objective, the
// best trials on top, a colour scale under it), and charts whose series are dots or steps
// (a sweep's objective by trial with its best so far). The axes' positions and the
// colours are projects/report's (report_html.h), so the PDF and the HTML agree.
#include "reports/report_pdf_page.h"

#include "seekbench/projects/report/report_html.h"

#include <QFontMetricsF>
#include <QLinearGradient>
#include <QPainterPath>

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace seekbench::ui::reportpdf {

namespace {

using projects::report::Chart;
using projects::report::ChartPoint;
using projects::report::ParallelAxis;
using projects::report::ParallelCoordinates;
using projects::report::ParallelLine;

constexpr double kParallelHeight = 190;
constexpr double kSide = 34;
const QColor kTick(0x55, 0x55, 0x55), kLabel(0x33, 0x33, 0x33), kAxis(0x88, 0x88, 0x88);

QString q(const std::string &s) { return QString::fromStdString(s); }

QColor colourAt(double t) { return QColor(q(projects::report::parallelColour(t))); }

QString number(double v) { return QString::number(v, 'g', 4); }

// Ticks of an axis as (position 0..1, text): the categories, or its ends and middle.
std::vector<std::pair<double, QString>> axisTicks(const ParallelAxis &a)
{
    std::vector<std::pair<double, QString>> out;
    if (!a.categories.empty()) {
        for (std::size_t i = 0; i < a.categories.size(); ++i)
            out.emplace_back(projects::report::parallelPosition(a, double(i)), q(a.categories[i]));
        return out;
    }
    const double mid = a.log && a.min > 0 && a.max > 0 ? std::sqrt(a.min * a.max) : (a.min + a.max) / 2;
    for (const double v : {a.min, mid, a.max})
        out.emplace_back(projects::report::parallelPosition(a, v), QString::number(v, 'g', 3));
    return out;
}

} // namespace

void drawParallelCoordinates(PageFlow &flow, const ParallelCoordinates &chart)
{
    const QFont titleFont = flow.font(9.5, true);
    const QFont tickFont = flow.font(6.5);
    const QFont nameFont = flow.font(7, true);
    const double width = flow.width();
    const std::size_t n = chart.axes.size();
    const double spacing = n > 1 ? (width - 2 * kSide) / double(n - 1) : 0;
    // The axes' names under the plot, each wrapped into the space between two axes.
    const double nameWidth = n > 1 ? std::min(spacing - 4, 110.0) : width;
    // One font for every name, the largest (7 to 5.5 pt) at which each fits or fits once
    // broken after its last dot ("training." over "warmup_steps"); never a break inside a word.
    const auto broken = [](QString name) {
        const qsizetype dot = name.lastIndexOf(QLatin1Char('.'));
        if (dot > 0 && dot + 1 < name.size())
            name.insert(dot + 1, QLatin1Char('\n'));
        return name;
    };
    const auto widest = [&](const QString &text, const QFont &font) {
        double w = 0;
        for (const QString &line : text.split(QLatin1Char('\n')))
            w = std::max(w, QFontMetricsF(font, flow.metricsDevice()).horizontalAdvance(line));
        return w;
    };
    QFont nameFontUsed = nameFont;
    for (double size = 7; size >= 5.5; size -= 0.5) {
        nameFontUsed = flow.font(size, true);
        const bool fits = std::all_of(chart.axes.begin(), chart.axes.end(), [&](const ParallelAxis &a) {
            return widest(q(a.name), nameFontUsed) <= nameWidth || widest(broken(q(a.name)), nameFontUsed) <= nameWidth;
        });
        if (fits)
            break;
    }
    std::vector<QString> names;
    double namesHeight = 0;
    for (const ParallelAxis &a : chart.axes) {
        const QString name = widest(q(a.name), nameFontUsed) <= nameWidth ? q(a.name) : broken(q(a.name));
        namesHeight = std::max(namesHeight, flow.measure(name, nameFontUsed, nameWidth));
        names.push_back(name);
    }
    const double scaleHeight = 26;
    const double titleHeight = flow.measure(q(chart.title), titleFont, width) + 4;
    flow.ensure(titleHeight + kParallelHeight + namesHeight + scaleHeight + 10);
    flow.flowText(q(chart.title), titleFont, 0, width, Qt::black);
    flow.advance(4);
    const QRectF plot(kSide, flow.y() + 6, std::max(1.0, width - 2 * kSide), kParallelHeight - 12);
    flow.advance(kParallelHeight);
    const auto axisX = [&](std::size_t i) { return n > 1 ? plot.left() + spacing * double(i) : plot.center().x(); };
    const auto axisY = [&](double position) { return plot.bottom() - position * plot.height(); };

    // The colour of a line: 0 the worst objective, 1 the best.
    ValueRange objective;
    for (const ParallelLine &l : chart.lines)
        objective.add(l.objective);
    const auto shade = [&](double v) {
        if (!objective.valid() || !std::isfinite(v) || objective.hi <= objective.lo)
            return 1.0;
        const double t = (v - objective.lo) / (objective.hi - objective.lo);
        return chart.lowerIsBetter ? 1 - t : t;
    };

    if (flow.painting()) {
        QPainter &p = flow.painter();
        p.save();
        p.setBrush(Qt::NoBrush);
        p.setRenderHint(QPainter::Antialiasing);
        // The lines: ordinary trials from worst to best, then the highlighted ones on top.
        std::vector<const ParallelLine *> order;
        for (const ParallelLine &l : chart.lines)
            order.push_back(&l);
        std::stable_sort(order.begin(), order.end(), [&](const ParallelLine *a, const ParallelLine *b) {
            if (a->highlighted != b->highlighted)
                return !a->highlighted;
            return shade(a->objective) < shade(b->objective);
        });
        p.setClipRect(plot.adjusted(-2, -2, 2, 2));
        for (const ParallelLine *l : order) {
            QColor colour = l->highlighted ? QColor(0xd6, 0x27, 0x28) : colourAt(shade(l->objective));
            if (!l->highlighted)
                colour.setAlphaF(0.75);
            p.setPen(QPen(colour, l->highlighted ? 1.6 : 0.6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            // An inactive param (NaN) is skipped: a dashed line bridges its axis, so the
            // trial still reaches the objective's axis.
            QPainterPath path, bridges;
            std::optional<QPointF> previous;
            bool skipped = false;
            for (std::size_t i = 0; i < n && i < l->values.size(); ++i) {
                const double pos = projects::report::parallelPosition(chart.axes[i], l->values[i]);
                if (!std::isfinite(pos)) {
                    skipped = true;
                    continue;
                }
                const QPointF pt(axisX(i), axisY(pos));
                if (previous && skipped) {
                    bridges.moveTo(*previous);
                    bridges.lineTo(pt);
                    path.moveTo(pt);
                } else if (previous) {
                    path.lineTo(pt);
                } else {
                    path.moveTo(pt);
                }
                previous = pt;
                skipped = false;
            }
            if (!path.isEmpty())
                p.drawPath(path);
            if (!bridges.isEmpty()) { // an empty path would be a closepath with no point in the PDF
                QPen dashed = p.pen();
                dashed.setStyle(Qt::DashLine);
                dashed.setWidthF(dashed.widthF() * 0.8);
                p.setPen(dashed);
                p.drawPath(bridges);
            }
        }
        p.setClipping(false);
        // The axes over the lines, with their ticks.
        for (std::size_t i = 0; i < n; ++i) {
            const double x = axisX(i);
            p.setPen(QPen(kAxis, 0.8));
            p.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
            const bool last = i + 1 == n && n > 1;
            for (const auto &[pos, text] : axisTicks(chart.axes[i])) {
                if (!std::isfinite(pos))
                    continue;
                const double y = axisY(pos);
                p.setPen(QPen(kAxis, 0.6));
                p.drawLine(QPointF(x - 2, y), QPointF(x + 2, y));
                // Tick labels right of the axis, the last axis' on its left; a white backing
                // keeps them readable over the lines.
                const double tw = std::min(QFontMetricsF(tickFont, flow.metricsDevice()).horizontalAdvance(text) + 2,
                                           std::max(20.0, spacing - 8));
                const double tx = last ? x - 3 - tw : x + 3;
                const double ty = std::clamp(y - 4, plot.top() - 4, plot.bottom() - 4);
                QColor backing(Qt::white);
                backing.setAlphaF(0.8);
                p.fillRect(QRectF(tx, ty, tw, 8), backing);
                flow.textAt(text, tickFont, tx, ty, tw, kTick, last ? Qt::AlignRight : Qt::AlignLeft);
            }
        }
        const double namesTop = flow.y();
        for (std::size_t i = 0; i < n; ++i) {
            double left = axisX(i) - nameWidth / 2;
            left = std::clamp(left, 0.0, width - nameWidth);
            flow.textAt(names[i], nameFontUsed, left, namesTop, nameWidth, kLabel, Qt::AlignHCenter);
        }
        // The colour scale: worst to best, the best trials' colour beside it.
        const double sy = namesTop + namesHeight + 6;
        const QRectF bar(kSide, sy + 2, 120, 7);
        QLinearGradient gradient(bar.topLeft(), bar.topRight());
        for (double t : {0.0, 0.25, 0.5, 0.75, 1.0})
            gradient.setColorAt(t, colourAt(t));
        p.fillRect(bar, gradient);
        p.setPen(QPen(kAxis, 0.4));
        p.drawRect(bar);
        if (objective.valid()) {
            const double worst = chart.lowerIsBetter ? objective.hi : objective.lo;
            const double best = chart.lowerIsBetter ? objective.lo : objective.hi;
            flow.textAt(number(worst), tickFont, bar.left() - kSide, sy + 1, kSide - 3, kTick, Qt::AlignRight);
            flow.textAt(number(best), tickFont, bar.right() + 3, sy + 1, 50, kTick);
        }
        flow.textAt(q(chart.colourLabel), flow.font(7), bar.right() + 50, sy, width - bar.right() - 50, kLabel);
        p.restore();
    }
    flow.advance(namesHeight + scaleHeight);
}

void drawDotChart(PageFlow &flow, const Chart &chart)
{
    constexpr double kPlotHeight = 170, kLeftAxis = 48, kBottomAxis = 28, kTopPad = 4, kRightPad = 8;
    // A log axis (amounts over several decades) when the chart asks for one and every value
    // can sit on it, as the HTML draws it.
    const bool logY = chart.logY && std::all_of(chart.series.begin(), chart.series.end(), [](const auto &s) {
                          return std::all_of(s.points.begin(), s.points.end(),
                                             [](const auto &pt) { return !std::isfinite(pt.mean) || pt.mean > 0; });
                      });
    const auto yOf = [logY](double v) { return logY ? std::log10(v) : v; };
    ValueRange xr, yr;
    for (const auto &s : chart.series)
        for (const ChartPoint &pt : s.points) {
            if (!std::isfinite(pt.mean))
                continue;
            xr.add(pt.x);
            yr.add(yOf(pt.mean));
        }
    // A little room around the dots, so the extreme ones are not cut by the frame.
    if (xr.valid() && yr.valid()) {
        const double dx = std::max(xr.hi - xr.lo, 1.0) * 0.02, dy = std::max(yr.hi - yr.lo, 1e-9) * 0.05;
        xr = {xr.lo - dx, xr.hi + dx};
        yr = {yr.lo - dy, yr.hi + dy};
    }
    const QFont titleFont = flow.font(9.5, true);
    const QFont tickFont = flow.font(7);
    const QFont legendFont = flow.font(7.5);
    const double width = flow.width();
    const double legendLine = flow.measure(QStringLiteral("Xg"), legendFont, 1000);
    const double titleHeight = flow.measure(q(chart.title), titleFont, width) + 4;
    flow.ensure(titleHeight + kPlotHeight + legendLine + 12);
    flow.flowText(q(chart.title), titleFont, 0, width, Qt::black);
    flow.advance(4);
    const QRectF plot(kLeftAxis, flow.y() + kTopPad, width - kLeftAxis - kRightPad, kPlotHeight - kTopPad - kBottomAxis);
    flow.advance(kPlotHeight);
    if (flow.painting()) {
        QPainter &p = flow.painter();
        p.save();
        p.setBrush(Qt::NoBrush);
        if (xr.valid() && yr.valid()) {
            const std::vector<double> xt = niceTicks(xr.lo, xr.hi), yt = valueTicks(yr, logY);
            const auto yText = [logY](double v) {
                return logY ? QString::number(std::pow(10.0, v), 'g', 6) : number(v);
            };
            const PlotAxes axes = drawPlotAxes(flow, plot, xr, xt, yr, yt, number, yText, q(chart.xLabel));
            const auto px = [&axes](double x) { return axes.px(x); };
            const auto py = [&axes](double y) { return axes.py(y); };
            p.setRenderHint(QPainter::Antialiasing);
            p.setClipRect(plot.adjusted(-3, -3, 3, 3));
            for (const auto &s : chart.series) {
                const QColor colour(q(projects::report::seriesColour(s.colorIndex)));
                if (s.dots) {
                    p.setPen(Qt::NoPen);
                    p.setBrush(colour);
                    for (const ChartPoint &pt : s.points)
                        if (std::isfinite(pt.mean))
                            p.drawEllipse(QPointF(px(pt.x), py(yOf(pt.mean))), 1.8, 1.8);
                    p.setBrush(Qt::NoBrush);
                    continue;
                }
                QPolygonF line;
                for (const ChartPoint &pt : s.points) {
                    if (!std::isfinite(pt.mean))
                        continue;
                    if (s.stepped && !line.isEmpty())
                        line << QPointF(px(pt.x), line.back().y());
                    line << QPointF(px(pt.x), py(yOf(pt.mean)));
                }
                p.setPen(QPen(colour, 1.2));
                p.drawPolyline(line);
            }
            p.setClipping(false);
        }
        p.setPen(QPen(QColor(0x99, 0x99, 0x99), 0.6));
        p.setBrush(Qt::NoBrush);
        p.drawRect(plot);
        if (!chart.yLabel.empty() && chart.yLabel != chart.title)
            flow.textAt(q(chart.yLabel), tickFont, plot.left() + 4, plot.top() + 2, plot.width() / 2, kLabel);
        double lx = 0;
        const double ly = flow.y();
        for (const auto &s : chart.series) {
            const QColor colour(q(projects::report::seriesColour(s.colorIndex)));
            if (s.dots) {
                p.setPen(Qt::NoPen);
                p.setBrush(colour);
                p.drawEllipse(QPointF(lx + 5, ly + legendLine / 2), 2, 2);
                p.setBrush(Qt::NoBrush);
            } else {
                p.fillRect(QRectF(lx, ly + legendLine / 2 - 1, 10, 2), colour);
            }
            const QString name = q(s.name);
            const double w = QFontMetricsF(legendFont, flow.metricsDevice()).horizontalAdvance(name) + 4;
            flow.textAt(name, legendFont, lx + 14, ly, w, kLabel);
            lx += 14 + w + 12;
        }
        p.restore();
    }
    flow.advance(legendLine + 8);
}

} // namespace seekbench::ui::reportpdf
