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
            if (chart.band && !s.dots && !s.stepped) {
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
            if (s.dots) {
                std::string dots;
                for (std::size_t i = from; i < to; ++i)
                    dots += "<circle cx=\"" + coord(px(s.points[i].x)) + "\" cy=\"" + coord(py(ty(s.points[i].mean)))
                            + "\" r=\"3\"/>";
                svg += "<g fill=\"" + colour + "\" fill-opacity=\"0.8\">" + dots + "</g>";
                continue;
            }
            std::string pts;
            for (std::size_t i = from; i < to; ++i) {
                if (s.stepped && i > from) // hold the previous value until this point
                    pts += coord(px(s.points[i].x)) + "," + coord(py(ty(s.points[i - 1].mean))) + " ";
                pts += coord(px(s.points[i].x)) + "," + coord(py(ty(s.points[i].mean))) + " ";
            }
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

double parallelPosition(const ParallelAxis &axis, double value)
{
    if (!std::isfinite(value))
        return NAN;
    if (!axis.categories.empty()) {
        const double last = double(axis.categories.size() - 1);
        if (value < -1e-9 || value > last + 1e-9)
            return NAN;
        return last > 0 ? value / last : 0.5;
    }
    double lo = axis.min, hi = axis.max, v = value;
    if (axis.log) {
        if (!(v > 0 && lo > 0 && hi > 0))
            return NAN;
        lo = std::log10(lo);
        hi = std::log10(hi);
        v = std::log10(v);
    }
    if (!(hi > lo))
        return 0.5;
    const double t = (v - lo) / (hi - lo);
    return t < -1e-9 || t > 1 + 1e-9 ? NAN : std::clamp(t, 0.0, 1.0);
}

std::string parallelColour(double t)
{
    // Light to dark along one hue (viridis' ends read as "better" on paper and on screen).
    static const int stops[][3]
        = {{0xfd, 0xe7, 0x25}, {0x5e, 0xc9, 0x62}, {0x21, 0x91, 0x8c}, {0x3b, 0x52, 0x8b}, {0x44, 0x01, 0x54}};
    t = std::isfinite(t) ? std::clamp(t, 0.0, 1.0) : 1.0;
    const double f = t * 4;
    const int i = std::min(3, int(f));
    const double u = f - i;
    char buf[8];
    const auto mix = [&](int c) { return int(std::lround(stops[i][c] + (stops[i + 1][c] - stops[i][c]) * u)); };
    std::snprintf(buf, sizeof buf, "#%02x%02x%02x", mix(0), mix(1), mix(2));
    return buf;
}

std::string renderParallelSvg(const ParallelCoordinates &chart)
{
    constexpr double width = 720, side = 56, top = 14, plotH = 250, nameH = 44, scaleH = 30;
    const double height = top + plotH + nameH + scaleH;
    const std::size_t n = chart.axes.size();
    const double spacing = n > 1 ? (width - 2 * side) / double(n - 1) : 0;
    const auto ax = [&](std::size_t i) { return n > 1 ? side + spacing * double(i) : width / 2; };
    const auto ay = [&](double pos) { return top + plotH * (1 - pos); };
    double lo = INFINITY, hi = -INFINITY;
    for (const auto &l : chart.lines)
        if (std::isfinite(l.objective)) {
            lo = std::min(lo, l.objective);
            hi = std::max(hi, l.objective);
        }
    const auto shade = [&](double v) {
        if (!std::isfinite(v) || !(hi > lo))
            return 1.0;
        const double t = (v - lo) / (hi - lo);
        return chart.lowerIsBetter ? 1 - t : t;
    };
    std::vector<const ParallelLine *> order;
    for (const auto &l : chart.lines)
        order.push_back(&l);
    std::stable_sort(order.begin(), order.end(), [&](const ParallelLine *a, const ParallelLine *b) {
        if (a->highlighted != b->highlighted)
            return !a->highlighted;
        return shade(a->objective) < shade(b->objective);
    });

    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + coord(width) + " " + coord(height)
                      + "\" role=\"img\" aria-label=\"" + escapeHtml(chart.title) + "\">";
    svg += "<g fill=\"none\" stroke-linejoin=\"round\" stroke-linecap=\"round\">";
    for (const ParallelLine *l : order) {
        // An inactive param (NaN) is skipped: a dashed line bridges its axis.
        std::string d, bridges, previous;
        bool skipped = false;
        for (std::size_t i = 0; i < n && i < l->values.size(); ++i) {
            const double pos = parallelPosition(chart.axes[i], l->values[i]);
            if (!std::isfinite(pos)) {
                skipped = true;
                continue;
            }
            const std::string pt = coord(ax(i)) + "," + coord(ay(pos));
            if (!previous.empty() && skipped)
                bridges += "M" + previous + " L" + pt + " ";
            d += (previous.empty() || skipped ? "M" : "L") + pt + " ";
            previous = pt;
            skipped = false;
        }
        if (previous.empty())
            continue;
        const std::string colour = l->highlighted ? "#d62728" : parallelColour(shade(l->objective));
        const std::string width = l->highlighted ? "2.4" : "1";
        const std::string opacity = l->highlighted ? "" : " stroke-opacity=\"0.75\"";
        svg += "<g stroke=\"" + colour + "\" stroke-width=\"" + width + "\"" + opacity + "><title>"
               + escapeHtml(l->label) + "</title><path d=\"" + d + "\"/>";
        if (!bridges.empty())
            svg += "<path d=\"" + bridges + "\" stroke-dasharray=\"4 3\"/>";
        svg += "</g>";
    }
    svg += "</g>";
    for (std::size_t i = 0; i < n; ++i) {
        const ParallelAxis &a = chart.axes[i];
        const std::string x = coord(ax(i));
        svg += "<line x1=\"" + x + "\" y1=\"" + coord(top) + "\" x2=\"" + x + "\" y2=\"" + coord(top + plotH)
               + "\" stroke=\"#888\"/>";
        std::vector<std::pair<double, std::string>> ticks;
        if (!a.categories.empty()) {
            for (std::size_t c = 0; c < a.categories.size(); ++c)
                ticks.emplace_back(parallelPosition(a, double(c)), a.categories[c]);
        } else {
            const double mid = a.log && a.min > 0 && a.max > 0 ? std::sqrt(a.min * a.max) : (a.min + a.max) / 2;
            for (const double v : {a.min, mid, a.max}) {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%.3g", v);
                ticks.emplace_back(parallelPosition(a, v), buf);
            }
        }
        const bool last = i + 1 == n && n > 1;
        for (const auto &[pos, text] : ticks) {
            if (!std::isfinite(pos))
                continue;
            const std::string y = coord(ay(pos));
            svg += "<text x=\"" + coord(ax(i) + (last ? -4 : 4)) + "\" y=\"" + y + "\" text-anchor=\""
                   + (last ? "end" : "start")
                   + "\" dominant-baseline=\"middle\" font-size=\"10\" fill=\"#444\" stroke=\"#fff\" "
                     "stroke-width=\"3\" paint-order=\"stroke\">"
                   + escapeHtml(text) + "</text>";
        }
        // A name wider than the space between two axes breaks after its last dot.
        const std::size_t dot = a.name.rfind('.');
        const bool split = n > 1 && double(a.name.size()) * 6.2 > spacing && dot != std::string::npos && dot > 0
                           && dot + 1 < a.name.size();
        // Two text elements rather than tspans with dy: every SVG renderer places those.
        const auto nameLine = [&](double y, const std::string &text) {
            svg += "<text x=\"" + x + "\" y=\"" + coord(y)
                   + "\" text-anchor=\"middle\" font-size=\"11\" font-weight=\"600\">" + escapeHtml(text) + "</text>";
        };
        if (split) {
            nameLine(top + plotH + 16, a.name.substr(0, dot + 1));
            nameLine(top + plotH + 29, a.name.substr(dot + 1));
        } else {
            nameLine(top + plotH + 16, a.name);
        }
    }
    // The colour scale: worst to best.
    const double sy = top + plotH + nameH;
    svg += "<defs><linearGradient id=\"pc-scale\">";
    for (int k = 0; k <= 4; ++k)
        svg += "<stop offset=\"" + coord(k * 25.0) + "%\" stop-color=\"" + parallelColour(k / 4.0) + "\"/>";
    svg += "</linearGradient></defs><rect x=\"" + coord(side) + "\" y=\"" + coord(sy)
           + "\" width=\"160\" "
             "height=\"10\" fill=\"url(#pc-scale)\" stroke=\"#888\" stroke-width=\"0.5\"/>";
    if (hi >= lo) {
        char worst[32], best[32];
        std::snprintf(worst, sizeof worst, "%.4g", chart.lowerIsBetter ? hi : lo);
        std::snprintf(best, sizeof best, "%.4g", chart.lowerIsBetter ? lo : hi);
        svg += "<text x=\"" + coord(side - 4) + "\" y=\"" + coord(sy + 5)
               + "\" text-anchor=\"end\" "
                 "dominant-baseline=\"middle\" font-size=\"10\">"
               + std::string(worst) + "</text><text x=\"" + coord(side + 164) + "\" y=\"" + coord(sy + 5)
               + "\" dominant-baseline=\"middle\" font-size=\"10\">" + best + "</text>";
    }
    svg += "<text x=\"" + coord(side + 230) + "\" y=\"" + coord(sy + 5)
           + "\" dominant-baseline=\"middle\" "
             "font-size=\"11\">"
           + escapeHtml(chart.colourLabel) + "</text>";
    svg += "</svg>";
    return svg;
}

} // namespace seekbench::projects::report
