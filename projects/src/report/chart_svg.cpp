// A chart as inline SVG: axes with round ticks, per series the min/max band as a filled
// path under the mean as a line. Scales with its container (viewBox, width 100%).

#include "seekbench/projects/report/report_html.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace seekbench::projects::report {

namespace {

constexpr double kWidth = 720, kHeight = 320;
constexpr double kLeft = 64, kRight = 28, kTop = 12, kBottom = 44;

const char *const kPalette[] = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
                                "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"};

std::string coord(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
}

std::string tickText(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6g", std::abs(v) < 1e-12 ? 0.0 : v);
    return buf;
}

// About `count` round values (1, 2, 5 x 10^k steps) covering [lo, hi].
std::vector<double> niceTicks(double lo, double hi, int count)
{
    if (!(hi > lo))
        return {lo};
    const double raw = (hi - lo) / count;
    const double mag = std::pow(10.0, std::floor(std::log10(raw)));
    const double f = raw / mag;
    const double step = (f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10) * mag;
    std::vector<double> out;
    for (double v = std::ceil(lo / step) * step; v <= hi + step * 1e-9; v += step)
        out.push_back(v);
    return out;
}

} // namespace

std::string renderChartSvg(const Chart &chart)
{
    const auto ty = [&](double v) { return chart.logY ? (v > 0 ? std::log10(v) : NAN) : v; };
    double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
    for (const auto &s : chart.series)
        for (const auto &p : s.points) {
            if (!std::isfinite(p.x) || !std::isfinite(ty(p.mean)))
                continue;
            x0 = std::min(x0, p.x);
            x1 = std::max(x1, p.x);
            const double values[] = {p.mean, chart.band ? p.min : p.mean, chart.band ? p.max : p.mean};
            for (const double v : values)
                if (std::isfinite(ty(v))) {
                    y0 = std::min(y0, ty(v));
                    y1 = std::max(y1, ty(v));
                }
        }
    if (!std::isfinite(x0)) {
        x0 = 0;
        x1 = 1;
        y0 = 0;
        y1 = 1;
    }
    if (x1 <= x0)
        x1 = x0 + 1;
    if (y1 <= y0) {
        const double pad = std::max(1e-12, std::abs(y0) * 0.05);
        y0 -= pad;
        y1 += pad;
    }
    const double pw = kWidth - kLeft - kRight, ph = kHeight - kTop - kBottom;
    const auto px = [&](double x) { return kLeft + pw * (x - x0) / (x1 - x0); };
    const auto py = [&](double y) { return kTop + ph * (1 - (y - y0) / (y1 - y0)); };

    std::string svg;
    svg.reserve(4096 + 48 * 3 * chart.series.size() * (chart.series.empty() ? 0 : chart.series.front().points.size()));
    svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + coord(kWidth) + " " + coord(kHeight)
           + "\" role=\"img\" aria-label=\"" + escapeHtml(chart.title) + "\">";
    svg += "<rect x=\"" + coord(kLeft) + "\" y=\"" + coord(kTop) + "\" width=\"" + coord(pw) + "\" height=\""
           + coord(ph) + "\" fill=\"none\" stroke=\"#999\"/>";
    // Grid and tick labels.
    std::vector<double> yTicks;
    if (chart.logY) {
        for (double e = std::ceil(y0); e <= std::floor(y1); ++e)
            yTicks.push_back(e);
        if (yTicks.size() < 2)
            yTicks = niceTicks(y0, y1, 5);
    } else {
        yTicks = niceTicks(y0, y1, 5);
    }
    for (const double t : yTicks) {
        const std::string y = coord(py(t));
        svg += "<line x1=\"" + coord(kLeft) + "\" y1=\"" + y + "\" x2=\"" + coord(kLeft + pw) + "\" y2=\"" + y
               + "\" stroke=\"#e4e4e4\"/><text x=\"" + coord(kLeft - 4) + "\" y=\"" + y
               + "\" text-anchor=\"end\" dominant-baseline=\"middle\" font-size=\"11\">"
               + tickText(chart.logY ? std::pow(10.0, t) : t) + "</text>";
    }
    for (const double t : niceTicks(x0, x1, 6)) {
        const std::string x = coord(px(t));
        svg += "<line x1=\"" + x + "\" y1=\"" + coord(kTop + ph) + "\" x2=\"" + x + "\" y2=\"" + coord(kTop + ph + 4)
               + "\" stroke=\"#999\"/><text x=\"" + x + "\" y=\"" + coord(kTop + ph + 16)
               + "\" text-anchor=\"middle\" font-size=\"11\">" + tickText(t) + "</text>";
    }
    svg += "<text x=\"" + coord(kLeft + pw / 2) + "\" y=\"" + coord(kHeight - 6)
           + "\" text-anchor=\"middle\" font-size=\"12\">" + escapeHtml(chart.xLabel) + "</text>";
    svg += "<text transform=\"translate(14 " + coord(kTop + ph / 2)
           + ") rotate(-90)\" text-anchor=\"middle\" "
             "font-size=\"12\">"
           + escapeHtml(chart.yLabel) + "</text>";
    // Each series: its runs of finite points, the band first, then the mean over it.
    for (const auto &s : chart.series) {
        const std::string colour = kPalette[static_cast<std::size_t>(std::abs(s.colorIndex)) % std::size(kPalette)];
        std::vector<std::pair<std::size_t, std::size_t>> runs;
        for (std::size_t i = 0; i < s.points.size();) {
            while (i < s.points.size() && !std::isfinite(ty(s.points[i].mean)))
                ++i;
            const std::size_t from = i;
            while (i < s.points.size() && std::isfinite(ty(s.points[i].mean)))
                ++i;
            if (i > from)
                runs.emplace_back(from, i);
        }
        const auto bandY = [&](double v, double fallback) { return std::isfinite(ty(v)) ? ty(v) : fallback; };
        for (const auto &[from, to] : runs) {
            if (chart.band) {
                std::string d = "M";
                for (std::size_t i = from; i < to; ++i) {
                    const auto &p = s.points[i];
                    d += coord(px(p.x)) + "," + coord(py(bandY(p.max, ty(p.mean)))) + " ";
                }
                for (std::size_t i = to; i-- > from;) {
                    const auto &p = s.points[i];
                    d += "L" + coord(px(p.x)) + "," + coord(py(bandY(p.min, ty(p.mean)))) + " ";
                }
                // A faint outline keeps a one-bucket spike visible.
                svg += "<path d=\"" + d + "Z\" fill=\"" + colour + "\" fill-opacity=\"0.18\" stroke=\"" + colour
                       + "\" stroke-opacity=\"0.35\" stroke-width=\"0.6\"/>";
            }
            std::string pts;
            for (std::size_t i = from; i < to; ++i)
                pts += coord(px(s.points[i].x)) + "," + coord(py(ty(s.points[i].mean))) + " ";
            svg += "<polyline points=\"" + pts + "\" fill=\"none\" stroke=\"" + colour
                   + "\" stroke-width=\"1.5\" stroke-linejoin=\"round\"/>";
        }
    }
    svg += "</svg>";
    return svg;
}

std::string seriesColour(int colorIndex)
{
    return kPalette[static_cast<std::size_t>(std::abs(colorIndex)) % std::size(kPalette)];
}

} // namespace seekbench::projects::report
